// The course-run grid's column filters do what they say (they all used to act as "contains"),
// its quick search and sort, through the channel the window calls.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import type { ChannelOutput } from '../../shared/contract/index';

let t: TestBackend;
let courseName: string;
beforeEach(async () => {
  t = await createTestBackend({ role: 'officer' });
  const { courseTypes } = await t.ok('courses.lookups', {});
  const type = courseTypes.find((c) => c.code === 'cscs_pre_employment')!;
  const other = courseTypes.find((c) => c.code === 'first_aid')!;
  courseName = type.name;
  const plan = async (courseTypeId: number, venue: string | null, tutor: string | null, startDate: string) =>
    t.ok('courses.runs.create', {
      courseTypeId,
      venue,
      startDate,
      endDate: startDate,
      capacity: 10,
      tutor,
      generateSessions: false,
      sessionStartsAt: '09:30',
      sessionEndsAt: '15:30',
    });
  await plan(type.id, 'NHC Stevenage campus', 'Dee Tutor', '2026-11-02');
  await plan(type.id, 'Stevenage Works hub', null, '2026-11-09');
  await plan(other.id, null, 'Sam 100% Tutor', '2026-11-16');
});
afterEach(async () => t.close());

/** A page as the window asks for it (filter models are plain JSON there too). */
async function page(input: unknown): Promise<ChannelOutput<'courses.runs.page'>> {
  const result = await t.call('courses.runs.page', input);
  if (!result.ok) throw new Error(`${result.error.message} ${JSON.stringify(result.error.fields ?? [])}`);
  return result.value as ChannelOutput<'courses.runs.page'>;
}

const venues = async (filters: Record<string, unknown>, search = '') =>
  (await page({ filters, search, sort: [{ colId: 'startDate', sort: 'asc' }] })).rows.map((r) => r.venue);

describe('the course-run grid', () => {
  it('filters by equals, not equal, not contains, starts with, blank and not blank', async () => {
    const courseType = (type: string, filter?: string) => ({ courseType: { filterType: 'text', type, filter } });
    expect(await venues(courseType('equals', courseName.toUpperCase()))).toEqual([
      'NHC Stevenage campus',
      'Stevenage Works hub',
    ]);
    // "contains" would have matched both runs of the course with a fragment of its name.
    expect(await venues(courseType('equals', courseName.slice(0, 5)))).toEqual([]);
    expect(await venues(courseType('notEqual', courseName))).toEqual([null]);
    const venue = (type: string, filter?: string) => ({ venue: { filterType: 'text', type, filter } });
    expect(await venues(venue('notContains', 'campus'))).toEqual(['Stevenage Works hub', null]);
    expect(await venues(venue('startsWith', 'stev'))).toEqual(['Stevenage Works hub']);
    expect(await venues(venue('blank'))).toEqual([null]);
    expect(await venues(venue('notBlank'))).toEqual(['NHC Stevenage campus', 'Stevenage Works hub']);
    expect(await venues({ provider: { filterType: 'text', type: 'blank' } })).toHaveLength(3);
    expect(await venues({ tutor: { filterType: 'text', type: 'contains', filter: '100%' } })).toEqual([null]);
  });

  it('filters dates by day and combines conditions', async () => {
    expect(
      await venues({ startDate: { filterType: 'date', type: 'greaterThan', dateFrom: '2026-11-02 00:00:00' } }),
    ).toEqual(['Stevenage Works hub', null]);
    expect(
      await venues({
        venue: {
          filterType: 'text',
          operator: 'OR',
          conditions: [
            { filterType: 'text', type: 'blank' },
            { filterType: 'text', type: 'endsWith', filter: 'HUB' },
          ],
        },
      }),
    ).toEqual(['Stevenage Works hub', null]);
  });

  it('searches case-insensitively with LIKE characters taken literally, and sorts', async () => {
    expect(await venues({}, 'stevenage')).toEqual(['NHC Stevenage campus', 'Stevenage Works hub']);
    expect(await venues({}, '100%')).toEqual([null]);
    // As wildcards these would match "Sam 100% Tutor" and everything.
    expect(await venues({}, '0%T')).toEqual([]);
    expect(await venues({}, '_')).toEqual([]);
    const byVenue = await page({ sort: [{ colId: 'venue', sort: 'desc' }] });
    expect(byVenue.rows.map((r) => r.venue)).toEqual(['Stevenage Works hub', 'NHC Stevenage campus', null]);
    expect(byVenue.total).toBe(3);
  });

  it('refuses a filter on a column it does not have, as a validation error', async () => {
    const r = await t.call('courses.runs.page', {
      filters: { places: { filterType: 'text', type: 'equals', filter: '1' } },
    });
    expect(r).toMatchObject({ ok: false, error: { kind: 'validation', fields: [{ path: ['filters', 'places'] }] } });
  });
});
