// The scoring screens against the real server (demo workspace) in a real browser: an admin reads
// the default model's rules in words, adds a rule in the JSON editor, sees a bad operator reported
// with its path, previews the draft (AUC and score bands), saves it (rescore summary), downloads
// it as YAML and finds the rule's line in a lead's score breakdown; a sales user sees the models
// read-only, without Preview, Save or the editor, and the small demo is too thin for suggested
// rules. On a larger demo an admin asks for rules suggested from the won and lost leads, previews
// them and adopts them as the first model.
// Run: npm --prefix web run e2e   (needs web/dist and a built leadbase; see harness.mjs)
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { screenshot, startBrowser, startServer, stepRunner } from './harness.mjs';

const ADMIN = 'admin@demo.leadbase.dk';
const SALES = 'sales1@demo.leadbase.dk';
const PASSWORD = 'demo-password';
const RULE_ID = 'e2e-marketing-director';
const RULE = {
  id: RULE_ID,
  name: 'E2E: marketing director',
  category: 'fit',
  points: 20,
  when: { field: 'title', op: 'keywords', values: ['marketing director'] },
};

let server;
let browser;
let page;
let baseUrl;

const step = stepRunner({ prefix: 'scoring-', getPage: () => page });
const url = (path) => `${baseUrl}${path}`;
// Preview and save score every lead; generous for sanitizer builds on a loaded machine.
const SCORING_TIMEOUT_MS = 120_000;

async function signIn(email) {
  await page.goto(url('/signin'));
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/leads/);
}

/** Puts `model` into the editor as pretty JSON. */
async function editModel(model) {
  await page.getByLabel('Model (JSON)').fill(JSON.stringify(model, null, 2));
}

async function editorModel() {
  return JSON.parse(await page.getByLabel('Model (JSON)').inputValue());
}

describe('Leadbase scoring UI', { timeout: 600_000 }, () => {
  before(async () => {
    // A small demo workspace (its users, won and lost leads): every save rescores all leads.
    server = await startServer({ demo: { leads: 400, events: 8000 } });
    baseUrl = server.baseUrl;
    browser = await startBrowser();
    page = browser.page;
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  let leadId = '';
  step('an admin signs in and creates a lead titled "Marketing Director" through the API', async () => {
    await signIn(ADMIN);
    const created = await page.evaluate(async () => {
      const res = await fetch('/api/v1/leads', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ first_name: 'Maja', last_name: 'Scoring', email: 'maja@scoring-e2e.example', title: 'Marketing Director' }),
      });
      return { status: res.status, body: await res.json() };
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    leadId = String(created.body.id);
  });

  step('the Scoring page lists the default model and reads its rules in words', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Scoring' }).click();
    await page.waitForURL(/\/scoring/);
    await page.getByRole('heading', { level: 1, name: 'Lead scoring' }).waitFor();
    const modelRow = page.locator('table.models-table tbody tr[data-model="default"]');
    await modelRow.waitFor();
    assert.match(await modelRow.innerText(), /Default B2B model/);
    const senior = page.locator('table.rules-table tr[data-rule-id="senior-title"]');
    assert.match(await senior.innerText(), /title has the words "ceo"/);
    const pricing = page.locator('table.rules-table tr[data-rule-id="pricing-page"]');
    assert.match(await pricing.innerText(), /each page view at \/pricing/);
    await screenshot(page, 'scoring-page');
  });

  step('a bad operator in the draft is shown with its rule path and the rule is marked', async () => {
    const model = await editorModel();
    assert.equal(model.key, 'default');
    const bad = { ...model, rules: [...model.rules, { ...RULE, when: { ...RULE.when, op: 'kewords' } }] };
    await editModel(bad);
    const reply = page.waitForResponse((res) => res.url().endsWith('/api/v1/scoring/preview'));
    await page.getByRole('button', { name: 'Preview' }).click();
    assert.equal((await reply).status(), 400);
    const error = page.locator('.model-error');
    await error.waitFor();
    const path = `rules[${bad.rules.length - 1}].when.op`;
    assert.equal(await error.getAttribute('data-field'), path);
    assert.match(await error.innerText(), new RegExp(`${path.replace(/[[\].]/g, '\\$&')}[\\s\\S]*${RULE_ID}`));
    assert.equal(await page.getByLabel('Model (JSON)').getAttribute('aria-invalid'), 'true');
    await page.locator(`table.rules-table tr.is-invalid[data-rule-id="${RULE_ID}"]`).waitFor();
  });

  step('Preview of the fixed draft shows the AUC of won vs lost leads and ten score bands', async () => {
    const model = await editorModel();
    model.rules[model.rules.length - 1] = RULE;
    await editModel(model);
    const reply = page.waitForResponse((res) => res.url().endsWith('/api/v1/scoring/preview'), { timeout: SCORING_TIMEOUT_MS });
    await page.getByRole('button', { name: 'Preview' }).click();
    assert.equal((await reply).status(), 200);
    const auc = page.getByTestId('preview-auc');
    await auc.waitFor();
    assert.match(await auc.innerText(), /^0\.\d\d/, 'the demo has won and lost leads, so there is an AUC');
    assert.equal(await page.locator('table.bands-table tbody tr').count(), 10);
    assert.equal(await page.locator('.model-error').count(), 0, 'the earlier error is gone');
    assert.ok(Number((await page.getByTestId('preview-leads').locator('.figure-value').innerText()).replace(/,/g, '')) > 1);
    await screenshot(page, 'scoring-preview');
  });

  step('Save stores the model and shows what the rescore did', async () => {
    const reply = page.waitForResponse((res) => res.url().endsWith('/api/v1/scoring/models/default') && res.request().method() === 'PUT', {
      timeout: SCORING_TIMEOUT_MS,
    });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    assert.equal((await reply).status(), 200);
    const summary = page.getByTestId('rescore-summary');
    await summary.waitFor();
    assert.match(await summary.innerText(), /saved\.[\s\S]*Rescored \d[\d,]* leads: \d+ changed/);
    await page.locator(`table.rules-table tr[data-rule-id="${RULE_ID}"]`).waitFor();
    const yaml = await page.getByRole('link', { name: 'Download YAML' }).getAttribute('href');
    const text = await page.evaluate(async (href) => (await fetch(href)).text(), yaml);
    assert.match(text, new RegExp(`id: ${RULE_ID}`), 'the YAML export has the new rule');
  });

  step("the lead's score breakdown has a line for the new rule, and its score history loads", async () => {
    await page.goto(url(`/leads/${leadId}`));
    await page.getByRole('heading', { level: 2, name: 'Score', exact: true }).waitFor();
    const line = page.locator(`table.breakdown-table tr[data-rule="${RULE_ID}"]`);
    await line.waitFor();
    assert.match(await line.innerText(), /Fit[\s\S]*\+20/);
    assert.match(await line.innerText(), /marketing director/i);
    await page.getByTestId('score-history').waitFor();
    await screenshot(page, 'scoring-lead-breakdown');
  });

  step('an engaged demo lead explains its engagement lines with the touchpoint date and decay', async () => {
    const found = await page.evaluate(async () => {
      const res = await fetch('/api/v1/leads?sort=-score&limit=50');
      const body = await res.json();
      for (const lead of body.items) {
        const item = (lead.score?.breakdown ?? []).find((i) => i.occurred_at && i.decay < 1);
        if (item) return { id: String(lead.id), rule: item.rule };
      }
      return null;
    });
    assert.ok(found, 'a top-scored demo lead has a decayed engagement line');
    await page.goto(url(`/leads/${found.id}`));
    const line = page.locator(`table.breakdown-table tr[data-rule="${found.rule}"]`).first();
    await line.waitFor();
    assert.match(await line.innerText(), /Engagement[\s\S]*(from [a-z -]+|latest match) on \d{4}-\d\d-\d\d, decayed to \d+%/);
  });

  step('New model starts from a copy under a new key, saves it, and Delete removes it again', async () => {
    await page.goto(url('/scoring'));
    await page.getByLabel('Key of the new model').fill('Not A Slug');
    await page.getByRole('button', { name: 'New model', exact: true }).click();
    await page.locator('#new-model-error').filter({ hasText: 'lowercase' }).waitFor();
    await page.getByLabel('Key of the new model').fill('e2e-copy');
    await page.getByRole('button', { name: 'New model', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: /New model: .*\(not saved\)/ }).waitFor();
    assert.equal((await editorModel()).key, 'e2e-copy');
    const saved = page.waitForResponse((res) => res.url().endsWith('/api/v1/scoring/models/e2e-copy') && res.request().method() === 'PUT', {
      timeout: SCORING_TIMEOUT_MS,
    });
    await page.getByRole('button', { name: 'Save new model' }).click();
    assert.equal((await saved).status(), 200);
    await page.getByTestId('rescore-summary').waitFor();
    assert.equal(await page.locator('table.models-table tbody tr').count(), 2);
    page.once('dialog', (dialog) => void dialog.accept());
    const deleted = page.waitForResponse((res) => res.url().endsWith('/api/v1/scoring/models/e2e-copy') && res.request().method() === 'DELETE', {
      timeout: SCORING_TIMEOUT_MS,
    });
    await page.getByRole('button', { name: 'Delete model' }).click();
    assert.equal((await deleted).status(), 200);
    await page.getByTestId('rescore-summary').filter({ hasText: 'deleted' }).waitFor();
    assert.equal(await page.locator('table.models-table tbody tr').count(), 1);
    assert.ok(await page.getByRole('button', { name: 'Delete model' }).isDisabled(), 'the last model cannot be deleted');
  });

  step('Rescore now rescores every lead and says how many', async () => {
    const reply = page.waitForResponse((res) => res.url().endsWith('/api/v1/scoring/rescore'), { timeout: SCORING_TIMEOUT_MS });
    await page.getByRole('button', { name: 'Rescore now' }).click();
    assert.equal((await reply).status(), 200);
    const summary = page.getByTestId('rescore-summary').filter({ hasText: 'Rescore done.' });
    await summary.waitFor();
    assert.match(await summary.innerText(), /Rescored 401 leads/);
  });

  step('a sales user sees the models read-only: no editor, Preview or Save', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/signin/);
    await signIn(SALES);
    await page.goto(url('/scoring'));
    await page.locator(`table.rules-table tr[data-rule-id="${RULE_ID}"]`).waitFor();
    await page.getByText('Your role can read the models').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Save' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Preview' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /Delete|Rescore/ }).count(), 0);
    assert.equal(await page.locator('#model-json').count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Download YAML' }).count(), 1);
    assert.equal(await page.getByRole('button', { name: 'Suggest rules from outcomes' }).count(), 0);
  });

  step('an admin asking for suggested rules on the small demo is told how many outcomes were found and needed', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/signin/);
    await signIn(ADMIN);
    await page.goto(url('/scoring'));
    const card = page.getByTestId('suggested-card');
    const reply = page.waitForResponse((res) => res.url().endsWith('/api/v1/scoring/suggested-model'), { timeout: SCORING_TIMEOUT_MS });
    await card.getByRole('button', { name: 'Suggest rules from outcomes' }).click();
    assert.equal((await reply).status(), 400);
    const error = card.getByTestId('suggestion-error');
    await error.waitFor();
    assert.match(await error.innerText(), /^Not enough decided leads to learn from yet: found \d+ won and \d+ lost leads; training needs at least 50 of each\./);
  });
});

describe('Leadbase suggested scoring rules', { timeout: 600_000 }, () => {
  let suggestServer;
  let suggestBrowser;
  const suggestStep = stepRunner({ prefix: 'suggested-', getPage: () => page });

  before(async () => {
    // Enough won and lost leads (about 70 and 110) to learn from.
    suggestServer = await startServer({ demo: { leads: 3000, events: 30000 } });
    baseUrl = suggestServer.baseUrl;
    suggestBrowser = await startBrowser();
    page = suggestBrowser.page;
  });

  after(async () => {
    await suggestBrowser?.close();
    await suggestServer?.stop();
  });

  suggestStep('an admin suggests rules from outcomes, reads them, previews them and adopts them as the first model', async () => {
    await signIn(ADMIN);
    await page.goto(url('/scoring'));
    const card = page.getByTestId('suggested-card');
    const suggested = page.waitForResponse((res) => res.url().endsWith('/api/v1/scoring/suggested-model'), { timeout: SCORING_TIMEOUT_MS });
    await card.getByRole('button', { name: 'Suggest rules from outcomes' }).click();
    assert.equal((await suggested).status(), 200);
    const summary = card.getByTestId('suggestion-summary');
    await summary.waitFor();
    assert.match(await summary.innerText(), /^Learned from \d+ won and \d+ lost leads: \d+ fit rules? and \d+ engagement rules?/);
    assert.ok((await card.locator('table.rules-table tbody tr').count()) > 0, 'the suggestion has rules, listed in words');
    assert.match(await card.locator('table.rules-table').innerText(), /at least \d+/, 'touchpoint counts read as engagement rules');
    const previewed = page.waitForResponse((res) => res.url().endsWith('/api/v1/scoring/preview'), { timeout: SCORING_TIMEOUT_MS });
    await card.getByRole('button', { name: 'Preview suggested rules' }).click();
    assert.equal((await previewed).status(), 200);
    const auc = card.getByTestId('preview-auc').locator('.figure-value');
    await auc.waitFor();
    assert.ok(Number(await auc.innerText()) > 0.5, 'the suggested rules rank won above lost leads');
    await screenshot(page, 'scoring-suggested');
    const adopted = page.waitForResponse((res) => res.url().endsWith('/api/v1/scoring/models') && res.request().method() === 'PUT', {
      timeout: SCORING_TIMEOUT_MS,
    });
    await card.getByRole('button', { name: 'Adopt suggested rules' }).click();
    assert.equal((await adopted).status(), 200);
    await page.getByTestId('rescore-summary').filter({ hasText: 'adopted' }).waitFor();
    const rows = page.locator('table.models-table tbody tr');
    assert.equal(await rows.first().getAttribute('data-model'), 'suggested', 'the adopted model is first, the catch-all that applies');
    assert.equal(await rows.count(), 2, 'the default model stays, after it');
  });
});
