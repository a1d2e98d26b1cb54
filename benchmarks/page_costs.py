"""Each main page's cost at national scale, in-process: queries, median time, size (not a test).

Runs every page of ``load_data.page_urls()`` as its demo role through Django's test client on
the load benchmark's database (built or reused), with DEBUG off and the cache in Redis when
REDIS_URL is set. ``--profile NAME`` prints a pyinstrument profile of that page.

    DATABASE_URL=postgres://ctip:ctip@127.0.0.1:5432/ctip_perf \\
        .venv/bin/python benchmarks/page_costs.py [--runs 7] [--profile minutes_editor]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import load_data


def _add_item_pages(urls: dict[str, dict[str, str]]) -> None:
    """The agenda item page (measured here, not in the load benchmark's mix): a section-5 sub-item of the
    held meeting the secretariat's minutes editor opens, as the secretariat and as a member."""
    from django.urls import reverse

    from meetings.models import AgendaItem

    meeting_pk = int(urls["sp-secretariat"]["minutes_editor"].strip("/").split("/")[1])
    item = (
        AgendaItem.objects.filter(meeting_id=meeting_pk, parent__isnull=False, section_type="for_consideration")
        .order_by("pk")
        .first()
    ) or AgendaItem.objects.filter(meeting_id=meeting_pk).order_by("pk").first()
    if item is not None:
        for role in ("sp-secretariat", "sp-member"):
            urls[role]["item"] = reverse("meetings:item", args=[item.pk])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=load_data.DEFAULT_DB)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--profile", action="append", default=[], help="page name to profile (repeatable)")
    parser.add_argument("--only", action="append", default=[], help="measure only these page names")
    parser.add_argument("--explain", action="append", default=[], help="EXPLAIN ANALYZE this page's queries")
    parser.add_argument(
        "--settings",
        default="config.settings.production",
        help="Django settings (default: production, as the load benchmark's gunicorn runs them)",
    )
    parser.add_argument(
        "--cprofile", action="append", default=[], help="page name: cProfile, top functions by own time"
    )
    args = parser.parse_args()
    import load_benchmark

    # the very environment the load benchmark gives gunicorn (DEBUG off, cached template loader,
    # manifest static files, JSON logging at WARNING), plus the test client's host
    os.environ.update(load_benchmark._server_env(load_data.database_url(args.db)))
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver,127.0.0.1"
    load_data.ensure(args.db, settings=args.settings)
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)  # the manifest the production pages need
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    urls = load_data.page_urls()
    _add_item_pages(urls)
    users = {u.username: u for u in get_user_model().objects.filter(username__in=urls)}
    anon = Client()
    login_times, login_cpu = [], []
    for _ in range(args.runs + 1):
        t, c = time.perf_counter(), time.process_time()
        anon.get("/accounts/login/")
        login_times.append(time.perf_counter() - t)
        login_cpu.append(time.process_time() - c)
    login = statistics.median(login_times[1:])
    print(
        f"{'role':<15} {'page':<16} {'status':>6} {'queries':>7} {'p50 ms':>7} {'x login':>7} {'KB':>5} {'CPU ms':>7}"
    )
    print(
        f"{'anonymous':<15} {'login':<16} {200:>6} {'':>7} {login * 1000:7.1f} {1:7.1f} {'':>5} "
        f"{statistics.median(login_cpu[1:]) * 1000:7.1f}"
    )
    import cProfile
    import pstats

    everything = cProfile.Profile(time.process_time)
    for role, pages in urls.items():
        client = Client()
        client.force_login(users[role])
        for name, url in pages.items():
            if args.only and name not in args.only:
                continue
            resp = client.get(url)  # warm
            captured: list[str] = []
            with_params: list[tuple] = []

            def log(execute, sql, params, many, context, captured=captured, with_params=with_params):
                captured.append(sql)
                with_params.append((sql, params))
                return execute(sql, params, many, context)

            with connection.execute_wrapper(log):
                client.get(url)
            times, cpus = [], []
            for _ in range(args.runs):
                t, c = time.perf_counter(), time.process_time()
                resp = client.get(url)
                times.append(time.perf_counter() - t)
                cpus.append(time.process_time() - c)
            p50 = statistics.median(times)
            cpu = statistics.median(cpus)
            print(
                f"{role:<15} {name:<16} {resp.status_code:>6} {len(captured):>7} "
                f"{p50 * 1000:7.1f} {p50 / login:7.1f} {len(resp.content) // 1024:>5} {cpu * 1000:7.1f}",
                flush=True,
            )
            if name in args.profile:
                from pyinstrument import Profiler

                profiler = Profiler(interval=0.0005)
                profiler.start()
                for _ in range(args.runs):
                    client.get(url)
                profiler.stop()
                from pyinstrument.renderers import ConsoleRenderer

                flat = bool(os.environ.get("FLAT"))
                print(
                    profiler.output(
                        ConsoleRenderer(unicode=True, color=False, flat=flat, show_all=flat, time="percent_of_total")
                    )[:6000]
                )
            if "all" in args.cprofile:  # one profile over every page, printed at the end
                everything.enable()
                for _ in range(args.runs):
                    client.get(url)
                everything.disable()
            if name in args.cprofile:
                prof = cProfile.Profile(time.process_time)  # CPU, not wall: the machine is shared
                prof.enable()
                for _ in range(args.runs):
                    client.get(url)
                prof.disable()
                stats = pstats.Stats(prof)
                stats.sort_stats(os.environ.get("SORT", "tottime")).print_stats(int(os.environ.get("TOP", "40")))
            if name in args.explain:
                with connection.cursor() as cur:
                    for sql, params in with_params:
                        if not sql.lstrip().upper().startswith(("SELECT", "(SELECT")):
                            continue
                        cur.execute("EXPLAIN (ANALYZE, BUFFERS OFF) " + sql, params)
                        plan = [r[0] for r in cur.fetchall()]
                        print(f"    {plan[-1].strip():<28} {plan[0][:110]}  <- {sql[:90]}")
            if os.environ.get("SHOW_QUERIES") == name:
                for sql in captured:
                    print("   ", sql[:400])

    if "all" in args.cprofile:
        top = int(os.environ.get("TOP", "40"))
        pstats.Stats(everything).sort_stats(os.environ.get("SORT", "tottime")).print_stats(top)


if __name__ == "__main__":
    main()
