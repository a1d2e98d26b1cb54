"""Walks the demo site on the embedded default as each demo user, following the pages' own links.

Run by tests/core/test_embedded_default.py through ``manage.py shell`` against a scratch SQLite file,
so that code which only works on PostgreSQL (an ArraySubquery, a trigram lookup) is caught where a
new user would meet it: `make run`. Prints one line per failing page and then ``walked N``.
"""

import re
from collections import deque

from django.contrib.auth import get_user_model
from django.test import Client

SKIP = re.compile(r"logout|/admin/|\.pdf|docx|download|export|packet|evidence|/api/|/static/|/media/|\?page=")
HREF = re.compile(r'href="(/[^"#]*)"')
LIMIT = 90  # pages per user: bounded, enough to reach every kind of page from the menus

walked, failed = 0, []
for username in ("national", "sp-secretariat", "sp-chair", "sp-member", "proposer"):
    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    client.force_login(get_user_model().objects.get(username=username))
    seen, queue, kinds = set(), deque(["/", "/search/?q=เรือ+ประมง"]), set()
    while queue and len(seen) < LIMIT:
        url = queue.popleft()
        kind = re.sub(r"\d+", "N", url if url.startswith("/search/") else url.split("?")[0])
        if url in seen or kind in kinds or SKIP.search(url):
            continue  # one page of each shape per user keeps the walk short
        seen.add(url)
        kinds.add(kind)
        response = client.get(url)
        walked += 1
        if response.status_code >= 500:
            failed.append(f"{username} {url} {response.status_code}")
        elif response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            queue.extend(HREF.findall(response.content.decode()))
for line in failed:
    print("FAILED", line)
print("walked", walked)
