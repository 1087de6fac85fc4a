// A team database login belongs to one staff profile (issue 18), as a user meets it: an
// administrator links each login to its profile under Settings → Staff and roles, and the app
// connected through a staff member's own login offers only that profile ("Who is working?" says
// which login it is connected as); a login linked to no one says to ask an administrator. Runs on a
// throwaway PostgreSQL server started here (the harness otherwise serves a data file).
import { test, expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createBackend, type Backend } from '../../db/backend/backend';
import { startHarness, type Harness } from '../../db/harness/server';
import { runCli } from '../../db/cli/main';
import { startTestPostgres, type TestPostgres } from '../support/postgres-server';
import { axeViolations, FIRST_PASSWORD } from './fixtures';

test.use({ viewport: { width: 1366, height: 768 } });

const LOGIN_PASSWORD = 'test-server-only-password';
const OFFICER_PASSWORD = 'olu pass phrase';
const DATABASE = 'e2e_team';
let server: TestPostgres;
const dataDirs: string[] = [];
const running: Array<{ backend: Backend; harness: Harness }> = [];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startTestPostgres();
  process.env.WORKSBOOK_DB_TLS = 'insecure-test-server';
  const admin = new pg.Client({ connectionString: server.url('postgres') });
  await admin.connect();
  await admin.query(`create database ${DATABASE}`);
  await admin.end();
  // The programme on the server, as its owner makes it: an administrator, an officer, the roles.
  const owner = await backendOn(server.url(DATABASE));
  const first = await owner.call('setup', 'staff.createFirst', { displayName: 'Ada Admin', password: FIRST_PASSWORD });
  expect(first.ok).toBe(true);
  expect(
    await owner.call('setup', 'staff.create', {
      displayName: 'Olu Officer',
      role: 'officer',
      password: OFFICER_PASSWORD,
    }),
  ).toMatchObject({ ok: true });
  await owner.close();
  expect(await runCli(['team', 'setup-roles', '--db', server.url(DATABASE)], { out: () => {}, err: () => {} })).toBe(0);
  const roles = new pg.Client({ connectionString: server.url(DATABASE) });
  await roles.connect();
  await roles.query(`create role olu login password '${LOGIN_PASSWORD}' in role worksbook_officer`);
  await roles.query(`create role sam login password '${LOGIN_PASSWORD}' in role worksbook_officer`);
  await roles.end();
});

test.afterAll(async () => {
  for (const { backend, harness } of running.splice(0)) {
    await harness.close();
    await backend.close();
  }
  await server?.stop();
  for (const d of dataDirs) fs.rmSync(d, { recursive: true, force: true });
});

async function backendOn(url: string): Promise<Backend> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'worksbook-e2e-team-'));
  dataDirs.push(dataDir);
  const backend = await createBackend({ file: url, dataDir });
  return backend;
}

/** The app on this computer, connected with `login` (the owner's when none). */
async function openApp(page: Page, login?: string): Promise<void> {
  const backend = await backendOn(login ? server.url(DATABASE, login, LOGIN_PASSWORD) : server.url(DATABASE));
  const harness = await startHarness({ backend, rendererDir: path.resolve('dist/renderer') });
  running.push({ backend, harness });
  await page.goto(harness.url);
  await page.locator('[data-ready="true"]').waitFor();
}

async function signIn(page: Page, name: string, password: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Who is working?' })).toBeVisible();
  await page.getByRole('radio', { name: new RegExp(name) }).check();
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('an administrator links a login to a profile; through that login only that profile signs in', async ({ page }) => {
  test.setTimeout(180_000);
  // The owner's connection (the first administrator's set-up): every profile is offered.
  await openApp(page);
  await signIn(page, 'Ada Admin', FIRST_PASSWORD);
  // Every page tells the administrator which logins cannot sign in yet, and where to link them.
  const waiting = page.getByRole('status').filter({ hasText: 'not linked to a staff profile' });
  await expect(waiting).toContainText(
    '2 database logins are not linked to a staff profile, so the people who use them cannot sign in: olu (officer), sam (officer).',
  );
  expect(await axeViolations(page)).toEqual([]);
  await waiting.getByRole('link', { name: 'Link them in Staff and roles' }).click();
  await expect(page.getByRole('heading', { name: 'Staff and roles', level: 2 })).toBeVisible();
  await expect(waiting).toContainText("Link each to its owner's profile in the Database login column below.");
  await expect(page.getByRole('columnheader', { name: 'Database login' })).toBeVisible();
  const choice = page.getByLabel('Database login of Olu Officer');
  await expect(choice).toHaveValue('');
  // By keyboard: the list offers the server's staff logins with their roles.
  await choice.focus();
  await choice.selectOption({ label: 'olu (officer)' });
  await expect(page.getByText('Olu Officer now signs in through olu.')).toBeVisible();
  await expect(choice).toHaveValue('olu');
  await expect(waiting).toContainText('One database login is not linked to a staff profile');
  await expect(waiting).toContainText(
    "sign in: sam (officer). Link it to its owner's profile in the Database login column below.",
  );
  // A linked login is no longer offered for another profile.
  await expect(page.getByLabel('Database login of Ada Admin').locator('option', { hasText: 'olu' })).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  // Sam's login may wait on purpose (someone not started yet): the notice can be put away.
  await waiting.getByRole('button', { name: 'Hide until I next sign in' }).click();
  await expect(waiting).toHaveCount(0);

  // Olu's computer, connected with Olu's own login: only Olu's profile.
  const olu = await page.context().newPage();
  await openApp(olu, 'olu');
  await expect(olu.getByText('connected to the team database as olu')).toBeVisible();
  await expect(olu.getByRole('radio')).toHaveCount(1);
  await expect(olu.getByRole('radio', { name: /Olu Officer/ })).toBeVisible();
  expect(await axeViolations(olu)).toEqual([]);
  await signIn(olu, 'Olu Officer', OFFICER_PASSWORD);
  await expect(olu.getByRole('button', { name: 'Sign out' })).toBeVisible();
  // The notice is for administrators, who can link logins.
  await expect(olu.getByText('not linked to a staff profile')).toHaveCount(0);

  // A login linked to no one: no profile, and what to do.
  const sam = await page.context().newPage();
  await openApp(sam, 'sam');
  await expect(sam.getByRole('status').filter({ hasText: 'No staff profile' })).toContainText(
    'No staff profile is linked to the database login sam yet',
  );
  await expect(sam.getByRole('radio')).toHaveCount(0);
  expect(await axeViolations(sam)).toEqual([]);
});
