// Every column a grid lets the user sort or filter in the window is one its backend column map
// declares, with the same filter kind: the backend refuses unknown columns (a validation error
// on screen), so a column added to a *.columns.ts without its SQL fails here first.
import { describe, expect, it } from 'vitest';
import type { GridColumnRules } from '../../db/features/grid/grid-query';
import { participantGridColumns } from '../../db/features/participants/participants.repository';
import { runGridColumns } from '../../db/features/courses/course-run.repository';
import { enrolCandidateGridColumns } from '../../db/features/courses/register.repository';
import { siteReadyGridColumns } from '../../db/features/courses/site-ready.service';
import { outcomeGridColumns } from '../../db/features/outcomes/outcomes.repository';
import { placementGridColumns } from '../../db/features/outcomes/placements.repository';
import { batchGridColumns } from '../../db/features/imports/imports.repository';
import { vacancyGridColumns } from '../../db/features/vacancies/vacancies.repository';
import { candidateGridColumns } from '../../db/features/vacancies/candidates.repository';
import { eventGridColumns } from '../../db/features/events/events.repository';
import { eventColumns } from '../../renderer/features/events/events.columns';
import { previewGridColumns, reconcileGridColumns } from '../../db/features/imports/preview-view';
import { participantColumns } from '../../renderer/features/participants/participants.columns';
import { candidateColumns, runColumns, siteReadyColumns } from '../../renderer/features/courses/courses.columns';
import { outcomeColumns } from '../../renderer/features/outcomes/outcomes.columns';
import { placementColumns } from '../../renderer/features/outcomes/placements.columns';
import { batchColumns, previewColumns, reconcileColumns } from '../../renderer/features/imports/imports.columns';
import {
  candidateColumns as vacancyCandidateColumns,
  vacancyColumns,
} from '../../renderer/features/vacancies/vacancies.columns';

const FILTER_KIND: Record<string, string> = {
  agTextColumnFilter: 'text',
  agNumberColumnFilter: 'number',
  agDateColumnFilter: 'date',
  agSetColumnFilter: 'set',
};

/** The parts of an AG Grid column definition that decide what the window asks for. */
interface WindowColumn {
  colId?: string | undefined;
  field?: unknown;
  sortable?: boolean | null | undefined;
  filter?: unknown;
}

/** What the window may ask of the backend for these columns (ServerGrid: sortable by default). */
function problems(window: readonly WindowColumn[], backend: GridColumnRules): string[] {
  const out: string[] = [];
  for (const c of window) {
    const id = c.colId ?? (typeof c.field === 'string' ? c.field : undefined);
    if (!id) continue;
    const mapped = Object.hasOwn(backend, id) ? backend[id] : undefined;
    if (c.sortable !== false && (!mapped || mapped.sortable === false)) out.push(`${id} sorts in the window only`);
    if (c.filter) {
      const kind = typeof c.filter === 'string' ? FILTER_KIND[c.filter] : undefined;
      if (!mapped?.filter) out.push(`${id} filters in the window only`);
      else if (kind !== mapped.filter) out.push(`${id}: ${String(c.filter)} in the window, ${mapped.filter} behind it`);
    }
  }
  return out;
}

describe('server grid columns', () => {
  it.each([
    ['participants', participantColumns, participantGridColumns],
    ['course runs', runColumns, runGridColumns],
    ['enrol candidates', candidateColumns, enrolCandidateGridColumns],
    ['site ready', siteReadyColumns, siteReadyGridColumns],
    ['outcomes', outcomeColumns, outcomeGridColumns],
    ['placements', placementColumns, placementGridColumns],
    ['import batches', batchColumns, batchGridColumns],
    ['import preview', previewColumns, previewGridColumns],
    ['reconciliation', reconcileColumns, reconcileGridColumns],
    ['vacancies', vacancyColumns, vacancyGridColumns],
    ['vacancy candidates', vacancyCandidateColumns, candidateGridColumns],
    ['events', eventColumns, eventGridColumns],
  ] satisfies Array<[string, readonly WindowColumn[], GridColumnRules]>)(
    '%s: what the window sorts and filters, the backend does',
    (_, window, backend) => {
      expect(problems(window, backend)).toEqual([]);
    },
  );

  it('notices a column the backend lacks', () => {
    expect(
      problems([{ field: 'x' }, { field: 'n', filter: 'agTextColumnFilter' }], { n: { filter: 'number' } }),
    ).toEqual(['x sorts in the window only', 'n: agTextColumnFilter in the window, number behind it']);
  });
});
