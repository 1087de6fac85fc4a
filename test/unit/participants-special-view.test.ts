// Which special-category columns a saved participants view uses, and the view without them
// (shared/domain/special-view.ts): applying such a view asks why first, and applies without them
// when nobody says why.
import { describe, expect, it } from 'vitest';
import { specialColumnsUsed, viewWithout } from '../../shared/domain/special-view';
import { participantSpecialGridColumns } from '../../shared/contract/participants.contract';

const special = participantSpecialGridColumns;

describe('special-category columns in a saved view', () => {
  it.each([
    ['no columns listed', {}, []],
    ['listed but hidden', { columns: [{ colId: 'ethnicity', hide: true }, { colId: 'lastName' }] }, []],
    ['ethnic group shown', { columns: [{ colId: 'ethnicity', hide: false }] }, ['ethnicity']],
    ['shown without a hide flag', { columns: [{ colId: 'disability' }] }, ['disability']],
    [
      'both shown, in the registry order',
      { columns: [{ colId: 'disability' }, { colId: 'ethnicity' }] },
      ['ethnicity', 'disability'],
    ],
    [
      'hidden but sorted by',
      { columns: [{ colId: 'ethnicity', hide: true }], sort: [{ colId: 'ethnicity', sort: 'asc' }] },
      ['ethnicity'],
    ],
    ['hidden but filtered on', { filters: { disability: { filterType: 'set', values: ['yes'] } } }, ['disability']],
    [
      'other columns only',
      { columns: [{ colId: 'email' }], sort: [{ colId: 'lastName', sort: 'desc' }], filters: { postcode: {} } },
      [],
    ],
  ] as const)('%s', (_name, view, expected) => {
    expect(specialColumnsUsed(view, special)).toEqual(expected);
  });

  it('without them: hidden, their sort and filter left out, the rest of the view as saved', () => {
    const view = {
      columns: [{ colId: 'lastName' }, { colId: 'ethnicity', hide: false, width: 180 }, { colId: 'disability' }],
      sort: [
        { colId: 'ethnicity', sort: 'asc' as const },
        { colId: 'lastName', sort: 'desc' as const },
      ],
      filters: { ethnicity: { values: ['x'] }, postcode: { filter: 'SG1' } },
      search: 'SG1',
      preset: 'my-caseload',
    };
    const without = viewWithout(view, ['ethnicity', 'disability']);
    expect(without).toEqual({
      columns: [
        { colId: 'lastName' },
        { colId: 'ethnicity', hide: true, width: 180 },
        { colId: 'disability', hide: true },
      ],
      sort: [{ colId: 'lastName', sort: 'desc' }],
      filters: { postcode: { filter: 'SG1' } },
      search: 'SG1',
      preset: 'my-caseload',
    });
    expect(specialColumnsUsed(without, special)).toEqual([]);
    expect(viewWithout(view, [])).toEqual(view);
  });
});
