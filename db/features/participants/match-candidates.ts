// Finds people who may be the same as `keys`: candidates come from indexed lookups (NI number,
// date of birth or a slip of it, postcode, phone), then each is scored by the shared rule. Used on registration,
// on every save, by imports and by reconciliation. Remembered "not a duplicate" pairs are left out.
import { sql } from 'kysely';
import type { Db } from '../../store/schema';
import { normaliseNi, normalisePostcode, phoneDigits } from '../../../shared/domain/identifiers';
import {
  nearBirthDates,
  scorePersonMatch,
  type MatchScore,
  type PersonKeys,
} from '../../../shared/domain/person-match';

export interface MatchCandidate {
  id: number;
  reference: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  niNumber: string | null;
  postcode: string | null;
  phone: string | null;
  match: MatchScore;
}

export async function findMatchCandidates(
  db: Db,
  keys: PersonKeys,
  options: { excludeId?: number; minLevel?: 'certain' | 'probable' | 'possible'; limit?: number } = {},
): Promise<MatchCandidate[]> {
  const ni = keys.niNumber ? normaliseNi(keys.niNumber) : null;
  const postcode = keys.postcode ? normalisePostcode(keys.postcode) : null;
  const phone = phoneDigits(keys.phone);
  const ors = [] as ReturnType<typeof sql<boolean>>[];
  if (ni) ors.push(sql<boolean>`ni_number = ${ni}`);
  // The date as typed and the dates a slip would make of it (day and month swapped, neighbouring
  // digits swapped): all from the date-of-birth index.
  if (keys.dateOfBirth)
    ors.push(sql<boolean>`date_of_birth in (${sql.join([keys.dateOfBirth, ...nearBirthDates(keys.dateOfBirth)])})`);
  if (postcode) ors.push(sql<boolean>`postcode = ${postcode}`);
  if (phone) ors.push(sql<boolean>`phone_digits = ${phone}`);
  if (!ors.length) return [];

  let query = db
    .selectFrom('participants')
    .select(['id', 'reference', 'first_name', 'last_name', 'date_of_birth', 'ni_number', 'postcode', 'phone'])
    .where('status', 'not in', ['merged', 'anonymised'])
    .where(sql<boolean>`(${sql.join(ors, sql` or `)})`)
    .limit(500);
  if (options.excludeId) {
    const exclude = options.excludeId;
    query = query.where('id', '!=', exclude).where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('not_duplicate_pairs as n')
            .select('n.participant_a')
            .where(
              sql<boolean>`(n.participant_a = ${exclude} and n.participant_b = participants.id) or (n.participant_b = ${exclude}
                and n.participant_a = participants.id)`,
            ),
        ),
      ),
    );
  }
  const rows = await query.execute();
  const order = { certain: 3, probable: 2, possible: 1, none: 0 } as const;
  const min = order[options.minLevel ?? 'possible'];
  return rows
    .map((r) => ({
      id: r.id,
      reference: r.reference,
      firstName: r.first_name,
      lastName: r.last_name,
      dateOfBirth: r.date_of_birth,
      niNumber: r.ni_number,
      postcode: r.postcode,
      phone: r.phone,
      match: scorePersonMatch(keys, {
        firstName: r.first_name,
        lastName: r.last_name,
        dateOfBirth: r.date_of_birth,
        niNumber: r.ni_number,
        postcode: r.postcode,
        phone: r.phone,
      }),
    }))
    .filter((c) => order[c.match.level] >= min)
    .sort((x, y) => order[y.match.level] - order[x.match.level] || y.match.score - x.match.score)
    .slice(0, options.limit ?? 10);
}
