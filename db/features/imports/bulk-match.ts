// Matching a whole file at once. findMatchCandidates (participants area) answers one person with
// one query; for a 50,000-row file that is 50,000 queries. This loads, in a few chunked queries,
// every live participant sharing an NI number, date of birth (or a slip of it), postcode or phone
// with any row, then picks and scores candidates in memory exactly as findMatchCandidates does
// (same keys, same shared scorePersonMatch, same levels, order and limit) — a test holds the two
// equal.
//
// Loaded for probable matches or better (the preview, reconciliation), it leaves out the people
// who cannot be one: two different NI numbers score 'possible' at best, so for a row with an NI
// number only the people with the same number or none are loaded by its birth date, postcode or
// phone. At 100,000 people a postcode is shared by about 120 of them, nearly all with an NI number
// of their own: a 50,000-row file loaded 74,000 people, most of the store, to skip them unscored.
// Of the people it does load, those without the row's NI number are scored only if the surnames
// are close (surnameKeysClose), which every probable match short of the same NI number needs.
// (findMatchCandidates reads at most 500 people a row: where more share a key with one row, the
// 500 are counted among the people loaded.)
import { sql } from 'kysely';
import type { Db } from '../../store/schema';
import { normaliseNi, normalisePostcode, phoneDigits } from '../../../shared/domain/identifiers';
import {
  nameKey,
  nameSound,
  nearBirthDates,
  scorePersonMatch,
  surnameKeysClose,
  type PersonKeys,
} from '../../../shared/domain/person-match';
import type { MatchCandidate } from '../participants/match-candidates';

interface Known {
  id: number;
  /** ni_number as scorePersonMatch compares it (normalised once here, not per candidate). */
  ni: string | null;
  /** last_name as surnameKeysClose compares it. */
  surnameKey: string;
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
type Level = 'certain' | 'probable' | 'possible';
const CHUNK = 900;

function keysOf(k: PersonKeys) {
  return {
    ni: k.niNumber ? normaliseNi(k.niNumber) : null,
    dob: k.dateOfBirth,
    postcode: k.postcode ? normalisePostcode(k.postcode) : null,
    phone: phoneDigits(k.phone),
  };
}

/** The people a match may be, with what matching compares. */
function livePeople(db: Db) {
  return db
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
    .where('status', 'not in', ['merged', 'anonymised']);
}

// Without an NI number: null or, should one ever be stored, empty (as the scoring treats it).
// Both found by the NI number's index.
async function countWithoutNi(db: Db): Promise<number> {
  const row = await db
    .selectFrom('participants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => eb.or([eb('ni_number', 'is', null), eb('ni_number', '=', '')]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function liveWithoutNi(db: Db) {
  return livePeople(db)
    .where((eb) => eb.or([eb('ni_number', 'is', null), eb('ni_number', '=', '')]))
    .execute();
}

export class BulkMatcher {
  /** The lowest level `candidates` may be asked for: the people loaded are those who can reach it. */
  private constructor(private readonly loadedFor: Level) {}
  private readonly byId = new Map<number, Known>();
  private readonly index = {
    ni_number: new Map<string, number[]>(),
    date_of_birth: new Map<string, number[]>(),
    postcode: new Map<string, number[]>(),
    phone_digits: new Map<string, number[]>(),
  };
  /** Each surname key's sound, worked out once: a file's rows and the people loaded share few. */
  private readonly sounds = new Map<string, string | null>();
  private readonly soundOf = (key: string): string | null => {
    let sound = this.sounds.get(key);
    if (sound === undefined) this.sounds.set(key, (sound = nameSound(key)));
    return sound;
  };
  /** A birth date and its slips (nearBirthDates), worked out once per date: many rows share one. */
  private readonly birthDates = new Map<string, string[]>();

  private datesNear(dob: string): string[] {
    let dates = this.birthDates.get(dob);
    if (!dates) this.birthDates.set(dob, (dates = [dob, ...nearBirthDates(dob)]));
    return dates;
  }

  /** Everyone who may be a `minLevel` match (default 'possible') of any of `people`. */
  static async load(db: Db, people: PersonKeys[], options: { minLevel?: Level } = {}): Promise<BulkMatcher> {
    const m = new BulkMatcher(options.minLevel ?? 'possible');
    const skipsOtherNi = order[m.loadedFor] >= order.probable;
    const columns = ['date_of_birth', 'postcode', 'phone_digits'] as const;
    const ni = new Set<string>();
    // By column: values shared with a row that may match anyone, and values shared only with rows
    // whose NI number rules out everyone with another (for whom only people without one are read).
    const anyone = { date_of_birth: new Set<string>(), postcode: new Set<string>(), phone_digits: new Set<string>() };
    const withoutNi = {
      date_of_birth: new Set<string>(),
      postcode: new Set<string>(),
      phone_digits: new Set<string>(),
    };
    for (const p of people) {
      const k = keysOf(p);
      if (k.ni) ni.add(k.ni);
      const wanted = k.ni && skipsOtherNi ? withoutNi : anyone;
      if (k.dob) for (const d of m.datesNear(k.dob)) wanted.date_of_birth.add(d);
      if (k.postcode) wanted.postcode.add(k.postcode);
      if (k.phone) wanted.phone_digits.add(k.phone);
    }
    await m.loadWhere(db, 'ni_number', ni, false);
    for (const column of columns) await m.loadWhere(db, column, anyone[column], false);
    const rest = Object.fromEntries(
      columns.map((column) => [column, [...withoutNi[column]].filter((v) => !anyone[column].has(v))]),
    ) as Record<(typeof columns)[number], string[]>;
    const looksUp = columns.reduce((n, column) => n + rest[column].length, 0);
    if (looksUp === 0) return m;
    // A whole file's rows look up tens of thousands of birth dates (each with its slips) among
    // the few people without an NI number; reading those people once is cheaper by far (at
    // 100,000 people: 39,000 dates looked up in 270 ms, against 9,800 people read in 50 ms).
    if (looksUp > (await countWithoutNi(db))) {
      const wanted = Object.fromEntries(columns.map((column) => [column, new Set(rest[column])])) as Record<
        (typeof columns)[number],
        Set<string>
      >;
      for (const r of await liveWithoutNi(db)) {
        if (columns.some((column) => r[column] !== null && wanted[column].has(r[column]))) m.add(r);
      }
    } else for (const column of columns) await m.loadWhere(db, column, rest[column], true);
    return m;
  }

  /** The live people whose `column` is one of `values` (only those without an NI number if
   * `withoutNi`), in chunks. */
  private async loadWhere(
    db: Db,
    column: 'ni_number' | 'date_of_birth' | 'postcode' | 'phone_digits',
    values: Iterable<string>,
    withoutNi: boolean,
  ): Promise<void> {
    const all = [...values];
    for (let i = 0; i < all.length; i += CHUNK) {
      let query = livePeople(db).where(sql.ref(column), 'in', all.slice(i, i + CHUNK));
      // An expression, checked on each row the column's index finds: as `ni_number is null` the
      // planner read everyone without an NI number through the NI number's index instead (the
      // load took 1.2 → 1.8 s at 100,000 people, not 0.7).
      if (withoutNi) query = query.where(sql<string>`coalesce(ni_number, '')`, '=', '');
      for (const r of await query.execute()) this.add(r);
    }
  }

  private add(row: Omit<Known, 'ni' | 'surnameKey'>): void {
    if (this.byId.has(row.id)) return;
    const r: Known = {
      ...row,
      ni: row.ni_number ? normaliseNi(row.ni_number) : null,
      surnameKey: nameKey(row.last_name),
    };
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
  candidates(keys: PersonKeys, options: { minLevel?: Level; limit?: number } = {}): MatchCandidate[] {
    const minLevel = options.minLevel ?? 'possible';
    if (order[minLevel] < order[this.loadedFor])
      throw new Error(`Loaded for ${this.loadedFor} matches: cannot answer for ${minLevel} ones`);
    const k = keysOf(keys);
    const ids = new Set<number>();
    const collect = (map: Map<string, number[]>, v: string | null) => {
      if (v) for (const id of map.get(v) ?? []) ids.add(id);
    };
    collect(this.index.ni_number, k.ni);
    for (const d of k.dob ? this.datesNear(k.dob) : []) collect(this.index.date_of_birth, d);
    collect(this.index.postcode, k.postcode);
    collect(this.index.phone_digits, k.phone);
    const min = order[minLevel];
    const surname = nameKey(keys.lastName);
    const out: MatchCandidate[] = [];
    let seen = 0;
    for (const id of [...ids].sort((a, b) => a - b)) {
      if (++seen > 500) break; // findMatchCandidates reads at most 500 rows
      const r = this.byId.get(id)!;
      // Two different NI numbers score 'possible' at best (scorePersonMatch), so when only
      // probable or certain people are wanted (the preview) the names are not compared at all:
      // most people sharing a birth date or postcode with a row have an NI number of their own.
      if (min >= order.probable && k.ni && r.ni && k.ni !== r.ni) continue;
      // Short of the same NI number, a probable match needs the surnames close (scorePersonMatch):
      // at 100,000 people about fifteen people without an NI number share a row's postcode, and
      // nearly all have another surname.
      if (min >= order.probable && !(k.ni && k.ni === r.ni) && !surnameKeysClose(surname, r.surnameKey, this.soundOf))
        continue;
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
