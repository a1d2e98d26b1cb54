"""Search over everything the user's pages would show, ranked, with the matches marked.

The query is segmented exactly as the index was (``search.thai.words``); every word must match
the start of an indexed word (a prefix query, so "พาณิช" finds "พาณิชย์"). When no entry
matches that way, any part of a word will do (pg_trgm on PostgreSQL). PostgreSQL ranks with
``ts_rank`` over the stored 'simple' tsvector; SQLite with FTS5's bm25.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, FloatField, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from search import thai
from search.choices import SourceKind
from search.models import SearchEntry

MAX_QUERY = 200  # characters
MAX_WORDS = 8
LIMIT = 20
SNIPPET = 90  # characters each side of the first match
CANDIDATES = 200  # newest matches ranked on PostgreSQL


class SearchError(ValueError):
    """A query that cannot be searched; the message is Thai and shown to the user."""


def query_words(q: str | None) -> list[str]:
    text = (q or "").strip()
    if len(text) > MAX_QUERY:
        raise SearchError(f"คำค้นยาวเกินไป กรุณาพิมพ์ไม่เกิน {MAX_QUERY} ตัวอักษร")
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
    """Two steps: the ``CANDIDATES`` newest matches (by id: the planner walks the primary key backwards
    and stops early for a common word, or uses the GIN index for a rare one), then ``ts_rank`` on those.

    Ranking every match of a common word across 77 provinces costs far more than finding them;
    ranking the newest few hundred keeps a national query fast and still puts the best first.
    """
    tsquery = " & ".join(f"{w}:*" for w in words)
    candidates = (
        qs.filter(RawSQL("vector @@ to_tsquery('simple'::regconfig, %s)", [tsquery], output_field=BooleanField()))
        .order_by("-id")
        .values("id")[:CANDIDATES]
    )
    ranked = qs.filter(id__in=Subquery(candidates)).annotate(
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


def search(user, q: str | None, *, limit: int = LIMIT) -> tuple[list[str], list[Hit]]:
    """The user's best ``limit`` matches for ``q`` (raises ``SearchError`` with a Thai message)."""
    words = query_words(q)
    qs = scoped_entries(user).defer("terms").select_related("province")
    ranked, partial = (_postgres if connection.vendor == "postgresql" else _sqlite)(qs, words)
    entries = list(ranked[:limit])
    if not entries:
        entries = list(partial[:limit])
    return words, [Hit(e, highlight(e.body, words)) for e in entries]
