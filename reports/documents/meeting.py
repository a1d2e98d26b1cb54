"""The minutes (form 11) and the agenda of one meeting.

The meetings app builds the structured documents (``meetings.selectors.minutes_document``
and ``agenda_document``, in form-11 order); these classes only print them.
"""

from __future__ import annotations

from django.http import Http404

from meetings.models import AgendaItem, Attendance, Meeting, Resolution
from reports.choices import ReportKind
from reports.documents.base import DocumentUnavailable, Target, fingerprint


def _selector(name: str):
    try:
        from meetings import selectors
    except ImportError:
        selectors = None
    fn = getattr(selectors, name, None)
    if fn is None:
        raise DocumentUnavailable("ระบบการประชุมยังไม่มีข้อมูลสำหรับเอกสารนี้")
    return fn


class _MeetingDocument:
    kind: str
    template: str
    selector: str

    def load(self, object_id: int) -> Meeting:
        try:
            return Meeting.objects.select_related("subcommittee__province").get(pk=object_id)
        except Meeting.DoesNotExist:
            raise Http404("ไม่พบการประชุม") from None

    def target(self, obj: Meeting) -> Target:
        return Target(
            self.kind, province=obj.subcommittee.province, fiscal_year=obj.fiscal_year, object_id=obj.pk, obj=obj
        )

    def fingerprint(self, target: Target) -> str:
        m = target.object_id
        return fingerprint(
            self.kind,
            m,
            querysets=(
                Meeting.objects.filter(pk=m),
                AgendaItem.objects.filter(meeting_id=m),
                Attendance.objects.filter(meeting_id=m),
                Resolution.objects.filter(agenda_item__meeting_id=m),
                *self.extra_querysets(m),
            ),
        )

    def extra_querysets(self, meeting_id: int) -> tuple:
        from meetings import models as mm

        out = []
        if hasattr(mm, "Minutes"):
            out.append(mm.Minutes.objects.filter(meeting_id=meeting_id))
        if hasattr(mm, "AgendaPaper"):
            out.append(mm.AgendaPaper.objects.filter(agenda_item__meeting_id=meeting_id))
        return tuple(out)

    def context(self, target: Target) -> dict:
        doc = _selector(self.selector)(target.obj)
        return {"doc": doc, "meeting": target.obj, "province": target.province}


class Minutes(_MeetingDocument):
    kind = ReportKind.MINUTES
    template = "pdf/minutes.html"
    selector = "minutes_document"

    def title(self, target: Target) -> str:
        return f"รายงานการประชุม {target.obj.subcommittee.short_name}{target.province.name_th} {target.obj.label}"


class Agenda(_MeetingDocument):
    kind = ReportKind.AGENDA
    template = "pdf/agenda.html"
    selector = "agenda_document"

    def title(self, target: Target) -> str:
        return f"ระเบียบวาระการประชุม {target.obj.subcommittee.short_name}{target.province.name_th} {target.obj.label}"
