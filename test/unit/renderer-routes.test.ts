// The window's typed routes: href and path from parameters, match back to typed parameters, and
// every area's route table leaving unknown addresses to the one not-found page.
import { describe, expect, it } from 'vitest';
import { int, oneOf, pathSegments, queryString, route } from '../../renderer/app/route';
import { participantsRoutes } from '../../renderer/features/participants/participants.routes';
import { coursesRoutes } from '../../renderer/features/courses/courses.routes';
import { outcomesRoutes } from '../../renderer/features/outcomes/outcomes.routes';
import { returnsRoutes } from '../../renderer/features/returns/returns.routes';
import { importsRoutes } from '../../renderer/features/imports/imports.routes';
import { settingsRoutes } from '../../renderer/features/settings/settings.routes';

describe('route()', () => {
  const person = route('participants/:id/:tab?', { id: int, tab: oneOf('details', 'notes') });

  it('makes links and paths from typed parameters', () => {
    expect(person.href({ id: 42, tab: 'notes' })).toBe('#/participants/42/notes');
    expect(person.path({ id: 42 })).toBe('participants/42');
    expect(route('participants').href()).toBe('#/participants');
    expect(route('imports/batches/:name').path({ name: 'a b/c' })).toBe('imports/batches/a%20b%2Fc');
  });

  it('keeps chosen state in the query, leaving out what is empty', () => {
    expect(route('returns/build').href({}, { set: 3, from: '2025-04-01', open: null, to: undefined })).toBe(
      '#/returns/build?set=3&from=2025-04-01',
    );
    expect(queryString({})).toBe('');
    expect(queryString({ open: 'SW 2' })).toBe('?open=SW+2');
  });

  it('matches an address back to typed parameters', () => {
    expect(person.match('participants/42/notes')).toEqual({ id: 42, tab: 'notes' });
    expect(person.match(['participants', '42'])).toEqual({ id: 42 });
    expect(person.match('#/participants/42?x=1')).toEqual({ id: 42 });
    const id: number | undefined = person.match('participants/7')?.id;
    expect(id).toBe(7);
  });

  it('does not match what the codecs refuse, missing or extra segments', () => {
    expect(person.match('participants/new')).toBeNull();
    expect(person.match('participants/0')).toBeNull();
    expect(person.match('participants/-3')).toBeNull();
    expect(person.match('participants/42/unknown-tab')).toBeNull();
    expect(person.match('participants')).toBeNull();
    expect(person.match('participants/42/notes/more')).toBeNull();
    expect(person.match('courses/42')).toBeNull();
  });

  it('refuses to build a path without a required parameter', () => {
    const loose = route('courses/:id') as { path(params?: object): string };
    expect(() => loose.path({})).toThrow(/needs "id"/);
  });

  it('splits and decodes an address', () => {
    expect(pathSegments('#/participants/42/timeline?from=1')).toEqual(['participants', '42', 'timeline']);
    expect(pathSegments('imports/batches/a%20b')).toEqual(['imports', 'batches', 'a b']);
    expect(pathSegments('#/')).toEqual([]);
    expect(pathSegments('%E0%A4%A')).toEqual(['%E0%A4%A']);
  });
});

describe('the areas’ route tables', () => {
  const tables = {
    participants: participantsRoutes,
    courses: coursesRoutes,
    outcomes: outcomesRoutes,
    returns: returnsRoutes,
    imports: importsRoutes,
    settings: settingsRoutes,
  };
  const matching = (path: string) =>
    Object.entries(tables).flatMap(([area, table]) =>
      Object.entries(table)
        .filter(([, r]) => r.match(path) !== null)
        .map(([name]) => `${area}.${name}`),
    );

  it('each real address is exactly one page', () => {
    const pages: Record<string, string> = {
      participants: 'participants.list',
      'participants/new': 'participants.new',
      'participants/merge/3/4': 'participants.merge',
      'participants/42/history': 'participants.person',
      courses: 'courses.runs',
      'courses/new': 'courses.newRun',
      'courses/site-ready': 'courses.siteReady',
      'courses/12/register': 'courses.run',
      outcomes: 'outcomes.home',
      'outcomes/placements/new': 'outcomes.newPlacement',
      'outcomes/placements/new/42': 'outcomes.newPlacement',
      'outcomes/placements/9/convert': 'outcomes.convertPlacement',
      'outcomes/outcomes/17': 'outcomes.outcome',
      'outcomes/contracts/2/edit': 'outcomes.editContract',
      returns: 'returns.dashboard',
      'returns/submitted': 'returns.submitted',
      'returns/submitted/12': 'returns.submitted',
      'returns/sets/3/edit': 'returns.editSet',
      'imports/batches/7': 'imports.batch',
      'imports/reconcile': 'imports.reconcile',
      settings: 'settings.home',
      'settings/audit': 'settings.section',
    };
    for (const [path, page] of Object.entries(pages)) expect(matching(path), path).toEqual([page]);
  });

  it('an unknown address in any area is no page (so the shell shows the not-found page)', () => {
    for (const path of [
      'participants/nobody',
      'participants/42/unknown-tab',
      'participants/merge/3',
      'courses/nope',
      'courses/12/nope',
      'outcomes/nope',
      'outcomes/placements/abc',
      'outcomes/outcomes/new/abc',
      'returns/nope',
      'returns/submitted/abc',
      'imports/batches',
      'imports/batches/7/extra',
      'settings/nope',
      'nowhere',
    ])
      expect(matching(path), path).toEqual([]);
  });

  it('links typed by the tables point at the pages that show them', () => {
    expect(matching(outcomesRoutes.newOutcome.path({ participant: 5 }))).toEqual(['outcomes.newOutcome']);
    expect(matching(coursesRoutes.run.path({ id: 12, tab: 'results' }, { session: 3 }))).toEqual(['courses.run']);
    expect(matching(settingsRoutes.section.path({ section: 'subject-access' }))).toEqual(['settings.section']);
  });
});
