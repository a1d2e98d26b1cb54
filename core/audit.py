"""The one way to write an audit record (services call it inside their transaction)."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from core.models import AuditEvent


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time, Decimal)):
        return str(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v) for v in value]
    return value


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The named fields' values, ready to store as JSON."""
    return {f: _plain(getattr(obj, f)) for f in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [before, after]}`` for the fields that changed (all of ``after`` when new)."""
    keys = list(dict.fromkeys([*before, *after]))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def record(
    *,
    actor,
    action: str,
    target: models.Model,
    province=None,
    changes: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEvent:
    """Store who did ``action`` to ``target``; ``changes`` maps field to [before, after].

    Inside ``batch()`` the event is stored with the block's others when it ends (and returned unsaved).
    """
    event = AuditEvent(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        target_id=str(target.pk),
        target_repr=str(target)[:255],
        province=province,
        changes={k: _plain(v) for k, v in (changes or {}).items()},
        reason=reason,
    )
    pending = _pending.get()
    if pending is None:
        event.save(force_insert=True)
    else:
        pending.append(event)
    return event


# The events of a ``batch()`` block waiting to be stored at its end.
_pending: ContextVar[list[AuditEvent] | None] = ContextVar("audit_pending", default=None)


@contextmanager
def batch():
    """Store the audit events recorded inside the block in one INSERT when it ends (none if it raises).

    For a service that writes several records in one transaction (closing a vote: the resolution and
    the proposal's step); use it inside that transaction. A nested block adds to the outer one.
    """
    if _pending.get() is not None:
        yield
        return
    pending: list[AuditEvent] = []
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    if pending:
        AuditEvent.objects.bulk_create(pending)


def action_label(action: str, model_name: str | None = None) -> str:
    """``minutes.adopt`` → "รับรองรายงานการประชุม" (in the reader's language); the words are in core/audit_words.py."""
    from core.audit_words import action_words

    return action_words(action, model_name)


def display_value(field, value: Any, name: str = "") -> str:
    """A stored value as a person reads it: choice labels, BE dates, "–" for nothing."""
    from core import thaidate
    from core.audit_words import code_word

    if value in (None, "", [], {}):
        return "–"
    if isinstance(value, str) and (word := code_word(name, value)):
        return word
    if field is not None and getattr(field, "flatchoices", None):
        labels = {str(k): str(v) for k, v in field.flatchoices}
        if isinstance(value, list):
            return ", ".join(labels.get(str(v), str(v)) for v in value)
        return labels.get(str(value), str(value))
    if isinstance(value, str):
        try:
            if len(value) == 10:
                return thaidate.format_date(dt.date.fromisoformat(value))
            if len(value) > 10 and value[4] == "-" and value[10] in " T":
                return thaidate.format_datetime(dt.datetime.fromisoformat(value))
        except ValueError:
            pass
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def describe_changes(event: AuditEvent) -> list[tuple[str, str, str]]:
    """``[(field label, before, after)]`` for a person to read: Thai field names, choice labels, BE dates."""
    model = event.target_type.model_class() if event.target_type_id else None
    rows = []
    for name, pair in (event.changes or {}).items():
        before, after = [*pair, None, None][:2] if isinstance(pair, list) else (None, pair)
        field = None
        if model is not None:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:  # a renamed field keeps its stored name
                field = None
        label = str(getattr(field, "verbose_name", name))
        rows.append((label, display_value(field, before, name), display_value(field, after, name)))
    return rows
