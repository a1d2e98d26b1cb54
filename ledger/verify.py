"""Checking the chain: every entry's hash, the links between entries, the tail, and the records themselves.

``verify_chain`` walks the whole chain in order (streamed, a few thousand rows
at a time) and then compares each record with its last entry;
``verify_record`` checks one record (by kind and id, by entry number or by
hash). Both return a ``Report`` whose ``first`` is the entry that first fails.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ledger import canonical
from ledger.models import GENESIS, Entry, Head
from ledger.records import KINDS, label

CHUNK = 5000


@dataclass(frozen=True)
class Problem:
    seq: int
    message: str
    kind: str = ""
    object_id: int | None = None
    province_id: int | None = None

    @property
    def what(self) -> str:
        return f"{label(self.kind)} รหัส {self.object_id}" if self.kind else ""


@dataclass
class Report:
    entries: int = 0
    records: int = 0
    last_seq: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    entry: Entry | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first(self) -> Problem | None:
        return min(self.problems, key=lambda p: p.seq) if self.problems else None

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)


def _head() -> tuple[int, str]:
    row = Head.objects.filter(pk=1).values_list("seq", "hash").first()
    return row if row else (0, GENESIS)


def _check_records(report: Report, latest: dict[tuple[str, int], tuple[int, str, int | None]]) -> None:
    """Compare every record with its last entry: an SQL change behind the application shows here."""
    by_kind: dict[str, list[int]] = defaultdict(list)
    for kind, object_id in latest:
        by_kind[kind].append(object_id)
    for kind, ids in by_kind.items():
        spec = KINDS.get(kind)
        if spec is None:
            for object_id in ids:
                seq, _, province_id = latest[(kind, object_id)]
                report.add(Problem(seq, "ไม่รู้จักประเภทบันทึกนี้", kind, object_id, province_id))
            continue
        ids.sort()
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            current = spec.snapshots(chunk)
            for object_id in chunk:
                seq, body, province_id = latest[(kind, object_id)]
                report.records += 1
                if not body.endswith(
                    canonical.tail_of(object_id=object_id, kind=kind, province_id=province_id, seq=seq)
                ):
                    report.add(Problem(seq, "เลขรายการหรือบันทึกที่อ้างถึงไม่ตรงกับข้อมูลที่ลงบันทึก", kind, object_id))
                elif object_id not in current:
                    report.add(Problem(seq, "บันทึกนี้ถูกลบออกจากระบบ", kind, object_id, province_id))
                elif canonical.dumps(current[object_id][0]) != canonical.data_of(body):
                    report.add(Problem(seq, "ข้อมูลในระบบไม่ตรงกับที่ลงบันทึกไว้ (ถูกแก้ไขนอกระบบ)", kind, object_id, province_id))


def verify_chain() -> Report:
    """Walk the whole chain; every problem found, ``first`` the earliest."""
    started = time.perf_counter()
    report = Report()
    report.head_seq, report.head_hash = _head()
    expected, prev = 1, GENESIS
    latest: dict[tuple[str, int], tuple[int, str, int | None]] = {}
    rows = (
        Entry.objects.order_by("seq")
        .values_list("seq", "kind", "object_id", "province_id", "body", "prev_hash", "hash")
        .iterator(chunk_size=CHUNK)
    )
    chain_hash = canonical.chain_hash
    for seq, kind, object_id, province_id, body, prev_hash, digest in rows:
        report.entries += 1
        if seq != expected:
            missing = f"{expected}" if seq == expected + 1 else f"{expected}–{seq - 1}"
            report.add(Problem(expected, f"รายการที่ {missing} หายไปจากสายบันทึก"))
        elif prev_hash != prev:
            report.add(Problem(seq, f"ค่าแฮชของรายการก่อนหน้าไม่ตรงกับรายการที่ {seq - 1}", kind, object_id, province_id))
        if chain_hash(prev_hash, body) != digest:
            report.add(Problem(seq, "ค่าแฮชไม่ตรงกับข้อมูลของรายการ (รายการถูกแก้ไข)", kind, object_id, province_id))
        prev, expected = digest, seq + 1
        latest[(kind, object_id)] = (seq, body, province_id)
    report.last_seq = expected - 1
    if report.head_seq > report.last_seq:
        missing = (
            f"{report.last_seq + 1}–{report.head_seq}"
            if report.head_seq > report.last_seq + 1
            else str(report.head_seq)
        )
        report.add(Problem(report.last_seq + 1, f"รายการที่ {missing} ท้ายสายบันทึกหายไป"))
    elif report.head_seq and (report.head_seq != report.last_seq or report.head_hash != prev):
        report.add(Problem(report.head_seq, "ท้ายสายบันทึกไม่ตรงกับรายการสุดท้าย"))
    _check_records(report, latest)
    report.seconds = time.perf_counter() - started
    return report


def find_entry(ref: str) -> Entry | None:
    """An entry by its number or its (full) hash."""
    ref = (ref or "").strip().lower()
    if ref.isdigit():
        return Entry.objects.filter(seq=int(ref)).first()
    if len(ref) == 64:
        return Entry.objects.filter(hash=ref).first()
    return None


def verify_record(kind: str, object_id: int, *, entry: Entry | None = None) -> Report:
    """Check one record: each of its entries hashes right and links to the entry before it; the last matches the record."""
    started = time.perf_counter()
    report = Report(entry=entry)
    report.head_seq, report.head_hash = _head()
    entries = list(Entry.objects.filter(kind=kind, object_id=object_id).order_by("seq"))
    if not entries:
        report.add(Problem(entry.seq if entry else 0, "ไม่พบรายการของบันทึกนี้ในสายบันทึก", kind, object_id))
        return report
    before = dict(Entry.objects.filter(seq__in=[e.seq - 1 for e in entries if e.seq > 1]).values_list("seq", "hash"))
    for e in entries:
        report.entries += 1
        expected_prev = GENESIS if e.seq == 1 else before.get(e.seq - 1)
        if expected_prev is None:
            report.add(Problem(e.seq - 1, f"รายการที่ {e.seq - 1} หายไปจากสายบันทึก"))
        elif e.prev_hash != expected_prev:
            report.add(
                Problem(e.seq, f"ค่าแฮชของรายการก่อนหน้าไม่ตรงกับรายการที่ {e.seq - 1}", kind, object_id, e.province_id)
            )
        if canonical.chain_hash(e.prev_hash, e.body) != e.hash:
            report.add(Problem(e.seq, "ค่าแฮชไม่ตรงกับข้อมูลของรายการ (รายการถูกแก้ไข)", kind, object_id, e.province_id))
    last = entries[-1]
    report.last_seq = last.seq
    _check_records(report, {(kind, object_id): (last.seq, last.body, last.province_id)})
    report.seconds = time.perf_counter() - started
    return report


def verify_entry(entry: Entry) -> Report:
    return verify_record(entry.kind, entry.object_id, entry=entry)


def record_entries(kind: str, object_ids: Iterable[int]) -> dict[int, Entry]:
    """The last entry of each record (for pages and PDFs printing a record's hash)."""
    out: dict[int, Entry] = {}
    for e in Entry.objects.filter(kind=kind, object_id__in=list(object_ids)).order_by("seq"):
        out[e.object_id] = e
    return out
