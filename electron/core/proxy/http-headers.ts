import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

// Headers that belong to one hop (RFC 9110 7.6.1), plus the proxy's own: a proxy never passes
// them on. Proxy-Authorization carries the per-run credential, which must not leave the machine.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

const NONE: ReadonlySet<string> = new Set();

/** The names a Connection header lists are hop-by-hop too (nearly always there are none: keep-alive, close). */
function listedInConnection(value: string | readonly string[] | undefined): ReadonlySet<string> {
  if (value === undefined) return NONE;
  const text = (typeof value === 'string' ? value : value.join(',')).toLowerCase();
  if (text === 'keep-alive' || text === 'close' || text === '') return NONE;
  return new Set(text.split(',').map((name) => name.trim()).filter((name) => name !== ''));
}

/** A request's end-to-end headers, to send on to the next hop. */
export function endToEnd(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const listed = listedInConnection(headers.connection);
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name) && !listed.has(name)) out[name] = value;
  }
  return out;
}

/** A response's end-to-end headers as a flat [name, value, …] list (repeated ones, Set-Cookie, kept apart). */
export function endToEndRaw(raw: readonly string[]): string[] {
  const names: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (raw[i]?.toLowerCase() === 'connection') names.push(raw[i + 1] ?? '');
  const listed = listedInConnection(names);
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] ?? '';
    const lower = name.toLowerCase();
    if (!HOP_BY_HOP.has(lower) && !listed.has(lower)) out.push(name, raw[i + 1] ?? '');
  }
  return out;
}
