"""The minutes (form 11) and the agenda of one meeting.

The meetings app builds the structured documents (``meetings.selectors.minutes_for_report``
and ``agenda_for_report``, in form-11 order); these classes only print them.
"""

from __future__ import annotations

from reports.choices import ReportKind
from reports.documents.base import Target, fingerprint


class _MeetingDocument:
    kind: str
    template: str

    def load(self, object_id: int):
        from meetings.selectors import meeting_by_id_for_report

        return meeting_by_id_for_report(object_id)

    def target(self, obj) -> Target:
        return Target(
            self.kind, province=obj.subcommittee.province, fiscal_year=obj.fiscal_year, object_id=obj.pk, obj=obj
        )

    def fingerprint(self, target: Target) -> str:
        from meetings.selectors import meeting_report_querysets

        return fingerprint(self.kind, target.object_id, querysets=meeting_report_querysets(target.object_id))

    def file_stem(self, target: Target) -> str:
        """The downloaded file's name: "รายงานการประชุม ครั้งที่ 2-2564" (a slash cannot be in a file name)."""
        label = target.obj.label.replace("/", "-")
        return f"{ReportKind(self.kind).label.split(' (')[0]} {label}"


class Minutes(_MeetingDocument):
    kind = ReportKind.MINUTES
    template = "pdf/minutes.html"

    def title(self, target: Target) -> str:
        return f"รายงานการประชุม {target.obj.subcommittee.short_name}{target.province.name_th} {target.obj.label}"

    def context(self, target: Target) -> dict:
        from meetings.selectors import minutes_for_report

        report = minutes_for_report(target.obj)
        return {**report, "meeting": target.obj, "province": target.province}


class Agenda(_MeetingDocument):
    kind = ReportKind.AGENDA
    template = "pdf/agenda.html"

    def title(self, target: Target) -> str:
        return f"ระเบียบวาระการประชุม {target.obj.subcommittee.short_name}{target.province.name_th} {target.obj.label}"

    def context(self, target: Target) -> dict:
        from meetings.selectors import agenda_for_report

        return {**agenda_for_report(target.obj), "meeting": target.obj, "province": target.province}
