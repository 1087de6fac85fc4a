// A funder's set built from parts through the channels the set screens use: a funder added, a set
// created for it, a rule made from parts (shared/domain/counting-rule-draft) read back naming the
// funder, saved as version 2; an administrator's "agreed with funder" keeps who and when.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, TEST_NOW, type TestBackend } from '../support/backend';
import { changeSubject, withPart } from '../../shared/domain/counting-rule-draft';
import { countingRuleSchema } from '../../shared/domain/counting-rule';

let t: TestBackend;
beforeEach(async () => {
  t = await createTestBackend();
});
afterEach(async () => {
  await t.close();
});

describe('a new funder set from parts', () => {
  it('reads the rule back naming the funder and records who agreed a definition', async () => {
    const { id: funderId } = await t.ok('funding.createFunder', {
      code: 'HSF',
      name: 'Herts Skills Fund',
      notes: null,
    });
    const { setId } = await t.ok('returns.createSet', {
      funderId,
      agreementId: null,
      code: 'HSF-2026',
      name: 'Herts Skills Fund 2026-27',
      description: null,
      copyFromSetId: null,
    });
    const first = await t.ok('returns.setDetail', { setId });
    expect(first.indicators.map((i) => [i.code, i.definitionStatus])).toEqual([['IND-1', 'local_draft']]);

    const { sentence: _s, agreedBy: _b, agreedOn: _o, rule: starter, ...starterText } = first.indicators[0]!;
    const jobs = countingRuleSchema.parse(
      withPart(withPart(changeSubject(starter, 'outcomes'), 'outcomeTypes', ['job_start']), 'minHoursPerWeek', 16),
    );
    const { sentence } = await t.ok('returns.describeRule', { rule: jobs, funderId });
    expect(sentence).toContain('counting only items attributed to a funding stream of Herts Skills Fund');
    expect(sentence).toContain('of 16 or more hours a week');

    const saved = await t.ok('returns.saveSetVersion', {
      setId,
      basedOnVersionId: first.versionId,
      note: 'Jobs of 16 hours or more, agreed with the funder',
      indicators: [
        { ...starterText, rule: starter },
        { ...starterText, code: 'HSF-2', title: 'Jobs of 16 hours or more', definitionStatus: 'agreed', rule: jobs },
      ],
    });
    expect(saved.version).toBe(2);
    const after = await t.ok('returns.setDetail', { setId });
    expect(after.indicators.map((i) => [i.code, i.definitionStatus, i.agreedBy, i.agreedOn])).toEqual([
      ['IND-1', 'local_draft', null, null],
      ['HSF-2', 'agreed', 'Test Administrator', TEST_NOW.slice(0, 10)],
    ]);
    const audit = await t.backend.store.db
      .selectFrom('audit_log')
      .select(['entity', 'action'])
      .where('entity', 'in', ['funder', 'indicator_set'])
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { entity: 'funder', action: 'create' },
      { entity: 'indicator_set', action: 'create' },
      { entity: 'indicator_set', action: 'update' },
    ]);
  });
});
