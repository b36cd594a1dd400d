#!/usr/bin/env node
// Crash test of POST /collect (issue 3): kill -9 the server under load, restart it on the same
// store, and check that every acknowledged event is stored exactly once and every unacknowledged
// one at most once. Runs on a fresh SQLite file, and on a fresh PostgreSQL database when
// LB_TEST_PG_DSN is set. Needs LEADBASE_BIN (the built `leadbase`). Exit 1 on any violation.
//
//   LEADBASE_BIN=build/ci/leadbase node tests/crash/collect_kill9.mjs
//
// Each client posts batches of 1-20 events with unique messageIds under its own anonymousId; the
// server is killed (kill -9 from another process) ~2 s into the load. After the restart the visitors API lists what each
// anonymousId stored. Everything is bounded: the whole run takes well under 30 s per store.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = process.env.LEADBASE_BIN;
const CLIENTS = 16;
const LOAD_MS = 2000;
const REQUEST_TIMEOUT_MS = 3000;
const STARTUP_TIMEOUT_MS = 15000;

function fail(message) {
  console.error(`collect_kill9: FAIL: ${message}`);
  process.exit(1);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitHealthy(base, child) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) fail(`the server exited with ${child.exitCode} while starting`);
    try {
      const reply = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (reply.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  fail(`the server did not answer /healthz within ${STARTUP_TIMEOUT_MS} ms`);
}

async function startServer(storeArgs, port, logs) {
  const child = spawn(BIN, ['serve', ...storeArgs, '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => logs.push(String(chunk)));
  child.stderr.on('data', (chunk) => logs.push(String(chunk)));
  await waitHealthy(`http://127.0.0.1:${port}`, child);
  return child;
}

async function getJson(url, key) {
  const reply = await fetch(url, {
    headers: { Authorization: `Bearer ${key}` },
    signal: AbortSignal.timeout(10000),
  });
  if (!reply.ok) fail(`GET ${url} answered ${reply.status}: ${await reply.text()}`);
  return reply.json();
}

// One client: posts batches until `state.stop`; returns the ids acknowledged and attempted.
async function runClient(base, trackingKey, clientIdx, state) {
  const anonymousId = `crash-client-${clientIdx}`;
  const acked = new Set();
  const attempted = new Set();
  let seq = 0;
  while (!state.stop) {
    const size = 1 + (seq % 20);
    const batch = [];
    for (let eventIdx = 0; eventIdx < size; eventIdx++) {
      const messageId = `c${clientIdx}-m${seq++}`;
      attempted.add(messageId);
      batch.push({
        type: 'track',
        event: 'crash_test',
        anonymousId,
        messageId,
        properties: { seq },
      });
    }
    try {
      const reply = await fetch(`${base}/collect?key=${trackingKey}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ batch }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const body = await reply.json().catch(() => null);
      if (reply.status === 200 && body && body.accepted === batch.length) {
        for (const event of batch) acked.add(event.messageId);
      }
    } catch {
      // The server is gone (or the request timed out): nothing of this batch was acknowledged.
      await sleep(20);
    }
  }
  return { anonymousId, acked, attempted };
}

async function checkStored(base, adminKey, results) {
  let ackedTotal = 0;
  let storedTotal = 0;
  for (const { anonymousId, acked, attempted } of results) {
    const reply = await fetch(`${base}/api/v1/visitors/${anonymousId}`, {
      headers: { Authorization: `Bearer ${adminKey}` },
      signal: AbortSignal.timeout(10000),
    });
    if (reply.status === 404 && acked.size === 0) continue;
    if (!reply.ok) fail(`GET visitor ${anonymousId} answered ${reply.status}`);
    const visitor = await reply.json();
    const counts = new Map();
    for (const touchpoint of visitor.touchpoints) {
      counts.set(touchpoint.message_id, (counts.get(touchpoint.message_id) ?? 0) + 1);
    }
    for (const id of acked) {
      if (counts.get(id) !== 1) fail(`acknowledged ${id} is stored ${counts.get(id) ?? 0} times`);
    }
    for (const [id, count] of counts) {
      if (!attempted.has(id)) fail(`${id} is stored but was never sent`);
      if (count > 1) fail(`${id} is stored ${count} times`);
    }
    ackedTotal += acked.size;
    storedTotal += counts.size;
  }
  return { ackedTotal, storedTotal };
}

async function crashRun(label, storeArgs) {
  const logs = [];
  const adminKey = execFileSync(BIN, ['apikey', 'create', ...storeArgs, '--role', 'admin'], {
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .pop();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server = await startServer(storeArgs, port, logs);
  try {
    const workspace = await getJson(`${base}/api/v1/workspace`, adminKey);
    const trackingKey = workspace.tracking_key;
    if (!trackingKey) fail('GET /api/v1/workspace has no tracking_key');

    const state = { stop: false };
    const exited = new Promise((resolve) => server.once('exit', resolve));
    // The kill comes from another process so that it lands wherever the server is, not where
    // this (single-threaded) client happens to be between requests.
    spawn('sh', ['-c', `sleep ${LOAD_MS / 1000}; kill -9 ${server.pid}`], { stdio: 'ignore' });
    const clients = [];
    for (let clientIdx = 0; clientIdx < CLIENTS; clientIdx++) {
      clients.push(runClient(base, trackingKey, clientIdx, state));
    }
    await exited;
    state.stop = true;
    const results = await Promise.all(clients);

    server = await startServer(storeArgs, port, logs);
    const { ackedTotal, storedTotal } = await checkStored(base, adminKey, results);
    const attemptedTotal = results.reduce((sum, result) => sum + result.attempted.size, 0);
    if (ackedTotal === 0) fail(`${label}: no event was acknowledged before the kill`);
    console.log(
      `RESULT store=${label} clients=${CLIENTS} attempted=${attemptedTotal} ` +
        `acknowledged=${ackedTotal} stored=${storedTotal} ` +
        `stored_unacknowledged=${storedTotal - ackedTotal} violations=0`,
    );
  } catch (error) {
    console.error(logs.join('').slice(-4000));
    throw error;
  } finally {
    if (server.exitCode === null) server.kill('SIGKILL');
  }
}

async function main() {
  if (!BIN) fail('set LEADBASE_BIN to the built leadbase binary');
  const work = mkdtempSync(join(tmpdir(), 'lb-crash-'));
  try {
    await crashRun('sqlite', ['--db', join(work, 'crash.db')]);
    const dsn = process.env.LB_TEST_PG_DSN;
    if (dsn) {
      const database = `lb_crash_${process.pid}_${Date.now()}`;
      execFileSync('psql', [dsn, '-qc', `CREATE DATABASE ${database}`]);
      try {
        const url = new URL(dsn);
        url.pathname = `/${database}`;
        await crashRun('postgres', ['--postgres', url.toString()]);
      } finally {
        execFileSync('psql', [dsn, '-qc', `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`]);
      }
    } else {
      console.log('collect_kill9: LB_TEST_PG_DSN not set; PostgreSQL run skipped');
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => fail(error.stack ?? String(error)));
