"""The evidence bundle of one meeting: a zip of the minutes PDF, the logs as CSV and a manifest of SHA-256s.

Built by the worker (``emeetings.tasks.build_evidence_bundle``) into a
temporary file on disk, then stored; the manifest (also inside the zip as
``manifest.csv``) lists every file with its size and SHA-256, and the zip's
own SHA-256 is kept on the bundle row.
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import tempfile
import zipfile

from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation

from core import thaidate
from emeetings.choices import BundleState
from emeetings.models import CheckIn, EvidenceBundle, FaultReport, Recording, TrafficEvent

logger = logging.getLogger(__name__)


def _when(value) -> str:
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{thaidate.format_date(local)} {local:%H:%M:%S}"


def _csv(head: list[str], rows: list[list]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(head)
    writer.writerows(rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _attendance(meeting) -> bytes:
    from meetings.models import Attendance

    online = set(CheckIn.objects.filter(meeting=meeting, location="remote").values_list("member_id", flat=True))

    def where(a) -> str:
        if a.status == "present" and a.member_id in online:
            return "ผ่านสื่ออิเล็กทรอนิกส์"
        return "ในห้องประชุม" if a.status in ("present", "stand_in", "guest") else ""

    rows = [
        [
            a.member.full_name if a.member_id else a.person_name,
            a.member.position if a.member_id else a.person_position,
            a.get_status_display(),
            a.person_name if a.member_id else "",
            a.absence_reason,
            where(a),
        ]
        for a in Attendance.objects.filter(meeting=meeting).select_related("member").order_by("order", "id")
    ]
    return _csv(["ชื่อ", "ตำแหน่ง", "การเข้าประชุม", "ผู้มาประชุมแทน", "เหตุที่ไม่มาประชุม", "เข้าร่วม"], rows)


def _traffic(meeting) -> bytes:
    rows = [
        [
            _when(e.at),
            timezone.localtime(e.at).isoformat(),  # Thailand's standard time, with its offset
            e.member.full_name,
            e.get_event_display(),
            e.get_location_display(),
            e.ip or "",
            e.user_agent,
            str(e.recorded_by or ""),
        ]
        for e in TrafficEvent.objects.filter(meeting=meeting)
        .select_related("member", "recorded_by")
        .order_by("at", "id")
    ]
    head = [
        "เวลา (Asia/Bangkok)",
        "เวลา (ISO 8601)",
        "อนุกรรมการ",
        "เหตุการณ์",
        "เข้าร่วม",
        "หมายเลขไอพี",
        "โปรแกรมที่ใช้",
        "บันทึกโดย",
    ]
    return _csv(head, rows)


def _checkins(meeting) -> bytes:
    rows = [
        [
            c.member.full_name,
            c.get_location_display(),
            c.get_method_display(),
            str(c.user or ""),
            str(c.vouched_by or ""),
            c.vouch_note,
            _when(c.verified_at),
            "อยู่ในที่ประชุม" if c.present else "ออกแล้ว",
        ]
        for c in CheckIn.objects.filter(meeting=meeting).select_related("member", "user", "vouched_by")
    ]
    head = ["อนุกรรมการ", "เข้าร่วม", "การยืนยันตัวตน", "บัญชีผู้ใช้", "ผู้รับรองตัวตน", "หมายเหตุ", "ยืนยันตัวตนเมื่อ", "สถานะล่าสุด"]
    return _csv(head, rows)


def _votes(meeting) -> bytes:
    from emeetings import secret
    from fundproposals.models import Ballot, Vote

    rows = []
    ballots = Ballot.objects.filter(agenda_item__meeting=meeting).select_related("proposal", "agenda_item__parent")
    for b in ballots.order_by("id"):
        tally = " ".join(f"{label} {n}" for label, n in b.tally_rows)
        rows.append([b.pk, b.agenda_item.number, b.subject_title, b.get_state_display(), "ผลรวม", tally, b.result_text])
        if secret.is_secret(b):
            continue  # a secret ballot: the tally only, never who voted how
        for v in Vote.objects.filter(ballot=b).select_related("member").order_by("member__order", "id"):
            rows.append(
                [b.pk, b.agenda_item.number, b.subject_title, "", v.member.full_name, v.get_choice_display(), ""]
            )
    return _csv(["การลงมติ", "ระเบียบวาระ", "เรื่อง", "สถานะ", "ผู้ลงมติ", "ลงมติ/คะแนน", "มติ"], rows)


def _faults(meeting) -> bytes:
    rows = [
        [_when(f.at), str(f.reported_by), f.text, f.ip or "", f.user_agent]
        for f in FaultReport.objects.filter(meeting=meeting).select_related("reported_by")
    ]
    return _csv(["เวลา", "ผู้แจ้ง", "ปัญหาที่พบ", "หมายเลขไอพี", "โปรแกรมที่ใช้"], rows)


def _recordings(meeting) -> bytes:
    rows = [
        [r.get_kind_display(), r.display_name, r.size or "", r.location, r.sha256, _when(r.created_at)]
        for r in Recording.objects.filter(meeting=meeting).order_by("created_at", "id")
    ]
    return _csv(["ประเภท", "ชื่อไฟล์", "ขนาด (ไบต์)", "สถานที่จัดเก็บ", "SHA-256", "บันทึกเมื่อ"], rows)


def _ledger(meeting) -> bytes:
    from django.db.models import Q

    from fundproposals.models import Ballot, Vote
    from ledger.models import Entry
    from ledger.records import label
    from meetings.models import MinutesVersion, Resolution

    ballots = list(Ballot.objects.filter(agenda_item__meeting=meeting).values_list("pk", flat=True))
    q = (
        Q(kind="resolution", object_id__in=Resolution.objects.filter(agenda_item__meeting=meeting).values("pk"))
        | Q(kind="minutes", object_id__in=MinutesVersion.objects.filter(minutes__meeting=meeting).values("pk"))
        | Q(kind="ballot", object_id__in=ballots)
        | Q(kind="vote", object_id__in=Vote.objects.filter(ballot_id__in=ballots).values("pk"))
    )
    rows = [
        [e.seq, label(e.kind), e.object_id, e.recorded_at.isoformat(), e.prev_hash, e.hash]
        for e in Entry.objects.filter(q)
    ]
    return _csv(["รายการที่", "บันทึก", "รหัส", "บันทึกเมื่อ", "ค่าแฮชก่อนหน้า", "ค่าแฮช"], rows)


def _minutes_pdf(meeting) -> bytes:
    from reports.documents import document_for
    from reports.pdf import render_template_to_pdf

    doc = document_for("minutes")
    with translation.override("th"):  # the minutes are a Thai official document
        target = doc.target(doc.load(meeting.pk))
        rendered = render_template_to_pdf(
            doc.template, {**doc.context(target), "title": doc.title(target), "generated_at": timezone.now()}
        )
    return rendered.pdf


def files_of(meeting) -> list[tuple[str, bytes]]:
    return [
        ("minutes.pdf", _minutes_pdf(meeting)),
        ("attendance.csv", _attendance(meeting)),
        ("traffic-log.csv", _traffic(meeting)),
        ("check-ins-and-vouching.csv", _checkins(meeting)),
        ("votes.csv", _votes(meeting)),
        ("fault-reports.csv", _faults(meeting)),
        ("recordings.csv", _recordings(meeting)),
        ("ledger-entries.csv", _ledger(meeting)),
    ]


def build(bundle_id: int) -> EvidenceBundle | None:
    """Build the bundle's zip; a failure leaves a Thai reason and no file."""
    bundle = EvidenceBundle.objects.select_related("meeting__subcommittee__province").filter(pk=bundle_id).first()
    if bundle is None or bundle.state != BundleState.QUEUED:
        return bundle
    try:
        files = files_of(bundle.meeting)
    except Exception:
        logger.exception("evidence bundle %s failed", bundle_id)
        EvidenceBundle.objects.filter(pk=bundle_id).update(
            state=BundleState.FAILED, failure_reason="สร้างชุดหลักฐานไม่สำเร็จ กรุณาลองใหม่หรือแจ้งผู้ดูแลระบบ"
        )
        return None
    manifest = [{"file": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()} for name, data in files]
    manifest_csv = _csv(["ไฟล์", "ขนาด (ไบต์)", "SHA-256"], [[m["file"], m["size"], m["sha256"]] for m in manifest])
    with tempfile.TemporaryFile() as tmp:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, data in files:
                zf.writestr(name, data)
            zf.writestr("manifest.csv", manifest_csv)
        tmp.seek(0)
        digest = hashlib.sha256()
        for chunk in iter(lambda: tmp.read(1 << 20), b""):
            digest.update(chunk)
        size = tmp.tell()
        tmp.seek(0)
        with transaction.atomic():
            locked = EvidenceBundle.objects.select_for_update().get(pk=bundle_id)
            if locked.state != BundleState.QUEUED:
                return locked
            locked.file.save(f"evidence-{locked.meeting_id}.zip", File(tmp), save=False)
            locked.size, locked.sha256, locked.manifest = size, digest.hexdigest(), manifest
            locked.state, locked.finished_at = BundleState.READY, timezone.now()
            locked.full_clean()
            locked.save()
    return locked
