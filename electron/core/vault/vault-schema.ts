import { z } from 'zod';
import { STATUSES, TOKEN_KINDS, type Entry } from '../../common/types';

export const SCHEMA_VERSION = 1;

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date');

const entrySchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().min(1),
  kind: z.enum(TOKEN_KINDS),
  workspaceId: z.string().nullable(),
  workspaceName: z.string().nullable(),
  identity: z.object({ type: z.enum(['bot', 'person']), id: z.string(), name: z.string().nullable() }).nullable(),
  createdAt: isoDate,
  expiresAt: isoDate.nullable(),
  addedAt: isoDate,
  status: z.enum(STATUSES),
  lastCheckedAt: isoDate.nullable(),
  lastOkAt: isoDate.nullable(),
  lastError: z.object({ code: z.string(), message: z.string(), at: isoDate }).nullable(),
  lastDecided: z.object({ status: z.enum(['valid', 'invalid']), at: isoDate }).nullable().default(null),
  pagesShared: z.boolean().nullable(),
  warned: z.array(z.number()),
});

// Unknown keys are kept (looseObject), so an older build never drops what a newer one wrote.
const vaultSchema = z.looseObject({
  schemaVersion: z.literal(SCHEMA_VERSION),
  entries: z.array(entrySchema),
});

export interface VaultDoc {
  schemaVersion: typeof SCHEMA_VERSION;
  entries: Entry[];
}

export type ParseResult = { ok: true; doc: VaultDoc } | { ok: false; newer: number } | { ok: false; problem: string };

export function parseVault(text: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'it is not valid JSON' };
  }
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > SCHEMA_VERSION) return { ok: false, newer: version };
  const parsed = vaultSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `${issue?.path.join('.') || 'the file'}: ${issue?.message ?? 'unexpected shape'}` };
  }
  return { ok: true, doc: parsed.data };
}

export const emptyVault = (): VaultDoc => ({ schemaVersion: SCHEMA_VERSION, entries: [] });
