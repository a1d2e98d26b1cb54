"""The page "ตรวจสอบความถูกต้องของบันทึก": the whole chain, or one entry by its number or hash."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.permissions import require
from ledger import verify
from ledger.models import Head
from ledger.permissions import can_verify_ledger, can_view_entry
from ledger.records import label


def _shown(user, problems):
    """Problems of provinces the user may not read are shown by entry number only."""
    access = user.access
    out = []
    for p in sorted(problems, key=lambda p: p.seq):
        visible = p.province_id is None or access.can_read_province(p.province_id)
        out.append({"seq": p.seq, "message": p.message, "what": p.what if visible else ""})
    return out


@require_GET
def verify_page(request):
    require(can_verify_ledger(request.user))
    head = Head.objects.filter(pk=1).first()
    ref = request.GET.get("entry", "").strip()
    ctx = {"head": head, "ref": ref, "report": None, "entry": None, "not_found": False}
    if ref:
        entry = verify.find_entry(ref)
        if entry is None or not can_view_entry(request.user, entry):
            ctx["not_found"] = True
        else:
            ctx["entry"] = entry
            ctx["entry_label"] = label(entry.kind)
            ctx["report"] = verify.verify_entry(entry)
    elif request.GET.get("all"):
        ctx["report"] = verify.verify_chain()
    if ctx["report"] is not None:
        ctx["problems"] = _shown(request.user, ctx["report"].problems)
        ctx["first"] = ctx["problems"][0] if ctx["problems"] else None
    return render(request, "ledger/verify.html", ctx)
