// The placement rules without a database: which placements are a start outcome, which details a
// placement keeps, and how a work placement ends when it is converted into a job.
import { describe, expect, it } from 'vitest';
import { endOnConversion, placementDetails, startOutcomeOf } from '../../shared/domain/placement-rules';

describe('startOutcomeOf', () => {
  it.each([
    ['paid_job', 'active', 'job_start'],
    ['paid_job', 'ended_early', 'job_start'],
    ['apprenticeship', 'completed', 'apprenticeship_start'],
    ['paid_job', 'planned', null],
    ['work_trial', 'active', null],
  ] as const)('a %s placement that is %s counts as %s', (kind, status, want) => {
    expect(startOutcomeOf({ kind, status })).toBe(want);
  });
});

describe('placementDetails', () => {
  const details = { endedReason: 'Moved away', apprenticeshipStandard: 'Bricklayer', apprenticeshipLevel: 2 };
  it('keeps the reason only for an early end and the standard only for an apprenticeship', () => {
    expect(placementDetails({ kind: 'apprenticeship', status: 'ended_early', ...details })).toEqual(details);
    expect(placementDetails({ kind: 'paid_job', status: 'active', ...details })).toEqual({
      endedReason: null,
      apprenticeshipStandard: null,
      apprenticeshipLevel: null,
    });
  });
});

describe('converting a work placement into a job', () => {
  it('completes a running placement the day before the job, or on its own end date', () => {
    const running = { status: 'active', startsOn: '2026-05-01', endsOn: null } as const;
    expect(endOnConversion(running, '2026-06-01')).toEqual({ status: 'completed', endsOn: '2026-05-31' });
    expect(endOnConversion(running, '2026-05-01')).toEqual({ status: 'completed', endsOn: '2026-05-01' });
    expect(endOnConversion({ ...running, endsOn: '2026-05-20' }, '2026-06-01')?.endsOn).toBe('2026-05-20');
    expect(endOnConversion({ ...running, status: 'completed' }, '2026-06-01')).toBeNull();
  });
});
