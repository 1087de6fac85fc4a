// Geography loaded as an administrator does (a synthetic NSPL/ONSPD and IoD file through the
// upload and load channels, as a job): known postcodes resolve to the expected local authority,
// ward, LSOA and decile; a terminated or unknown postcode warns on the form, the record and in an
// import; "local" follows the setting; a wrong file gets a clear message; a newer file replaces
// the old one and everyone is worked out again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import type { ParticipantRecordInput } from '../../shared/domain/participant-record';
import { fixtureFiles, loadGeography, loadSyntheticGeography, uploadGeography } from '../support/geography';
import { openFile, preview } from './imports-support';

let t: TestBackend;
beforeEach(async () => {
  t = await createTestBackend();
});
afterEach(async () => t.close());

const person = (over: Partial<ParticipantRecordInput> = {}): ParticipantRecordInput => ({
  firstName: 'Amira',
  lastName: 'Khan',
  dateOfBirth: '14/02/1998',
  niStatus: 'not_yet_known',
  postcode: 'SG1 1CK',
  startDate: '10/01/2026',
  ...over,
});

async function evidence(id: number) {
  for (const [checkCode, evidenceType] of [
    ['right_to_work', 'uk_irish_passport'],
    ['residence', 'council_tax_bill'],
  ] as const)
    await t.ok('participants.recordEligibilityCheck', {
      id,
      checkCode,
      outcome: 'met',
      evidenceType,
      seenOn: '2026-01-10',
    });
}

describe('loading the geography files', () => {
  it('loads each file as a version with its rows, audited, and resolves known postcodes', async () => {
    // Registered before any directory: districts stand in.
    const early = await t.ok('participants.create', { record: person({ lastName: 'Early' }) });
    expect((await t.ok('participants.get', { id: early.id })).geography).toMatchObject({
      status: 'no_lookup',
      wardCode: null,
    });

    await loadSyntheticGeography(t);
    const status = await t.ok('geography.status', {});
    expect(status.postcodes).toMatchObject({
      format: 'NSPL',
      fileDate: '2025-02-01',
      rowCount: 567,
      status: 'current',
      label: 'NSPL, February 2025',
    });
    expect(status.deprivation).toMatchObject({ format: 'IoD2025', lsoaVintage: '2021', rowCount: 66 });
    expect(status.names.map((n) => n.format).sort()).toEqual(['LAD24', 'WD24']);
    expect(status.localAuthorities).toEqual([{ code: 'E07000243', name: 'Stevenage' }]);
    expect(status.authoritiesInDirectory.map((a) => a.name)).toEqual(
      expect.arrayContaining(['Stevenage', 'North Hertfordshire', 'East Hertfordshire']),
    );
    expect(status.stale).toBe(0);

    // The person registered earlier was worked out again by the load.
    const before = (await t.ok('participants.get', { id: early.id })).geography;
    expect(before).toMatchObject({
      status: 'resolved',
      laCode: 'E07000243',
      laName: 'Stevenage',
      wardCode: 'E05900001',
      wardName: 'Bedwell',
      lsoaCode: 'E01900001',
      imdDecile: 2,
      isLocal: true,
      lookup: 'NSPL, February 2025',
      deprivation: 'IoD2025, October 2025',
      stale: false,
      warning: null,
    });

    const look = await t.ok('geography.lookupPostcode', { postcode: 'sg13kc' });
    expect(look).toMatchObject({
      postcode: 'SG1 3KC',
      status: 'resolved',
      wardName: 'Old Town',
      lsoaCode: 'E01900005',
      imdDecile: 9,
      isLocal: true,
    });
    // SG1 also covers a North Hertfordshire village: not local.
    expect(await t.ok('geography.lookupPostcode', { postcode: 'SG1 9CC' })).toMatchObject({
      laName: 'North Hertfordshire',
      wardName: 'Wymondley',
      isLocal: false,
    });

    const audit = await t.backend.store.db
      .selectFrom('audit_log')
      .select('summary')
      .where('entity', '=', 'geography_file')
      .execute();
    expect(audit.map((a) => a.summary)).toEqual(
      expect.arrayContaining([
        'NSPL21_FEB_2025_UK_synthetic.csv (NSPL, February 2025, 567 rows) is now the postcode directory in use',
        'Loaded rows 1–567 of NSPL21_FEB_2025_UK_synthetic.csv',
      ]),
    );
  });

  it('a terminated or unknown postcode warns on the form, on the record and in an import', async () => {
    await loadSyntheticGeography(t);
    expect(await t.ok('geography.lookupPostcode', { postcode: 'SG1 1KM' })).toMatchObject({
      status: 'terminated',
      terminatedOn: '2019-06',
      wardName: 'Bedwell',
      warning: 'Postcode SG1 1KM stopped being used in June 2019: check the address',
    });
    expect(await t.ok('geography.lookupPostcode', { postcode: 'SG1 9VV' })).toMatchObject({
      status: 'not_found',
      warning: 'Postcode SG1 9VV is not in the postcode directory (NSPL, February 2025): check it',
    });

    const { id } = await t.ok('participants.create', { record: person({ postcode: 'SG1 9VV' }) });
    await evidence(id);
    const d = await t.ok('participants.get', { id });
    expect(d.geography).toMatchObject({
      status: 'not_found',
      warning: expect.stringMatching(/not in the postcode directory/),
    });
    expect(d.eligibility.rules.find((r) => r.code === 'residence')).toMatchObject({
      outcome: 'pending',
      reason: 'Postcode SG1 9VV is not in the postcode directory: check it',
    });

    const csv =
      'First name,Surname,Date of birth,Postcode\r\nAnn,Old,01/02/1990,SG1 1KM\r\nBen,Typo,03/04/1991,SG2 9VV\r\nCal,Fine,05/06/1992,SG2 1CC\r\n';
    const upload = await openFile(t, 'referrals.csv', new TextEncoder().encode(csv));
    const { previewId } = await preview(t, upload, {
      name: 'Referrals',
      partner: 'JCP',
      kind: 'participants',
      columns: { first_name: 'First name', last_name: 'Surname', date_of_birth: 'Date of birth', postcode: 'Postcode' },
      dateOrder: 'dmy',
    } as never);
    const warned = [];
    for (const rowId of [1, 2, 3])
      warned.push((await t.ok('imports.previewRow', { previewId, rowId })).warnings.map((w) => w.message));
    expect(warned).toEqual([
      ['Postcode SG1 1KM stopped being used in June 2019: check the address'],
      ['Postcode SG2 9VV is not in the postcode directory (NSPL, February 2025): check it'],
      [],
    ]);
  });

  it('"local" follows the setting: people, eligibility and the count change with it', async () => {
    await loadSyntheticGeography(t);
    const village = await t.ok('participants.create', { record: person({ lastName: 'Village', postcode: 'SG1 9CC' }) });
    await evidence(village.id);
    const town = await t.ok('participants.create', { record: person({ lastName: 'Town', postcode: 'SG2 1CC' }) });
    await evidence(town.id);
    const get = (id: number) => t.ok('participants.get', { id });
    expect((await get(village.id)).eligibility).toMatchObject({
      status: 'not_eligible',
      isLocal: false,
      reasons: [
        'Lives in North Hertfordshire, outside the local area (Stevenage); proof of address (Council tax bill seen 10/01/2026) does not make the address local',
      ],
    });
    expect((await get(town.id)).eligibility).toMatchObject({ status: 'eligible', isLocal: true });

    const set = await t.ok('geography.setLocalAuthorities', { codes: ['E07000243', 'e07000099'] });
    expect(set).toEqual({ codes: ['E07000243', 'E07000099'], recalculated: 1, local: 2 });
    expect((await get(village.id)).eligibility).toMatchObject({
      status: 'eligible',
      isLocal: true,
      localLabel: 'Stevenage, North Hertfordshire',
    });

    await t.ok('geography.setLocalAuthorities', { codes: ['E07000099'] });
    expect((await get(town.id)).eligibility).toMatchObject({ status: 'not_eligible', isLocal: false });
    const audit = await t.backend.store.db
      .selectFrom('audit_log')
      .select('summary')
      .where('entity_id', '=', 'geography.localAuthorities')
      .execute();
    expect(audit.map((a) => a.summary)).toEqual([
      'Local area set to Stevenage, North Hertfordshire',
      'Local area set to North Hertfordshire',
    ]);
    expect(await t.call('geography.setLocalAuthorities', { codes: ['Stevenage'] })).toMatchObject({
      ok: false,
      error: {
        kind: 'validation',
        fields: [{ path: ['codes', 0], message: 'Enter local authority codes like E07000243' }],
      },
    });
  });

  it('a file with the wrong columns gets a clear message and nothing is loaded', async () => {
    const uploadId = await uploadGeography(
      t,
      'people.csv',
      new TextEncoder().encode('Name,Postcode,NI number\r\nAnn,SG1 1AA,QQ123456C\r\n'),
    );
    const refused = await t.call('geography.load', { uploadId });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'validation' } });
    if (!refused.ok)
      expect(refused.error.message).toMatch(
        /^"people.csv" is not a file Worksbook knows\. A postcode directory \(NSPL or ONSPD\) needs the columns pcds/,
      );
    const cut = await uploadGeography(
      t,
      'NSPL_cut.csv',
      new TextEncoder().encode('pcds,doterm,laua,lsoa21\r\nSG1 1CC,,E07000243,E01900001\r\n'),
    );
    const partial = await t.call('geography.load', { uploadId: cut, fileDate: '2025-02-01' });
    if (!partial.ok) expect(partial.error.message).toMatch(/no column ward or osward/);
    expect(partial.ok).toBe(false);
    // A file named without a date needs the edition's date.
    const names = await uploadGeography(
      t,
      'ward names.csv',
      new TextEncoder().encode('WD24CD,WD24NM\r\nE05900001,Bedwell\r\n'),
    );
    expect(await t.call('geography.load', { uploadId: names })).toMatchObject({
      ok: false,
      error: { fields: [{ path: ['fileDate'] }] },
    });
    expect((await t.ok('geography.status', {})).postcodes).toBeNull();
  });

  it('a newer postcode directory and deprivation file replace the old ones, and everyone is worked out again', async () => {
    // ONSPD with IoD 2019 (2011 LSOAs) first
    await loadGeography(t, fixtureFiles.onspd);
    const iod2019 = await loadGeography(t, fixtureFiles.iod2019);
    expect(iod2019.rows).toBe(66);
    const { id } = await t.ok('participants.create', { record: person({ postcode: 'SG1 3KC' }) });
    expect((await t.ok('participants.get', { id })).geography).toMatchObject({
      lsoaCode: 'E01800005',
      imdDecile: 10,
      lookup: 'ONSPD, November 2024',
      deprivation: 'IoD2019, September 2019',
    });

    // Then NSPL and IoD 2025 (2021 LSOAs): the neighbourhood and its decile move.
    const nspl = await loadGeography(t, fixtureFiles.nspl);
    expect(nspl.replaced).toHaveLength(1);
    expect(nspl.recomputed).toMatchObject({ people: 1 });
    const iod2025 = await loadGeography(t, fixtureFiles.iod2025);
    expect(iod2025.replaced).toHaveLength(1);
    expect((await t.ok('participants.get', { id })).geography).toMatchObject({
      lsoaCode: 'E01900005',
      imdDecile: 9,
      lookup: 'NSPL, February 2025',
      deprivation: 'IoD2025, October 2025',
      stale: false,
    });

    const db = t.backend.store.db;
    const rowsOf = async (versionId: number) =>
      Number(
        (
          await db
            .selectFrom('geo_postcodes')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('version_id', '=', versionId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await rowsOf(nspl.replaced[0]!)).toBe(0);
    expect(await rowsOf(nspl.versionId)).toBe(567);
    const history = (await t.ok('geography.status', {})).history;
    expect(history.map((v) => [v.format, v.status])).toEqual([
      ['IoD2025', 'current'],
      ['NSPL', 'current'],
      ['IoD2019', 'replaced'],
      ['ONSPD', 'replaced'],
    ]);
    expect(await t.call('geography.recompute', {})).toMatchObject({ ok: true });
  });
});
