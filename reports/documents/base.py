"""What every document shares: what it is about, its fingerprint, and the registry."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, QuerySet

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


def fingerprint(*parts: Any, querysets: tuple[QuerySet, ...] = (), contents: tuple[QuerySet, ...] = ()) -> str:
    """A cheap digest of what a document reads: for each queryset its row count and latest change.

    One aggregate query per queryset, whatever the number of rows; any insert,
    update (``updated_at``) or delete changes the digest.
    """
    digest = hashlib.sha256(DOCUMENT_VERSION.encode())
    for part in parts:
        digest.update(repr(part).encode())
    for qs in querysets:
        model = qs.model
        has_updated = any(f.name == "updated_at" for f in model._meta.get_fields())
        agg = qs.order_by().aggregate(n=Count("pk"), m=Max("updated_at") if has_updated else Max("pk"))
        digest.update(f"{model._meta.label}:{agg['n']}:{agg['m']}".encode())
    # Small sets of rows with no ``updated_at`` (a proposal's budget lines): their values themselves.
    for qs in contents:
        for row in qs.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()
