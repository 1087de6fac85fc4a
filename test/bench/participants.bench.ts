// Participants: quick search over the whole store (a few hundred mixed queries: surname,
// first + last name, NI fragment, reference, postcode, phone) through the backend channel, the
// grid's first page (100 rows + total), and — at the largest size, when Chromium is available —
// the time from opening the screen to the first grid rows in the browser harness.
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startHarness } from '../../db/harness/server';
import type { BenchKit, BenchSuite } from './bench-kit';

type Kind = 'surname' | 'first+last' | 'NI fragment' | 'reference' | 'postcode' | 'phone';

/** About 60 people spread through the store, each searched for in up to six ways. */
async function queries(
  db: Awaited<ReturnType<BenchKit['store']>>['backend']['store']['db'],
): Promise<Array<{ kind: Kind; text: string }>> {
  const total = Number(
    (
      await db
        .selectFrom('participants')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const step = Math.max(1, Math.floor(total / 60));
  const people = await db
    .selectFrom('participants')
    .select(['reference', 'first_name', 'last_name', 'ni_number', 'postcode', 'phone'])
    .where(({ eb }) => eb(eb('id', '%', step), '=', 0))
    .orderBy('id')
    .limit(60)
    .execute();
  const out: Array<{ kind: Kind; text: string }> = [];
  for (const [i, p] of people.entries()) {
    out.push({ kind: 'surname', text: p.last_name });
    out.push({ kind: 'first+last', text: `${p.first_name} ${p.last_name}` });
    out.push({ kind: 'reference', text: i % 2 ? p.reference : p.reference.slice(3) });
    if (p.ni_number)
      out.push({
        kind: 'NI fragment',
        text:
          i % 2
            ? `${p.ni_number.slice(2, 4)} ${p.ni_number.slice(4, 6)} ${p.ni_number.slice(6, 8)}`
            : p.ni_number.slice(0, 6).toLowerCase(),
      });
    if (p.postcode)
      out.push({ kind: 'postcode', text: i % 2 ? p.postcode : p.postcode.replace(' ', '').toLowerCase() });
    if (p.phone) out.push({ kind: 'phone', text: i % 2 ? p.phone : p.phone.replace(/\s/g, '') });
  }
  return out;
}

async function browserFirstRows(kit: BenchKit, size: number): Promise<void> {
  const { backend } = await kit.store(size);
  const admin = await backend.store.db
    .selectFrom('staff')
    .select('id')
    .where('role', '=', 'administrator')
    .executeTakeFirstOrThrow();
  await backend.call('harness', 'session.start', { staffId: admin.id });
  const harness = await startHarness({ backend, rendererDir: path.resolve('dist/renderer') });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const base = harness.url.split('#')[0]!;
    const token = harness.url.split('#')[1]!;
    await page.goto(`${base}#${token}`);
    await page.locator('[data-ready="true"]').waitFor();
    const cold: number[] = [];
    const switchTo: number[] = [];
    for (let i = 0; i < 6; i++) {
      // Cold: load the app straight onto the participants screen.
      await page.goto('about:blank');
      let t0 = performance.now();
      await page.goto(`${base}#${token}`);
      await page.getByRole('gridcell', { name: 'SW-000001' }).waitFor({ timeout: 30_000 });
      if (i > 0) cold.push(performance.now() - t0);
      // Switch: from another screen to participants (Alt+1), as an officer would.
      await page.keyboard.press('Alt+2');
      await page.getByRole('heading', { name: 'Courses', level: 1 }).waitFor();
      t0 = performance.now();
      await page.keyboard.press('Alt+1');
      await page.getByRole('gridcell', { name: 'SW-000001' }).waitFor({ timeout: 30_000 });
      if (i > 0) switchTo.push(performance.now() - t0);
    }
    kit.record('browser: app load to first grid rows', size, cold, 'Chromium, harness');
    kit.record('browser: open screen to first grid rows', size, switchTo, 'Chromium, Alt+1 from Courses');
  } finally {
    await browser.close();
    await harness.close();
    await backend.close();
  }
}

export const suite: BenchSuite = {
  name: 'participants',
  async run(kit) {
    for (const size of kit.sizes) {
      const { backend, call } = await kit.store(size);
      const list = await queries(backend.store.db);
      for (const q of list.slice(0, 10)) await call('participants.page', { search: q.text, limit: 100 }); // warm-up
      const byKind = new Map<Kind, number[]>();
      const all: number[] = [];
      let misses = 0;
      for (const q of list) {
        const t0 = performance.now();
        const result = await call('participants.page', { search: q.text, limit: 100 });
        const ms = performance.now() - t0;
        if (!result.ok || result.value.total === 0) misses++;
        all.push(ms);
        byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), ms]);
      }
      kit.record(
        'quick search, mixed (first 100 rows + total)',
        size,
        all,
        `${list.length} queries, ${misses} without a hit`,
      );
      for (const [kind, samples] of byKind) kit.record(`quick search: ${kind}`, size, samples);
      await kit.measure('grid first page (100 rows + total)', size, () => call('participants.page', { limit: 100 }), {
        runs: 20,
      });
      await kit.measure(
        'grid first page sorted by last name',
        size,
        () => call('participants.page', { limit: 100, sort: [{ colId: 'lastName', sort: 'asc' }] }),
        { runs: 20 },
      );
      await kit.measure(
        'grid preset "pending evidence"',
        size,
        () => call('participants.page', { limit: 100, preset: 'pending-evidence' }),
        { runs: 20 },
      );
      const detail = await call('participants.page', { limit: 1 });
      const id = detail.ok ? detail.value.rows[0]!.id : 1;
      await kit.measure('open a participant (get)', size, () => call('participants.get', { id }), { runs: 20 });
      await kit.measure(
        'duplicates check for a draft',
        size,
        () =>
          call('participants.duplicates', {
            keys: {
              firstName: 'Sam',
              lastName: 'Smith',
              dateOfBirth: '1990-01-01',
              postcode: 'SG1 1AA',
              phone: '07700 900123',
            },
          }),
        { runs: 20 },
      );
      await backend.close();
    }
    const largest = Math.max(...kit.sizes);
    try {
      await browserFirstRows(kit, largest);
    } catch (error) {
      process.stdout.write(
        `(browser timing skipped: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})\n`,
      );
    }
  },
};
