"""Demo data of the reports app: none. Reports are built on request (never during seed_demo,
which must stay fast); the demo chair asks for the FY 2564 annual report on the reports page.

``demo_documents()`` names one document of each kind in the demo data (seed_demo): the
picture-level regression tests and ``manage.py render_documents`` print these.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

# Every demo document says "ข้อมูล ณ วันที่" this day, so its pictures do not change with the clock.
FIXED_NOW = timezone.make_aware(dt.datetime(2026, 11, 28, 9, 0))


def load(ctx: dict) -> dict | None:
    return None


def demo_documents() -> dict:
    """``{name: Target}`` of the six documents the demo data prints (Samut Prakan, FY 2564)."""
    from actionplans.models import ActionPlan
    from committees.models import Province
    from fundproposals.models import Proposal
    from meetings.models import Meeting
    from reports import services
    from reports.choices import ReportKind

    sp = Province.objects.get(code="11")
    meetings = list(Meeting.objects.filter(subcommittee__province=sp, fiscal_year=2564).order_by("starts_at"))
    plan = ActionPlan.objects.filter(subcommittee__province=sp, fiscal_year=2564).order_by("revision").first()
    proposal = Proposal.objects.get(code=f"ปคม/2564/{sp.name_th}/0003")
    return {
        "minutes": services.target_for(ReportKind.MINUTES, object_id=meetings[0].pk),
        "agenda": services.target_for(ReportKind.AGENDA, object_id=meetings[1].pk),
        "proposal": services.target_for(ReportKind.PROPOSAL, object_id=proposal.pk),
        "plan": services.target_for(ReportKind.PLAN, object_id=plan.pk),
        "annual": services.target_for(ReportKind.ANNUAL_PROVINCE, province=sp, fiscal_year=2564),
        "national": services.target_for(ReportKind.NATIONAL_SUMMARY, fiscal_year=2564),
        "packet": services.target_for(ReportKind.PACKET, object_id=meetings[1].pk),
    }


def render(target, *, now=FIXED_NOW) -> bytes:
    """One document's PDF as the worker builds it, dated ``now``."""
    from reports.documents import document_for
    from reports.pdf import render_template_to_pdf

    doc = document_for(target.kind)
    if hasattr(doc, "render"):
        return doc.render(target, title=doc.title(target), generated_at=now).pdf
    context = {**doc.context(target), "title": doc.title(target), "generated_at": now}
    return render_template_to_pdf(doc.template, context).pdf
