"""Benchmark of Thai search at national scale (not a test).

Fills a scratch PostgreSQL database with as many search entries as the report benchmark's data
gives (77 provinces x 5 fiscal years: 3 meetings of 15 agenda items, each resolved, minutes per
meeting, 30 proposals a province a year: about 47,000 entries), their text composed from Thai
sentences of this domain and segmented by the real indexer (``search.thai.index_terms``). Then
times 200 two-word Thai queries through ``search.selectors.search`` (ranking, scope and
highlighting included) for a national officer and for a provincial viewer, and prints p50/p95.

    DATABASE_URL=postgres://ctip:ctip@127.0.0.1:5432/ctip_data \\
        .venv/bin/python benchmarks/search_benchmark.py [--db ctip_search_bench] [--fresh]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.reports_benchmark import _create_database, _scratch_url, _setup  # noqa: E402

SENTENCES = [
    "ที่ประชุมพิจารณาแล้วมีมติเห็นชอบแผนปฏิบัติการป้องกันและปราบปรามการค้ามนุษย์จังหวัด",
    "ฝ่ายเลขานุการรายงานผลการตรวจแรงงานในเรือประมงพาณิชย์และสถานประกอบการแปรรูปสัตว์น้ำ",
    "สำนักงานแรงงานจังหวัดรายงานการตรวจสถานประกอบการที่มีแรงงานข้ามชาติ",
    "ตำรวจภูธรจังหวัดรายงานการดำเนินคดีค้ามนุษย์และการช่วยเหลือผู้เสียหาย",
    "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดให้การคุ้มครองผู้เสียหายในบ้านพักเด็กและครอบครัว",
    "โครงการอบรมสร้างความตระหนักรู้แก่อาสาสมัครพัฒนาสังคมและความมั่นคงของมนุษย์ผู้นำชุมชนและครู",
    "การประชาสัมพันธ์แอปพลิเคชันแจ้งเหตุการค้ามนุษย์ผ่านสื่อออนไลน์และวิทยุชุมชน",
    "ด่านตรวจคนเข้าเมืองรายงานการคัดกรองกลุ่มเสี่ยงที่เดินทางออกนอกประเทศ",
    "ที่ประชุมรับทราบสถานการณ์การบังคับใช้แรงงานและการขอทานในพื้นที่ท่องเที่ยว",
    "สำนักงานจัดหางานจังหวัดรายงานการนำเข้าแรงงานตามบันทึกความเข้าใจกับประเทศเพื่อนบ้าน",
    "มอบหมายหน่วยงานที่เกี่ยวข้องติดตามการแสวงประโยชน์ทางเพศจากเด็กทางออนไลน์",
    "องค์การบริหารส่วนจังหวัดสนับสนุนงบประมาณการฝึกอาชีพแก่ผู้เสียหาย",
    "การตรวจสอบสถานบริการและสถานบันเทิงร่วมกับฝ่ายปกครองอำเภอ",
    "ขอให้หน่วยงานเสนอโครงการขอรับการสนับสนุนจากกองทุนเพื่อการป้องกันและปราบปรามการค้ามนุษย์",
    "รับรองรายงานการประชุมครั้งที่แล้วโดยไม่มีการแก้ไข",
    "การบริหารจัดการระบบฐานข้อมูลการค้ามนุษย์ของจังหวัดให้เป็นปัจจุบัน",
    "โรงเรียนจัดกิจกรรมให้ความรู้แก่นักเรียนเรื่องการล่อลวงทางสื่อสังคมออนไลน์",
    "สาธารณสุขจังหวัดตรวจสุขภาพและให้การบำบัดฟื้นฟูผู้เสียหาย",
    "ศาลากลางจังหวัดห้องประชุมชั้นสามเป็นสถานที่จัดประชุม",
    "ผู้ว่าราชการจังหวัดเน้นย้ำการบูรณาการระหว่างหน่วยงานภาครัฐและภาคประชาสังคม",
]
QUERIES = [
    "เรือ ประมง", "แรงงาน ข้ามชาติ", "ผู้เสียหาย คุ้มครอง", "อาสาสมัคร อบรม", "ดำเนินคดี ตำรวจ",
    "ขอทาน ท่องเที่ยว", "ฐานข้อมูล ปัจจุบัน", "กองทุน โครงการ", "เด็ก ออนไลน์", "สถานบริการ อำเภอ",
    "ประมง พาณิชย์", "แผนปฏิบัติการ เห็นชอบ", "ฝึกอาชีพ งบประมาณ", "บำบัด ฟื้นฟู", "ด่าน คัดกรอง",
    "การค้ามนุษย์ จังหวัด", "รายงาน ประชุม", "ประชาสัมพันธ์ วิทยุ", "นักเรียน ล่อลวง", "ไม่มีคำนี้ แน่นอน",
]  # fmt: skip
YEARS = range(2564, 2569)


def _generate(fresh_rows: bool) -> int:
    from django.db import connection

    from committees.models import Province
    from search import thai
    from search.models import SearchEntry

    if SearchEntry.objects.exists() and not fresh_rows:
        return SearchEntry.objects.count()
    SearchEntry.objects.all().delete()
    terms_of = {s: thai.index_terms(s) for s in SENTENCES}
    rnd = random.Random(14)

    def text(n):
        picked = rnd.sample(SENTENCES, n)
        body = " ".join(picked)
        terms = " ".join(dict.fromkeys(" ".join(terms_of[s] for s in picked).split()))
        return body, terms

    rows, oid = [], 0
    for p in Province.objects.order_by("code"):
        for _fy in YEARS:
            for m in range(3):
                for _item in range(15):
                    for kind in ("agenda_item", "resolution"):
                        oid += 1
                        body, terms = text(2)
                        rows.append(SearchEntry(kind=kind, object_id=oid, province=p, title=body[:80], url="/",
                                                body=body, terms=terms))  # fmt: skip
                oid += 1
                body, terms = text(12)
                rows.append(SearchEntry(kind="minutes", object_id=oid, province=p, title=f"รายงานการประชุม {m}",
                                        url="/", body=body * 3, terms=terms))  # fmt: skip
            for _ in range(30):
                oid += 1
                body, terms = text(3)
                rows.append(SearchEntry(kind="proposal", object_id=oid, province=p, title=body[:80], url="/",
                                        body=body, terms=terms))  # fmt: skip
            if len(rows) > 5000:
                SearchEntry.objects.bulk_create(rows)
                rows = []
    SearchEntry.objects.bulk_create(rows)
    with connection.cursor() as cur:
        cur.execute("ANALYZE search_searchentry")
    return SearchEntry.objects.count()


def _time(user, label: str) -> None:
    from search.selectors import search

    for q in QUERIES:  # warm (segmenter dictionary, plans)
        search(user, q)
    times, found = [], 0
    for i in range(200):
        q = QUERIES[i % len(QUERIES)]
        t0 = time.perf_counter()
        _, hits = search(user, q)
        times.append((time.perf_counter() - t0) * 1000)
        found += len(hits)
    times.sort()
    p50, p95 = statistics.median(times), times[int(len(times) * 0.95) - 1]
    print(f"[load {os.getloadavg()[0]:.2f}] {label}: 200 two-word queries, p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms, "
          f"avg hits {found / 200:.0f}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="ctip_search_bench")
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    url = _scratch_url(args.db)
    _create_database(url, args.fresh)
    _setup(url)
    print("entries:", _generate(args.fresh))
    from committees.choices import GrantRole
    from committees.models import Province, RoleGrant
    from tests.factories import UserFactory

    national = UserFactory(username=f"bench-n-{time.time_ns()}")
    RoleGrant.objects.create(user=national, role=GrantRole.NATIONAL, province=None)
    viewer = UserFactory(username=f"bench-v-{time.time_ns()}")
    RoleGrant.objects.create(user=viewer, role=GrantRole.VIEWER, province=Province.objects.get(code="11"))
    from search.selectors import rum_ready

    path = "RUM index" if rum_ready() else "GIN + ts_rank (this server has no RUM index)"
    _time(national, f"national officer (77 provinces), {path}")
    _time(viewer, f"provincial viewer (Samut Prakan), {path}")
    _explain(national)
    if rum_ready():
        _relevance(national)
        _without_rum(lambda: (
            _time(national, "national officer (77 provinces), GIN + ts_rank (RUM index dropped)"),
            _time(viewer, "provincial viewer (Samut Prakan), GIN + ts_rank (RUM index dropped)"),
            _explain(national),
        ))  # fmt: skip


def _relevance(user) -> None:
    """The RUM order against ``ts_rank``'s: for each query, how many of the first 20 results are the same
    entries, and how many of RUM's 20 have a ``ts_rank`` at least that of ts_rank's 20th (the rest of the
    difference is only which of many equally ranked entries come first); and whether the page read from
    the index equals a full sort of every match by the same key."""
    from django.db import connection, transaction

    from search import selectors

    name = connection.settings_dict["NAME"]
    print("relevance, national officer: RUM's first 20 against ts_rank's first 20")
    totals = [0, 0, 0, 0]
    for q in QUERIES:
        rum_ids = [h.entry.id for h in selectors.search_page(user, q).hits]
        selectors._rum_ready[name] = False
        try:
            rank_ids = [h.entry.id for h in selectors.search_page(user, q).hits]
        finally:
            selectors._rum_ready[name] = True
        tsquery = " & ".join(f"{w}:*" for w in selectors.query_words(q))
        with connection.cursor() as cur:
            cur.execute(
                "SELECT id, ts_rank(vector, to_tsquery('simple'::regconfig, %s)) FROM search_searchentry "
                "WHERE id = ANY(%s)",
                [tsquery, rum_ids + rank_ids],
            )
            rank = dict(cur.fetchall())
        # the index's order against a full sort of every match by the same key (no index scan)
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("SET LOCAL enable_indexscan = off")
            cur.execute(
                "SELECT id FROM search_searchentry WHERE vector @@ to_tsquery('simple'::regconfig, %s) "
                "ORDER BY vector <=> to_tsquery('simple'::regconfig, %s), happened_at DESC, id DESC LIMIT 20",
                [tsquery, tsquery],
            )
            sorted_ids = [r[0] for r in cur.fetchall()]
        floor = min((rank[i] for i in rank_ids), default=0)
        same = len(set(rum_ids) & set(rank_ids))
        as_good = sum(1 for i in rum_ids if rank.get(i, 0) >= floor)
        totals = [totals[0] + same, totals[1] + as_good, totals[2] + len(rank_ids), totals[3] + (sorted_ids == rum_ids)]
        print(f"  {q}: same entries {same}/{len(rank_ids)}, ts_rank as good as ts_rank's 20th {as_good}/{len(rum_ids)}, "
              f"index order = full sort: {sorted_ids == rum_ids}")  # fmt: skip
    print(f"relevance over {len(QUERIES)} queries: same entries {totals[0]}/{totals[2]}, "
          f"as good by ts_rank {totals[1]}/{totals[2]}; the index's page equals a full sort in {totals[3]} of {len(QUERIES)}")  # fmt: skip


def _without_rum(run) -> None:
    """Run ``run`` as on a PostgreSQL without the rum extension: the RUM index dropped inside a transaction
    that is rolled back afterwards, and the selector's once-per-process lookup done again."""
    from django.db import connection, transaction

    from search import selectors

    class _Undo(Exception):
        pass

    saved = dict(selectors._rum_ready)
    try:
        with transaction.atomic():
            with connection.cursor() as cur:
                cur.execute(f"DROP INDEX {selectors.RUM_INDEX}")
            selectors._rum_ready.clear()
            run()
            raise _Undo
    except _Undo:
        pass
    finally:
        selectors._rum_ready.clear()
        selectors._rum_ready.update(saved)


def _explain(user) -> None:
    """EXPLAIN ANALYZE of the ranking query (the ids of page 1) of every benchmark query: execution times
    are less sensitive to the machine's other load than wall times; the plan of the slowest is printed."""
    from django.db import connection

    from search.selectors import LIMIT, _postgres, query_words, rum_ready, scoped_entries

    print("load average:", " ".join(f"{x:.2f}" for x in os.getloadavg()),
          "| ranking:", "RUM index" if rum_ready() else "GIN + ts_rank")  # fmt: skip
    plans = []
    for q in QUERIES:
        ranking = _postgres(scoped_entries(user), query_words(q), whole=user.access.is_national)
        if ranking.rum_sql:
            sql, params = ranking.rum_sql[0], [*ranking.rum_sql[1], 0, LIMIT + 1]
        else:
            sql, params = ranking.ordered.values_list("id", flat=True)[: LIMIT + 1].query.sql_with_params()
        with connection.cursor() as cur:
            cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            plan = [r[0] for r in cur.fetchall()]
        matches = ranking.matches.count()
        ms = float(plan[-1].split(":")[1].split()[0])
        plans.append((ms, q, matches, plan))
        print(f"  {q}: {matches} matches ranked, execution {ms:.1f} ms")
    times = sorted(p[0] for p in plans)
    print(f"ranking query execution over {len(times)} queries: median {statistics.median(times):.1f} ms, "
          f"max {times[-1]:.1f} ms")  # fmt: skip
    slowest = max(plans)
    print(f"plan of the slowest ({slowest[1]}):")
    print("\n".join(slowest[3]))


if __name__ == "__main__":
    main()
