// The one label lookup (issue 20): codes become labels, counts read right, stored text with
// codes and machine dates reads as words, and audit changes become labelled lines.
import { describe, expect, it } from 'vitest';
import { labelOfCode, plural, readable, readableChanges, readableValue, wordsOf } from '../../shared/domain/labels';
import { verificationStatuses } from '../../shared/domain/outcome-lists';

describe('labels', () => {
  it.each([
    ['has_issues', 'Has issues'],
    ['green_labourer', 'Labourer (green)'],
    ['job_start', 'Job start'],
    ['not_completed', 'Did not complete'],
    ['ex_offender', 'Ex-offender'],
    ['hse_score', 'HS&E score'],
    ['cscs_thing_nobody_listed', 'CSCS thing nobody listed'],
  ])('labelOfCode(%s) is %s', (code, label) => expect(labelOfCode(code)).toBe(label));

  it('prefers the list it is given, then every fixed list, then words', () => {
    expect(labelOfCode('verified', verificationStatuses)).toBe('Verified');
    expect(labelOfCode('custom_code', [{ code: 'custom_code', label: 'Our own' }])).toBe('Our own');
    expect(labelOfCode(null)).toBe('');
    expect(wordsOf('displayName')).toBe('Display name');
    expect(wordsOf('uln')).toBe('ULN');
  });

  it.each([
    [0, 'participant', '0 participants'],
    [1, 'participant', '1 participant'],
    [2, 'row', '2 rows'],
    [1204, 'row', '1,204 rows'],
  ])('plural(%i, %s) is %s', (n, word, text) => expect(plural(n, word)).toBe(text));
  it('takes an irregular plural', () => expect(plural(3, 'person', 'people')).toBe('3 people'));

  it('words stored text: codes as labels, dates day-first, timestamps in UK time', () => {
    expect(readable('Outcome job_start on 2026-03-02 recorded (manual)')).toBe(
      'Outcome Job start on 02/03/2026 recorded (manual)',
    );
    expect(readable('Checked at 2026-07-01T09:30:00.000Z')).toBe('Checked at 01/07/2026 10:30');
    expect(readable('Verification unverified → has_issues')).toBe('Verification unverified → Has issues');
  });

  it('turns an audit entry’s JSON into labelled changes', () => {
    expect(
      readableChanges('{"verified_by":null,"status":"unverified"}', '{"verified_by":1,"status":"has_issues"}'),
    ).toEqual([
      { field: 'Verified by', before: '—', after: '1' },
      { field: 'Status', before: 'Unverified', after: 'Has issues' },
    ]);
    expect(readableChanges(null, '{"display_name":"Jo Officer"}', { display_name: 'Name' })).toEqual([
      { field: 'Name', before: '—', after: 'Jo Officer' },
    ]);
    expect(readableValue({ from: '2025-10-01', to: '2026-03-31' })).toBe('From: 01/10/2025; To: 31/03/2026');
  });
});

it('names a staff member for an id when the screen knows them', () => {
  const names = new Map([[1, 'Jo Officer']]);
  expect(
    readableChanges('{"verified_by":null}', '{"verified_by":1}', {}, (f, v) =>
      f.endsWith('_by') && typeof v === 'number' ? names.get(v) : undefined,
    ),
  ).toEqual([{ field: 'Verified by', before: '—', after: 'Jo Officer' }]);
});
