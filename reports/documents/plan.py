"""The action plan of a fiscal year with its progress (added when the action plans app has its data)."""

from __future__ import annotations

from reports.choices import ReportKind
from reports.documents.base import DocumentUnavailable, Target


class Plan:
    kind = ReportKind.PLAN
    template = "pdf/plan.html"

    def load(self, object_id: int):
        raise DocumentUnavailable("ระบบแผนปฏิบัติการยังไม่พร้อมสำหรับการพิมพ์")

    def target(self, obj) -> Target:  # pragma: no cover - see load
        raise DocumentUnavailable("ระบบแผนปฏิบัติการยังไม่พร้อมสำหรับการพิมพ์")
