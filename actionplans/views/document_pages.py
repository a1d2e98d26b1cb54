"""Transitions and revisions of plans and situation reports (they share one table)."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from actionplans import selectors, services
from actionplans.forms import TransitionForm
from actionplans.models import ActionPlan
from actionplans.permissions import (
    can_revise_document,
)
from actionplans.views.common import _error_messages
from actionplans.workflow import DOCUMENT_WORKFLOW
from core.permissions import require
from core.workflow import TransitionRefused


def _doc_url(doc):
    return ("actionplans:plan", doc.pk) if isinstance(doc, ActionPlan) else ("actionplans:report", doc.pk)


@require_http_methods(["GET", "POST"])
def _transition(request, doc, name):
    roles = request.user.access.roles_in(doc.subcommittee.province_id)
    if name == "supersede":
        raise Http404
    try:
        t = DOCUMENT_WORKFLOW.get(name)
    except TransitionRefused:
        raise Http404 from None
    # Only someone who may fire it, on a document in a state it leaves, sees the form.
    if doc.state not in t.sources or not t.roles & roles:
        raise Http404
    form = TransitionForm(
        request.POST or None,
        transition=t,
        meetings=selectors.meetings_for_proposal(doc),
        resolutions=selectors.approving_resolutions(doc),
        initial={"resolution": doc.agenda_item.resolution if _has_resolution(doc) else None},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.transition(
                actor=request.user,
                doc=doc,
                name=name,
                meeting=data.get("meeting"),
                resolution=data.get("resolution"),
                reason=data.get("reason", ""),
            )
        except (ValidationError, PermissionDenied) as exc:
            for m in _error_messages(exc):
                form.add_error(None, m)
        else:
            messages.success(request, _("%(label)sแล้ว") % {"label": t.label})
            url_name, pk = _doc_url(doc)
            return redirect(url_name, pk=pk)
    url_name, pk = _doc_url(doc)
    return render(
        request,
        "actionplans/transition_form.html",
        {"form": form, "doc": doc, "transition": t, "back_url_name": url_name},
    )


def _has_resolution(doc) -> bool:
    if doc.agenda_item_id is None:
        return False
    try:
        return doc.agenda_item.resolution is not None
    except ObjectDoesNotExist:  # no resolution recorded yet
        return False


def plan_transition(request, pk, name):
    return _transition(request, selectors.plan_for_user(request.user, pk), name)


def report_transition(request, pk, name):
    return _transition(request, selectors.report_for_user(request.user, pk), name)


@require_http_methods(["GET", "POST"])
def _revise(request, doc, revise):
    require(can_revise_document(request.user, doc, has_open_revision=selectors.has_open_revision(doc)))
    if request.method == "POST":
        try:
            new = revise(actor=request.user, doc=doc)
        except (ValidationError, PermissionDenied) as exc:
            for m in _error_messages(exc):
                messages.error(request, m)
        else:
            messages.success(
                request, _("สร้างฉบับปรับปรุง (ฉบับที่ %(revision)s) แล้ว ฉบับที่เห็นชอบเดิมยังคงอยู่") % {"revision": new.revision}
            )
            return redirect(_doc_url(new)[0], pk=new.pk)
    return render(request, "actionplans/revise_confirm.html", {"doc": doc, "back_url_name": _doc_url(doc)[0]})


def plan_revise(request, pk):
    return _revise(
        request,
        selectors.plan_for_user(request.user, pk),
        lambda *, actor, doc: services.revise_plan(actor=actor, plan=doc),
    )


def report_revise(request, pk):
    return _revise(
        request,
        selectors.report_for_user(request.user, pk),
        lambda *, actor, doc: services.revise_situation_report(actor=actor, report=doc),
    )
