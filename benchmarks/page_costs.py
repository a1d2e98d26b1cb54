"""Each main page's cost at national scale, in-process: queries, median time, size (not a test).

Runs every page of ``load_data.page_urls()`` as its demo role through Django's test client on
the load benchmark's database (built or reused), with DEBUG off and the cache in Redis when
REDIS_URL is set. ``--profile NAME`` prints a pyinstrument profile of that page.

``--writes`` measures instead the load's three write paths (the POSTs of ``locustfile.py``): the
chair's annual-report request, the secretariat's minutes autosave (htmx, following the version it
gets back) and the member's device vote (htmx). They write, so they refuse the shared read-only
database: run them on a copy (``createdb -T ctip_load_bench ctip_<you>_bench``) with ``--db``.

    DATABASE_URL=postgres://ctip:ctip@127.0.0.1:5432/ctip_perf \\
        .venv/bin/python benchmarks/page_costs.py [--runs 7] [--profile minutes_editor]
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
from profiling import print_cpu_profile


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
    parser.add_argument("--writes", action="store_true", help="measure the write paths (needs a copy: --db)")
    args = parser.parse_args()
    if args.writes and args.db == load_data.DEFAULT_DB:
        raise SystemExit(f"--writes writes: copy {load_data.DEFAULT_DB} and pass --db (see COMMON.md)")
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

    if args.writes:
        _measure_writes(args)
        return
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
                print_cpu_profile(client, url, args.runs)
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


def _measure_writes(args) -> None:
    """Each write path of the load: queries, median wall and CPU ms over ``--runs`` (after one warm-up)."""
    import re

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    plan = load_data.load_plan()
    # As in the load benchmark's gunicorn: Celery work is queued (to this REDIS_URL), not run here. The data
    # builder turns eager tasks on for itself; left on, an autosave would count the search indexing and a
    # report request the whole PDF build.
    from django.conf import settings

    from config.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = app.conf.task_always_eager = False
    logging.getLogger("ctip.request").setLevel(logging.WARNING)
    version_re = re.compile(r'name="version" value="(\d+)"')
    users = get_user_model().objects.in_bulk(["sp-chair", "sp-secretariat", "sp-member"], field_name="username")
    clients = {}
    for name, user in users.items():
        clients[name] = Client()
        clients[name].force_login(user)
    desk = plan["minutes"][0]
    version = [int(version_re.search(clients["sp-secretariat"].get(desk["url"]).content.decode()).group(1))]
    choices = iter(["approve", "in_principle", "approve", "abstain"] * (args.runs + 2))
    serial = iter(range(10**6))

    from urllib.parse import urlencode

    form = "application/x-www-form-urlencoded"  # as the load's client sends them (not multipart)

    def report():
        return clients["sp-chair"].post(plan["report_url"], urlencode(plan["report_data"]), content_type=form)

    def autosave():
        data = dict(desk["fields"], version=str(version[0]))
        data["opening"] = f"{data['opening']} ({next(serial)})"  # a real change every time
        resp = clients["sp-secretariat"].post(desk["url"], urlencode(data), content_type=form, HTTP_HX_REQUEST="true")
        version[0] = int(version_re.search(resp.content.decode()).group(1))
        return resp

    def vote():
        return clients["sp-member"].post(
            plan["vote_url"], urlencode({"choice": next(choices)}), content_type=form, HTTP_HX_REQUEST="true"
        )

    print(f"{'write':<22} {'status':>6} {'queries':>7} {'SQL ms':>7} {'p50 ms':>7} {'CPU ms':>7}")
    for name, post in (("report-request", report), ("minutes-autosave", autosave), ("vote", vote)):
        if args.only and name not in args.only:
            continue
        post()  # warm
        captured: list[tuple[str, float]] = []

        def log(execute, sql, params, many, context, captured=captured):
            t = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                captured.append((sql, time.perf_counter() - t))

        with connection.execute_wrapper(log):
            resp = post()
        times, cpus = [], []
        for _ in range(args.runs):
            t, c = time.perf_counter(), time.process_time()
            resp = post()
            times.append(time.perf_counter() - t)
            cpus.append(time.process_time() - c)
        print(
            f"{name:<22} {resp.status_code:>6} {len(captured):>7} {sum(t for _, t in captured) * 1000:7.1f} "
            f"{statistics.median(times) * 1000:7.1f} {statistics.median(cpus) * 1000:7.1f}",
            flush=True,
        )
        if os.environ.get("SHOW_QUERIES") == name:
            for sql, t in captured:
                print(f"    {t * 1000:6.2f} ms  {sql[:300]}")
        if name in args.profile:
            from pyinstrument import Profiler
            from pyinstrument.renderers import ConsoleRenderer

            profiler = Profiler(interval=0.0005)
            profiler.start()
            for _ in range(args.runs):
                post()
            profiler.stop()
            flat = bool(os.environ.get("FLAT"))
            print(
                profiler.output(
                    ConsoleRenderer(unicode=True, color=False, flat=flat, show_all=flat, time="percent_of_total")
                )[: int(os.environ.get("CHARS", "6000"))]
            )
        if name in args.cprofile:
            import cProfile
            import pstats

            prof = cProfile.Profile(time.process_time)
            prof.enable()
            for _ in range(args.runs):
                post()
            prof.disable()
            stats = pstats.Stats(prof)
            stats.sort_stats(os.environ.get("SORT", "tottime")).print_stats(int(os.environ.get("TOP", "40")))


if __name__ == "__main__":
    main()
