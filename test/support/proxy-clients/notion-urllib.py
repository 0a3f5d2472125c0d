# A Python client on the standard library alone (urllib), for the run --proxy tests: writes its
# whole environment to argv[1], then calls Notion's users/me and search with NOTION_TOKEN,
# printing each body and "NAME STATUS".
import json
import os
import sys
import urllib.error
import urllib.request

with open(sys.argv[1], "w", encoding="utf-8") as dump:
    json.dump(dict(os.environ), dump)

headers = {"Authorization": "Bearer " + os.environ["NOTION_TOKEN"], "Notion-Version": "2026-03-11", "Content-Type": "application/json"}
for name, method, path, body in [("users/me", "GET", "/v1/users/me", None), ("search", "POST", "/v1/search", b'{"page_size":1}')]:
    request = urllib.request.Request("https://api.notion.com" + path, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=15) as answer:
            status, text = answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode()
    print(text)
    print(name, status)
