# A Python client on requests, for the run --proxy tests: writes its whole environment to argv[1],
# then calls Notion's users/me and search with NOTION_TOKEN, printing each body and "NAME STATUS".
import json
import os
import sys

import requests

with open(sys.argv[1], "w", encoding="utf-8") as dump:
    json.dump(dict(os.environ), dump)

headers = {"Authorization": "Bearer " + os.environ["NOTION_TOKEN"], "Notion-Version": "2026-03-11"}
with requests.Session() as session:
    for name, method, path, body in [("users/me", "GET", "/v1/users/me", None), ("search", "POST", "/v1/search", {"page_size": 1})]:
        answer = session.request(method, "https://api.notion.com" + path, json=body, headers=headers, timeout=15)
        print(answer.text)
        print(name, answer.status_code)
