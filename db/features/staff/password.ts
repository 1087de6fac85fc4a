// Password hashing with scrypt (node:crypto): salted, memory-hard, no native dependency. The
// parameters are OWASP's Password Storage Cheat Sheet minimum for scrypt: N=2^17 (128 MiB of
// memory), r=8, p=1. Each hash records its own parameters, so hashes made with older ones
// (N=2^14 before issue 13) still verify, and sign-in replaces them (needsRehash).
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const N = 2 ** 17,
  r = 8,
  p = 1,
  KEYLEN = 32;
// scrypt needs 128 * N * r bytes; Node refuses more than 32 MiB unless told.
const MAXMEM = 256 * 1024 * 1024;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFKC'), salt, KEYLEN, { N, r, p, maxmem: MAXMEM });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, rr, pp, saltB64, hashB64] = stored.split('$');
  if (scheme !== 'scrypt' || !saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, 'base64');
  const actual = scryptSync(password.normalize('NFKC'), Buffer.from(saltB64, 'base64'), expected.length, {
    N: Number(n),
    r: Number(rr),
    p: Number(pp),
    maxmem: MAXMEM,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash made with weaker parameters than today's: replace it when the password is next given. */
export function needsRehash(stored: string): boolean {
  const [scheme, n, rr, pp] = stored.split('$');
  return scheme !== 'scrypt' || Number(n) < N || Number(rr) < r || Number(pp) < p;
}
