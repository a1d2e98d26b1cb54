"""Workflows as data: a table of transitions, executed by one function.

Each app declares its states and a ``Workflow`` of ``Transition`` rows (who may
fire each, what must hold first). ``fire`` locks the row, checks, changes the
state, runs the transition's effect and writes the audit record, all in one
transaction. Following Hypha's workflow definitions.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from core import audit
from core.permissions import Verdict, deny

Guard = Callable[[Any, dict[str, Any]], str | None]
"""Returns a Thai reason to refuse, or None when the transition may go ahead."""

Effect = Callable[[Any, Any, dict[str, Any]], None]
"""Runs inside the transaction after the state is set: (obj, actor, context)."""


class TransitionRefused(ValidationError):
    """A transition that is not allowed now; ``messages[0]`` is the Thai reason."""


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    guards: tuple[Guard, ...] = ()
    effect: Effect | None = None
    needs_reason: bool = False
    style: str = "primary"


def transition(
    name: str,
    label: str,
    *,
    sources: Iterable[str],
    target: str,
    roles: Iterable[str],
    guards: Iterable[Guard] = (),
    effect: Effect | None = None,
    needs_reason: bool = False,
    style: str = "primary",
) -> Transition:
    return Transition(
        name=name,
        label=label,
        sources=frozenset(sources),
        target=target,
        roles=frozenset(roles),
        guards=tuple(guards),
        effect=effect,
        needs_reason=needs_reason,
        style=style,
    )


@dataclass(frozen=True)
class Workflow:
    transitions: tuple[Transition, ...]
    state_field: str = "state"
    by_name: dict[str, Transition] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = [t.name for t in self.transitions]
        if len(names) != len(set(names)):
            raise ValueError("transition names must be unique")
        object.__setattr__(self, "by_name", {t.name: t for t in self.transitions})

    def get(self, name: str) -> Transition:
        try:
            return self.by_name[name]
        except KeyError:
            raise TransitionRefused(_("ไม่มีขั้นตอนนี้ในระบบ")) from None

    def check(self, obj: Any, name: str, roles: Iterable[str], context: dict[str, Any] | None = None) -> Verdict:
        """May someone holding ``roles`` fire ``name`` on ``obj`` now? Says why not."""
        t = self.get(name)
        state = getattr(obj, self.state_field)
        if state not in t.sources:
            return deny(_("ทำ “%(label)s” ไม่ได้ในสถานะปัจจุบัน") % {"label": t.label})
        if not t.roles & frozenset(roles):
            return deny(_("ท่านไม่มีสิทธิ์ “%(label)s”") % {"label": t.label})
        ctx = context or {}
        if t.needs_reason and not str(ctx.get("reason", "")).strip():
            return deny(_("กรุณาระบุเหตุผล"))
        for guard in t.guards:
            reason = guard(obj, ctx)
            if reason:
                return deny(reason)
        return Verdict(True)

    def offered(self, obj: Any, roles: Iterable[str]) -> list[Transition]:
        """Transitions to show as buttons: the state is a source and a role may fire it (the table's own part).

        Guards that depend on what the step's form will say (which meeting, which
        resolution) are judged on that form, which explains a refusal in Thai.
        """
        roles = frozenset(roles)
        return [t for t in self.transitions if obj.state in t.sources and t.roles & roles]

    def available(self, obj: Any, roles: Iterable[str], context: dict[str, Any] | None = None) -> list[Transition]:
        """Transitions the holder of ``roles`` may fire now (for buttons); reason-needing ones included."""
        roles = frozenset(roles)
        out = []
        for t in self.transitions:
            ctx = dict(context or {})
            if t.needs_reason:
                ctx.setdefault("reason", "-")
            if self.check(obj, t.name, roles, ctx):
                out.append(t)
        return out


def _field_values(obj: models.Model) -> dict[str, Any]:
    """Each concrete field's value by field name (a relation by its id: nothing is loaded)."""
    return {f.name: copy.deepcopy(getattr(obj, f.attname)) for f in obj._meta.concrete_fields}


def fire(
    *,
    workflow: Workflow,
    model: type[models.Model],
    pk: Any,
    name: str,
    actor: Any,
    roles_for: Callable[[Any], Iterable[str]],
    province_for: Callable[[Any], Any] | None = None,
    context: dict[str, Any] | None = None,
    locked: models.Model | None = None,
) -> models.Model:
    """Lock the row, check the transition, set the state, run its effect, audit it.

    ``roles_for(obj)`` gives the actor's roles on the locked object, so a role
    that depends on the object (its proposer) is judged on fresh data.

    ``locked``: the row, already read ``FOR UPDATE`` by the caller in the transaction that is running
    (closing a vote locks the proposal first). It is not read again, and only the fields this step
    changes are validated: the rest are as the database, which keeps its constraints, just gave them.
    """
    ctx = dict(context or {})
    if locked is not None and not transaction.get_connection().in_atomic_block:
        raise RuntimeError("fire(locked=...) must run inside the transaction that locked the row")
    with transaction.atomic(savepoint=locked is None):
        obj = locked if locked is not None else model._default_manager.select_for_update().get(pk=pk)
        verdict = workflow.check(obj, name, roles_for(obj), ctx)
        if not verdict:
            raise TransitionRefused(verdict.reason)
        t = workflow.get(name)
        before = getattr(obj, workflow.state_field)
        stored = _field_values(obj) if locked is not None else None
        setattr(obj, workflow.state_field, t.target)
        if t.effect:
            t.effect(obj, actor, ctx)
        if stored is None:
            obj.full_clean()
        else:
            now = _field_values(obj)
            obj.full_clean(exclude=[f for f, v in stored.items() if now[f] == v])
        obj.save()
        audit.record(
            actor=actor,
            action=f"transition:{t.name}",
            target=obj,
            province=province_for(obj) if province_for else None,
            changes={workflow.state_field: [before, t.target]},
            reason=str(ctx.get("reason", "")),
        )
    return obj
