// Turning what a control holds (always text) into the values the contract wants, for
// react-hook-form's `setValueAs`: register('capacity', { setValueAs: toNumber }).

/** '' → null; otherwise the number, or NaN (which the schema then reports) when it is not one. */
export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return value;
  const text = String(value ?? '')
    .trim()
    .replace(/,/g, '');
  return text === '' ? null : Number(text);
}

/** A <select> of ids: '' → null, otherwise the id. */
export function toId(value: unknown): number | null {
  if (typeof value === 'number') return value;
  return value === '' || value == null ? null : Number(value);
}

/** '' → null, so "nothing chosen" is sent as nothing. */
export function toCode(value: unknown): string | null {
  return value === '' || value == null ? null : String(value);
}

/** "11.44" or "£11.44" → 1144 pence; '' → null; NaN when it is not an amount. */
export function poundsToPence(text: string): number | null {
  const t = text.trim().replace(/^£/, '').replace(/,/g, '');
  if (!t) return null;
  return /^\d+(\.\d{1,2})?$/.test(t) ? Math.round(Number(t) * 100) : Number.NaN;
}

export function penceToPounds(pence: number | null | undefined): string {
  return pence == null || Number.isNaN(pence) ? '' : (pence / 100).toFixed(2);
}

/** A stored code as one of a list's codes (for a form's typed starting value), or undefined. */
export function codeIn<T extends string>(codes: readonly T[], value: string | null | undefined): T | undefined {
  return codes.find((c) => c === value);
}
