"""``{% report_button kind obj=... province=... fiscal_year=... %}``: what the request-button partial needs."""

from django import template

from reports.choices import OBJECT_KINDS, ReportKind
from reports.permissions import can_request_report

register = template.Library()


@register.simple_tag(takes_context=True)
def report_button(context, kind, obj=None, province=None, fiscal_year=None):
    """A dict with ``allowed`` (may this user ask?), the label and the hidden fields to post."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if kind not in ReportKind.values or user is None or not user.is_authenticated:
        return {"allowed": False}
    if kind in OBJECT_KINDS:
        if obj is None:
            return {"allowed": False}
        province_id = getattr(obj, "province_id", None)
        fields = {"object": obj.pk}
    else:
        province_id = getattr(province, "pk", None)
        fields = {"province": getattr(province, "code", ""), "fiscal_year": fiscal_year or ""}
    allowed = bool(can_request_report(user, kind=kind, province_id=province_id, obj=obj))
    word = kind.endswith("_docx")
    label = ReportKind(kind).label.replace(" (Word)", "")
    return {
        "allowed": allowed,
        "kind": kind,
        "label": label,
        "format": "Word" if word else "PDF",
        "icon": "bi-file-earmark-word" if word else "bi-file-earmark-pdf",
        "fields": fields,
    }
