// Small normalisers for what officers type about organisations.
/** Upper case with one space before the 3-character inward code (DOMAIN.md §4); other text is kept. */
export function normalisePostcode(text: string): string {
  const compact = text.replace(/\s+/g, '').toUpperCase();
  return /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(compact)
    ? `${compact.slice(0, -3)} ${compact.slice(-3)}`
    : text.trim().toUpperCase();
}
