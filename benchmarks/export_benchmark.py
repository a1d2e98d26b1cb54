"""Benchmark of the CSV and Excel exports at 100,000 rows (not a test).

Generates, in a scratch PostgreSQL database, 100,000 fund proposals (each with a pillar and a
budget line), then, in a fresh forked process each, streams the national proposals export as
CSV and as XLSX through the real view and prints the time, the bytes and the process's memory:
its resident size before the export and its peak during it (max RSS).

    DATABASE_URL=postgres://ctip:ctip@127.0.0.1:5432/ctip_data \\
        .venv/bin/python benchmarks/export_benchmark.py [--db ctip_export_bench] [--fresh] [--rows 100000]
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.reports_benchmark import _create_database, _scratch_url, _setup  # noqa: E402


def _generate(rows: int):
    from committees.choices import GrantRole
    from committees.models import Province, RoleGrant
    from core.pillars import Pillar
    from fundproposals.choices import ProposalState
    from fundproposals.models import BudgetLine, Proposal, ProposalPillar
    from tests.factories import UserFactory

    user = UserFactory(username=f"bench-national-{time.time_ns()}")
    RoleGrant.objects.create(user=user, role=GrantRole.NATIONAL, province=None)
    have = Proposal.objects.filter(code__startswith="BENCH/").count()
    provinces = list(Province.objects.order_by("code"))
    pillars = list(Pillar.values)
    batch = 5000
    for start in range(have, rows, batch):
        objs = [
            Proposal(
                province=provinces[i % len(provinces)],
                fiscal_year=2567,
                proposer=user,
                code=f"BENCH/{i:06d}",
                state=ProposalState.SUBMITTED,
                title=f"โครงการป้องกันการค้ามนุษย์และคุ้มครองผู้เสียหาย ลำดับที่ {i}",
                organisation="เครือข่ายอาสาสมัครพัฒนาสังคมและความมั่นคงของมนุษย์ (อพม.)",
                requested_amount=Decimal("150000.00"),
                total_budget=Decimal("170000.00"),
                cofunding_amount=Decimal("20000.00"),
            )
            for i in range(start, min(start + batch, rows))
        ]
        Proposal.objects.bulk_create(objs)
        ProposalPillar.objects.bulk_create([ProposalPillar(proposal=p, pillar=pillars[p.pk % 4]) for p in objs if p.pk])
        BudgetLine.objects.bulk_create(
            [BudgetLine(proposal=p, order=1, item="ค่าอาหารและอาหารว่าง", amount=Decimal("150000.00")) for p in objs]
        )
    return user


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _child(user_pk: int, fmt: str, out) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connections
    from django.test import RequestFactory

    from exports.views import download

    connections.close_all()
    user = get_user_model().objects.get(pk=user_pk)
    request = RequestFactory().get(f"/exports/proposals.{fmt}")
    request.user = user
    before = _rss_mb()
    t0 = time.perf_counter()
    response = download(request, kind="proposals", fmt=fmt)
    size = 0
    for block in response.streaming_content:
        size += len(block)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.put({"fmt": fmt, "seconds": round(seconds, 1), "mb": round(size / 1e6, 1), "rss_before_mb": round(before),
             "peak_rss_mb": round(peak), "growth_mb": round(peak - before)})  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="ctip_export_bench")
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    url = _scratch_url(args.db)
    _create_database(url, args.fresh)
    _setup(url)
    user = _generate(args.rows)
    from fundproposals.models import Proposal

    print("proposals in the database:", Proposal.objects.count())
    from django.db import connections

    connections.close_all()
    ctx = multiprocessing.get_context("fork")
    for fmt in ("csv", "xlsx"):
        out = ctx.Queue()
        proc = ctx.Process(target=_child, args=(user.pk, fmt, out))
        proc.start()
        print(out.get())
        proc.join()


if __name__ == "__main__":
    main()
