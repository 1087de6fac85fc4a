// Numbers written in letters for the names benches register: a name may not contain digits
// (shared/domain/participant-record.ts).

/** 0 → "a", 25 → "z", 26 → "ba", 27 → "bb". */
export const inLetters = (n: number): string =>
  (n >= 26 ? inLetters(Math.floor(n / 26)) : '') + String.fromCharCode(97 + (n % 26));
