"""The กปค.01 proposal as the filled form (added when the fund proposals app has its data)."""

from __future__ import annotations

from reports.choices import ReportKind
from reports.documents.base import DocumentUnavailable, Target


class Proposal:
    kind = ReportKind.PROPOSAL
    template = "pdf/proposal.html"

    def load(self, object_id: int):
        raise DocumentUnavailable("ระบบข้อเสนอโครงการยังไม่พร้อมสำหรับการพิมพ์แบบ กปค.01")

    def target(self, obj) -> Target:  # pragma: no cover - see load
        raise DocumentUnavailable("ระบบข้อเสนอโครงการยังไม่พร้อมสำหรับการพิมพ์แบบ กปค.01")
