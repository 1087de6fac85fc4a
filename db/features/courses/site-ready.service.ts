// The site-ready candidates list (and who is not yet ready, with what is missing), the expiry
// worklist, and their xlsx exports (jobs, audited once the file is complete). Everyone with a
// CSCS fact is evaluated in memory against the programme's rule: a few table scans, no
// per-person queries.

import type { FileOutput, GridQuery } from '../../../shared/contract/common';
import type { ExpiryRow, SiteReadyPreset, SiteReadyRow } from '../../../shared/contract/courses.contract';
import { eligibilityLabels, type EligibilityStatus } from '../../../shared/domain/eligibility';
import { cardTypeLabel, HSE_PASS_MARK, HSE_VALID_YEARS } from '../../../shared/domain/cscs';
import { addDaysIso, addYearsIso, daysBetween, formatUkDate } from '../../../shared/domain/dates';
import {
  describeSiteReadyRule,
  evaluateSiteReady,
  awaitsSignoffOnly,
  type SiteReadyFacts,
  type SiteReadyRule,
} from '../../../shared/domain/site-ready';
import type { Db, Tx } from '../../store/schema';
import { dataVersion } from '../../store/dialect';
import { checkGridQuery, gridColumnRules } from '../grid/grid-query';
import { writeXlsx, type XlsxColumn } from '../export/xlsx-writer';
import type { ExportJobWork, ExportStage, RowTracker } from '../export/export-job';
import {
  becameSiteReadyIn,
  loadContacts,
  loadFacts,
  loadSiteReadyRule,
  saveSiteReadyRule,
  ticketTypesOf,
} from './site-ready.repository';
import { appendAudit } from '../audit/audit.repository';
import { staffDisplayName } from '../staff/staff.repository';
import { refreshSiteReady } from './course-outcomes';
import {
  quickSearchTerms,
  searchesIdentifiers,
  type QuickSearchTerms,
} from '../../../shared/domain/quick-search-words';

/** Whether a read may use (and fill) the cache of everyone evaluated: only the store's own handle
 * may, not a transaction (whose changes may yet be rolled back). */
export type UseCache = boolean;

// Everyone evaluated once per (store handle, data version, day, rule): paging, sorting and
// searching the list then costs milliseconds. The data version changes with every insert,
// update and delete anywhere, so any change invalidates it.
const evaluated = new WeakMap<object, Evaluated>();

/** Everyone evaluated, with each row's texts a quick search looks in, worked out once with the
 * rows rather than for every row on every search. */
interface Evaluated {
  key: string;
  rows: SiteReadyRow[];
  searchTexts: SearchText[];
}

/** A row's names (lower case) and its identifiers in the compact form the participant search
 * keeps (capitals: the reference with and without its dash, the postcode without its space, the
 * phone's digits), so that a typed text finds the same people here as there. */
interface SearchText {
  names: string;
  idents: string;
}

const searchTextOf = (r: SiteReadyRow): SearchText => ({
  names: `${r.firstName} ${r.lastName}`.toLowerCase(),
  idents: [
    r.reference,
    r.reference.replace(/-/g, ''),
    (r.postcode ?? '').replace(/\s/g, ''),
    (r.phone ?? '').replace(/\D/g, ''),
  ]
    .join(' ')
    .toUpperCase(),
});

/**
 * Whether a row matches what an officer typed, read as the participant quick search reads it
 * (quickSearchTerms): a word with a digit is an identifier, never a name, so it is looked for in
 * the identifiers only. Every name word in the names and every digit word in the identifiers
 * ("Smith SG2": the Smiths in SG2); or the whole text in compact form in the identifiers ("sg2
 * 8cc", "sg28cc", "SW000123"). Short of three characters the compact text stands alone only when
 * there is no name word, as the participant search's identifier match needs three: "Jo" is a
 * name, not every reference's letters.
 */
function matchesSearch(text: SearchText, terms: QuickSearchTerms): boolean {
  const names = [...terms.longNames, ...terms.shortNames];
  if (
    names.length &&
    names.every((w) => text.names.includes(w.toLowerCase())) &&
    terms.identWords.every((w) => text.idents.includes(w))
  )
    return true;
  return (searchesIdentifiers(terms) || !names.length) && text.idents.includes(terms.compact);
}

const noFacts = (): SiteReadyFacts => ({ cards: [], hseTests: [], l1Awards: [], ppeIssues: [], signoffs: [] });

async function evaluateEveryone(db: Db, rule: SiteReadyRule, today: string, cache?: UseCache): Promise<Evaluated> {
  // A store that cannot tell its data version (null) is not cached.
  const version = cache ? await dataVersion(db) : null;
  const key = version === null ? '' : `${version}|${today}|${JSON.stringify(rule)}`;
  const hit = key && evaluated.get(db);
  if (hit && hit.key === key) return hit;
  const [facts, contacts] = await Promise.all([loadFacts(db, undefined, ticketTypesOf(rule)), loadContacts(db)]);
  const rows: SiteReadyRow[] = [];
  for (const [id, c] of contacts) {
    const f = facts.get(id) ?? noFacts();
    const r = evaluateSiteReady(rule, f, today);
    let card: SiteReadyFacts['cards'][number] | undefined;
    for (const x of f.cards) if (x.issuedOn <= today && (!card || x.expiresOn > card.expiresOn)) card = x;
    let pass: string | undefined;
    for (const t of f.hseTests)
      if (t.score >= HSE_PASS_MARK && t.takenOn <= today && (!pass || t.takenOn > pass)) pass = t.takenOn;
    rows.push({
      ...c,
      ready: r.ready,
      readySince: r.readySince,
      readyUntil: r.readyUntil,
      cardType: card ? cardTypeLabel(card.cardType) : null,
      cardNumber: null,
      cardExpiresOn: card?.expiresOn ?? null,
      hsePassedOn: pass ?? null,
      missing: r.missing.map((m) => m.label).join('; '),
      eligibilityConfirmed: c.eligibilityStatus === 'eligible',
      awaitingSignoff: awaitsSignoffOnly(rule, r),
      becameSiteReadyOn: null,
    });
  }
  const result = { key, rows, searchTexts: rows.map(searchTextOf) };
  if (key) evaluated.set(db, result);
  return result;
}

export interface ListFilter {
  preset: SiteReadyPreset;
  search?: string;
  /** The period of the 'became' preset. */
  from?: string | undefined;
  to?: string | undefined;
}

export async function siteReadyRows(
  db: Db,
  rule: SiteReadyRule,
  today: string,
  filter: ListFilter,
  cache?: UseCache,
): Promise<SiteReadyRow[]> {
  const { rows: everyone, searchTexts } = await evaluateEveryone(db, rule, today, cache);
  const typed = (filter.search ?? '').trim();
  const terms = typed ? quickSearchTerms(typed) : null;
  const became = filter.preset === 'became' ? await becameSiteReadyIn(db, filter.from!, filter.to!) : null;
  const keep = (r: SiteReadyRow) => {
    switch (filter.preset) {
      case 'ready':
        return r.ready;
      case 'awaiting-signoff':
        return r.awaitingSignoff;
      case 'not-ready':
        return !r.ready;
      case 'became':
        return became!.has(r.id);
      default:
        return true;
    }
  };
  return everyone
    .filter((r, i) => keep(r) && (!terms || matchesSearch(searchTexts[i]!, terms)))
    .map((r) => (became ? { ...r, becameSiteReadyOn: became.get(r.id) ?? null } : r));
}

const sortKeys = {
  reference: (r) => r.reference,
  lastName: (r) => `${r.lastName.toLowerCase()} ${r.firstName.toLowerCase()}`,
  firstName: (r) => r.firstName.toLowerCase(),
  postcode: (r) => r.postcode ?? '',
  readySince: (r) => r.readySince ?? '',
  readyUntil: (r) => r.readyUntil ?? '9999',
  cardExpiresOn: (r) => r.cardExpiresOn ?? '',
  hsePassedOn: (r) => r.hsePassedOn ?? '',
  missing: (r) => r.missing,
  eligibilityStatus: (r) => r.eligibilityStatus,
  becameSiteReadyOn: (r) => r.becameSiteReadyOn ?? '',
} satisfies Partial<Record<keyof SiteReadyRow, (r: SiteReadyRow) => string>>;

/** The list is evaluated in memory (no SQL to sort in): the columns above sort, none filter. */
export const siteReadyGridColumns = gridColumnRules<SiteReadyRow>({
  ...Object.fromEntries(Object.keys(sortKeys).map((k) => [k, {}])),
  phone: { sortable: false },
  email: { sortable: false },
  cardType: { sortable: false },
  cardNumber: { sortable: false },
  eligibilityConfirmed: { sortable: false },
  awaitingSignoff: { sortable: false },
});

export async function pageSiteReady(
  db: Db,
  rule: SiteReadyRule,
  today: string,
  query: GridQuery & ListFilter,
  cache?: UseCache,
) {
  checkGridQuery(query, siteReadyGridColumns);
  const rows = await siteReadyRows(db, rule, today, query, cache);
  const sort = query.sort[0] ?? { colId: 'lastName', sort: 'asc' as const };
  const key = sortKeys[sort.colId as keyof typeof sortKeys];
  // Keys computed once and compared as plain strings: sorting 20,000 rows stays in milliseconds.
  const dir = sort.sort === 'asc' ? 1 : -1;
  const keyed = rows.map((r) => ({ k: key(r), r }));
  keyed.sort((a, b) => (a.k < b.k ? -dir : a.k > b.k ? dir : a.r.id - b.r.id));
  // Copies, so filling in card numbers never touches the cached rows.
  const page = keyed.slice(query.offset, query.offset + query.limit).map(({ r }) => ({ ...r }));
  // Card numbers only for the rows on screen.
  if (page.length) {
    const numbers = await db
      .selectFrom('cscs_cards')
      .select(['participant_id', 'card_number', 'expires_on'])
      .where(
        'participant_id',
        'in',
        page.map((r) => r.id),
      )
      .execute();
    for (const r of page)
      r.cardNumber =
        numbers.find((n) => n.participant_id === r.id && n.expires_on === r.cardExpiresOn)?.card_number ?? null;
  }
  return { rows: page, total: rows.length };
}

type ExportActor = { staffId: number | null; at: string; today: string };
type SiteReadyExportInput = ListFilter & { search: string; purpose: string | null; includeUnconfirmed: boolean };
type SiteReadyFile = FileOutput & { rows: number; leftOut: number };
type ExpiryFile = FileOutput & { rows: number };

/** The site-ready list as a workbook, read from the store (not a transaction) as the job runs. */
async function writeSiteReady(
  db: Db,
  filter: SiteReadyExportInput,
  actor: ExportActor,
  track: RowTracker,
  stage: ExportStage,
): Promise<SiteReadyFile> {
  const { preset, includeUnconfirmed } = filter;
  const today = actor.today;
  await stage('Working out who is site ready');
  const rule = await loadSiteReadyRule(db);
  const by = await producedBy(db, actor.staffId);
  const listed = await siteReadyRows(db, rule, today, filter);
  // Lists go to employers: people whose eligibility (right to work) is not confirmed stay out unless asked for.
  const leftOut = includeUnconfirmed ? 0 : listed.filter((r) => !r.eligibilityConfirmed).length;
  const rows = listed.filter((r) => includeUnconfirmed || r.eligibilityConfirmed).map((r) => ({ ...r }));
  rows.sort((a, b) => a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName));
  await stage('Reading card numbers');
  const numbers = await db.selectFrom('cscs_cards').select(['participant_id', 'card_number', 'expires_on']).execute();
  const byKey = new Map(numbers.map((n) => [`${n.participant_id}:${n.expires_on}`, n.card_number]));
  for (const r of rows) r.cardNumber = byKey.get(`${r.id}:${r.cardExpiresOn}`) ?? null;
  const columns: XlsxColumn<SiteReadyRow>[] = [
    { header: 'Reference', type: 'text', width: 12, value: (r) => r.reference },
    { header: 'First name', type: 'text', width: 16, value: (r) => r.firstName },
    { header: 'Last name', type: 'text', width: 18, value: (r) => r.lastName },
    { header: 'Phone', type: 'text', width: 15, value: (r) => r.phone },
    { header: 'Email', type: 'text', width: 30, value: (r) => r.email },
    { header: 'Postcode', type: 'text', width: 10, value: (r) => r.postcode },
    { header: 'CSCS card', type: 'text', width: 24, value: (r) => r.cardType },
    { header: 'Card number', type: 'text', width: 14, value: (r) => r.cardNumber },
    { header: 'Card expires', type: 'date', width: 12, value: (r) => r.cardExpiresOn },
    { header: 'HS&E passed', type: 'date', width: 12, value: (r) => r.hsePassedOn },
    { header: 'Site ready since', type: 'date', width: 14, value: (r) => r.readySince },
    { header: 'Ready until', type: 'date', width: 12, value: (r) => r.readyUntil },
    ...(preset === 'became'
      ? [
          {
            header: 'Became site ready',
            type: 'date' as const,
            width: 14,
            value: (r: SiteReadyRow) => r.becameSiteReadyOn,
          },
        ]
      : []),
    ...(includeUnconfirmed
      ? [
          {
            header: 'Eligibility',
            type: 'text' as const,
            width: 18,
            value: (r: SiteReadyRow) =>
              eligibilityLabels[r.eligibilityStatus as EligibilityStatus] ?? r.eligibilityStatus,
          },
        ]
      : []),
    ...(preset === 'ready' || preset === 'became'
      ? []
      : [{ header: 'Missing', type: 'text' as const, width: 50, value: (r: SiteReadyRow) => r.missing }]),
  ];
  const title = presetTitles[preset];
  const bytes = await writeXlsx(
    [
      {
        name: title,
        columns,
        rows: track(rows, rows.length),
        preamble: [
          `Stevenage Works – ${title}`,
          `Produced ${formatUkDate(today)} by ${by}. ${rows.length} people` +
            (preset === 'became'
              ? ` who became site ready from ${formatUkDate(filter.from)} to ${formatUkDate(filter.to)}.`
              : '.') +
            (leftOut ? ` ${leftOut} whose eligibility (right to work) is not confirmed are left out.` : ''),
          `Rule: ${describeSiteReadyRule(rule).join('; ')}`,
        ],
        landscape: true,
      },
    ],
    { title },
  );
  return {
    fileName: `${title.toLowerCase().replace(/\W+/g, '-')}-${today}.xlsx`,
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes: new Uint8Array(bytes),
    rows: rows.length,
    leftOut,
  };
}

const presetTitles: Record<SiteReadyPreset, string> = {
  ready: 'Site-ready candidates',
  'awaiting-signoff': 'Ready for sign-off',
  became: 'Became site ready',
  'not-ready': 'Not yet site ready',
  all: 'Site readiness',
};

/** Cards expiring within N days (the person's latest card), and HS&E passes lapsing within N
 * days for people who have no valid card yet: apply before the pass runs out. */
export async function expiryRows(db: Db, today: string, withinDays: number): Promise<ExpiryRow[]> {
  const until = addDaysIso(today, withinDays);
  const cards = await db
    .selectFrom('cscs_cards as c')
    .innerJoin('participants as p', 'p.id', 'c.participant_id')
    .select([
      'c.id',
      'c.participant_id',
      'c.card_type',
      'c.card_number',
      'c.expires_on',
      'p.reference',
      'p.first_name',
      'p.last_name',
      'p.phone',
      'p.email',
    ])
    .where('c.expires_on', '>=', today)
    .where('c.expires_on', '<=', until)
    .where('p.status', 'not in', ['merged', 'anonymised'])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('cscs_cards as c2')
            .select('c2.id')
            .whereRef('c2.participant_id', '=', 'c.participant_id')
            .whereRef('c2.expires_on', '>', 'c.expires_on'),
        ),
      ),
    )
    .execute();
  // A pass lapses HSE_VALID_YEARS after it was taken: taken between (today - 2y) and (until - 2y).
  const takenFrom = addYearsIso(today, -HSE_VALID_YEARS);
  const takenTo = addYearsIso(until, -HSE_VALID_YEARS);
  const passes = await db
    .selectFrom('hse_tests as t')
    .innerJoin('participants as p', 'p.id', 't.participant_id')
    .select([
      't.id',
      't.participant_id',
      't.taken_on',
      't.score',
      'p.reference',
      'p.first_name',
      'p.last_name',
      'p.phone',
      'p.email',
    ])
    .where('t.score', '>=', HSE_PASS_MARK)
    .where('t.taken_on', '>=', takenFrom)
    .where('t.taken_on', '<=', takenTo)
    .where('p.status', 'not in', ['merged', 'anonymised'])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('cscs_cards as c')
            .select('c.id')
            .whereRef('c.participant_id', '=', 't.participant_id')
            .where('c.expires_on', '>=', today),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('hse_tests as t2')
            .select('t2.id')
            .whereRef('t2.participant_id', '=', 't.participant_id')
            .whereRef('t2.taken_on', '>', 't.taken_on')
            .where('t2.score', '>=', HSE_PASS_MARK),
        ),
      ),
    )
    .execute();
  const rows: ExpiryRow[] = [];
  let key = 1;
  for (const c of cards) {
    rows.push({
      id: key++,
      kind: 'card',
      participantId: c.participant_id,
      reference: c.reference,
      name: `${c.first_name} ${c.last_name}`,
      phone: c.phone,
      email: c.email,
      item: `CSCS card: ${cardTypeLabel(c.card_type)}${c.card_number ? ` no. ${c.card_number}` : ''}`,
      expiresOn: c.expires_on,
      daysLeft: daysBetween(today, c.expires_on),
    });
  }
  for (const t of passes) {
    const expiresOn = addYearsIso(t.taken_on, HSE_VALID_YEARS);
    rows.push({
      id: key++,
      kind: 'hse',
      participantId: t.participant_id,
      reference: t.reference,
      name: `${t.first_name} ${t.last_name}`,
      phone: t.phone,
      email: t.email,
      item: `HS&E pass ${t.score}/50 taken ${formatUkDate(t.taken_on)}, no card yet`,
      expiresOn,
      daysLeft: daysBetween(today, expiresOn),
    });
  }
  return rows.sort((a, b) => a.expiresOn.localeCompare(b.expiresOn) || a.name.localeCompare(b.name));
}

/** The expiry worklist as a workbook, read from the store (not a transaction) as the job runs. */
async function writeExpiry(
  db: Db,
  withinDays: number,
  actor: ExportActor,
  track: RowTracker,
  stage: ExportStage,
): Promise<ExpiryFile> {
  const today = actor.today;
  await stage('Finding expiring cards and passes');
  const by = await producedBy(db, actor.staffId);
  const rows = await expiryRows(db, today, withinDays);
  const columns: XlsxColumn<ExpiryRow>[] = [
    { header: 'Expires', type: 'date', width: 12, value: (r) => r.expiresOn },
    { header: 'Days left', type: 'integer', width: 10, value: (r) => r.daysLeft },
    { header: 'What', type: 'text', width: 44, value: (r) => r.item },
    { header: 'Reference', type: 'text', width: 12, value: (r) => r.reference },
    { header: 'Name', type: 'text', width: 26, value: (r) => r.name },
    { header: 'Phone', type: 'text', width: 15, value: (r) => r.phone },
    { header: 'Email', type: 'text', width: 30, value: (r) => r.email },
  ];
  const bytes = await writeXlsx(
    [
      {
        name: 'Expiry worklist',
        columns,
        rows: track(rows, rows.length),
        preamble: [
          `Stevenage Works – CSCS expiry worklist (next ${withinDays} days)`,
          `Produced ${formatUkDate(today)} by ${by}. ${rows.length} items.`,
        ],
      },
    ],
    { title: 'Expiry worklist' },
  );
  return {
    fileName: `cscs-expiry-worklist-${today}.xlsx`,
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes: new Uint8Array(bytes),
    rows: rows.length,
  };
}

export async function countSiteReadyNow(db: Db, rule: SiteReadyRule, today: string, cache?: UseCache): Promise<number> {
  return (await evaluateEveryone(db, rule, today, cache)).rows.filter((r) => r.ready).length;
}

/** One person's site-ready state under the programme's rule, with what is missing. */
export async function siteReadyOf(db: Db, participantId: number, today: string) {
  const rule = await loadSiteReadyRule(db);
  const facts = await loadFacts(db, [participantId], ticketTypesOf(rule));
  const r = evaluateSiteReady(rule, facts.get(participantId) ?? noFacts(), today);
  return {
    ready: r.ready,
    missing: r.missing.map((m) => m.label),
    readySince: r.readySince,
    readyUntil: r.readyUntil,
  };
}

/** Changes the programme's site-ready rule, audited; people who become ready under it get their
 * outcome now (many rows at once: the channel is a bulk write). */
export async function setSiteReadyRule(
  tx: Tx,
  rule: SiteReadyRule,
  actor: { staffId: number | null; at: string; today: string },
): Promise<{ rule: SiteReadyRule; description: string[] }> {
  const before = await saveSiteReadyRule(tx, actor.at, rule);
  await appendAudit(tx, actor.at, actor.staffId, {
    action: 'update',
    entity: 'setting',
    entityId: 'courses.siteReadyRule',
    summary: 'Site-ready rule changed',
    before,
    after: rule,
  });
  // Everyone with a CSCS fact: whoever met the new rule at any time gets their outcome.
  const facts = await loadFacts(tx);
  await refreshSiteReady(tx, actor.at, actor.today, actor.staffId, [...facts.keys()], rule);
  return { rule, description: describeSiteReadyRule(rule) };
}

async function producedBy(db: Db, staffId: number | null): Promise<string> {
  return staffId ? ((await staffDisplayName(db, staffId)) ?? 'staff') : 'staff';
}

/** The site-ready list's export as a job (export-job.ts): everyone is evaluated and the file
 * written outside any transaction; the export is audited once the file is complete. */
export function siteReadyExportJob(
  db: Db,
  input: SiteReadyExportInput,
  actor: ExportActor,
): ExportJobWork<SiteReadyFile> {
  return {
    label: 'Exporting the site-ready list',
    // Known only once everyone is evaluated: the rows give it then (writeSiteReady).
    total: 0,
    write: (track, stage) => writeSiteReady(db, input, actor, track, stage),
    audit: (tx, file) => auditSiteReadyExport(tx, input, file, actor),
  };
}

async function auditSiteReadyExport(tx: Tx, input: SiteReadyExportInput, file: SiteReadyFile, actor: ExportActor) {
  const { leftOut } = file;
  await appendAudit(tx, actor.at, actor.staffId, {
    action: 'export',
    entity: 'site_ready_candidates',
    summary:
      `Exported ${file.rows} people (${input.preset}) to ${file.fileName}${input.purpose ? ` for: ${input.purpose}` : ''}` +
      (leftOut ? `; ${leftOut} with eligibility not confirmed left out` : ''),
    after: {
      preset: input.preset,
      from: input.from ?? null,
      to: input.to ?? null,
      search: input.search,
      rows: file.rows,
      purpose: input.purpose,
      includeUnconfirmed: input.includeUnconfirmed,
      leftOut,
    },
  });
}

/** The expiry worklist's export as a job (export-job.ts), audited once the file is complete. */
export function expiryExportJob(db: Db, withinDays: number, actor: ExportActor): ExportJobWork<ExpiryFile> {
  return {
    label: 'Exporting expiring cards',
    // Known only once the cards and passes are read: the rows give it then (writeExpiry).
    total: 0,
    write: (track, stage) => writeExpiry(db, withinDays, actor, track, stage),
    async audit(tx, file) {
      await appendAudit(tx, actor.at, actor.staffId, {
        action: 'export',
        entity: 'cscs_expiry_worklist',
        summary: `Exported the expiry worklist (${withinDays} days, ${file.rows} items) to ${file.fileName}`,
        after: { withinDays, rows: file.rows },
      });
    },
  };
}
