"""Search over everything the user's pages would show, ranked, with the matches marked.

The query is segmented exactly as the index was (``search.thai.words``); every word must match
the start of an indexed word (a prefix query, so "พาณิช" finds "พาณิชย์"). When no entry
matches that way, any part of a word will do (pg_trgm on PostgreSQL). Every match is a candidate;
ties are broken newest first.

PostgreSQL ranks over the stored 'simple' tsvector in one of two ways:

- with the RUM index (``rum`` extension, migration 0004), by RUM's distance ``vector <=> query``: the
  index keeps each word's positions, so for the whole country the best 20 come straight out of the index
  without reading every match's vector from the table (a word in a third of all entries used to mean
  reading a third of the table); a scoped user's few matches are sorted by the same distance;
- without it (a server without the extension, found once per process), with ``ts_rank`` over the vector
  kept uncompressed in the row (migration 0003).

Both weigh how close the query's words stand; for one-position words their orders agree (the benchmark's
relevance section compares them). SQLite ranks with FTS5's bm25.

A page is found in two steps: the ids of the page in relevance order (one narrow query: only the id and
the rank of each match are read), then the page's rows themselves, whose text is cut to a highlighted
excerpt in Python for those rows only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, FloatField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from search import thai
from search.choices import SourceKind
from search.models import SearchEntry

MAX_QUERY = 200  # characters
MAX_WORDS = 8
LIMIT = 20  # results a page
MAX_PAGE = 50  # deeper pages are refused: refine the words instead
SNIPPET = 90  # characters each side of the first match


class SearchError(ValueError):
    """A query that cannot be searched; the message is Thai and shown to the user."""


def query_words(q: str | None) -> list[str]:
    text = (q or "").strip()
    if len(text) > MAX_QUERY:
        raise SearchError(_("คำค้นยาวเกินไป กรุณาพิมพ์ไม่เกิน %(n)s ตัวอักษร") % {"n": MAX_QUERY})
    words = list(dict.fromkeys(thai.words(text)))[:MAX_WORDS]
    if not words:
        raise SearchError(_("กรุณาพิมพ์คำที่ต้องการค้นหาเป็นตัวอักษรหรือตัวเลข"))
    return words


def scoped_entries(user) -> QuerySet[SearchEntry]:
    """Entries of the provinces the user may read, and the proposals they own."""
    access = user.access
    qs = SearchEntry.objects.all()
    if access.is_national:
        return qs
    ids = access.readable_province_ids() or set()
    return qs.filter(Q(province_id__in=ids) | Q(kind=SourceKind.PROPOSAL, proposer=user))


def _partial(qs: QuerySet, words: list[str]) -> QuerySet:
    """Any part of a word (LIKE '%w%', served by the pg_trgm GIN index); words under 3 letters are left out."""
    usable = [w for w in words if len(w) >= 3]
    if not usable:
        return qs.none()
    for w in usable:
        qs = qs.filter(terms__contains=w)
    return qs.order_by("-happened_at", "-id")


RUM_INDEX = "search_vector_rum"  # search/migrations/0004_rum_index.py
_rum_ready: dict[str, bool] = {}  # database name -> has the RUM index (looked up once per process)


def rum_ready() -> bool:
    """Whether this database has the RUM index (the ``rum`` extension was there when it migrated)."""
    name = connection.settings_dict["NAME"]
    if name not in _rum_ready:
        with connection.cursor() as cur:
            cur.execute("SELECT to_regclass(%s) IS NOT NULL", [RUM_INDEX])
            _rum_ready[name] = cur.fetchone()[0]
    return _rum_ready[name]


@dataclass(frozen=True)
class Ranking:
    """How one query's matches are found and put in order: ``page_ids`` gives a page's ids in rank order,
    ``matches`` every match (unordered), ``partial`` the any-part-of-a-word fallback."""

    matches: QuerySet
    ordered: QuerySet | None
    partial: QuerySet
    rum_sql: tuple[str, list] | None = None

    def page_ids(self, offset: int, limit: int) -> list[int]:
        if self.rum_sql is None:
            return _page_ids(self.ordered, offset, limit)
        sql, params = self.rum_sql
        with connection.cursor() as cur:
            cur.execute(sql, [*params, offset, limit + 1])
            return [row[0] for row in cur.fetchall()]


# Every match in the order of the RUM index (best first), straight from the index; ties (equal distance)
# newest first. The inner LIMIT only lets PostgreSQL stop reading after the page's last tie: it is larger
# than any number of entries, so every match stays a candidate.
_RUM_PAGE = (
    "SELECT id FROM (SELECT id, happened_at, vector <=> to_tsquery('simple'::regconfig, %s) AS distance "
    "FROM search_searchentry WHERE vector @@ to_tsquery('simple'::regconfig, %s) "
    "ORDER BY vector <=> to_tsquery('simple'::regconfig, %s) LIMIT 2147483647) AS best "
    "ORDER BY distance, happened_at DESC, id DESC OFFSET %s LIMIT %s"
)


def _postgres(qs: QuerySet, words: list[str], *, whole: bool) -> Ranking:
    """Every match (GIN or RUM index on the stored vector), best first; ties newest first.

    With the RUM index the order is RUM's distance (``<=>``, smaller is better; like ``ts_rank`` it weighs
    how close the words stand). For the whole country (``whole``: no scope to filter by) the page comes
    straight out of the index in that order; a scoped user's rows (a province's: few) are matched one by one
    and sorted by the same distance, computed from the stored vector. Without RUM, every match's ``ts_rank`` is computed and
    sorted.
    """
    tsquery = " & ".join(f"{w}:*" for w in words)
    matches = qs.filter(RawSQL("vector @@ to_tsquery('simple'::regconfig, %s)", [tsquery], output_field=BooleanField()))
    if rum_ready():
        if whole:
            return Ranking(matches, None, _partial(qs, words), (_RUM_PAGE, [tsquery] * 3))
        # The scope's rows (a province's few hundred) tested one by one: ``ts_match_vq`` is ``@@`` that no
        # index answers, because PostgreSQL would otherwise AND the scope with a bitmap of every match in the
        # country from the RUM index (its entries, with positions, are slow to read: 40 ms for a common word).
        matches = qs.filter(
            RawSQL("ts_match_vq(vector, to_tsquery('simple'::regconfig, %s))", [tsquery], output_field=BooleanField())
        )
        distance = RawSQL("vector <=> to_tsquery('simple'::regconfig, %s)", [tsquery], output_field=FloatField())
        ordered = matches.annotate(distance=distance).order_by("distance", "-happened_at", "-id")
        return Ranking(matches, ordered, _partial(qs, words))
    rank = RawSQL("ts_rank(vector, to_tsquery('simple'::regconfig, %s))", [tsquery], output_field=FloatField())
    ordered = matches.annotate(rank=rank).order_by("-rank", "-happened_at", "-id")
    return Ranking(matches, ordered, _partial(qs, words))


def _sqlite(qs: QuerySet, words: list[str]) -> Ranking:
    match = " AND ".join(f'"{w}"*' for w in words)
    matches = qs.filter(id__in=RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [match]))
    ranked = matches.annotate(
        rank=RawSQL(
            "(SELECT -bm25(search_fts) FROM search_fts WHERE search_fts MATCH %s AND rowid = search_searchentry.id)",
            [match],
            output_field=FloatField(),
        )
    )
    return Ranking(matches, ranked.order_by("-rank", "-happened_at", "-id"), _partial(qs, words))


@dataclass(frozen=True)
class Hit:
    entry: SearchEntry
    snippet: SafeString

    @property
    def kind_label(self) -> str:
        return self.entry.get_kind_display()


def highlight(text: str, words: list[str], *, width: int = SNIPPET) -> SafeString:
    """A short excerpt around the first match, every match wrapped in <mark> (the rest escaped)."""
    text = " ".join((text or "").split())
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE)
    first = pattern.search(text)
    start = max((first.start() if first else 0) - width, 0)
    piece = text[start : start + 2 * width + (len(first.group()) if first else 0)]
    out, pos = [], 0
    for m in pattern.finditer(piece):
        out.append(escape(piece[pos : m.start()]))
        out.append(f"<mark>{escape(m.group())}</mark>")
        pos = m.end()
    out.append(escape(piece[pos:]))
    prefix = "… " if start else ""
    suffix = " …" if start + len(piece) < len(text) else ""
    return mark_safe(prefix + "".join(out) + suffix)  # noqa: S308 - every piece is escaped above


@dataclass(frozen=True)
class Page:
    """One page of results: the query's words, the hits in rank order, where the page starts, whether more follow."""

    words: list[str]
    hits: list[Hit]
    number: int
    has_next: bool
    size: int = LIMIT

    @property
    def first(self) -> int:
        return (self.number - 1) * self.size + 1 if self.hits else 0

    @property
    def last(self) -> int:
        return self.first + len(self.hits) - 1 if self.hits else 0


def page_number(raw) -> int:
    try:
        return min(max(int(raw), 1), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def _page_ids(qs: QuerySet, offset: int, limit: int) -> list[int]:
    return list(qs.values_list("id", flat=True)[offset : offset + limit + 1])


def search_page(user, q: str | None, *, page: int = 1, limit: int = LIMIT) -> Page:
    """Page ``page`` of the user's matches for ``q`` in relevance order (raises ``SearchError`` in Thai)."""
    words = query_words(q)
    scoped = scoped_entries(user)
    if connection.vendor == "postgresql":
        ranking = _postgres(scoped, words, whole=user.access.is_national)
    else:
        ranking = _sqlite(scoped, words)
    offset = (page - 1) * limit
    ids = ranking.page_ids(offset, limit)
    if not ids and (page == 1 or not ranking.matches.exists()):
        ids = _page_ids(ranking.partial, offset, limit)
    rows = SearchEntry.objects.defer("terms").select_related("province").in_bulk(ids[:limit])
    hits = [Hit(rows[i], highlight(rows[i].body, words)) for i in ids[:limit] if i in rows]
    return Page(words, hits, page, len(ids) > limit, limit)


def search(user, q: str | None, *, limit: int = LIMIT) -> tuple[list[str], list[Hit]]:
    """The user's best ``limit`` matches for ``q`` (raises ``SearchError`` with a Thai message)."""
    found = search_page(user, q, limit=limit)
    return found.words, found.hits
