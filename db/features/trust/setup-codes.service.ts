// One-time set-up codes: the way a staff profile without a password gets one. An administrator
// issues a code when adding someone (or later, e.g. for a forgotten password); it is shown once,
// expires after SETUP_CODE_HOURS and works once; only its SHA-256 is stored. A new code replaces
// the profile's earlier ones.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppFailure } from '../../../shared/result';
import { codeFromBytes, groupCode, normaliseCode, SETUP_CODE_LENGTH } from '../../../shared/domain/key-codes';
import type { Tx } from '../../store/schema';
import type { StaffSetupCodeRow } from '../../store/tables/trust.tables';
import { appendAudit } from '../audit/audit.repository';
import { findStaff } from '../staff/staff.repository';
import { currentSetupCode, insertSetupCode, retireSetupCodes } from './setup-codes.repository';

export const SETUP_CODE_HOURS = 72;

function codeHash(canonical: string): string {
  return createHash('sha256').update(`worksbook-setup-code:${canonical}`).digest('hex');
}

export interface IssuedSetupCode {
  staffId: number;
  /** Shown once, in groups ("K7QM-3WXD-9PTR"). */
  code: string;
  expiresAt: string;
}

export async function issueSetupCode(
  tx: Tx,
  actor: { staffId: number | null; now: string },
  staffId: number,
): Promise<IssuedSetupCode> {
  const staff = await findStaff(tx, staffId);
  if (!staff || staff.is_active !== 1)
    throw new AppFailure('not-found', 'That staff account does not exist or is not active.');
  const code = codeFromBytes(randomBytes(SETUP_CODE_LENGTH), SETUP_CODE_LENGTH);
  const expiresAt = new Date(new Date(actor.now).getTime() + SETUP_CODE_HOURS * 3_600_000).toISOString();
  await retireSetupCodes(tx, staffId, actor.now);
  await insertSetupCode(tx, {
    staff_id: staffId,
    code_hash: codeHash(code),
    issued_by: actor.staffId,
    created_at: actor.now,
    expires_at: expiresAt,
  });
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'setup-code',
    entity: 'staff',
    entityId: staffId,
    summary: `Set-up code issued for ${staff.display_name} (valid for ${SETUP_CODE_HOURS} hours)`,
  });
  return { staffId, code: groupCode(code, 4), expiresAt };
}

/** The profile's current code if `typed` is it (compared in constant time). */
export async function matchSetupCode(
  tx: Tx,
  staffId: number,
  typed: string,
  nowIso: string,
): Promise<StaffSetupCodeRow | null> {
  const current = await currentSetupCode(tx, staffId, nowIso);
  const canonical = normaliseCode(typed);
  if (!current || canonical === null) return null;
  const expected = Buffer.from(current.code_hash, 'hex');
  const actual = Buffer.from(codeHash(canonical), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? current : null;
}
