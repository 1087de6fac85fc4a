// Matching a whole file at once. findMatchCandidates (participants area) answers one person with
// one query; for a 50,000-row file that is 50,000 queries. This loads, in a few chunked queries,
// every live participant sharing an NI number, date of birth (or a slip of it), postcode or phone
// with any row, then picks and scores candidates in memory exactly as findMatchCandidates does
// (same keys, same shared scorePersonMatch, same levels, order and limit) — a test holds the two
// equal.
import { sql } from 'kysely';
import type { Db } from '../../store/schema';
import { normaliseNi, normalisePostcode, phoneDigits } from '../../../shared/domain/identifiers';
import { nearBirthDates, scorePersonMatch, type PersonKeys } from '../../../shared/domain/person-match';
import type { MatchCandidate } from '../participants/match-candidates';

interface Known {
  id: number;
  /** ni_number as scorePersonMatch compares it (normalised once here, not per candidate). */
  ni: string | null;
  reference: string;
  first_name: string;
  last_name: string;
  date_of_birth: string | null;
  ni_number: string | null;
  postcode: string | null;
  phone: string | null;
  phone_digits: string | null;
}

const order = { certain: 3, probable: 2, possible: 1, none: 0 } as const;
const CHUNK = 900;

function keysOf(k: PersonKeys) {
  return {
    ni: k.niNumber ? normaliseNi(k.niNumber) : null,
    dob: k.dateOfBirth,
    postcode: k.postcode ? normalisePostcode(k.postcode) : null,
    phone: phoneDigits(k.phone),
  };
}

export class BulkMatcher {
  private readonly byId = new Map<number, Known>();
  private readonly index = {
    ni_number: new Map<string, number[]>(),
    date_of_birth: new Map<string, number[]>(),
    postcode: new Map<string, number[]>(),
    phone_digits: new Map<string, number[]>(),
  };
  /** A birth date and its slips (nearBirthDates), worked out once per date: many rows share one. */
  private readonly birthDates = new Map<string, string[]>();

  private datesNear(dob: string): string[] {
    let dates = this.birthDates.get(dob);
    if (!dates) this.birthDates.set(dob, (dates = [dob, ...nearBirthDates(dob)]));
    return dates;
  }

  static async load(db: Db, people: PersonKeys[]): Promise<BulkMatcher> {
    const m = new BulkMatcher();
    const wanted = {
      ni_number: new Set<string>(),
      date_of_birth: new Set<string>(),
      postcode: new Set<string>(),
      phone_digits: new Set<string>(),
    };
    for (const p of people) {
      const k = keysOf(p);
      if (k.ni) wanted.ni_number.add(k.ni);
      if (k.dob) for (const d of m.datesNear(k.dob)) wanted.date_of_birth.add(d);
      if (k.postcode) wanted.postcode.add(k.postcode);
      if (k.phone) wanted.phone_digits.add(k.phone);
    }
    for (const column of Object.keys(wanted) as Array<keyof typeof wanted>) {
      const values = [...wanted[column]];
      for (let i = 0; i < values.length; i += CHUNK) {
        const rows = await db
          .selectFrom('participants')
          .select([
            'id',
            'reference',
            'first_name',
            'last_name',
            'date_of_birth',
            'ni_number',
            'postcode',
            'phone',
            'phone_digits',
          ])
          .where('status', 'not in', ['merged', 'anonymised'])
          .where(sql.ref(column), 'in', values.slice(i, i + CHUNK))
          .execute();
        for (const r of rows) m.add(r);
      }
    }
    return m;
  }

  private add(row: Omit<Known, 'ni'>): void {
    if (this.byId.has(row.id)) return;
    const r: Known = { ...row, ni: row.ni_number ? normaliseNi(row.ni_number) : null };
    this.byId.set(r.id, r);
    for (const column of Object.keys(this.index) as Array<keyof BulkMatcher['index']>) {
      const v = r[column];
      if (!v) continue;
      const list = this.index[column].get(v);
      if (list) list.push(r.id);
      else this.index[column].set(v, [r.id]);
    }
  }

  /** The same answer as findMatchCandidates(tx, keys, options) for the people loaded. */
  candidates(
    keys: PersonKeys,
    options: { minLevel?: 'certain' | 'probable' | 'possible'; limit?: number } = {},
  ): MatchCandidate[] {
    const k = keysOf(keys);
    const ids = new Set<number>();
    const collect = (map: Map<string, number[]>, v: string | null) => {
      if (v) for (const id of map.get(v) ?? []) ids.add(id);
    };
    collect(this.index.ni_number, k.ni);
    for (const d of k.dob ? this.datesNear(k.dob) : []) collect(this.index.date_of_birth, d);
    collect(this.index.postcode, k.postcode);
    collect(this.index.phone_digits, k.phone);
    const min = order[options.minLevel ?? 'possible'];
    const out: MatchCandidate[] = [];
    let seen = 0;
    for (const id of [...ids].sort((a, b) => a - b)) {
      if (++seen > 500) break; // findMatchCandidates reads at most 500 rows
      const r = this.byId.get(id)!;
      // Two different NI numbers score 'possible' at best (scorePersonMatch), so when only
      // probable or certain people are wanted (the preview) the names are not compared at all:
      // most people sharing a birth date or postcode with a row have an NI number of their own.
      if (min >= order.probable && k.ni && r.ni && k.ni !== r.ni) continue;
      const match = scorePersonMatch(keys, {
        firstName: r.first_name,
        lastName: r.last_name,
        dateOfBirth: r.date_of_birth,
        niNumber: r.ni_number,
        postcode: r.postcode,
        phone: r.phone,
      });
      if (order[match.level] < min) continue;
      out.push({
        id: r.id,
        reference: r.reference,
        firstName: r.first_name,
        lastName: r.last_name,
        dateOfBirth: r.date_of_birth,
        niNumber: r.ni_number,
        postcode: r.postcode,
        phone: r.phone,
        match,
      });
    }
    return out
      .sort((x, y) => order[y.match.level] - order[x.match.level] || y.match.score - x.match.score)
      .slice(0, options.limit ?? 10);
  }
}
