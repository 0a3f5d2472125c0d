/** The Notion pages the wizard opens (main opens only https Notion URLs). */
export const NOTION_URLS = {
  developerPortal: 'https://www.notion.so/developers',
  tokens: 'https://www.notion.so/developers/tokens',
  integrations: 'https://www.notion.so/profile/integrations',
} as const;
