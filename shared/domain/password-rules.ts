// Password rules for staff profiles (NCSC guidance: length over complexity, no composition
// rules, refuse the obvious). Pure, so the form and the backend apply the same check.
import { z } from 'zod';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
export const LOCKOUT_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 15;

const COMMON = new Set([
  'password',
  'password1',
  'password12',
  'password123',
  'passw0rd',
  '1234567890',
  '12345678910',
  'qwertyuiop',
  'iloveyou12',
  'letmein123',
  'welcome123',
  'worksbook',
  'worksbook1',
  'stevenage1',
  'stevenage',
  'administrator',
  'changeme123',
  'abcdefghij',
]);

export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters (three random words work well)`;
  if (password.length > PASSWORD_MAX) return `Use ${PASSWORD_MAX} characters or fewer`;
  if (/^(.)\1*$/.test(password)) return 'Do not use one character repeated';
  if (COMMON.has(password.toLowerCase())) return 'That password is too common; choose another';
  return null;
}

export const newPasswordSchema = z.string().superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
