// Indicator sets: creating one for a funder (empty or copied from another set), changing its name
// and agreement, and saving a new version of its indicators — refused when someone saved one
// meanwhile or when a rule refers to an indicator not in the set; audited with the set before and
// after. A definition is "agreed with the funder" only when an administrator says so: saving keeps
// who confirmed it while the wording and rule stay the same, and records the saver otherwise.
import { AppFailure } from '../../../shared/result';
import type { IndicatorInput } from '../../../shared/contract/returns.contract';
import type { Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';
import { findFunder } from './returns.repository';
import {
  agreementsOfVersion,
  findAgreement,
  findSetRow,
  insertSet,
  insertSetVersion,
  loadSetVersion,
  setCodeTaken,
  updateSet,
  type Agreed,
} from './indicator-sets.repository';

export async function saveSetVersion(
  tx: Tx,
  input: { setId: number; basedOnVersionId: number; note: string; indicators: IndicatorInput[] },
  at: string,
  staffId: number | null,
): Promise<{ versionId: number; version: number }> {
  const current = await loadSetVersion(tx, input.setId);
  if (current.versionId !== input.basedOnVersionId) {
    throw new AppFailure(
      'conflict',
      `Someone saved version ${current.version} of this set while you were editing. Reload it and make your change again.`,
    );
  }
  const codes = new Set(input.indicators.map((i) => i.code));
  input.indicators.forEach((ind, i) => {
    for (const other of ind.rule.notCountedUnder ?? []) {
      if (!codes.has(other) || other === ind.code)
        throw new AppFailure('validation', 'A rule refers to an indicator that is not in the set.', [
          {
            path: ['indicators', i, 'rule', 'notCountedUnder'],
            message: `${other} is not another indicator in this set`,
          },
        ]);
    }
  });
  const before = await agreementsOfVersion(tx, current.versionId);
  const agreed = new Map<string, Agreed>();
  for (const ind of input.indicators) {
    if (ind.definitionStatus !== 'agreed') continue;
    const was = before.get(ind.code);
    const unchanged =
      was?.definition_status === 'agreed' &&
      was.title === ind.title &&
      was.definition === ind.definition &&
      was.rule_json === JSON.stringify(ind.rule);
    agreed.set(
      ind.code,
      unchanged && was.agreed_on ? { by: was.agreed_by, on: was.agreed_on } : { by: staffId, on: at.slice(0, 10) },
    );
  }
  const saved = await insertSetVersion(tx, input.setId, input.note, input.indicators, staffId, at, agreed);
  await appendAudit(tx, at, staffId, {
    action: 'update',
    entity: 'indicator_set',
    entityId: input.setId,
    summary: `Indicator set ${current.set.code} saved as version ${saved.version}: ${input.note}`,
    before: { version: current.version, indicators: current.indicators.map(({ sentence: _s, ...i }) => i) },
    after: { version: saved.version, indicators: input.indicators },
  });
  return saved;
}

async function checkAgreementOf(tx: Tx, funderId: number, agreementId: number | null): Promise<void> {
  if (agreementId === null) return;
  const a = await findAgreement(tx, agreementId);
  if (!a || a.funder_id !== funderId)
    throw new AppFailure('validation', "Choose one of this funder's agreements.", [
      { path: ['agreementId'], message: "Choose one of this funder's agreements" },
    ]);
}

/** The one indicator a new, empty set starts with: edit it in the set editor. */
const starterIndicator: IndicatorInput = {
  code: 'IND-1',
  title: 'People starting funded support',
  definition: 'People whose support funded by this funder starts in the period. Edit this to match the agreement.',
  unit: 'People',
  evidenceRequired: 'Registration form; eligibility evidence.',
  interventionCode: null,
  definitionStatus: 'local_draft',
  rule: {
    subject: 'funding_spells',
    dateField: 'starts_on',
    countDistinct: 'participant',
    funding: 'funder',
    eligibleOnly: true,
    excludeClaimedInSubmittedReturns: true,
  },
};

export async function createSet(
  tx: Tx,
  input: {
    funderId: number;
    agreementId: number | null;
    code: string;
    name: string;
    description: string | null;
    copyFromSetId: number | null;
  },
  at: string,
  staffId: number | null,
): Promise<{ setId: number }> {
  const funder = await findFunder(tx, input.funderId);
  if (!funder) throw new AppFailure('not-found', 'That funder does not exist.');
  await checkAgreementOf(tx, input.funderId, input.agreementId);
  if (await setCodeTaken(tx, input.code))
    throw new AppFailure('validation', 'That code is already used by another set.', [
      { path: ['code'], message: 'That code is already used by another set' },
    ]);
  let indicators: IndicatorInput[] = [starterIndicator];
  if (input.copyFromSetId !== null) {
    const from = await loadSetVersion(tx, input.copyFromSetId);
    // A copy is a draft for this funder: nothing in it has been agreed with them yet.
    indicators = from.indicators.map(({ sentence: _s, agreedBy: _b, agreedOn: _o, ...i }) => ({
      ...i,
      definitionStatus: i.definitionStatus === 'agreed' ? 'local_draft' : i.definitionStatus,
    }));
  }
  const setId = await insertSet(tx, input);
  const note =
    input.copyFromSetId !== null ? `Copied from set ${input.copyFromSetId}` : 'New set: one indicator to edit';
  await insertSetVersion(tx, setId, note, indicators, staffId, at);
  await appendAudit(tx, at, staffId, {
    action: 'create',
    entity: 'indicator_set',
    entityId: setId,
    summary: `Indicator set ${input.code} created for ${funder.name}`,
    after: { ...input, indicators: indicators.map((i) => i.code) },
  });
  return { setId };
}

export async function saveSet(
  tx: Tx,
  input: { setId: number; name: string; description: string | null; agreementId: number | null },
  at: string,
  staffId: number | null,
): Promise<void> {
  const before = await findSetRow(tx, input.setId);
  if (!before) throw new AppFailure('not-found', 'That indicator set does not exist.');
  await checkAgreementOf(tx, before.funder_id, input.agreementId);
  const after = { name: input.name, description: input.description, agreement_id: input.agreementId };
  await updateSet(tx, input.setId, after);
  await appendAudit(tx, at, staffId, {
    action: 'update',
    entity: 'indicator_set',
    entityId: input.setId,
    summary: `Indicator set ${before.code} changed`,
    before: { name: before.name, description: before.description, agreement_id: before.agreement_id },
    after,
  });
}
