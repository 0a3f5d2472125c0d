// Asks Notion who the token in NOTION_TOKEN belongs to and how many pages it sees, with the
// official client. Behind the proxy: notion-vault run --proxy NAME -- node docs/examples/whoami.mjs
// (Node 22.21+ or 24: run --proxy sets NODE_USE_ENV_PROXY=1, which makes fetch use HTTPS_PROXY).
import process from 'node:process';
import { Client } from '@notionhq/client';

const notion = new Client({ auth: process.env.NOTION_TOKEN });
const me = await notion.users.me({});
const found = await notion.search({ page_size: 10 });
process.stdout.write(`node: ${me.name} in ${me.bot?.workspace_name ?? '?'}, ${String(found.results.length)} page(s) shared\n`);
process.stdout.write(`node: NOTION_TOKEN here is ${process.env.NOTION_TOKEN}\n`);
