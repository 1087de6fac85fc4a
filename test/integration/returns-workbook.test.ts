// The exported return — the aggregate workbook (figures only, no personal data) and the evidence
// pack (claim lines, personal columns as the funder's settings ask) — read back by two other
// readers, openpyxl and LibreOffice headless, with the same values: identifiers as text (leading
// zeros kept), dates as dates, no formulas, text that looks like a formula kept as a string cell
// (never a formula), frozen headers and print setup; and the CLI's `return` (count, cumulative,
// target, variance) and `stats` giving the same figures.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { anOutcome, aPerson, setIdOf } from '../support/returns-builders';
import { runCli } from '../../db/cli/main';

const H1 = { from: '2025-04-01', to: '2025-09-30' };
let t: TestBackend;
let xlsx: string;
let evidence: string;
let evidenceMinimal: string;

const readWithOpenpyxl = `
import json, sys, openpyxl, datetime
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for ws in wb.worksheets:
    rows = []
    formulas = 0
    for row in ws.iter_rows():
        vals = []
        for c in row:
            if c.data_type == 'f': formulas += 1
            v = c.value
            if isinstance(v, datetime.datetime): v = {'date': v.strftime('%d/%m/%Y')}
            vals.append(v)
        rows.append(vals)
    out[ws.title] = {'rows': rows, 'formulas': formulas, 'frozen': ws.freeze_panes,
                     'landscape': ws.page_setup.orientation, 'fitToWidth': ws.page_setup.fitToWidth}
print(json.dumps(out))
`;

interface SheetRead {
  rows: unknown[][];
  formulas: number;
  frozen: string | null;
  landscape: string;
  fitToWidth: number;
}

beforeAll(async () => {
  t = await createTestBackend();
  const db = t.backend.store.db;
  const a = await aPerson(db, {
    first_name: '=HYPERLINK("http://x")',
    last_name: 'Able',
    ni_number: 'AB012345C',
    ni_status: 'known',
    date_of_birth: '1990-01-09',
    postcode: 'SG1 0AA',
    start_date: '2025-04-01',
    labour_market_status: 'inactive_not_in_education',
  });
  const b = await aPerson(db, {
    first_name: 'Ben',
    last_name: '+Baker',
    ni_number: 'CD000001A',
    ni_status: 'known',
    date_of_birth: '2001-12-31',
    postcode: 'SG2 7QT',
    start_date: '2025-09-30',
    sex: 'male',
    ethnicity: 'black_african',
    labour_market_status: 'unemployed',
  });
  await anOutcome(db, { participantId: a, type: 'job_start', date: '2025-05-01', verifiedBy: t.staffId });
  await anOutcome(db, { participantId: b, type: 'self_employment', date: '2025-06-30' });
  // Both UKSPF-funded: Ann under the keyworker project (E33), Ben under the CSCS route (E38).
  const funder = (await t.ok('returns.funders', {})).find((f) => f.code === 'UKSPF')!;
  const stream = await t.ok('funding.saveStream', {
    id: null,
    code: 'UKSPF-T',
    name: 'UKSPF People & Skills',
    funderId: funder.id,
    startsOn: '2022-04-01',
    endsOn: '2026-03-31',
    isActive: true,
  });
  const project = (code: string, name: string, interventionCode: string) =>
    t.ok('funding.saveProject', { id: null, code, name, streamId: stream.id, interventionCode, isActive: true });
  const kw = await project('UKSPF-KW', 'Keyworker support', 'E33');
  const cscs = await project('UKSPF-CSCS', 'CSCS route', 'E38');
  for (const [participantId, projectId] of [
    [a, kw.id],
    [b, cscs.id],
  ] as const)
    await t.ok('funding.saveSpell', {
      id: null,
      participantId,
      streamId: stream.id,
      projectId,
      startsOn: '2025-04-01',
      endsOn: null,
      note: null,
    });
  const setId = await setIdOf(db, 'UKSPF-PS');
  await t.ok('returns.saveTargets', {
    setId,
    indicatorCode: 'UKSPF-R1',
    target: 10,
    profileKind: 'half',
    profile: [
      { from: '2025-04-01', to: '2025-09-30', amount: 3 },
      { from: '2025-10-01', to: '2026-03-31', amount: 3 },
    ],
  });
  await t.ok('returns.saveFunder', {
    id: funder.id,
    name: funder.name,
    notes: null,
    personalColumns: ['reference', 'name', 'ni_number', 'date_of_birth', 'postcode'],
  });
  const save = async (part: 'aggregate' | 'evidence', name?: string) => {
    const file = await t.exported('returns.export', { setId, ...H1, purpose: 'Testing the workbook', part });
    const where = path.join(t.dir, name ?? file.fileName);
    fs.writeFileSync(where, file.bytes);
    return where;
  };
  xlsx = await save('aggregate');
  evidence = await save('evidence');
  // A funder whose settings do not ask for identifiers gets none.
  await t.ok('returns.saveFunder', { id: funder.id, name: funder.name, notes: null, personalColumns: ['reference'] });
  evidenceMinimal = await save('evidence', 'minimal.xlsx');
});
let backendClosed = false;
afterAll(async () => (backendClosed ? fs.rmSync(t.dir, { recursive: true, force: true }) : t.close()));

const readBoth = () => ({
  aggregate: JSON.parse(execFileSync('/usr/bin/python3', ['-c', readWithOpenpyxl, xlsx]).toString()) as Record<
    string,
    SheetRead
  >,
  evidence: JSON.parse(execFileSync('/usr/bin/python3', ['-c', readWithOpenpyxl, evidence]).toString()) as Record<
    string,
    SheetRead
  >,
});

describe('the return workbook', () => {
  it('reads back in openpyxl: the aggregate return with this period, cumulative, target, profile and variance', () => {
    const { aggregate: wb } = readBoth();
    expect(Object.keys(wb)).toEqual(['Summary', 'By period', 'By project', 'Equality', 'Where people live']);
    for (const sheet of Object.values(wb)) {
      expect(sheet.formulas).toBe(0);
      expect(sheet.frozen).toMatch(/^A\d+$/);
      expect(sheet.fitToWidth).toBe(1);
    }
    const summary = wb.Summary!;
    expect(summary.rows[0]![0]).toBe('UKSPF People & Skills: return');
    expect(summary.rows[2]![0]).toBe(
      'Period: 2025-26 H1 (01/04/2025 to 30/09/2025); cumulative figures from 01/04/2022',
    );
    const at = summary.rows.findIndex((r) => r[0] === 'Indicator code');
    const header = summary.rows[at]!;
    expect(header.slice(0, 11)).toEqual([
      'Indicator code',
      'Intervention',
      'Indicator',
      'Unit',
      'This period',
      'Cumulative to date',
      'Target (whole agreement)',
      'Profile to date',
      'Variance against profile',
      'RAG',
      'Status of definition',
    ]);
    const byCode = Object.fromEntries(summary.rows.slice(at + 1).map((r) => [r[0], r]));
    // Ann was inactive and Ben unemployed at entry: both count; 2 against a profile of 3 is red.
    expect(byCode['UKSPF-R1']!.slice(4, 11)).toEqual([2, 2, 10, 3, -1, 'Red', 'Inferred (not agreed)']);
    expect(byCode['UKSPF-O1']![4]).toBe(1);
    expect(byCode['UKSPF-O2']![4]).toBe(1);
    // The split by project adds up to the count, each under its project's intervention.
    const split = wb['By project']!.rows.filter((r) => r[0] === 'UKSPF-R1');
    expect(split.map((r) => [r[2], r[3], r[5]]).sort()).toEqual([
      ['E33', 'Keyworker support', 1],
      ['E38', 'CSCS route', 1],
    ]);
    const equality = wb.Equality!;
    const ageRows = equality.rows.filter((r) => r[0] === 'Age band at entry');
    expect(Object.fromEntries(ageRows.map((r) => [r[1], r[2]]))).toMatchObject({ '16-24': 1, '35-49': 1, '25-34': 0 });
  });

  it('holds no personal data in the aggregate return: no reference, name, identifier, postcode or date of birth', async () => {
    const { aggregate } = readBoth();
    const people = await t.backend.store.db
      .selectFrom('participants')
      .select(['reference', 'first_name', 'last_name', 'ni_number', 'postcode', 'date_of_birth', 'phone'])
      .execute();
    const personal = people.flatMap((p) => [
      p.reference,
      p.first_name,
      p.last_name,
      p.ni_number,
      p.postcode,
      p.phone,
      p.date_of_birth,
      p.date_of_birth ? p.date_of_birth.split('-').reverse().join('/') : null,
    ]);
    const found: string[] = [];
    for (const [name, sheet] of Object.entries(aggregate))
      for (const row of sheet.rows)
        for (const cell of row) {
          if (cell !== null && typeof cell === 'object') found.push(`${name}: a date cell ${JSON.stringify(cell)}`);
          const text = typeof cell === 'string' ? cell : '';
          for (const p of personal) if (p && text.includes(p)) found.push(`${name}: "${p}" in "${text}"`);
        }
    expect(found).toEqual([]);
  });

  it('reads back in openpyxl: the evidence pack with the personal columns the funder asks for, and only those', () => {
    const { evidence: wb } = readBoth();
    expect(Object.keys(wb)).toEqual(['Claim lines']);
    const lines = wb['Claim lines']!;
    expect(lines.formulas).toBe(0);
    const at = lines.rows.findIndex((r) => r[0] === 'Reference');
    const h = lines.rows[at]! as string[];
    expect(h).toEqual([
      'Reference',
      'Name',
      'NI number',
      'Date of birth',
      'Postcode',
      'Indicator code',
      'Indicator',
      'Item',
      'Date',
      'Funding stream',
      'Project',
      'Evidence',
      'Verifier',
    ]);
    const r1 = lines.rows.slice(at + 1).filter((r) => r[h.indexOf('Indicator code')] === 'UKSPF-R1');
    expect(r1).toHaveLength(2);
    const ann = r1.find((r) => r[h.indexOf('NI number')] === 'AB012345C')!;
    expect(ann[h.indexOf('Name')]).toBe(`=HYPERLINK("http://x") Able`); // a string cell, as held
    expect(ann[h.indexOf('Date of birth')]).toEqual({ date: '09/01/1990' });
    expect(ann[h.indexOf('Date')]).toEqual({ date: '01/05/2025' });
    expect(ann[h.indexOf('Postcode')]).toBe('SG1 0AA');
    expect(ann[h.indexOf('Verifier')]).toBe('Test Administrator');
    // The evidence column is worded for people: the verification status by its label, counts in plurals.
    expect(ann[h.indexOf('Evidence')]).toMatch(/^\d+ evidence items?; (verified|verified without evidence)$/);
    for (const row of lines.rows)
      for (const cell of row) expect(String(cell)).not.toMatch(/\b(has_issues|unverified_|[a-z]+_[a-z]+)\b/);
    expect(ann[h.indexOf('Project')]).toBe('Keyworker support');
    const ben = r1.find((r) => r[h.indexOf('NI number')] === 'CD000001A')!;
    expect(ben[h.indexOf('Name')]).toBe('Ben +Baker');
    const minimal = JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', readWithOpenpyxl, evidenceMinimal]).toString(),
    ) as Record<string, SheetRead>;
    const rows = minimal['Claim lines']!.rows;
    const mh = rows[rows.findIndex((r) => r[0] === 'Reference')]!;
    expect(mh).not.toContain('NI number');
    expect(mh).not.toContain('Date of birth');
    expect(mh).not.toContain('Name');
    expect(JSON.stringify(rows)).not.toContain('AB012345C');
    expect(JSON.stringify(rows)).not.toContain('09/01/1990');
  });

  it('reads back in LibreOffice headless with the same values', () => {
    const out = path.join(t.dir, 'csv');
    fs.mkdirSync(out, { recursive: true });
    // Filter options: comma, quote, UTF-8, row 1, …, save cells as shown, sheet -1 = every sheet to its own file.
    for (const file of [xlsx, evidence])
      execFileSync(
        'libreoffice',
        [
          '--headless',
          `-env:UserInstallation=file://${path.join(t.dir, 'lo-profile')}`,
          '--convert-to',
          'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1',
          '--outdir',
          out,
          file,
        ],
        { stdio: 'pipe', timeout: 120_000 },
      );
    const files = fs.readdirSync(out).sort();
    expect(files.length).toBe(6);
    const claim = fs.readFileSync(
      path.join(
        out,
        files.find((f) => f.includes('Claim'))!,
      ),
      'utf8',
    );
    const wb = readBoth().evidence;
    const csvRows = claim
      .trim()
      .split('\n')
      .map((l) => parseCsvLine(l));
    const pyRows = wb['Claim lines']!.rows.map((r) =>
      r.map((v) => (v === null ? '' : typeof v === 'object' ? (v as { date: string }).date : String(v))),
    );
    // LibreOffice writes the formatted text (dates as dd/mm/yyyy): the same as openpyxl's values.
    expect(csvRows.slice(6).map((r) => r.slice(0, 13))).toEqual(pyRows.slice(6).map((r) => r.slice(0, 13)));
    expect(claim).toContain('AB012345C');
    expect(claim).toContain('09/01/1990');
    const summary = fs.readFileSync(
      path.join(
        out,
        files.find((f) => f.includes('Summary'))!,
      ),
      'utf8',
    );
    expect(summary).toContain(
      'UKSPF-R1,E33,"Number of people in employment, including self-employment, following support",People,2,2,10,3,-1,Red,' +
        'Inferred (not agreed),',
    );
  });

  it('is audited as an export with its purpose', async () => {
    const rows = await t.backend.store.db
      .selectFrom('audit_log')
      .select(['summary', 'staff_id'])
      .where('action', '=', 'export')
      .execute();
    expect(rows.some((r) => r.summary.includes('Purpose: Testing the workbook') && r.staff_id === t.staffId)).toBe(
      true,
    );
  });

  it('refuses an unknown return or set, or a period outside the agreement, before any job starts', async () => {
    const jobs = () => t.backend.services.jobs.list().length;
    const before = jobs();
    const setId = await setIdOf(t.backend.store.db, 'UKSPF-PS');
    const purpose = 'Testing the refusals';
    const refusal = async (input: unknown) => {
      const result = await t.call('returns.export', input);
      return result.ok ? null : { kind: result.error.kind, message: result.error.message };
    };
    expect(await refusal({ returnId: 999_999, purpose })).toEqual({
      kind: 'not-found',
      message: 'That return does not exist.',
    });
    expect(await refusal({ setId: 999_999, ...H1, purpose })).toEqual({
      kind: 'not-found',
      message: 'That indicator set does not exist.',
    });
    expect(await refusal({ setId, from: '2026-10-01', to: '2026-12-31', purpose })).toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('outside the funding agreement'),
    });
    expect(jobs()).toBe(before);
  });
});

describe('the CLI', () => {
  it('writes the same return with `cli return` and prints the headline figures with `cli stats`', async () => {
    await t.backend.close();
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(`ERR ${s}`) };
    const file = path.join(tempOut(), 'cli.xlsx');
    const evidenceOut = path.join(tempOut(), 'cli-evidence.xlsx');
    const code = await runCli(
      [
        'return',
        '--db',
        t.file,
        '--plaintext',
        '--set',
        'ukspf-ps',
        '--from',
        '01/04/2025',
        '--to',
        '30/09/2025',
        '--out',
        file,
        '--evidence',
        evidenceOut,
        '--json',
      ],
      io,
    );
    expect(code, out.join('\n')).toBe(0);
    const json = JSON.parse(out.filter((l) => !l.startsWith('ERR ')).join('\n'));
    expect(json.indicators.find((i: { code: string }) => i.code === 'UKSPF-R1')).toMatchObject({
      count: 2,
      cumulative: 2,
      target: 10,
      profileToDate: 3,
      variance: -1,
      rag: 'red',
    });
    expect(json.evidenceFile).toBe(evidenceOut);
    const wb = JSON.parse(execFileSync('/usr/bin/python3', ['-c', readWithOpenpyxl, file]).toString()) as Record<
      string,
      SheetRead
    >;
    expect(Object.keys(wb)).toEqual(['Summary', 'By period', 'By project', 'Equality', 'Where people live']);
    const pack = JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', readWithOpenpyxl, evidenceOut]).toString(),
    ) as Record<string, SheetRead>;
    expect(pack['Claim lines']!.rows.length).toBeGreaterThan(5);
    // A UKSPF return for October-December 2026 is refused: the fund ended on 31 March 2026.
    out.length = 0;
    const late = await runCli(
      [
        'return',
        '--db',
        t.file,
        '--plaintext',
        '--set',
        'UKSPF-PS',
        '--from',
        '01/10/2026',
        '--to',
        '31/12/2026',
        '--out',
        path.join(tempOut(), 'late.xlsx'),
      ],
      io,
    );
    expect(late).toBe(1);
    expect(out.join('\n')).toMatch(/outside the funding agreement/);
    out.length = 0;
    expect(
      await runCli(
        ['stats', '--db', t.file, '--plaintext', '--from', '2025-04-01', '--to', '2025-09-30', '--json'],
        io,
      ),
    ).toBe(0);
    const stats = JSON.parse(out.join('\n'));
    expect(stats.headline.map((h: { code: string }) => h.code)).toEqual([
      'SW-1',
      'SW-2',
      'SW-3',
      'SW-7',
      'SW-4',
      'SW-5',
      'SW-6',
    ]);
    expect(stats.headline.find((h: { code: string }) => h.code === 'SW-6').count).toBe(2); // Ann's job (SG1) and Ben's self-employment (SG2)
    out.length = 0;
    expect(
      await runCli(['stats', '--db', t.file, '--plaintext', '--from', '31/13/2025', '--to', '2025-09-30'], io),
    ).toBe(2);
    expect(out.join()).toContain('is not a date');
    backendClosed = true;
  });
});

function tempOut(): string {
  return fs.mkdtempSync(path.join(t.dir, 'cli-'));
}

function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '',
    quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
