// A Node client on @notionhq/client (fetch, so HTTPS_PROXY only with NODE_USE_ENV_PROXY=1), for the
// run --proxy tests: writes its whole environment to argv[2], then calls users/me and search with
// NOTION_TOKEN, printing each answer and "NAME STATUS". With a gate file (argv[3]) it prints
// "ready" after the first round and waits for that file before a second round; with "big" as
// argv[4], that round starts with a search whose body (1.1 MB) is too large for the proxy to keep.
import { existsSync, writeFileSync } from 'node:fs';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '@notionhq/client';

const [dump, gate, big] = process.argv.slice(2);
writeFileSync(dump, JSON.stringify(process.env));
const notion = new Client({ auth: process.env.NOTION_TOKEN, retry: false });

const say = (line) => process.stdout.write(`${line}\n`);

async function call(name, work) {
  try {
    say(JSON.stringify(await work()));
    say(`${name} 200`);
  } catch (error) {
    say(`${name} ${String(error.status ?? error.code ?? error.message)}`);
  }
}

async function round() {
  await call('users/me', () => notion.users.me({}));
  await call('search', () => notion.search({ page_size: 1 }));
}

await round();
if (gate !== undefined) {
  say('ready');
  while (!existsSync(gate)) await sleep(20);
  if (big === 'big') await call('search', () => notion.search({ query: 'x'.repeat(1_100_000), page_size: 1 }));
  await round();
}
