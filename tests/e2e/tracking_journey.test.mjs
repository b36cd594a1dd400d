// The whole tracking journey against the real server: a customer's site (a node http server on its
// own loopback origin) embeds lb.js from leadbase; a visitor lands from a Google Ads click
// (utm_source=google, utm_medium=cpc, utm_campaign=winter), browses two more pages anonymously and
// submits a contact form with an e-mail (and a password that must never be sent). The API must then
// show exactly one lead with that e-mail whose timeline holds the three anonymous page views before
// the identify and form events, with first touch paid-search / winter, and no password anywhere.
// leadbase runs on a fresh database without --demo (fast also in sanitizer builds), with an admin
// API key made by `leadbase apikey create` before `serve`.
// Run: npm --prefix web run e2e   (needs web/dist from "npm --prefix web run build" and a built
// leadbase: $LEADBASE_BIN or the newest build/<preset>/leadbase)
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { findBinary, RESULTS, ROOT, screenshot, startBrowser, stepRunner } from './harness.mjs';

const UI_DIR = path.join(ROOT, 'web', 'dist');
// A normal desktop Chrome: the server flags HeadlessChrome as a bot.
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
// Fresh on every run, and not in any demo data.
const EMAIL = `journey-${Date.now().toString(36)}-${process.pid}@winter-journey.example`;
const PASSWORD = 'Journey-Pa55word!never-sent';
const DELIVERY_TIMEOUT_MS = 15_000;
const START_TIMEOUT_MS = Number(process.env.LEADBASE_E2E_START_TIMEOUT_MS) || 60_000;
const LANDING_QUERY = '?utm_source=google&utm_medium=cpc&utm_campaign=winter';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * `leadbase apikey create --role admin` on a fresh temp database, then `leadbase serve` on it (no
 * --demo: the store gets its default workspace). Returns {baseUrl, apiKey, stop}; stop() kills the
 * server (TERM, then KILL) and removes the temp dir, and is safe to call twice.
 */
async function startLeadbase() {
  const bin = findBinary();
  if (!fs.existsSync(path.join(UI_DIR, 'lb.js'))) {
    throw new Error(`${UI_DIR}/lb.js is missing: run "npm --prefix web run build" first`);
  }
  fs.mkdirSync(RESULTS, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leadbase-journey-'));
  const db = path.join(tmp, 'journey.db');
  let child = null;
  let exited = null;
  let log = null;
  const killOnExit = () => child?.kill('SIGKILL');
  const stop = async () => {
    if (child && exited === null) {
      child.kill('SIGTERM');
      for (let i = 0; i < 50 && exited === null; i++) await sleep(100);
      if (exited === null) child.kill('SIGKILL');
      for (let i = 0; i < 20 && exited === null; i++) await sleep(100);
    }
    process.off('exit', killOnExit);
    if (log !== null) fs.closeSync(log);
    log = null;
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  try {
    const { stdout } = await promisify(execFile)(bin, ['apikey', 'create', '--role', 'admin', '--name', 'e2e journey', '--db', db]);
    const apiKey = stdout.match(/\blb_[A-Za-z0-9_]+/)?.[0];
    if (!apiKey) throw new Error(`"leadbase apikey create" printed no key: ${JSON.stringify(stdout)}`);

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    log = fs.openSync(path.join(RESULTS, 'tracking-journey-server.log'), 'w');
    child = spawn(bin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--ui-dir', UI_DIR], { stdio: ['ignore', log, log] });
    child.on('exit', (code, signal) => (exited = { code, signal }));
    process.on('exit', killOnExit);
    const started = Date.now();
    for (;;) {
      if (exited !== null) throw new Error(`leadbase exited early (${JSON.stringify(exited)}); see test-results/tracking-journey-server.log`);
      try {
        if ((await fetch(`${baseUrl}/healthz`)).ok) break;
      } catch {
        // Not listening yet.
      }
      if (Date.now() - started > START_TIMEOUT_MS) {
        throw new Error(`leadbase did not answer /healthz within ${START_TIMEOUT_MS / 1000} s; see test-results/tracking-journey-server.log`);
      }
      await sleep(100);
    }
    return { baseUrl, apiKey, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The customer's site: four pages with the snippet; the contact form posts to /thanks. */
function sitePage(name, { leadbase, key }) {
  const next = { landing: '/pricing', pricing: '/case-study' }[name];
  const form =
    name === 'case-study'
      ? `<form id="contact" name="contact" action="/thanks" method="post">
  <label>Name <input name="name"></label>
  <label>E-mail <input type="email" name="email"></label>
  <label>Company <input name="company"></label>
  <label>Password <input type="password" name="password"></label>
  <button type="submit">Request a demo</button>
</form>`
      : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Winterco ${name}</title>
<script>window.lb = window.lb || function(){(lb.q=lb.q||[]).push(arguments)};</script>
<script async src="${leadbase}/lb.js" data-key="${key}"></script>
</head><body>
<h1>Winterco ${name}</h1>
${next ? `<a id="next" href="${next}">Next</a>` : ''}
${form}
</body></html>`;
}

function startSite(config) {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const { pathname } = new URL(req.url, 'http://site');
      const name = { '/landing': 'landing', '/pricing': 'pricing', '/case-study': 'case-study', '/thanks': 'thanks' }[pathname];
      if (!name) {
        res.writeHead(404);
        res.end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(sitePage(name, config));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        close: () => new Promise((r) => server.close(r)),
      }),
    ),
  );
}

let leadbase;
let site;
let browser;
let page;
/** Every /collect request the browser finished (fetch; beacons may not show): for diagnostics. */
const collects = [];

async function api(pathname) {
  const res = await fetch(`${leadbase.baseUrl}${pathname}`, { headers: { Authorization: `Bearer ${leadbase.apiKey}` } });
  const text = await res.text();
  assert.equal(res.status, 200, `GET ${pathname} → ${res.status} ${text}`);
  return JSON.parse(text);
}

/** Waits until lb.js has loaded on the current page and its queue is delivered (bounded). */
async function waitForSnippetIdle() {
  await page.waitForFunction(() => window.lb && window.lb.l === 1, null, { timeout: 15_000 });
  await page.waitForFunction(() => JSON.parse(sessionStorage.getItem('lb_q') || '[]').length === 0, null, { timeout: 15_000 });
}

const step = stepRunner({ prefix: 'tracking-journey-', getPage: () => page, diagnose: () => `/collect requests seen: ${JSON.stringify(collects)}` });

describe('tracking journey: snippet → collector → lead timeline', { timeout: 120_000 }, () => {
  let trackingKey;

  before(async () => {
    leadbase = await startLeadbase();
    const workspace = await api('/api/v1/workspace');
    trackingKey = workspace.tracking_key;
    assert.match(String(trackingKey), /\S/, `the workspace has a tracking_key: ${JSON.stringify(workspace)}`);
    site = await startSite({ leadbase: leadbase.baseUrl, key: trackingKey });
    browser = await startBrowser();
    page = browser.page;
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Emulation.setUserAgentOverride', { userAgent: UA, acceptLanguage: 'en-GB' });
    page.on('requestfinished', async (req) => {
      if (!req.url().includes('/collect')) return;
      const res = await req.response().catch(() => null);
      collects.push({ url: req.url(), status: res?.status() ?? null, sent: (req.postData() ?? '').slice(0, 2000), reply: (await res?.text().catch(() => '')) ?? '' });
    });
  });

  after(async () => {
    // Always runs, also after a failure: neither the browser nor the server may outlive the test.
    await browser?.close();
    await site?.close();
    await leadbase?.stop();
  });

  const urls = {};

  step('an anonymous visitor lands from a paid search ad and browses two more pages', async () => {
    urls.landing = `${site.url}/landing${LANDING_QUERY}`;
    urls.pricing = `${site.url}/pricing`;
    urls.caseStudy = `${site.url}/case-study`;
    await page.goto(urls.landing);
    await waitForSnippetIdle();
    await Promise.all([page.waitForURL(urls.pricing), page.click('#next')]);
    await waitForSnippetIdle();
    await Promise.all([page.waitForURL(urls.caseStudy), page.click('#next')]);
    await waitForSnippetIdle();
    assert.equal(await page.evaluate(() => localStorage.getItem('lb_uid')), null, 'still anonymous');
    for (const c of collects) assert.equal(c.status, 200, `POST /collect answered ${c.status}: ${c.reply}`);
  });

  step('the visitor submits the contact form with an e-mail and a password', async () => {
    await page.fill('input[name=name]', 'Vinnie Winter');
    await page.fill('input[name=email]', EMAIL);
    await page.fill('input[name=company]', 'Winterco ApS');
    await page.fill('input[name=password]', PASSWORD);
    await Promise.all([page.waitForURL(`${site.url}/thanks`), page.click('button[type=submit]')]);
    await waitForSnippetIdle();
  });

  let lead;
  let timeline;
  step('the events are delivered: one lead with the e-mail, its timeline has the journey', async () => {
    // Bounded polling: the lead appears once identify is stored, the timeline fills as batches land.
    const started = Date.now();
    let last = 'nothing yet';
    for (;;) {
      const found = (await api(`/api/v1/leads?q=${encodeURIComponent(EMAIL)}`)).items ?? [];
      const mine = found.filter((l) => String(l.email).toLowerCase() === EMAIL);
      if (mine.length > 0) {
        timeline = (await api(`/api/v1/leads/${mine[0].id}/timeline`)).items;
        const views = timeline.filter((t) => t.type === 'page').length;
        const hasIdentify = timeline.some((t) => t.type === 'identify');
        const hasForm = timeline.some(isFormEvent);
        last = `${mine.length} lead(s); timeline ${JSON.stringify(timeline.map((t) => [t.type, t.name, t.url]))}`;
        if (views >= 4 && hasIdentify && hasForm) {
          assert.equal(mine.length, 1, `exactly one lead with ${EMAIL}: ${JSON.stringify(mine.map((l) => l.id))}`);
          lead = await api(`/api/v1/leads/${mine[0].id}`);
          break;
        }
      }
      if (Date.now() - started > DELIVERY_TIMEOUT_MS) {
        assert.fail(`the journey was not delivered within ${DELIVERY_TIMEOUT_MS / 1000} s: ${last}`);
      }
      await sleep(200);
    }
    // Read once more after the timeline is complete: a repeated batch must not make a second lead.
    const again = ((await api(`/api/v1/leads?q=${encodeURIComponent(EMAIL)}`)).items ?? []).filter(
      (l) => String(l.email).toLowerCase() === EMAIL,
    );
    assert.equal(again.length, 1, `exactly one lead with ${EMAIL}`);
  });

  step('the timeline holds the three anonymous page views, with their URLs, before identify and the form', async () => {
    const show = JSON.stringify(timeline.map((t) => [t.type, t.name, t.url, t.channel, t.filtered_reason]));
    const views = timeline.map((t, i) => ({ ...t, i })).filter((t) => t.type === 'page');
    const anonymous = [urls.landing, urls.pricing, urls.caseStudy].map((url) => {
      const matching = views.filter((v) => v.url === url);
      assert.equal(matching.length, 1, `exactly one page view of ${url} (timeline: ${show})`);
      return matching[0];
    });
    assert.deepEqual(
      anonymous.map((v) => v.i),
      [...anonymous.map((v) => v.i)].sort((a, b) => a - b),
      `the page views are oldest first: ${show}`,
    );
    const identify = timeline.findIndex((t) => t.type === 'identify');
    const form = timeline.findIndex(isFormEvent);
    assert.ok(identify >= 0 && form >= 0, `identify and form events are on the timeline: ${show}`);
    for (const v of anonymous) {
      assert.ok(v.i < identify && v.i < form, `${v.url} comes before identify and the form: ${show}`);
      assert.ok(v.anonymous_id, `${v.url} keeps the visitor's anonymous id`);
      assert.equal(v.filtered_reason ?? null, null, `${v.url} is not filtered as noise (desktop Chrome UA)`);
    }
    assert.equal(new Set(anonymous.map((v) => v.anonymous_id)).size, 1, 'one visitor made all three views');
    assert.equal(anonymous[0].channel, 'paid-search', `the landing view is paid-search: ${show}`);
    // The page after the form belongs to the same lead too.
    assert.ok(views.some((v) => v.url === `${site.url}/thanks` && v.i > identify), `the thanks page view follows identify: ${show}`);
  });

  step('first touch is paid-search, campaign winter', async () => {
    assert.ok(lead.first_touch, `the lead has a first_touch: ${JSON.stringify(lead)}`);
    assert.equal(lead.first_touch.channel, 'paid-search', `first_touch: ${JSON.stringify(lead.first_touch)}`);
    assert.equal(lead.first_touch.campaign, 'winter', `first_touch: ${JSON.stringify(lead.first_touch)}`);
  });

  step('the password is nowhere: not in the timeline, the lead, or anything sent to /collect', async () => {
    assert.ok(!JSON.stringify(timeline).includes(PASSWORD), 'no password in the timeline');
    assert.ok(!JSON.stringify(lead).includes(PASSWORD), 'no password in the lead');
    for (const c of collects) assert.ok(!c.sent.includes(PASSWORD), `no password sent to ${c.url}`);
    const form = timeline.find(isFormEvent);
    assert.equal(JSON.stringify(form).includes(EMAIL), true, `the form event carries the e-mail: ${JSON.stringify(form)}`);
  });
});

function isFormEvent(t) {
  return t.type === 'form' || t.name === 'form_submitted';
}
