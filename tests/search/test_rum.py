"""The RUM index: built by the migration where the server has the extension, found once per process, and
search still works (GIN + ts_rank) on a PostgreSQL without it."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from committees.choices import Role
from search import selectors
from search.selectors import search_page
from tests.search.test_ranking import WEAK, _fill


def test_the_migration_builds_the_rum_index(db):
    with connection.cursor() as cur:
        cur.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [selectors.RUM_INDEX])
        (definition,) = cur.fetchone()
    assert "USING rum (vector)" in definition  # rum_tsvector_ops, the default class: positions kept
    assert selectors.rum_ready()


def test_the_national_page_comes_from_the_rum_index_in_one_query(world):
    strong = _fill(world)
    user = world.users[Role.NATIONAL]
    search_page(user, "เรือ ประมง")  # the user's access and the RUM check are loaded once
    with CaptureQueriesContext(connection) as queries:
        found = search_page(user, "เรือ ประมง")
    ranking = [q["sql"] for q in queries if "@@" in q["sql"]]
    assert len(ranking) == 1 and "<=>" in ranking[0] and "ts_rank" not in ranking[0]
    assert found.hits[0].entry == strong and found.has_next


def test_without_the_rum_index_search_ranks_with_ts_rank(world, monkeypatch):
    strong = _fill(world)
    monkeypatch.setattr(selectors, "_rum_ready", {})  # a fresh process
    with connection.cursor() as cur:
        cur.execute(f"DROP INDEX {selectors.RUM_INDEX}")  # undone with the test's transaction
    user = world.users[Role.NATIONAL]
    with CaptureQueriesContext(connection) as queries:
        first = search_page(user, "เรือ ประมง")
    assert selectors.rum_ready() is False
    ranking = [q["sql"] for q in queries if "@@" in q["sql"]]
    assert len(ranking) == 1 and "ts_rank" in ranking[0] and "<=>" not in ranking[0]
    assert sum("to_regclass" in q["sql"] for q in queries) == 1
    with CaptureQueriesContext(connection) as queries:
        seen, number, found = [], 1, first
        while True:
            seen += [h.entry.url for h in found.hits]
            if not found.has_next:
                break
            number += 1
            found = search_page(user, "เรือ ประมง", page=number)
    assert not any("to_regclass" in q["sql"] for q in queries)  # looked up once
    assert first.hits[0].entry == strong
    assert seen == ["/strong"] + [f"/weak/{i}" for i in range(WEAK)]
