"""Benchmark of the ledger verifier at 100,000 entries (not a test).

Builds, in a scratch PostgreSQL database, one subcommittee of 50 members,
2,000 closed circulated ballots and 100,000 votes (every entry a distinct
record, the worst case for the record check), and a chain of 100,000 entries
over them (hashes computed exactly as ``ledger.services.append`` does; rows
bulk-inserted, which the append-only trigger allows). Then times
``verify_chain()`` (every hash, every link, the tail, and each of the 100,000
votes compared with its entry), and the same after one vote is changed with SQL.

    DATABASE_URL=postgres://ctip:ctip@127.0.0.1:5432/ctip_emeet \\
        .venv/bin/python benchmarks/ledger_benchmark.py [--db ctip_ledger_bench] [--fresh]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from reports_benchmark import _create_database, _scratch_url, _setup  # noqa: E402

BALLOTS = 2000
MEMBERS = 50


def _build() -> None:
    import datetime as dt

    from django.db import transaction
    from django.utils import timezone

    from accounts.models import User
    from committees.models import Member, Province, Subcommittee
    from fundproposals.models import Ballot, Proposal, Vote
    from ledger import canonical
    from ledger.models import GENESIS, Entry, Head
    from ledger.records import KINDS

    if Entry.objects.count() >= BALLOTS * MEMBERS:
        return
    now = timezone.now()
    with transaction.atomic():
        user = User.objects.create(username="bench-ledger")
        province = Province.objects.get(code="11")
        sc = Subcommittee.objects.filter(province=province).first() or Subcommittee.objects.create(
            province=province, name="คณะอนุกรรมการ"
        )
        members = Member.objects.bulk_create(
            [
                Member(subcommittee=sc, full_name=f"อนุกรรมการ {i}", position="ตำแหน่ง", order=i, role="member")
                for i in range(MEMBERS)
            ]
        )
        proposals = Proposal.objects.bulk_create(
            [Proposal(province=province, fiscal_year=2567, title=f"โครงการ {i}", proposer=user) for i in range(BALLOTS)]
        )
        ballots = Ballot.objects.bulk_create(
            [
                Ballot(
                    proposal=p,
                    province=province,
                    mode="circulation",
                    state="closed",
                    opened_by=user,
                    deadline=now - dt.timedelta(days=1),
                    closed_at=now,
                )
                for p in proposals
            ]
        )
        for start in range(0, BALLOTS, 200):
            Vote.objects.bulk_create(
                [
                    Vote(ballot=b, member=m, choice="approve" if (b.pk + m.pk) % 3 else "reject", cast_by=user)
                    for b in ballots[start : start + 200]
                    for m in members
                ]
            )
    spec = KINDS["vote"]
    prev, seq = GENESIS, 0
    ids = list(Vote.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        snaps = spec.snapshots(chunk)
        rows = []
        for pk in chunk:
            seq += 1
            data, province_id = snaps[pk]
            body = canonical.dumps(
                {
                    "seq": seq,
                    "kind": "vote",
                    "id": pk,
                    "province": province_id,
                    "actor": user.pk,
                    "at": now,
                    "data": data,
                }
            )
            digest = canonical.chain_hash(prev, body)
            rows.append(
                Entry(
                    seq=seq,
                    kind="vote",
                    object_id=pk,
                    province_id=province_id,
                    actor_id=user.pk,
                    recorded_at=now,
                    body=body,
                    prev_hash=prev,
                    hash=digest,
                )
            )
            prev = digest
        Entry.objects.bulk_create(rows)
    Head.objects.update_or_create(pk=1, defaults={"seq": seq, "hash": prev})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="ctip_ledger_bench")
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    url = _scratch_url(args.db)
    _create_database(url, args.fresh)
    _setup(url)
    t = time.perf_counter()
    _build()
    print(f"built in {time.perf_counter() - t:.1f} s")

    from django.db import connection

    from ledger import verify

    for run in range(3):
        report = verify.verify_chain()
        print(
            f"run {run + 1}: {report.entries:,} entries, {report.records:,} records, ok={report.ok}, {report.seconds:.2f} s"
        )
    with connection.cursor() as cur:
        cur.execute("SELECT id FROM fundproposals_vote ORDER BY id OFFSET 54321 LIMIT 1")
        (vote_id,) = cur.fetchone()
        cur.execute("UPDATE fundproposals_vote SET choice = 'more_info' WHERE id = %s", [vote_id])
    report = verify.verify_chain()
    print(
        f"after an SQL change of vote {vote_id}: first failing entry {report.first.seq} ({report.first.message}), {report.seconds:.2f} s"
    )
    with connection.cursor() as cur:
        cur.execute("UPDATE fundproposals_vote SET choice = 'approve' WHERE id = %s", [vote_id])
    t = time.perf_counter()
    one = verify.verify_record("vote", vote_id)
    print(f"one record: ok={one.ok}, {time.perf_counter() - t:.3f} s")


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    main()
