import { NOTION_PORTAL } from '../../electron/common/advice';

/**
 * The Notion pages the wizard opens (main opens only https Notion URLs): Notion's Developer portal
 * (2026), its Personal access tokens page and its Connections page, where internal connections and
 * OAuth integrations are made (see NOTION_PORTAL for the doc pages they follow).
 */
export const NOTION_URLS = {
  developerPortal: NOTION_PORTAL.developers,
  tokens: NOTION_PORTAL.tokens,
  connections: NOTION_PORTAL.connections,
} as const;
