"""Keep the index fresh: after a source is saved and its transaction commits, the worker re-indexes it.

The receivers hold no rule: they only queue ``index_source`` with the source's kind and id.
A resolution or minutes change also re-indexes nothing else: each source is its own entry.
"""

from __future__ import annotations

from functools import partial

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_save

from search.indexers import SOURCES


def _queue(kind: str, sender, instance, raw=False, **kwargs) -> None:
    if raw:  # fixtures
        return
    from search.tasks import index_source

    pk = instance.pk
    transaction.on_commit(lambda: index_source.delay(kind, pk))


def connect() -> None:
    for kind, source in SOURCES.items():
        post_save.connect(
            partial(_queue, str(kind)), sender=apps.get_model(source.model), weak=False, dispatch_uid=f"search-{kind}"
        )
