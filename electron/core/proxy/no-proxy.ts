/**
 * A NO_PROXY list without the entries that would send `host` around the proxy. Clients read the
 * list differently (curl, Python, Go, Node): an entry matches a host when it is `*`, the host
 * itself, or a domain it is in, written `notion.com`, `.notion.com` or `*.notion.com`, with or
 * without a port. Anything that any of them would match goes; the rest (localhost, IP ranges,
 * other domains) stays as written. Returns undefined when nothing is left.
 */
export function withoutHost(list: string | undefined, host: string): string | undefined {
  if (list === undefined) return undefined;
  const kept = list.split(/[,\s]+/).filter((entry) => entry !== '' && !matches(entry, host));
  return kept.length > 0 ? kept.join(',') : undefined;
}

function matches(entry: string, host: string): boolean {
  const name = entry.toLowerCase().replace(/:\d+$/, '').replace(/^\*?\.+/, '').replace(/\.$/, '');
  return name === '*' || (name !== '' && (host === name || host.endsWith(`.${name}`)));
}
