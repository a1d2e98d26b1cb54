"""Relevance over every match (PostgreSQL ranks all of them, not only the newest), page by page."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from committees.choices import Role
from search import thai
from search.models import SearchEntry
from search.selectors import LIMIT, search_page

WEAK = 250  # more newer weak matches than any "newest N" shortcut would rank
FILLER = " ".join(f"คำที่{i}" for i in range(120))  # keeps the two words far apart in a weak entry


def _fill(world):
    long_ago = timezone.make_aware(dt.datetime(2019, 1, 10))
    text = "การตรวจเรือประมงพาณิชย์และแรงงานบนเรือประมง"
    strong = SearchEntry.objects.create(
        kind="agenda_item", object_id=1, province=world.own, title=text, url="/strong", body=text,
        terms=thai.index_terms(text), happened_at=long_ago,
    )  # fmt: skip
    recent = timezone.now()
    SearchEntry.objects.bulk_create(
        SearchEntry(
            kind="agenda_item",
            object_id=100 + i,
            province=world.own,
            title=f"เรื่องที่ {i}",
            url=f"/weak/{i}",
            body="เรือ ... ประมง",
            terms=f"เรือ {FILLER} ประมง",
            happened_at=recent - dt.timedelta(minutes=i),
        )
        for i in range(WEAK)
    )
    return strong


@pytest.mark.parametrize("role", [Role.VIEWER, Role.NATIONAL])
def test_an_old_strong_match_ranks_above_many_newer_weak_ones(world, client_for, ranking_path, role):
    strong = _fill(world)
    html = client_for(world.users[role]).get("/search/", {"q": "เรือ ประมง"}).content.decode()
    results = html.split('data-testid="search-results"')[1]
    assert results.index('href="/strong"') < results.index('href="/weak/')
    found = search_page(world.users[role], "เรือ ประมง")
    assert found.hits[0].entry == strong
    # the weak ones follow newest first (equal rank)
    assert [h.entry.url for h in found.hits[1:4]] == ["/weak/0", "/weak/1", "/weak/2"]


@pytest.mark.parametrize("role", [Role.VIEWER, Role.NATIONAL])
def test_pages_cover_every_match_once_in_rank_order(world, client_for, ranking_path, role):
    _fill(world)
    user = world.users[role]
    seen, number = [], 1
    while True:
        found = search_page(user, "เรือ ประมง", page=number)
        assert len(found.hits) == LIMIT or not found.has_next
        seen += [h.entry.url for h in found.hits]
        if not found.has_next:
            break
        number += 1
    assert len(seen) == len(set(seen)) == WEAK + 1
    assert seen[0] == "/strong" and seen[1:] == [f"/weak/{i}" for i in range(WEAK)]
    page2 = client_for(user).get("/search/", {"q": "เรือ ประมง", "page": 2}).content.decode()
    assert 'rel="prev"' in page2 and 'rel="next"' in page2 and "รายการที่ 21–40" in page2


@pytest.mark.parametrize("raw", ["0", "-3", "abc", "99999"])
def test_a_bad_page_number_is_clamped(world, client_for, raw):
    _fill(world)
    resp = client_for(world.users[Role.VIEWER]).get("/search/", {"q": "เรือ ประมง", "page": raw})
    assert resp.status_code == 200


def test_the_ranking_vector_is_kept_uncompressed_in_the_row(db):
    with connection.cursor() as cur:
        cur.execute(
            "SELECT attname, attstorage FROM pg_attribute WHERE attrelid = 'search_searchentry'::regclass "
            "AND attname IN ('vector', 'body', 'terms') ORDER BY attname"
        )
        assert cur.fetchall() == [("body", "e"), ("terms", "e"), ("vector", "m")]
