"""Search over everything the user's pages would show, ranked, with the matches marked.

The query is segmented exactly as the index was (``search.thai.words``); every word must match
the start of an indexed word (a prefix query, so "พาณิช" finds "พาณิชย์"). When no entry
matches that way, any part of a word will do (pg_trgm on PostgreSQL). PostgreSQL ranks every match
with ``ts_rank`` over the stored 'simple' tsvector (kept uncompressed in the row, migration 0003, so
ranking a common word's thousands of matches stays cheap); SQLite with FTS5's bm25.

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


def _postgres(qs: QuerySet, words: list[str]) -> tuple[QuerySet, QuerySet]:
    """Every match (GIN index on the stored vector), ranked by ``ts_rank``; ties newest first."""
    tsquery = " & ".join(f"{w}:*" for w in words)
    ranked = qs.filter(
        RawSQL("vector @@ to_tsquery('simple'::regconfig, %s)", [tsquery], output_field=BooleanField())
    ).annotate(
        rank=RawSQL("ts_rank(vector, to_tsquery('simple'::regconfig, %s))", [tsquery], output_field=FloatField())
    )
    return ranked.order_by("-rank", "-happened_at", "-id"), _partial(qs, words)


def _sqlite(qs: QuerySet, words: list[str]) -> tuple[QuerySet, QuerySet]:
    match = " AND ".join(f'"{w}"*' for w in words)
    ranked = qs.filter(id__in=RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [match])).annotate(
        rank=RawSQL(
            "(SELECT -bm25(search_fts) FROM search_fts WHERE search_fts MATCH %s AND rowid = search_searchentry.id)",
            [match],
            output_field=FloatField(),
        )
    )
    return ranked.order_by("-rank", "-happened_at", "-id"), _partial(qs, words)


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
    ranked, partial = (_postgres if connection.vendor == "postgresql" else _sqlite)(scoped_entries(user), words)
    offset = (page - 1) * limit
    ids = _page_ids(ranked, offset, limit)
    if not ids and (page == 1 or not ranked.exists()):
        ids = _page_ids(partial, offset, limit)
    rows = SearchEntry.objects.defer("terms").select_related("province").in_bulk(ids[:limit])
    hits = [Hit(rows[i], highlight(rows[i].body, words)) for i in ids[:limit] if i in rows]
    return Page(words, hits, page, len(ids) > limit, limit)


def search(user, q: str | None, *, limit: int = LIMIT) -> tuple[list[str], list[Hit]]:
    """The user's best ``limit`` matches for ``q`` (raises ``SearchError`` with a Thai message)."""
    found = search_page(user, q, limit=limit)
    return found.words, found.hits
