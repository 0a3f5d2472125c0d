#!/bin/sh
# A curl client for the run --proxy tests: writes its whole environment to $1, then calls Notion's
# users/me and search with the token in NOTION_TOKEN, printing each body and "NAME STATUS".
set -eu
env > "$1"
curl -sS -w '\nusers/me %{http_code}\n' -H "Authorization: Bearer $NOTION_TOKEN" -H 'Notion-Version: 2026-03-11' https://api.notion.com/v1/users/me
curl -sS -w '\nsearch %{http_code}\n' -X POST -H "Authorization: Bearer $NOTION_TOKEN" -H 'Notion-Version: 2026-03-11' \
  -H 'Content-Type: application/json' -d '{"page_size":1}' https://api.notion.com/v1/search
