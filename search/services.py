"""Writes of the search index: one source re-read and re-indexed, or the whole index rebuilt.

The index is derived data (it can always be rebuilt from the sources), so an entry whose source
is gone or no longer findable is removed.
"""

from __future__ import annotations

from django.apps import apps
from django.db import transaction

from search import thai
from search.indexers import MAX_BODY, SOURCES
from search.models import SearchEntry


def _queryset(kind: str):
    source = SOURCES[kind]
    return apps.get_model(source.model).objects.select_related(*source.related)


def _entry_fields(kind: str, obj) -> dict | None:
    data = SOURCES[kind].build(obj)
    if data is None:
        return None
    body = data["body"][:MAX_BODY]
    return {
        **data,
        "title": data["title"][:500],
        "body": body,
        "terms": thai.index_terms(f"{data['title']}\n{body}"),
    }


def reindex(*, kind: str, pk: int) -> SearchEntry | None:
    """Bring one source's entry up to date (create, update or remove it)."""
    obj = _queryset(kind).filter(pk=pk).first()
    fields = _entry_fields(kind, obj) if obj is not None else None
    with transaction.atomic():
        if fields is None:
            SearchEntry.objects.filter(kind=kind, object_id=pk).delete()
            return None
        entry, _ = SearchEntry.objects.update_or_create(kind=kind, object_id=pk, defaults=fields)
    return entry


def rebuild(*, kinds=None, batch: int = 500, progress=None) -> dict[str, int]:
    """Rebuild the index of ``kinds`` (all by default) from the sources; returns entries per kind."""
    counts = {}
    for kind in kinds or SOURCES:
        SearchEntry.objects.filter(kind=kind).delete()
        made = 0
        pending: list[SearchEntry] = []
        for obj in _queryset(kind).order_by("pk").iterator(chunk_size=batch):
            fields = _entry_fields(kind, obj)
            if fields is None:
                continue
            pending.append(SearchEntry(kind=kind, object_id=obj.pk, **fields))
            if len(pending) >= batch:
                SearchEntry.objects.bulk_create(pending)
                made += len(pending)
                pending = []
                if progress:
                    progress(kind, made)
        SearchEntry.objects.bulk_create(pending)
        counts[kind] = made + len(pending)
    return counts
