"""Appending to the ledger: the only writer of ``Entry``.

Services of other apps call ``append`` inside the transaction that writes the
record, after the write, so the entry and the record commit or roll back
together. Appends are serialised by the head row's lock (``SELECT … FOR
UPDATE`` on PostgreSQL; SQLite takes its write lock first), so concurrent
votes line up one after another in the chain.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from ledger import canonical
from ledger.models import GENESIS, Entry, Head
from ledger.records import KINDS


def _locked_head() -> Head:
    if connection.vendor == "sqlite":
        # take SQLite's write lock before reading, so two writers queue instead of failing
        Head.objects.filter(pk=1).update(seq=F("seq"))
    head = Head.objects.select_for_update().filter(pk=1).first()
    if head is None:
        # the head row is missing (a new or flushed database): start from the last entry
        last = Entry.objects.order_by("-seq").values("seq", "hash").first() or {"seq": 0, "hash": GENESIS}
        Head.objects.bulk_create([Head(pk=1, seq=last["seq"], hash=last["hash"])], ignore_conflicts=True)
        head = Head.objects.select_for_update().get(pk=1)
    return head


# The appends of a ``batch()`` block waiting to be written at its end: [(kind, record pk, actor id)].
_pending: ContextVar[list[tuple[str, int, int | None]] | None] = ContextVar("ledger_pending", default=None)


@contextmanager
def batch():
    """Write the appends made inside the block together when it ends: one head lock and one INSERT for
    all of them, each record still read back from the database (one query per kind of record).

    For a service that appends several records in one transaction (closing a vote: the ballot and
    the item's resolution). Use it inside that transaction, around the writes only: each record is
    read back at the end of the block, so nothing may change it after its ``append`` within the block
    (appending the same record twice writes the first one out at once). Nothing is appended when the
    block raises. A nested block adds to the outer one.
    """
    if _pending.get() is not None:
        yield
        return
    pending: list[tuple[str, int, int | None]] = []
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    _write(pending)


def append(*, kind: str, record, actor=None) -> Entry | None:
    """Append the current state of ``record`` (a ``kind`` of ``ledger.records.KINDS``) to the chain.

    Must run inside the transaction that wrote ``record``. Inside ``batch()`` the entry is written at the
    end of the block (and None is returned).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("ledger.append must run inside the transaction that writes the record")
    actor_id = actor.pk if getattr(actor, "pk", None) else None
    pending = _pending.get()
    if pending is None:
        return _write([(kind, record.pk, actor_id)])[0]
    if any(k == kind and pk == record.pk for k, pk, _ in pending):
        _write(pending[:])  # the earlier state of this record is read back now, before it changes again
        pending.clear()
    pending.append((kind, record.pk, actor_id))
    return None


def _write(appends: list[tuple[str, int, int | None]]) -> list[Entry]:
    """Read back each record (one query per kind), lock the head once and chain the entries in order."""
    if not appends:
        return []
    wanted: dict[str, list[int]] = {}
    for kind, pk, _actor_id in appends:
        wanted.setdefault(kind, []).append(pk)
    states = {kind: KINDS[kind].snapshots(pks) for kind, pks in wanted.items()}
    head = _locked_head()
    seq, prev = head.seq, head.hash
    entries = []
    for kind, pk, actor_id in appends:
        data, province_id = states[kind][pk]
        seq += 1
        at = timezone.now()
        body = canonical.dumps(
            {"seq": seq, "kind": kind, "id": pk, "province": province_id, "actor": actor_id, "at": at, "data": data}
        )
        digest = canonical.chain_hash(prev, body)
        entries.append(
            Entry(
                seq=seq,
                kind=kind,
                object_id=pk,
                province_id=province_id,
                actor_id=actor_id,
                recorded_at=at,
                body=body,
                prev_hash=prev,
                hash=digest,
            )
        )
        prev = digest
    if connection.vendor == "postgresql":
        _insert_and_move_head(entries)  # one round trip instead of two (issue #12's write budgets)
    else:
        for entry in entries:
            entry.save(force_insert=True)
        Head.objects.filter(pk=1).update(seq=seq, hash=prev)
    return entries


def _insert_and_move_head(entries: list[Entry]) -> None:
    """INSERT the entries and move the (locked) head to the last in one statement (a data-modifying CTE)."""
    fields = [Entry._meta.get_field(n) for n in ("seq", "kind", "object_id", "province", "actor")]
    fields += [Entry._meta.get_field(n) for n in ("recorded_at", "body", "prev_hash", "hash")]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    values = [f.get_db_prep_save(getattr(entry, f.attname), connection) for entry in entries for f in fields]
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    marks = ", ".join([row] * len(entries))
    entry_table = connection.ops.quote_name(Entry._meta.db_table)
    head_table = connection.ops.quote_name(Head._meta.db_table)
    # table and column names come from the models; every value is bound
    sql = (
        f"WITH appended AS (INSERT INTO {entry_table} ({columns}) VALUES {marks}) "  # noqa: S608
        f'UPDATE {head_table} SET "seq" = %s, "hash" = %s WHERE "id" = 1'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values, entries[-1].seq, entries[-1].hash])
    for entry in entries:
        entry._state.adding = False
        entry._state.db = connection.alias


def latest_for(kind: str, object_id: int) -> Entry | None:
    return Entry.objects.filter(kind=kind, object_id=object_id).order_by("-seq").first()
