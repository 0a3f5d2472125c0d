# Asks Notion who the token in NOTION_TOKEN belongs to, with Python's standard library alone.
# Behind the proxy: notion-vault run --proxy NAME -- python3 docs/examples/whoami.py
import json
import os
import urllib.request

request = urllib.request.Request(
    "https://api.notion.com/v1/users/me",
    headers={"Authorization": "Bearer " + os.environ["NOTION_TOKEN"], "Notion-Version": "2026-03-11"},
)
with urllib.request.urlopen(request, timeout=30) as answer:
    me = json.load(answer)
print("python:", me["name"], "in", (me.get("bot") or {}).get("workspace_name"))
print("python: NOTION_TOKEN here is", os.environ["NOTION_TOKEN"])
