"""What every document shares: what it is about, its fingerprint, and the registry."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import QuerySet

# Bump when a template or a document's data changes shape: old files are not reused.
DOCUMENT_VERSION = "2026-11-28.2"


class DocumentUnavailable(Exception):
    """The data this document is built from does not exist in this installation yet (Thai message)."""


@dataclass(frozen=True)
class Target:
    """What one report is about: a kind and either an object or a province and fiscal year."""

    kind: str
    province: Any = None  # committees.Province, None for the national summary
    fiscal_year: int | None = None
    object_id: int | None = None
    obj: Any = None  # the meeting / proposal / plan, when the kind is about one


# The models each document identity's querysets read, learnt on its first fingerprint in this process
# (``lazy_fingerprint``): a repeated request names them without building the querysets.
_MODELS_READ: dict[tuple, tuple[tuple[str, ...], int, int]] = {}
_MODELS_READ_MAX = 2048


class _ShapeChanged(Exception):
    """The querysets built for a document no longer read the models remembered for it."""


def _shape(querysets: tuple[QuerySet, ...], contents: tuple[QuerySet, ...]) -> tuple[tuple[str, ...], int, int]:
    labels = tuple(qs.model._meta.concrete_model._meta.label for qs in (*querysets, *contents))
    return labels, len(querysets), len(contents)


def lazy_fingerprint(*parts: Any, build: Callable[[], tuple[tuple[QuerySet, ...], tuple[QuerySet, ...]]]) -> str:
    """``fingerprint(*parts, querysets=..., contents=...)`` with ``build()`` giving ``(querysets, contents)``,
    called only when the digest must be computed (issue #12: building the annual report's 14 querysets only
    to name their models was most of a repeated request's CPU).

    The models read are learnt from the first ``build()`` for these ``parts`` in this process; should a
    later build read other models (a document whose querysets depend on its data), the digest is not
    kept and the models are learnt again: the result is always what ``fingerprint`` would give.
    """
    from reports.documents import freshness

    identity = (DOCUMENT_VERSION, parts)
    shape = _MODELS_READ.get(identity)
    if shape is None:
        querysets, contents = build()
        if len(_MODELS_READ) >= _MODELS_READ_MAX:
            _MODELS_READ.clear()
        _MODELS_READ[identity] = _shape(querysets, contents)
        return fingerprint(*parts, querysets=querysets, contents=contents)
    labels, n_querysets, n_contents = shape

    def compute() -> str:
        querysets, contents = build()
        if _shape(querysets, contents) != shape:
            raise _ShapeChanged
        return _digest(parts, querysets, contents)

    try:
        return freshness.remembered((DOCUMENT_VERSION, parts, n_querysets, n_contents), labels, compute)
    except _ShapeChanged:
        _MODELS_READ.pop(identity, None)
        return lazy_fingerprint(*parts, build=build)


def fingerprint(*parts: Any, querysets: tuple[QuerySet, ...] = (), contents: tuple[QuerySet, ...] = ()) -> str:
    """A cheap digest of what a document reads: for each queryset its row count and latest change.

    ``parts`` name the document (kind and ids): with the data versions of the models read, they key
    the digest kept in the cache (``freshness``), so it is computed only after those models changed;
    then all the aggregates are read in one query, whatever the number of rows; any insert, update
    (``updated_at``) or delete changes the digest.
    """
    from reports.documents import freshness

    models = [qs.model for qs in (*querysets, *contents)]
    return freshness.remembered(
        (DOCUMENT_VERSION, parts, len(querysets), len(contents)),
        [m._meta.concrete_model._meta.label for m in models],
        lambda: _digest(parts, querysets, contents),
    )


def _latest_field(model) -> str:
    return "updated_at" if any(f.name == "updated_at" for f in model._meta.get_fields()) else model._meta.pk.name


def _aggregates(querysets: tuple[QuerySet, ...]) -> list[tuple[int, Any]]:
    """``[(row count, latest updated_at or pk)]`` for each queryset, in one query of one row: each
    aggregate is a one-row subquery over Django's own compiled query, the subqueries cross-joined."""
    selects, params = [], []
    for i, qs in enumerate(querysets):
        field = _latest_field(qs.model)
        column = qs.model._meta.get_field(field).column
        sql, p = qs.order_by().values_list(field, flat=True).query.sql_with_params()
        # ``sql`` is Django's own compiled query; the values travel as parameters
        selects.append(f'(SELECT COUNT(*) AS n{i}, MAX(u."{column}") AS m{i} FROM ({sql}) u) a{i}')  # noqa: S608
        params.extend(p)
    with connections[querysets[0].db].cursor() as cur:
        cur.execute("SELECT * FROM " + " CROSS JOIN ".join(selects), params)  # noqa: S608
        row = cur.fetchone()
    return [(row[2 * i], row[2 * i + 1]) for i in range(len(querysets))]


def _digest(parts: tuple, querysets: tuple[QuerySet, ...], contents: tuple[QuerySet, ...]) -> str:
    digest = hashlib.sha256(DOCUMENT_VERSION.encode())
    for part in parts:
        digest.update(repr(part).encode())
    if querysets:
        for qs, (n, m) in zip(querysets, _aggregates(querysets), strict=True):
            digest.update(f"{qs.model._meta.label}:{n}:{m}".encode())
    # Small sets of rows with no ``updated_at`` (a proposal's budget lines): their values themselves.
    for qs in contents:
        for row in qs.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()
