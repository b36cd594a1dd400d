// The UI against the real server in a real browser: sign-in, filters, paging, lead detail (stage
// change with history, field-level validation error, logging an activity, merging a lead), channel
// rules, API key secret shown once, sign-out.
// Run: npm --prefix web run e2e   (needs web/dist and a built leadbase; see harness.mjs)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { screenshot, startBrowser, startServer, stepRunner } from './harness.mjs';

const ADMIN = 'admin@demo.leadbase.dk';
const PASSWORD = 'demo-password';

let server;
let browser;
let page;
let baseUrl;

const step = stepRunner({ prefix: '', getPage: () => page });

const url = (path) => `${baseUrl}${path}`;
const rows = () => page.locator('table.leads-table tbody tr');
const waitForLeads = (predicate) =>
  page.waitForResponse((res) => {
    const u = new URL(res.url());
    return u.pathname === '/api/v1/leads' && res.request().method() === 'GET' && predicate(u.searchParams);
  });

describe('Leadbase UI', { timeout: 600_000 }, () => {
  before(async () => {
    server = await startServer();
    baseUrl = server.baseUrl;
    browser = await startBrowser();
    page = browser.page;
  });

  after(async () => {
    // Always runs, also when a step failed: the server must not outlive the test.
    await browser?.close();
    await server?.stop();
  });

  step('a wrong password shows the API error and stays on sign-in', async () => {
    await page.goto(url('/leads'));
    await page.waitForURL(/\/signin/);
    await page.getByLabel('E-mail').fill(ADMIN);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const error = page.locator('.form-error:visible, .field-error:visible').first();
    await error.waitFor();
    assert.ok((await error.innerText()).trim().length > 0, 'an error message is shown');
    assert.match(page.url(), /\/signin/);
  });

  step('the right password lands on the leads list', async () => {
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/leads/);
    await page.getByRole('heading', { level: 1, name: 'Leads' }).waitFor();
    await rows().first().waitFor();
    assert.equal(await rows().count(), 50, 'the first page has 50 leads');
    assert.match(await page.locator('.user-name').innerText(), /Demo Admin|admin@demo\.leadbase\.dk/);
    await screenshot(page, 'leads-list');
  });

  let term = '';
  step('filtering by stage shows only leads in that stage, and the URL says so', async () => {
    const reply = waitForLeads((p) => p.get('stage') === 'sql');
    await page.getByLabel('Stage').selectOption('sql');
    const res = await reply;
    assert.equal(res.status(), 200);
    await page.waitForURL(/[?&]stage=sql/);
    await page.locator('#leads-summary').filter({ hasText: /Showing|No leads/ }).waitFor();
    const stages = await page.locator('table.leads-table tbody tr [data-stage]').evaluateAll((els) =>
      els.map((el) => el.getAttribute('data-stage')),
    );
    assert.ok(stages.length > 0, 'the demo has SQL leads');
    assert.ok(stages.every((s) => s === 'sql'), `all rows are SQL: ${stages.join(',')}`);
    const name = (await rows().first().locator('th a').innerText()).trim();
    term = name.split(/\s+/).pop();
  });

  step('searching narrows the rows to matching leads and survives a reload', async () => {
    assert.ok(term, 'a search term was taken from the first row');
    const reply = waitForLeads((p) => p.get('q') === term && p.get('stage') === 'sql');
    await page.getByLabel('Search', { exact: true }).fill(term);
    await page.getByLabel('Search', { exact: true }).press('Enter');
    await reply;
    await page.waitForURL((u) => u.searchParams.get('q') === term);
    await page.locator('#leads-summary').filter({ hasText: /Showing/ }).waitFor();
    const texts = await rows().evaluateAll((trs) => trs.map((tr) => tr.innerText));
    assert.ok(texts.length > 0);
    for (const text of texts) {
      assert.ok(text.toLowerCase().includes(term.toLowerCase()), `row matches "${term}": ${text}`);
    }
    const stages = await page.locator('table.leads-table tbody tr [data-stage]').evaluateAll((els) =>
      els.map((el) => el.getAttribute('data-stage')),
    );
    assert.ok(stages.every((s) => s === 'sql'));
    // The URL is shareable: a reload restores the same filters and rows.
    await page.reload();
    await rows().first().waitFor();
    assert.equal(await page.getByLabel('Stage').inputValue(), 'sql');
    assert.equal(await page.getByLabel('Search', { exact: true }).inputValue(), term);
    assert.equal(await rows().count(), texts.length);
  });

  step('an unknown owner in the filters is reported under the Owner field', async () => {
    const owner = page.getByLabel('Owner');
    await owner.fill('nobody@nowhere.example');
    const reply = waitForLeads((p) => p.get('owner') === 'nobody@nowhere.example');
    await owner.press('Enter');
    assert.equal((await reply).status(), 400);
    const error = page.locator('#filter-owner-error');
    await error.waitFor();
    assert.ok((await error.innerText()).trim().length > 0);
    assert.equal(await owner.getAttribute('aria-invalid'), 'true');
  });

  step('"Load more" fetches the next page with the cursor', async () => {
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.waitForURL((u) => u.pathname === '/leads' && u.search === '');
    await page.locator('#leads-summary').filter({ hasText: 'Showing 50 leads' }).waitFor();
    const first = await rows().evaluateAll((trs) => trs.map((tr) => tr.dataset.leadId));
    const reply = waitForLeads((p) => p.has('cursor'));
    await page.getByRole('button', { name: 'Load more' }).click();
    await reply;
    await page.locator('#leads-summary').filter({ hasText: 'Showing 100 leads' }).waitFor();
    const all = await rows().evaluateAll((trs) => trs.map((tr) => tr.dataset.leadId));
    assert.equal(all.length, 100);
    assert.deepEqual(all.slice(0, 50), first);
    assert.equal(new Set(all).size, 100, 'no lead appears twice');
  });

  let leadPath = '';
  step('opening a lead shows its details', async () => {
    const link = rows().first().locator('th a');
    const name = (await link.innerText()).trim();
    await link.click();
    await page.waitForURL(/\/leads\/[^/?]+$/);
    leadPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 1, name }).waitFor();
    for (const title of ['Details', 'Change stage', 'History', 'Timeline', 'Score', 'Company']) {
      await page.getByRole('heading', { level: 2, name: title }).waitFor();
    }
  });

  step('changing the stage with a reason shows up in the history', async () => {
    const current = await page.locator('#main .page-head [data-stage]').first().getAttribute('data-stage');
    const next = current === 'sal' ? 'sql' : 'sal';
    const reason = `E2E: called back, budget confirmed (${Date.now()})`;
    const form = page.getByRole('form', { name: 'Change stage' });
    await form.getByLabel('New stage').selectOption(next);
    await form.getByLabel('Reason').fill(reason);
    await form.getByRole('button', { name: 'Change stage' }).click();
    await page.locator('#lead-status').filter({ hasText: 'Stage changed' }).waitFor();
    assert.equal(await page.locator('#main .page-head [data-stage]').first().getAttribute('data-stage'), next);
    const row = page.locator('table.history-table tbody tr', { hasText: reason });
    await row.waitFor();
    assert.equal(await row.getAttribute('data-kind'), 'stage');
    assert.equal(await row.locator('[data-stage]').last().getAttribute('data-stage'), next);
    assert.match(await row.innerText(), new RegExp(ADMIN.replace(/[.]/g, '\\.')));
    await screenshot(page, 'lead-detail');
  });

  step('a bad value gets a field-level error; a good edit is saved', async () => {
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const form = page.getByRole('form', { name: 'Edit lead' });
    const email = form.getByLabel('E-mail', { exact: true });
    const original = await email.inputValue();
    await email.fill('not-an-email');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForFunction(() =>
      document.querySelector('form[aria-label="Edit lead"] [name="email"]')?.getAttribute('aria-invalid') === 'true',
    );
    const errorId = await email.getAttribute('data-error-id');
    const error = page.locator(`#${errorId}`);
    assert.ok(await error.isVisible(), 'the error is shown under the e-mail field');
    assert.ok((await error.innerText()).trim().length > 0);
    assert.match(await email.getAttribute('aria-describedby'), new RegExp(errorId));
    await screenshot(page, 'lead-field-error');

    await email.fill(original);
    const rating = form.getByLabel('Rating');
    const before = await rating.inputValue();
    const next = before === 'hot' ? 'cold' : 'hot';
    await rating.selectOption(next);
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('#lead-status').filter({ hasText: 'Lead saved' }).waitFor();
    await page.locator(`.details-grid .rating-${next}`).waitFor();
    // The change is stored: a reload shows it.
    await page.goto(url(leadPath));
    await page.locator(`.details-grid .rating-${next}`).waitFor();
  });

  step('a new lead can be created and opens on its page', async () => {
    await page.getByRole('link', { name: 'Leads', exact: true }).click();
    await page.getByRole('button', { name: 'New lead' }).click();
    const form = page.getByRole('form', { name: 'New lead' });
    const stamp = Date.now();
    await form.getByLabel('First name').fill('Erika');
    await form.getByLabel('Last name').fill(`Endtoend${stamp}`);
    await form.getByLabel('E-mail', { exact: true }).fill(`erika.${stamp}@e2e.example.com`);
    await form.getByLabel('Rating').selectOption('warm');
    await form.getByRole('button', { name: 'Create lead' }).click();
    await page.waitForURL(/\/leads\/[^/?]+$/);
    await page.getByRole('heading', { level: 1, name: `Erika Endtoend${stamp}` }).waitFor();
    await page.locator('.details-grid .rating-warm').waitFor();
  });

  step('logging a call on the lead shows it in the timeline', async () => {
    const form = page.getByRole('form', { name: 'Log activity' });
    const note = `E2E: intro call (${Date.now()})`;
    await form.getByLabel('Activity').selectOption('call');
    await form.getByLabel('Note').fill(note);
    await form.getByRole('button', { name: 'Log activity' }).click();
    await page.locator('#lead-status').filter({ hasText: 'Activity logged' }).waitFor();
    const item = page.locator('ol.timeline li', { hasText: 'Phone call' });
    await item.first().waitFor();
    assert.match(await item.first().innerText(), /Phone call/);
  });

  step('merging another lead into this one takes over its timeline and deletes it', async () => {
    const survivorPath = new URL(page.url()).pathname;
    const stamp = Date.now();
    const created = await page.request.post(url('/api/v1/leads'), {
      data: { email: `merge.${stamp}@e2e.example.com`, title: 'Head of Merging' },
    });
    assert.equal(created.status(), 201, await created.text());
    const other = await created.json();
    const logged = await page.request.post(url(`/api/v1/leads/${other.id}/touchpoints`), {
      data: { type: 'meeting', name: `E2E meeting ${stamp}` },
    });
    assert.equal(logged.status(), 201, await logged.text());
    page.once('dialog', (dialog) => void dialog.accept());
    const form = page.getByRole('form', { name: 'Merge another lead into this one' });
    await form.getByLabel('Lead to merge in').fill(String(other.id));
    await form.getByLabel('Reason').fill('E2E: same person');
    await form.getByRole('button', { name: 'Merge into this lead' }).click();
    await page.locator('#lead-status').filter({ hasText: 'merged into this lead' }).waitFor();
    assert.equal(new URL(page.url()).pathname, survivorPath);
    await page.locator('ol.timeline li', { hasText: `E2E meeting ${stamp}` }).waitFor();
    const gone = await page.request.get(url(`/api/v1/leads/${other.id}`));
    assert.equal(gone.status(), 404);
    await screenshot(page, 'lead-merged');
  });

  step('a channel rule can be added in the settings and is kept', async () => {
    await page.goto(url('/settings/channel-rules'));
    await page.getByRole('heading', { level: 2, name: 'Channel rules' }).waitFor();
    const before = await page.locator('table.channel-rules tbody tr').count();
    await page.getByRole('button', { name: 'Add rule' }).click();
    const index = before + 1;
    await page.getByLabel(`Rule ${index} channel`).selectOption('partner');
    await page.getByLabel(`Rule ${index} utm_source`).fill('e2e-partner-*');
    await page.getByRole('button', { name: 'Save rules' }).click();
    await page.locator('.alert-success', { hasText: 'Channel rules saved.' }).waitFor();
    await page.reload();
    await page.getByLabel(`Rule ${index} utm_source`).waitFor();
    assert.equal(await page.getByLabel(`Rule ${index} utm_source`).inputValue(), 'e2e-partner-*');
  });

  step('creating an API key shows its secret once; it can be revoked', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.waitForURL(/\/settings\/api-keys$/);
    const form = page.getByRole('form', { name: 'Create API key' });
    const name = `e2e key ${Date.now()}`;
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Role').selectOption('tracking');
    await form.getByRole('button', { name: 'Create API key' }).click();
    const secretEl = page.locator('#new-secret');
    await secretEl.waitFor();
    const secret = (await secretEl.innerText()).trim();
    assert.ok(secret.length >= 16, 'a secret is shown');
    await page.locator('tr', { hasText: name }).waitFor();
    await screenshot(page, 'api-key-created');

    // Shown once: after leaving and coming back, the secret is nowhere on the page.
    await page.getByRole('link', { name: 'Workspace' }).click();
    await page.getByRole('link', { name: 'API keys' }).click();
    const row = page.locator('tr', { hasText: name });
    await row.waitFor();
    assert.equal(await page.locator('#new-secret').count(), 0);
    assert.ok(!(await page.locator('#main').innerText()).includes(secret), 'the secret is not shown again');

    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: /Revoke/ }).click();
    await page.locator('tr', { hasText: name }).getByText(/Revoked/).waitFor();
  });

  step('the workspace settings show the tracking key', async () => {
    await page.getByRole('link', { name: 'Workspace' }).click();
    const key = page.getByTestId('tracking-key');
    await key.waitFor();
    assert.ok((await key.innerText()).trim().length > 0);
  });

  step('signing out ends the session', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/signin/);
    await page.goto(url('/leads'));
    await page.waitForURL(/\/signin/);
    const res = await page.request.get(url('/api/v1/me'));
    assert.equal(res.status(), 401);
  });
});
