"""The canonical serialisation hashed into the chain.

JSON with sorted keys, no spaces, UTF-8 (not escaped); dates ISO 8601,
datetimes in UTC with microseconds, decimals as their exact string. The same
record always serialises to the same bytes, on PostgreSQL and SQLite alike.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from typing import Any


def _default(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not serialisable in the ledger")


_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default)


def dumps(value: Any) -> str:
    """The canonical text of ``value`` (dict keys must be strings, as model values and JSON fields give)."""
    return _ENCODER.encode(value)


def data_of(body: str) -> str:
    """The ``data`` part of an entry's body, as text.

    Keys are sorted, so the body reads ``{"actor":…,"at":…,"data":{…},"id":…,"kind":…,"province":…,"seq":…}``;
    the last ``,"id":`` is the top-level one (a nested key comes before it, and a quote inside a string is escaped).
    """
    start = body.index(',"data":') + len(',"data":')
    return body[start : body.rindex(',"id":')]


def tail_of(*, object_id: int, kind: str, province_id: int | None, seq: int) -> str:
    """How an entry's body ends: the record it names, its province and its number."""
    province = "null" if province_id is None else province_id
    return f',"id":{object_id},"kind":{dumps(kind)},"province":{province},"seq":{seq}}}'


def chain_hash(prev_hash: str, body: str) -> str:
    return hashlib.sha256((prev_hash + body).encode()).hexdigest()


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
