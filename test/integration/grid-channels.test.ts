// Every grid the window can ask for (each channel whose input carries a grid query, at the top or
// under `query`), whether it sorts in SQL or in memory: a column id the grid does not declare, and
// names of Object.prototype's members above all ("constructor", "__proto__", "toString"), is a
// validation error naming the column, never an internal error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createTestBackend, type TestBackend } from '../support/backend';
import { channelNames, contract, type ChannelName } from '../../shared/contract/index';
import { gridQuerySchema } from '../../shared/contract/common';
import { people, referralsWorkbook } from '../fixtures/imports/generate';
import { openFile, preview, referralsProfile, waitJob } from './imports-support';

let t: TestBackend;
/** What each grid channel needs besides its query. */
const extras = new Map<ChannelName, Record<string, unknown>>();

beforeAll(async () => {
  t = await createTestBackend();
  const load = await t.ok('demo.load', { participants: 20, seed: 3 });
  await t.backend.services.jobs.wait(load.jobId);
  const run = (await t.ok('courses.runs.page', { offset: 0, limit: 1 })).rows[0]!;
  extras.set('courses.enrolCandidates.page', { runId: run.id });
  // Every column, ethnic group and disability included: with the purpose such a file asks for.
  extras.set('participants.export', { purpose: 'Grid column id test' });
  const file = await referralsWorkbook(people(5, 2));
  const { previewId } = await preview(t, await openFile(t, 'people.xlsx', file), referralsProfile);
  extras.set('imports.previewPage', { previewId });
  const upload = await openFile(t, 'people.xlsx', file);
  const { jobId } = await t.ok('imports.reconcile', {
    uploadId: upload.uploadId,
    sheet: upload.sheets[0]!.name,
    profile: referralsProfile as never,
  });
  const { reconcileId } = await waitJob<{ reconcileId: string }>(t, jobId);
  extras.set('imports.reconcilePage', { reconcileId });
});
afterAll(() => t.close());

/** Where a channel's input holds a grid query: at the top, under `query`, or nowhere. */
function gridAt(name: ChannelName): 'top' | 'query' | null {
  const def = (contract[name].input as z.ZodType)._zod.def as unknown as {
    type: string;
    shape?: Record<string, z.ZodType>;
  };
  const shape = def.type === 'object' ? def.shape! : undefined;
  if (!shape) return null;
  if (Object.keys(gridQuerySchema.shape).every((k) => k in shape)) return 'top';
  if (shape.query === gridQuerySchema) return 'query';
  return null;
}

const gridChannels = channelNames.filter((n) => gridAt(n) !== null);

describe('grid column ids', () => {
  it('finds the grids', () => {
    expect(gridChannels).toEqual(
      expect.arrayContaining([
        'participants.page',
        'participants.export',
        'placements.page',
        'placements.export',
        'outcomes.export',
        'vacancies.export',
        'candidates.export',
        'outcomes.page',
        'courses.runs.page',
        'courses.enrolCandidates.page',
        'courses.siteReady.page',
        'imports.previewPage',
        'imports.batches',
        'imports.reconcilePage',
        'audit.page',
        'retention.worklist',
      ]),
    );
  });

  for (const colId of ['constructor', '__proto__', 'toString', 'no_such_column'])
    it(`refuses "${colId}" as a sort or a filter on every grid, as a validation error`, async () => {
      const wrong: string[] = [];
      for (const name of gridChannels) {
        for (const query of [
          { sort: [{ colId, sort: 'asc' }] },
          { filters: { [colId]: { filterType: 'text', type: 'contains', filter: 'x' } } },
        ]) {
          const input = gridAt(name) === 'top' ? { ...extras.get(name), ...query } : { ...extras.get(name), query };
          const r = await t.call(name, input);
          const problem = r.ok ? null : r.error;
          // The contract may refuse the id itself; either way the error points at the sort or the filter.
          const named = problem?.fields?.some((f) => f.path.some((p) => p === 'sort' || p === 'filters'));
          if (problem?.kind !== 'validation' || !named)
            wrong.push(
              `${name} ${JSON.stringify(query)}: ${problem ? `${problem.kind}: ${problem.message}` : 'answered'}`,
            );
        }
      }
      expect(wrong).toEqual([]);
    });
});
