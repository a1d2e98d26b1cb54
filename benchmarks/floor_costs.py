"""The floor of a logged-in page: what every page pays before its own content (not a test).

Adds two probe pages to the URLconf of this process only, and measures them as each demo role
through Django's test client, under production settings (as ``page_costs.py`` does):

- ``bare``: a view that returns an empty response: the middleware stack, the session, the
  user and their access, the access log;
- ``base``: a view that renders ``base.html`` with an empty content block: the above plus the
  context processors (navigation, inbox count, bell), the navigation bar and the messages.

Needs the national-scale database already built (``page_costs.py`` or ``load_data.py`` build it).

    DATABASE_URL=postgres://ctip:ctip@127.0.0.1:5432/ctip REDIS_URL=redis://127.0.0.1:6379/2 \\
        .venv/bin/python benchmarks/floor_costs.py [--runs 200] [--cprofile base]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import load_data
from profiling import print_cpu_profile

ROLES = ("national", "sp-secretariat", "sp-chair", "sp-member", "proposer")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=load_data.DEFAULT_DB)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--cprofile", action="append", default=[], help="probe name (bare, base): cProfile")
    parser.add_argument("--settings", default="config.settings.production")
    args = parser.parse_args()
    import load_benchmark

    os.environ.update(load_benchmark._server_env(load_data.database_url(args.db)))
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver,127.0.0.1"
    os.environ["DJANGO_SETTINGS_MODULE"] = args.settings
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.http import HttpResponse
    from django.shortcuts import render
    from django.template import engines
    from django.test import Client
    from django.urls import clear_url_caches, path

    import config.urls

    base = engines["django"].from_string('{% extends "base.html" %}')

    def bare_view(request):
        return HttpResponse(b"")

    def base_view(request):
        return HttpResponse(base.render({}, request))

    config.urls.urlpatterns += [path("floor-probe/bare/", bare_view), path("floor-probe/base/", base_view)]
    clear_url_caches()
    del render

    anon = Client()
    cpus = []
    for _ in range(args.runs):
        c = time.process_time()
        anon.get("/accounts/login/")
        cpus.append(time.process_time() - c)
    print(f"{'role':<15} {'probe':<6} {'status':>6} {'queries':>7} {'CPU ms':>7} {'p25':>6} {'p75':>6}")
    print(f"{'anonymous':<15} {'login':<6} {200:>6} {'':>7} {statistics.median(cpus) * 1000:7.2f}")
    users = {u.username: u for u in get_user_model().objects.filter(username__in=ROLES)}
    for role in ROLES:
        client = Client()
        client.force_login(users[role])
        for probe in ("bare", "base"):
            url = f"/floor-probe/{probe}/"
            client.get(url)
            client.get(url)
            queries: list[str] = []

            def log(execute, sql, params, many, context, queries=queries):
                queries.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(log):
                resp = client.get(url)
            cpus = []
            for _ in range(args.runs):
                c = time.process_time()
                client.get(url)
                cpus.append(time.process_time() - c)
            q = statistics.quantiles(cpus, n=4)
            print(
                f"{role:<15} {probe:<6} {resp.status_code:>6} {len(queries):>7} "
                f"{statistics.median(cpus) * 1000:7.2f} {q[0] * 1000:6.2f} {q[2] * 1000:6.2f}",
                flush=True,
            )
            if os.environ.get("SHOW_QUERIES"):
                for sql in queries:
                    print("   ", sql[:300])
            if probe in args.cprofile:
                print_cpu_profile(client, url, args.runs)


if __name__ == "__main__":
    main()
