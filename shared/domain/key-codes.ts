// Codes people read off a screen or paper and type back: a staff member's one-time set-up code and
// the store's recovery key. Both use Crockford's base32 (digits and capitals without I, L, O, U),
// shown in groups; typing accepts any case, spaces or hyphens, and the letters people confuse with
// digits (I and L for 1, O for 0). Pure, so the form checks the shape and the backend the value.

export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A set-up code: 12 characters (60 bits) in groups of 4, e.g. "K7QM-3WXD-9PTR". */
export const SETUP_CODE_LENGTH = 12;
/** A recovery key: 30 characters (150 bits) in 6 groups of 5. */
export const RECOVERY_KEY_LENGTH = 30;

/** What was typed, as the canonical characters (null when a character is not in the alphabet). */
export function normaliseCode(text: string): string | null {
  const compact = text
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  for (const ch of compact) if (!CROCKFORD_ALPHABET.includes(ch)) return null;
  return compact;
}

/** Canonical characters (or random bytes turned into them) shown in groups of `size`. */
export function groupCode(code: string, size: number): string {
  return code.match(new RegExp(`.{1,${size}}`, 'g'))?.join('-') ?? '';
}

/** `count` characters of the alphabet from random bytes (5 bits each; one byte per character is
 * plenty and keeps it simple: the low 5 bits of a uniform byte are uniform). */
export function codeFromBytes(bytes: Uint8Array, count: number): string {
  if (bytes.length < count) throw new Error('Not enough random bytes for the code.');
  let out = '';
  for (let i = 0; i < count; i++) out += CROCKFORD_ALPHABET[bytes[i]! & 31];
  return out;
}

export function setupCodeProblem(text: string): string | null {
  const code = normaliseCode(text);
  if (code === null) return 'A set-up code has only letters and digits (like K7QM-3WXD-9PTR)';
  if (code.length !== SETUP_CODE_LENGTH) return `A set-up code has ${SETUP_CODE_LENGTH} letters and digits`;
  return null;
}

export function recoveryKeyProblem(text: string): string | null {
  const code = normaliseCode(text);
  if (code === null) return 'A recovery key has only letters and digits, in six groups of five';
  if (code.length !== RECOVERY_KEY_LENGTH)
    return `A recovery key has ${RECOVERY_KEY_LENGTH} letters and digits (six groups of five); this has ${code.length}`;
  return null;
}
