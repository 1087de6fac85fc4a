import { test, startWithDemo } from './fixtures';
const W = Number(process.env.W ?? 1366), H = Number(process.env.H ?? 800);
test.use({ viewport: { width: W, height: H } });
test('tour', async ({ appPage: page, app }) => {
  test.setTimeout(600_000);
  await startWithDemo(page);
  const base = page.url().split('#')[0];
  for (const r of (process.env.ROUTES ?? 'participants').split(',')) {
    await page.goto(`${base}#/${r}`);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `.tmp/shots/t-${W}-${r.replace(/\//g, '_')}.png`, fullPage: process.env.FULL === '1' });
  }
});
