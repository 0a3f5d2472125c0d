// The program behind `notion-vault run --proxy` in npm run bench: Node's fetch (what @notionhq/client
// uses), with NODE_USE_ENV_PROXY=1 as run --proxy sets it. The same GET /v1/users/me goes direct to
// the emulator (argv[2]; NO_PROXY has 127.0.0.1) and through the proxy to https://api.notion.com,
// both with the placeholder NOTION_TOKEN holds (the bench's emulator takes it as a token too):
// interleaved one after the other, then in alternating rounds with 50 in flight. Prints one JSON
// line of timings and of answers that were not 200.
import { performance } from 'node:perf_hooks';
import process from 'node:process';

const emulator = process.argv[2];
const [sequential, concurrent, rounds, warmup] = process.argv.slice(3).map(Number);
const VERSION = { 'Notion-Version': '2026-03-11' };
let notOk = 0;
let sent = 0;

async function timed(url) {
  const start = performance.now();
  const answer = await globalThis.fetch(url, { headers: { ...VERSION, Authorization: `Bearer ${process.env.NOTION_TOKEN}` } });
  await answer.arrayBuffer();
  sent += 1;
  if (answer.status !== 200) notOk += 1;
  return performance.now() - start;
}

const direct = () => timed(`${emulator}/v1/users/me`);
const proxied = () => timed('https://api.notion.com/v1/users/me');
const both = (i) => (i % 2 === 0 ? [['direct', direct], ['proxied', proxied]] : [['proxied', proxied], ['direct', direct]]);

for (let i = 0; i < warmup; i++) for (const [, one] of both(i)) await one();
// The connections 50 requests in flight need, opened before anything is timed.
for (const [, one] of both(0)) await Promise.all(Array.from({ length: concurrent }, one));

const seq = { direct: [], proxied: [] };
for (let i = 0; i < sequential; i++) for (const [key, one] of both(i)) seq[key].push(await one());
const conc = { direct: [], proxied: [] };
for (let r = 0; r < rounds; r++) {
  for (const [key, one] of both(r)) {
    const start = performance.now();
    await Promise.all(Array.from({ length: concurrent }, one));
    conc[key].push((performance.now() - start) / concurrent);
  }
}
process.stdout.write(`${JSON.stringify({ seq, conc, notOk, sent })}\n`);
