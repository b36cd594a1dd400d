// Takes full-page screenshots of the main UI pages against the real demo server, for a visual
// check: node tests/e2e/screenshots.mjs  (or npm --prefix web run screenshots)
// Writes test-results/screen-*.png. Not a test: it asserts nothing beyond the pages loading.
import { screenshot, startBrowser, startServer } from './harness.mjs';

const server = await startServer();
const browser = await startBrowser();
const page = browser.page;
const go = (path) => page.goto(server.baseUrl + path);
const files = [];
const shot = async (name) => files.push(await screenshot(page, `screen-${name}`));
try {
  await go('/signin');
  await page.getByLabel('E-mail').fill('admin@demo.leadbase.dk');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.form-error:visible, .field-error:visible').first().waitFor();
  await shot('signin-error');
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/leads/);
  await page.locator('table.leads-table tbody tr').first().waitFor();
  await shot('leads');
  await go('/leads?stage=mql&sort=-score');
  await page.locator('table.leads-table tbody tr').first().waitFor();
  await shot('leads-mql-by-score');
  await page.locator('table.leads-table tbody tr th a').first().click();
  await page.getByRole('heading', { level: 2, name: 'History' }).waitFor();
  await page.locator('.timeline').waitFor();
  await page.waitForLoadState('networkidle');
  await shot('lead');
  await go('/companies');
  await page.locator('tbody tr').first().waitFor();
  await shot('companies');
  await page.locator('tbody tr th a').first().click();
  await page.getByRole('form', { name: 'Edit company' }).waitFor();
  await shot('company');
  for (const tab of ['', '/channels', '/business-areas', '/api-keys', '/users']) {
    await go(`/settings${tab}`);
    await page.locator('.settings-body .card').first().waitFor();
    await shot(`settings${tab.replace('/', '-') || '-workspace'}`);
  }
  console.log(files.filter(Boolean).join('\n'));
} finally {
  await browser.close();
  await server.stop();
}
