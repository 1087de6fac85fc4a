// Importing the same file twice, rows shuffled (and with some NI numbers written differently),
// creates nobody twice; and whole-file matching gives the same candidates as registration's
// findMatchCandidates, person by person.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestBackend } from '../support/backend';
import { aParticipant } from '../support/builders';
import { people, referralsWorkbook, type PersonRow } from '../fixtures/imports/generate';
import { commit, openFile, preview, referralsProfile } from './imports-support';
import { setLogSink } from '../../db/backend/log';
import { BulkMatcher } from '../../db/features/imports/bulk-match';
import { findMatchCandidates, type MatchCandidate } from '../../db/features/participants/match-candidates';
import type { PersonKeys } from '../../shared/domain/person-match';

setLogSink(() => {});

const spaced = (ni: string) =>
  `${ni.slice(0, 2)} ${ni.slice(2, 4)} ${ni.slice(4, 6)} ${ni.slice(6, 8)} ${ni[8]}`.toLowerCase();

describe('importing twice', () => {
  it('creates no duplicates however the rows are ordered', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 3, max: 25 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.infiniteStream(fc.boolean()),
        async (n, seed, flags) => {
          const t = await createTestBackend();
          try {
            // Some people have no NI number (matched by name and date of birth instead).
            const rows: PersonRow[] = people(n, seed).map((p, i) =>
              flags.next().value ? p : { ...p, ni: null, last: `${p.last}${i}` },
            );
            const first = await preview(
              t,
              await openFile(t, 'a.xlsx', await referralsWorkbook(rows)),
              referralsProfile,
            );
            await commit(t, first.previewId);
            const count = async () =>
              Number(
                (
                  await t.backend.store.db
                    .selectFrom('participants')
                    .select((eb) => eb.fn.countAll<number>().as('n'))
                    .executeTakeFirstOrThrow()
                ).n,
              );
            const afterFirst = await count();
            expect(afterFirst).toBe(n);
            const shuffled = fc
              .sample(fc.shuffledSubarray(rows, { minLength: n, maxLength: n }), { numRuns: 1, seed })[0]!
              .map((p, i) => (p.ni && i % 2 ? { ...p, ni: spaced(p.ni) } : p));
            const second = await preview(
              t,
              await openFile(t, 'b.xlsx', await referralsWorkbook(shuffled)),
              referralsProfile,
            );
            expect(second.counts.new).toBe(0);
            if (second.counts.accepted > 0) await commit(t, second.previewId);
            expect(await count()).toBe(afterFirst);
            const dupes = await t.backend.store.db
              .selectFrom('participants')
              .select('ni_number')
              .where('ni_number', 'is not', null)
              .groupBy('ni_number')
              .having((eb) => eb.fn.countAll(), '>', 1)
              .execute();
            expect(dupes).toEqual([]);
          } finally {
            await t.close();
          }
        },
      ),
      { numRuns: 8 },
    );
  });
});

describe('whole-file matching', () => {
  it('finds the same candidates as findMatchCandidates', async () => {
    const t = await createTestBackend();
    const db = t.backend.store.db;
    try {
      const base = people(60, 3);
      for (const [i, p] of base.entries()) {
        await aParticipant(db, {
          first_name: p.first,
          last_name: i % 5 === 0 ? `${p.last}e` : p.last,
          date_of_birth: i % 7 === 0 ? null : p.dob,
          ni_number: i % 3 === 0 ? null : p.ni,
          postcode: p.postcode,
          phone: p.phone,
          phone_digits: p.phone.replace(/\D/g, ''),
        });
      }
      const person = fc.record({
        firstName: fc.constantFrom(...base.map((p) => p.first), 'Zed'),
        lastName: fc.constantFrom(...base.map((p) => p.last), 'Nobody'),
        dateOfBirth: fc.option(fc.constantFrom(...base.map((p) => p.dob)), { nil: null }),
        niNumber: fc.option(fc.constantFrom(...base.flatMap((p) => (p.ni ? [p.ni, spaced(p.ni)] : []))), { nil: null }),
        postcode: fc.option(fc.constantFrom(...base.map((p) => p.postcode), 'sg11aa'), { nil: null }),
        phone: fc.option(fc.constantFrom(...base.map((p) => p.phone)), { nil: null }),
      });
      // Someone already held, typed again with a slip in the surname and often without their NI
      // number: the probable matches that pass the surname check before scoring, and the near
      // misses it must turn away unscored.
      const retyped = fc
        .record({
          i: fc.nat(base.length - 1),
          surname: fc.constantFrom<(s: string) => string>(
            (s) => s,
            (s) => `${s}e`,
            (s) => s.slice(1),
            (s) => `${s.slice(0, 2)}x${s.slice(3)}`,
            (s) => `${s}son`,
          ),
          withNi: fc.boolean(),
          // Which of birth date, postcode and phone the row has (each one alone finds them).
          has: fc.constantFrom('dpt', 'd', 'p', 't', 'dt'),
        })
        .map(({ i, surname, withNi, has }): PersonKeys => {
          const p = base[i]!;
          return {
            firstName: p.first,
            lastName: surname(p.last),
            dateOfBirth: has.includes('d') ? p.dob : null,
            niNumber: withNi ? p.ni : null,
            postcode: has.includes('p') ? p.postcode : null,
            phone: has.includes('t') ? p.phone : null,
          };
        });
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.oneof({ arbitrary: person, weight: 1 }, { arbitrary: retyped, weight: 3 }), {
            minLength: 1,
            maxLength: 20,
          }),
          async (keys: PersonKeys[]) => {
            const matcher = await BulkMatcher.load(db, keys);
            // Loaded for probable matches (the preview's), people with another NI number than the
            // row's are not even read: the answers are the same.
            const forProbable = await BulkMatcher.load(db, keys, { minLevel: 'probable' });
            const view = (cs: MatchCandidate[]) => cs.map((c) => `${c.id}:${c.match.level}:${c.match.score}`).sort();
            for (const k of keys) {
              for (const minLevel of ['possible', 'probable'] as const) {
                const bulk = matcher.candidates(k, { minLevel, limit: 50 });
                const single = await findMatchCandidates(db, k, { minLevel, limit: 50 });
                expect(view(bulk)).toEqual(view(single));
              }
              expect(view(forProbable.candidates(k, { minLevel: 'probable', limit: 50 }))).toEqual(
                view(matcher.candidates(k, { minLevel: 'probable', limit: 50 })),
              );
              expect(() => forProbable.candidates(k, { minLevel: 'possible' })).toThrow(/Loaded for probable/);
            }
          },
        ),
        { numRuns: 40 },
      );
    } finally {
      await t.close();
    }
  });
});
