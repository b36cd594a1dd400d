// End-to-end harness: starts the real `leadbase serve --demo` on a free loopback port and Debian's
// Chromium (via playwright-core, never a downloaded browser) with a fresh profile, and stops both.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RESULTS = path.join(ROOT, 'test-results');
const requireFromWeb = createRequire(path.join(ROOT, 'web', 'package.json'));
const { chromium } = requireFromWeb('playwright-core');

const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The leadbase binary: $LEADBASE_BIN, else the newest build/<preset>/leadbase. */
export function findBinary() {
  if (process.env.LEADBASE_BIN) {
    const bin = path.resolve(ROOT, process.env.LEADBASE_BIN);
    if (!fs.existsSync(bin)) throw new Error(`LEADBASE_BIN=${bin} does not exist`);
    return bin;
  }
  const buildDir = path.join(ROOT, 'build');
  const candidates = (fs.existsSync(buildDir) ? fs.readdirSync(buildDir) : [])
    .map((preset) => path.join(buildDir, preset, 'leadbase'))
    .filter((p) => fs.existsSync(p))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (candidates.length === 0) {
    throw new Error('no leadbase binary: build it (build/<preset>/leadbase) or set LEADBASE_BIN');
  }
  return candidates[0];
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `leadbase serve --demo` on a temp database and waits for /healthz. Returns
 * {baseUrl, stop} (wait: LEADBASE_E2E_START_TIMEOUT_MS, default 300 s, for slow sanitizer builds);
 * stop() kills the server (TERM, then KILL after 5 s) and removes the temp dir. `demo: {leads,
 * events}` makes a smaller demo workspace (same users) with `leadbase demo` first.
 */
export async function startServer({ timeoutMs = Number(process.env.LEADBASE_E2E_START_TIMEOUT_MS) || 300_000, demo = null } = {}) {
  const bin = findBinary();
  const uiDir = path.join(ROOT, 'web', 'dist');
  if (!fs.existsSync(path.join(uiDir, 'index.html'))) {
    throw new Error(`${uiDir}/index.html is missing: run "npm --prefix web run build" first`);
  }
  fs.mkdirSync(RESULTS, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leadbase-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const log = fs.openSync(path.join(RESULTS, 'server.log'), 'w');
  if (demo) {
    const sized = ['demo', '--db', path.join(tmp, 'e2e.db'), '--leads', String(demo.leads), '--events', String(demo.events)];
    const result = spawnSync(bin, sized, { stdio: ['ignore', log, log], timeout: timeoutMs });
    if (result.status !== 0) {
      fs.closeSync(log);
      fs.rmSync(tmp, { recursive: true, force: true });
      throw new Error(`leadbase demo failed (${result.status ?? result.error}); see test-results/server.log`);
    }
  }
  const args = ['serve', '--demo', '--db', path.join(tmp, 'e2e.db'), '--listen', `127.0.0.1:${port}`, '--ui-dir', uiDir];
  const child = spawn(bin, args, { stdio: ['ignore', log, log] });
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);

  const stop = async () => {
    if (exited === null) {
      child.kill('SIGTERM');
      for (let i = 0; i < 50 && exited === null; i++) await sleep(100);
      if (exited === null) child.kill('SIGKILL');
      for (let i = 0; i < 20 && exited === null; i++) await sleep(100);
    }
    process.off('exit', killOnExit);
    fs.closeSync(log);
    fs.rmSync(tmp, { recursive: true, force: true });
  };

  const started = Date.now();
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`leadbase exited early (${JSON.stringify(exited)}); see test-results/server.log`);
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() - started > timeoutMs) {
      await stop();
      throw new Error(`leadbase did not answer /healthz within ${timeoutMs / 1000} s; see test-results/server.log`);
    }
    await sleep(250);
  }
  return { baseUrl, bin, stop };
}

/** Debian's Chromium with a fresh user-data-dir. Returns {context, page, close}. */
export async function startBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'leadbase-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/Copenhagen',
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const close = async () => {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, close };
}

/** Saves a full-page screenshot as test-results/<name>.png; never throws. */
export async function screenshot(page, name) {
  try {
    fs.mkdirSync(RESULTS, { recursive: true });
    const file = path.join(RESULTS, `${name.replace(/[^a-z0-9-]+/gi, '-').toLowerCase()}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  } catch {
    return null;
  }
}

/**
 * Steps of one scenario, run in order: after a failing step the rest are skipped, and the failure
 * saves a screenshot of `getPage()` named `failure-<prefix><step>` plus any `diagnose()` text.
 */
export function stepRunner({ prefix = '', getPage, diagnose } = {}) {
  let broken = false;
  return function step(name, fn) {
    it(name, async (t) => {
      if (broken) {
        t.skip('an earlier step failed');
        return;
      }
      try {
        await fn();
      } catch (err) {
        broken = true;
        const page = getPage ? getPage() : undefined;
        if (page) {
          const file = await screenshot(page, `failure-${prefix}${name}`);
          if (file) t.diagnostic(`screenshot: ${file}`);
        }
        if (diagnose) t.diagnostic(diagnose());
        throw err;
      }
    });
  };
}
