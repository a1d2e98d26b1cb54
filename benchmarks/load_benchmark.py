"""The load benchmark: national-scale data, production settings, gunicorn with 2 workers, a mixed load.

    DATABASE_URL=postgres://ctip:ctip@127.0.0.1:5432/ctip_perf REDIS_URL=redis://127.0.0.1:6379/4 \\
        .venv/bin/python benchmarks/load_benchmark.py [--users 16] [--run-time 60] [--single-run-time 30]

1. Builds or reuses the national-scale database (``load_data``: the PDF benchmark's 77 provinces
   x 5 fiscal years, 143,000 audit events, the demo accounts, held meetings with drafted minutes),
   in ``ctip_load_bench`` on DATABASE_URL's server.
2. ``collectstatic`` and gunicorn (2 sync workers) with ``config.settings.production`` on
   127.0.0.1 (SSL redirect off: there is no TLS proxy in front on loopback).
3. Runs locust headless (``locustfile.py``): a warm-up, then ``--users`` concurrent users and
   then one user, each run bounded by time and by a request count.
4. Prints requests a second, p50/p95/p99, errors, the CPU per request of gunicorn's workers, of
   PostgreSQL, of Redis, of the load generator itself (locust) and of the whole machine (every
   process, so what the others leave over is what the rest of the machine spent: other users of
   a shared machine), and every page's p50 as a ratio to the login page's p50 in the same run (a
   markdown table, also written to ``var/load/report.md``). The load generator runs on the same
   cores as the server: its CPU is CPU the server did not get.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import http.cookiejar
import json
import os
import platform
import re
import resource
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
OUT = ROOT / "var" / "load"
PY = Path(sys.executable)
BIN = PY.parent


def _server_env(db_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="load-benchmark-only-not-a-secret",  # noqa: S106 - a throwaway loopback server
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="False",
        # The demo accounts have no authenticator: with the second factor required, every page of
        # the national officer, secretariat and chair would redirect to the set-up page (a QR code
        # drawn per request) and the run would measure that page instead. Once a session has
        # settled its second factor the middleware costs one session lookup either way.
        TWO_FACTOR_REQUIRED="False",
        # The production topology: a report request queues a job for the Celery worker. The
        # data builder sets eager tasks for itself; inherited here, every annual-report request
        # built the PDF (~1.5 s of CPU) inside a gunicorn worker and was counted as page CPU.
        CELERY_TASK_ALWAYS_EAGER="False",
        DATABASE_URL=db_url,
        LOG_LEVEL="WARNING",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    return env


def _wait_up(base: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/accounts/login/", timeout=5) as resp:  # noqa: S310 - 127.0.0.1 only
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer on time")


class _BehindTLS(http.cookiejar.DefaultCookiePolicy):
    """Production cookies are Secure; on loopback the client plays the TLS proxy's side."""

    def return_ok_secure(self, cookie, request):
        return True


def _log_in(base: str, roles) -> dict:
    """Log each demo role in once (the password hash is slow on purpose); returns its cookies
    and how long each login took."""
    sessions, times = {}, []
    for role in roles:
        jar = http.cookiejar.CookieJar(policy=_BehindTLS())
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(f"{base}/accounts/login/", timeout=30).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        started = time.perf_counter()
        body = urllib.parse.urlencode({"username": role, "password": "demo", "csrfmiddlewaretoken": token}).encode()
        opener.open(urllib.request.Request(f"{base}/accounts/login/", data=body), timeout=60).read()  # noqa: S310
        times.append(time.perf_counter() - started)
        cookies = {c.name: c.value for c in jar}
        if "sessionid" not in cookies:
            raise SystemExit(f"could not log in as {role}")
        sessions[role] = cookies
    return {"sessions": sessions, "login_s": times}


def _cpu(procs) -> dict[int, float]:
    times = {}
    for p in procs:
        try:
            t = p.cpu_times()
            times[p.pid] = t.user + t.system
        except psutil.Error:
            pass
    return times


def _spent(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds spent between two readings by the processes alive at the second one."""
    return sum(t - before.get(pid, 0.0) for pid, t in after.items())


def _postgres():
    return [p for p in psutil.process_iter(["name"]) if (p.info["name"] or "").startswith("postgres")]


def _redis():
    """The Redis server (shared with anything else using it on this machine: read it on a quiet one)."""
    return [p for p in psutil.process_iter(["name"]) if (p.info["name"] or "").startswith("redis-server")]


def _children_cpu() -> float:
    """CPU seconds of this process's finished children (locust, once ``subprocess.run`` has waited for it)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _machine_cpu() -> float:
    """CPU seconds every process of the machine has spent (all cores, idle and I/O wait excluded)."""
    t = psutil.cpu_times()
    spare = ("idle", "iowait", "steal", "guest", "guest_nice")  # guest time is also counted in user time
    return sum(t) - sum(getattr(t, name, 0.0) for name in spare)


def _ms(value: str) -> float:
    try:
        return float(value)
    except ValueError:  # "N/A": no request of that name
        return float("nan")


def _run_locust(base: str, plan: Path, users: int, run_time: int, max_requests: int, prefix: Path, workers) -> dict:
    env = dict(os.environ, LOAD_PLAN=str(plan), LOAD_MAX_REQUESTS=str(max_requests))
    cmd = [
        str(BIN / "locust"),
        "-f",
        str(HERE / "locustfile.py"),
        "--headless",
        "--only-summary",
        "-u",
        str(users),
        "-r",
        str(users),
        "-t",
        f"{run_time}s",
        "--stop-timeout",
        "5",
        "--host",
        base,
        "--csv",
        str(prefix),
        "--loglevel",
        "WARNING",
    ]
    load_before = os.getloadavg()[0]
    cpu_workers, cpu_pg, cpu_redis = _cpu(workers), _cpu(_postgres()), _cpu(_redis())
    cpu_locust, cpu_machine, started = _children_cpu(), _machine_cpu(), time.monotonic()
    subprocess.run(cmd, env=env, cwd=ROOT, timeout=run_time + 90, check=False, stdout=subprocess.DEVNULL)  # noqa: S603
    elapsed = time.monotonic() - started
    cpu_workers, cpu_pg = _spent(cpu_workers, _cpu(workers)), _spent(cpu_pg, _cpu(_postgres()))
    cpu_redis, cpu_locust = _spent(cpu_redis, _cpu(_redis())), _children_cpu() - cpu_locust
    cpu_machine = _machine_cpu() - cpu_machine
    rows = {}
    with open(f"{prefix}_stats.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            rows[r["Name"]] = r
    total = rows.pop("Aggregated")
    n = int(total["Request Count"])
    return {
        "users": users,
        "elapsed_s": elapsed,
        "load": f"{load_before:.1f} → {os.getloadavg()[0]:.1f}",
        "requests": n,
        "failures": int(total["Failure Count"]),
        "rps": float(total["Requests/s"]),
        "p50": _ms(total["50%"]),
        "p95": _ms(total["95%"]),
        "p99": _ms(total["99%"]),
        "worker_cpu_ms": 1000 * cpu_workers / n if n else 0.0,
        "pg_cpu_ms": 1000 * cpu_pg / n if n else 0.0,
        "redis_cpu_ms": 1000 * cpu_redis / n if n else 0.0,
        # locust's whole run, its start (imports, ~1 s) included: small against a 60 s run
        "locust_cpu_ms": 1000 * cpu_locust / n if n else 0.0,
        "machine_cpu_ms": 1000 * cpu_machine / n if n else 0.0,
        "locust_cores": cpu_locust / elapsed if elapsed else 0.0,
        "pages": {
            name: {
                "n": int(r["Request Count"]),
                "fail": int(r["Failure Count"]),
                "p50": _ms(r["50%"]),
                "p95": _ms(r["95%"]),
                "p99": _ms(r["99%"]),
            }
            for name, r in rows.items()
        },
    }


def _report(runs: list[dict], threads: int = 1) -> str:
    machine = f"{platform.node()}, {psutil.cpu_count()} cores, {round(psutil.virtual_memory().total / 2**30)} GB"
    lines = [
        f"Load benchmark, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {machine}, "
        f"load average at the end {os.getloadavg()[0]:.1f}, gunicorn 2 workers x {threads} thread(s)",
        "",
        "| users | req/s | p50 ms | p95 ms | p99 ms | requests | errors | worker CPU / request "
        "| PostgreSQL CPU / request | Redis CPU / request | locust CPU / request (cores) "
        "| machine CPU / request (rest) | machine load average |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in runs:
        err = 100 * r["failures"] / r["requests"] if r["requests"] else 0
        rest = r["machine_cpu_ms"] - r["worker_cpu_ms"] - r["pg_cpu_ms"] - r["redis_cpu_ms"] - r["locust_cpu_ms"]
        lines.append(
            f"| {r['users']} | {r['rps']:.1f} | {r['p50']:.0f} | {r['p95']:.0f} | {r['p99']:.0f} | {r['requests']} "
            f"| {r['failures']} ({err:.2f}%) | {r['worker_cpu_ms']:.1f} ms | {r['pg_cpu_ms']:.1f} ms "
            f"| {r['redis_cpu_ms']:.2f} ms | {r['locust_cpu_ms']:.1f} ms ({r['locust_cores']:.2f}) "
            f"| {r['machine_cpu_ms']:.1f} ms ({rest:.1f}) | {r['load']} |"
        )
    many, one = runs[0], runs[-1]
    login_many = many["pages"].get("login", {}).get("p50") or 1
    login_one = one["pages"].get("login", {}).get("p50") or 1
    lines += [
        "",
        f"| page (role:page) | requests | p50 ms at {many['users']} | p95 ms | p50 / login p50 "
        f"| p50 ms at 1 | p95 ms at 1 | p50 / login p50 at 1 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name in sorted(many["pages"]):
        a, b = many["pages"][name], one["pages"].get(name, {})
        lines.append(
            f"| {name} | {a['n']} | {a['p50']:.0f} | {a['p95']:.0f} | {a['p50'] / login_many:.1f}x "
            f"| {b.get('p50', float('nan')):.0f} | {b.get('p95', float('nan')):.0f} "
            f"| {(b.get('p50') or 0) / login_one:.1f}x |"
        )
    return "\n".join(lines)


def main() -> None:
    import load_data

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=load_data.DEFAULT_DB)
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--run-time", type=int, default=60, help="seconds of the concurrent run")
    parser.add_argument("--single-run-time", type=int, default=30, help="seconds of the one-user run")
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--max-requests", type=int, default=30000, help="each run stops after this many requests")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--threads", type=int, default=1, help="threads per gunicorn worker (1: sync workers; more: gthread)"
    )
    args = parser.parse_args()

    os.environ.setdefault("LOG_LEVEL", "WARNING")
    db_url = load_data.ensure(args.db)
    OUT.mkdir(parents=True, exist_ok=True)
    plan = OUT / "plan.json"
    load = load_data.load_plan()
    from django.db import connections

    connections.close_all()
    env = _server_env(db_url)
    subprocess.run(  # noqa: S603 - our own manage.py
        [str(PY), "manage.py", "collectstatic", "--noinput", "-v", "0"], env=env, cwd=ROOT, check=True, timeout=300
    )
    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn on loopback
        [
            str(BIN / "gunicorn"),
            "config.wsgi:application",
            *("--workers", "2", "--threads", str(args.threads)),
            *("--bind", f"127.0.0.1:{args.port}"),
        ],
        env=env,
        cwd=ROOT,
        stderr=open(OUT / "gunicorn.log", "w"),  # noqa: SIM115
    )
    try:
        _wait_up(base)
        workers = psutil.Process(server.pid).children()
        print(f"gunicorn up: master {server.pid}, workers {[w.pid for w in workers]}", flush=True)
        logins = _log_in(base, list(load["pages"]))
        load["sessions"] = logins["sessions"]
        plan.write_text(json.dumps(load, ensure_ascii=False), encoding="utf-8")
        print(f"logged in {len(logins['login_s'])} roles, {max(logins['login_s']):.2f} s at most each", flush=True)
        _run_locust(base, plan, args.users, args.warmup, args.max_requests, OUT / "warmup", workers)
        runs = [
            _run_locust(base, plan, args.users, args.run_time, args.max_requests, OUT / "many", workers),
            _run_locust(base, plan, 1, args.single_run_time, args.max_requests, OUT / "one", workers),
        ]
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    report = _report(runs, args.threads)
    (OUT / "report.md").write_text(report + "\n", encoding="utf-8")
    (OUT / "runs.json").write_text(json.dumps(runs, indent=1), encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
