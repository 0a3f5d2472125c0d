// The redirect URI of a public integration, shared by the core (which listens there), the CLI and
// the window (which show it to paste into the integration's OAuth settings in Notion).

/**
 * The loopback port of the redirect URI when none is given. Fixed, because Notion only accepts
 * redirect URIs registered in the integration's settings. (rclone's 53682 is avoided on purpose.)
 */
export const DEFAULT_REDIRECT_PORT = 51723;

/** What to paste into the integration's OAuth settings in Notion. `localhost`: Notion refuses 127.0.0.1 URIs. */
export const redirectUri = (port: number): string => `http://localhost:${String(port)}/callback`;
