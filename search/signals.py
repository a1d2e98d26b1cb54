"""The net under ``index_later``: sources whose services do not (yet) call it are queued on ``post_save``.

Minutes are indexed explicitly (``meetings.services.minutes`` calls ``search.indexing.index_later`` after
each save and the adoption), so they are not listed here. For the other sources the receivers hold no rule:
they call the same coalescing ``index_later`` (at most one pending re-index per source, no SQL), so a
save that no service announces is still findable after its transaction commits.
"""

from __future__ import annotations

from functools import partial

from django.apps import apps
from django.db.models.signals import post_save

from search.choices import SourceKind
from search.indexers import SOURCES

EXPLICIT = {SourceKind.MINUTES}  # their services call index_later themselves


def _queue(kind: str, sender, instance, raw=False, **kwargs) -> None:
    if raw:  # fixtures
        return
    from search.indexing import index_later

    index_later(instance, kind=kind)


def connect() -> None:
    for kind, source in SOURCES.items():
        if kind in EXPLICIT:
            continue
        post_save.connect(
            partial(_queue, str(kind)), sender=apps.get_model(source.model), weak=False, dispatch_uid=f"search-{kind}"
        )
