"""The provincial annual report end to end in a real Celery worker, against WeasyPrint alone.

    DATABASE_URL=postgres://ctip:ctip@127.0.0.1:5432/ctip_perf REDIS_URL=redis://127.0.0.1:6379/4 \\
        .venv/bin/python benchmarks/report_worker_benchmark.py [--rounds 5] [--memory-reports 100]

On the load benchmark's national-scale database, starts a worker (one prefork child, warm), then
five times, interleaved: asks the worker for Samut Prakan's FY 2567 annual report (a new job each
time, from enqueue to ``ready`` as seen in the database) and renders the very same HTML to PDF
with WeasyPrint in this process. Prints both medians and their ratio. Then has the worker build
``--memory-reports`` more and prints the worker child's resident memory every 10 reports.

The worker runs with ``CELERY_WORKER_MAX_TASKS_PER_CHILD=--max-tasks-per-child`` (by default more
than the run's tasks: the child is never recycled), so the memory figure is that of one child over
every report, not one bounded by recycling; the run stops if the child is replaced.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
BIN = Path(sys.executable).parent


def _new_job(user, province, fiscal_year: int):
    from reports.documents import Target, document_for
    from reports.models import ReportJob

    target = Target("annual_province", province=province, fiscal_year=fiscal_year)
    doc = document_for("annual_province")
    return ReportJob.objects.create(
        kind="annual_province",
        province=province,
        fiscal_year=fiscal_year,
        title=doc.title(target)[:300],
        requested_by=user,
        fingerprint=doc.fingerprint(target),
    )


def _cpu_of(procs) -> float:
    total = 0.0
    for p in procs:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


def _through_worker(
    user, province, fiscal_year: int, timeout: float = 300, worker=None, cpu=None, child_cpu=None
) -> float:
    """Seconds from enqueue to ``ready``; when ``cpu`` is a list, appends the CPU seconds the
    worker (main process and children) spent meanwhile, and to ``child_cpu`` the child's alone
    (the build itself; the main process's share grows with the wall time it waits)."""
    from reports.models import ReportJob
    from reports.tasks import build_report

    job = _new_job(user, province, fiscal_year)
    procs = [worker, *worker.children()] if worker is not None else []
    cpu_before, child_before = _cpu_of(procs), _cpu_of(procs[1:])
    started = time.perf_counter()
    build_report.delay(job.pk)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = ReportJob.objects.filter(pk=job.pk).values_list("state", flat=True).first()
        if state == "ready":
            elapsed = time.perf_counter() - started
            if cpu is not None:
                cpu.append(_cpu_of(procs) - cpu_before)
            if child_cpu is not None:
                child_cpu.append(_cpu_of(procs[1:]) - child_before)
            return elapsed
        if state == "failed":
            raise SystemExit(f"job {job.pk} failed")
        time.sleep(0.05)
    raise SystemExit("the worker did not finish in time")


def _weasyprint_alone(province, fiscal_year: int, cpu=None) -> float:
    from django.template.loader import render_to_string
    from django.utils import timezone

    from reports.documents import Target, document_for
    from reports.pdf import base_context, html_to_pdf

    target = Target("annual_province", province=province, fiscal_year=fiscal_year)
    doc = document_for("annual_province")
    html = render_to_string(
        doc.template,
        {
            **base_context(),
            **doc.context(target),
            "title": doc.title(target),
            "job": None,
            "generated_at": timezone.now(),
        },
    )
    started, cpu_started = time.perf_counter(), time.process_time()
    html_to_pdf(html)
    if cpu is not None:
        cpu.append(time.process_time() - cpu_started)
    return time.perf_counter() - started


def main() -> None:
    import load_data

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=load_data.DEFAULT_DB)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--memory-reports", type=int, default=100)
    parser.add_argument("--fiscal-year", type=int, default=2567)
    parser.add_argument(
        "--max-tasks-per-child", type=int, default=0, help="the worker's recycling (default: after this run's tasks)"
    )
    args = parser.parse_args()
    if not os.environ.get("REDIS_URL"):
        raise SystemExit("set REDIS_URL: the report goes through a real worker")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    db_url = load_data.ensure(args.db)
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "False"
    from django.conf import settings

    settings.CELERY_TASK_ALWAYS_EAGER = False
    from config.celery import app

    app.conf.task_always_eager = False
    from accounts.models import User
    from committees.models import Province
    from reports import fonts

    fonts.prepared_fonts()
    chair, province = User.objects.get(username="sp-chair"), Province.objects.get(code="11")
    env = dict(os.environ, DATABASE_URL=db_url, DJANGO_SETTINGS_MODULE="config.settings.local", DJANGO_DEBUG="False")
    env["CELERY_TASK_ALWAYS_EAGER"] = "False"
    # a report is several tasks (the build, the e-mail to the requester, ...): "never" is a large number
    tasks = 2 + args.rounds + args.memory_reports  # reports: warm-up, timed rounds, memory figure
    args.max_tasks_per_child = args.max_tasks_per_child or 1_000_000
    env["CELERY_WORKER_MAX_TASKS_PER_CHILD"] = str(args.max_tasks_per_child)
    log = open(ROOT / "var" / "load" / "worker.log", "w")  # noqa: SIM115
    worker = subprocess.Popen(  # noqa: S603 - our own worker
        [str(BIN / "celery"), "-A", "config", "worker", "-c", "1", "-P", "prefork", "--loglevel", "WARNING"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=log,
    )
    try:
        time.sleep(3)
        for _ in range(2):  # warm: the first build loads templates and fonts in the child
            _through_worker(chair, province, args.fiscal_year)
            _weasyprint_alone(province, args.fiscal_year)
        worker_s, alone_s, worker_cpu, alone_cpu, child_cpu = [], [], [], [], []
        main = psutil.Process(worker.pid)
        for _ in range(args.rounds):
            worker_s.append(
                _through_worker(chair, province, args.fiscal_year, worker=main, cpu=worker_cpu, child_cpu=child_cpu)
            )
            alone_s.append(_weasyprint_alone(province, args.fiscal_year, cpu=alone_cpu))
        w, a = statistics.median(worker_s), statistics.median(alone_s)
        wc, ac = statistics.median(worker_cpu), statistics.median(alone_cpu)
        print(f"load average {os.getloadavg()[0]:.1f} (2 cores shared: wall times wait for CPU; CPU times do not)")
        print(f"end to end in the worker: {[round(x, 2) for x in worker_s]} s, median {w:.2f} s")
        print(f"WeasyPrint alone, same HTML: {[round(x, 2) for x in alone_s]} s, median {a:.2f} s")
        print(f"ratio worker / WeasyPrint, wall: {w / a:.2f}x (median of {args.rounds} interleaved)")
        print(f"worker CPU per report (main + child): {[round(x, 2) for x in worker_cpu]} s, median {wc:.2f} s")
        print(f"WeasyPrint alone CPU: {[round(x, 2) for x in alone_cpu]} s, median {ac:.2f} s")
        print(f"ratio worker / WeasyPrint, CPU: {wc / ac:.2f}x")
        cc = statistics.median(child_cpu)
        print(f"worker child alone CPU per report: {[round(x, 2) for x in child_cpu]} s, median {cc:.2f} s")
        print(f"ratio worker child / WeasyPrint, CPU: {cc / ac:.2f}x")
        child = psutil.Process(worker.pid).children()[0]
        print(f"worker child RSS after warm-up and {args.rounds} reports: {child.memory_info().rss / 2**20:.0f} MB")
        print(f"max tasks per child: {args.max_tasks_per_child}, this run's reports: {tasks} (child pid {child.pid})")
        rows = [(0, child.memory_info().rss)]
        for k in range(1, args.memory_reports + 1):
            _through_worker(chair, province, args.fiscal_year)
            if k % 10 == 0:
                if child.pid not in [c.pid for c in psutil.Process(worker.pid).children()]:
                    raise SystemExit("the worker child was replaced: the figure would mix two processes")
                rows.append((k, child.memory_info().rss))
                print(f"after {k} more reports: worker child RSS {rows[-1][1] / 2**20:.0f} MB", flush=True)
        print(f"\n| reports after warm-up | {' | '.join(str(k) for k, _ in rows)} |")
        print(f"|---|{'---|' * len(rows)}")
        print(f"| worker child RSS (MB) | {' | '.join(f'{r / 2**20:.1f}' for _, r in rows)} |")
        print(f"load average at the end {os.getloadavg()[0]:.1f}")
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()


if __name__ == "__main__":
    main()
