"""The proposal page's CPU when its cached parts are found, and when they must be drawn (issue #12).

``page_costs.py`` measures a reader repeating a page: the cached parts are found. In the load, a
member's vote changes the ballot cards of the voted proposal between two reads, and any other change
the whole body. This probe reads the same pages as ``page_costs.py`` (production settings, the
national-scale database, read only) in three ways, each the median CPU of ``--runs`` requests:

- ``hit``: both parts found (what a repeated read costs);
- ``ballots``: the ballot cards drawn again (the first read after a vote);
- ``full``: every part drawn again (the first read after any other change).

The parts are drawn and stored as in a real miss; only the cache read is skipped::

    .venv/bin/python benchmarks/proposal_misses.py --runs 7
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import load_data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=load_data.DEFAULT_DB)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--settings", default="config.settings.production")
    args = parser.parse_args()
    import load_benchmark

    os.environ.update(load_benchmark._server_env(load_data.database_url(args.db)))
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver,127.0.0.1"
    load_data.ensure(args.db, settings=args.settings)
    logging.getLogger("ctip.request").setLevel(logging.WARNING)
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from core import cache
    from fundproposals.views import detail as view

    call_command("collectstatic", interactive=False, verbosity=0)
    found = cache.remember
    mode = {"skip": ()}

    def remember(key, compute, timeout=300):
        if key.startswith(mode["skip"]):
            value = compute()
            cache.set(key, value, timeout)
            return value
        return found(key, compute, timeout)

    view.cache = type("C", (), {"remember": staticmethod(remember), "fetch_many": staticmethod(cache.fetch_many)})
    urls = load_data.page_urls()
    users = {u.username: u for u in get_user_model().objects.filter(username__in=urls)}
    print(f"{'role':<15} {'page':<16} {'mode':<8} {'queries':>7} {'CPU ms':>7}")
    for role, pages in urls.items():
        for name, url in pages.items():
            if not name.startswith("proposal") or name == "proposals":
                continue
            client = Client()
            client.force_login(users[role])
            client.get(url)
            for label, skip in (("hit", ()), ("ballots", ("proposal-ballots",)), ("full", ("proposal-",))):
                mode["skip"] = skip
                client.get(url)  # warm
                queries: list[str] = []

                def log(execute, sql, params, many, context, queries=queries):
                    queries.append(sql)
                    return execute(sql, params, many, context)

                with connection.execute_wrapper(log):
                    client.get(url)
                cpus = []
                for _ in range(args.runs):
                    c = time.process_time()
                    assert client.get(url).status_code == 200
                    cpus.append(time.process_time() - c)
                print(
                    f"{role:<15} {name:<16} {label:<8} {len(queries):>7} {statistics.median(cpus) * 1000:7.1f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
