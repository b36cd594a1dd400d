// DuckDB peer of bench/run scoring: loads the CSV tables scoring_bench exported, runs the same
// scoring as SQL (query.sql, generated from the same model) on the same number of threads, reports
// the median query time and checks every lead's total against ours (ours.bin).
//   node peer.mjs DIR THREADS RUNS
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';

const [dir, threads = '2', runs = '5'] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const db = await instance.connect();

const load = Date.now();
await db.run(`CREATE TABLE leads AS SELECT * FROM read_csv('${dir}/leads.csv', header = true, auto_detect = true, sample_size = -1)`);
await db.run(`CREATE TABLE touches AS SELECT * FROM read_csv('${dir}/touches.csv', header = false,
  columns = {'lead': 'INTEGER', 'ts': 'BIGINT', 'kind': 'INTEGER'})`);
await db.run(`CREATE TABLE kinds AS SELECT * FROM read_csv('${dir}/kinds.csv', header = false,
  columns = {'kind': 'INTEGER', 'type': 'VARCHAR', 'name': 'VARCHAR', 'path': 'VARCHAR', 'filtered': 'VARCHAR'})`);
console.log(`peer_load_s=${((Date.now() - load) / 1000).toFixed(2)}`);

const query = readFileSync(`${dir}/query.sql`, 'utf8');
const times = [];
let rows;
for (let run = 0; run < Number(runs); run++) {
  const start = process.hrtime.bigint();
  const reader = await db.runAndReadAll(query);
  times.push(Number(process.hrtime.bigint() - start) / 1e9);
  rows = reader.getRows();
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];

const ours = readFileSync(`${dir}/ours.bin`);
if (rows.length !== ours.length) {
  console.error(`peer: DuckDB scored ${rows.length} leads, ours ${ours.length}`);
  process.exit(1);
}
let mismatches = 0;
for (const [lead, fit, engagement, total] of rows) {
  if (Number(total) !== ours[Number(lead)]) {
    if (mismatches < 10) console.error(`peer: lead row ${lead}: DuckDB total ${total} (fit ${fit}, engagement ${engagement}), ours ${ours[Number(lead)]}`);
    mismatches++;
  }
}
if (mismatches > 0) {
  console.error(`peer: ${mismatches} of ${rows.length} totals differ from ours`);
  process.exit(1);
}
console.log(`peer_checked_leads=${rows.length} (every total equal)`);
console.log(`peer_s=${median.toFixed(4)}`);
