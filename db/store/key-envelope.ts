// The key envelope: a small file beside the store (`<store>.keys`) that lets several secrets open
// it. SQLite3MultipleCiphers has one key per file, so the store key is random and each secret
// wraps it rather than being it:
//
//   secret (OS keychain, recovery key, passphrase, key file) --KEK--> master key M   (one slot each)
//   M --AES-256-GCM--> { store key K (opens the SQLite file), audit key A (keys the audit chain) }
//
// Losing the keychain entry (a Windows password reset by IT, a rebuilt laptop) no longer loses the
// data: the recovery key, shown once at set-up, opens the same envelope. Changing the store key
// (`cli rekey`) rewrites only the keys part, so every slot, the recovery key's too, keeps working.
// The audit key never lives in the store, so someone holding only the store key cannot recompute
// the audit chain. Every backup carries a copy of the envelope (`<backup>.keys`), so a backup and
// the recovery key are enough to restore on a new machine.
//
// Key derivation: the keychain secret, key file and recovery key are random (256, 256 and 150
// bits) and go through HKDF-SHA256; a passphrase through scrypt N=2^17, r=8, p=1 (OWASP Password
// Storage Cheat Sheet). Each slot and the keys part are AES-256-GCM with the store's id and the
// slot's kind as associated data, so a slot cannot be moved to another store or kind.
import fs from 'node:fs';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomUUID, scryptSync } from 'node:crypto';
import { z } from 'zod';
import { normaliseCode } from '../../shared/domain/key-codes';
import { writePrivateFile } from './private-file';
import { WrongKeyError } from './sqlite/encryption';

export const ENVELOPE_SUFFIX = '.keys';
export const envelopeFileOf = (storeFile: string) => `${storeFile}${ENVELOPE_SUFFIX}`;

/** A secret that opens a slot. */
export type UnlockSecret =
  | { kind: 'keychain'; secret: Buffer }
  | { kind: 'recovery'; key: string }
  | { kind: 'passphrase'; text: string }
  | { kind: 'key-file'; bytes: Buffer };
export type SlotKind = UnlockSecret['kind'];

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const sealedSchema = z.object({ iv: b64, data: b64 });
const slotSchema = z.object({
  kind: z.enum(['keychain', 'recovery', 'passphrase', 'key-file']),
  kdf: z.union([
    z.object({ name: z.literal('hkdf-sha256') }),
    z.object({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int() }),
  ]),
  salt: b64,
  sealed: sealedSchema,
  addedAt: z.string(),
});
const envelopeSchema = z.object({
  format: z.literal('worksbook-key-envelope'),
  version: z.literal(1),
  storeId: z.string().min(8),
  createdAt: z.string(),
  slots: z.array(slotSchema).min(1),
  keys: sealedSchema,
  /** While a rekey is under way: the keys before it, until the re-encrypted file is in place. */
  previousKeys: sealedSchema.nullable(),
  /** Whether someone confirmed writing the recovery key down; until then it is shown again. */
  recoveryConfirmed: z.boolean(),
});
export type KeyEnvelope = z.infer<typeof envelopeSchema>;
type Slot = z.infer<typeof slotSchema>;

/** What the envelope protects. */
export interface StoreSecrets {
  /** Opens the SQLite file (SQLite3MultipleCiphers raw key). */
  storeKey: Buffer;
  /** Keys the audit log's hash chain (HMAC-SHA256). */
  auditKey: Buffer;
}

/** An opened envelope: what was in it and the master key that opened it. */
export interface Keyring {
  envelope: KeyEnvelope;
  master: Buffer;
  secrets: StoreSecrets;
  /** The store key before an unfinished rekey, to open a file the rekey did not replace. */
  previousStoreKey: Buffer | null;
}

/** A WrongKeyError, so callers that tell a wrong key from other failures keep working. */
export class WrongSecretError extends WrongKeyError {
  constructor(kind: SlotKind | 'any') {
    super();
    this.message =
      kind === 'recovery'
        ? 'That recovery key does not open this data file. Check it against the printed copy (letters and digits in six groups of five).'
        : kind === 'keychain'
          ? "This computer's keychain entry does not open this data file. Enter its recovery key."
          : 'The data file could not be opened with this key or passphrase.';
    this.name = 'WrongSecretError';
  }
}

export class NoSlotError extends WrongKeyError {
  constructor(kind: SlotKind) {
    const how =
      kind === 'keychain'
        ? "This computer's keychain has no key for this data file (a new computer, or the keychain was reset). Enter its recovery key."
        : `This data file cannot be opened with a ${kind === 'key-file' ? 'key file' : kind}; ` +
          `use its recovery key${kind === 'recovery' ? '' : ' or passphrase'}.`;
    super();
    this.message = how;
    this.name = 'NoSlotError';
  }
}

const PASSPHRASE_SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
const SCRYPT_MAXMEM = 256 * 1024 * 1024;

function seal(key: Buffer, plaintext: Buffer, aad: string): { iv: string; data: string } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { iv: iv.toString('base64'), data: body.toString('base64') };
}

/** Opens a sealed part; null when the key is wrong (or the part was altered). */
function open(key: Buffer, sealed: { iv: string; data: string }, aad: string): Buffer | null {
  try {
    const raw = Buffer.from(sealed.data, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(0, raw.length - 16)), decipher.final()]);
  } catch {
    return null;
  }
}

function secretBytes(secret: UnlockSecret): Buffer {
  switch (secret.kind) {
    case 'keychain':
      return secret.secret;
    case 'key-file':
      return secret.bytes;
    case 'recovery': {
      const canonical = normaliseCode(secret.key);
      return Buffer.from(canonical ?? '', 'ascii');
    }
    case 'passphrase':
      return Buffer.from(secret.text.normalize('NFKC'), 'utf8');
  }
}

function slotKek(secret: UnlockSecret, slot: Pick<Slot, 'kdf' | 'salt'>): Buffer {
  const salt = Buffer.from(slot.salt, 'base64');
  const bytes = secretBytes(secret);
  if (slot.kdf.name === 'scrypt')
    return scryptSync(bytes, salt, 32, { N: slot.kdf.N, r: slot.kdf.r, p: slot.kdf.p, maxmem: SCRYPT_MAXMEM });
  return Buffer.from(hkdfSync('sha256', bytes, salt, `worksbook key envelope: ${secret.kind}`, 32));
}

const slotAad = (storeId: string, kind: SlotKind) => `worksbook:${storeId}:slot:${kind}`;
const keysAad = (storeId: string) => `worksbook:${storeId}:keys`;

function makeSlot(storeId: string, master: Buffer, secret: UnlockSecret, now: string): Slot {
  const kdf =
    secret.kind === 'passphrase' ? { name: 'scrypt' as const, ...PASSPHRASE_SCRYPT } : { name: 'hkdf-sha256' as const };
  const salt = randomBytes(16).toString('base64');
  const kek = slotKek(secret, { kdf, salt });
  return { kind: secret.kind, kdf, salt, sealed: seal(kek, master, slotAad(storeId, secret.kind)), addedAt: now };
}

function sealKeys(storeId: string, master: Buffer, secrets: StoreSecrets) {
  const json = JSON.stringify({
    storeKey: secrets.storeKey.toString('hex'),
    auditKey: secrets.auditKey.toString('hex'),
  });
  return seal(master, Buffer.from(json), keysAad(storeId));
}

function openKeys(storeId: string, master: Buffer, sealed: { iv: string; data: string }): StoreSecrets {
  const raw = open(master, sealed, keysAad(storeId));
  if (!raw) throw new Error('The key envelope is damaged: its keys do not open with its own master key.');
  const parsed = JSON.parse(raw.toString('utf8')) as { storeKey: string; auditKey: string };
  return { storeKey: Buffer.from(parsed.storeKey, 'hex'), auditKey: Buffer.from(parsed.auditKey, 'hex') };
}

export function newStoreSecrets(): StoreSecrets {
  return { storeKey: randomBytes(32), auditKey: randomBytes(32) };
}

/** A new envelope holding `secrets`, opened by each of `unlocks`. */
export function createEnvelope(secrets: StoreSecrets, unlocks: UnlockSecret[], now: string): Keyring {
  const storeId = randomUUID();
  const master = randomBytes(32);
  const envelope: KeyEnvelope = {
    format: 'worksbook-key-envelope',
    version: 1,
    storeId,
    createdAt: now,
    slots: unlocks.map((u) => makeSlot(storeId, master, u, now)),
    keys: sealKeys(storeId, master, secrets),
    previousKeys: null,
    recoveryConfirmed: false,
  };
  return { envelope, master, secrets, previousStoreKey: null };
}

/** Opens the envelope with one secret (any slot of its kind). */
export function unlockEnvelope(envelope: KeyEnvelope, secret: UnlockSecret): Keyring {
  const slots = envelope.slots.filter((s) => s.kind === secret.kind);
  if (!slots.length) throw new NoSlotError(secret.kind);
  if (secret.kind === 'recovery' && normaliseCode(secret.key) === null) throw new WrongSecretError('recovery');
  for (const slot of slots) {
    const master = open(slotKek(secret, slot), slot.sealed, slotAad(envelope.storeId, slot.kind));
    if (!master) continue;
    return openedWith(envelope, master);
  }
  throw new WrongSecretError(secret.kind);
}

function openedWith(envelope: KeyEnvelope, master: Buffer): Keyring {
  const secrets = openKeys(envelope.storeId, master, envelope.keys);
  const previous = envelope.previousKeys ? openKeys(envelope.storeId, master, envelope.previousKeys) : null;
  return { envelope, master, secrets, previousStoreKey: previous?.storeKey ?? null };
}

/** The envelope with the slots of `secret`'s kind replaced by one for `secret`. */
export function withSlot(keyring: Keyring, secret: UnlockSecret, now: string): Keyring {
  const { envelope, master } = keyring;
  const slots = [
    ...envelope.slots.filter((s) => s.kind !== secret.kind),
    makeSlot(envelope.storeId, master, secret, now),
  ];
  return { ...keyring, envelope: { ...envelope, slots } };
}

export function withoutSlots(keyring: Keyring, kind: SlotKind): Keyring {
  return {
    ...keyring,
    envelope: { ...keyring.envelope, slots: keyring.envelope.slots.filter((s) => s.kind !== kind) },
  };
}

export function withRecoveryConfirmed(keyring: Keyring, confirmed: boolean): Keyring {
  return { ...keyring, envelope: { ...keyring.envelope, recoveryConfirmed: confirmed } };
}

/** The envelope under a new master key, with a slot for each of `unlocks` only. A copy of the old
 * envelope (a backup's companion, say) opened with an old secret gives the old master key, which
 * opens nothing here: the remedy when a recovery key may have been seen. Ways in whose secrets are
 * not given stop working. */
export function withNewMaster(keyring: Keyring, unlocks: UnlockSecret[], now: string): Keyring {
  const { envelope } = keyring;
  const master = randomBytes(32);
  const previous = keyring.previousStoreKey
    ? sealKeys(envelope.storeId, master, { ...keyring.secrets, storeKey: keyring.previousStoreKey })
    : null;
  return {
    ...keyring,
    master,
    envelope: {
      ...envelope,
      slots: unlocks.map((u) => makeSlot(envelope.storeId, master, u, now)),
      keys: sealKeys(envelope.storeId, master, keyring.secrets),
      previousKeys: envelope.previousKeys ? previous : null,
    },
  };
}

/** Step one of a rekey: the new store key sealed, the old one kept until the file is replaced. */
export function beginRekey(keyring: Keyring, newStoreKey: Buffer): Keyring {
  const secrets = { ...keyring.secrets, storeKey: newStoreKey };
  const { envelope, master } = keyring;
  return {
    envelope: { ...envelope, keys: sealKeys(envelope.storeId, master, secrets), previousKeys: envelope.keys },
    master,
    secrets,
    previousStoreKey: keyring.secrets.storeKey,
  };
}

/** Step two: the re-encrypted file is in place; the old store key is forgotten. */
export function finishRekey(keyring: Keyring): Keyring {
  return { ...keyring, envelope: { ...keyring.envelope, previousKeys: null }, previousStoreKey: null };
}

/** After an interrupted rekey, the envelope as the file on disk needs it: the rekey finished when
 * the file opened with the new key, and is undone when it opened with the old one. */
export function settleRekey(keyring: Keyring, openedWith: Buffer): Keyring {
  const previous = keyring.previousStoreKey;
  if (!previous || !keyring.envelope.previousKeys) return keyring;
  if (!previous.equals(openedWith)) return finishRekey(keyring);
  return {
    envelope: { ...keyring.envelope, keys: keyring.envelope.previousKeys, previousKeys: null },
    master: keyring.master,
    secrets: { ...keyring.secrets, storeKey: previous },
    previousStoreKey: null,
  };
}

export function readEnvelope(file: string): KeyEnvelope | null {
  if (!fs.existsSync(file)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw new Error(`The key envelope ${file} is not readable. Restore it from a backup (<backup>.keys).`);
  }
  const checked = envelopeSchema.safeParse(parsed);
  if (!checked.success) throw new Error(`The key envelope ${file} is not in a form this version knows.`);
  return checked.data;
}

export function envelopeJson(envelope: KeyEnvelope): string {
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

export function writeEnvelope(file: string, envelope: KeyEnvelope): void {
  writePrivateFile(file, envelopeJson(envelope));
}

export function parseEnvelope(json: unknown): KeyEnvelope | null {
  const checked = envelopeSchema.safeParse(json);
  return checked.success ? checked.data : null;
}
