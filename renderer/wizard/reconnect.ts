/**
 * "Connect again" from a connected OAuth entry's details: the wizard opens on the OAuth path with
 * the entry's integration chosen. Connecting the same workspace through the same integration gives
 * that entry the new tokens in place (main finds it by integration and workspace).
 */
export interface ReconnectTarget {
  entryName: string;
  integrationId: string;
  workspaceName: string | null;
}
