// Signing off, in one step, everyone the rule finds ready but for the officer's sign-off (the
// candidates list's "Ready for sign-off"), with a date and who signed. A bulk write: one
// transaction (the dispatcher took a checked backup first), one audit entry per person, then
// the site-ready outcomes of everyone who became ready.
import { signoffRefusal } from '../../../shared/domain/cscs';
import { formatUkDate } from '../../../shared/domain/dates';
import { evaluateSiteReady, ruleBeforeSignoff } from '../../../shared/domain/site-ready';
import { AppFailure } from '../../../shared/result';
import type { Tx } from '../../store/schema';
import type { AuditEntry } from '../audit/audit.repository';
import { appendAuditMany } from '../imports/bulk-audit';
import { findStaff } from '../staff/staff.repository';
import { refreshSiteReady } from './course-outcomes';
import { insertSignoffs } from './results.repository';
import { loadContacts, loadFacts, loadSiteReadyRule, ticketTypesOf } from './site-ready.repository';

export interface BulkSignoff {
  signedOn: string;
  signedBy: number | null;
  notes: string | null;
  participantIds?: number[] | undefined;
}

export async function signOffEveryoneReady(
  tx: Tx,
  input: BulkSignoff,
  actor: { staffId: number | null; at: string; today: string },
) {
  if (input.signedOn > actor.today)
    throw new AppFailure('validation', 'Some details need correcting.', [
      { path: ['signedOn'], message: 'The sign-off date cannot be in the future' },
    ]);
  const signer = input.signedBy ?? actor.staffId;
  if (input.signedBy !== null) {
    const staff = await findStaff(tx, input.signedBy);
    if (!staff || !staff.is_active)
      throw new AppFailure('validation', 'Some details need correcting.', [
        { path: ['signedBy'], message: 'Choose who signed from the staff list' },
      ]);
  }
  const rule = await loadSiteReadyRule(tx);
  if (!rule.requireSignoff)
    throw new AppFailure('conflict', "The programme's site-ready rule does not ask for an officer's sign-off.");
  const contacts = await loadContacts(tx);
  const facts = await loadFacts(tx, undefined, ticketTypesOf(rule));
  const before = ruleBeforeSignoff(rule);
  const wanted = input.participantIds ? new Set(input.participantIds) : null;
  const skipped: Array<{ participantId: number; reason: string }> = [];
  const chosen: number[] = [];
  for (const id of wanted ?? contacts.keys()) {
    const f = facts.get(id);
    const c = contacts.get(id);
    if (!f || !c) {
      if (wanted) skipped.push({ participantId: id, reason: 'No CSCS records' });
      continue;
    }
    const now = evaluateSiteReady(rule, f, input.signedOn);
    const without = evaluateSiteReady(before, f, input.signedOn);
    const refusal = signoffRefusal(f.hseTests, f.cards, input.signedOn);
    if (now.ready) {
      if (wanted) skipped.push({ participantId: id, reason: 'Already site ready' });
    } else if (!without.ready || refusal) {
      if (wanted)
        skipped.push({
          participantId: id,
          reason:
            refusal ??
            `Not ready on ${formatUkDate(input.signedOn)}: ${without.missing.map((m) => m.label).join('; ')}`,
        });
    } else chosen.push(id);
  }
  if (!chosen.length) return { signedOff: 0, becameSiteReady: 0, skipped };
  const ids = await insertSignoffs(
    tx,
    chosen.map((id) => ({
      participant_id: id,
      signed_on: input.signedOn,
      signed_by: signer,
      notes: input.notes,
      revoked_on: null,
      created_at: actor.at,
    })),
  );
  const signerName = signer ? ((await findStaff(tx, signer))?.display_name ?? 'an officer') : 'an officer';
  const audit: AuditEntry[] = chosen.map((id, k) => ({
    action: 'create',
    entity: 'site_ready_signoff',
    entityId: ids[k]!,
    participantId: id,
    summary: `Readiness signed off on ${input.signedOn} by ${signerName} (with everyone the rule found ready)`,
    after: { signed_on: input.signedOn, signed_by: signer, notes: input.notes },
  }));
  audit.push({
    action: 'create',
    entity: 'site_ready_signoff',
    summary: `${chosen.length} people signed off as site ready on ${input.signedOn} by ${signerName} in one step`,
    after: { signedOn: input.signedOn, signedBy: signer, people: chosen.length },
  });
  await appendAuditMany(tx, actor.at, actor.staffId, audit);
  const becameSiteReady = await refreshSiteReady(tx, actor.at, actor.today, actor.staffId, chosen, rule);
  return { signedOff: chosen.length, becameSiteReady, skipped };
}
