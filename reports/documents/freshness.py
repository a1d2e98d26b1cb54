"""A document's fingerprint without its aggregates on every request (issue #12).

A fingerprint (``base.fingerprint``) digests, for each queryset a document reads, its row count and
latest change: 14 aggregate queries for the annual report, on every request for it, though the data
rarely changes between two requests. Here each model a document reads has a *data version* in the
cache, a random token replaced whenever a row of that model is saved or deleted (``post_save``,
``post_delete``), both at once and again when the transaction commits. A computed fingerprint is
kept under a key made of the document's identity and the versions of the models it reads, so it is
computed again only after one of them changed; between changes a request costs two cache reads.

Why it stays right:
- the versions are read before the fingerprint is computed, and a writer replaces them after its
  commit, so a fingerprint computed from data a transaction was still changing is kept under
  versions that are already stale;
- writes that send no signal (``QuerySet.update``, ``bulk_create``) call ``touch()`` themselves,
  and a kept fingerprint lives at most ``REPORTS_FINGERPRINT_TTL`` seconds (then it is recomputed
  from the data: unchanged data gives the same digest, so duplicates still coalesce);
- a model not in ``WATCHED`` is never cached (the fingerprint is computed as before), and a test
  checks that every document reads watched models only;
- with the cache down, every request computes the fingerprint, as before.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable, Iterable
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import connections, transaction
from django.db.models.signals import post_delete, post_save

logger = logging.getLogger(__name__)


def _warn(exc: Exception) -> None:
    logger.warning("report fingerprints computed without the cache: %s", exc)


# Every model a document's fingerprint reads (``*_querysets`` of the apps, via reports.documents).
WATCHED = frozenset(
    {
        "actionplans.ActionPlan",
        "actionplans.Activity",
        "actionplans.Progress",
        "actionplans.SituationReport",
        "actionplans.VictimsByNationality",
        "committees.Member",
        "committees.RiskGroupAssignment",
        "committees.Subcommittee",
        "emeetings.Recording",
        "emeetings.Setup",
        "emeetings.TrafficEvent",
        "fundproposals.Activity",
        "fundproposals.Attachment",
        "fundproposals.BudgetLine",
        "fundproposals.Proposal",
        "fundproposals.ProposalPillar",
        "meetings.AgendaItem",
        "meetings.AgendaPaper",
        "meetings.Attendance",
        "meetings.ConflictOfInterest",  # the recusals in the minutes' text (meetings.selectors.minutes_text_frame)
        "meetings.Meeting",
        "meetings.Minutes",
        "meetings.Resolution",
    }
)


def _key(label: str) -> str:
    return f"reports:data:{label}"


def _label(model) -> str:
    return model if isinstance(model, str) else model._meta.concrete_model._meta.label


def touch(*models) -> None:
    """A new data version for each of ``models`` (model classes or labels): the fingerprints built on
    the old one are no longer used. Called by the signals below, and by writes that send none."""
    try:
        cache.set_many({_key(_label(m)): secrets.token_hex(8) for m in models}, timeout=None)
    except Exception as exc:  # the configured backend already survives a lost Redis; any other too
        _warn(exc)


def _changed(sender, using=None, **kwargs) -> None:
    label = _label(sender)
    if label not in WATCHED:
        return
    touch(label)
    if using and connections[using].in_atomic_block:
        transaction.on_commit(partial(touch, label), using=using)


def changed(model, using: str = "default") -> None:
    """What a save's signal does, for a write that sends none (``QuerySet.update``): a new data version of
    ``model`` now and again when the transaction commits."""
    _changed(model, using=using)


def connect() -> None:
    """Listen to every model's writes (``ReportsConfig.ready``); only the watched ones cost a cache write."""
    post_save.connect(_changed, dispatch_uid="reports.freshness.save")
    post_delete.connect(_changed, dispatch_uid="reports.freshness.delete")


def versions(labels: Iterable[str]) -> dict[str, str] | None:
    """``{label: data version}``, creating the missing ones; None when the cache does not answer."""
    keys = {_key(label): label for label in labels}
    try:
        found = cache.get_many(list(keys))
        if len(found) < len(keys):
            for key in keys.keys() - found.keys():
                cache.add(key, secrets.token_hex(8), timeout=None)  # two first readers agree on one
            found.update(cache.get_many([k for k in keys if k not in found]))
    except Exception as exc:
        _warn(exc)
        return None
    if len(found) < len(keys):
        return None
    return {keys[k]: v for k, v in found.items()}


def remembered(identity: tuple, models: Iterable[str], compute: Callable[[], str]) -> str:
    """``compute()``'s fingerprint for ``identity``, kept until a model in ``models`` changes."""
    models = sorted(set(models))
    if not set(models) <= WATCHED:
        return compute()
    current = versions(models)
    if current is None:
        return compute()
    key = "reports:fingerprint:" + hashlib.sha256(repr((identity, sorted(current.items()))).encode()).hexdigest()
    try:
        found = cache.get(key)
    except Exception as exc:
        _warn(exc)
        return compute()
    if isinstance(found, str):
        return found
    value = compute()
    try:
        cache.set(key, value, getattr(settings, "REPORTS_FINGERPRINT_TTL", 300))
    except Exception as exc:
        _warn(exc)
    return value
