"""Appending to the ledger: the only writer of ``Entry``.

Services of other apps call ``append`` inside the transaction that writes the
record, after the write, so the entry and the record commit or roll back
together. Appends are serialised by the head row's lock (``SELECT … FOR
UPDATE`` on PostgreSQL; SQLite takes its write lock first), so concurrent
votes line up one after another in the chain.
"""

from __future__ import annotations

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


def append(*, kind: str, record, actor=None) -> Entry:
    """Append the current state of ``record`` (a ``kind`` of ``ledger.records.KINDS``) to the chain.

    Must run inside the transaction that wrote ``record``.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("ledger.append must run inside the transaction that writes the record")
    spec = KINDS[kind]
    data, province_id = spec.snapshots([record.pk])[record.pk]
    head = _locked_head()
    seq = head.seq + 1
    actor_id = actor.pk if getattr(actor, "pk", None) else None
    at = timezone.now()
    body = canonical.dumps(
        {"seq": seq, "kind": kind, "id": record.pk, "province": province_id, "actor": actor_id, "at": at, "data": data}
    )
    digest = canonical.chain_hash(head.hash, body)
    entry = Entry(
        seq=seq,
        kind=kind,
        object_id=record.pk,
        province_id=province_id,
        actor_id=actor_id,
        recorded_at=at,
        body=body,
        prev_hash=head.hash,
        hash=digest,
    )
    if connection.vendor == "postgresql":
        _insert_and_move_head(entry)  # one round trip instead of two (issue #12's write budgets)
    else:
        entry.save(force_insert=True)
        Head.objects.filter(pk=1).update(seq=seq, hash=digest)
    return entry


def _insert_and_move_head(entry: Entry) -> None:
    """INSERT the entry and move the (locked) head to it in one statement (a data-modifying CTE)."""
    fields = [Entry._meta.get_field(n) for n in ("seq", "kind", "object_id", "province", "actor")]
    fields += [Entry._meta.get_field(n) for n in ("recorded_at", "body", "prev_hash", "hash")]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    values = [f.get_db_prep_save(getattr(entry, f.attname), connection) for f in fields]
    marks = ", ".join(["%s"] * len(fields))
    entry_table = connection.ops.quote_name(Entry._meta.db_table)
    head_table = connection.ops.quote_name(Head._meta.db_table)
    # table and column names come from the models; every value is bound
    sql = (
        f"WITH appended AS (INSERT INTO {entry_table} ({columns}) VALUES ({marks})) "  # noqa: S608
        f'UPDATE {head_table} SET "seq" = %s, "hash" = %s WHERE "id" = 1'
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [*values, entry.seq, entry.hash],
        )
    entry._state.adding = False
    entry._state.db = connection.alias


def latest_for(kind: str, object_id: int) -> Entry | None:
    return Entry.objects.filter(kind=kind, object_id=object_id).order_by("-seq").first()
