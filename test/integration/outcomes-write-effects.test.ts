// The outcomes area on the backend kit: each write channel refreshes the screens of the areas it
// declares, once and only after its transaction committed, says nothing when it is refused, and
// leaves an audit row for everything it does (the kit refuses to commit a write without one).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { aParticipant } from '../support/builders';
import { setLogSink } from '../../db/backend/log';
import { outcomesContract } from '../../shared/contract/outcomes.contract';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract/index';
import type { BackendEvent } from '../../shared/events';
import { isPostgresRun } from '../support/test-store';

setLogSink(() => {});

let t: TestBackend;
let participantId: number;
let events: BackendEvent[];

beforeEach(async () => {
  t = await createTestBackend();
  participantId = await aParticipant(t.backend.store.db);
  events = [];
  t.backend.onEvent((e) => events.push(e));
});
afterEach(() => t.close());

async function auditCount(): Promise<number> {
  const r = await t.backend.store.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function workPlacement(startsOn = '2026-05-01') {
  return t.ok('placements.save', { participantId, kind: 'work_trial', startsOn, status: 'active' });
}

const pdf = () => new TextEncoder().encode('%PDF-1.4\n% payslip\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

describe('a write channel of the outcomes area', () => {
  // SQLite only: reads the store's SQLite handle inside the event to see the commit; backend-kit-areas checks event order on both stores.
  it.skipIf(isPostgresRun)(
    'converting a placement to a job says once, after the commit, that outcomes and participants changed',
    async () => {
      const placement = await workPlacement();
      events = [];
      const seen: { inTransaction: boolean; jobs: number }[] = [];
      t.backend.onEvent(() => {
        // Runs synchronously when the event is sent: the data must already be committed.
        const sqlite = t.backend.store.sqlite;
        const jobs = sqlite.prepare("select count(*) as n from outcomes where outcome_type = 'job_start'").get() as {
          n: number;
        };
        seen.push({ inTransaction: sqlite.inTransaction, jobs: jobs.n });
      });
      const job = await t.ok('placements.convertToJob', {
        placementId: placement.id,
        kind: 'paid_job',
        startsOn: '2026-06-01',
        hoursPerWeek: 30,
      });
      expect(job.outcomeId).toBeGreaterThan(0);
      expect(events).toEqual([{ type: 'data-changed', areas: ['outcomes', 'participants'] }]);
      expect(seen).toEqual([{ inTransaction: false, jobs: 1 }]);
    },
  );

  // SQLite only: reads the store's SQLite handle inside the event to see the commit; backend-kit-areas checks event order on both stores.
  it.skipIf(isPostgresRun)(
    'a verification decision is announced once, with the decision already readable',
    async () => {
      const { id } = await t.ok('outcomes.record', {
        participantId,
        outcomeType: 'job_start',
        outcomeDate: '2026-06-01',
      });
      events = [];
      let statusWhenAnnounced: unknown;
      t.backend.onEvent(() => {
        statusWhenAnnounced = (
          t.backend.store.sqlite.prepare('select verification_status as s from outcomes where id = ?').get(id) as {
            s: string;
          }
        ).s;
      });
      await t.ok('outcomes.verify', { id, status: 'verified', reason: 'Employer confirmed by phone' });
      expect(events).toEqual([{ type: 'data-changed', areas: ['outcomes', 'participants'] }]);
      expect(statusWhenAnnounced).toBe('verified');
    },
  );

  it('says nothing and changes nothing when it is refused', async () => {
    const placement = await workPlacement();
    const job = await t.ok('placements.save', {
      participantId,
      kind: 'paid_job',
      startsOn: '2026-06-01',
      status: 'active',
    });
    const audit = await auditCount();
    events = [];

    // Refused inside the handler, in the transaction the dispatcher opened: nothing commits.
    const tooEarly = await t.call('placements.convertToJob', {
      placementId: placement.id,
      kind: 'paid_job',
      startsOn: '2026-04-01',
    });
    expect(tooEarly).toMatchObject({ ok: false, error: { kind: 'validation' } });
    const notWork = await t.call('placements.convertToJob', {
      placementId: job.id,
      kind: 'paid_job',
      startsOn: '2026-07-01',
    });
    expect(notWork).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    const missing = await t.call('outcomes.verify', { id: 999_999, status: 'verified' });
    expect(missing).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    // Refused by the contract before any handler runs.
    const noReason = await t.call('outcomes.verify', { id: job.outcomeId, status: 'rejected' });
    expect(noReason).toMatchObject({ ok: false, error: { kind: 'validation' } });

    // Converting twice: the second is a conflict, and the first's changes stand alone.
    await t.ok('placements.convertToJob', { placementId: placement.id, kind: 'paid_job', startsOn: '2026-07-01' });
    events = [];
    const afterFirst = await auditCount();
    const again = await t.call('placements.convertToJob', {
      placementId: placement.id,
      kind: 'paid_job',
      startsOn: '2026-08-01',
    });
    expect(again).toMatchObject({ ok: false, error: { kind: 'conflict' } });

    expect(events).toEqual([]);
    expect(afterFirst).toBeGreaterThan(audit);
    expect(await auditCount()).toBe(afterFirst);
    const placements = await t.backend.store.db.selectFrom('placements').select('id').execute();
    expect(placements).toHaveLength(3);
  });
});

describe('every write channel of the outcomes area', () => {
  it('appends an audit row and refreshes exactly the areas it declares', async () => {
    const called = new Set<string>();
    async function write<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
      const before = await auditCount();
      events = [];
      // A write without an audit row is refused by the kit, so this fails loudly.
      const value = await t.ok(channel, input);
      expect(await auditCount(), `${channel} appended no audit row`).toBeGreaterThan(before);
      const effect = outcomesContract[channel as keyof typeof outcomesContract]?.effect;
      const areas = effect && 'areas' in effect ? [...effect.areas] : [];
      expect(events, channel).toEqual([{ type: 'data-changed', areas }]);
      called.add(channel);
      return value;
    }

    const org = await write('organisations.save', {
      name: 'Kier Construction',
      kind: 'employer',
      sector: 'construction',
    });
    const contact = await write('organisations.saveContact', { organisationId: org.id, name: 'Sam Site' });
    await write('organisations.deleteContact', { id: contact.id });
    const contract = await write('contracts.save', {
      name: 'Major Repairs Contract',
      contractorOrgId: org.id,
      startsOn: '2025-04-01',
      commitments: [{ kind: 'local_jobs', target: 10 }],
    });
    const payment = await write('contracts.addPayment', {
      contractId: contract.id,
      kind: 'community_investment',
      receivedOn: '2026-05-01',
      amountPence: 250_000,
    });
    await write('contracts.updatePayment', {
      id: payment.id,
      kind: 'community_investment',
      receivedOn: '2026-05-02',
      amountPence: 260_000,
    });
    await write('contracts.removePayment', { id: payment.id });
    const placement = await write('placements.save', {
      participantId,
      kind: 'work_trial',
      employerOrgId: org.id,
      contractId: contract.id,
      startsOn: '2026-05-01',
      status: 'active',
    });
    const job = await write('placements.convertToJob', {
      placementId: placement.id,
      kind: 'paid_job',
      startsOn: '2026-06-01',
      hoursPerWeek: 30,
    });
    await write('outcomes.saveType', { code: 'volunteering', label: 'Volunteering', category: 'other' });
    const other = await write('outcomes.record', {
      participantId,
      outcomeType: 'volunteering',
      outcomeDate: '2026-07-01',
    });
    await write('outcomes.update', { id: other.id, version: 1, outcomeDate: '2026-07-02', notes: 'Weekends' });
    await write('outcomes.verify', { id: job.outcomeId, status: 'verified', reason: 'Employer confirmed by phone' });
    const evidence = await write('evidence.add', {
      outcomeId: job.outcomeId,
      kind: 'payslip',
      file: { fileName: 'payslip.pdf', bytes: pdf() },
    });
    await write('evidence.file', { id: evidence.id });
    await write('evidence.remove', { id: evidence.id, reason: 'Wrong person' });
    await write('sustainment.record', {
      startOutcomeId: job.outcomeId,
      weeks: 13,
      sustained: true,
      sustainedOn: '2026-08-31',
      checkedOn: '2026-09-07',
    });
    // Exports are jobs: each one's audit row comes when its file is made, in its own transaction.
    const exports = [
      ['contracts.report.export', { id: contract.id, from: '2025-04-01', to: '2026-03-31' }],
      ['placements.export', {}],
      ['outcomes.export', {}],
    ] as const;
    for (const [channel, input] of exports) {
      const before = await auditCount();
      await t.exported(channel, input);
      expect(await auditCount(), channel).toBe(before + 1);
      called.add(channel);
    }
    await write('organisations.setActive', { id: org.id, isActive: false });

    const writeChannels = Object.entries(outcomesContract)
      .filter(([, def]) => def.effect.kind !== 'read')
      .map(([name]) => name);
    expect([...called].sort()).toEqual(writeChannels.sort());
  });
});
