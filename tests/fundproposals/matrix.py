"""Every fund proposal URL x every role x own province / Yala.

The own-province proposals belong to the world's proposer; a proposer who does
not own one is checked in ``test_scopes``.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from committees.choices import Role
from fundproposals.choices import ProposalState
from tests.harness import Page

ALL = frozenset({Role.NATIONAL, Role.SECRETARIAT, Role.CHAIR, Role.MEMBER, Role.PROPOSER, Role.VIEWER})
OTHER_TITLE = "โครงการของจังหวัดยะลาที่ต้องไม่ปรากฏ"


def _p(world, side: str, state: str, **kw):
    """One proposal per (province, state), made on first use."""
    from tests.fundproposals.helpers import complete_proposal

    cache = world.__dict__.setdefault("_fp", {})
    key = (side, state, tuple(sorted(kw)))
    if key not in cache:
        province = world.own if side == "own" else world.other
        title = OTHER_TITLE if side == "other" else "โครงการทดสอบสิทธิ์"
        cache[key] = complete_proposal(world, province=province, state=state, title=title, **kw)
    return cache[key]


def _ballot(world, side: str):
    from tests.fundproposals.helpers import voting_proposal

    cache = world.__dict__.setdefault("_fpb", {})
    if side not in cache:
        province = world.own if side == "own" else world.other
        _, cache[side] = voting_proposal(world, province=province)
    return cache[side]


def _file(world, side: str):
    from core.uploads import validate_upload
    from fundproposals.models import Attachment

    cache = world.__dict__.setdefault("_fpf", {})
    if side not in cache:
        p = _p(world, side, ProposalState.DRAFT)
        f = SimpleUploadedFile("เอกสาร.pdf", b"%PDF-1.4\n%%EOF\n")
        info = validate_upload(f)
        att = Attachment(proposal=p, uploaded_by=p.proposer)
        from core.uploads import fill_stored_file

        fill_stored_file(att, f, info)
        att.save()
        cache[side] = att
    return cache[side]


def _url(state: str, suffix: str = "", **kw):
    def own(world):
        return f"/proposals/{_p(world, 'own', state, **kw).pk}/{suffix}"

    def other(world):
        return f"/proposals/{_p(world, 'other', state, **kw).pk}/{suffix}"

    return own, other


def page(name, state, suffix, allowed, **kw):
    own, other = _url(state, suffix, **kw)
    return Page(name, own, frozenset(allowed), other=other)


def _other_list_setup(world):
    _p(world, "other", ProposalState.SUBMITTED)
    _p(world, "own", ProposalState.SUBMITTED)


S = ProposalState
PAGES = [
    Page("fundproposals:list", lambda w: "/proposals/", ALL, marker=lambda w: OTHER_TITLE, setup=_other_list_setup),
    Page("fundproposals:create", lambda w: "/proposals/new/", frozenset({Role.SECRETARIAT, Role.PROPOSER})),
    page("fundproposals:detail", S.SUBMITTED, "", ALL),
    page("fundproposals:edit", S.DRAFT, "edit/general/", {Role.PROPOSER, Role.SECRETARIAT}),
    Page(
        "fundproposals:file",
        lambda w: f"/proposals/{_file(w, 'own').proposal_id}/files/{_file(w, 'own').pk}/",
        ALL,
        other=lambda w: f"/proposals/{_file(w, 'other').proposal_id}/files/{_file(w, 'other').pk}/",
    ),
    page("fundproposals:step", S.DRAFT, "step/submit/", {Role.PROPOSER, Role.SECRETARIAT}),
    page("fundproposals:check", S.SUBMITTED, "check/", {Role.SECRETARIAT}),
    page("fundproposals:revisions", S.SUBMITTED, "revisions/", ALL),
    page("fundproposals:review", S.UNDER_REVIEW, "review/", {Role.MEMBER, Role.CHAIR}),
    page("fundproposals:table", S.UNDER_REVIEW, "table/", {Role.SECRETARIAT}),
    page("fundproposals:circulate", S.UNDER_REVIEW, "circulate/", {Role.SECRETARIAT}),
    page("fundproposals:open-ballot", S.TABLED, "ballot/", {Role.SECRETARIAT, Role.CHAIR}),
    page("fundproposals:fund-decision", S.FORWARDED, "fund-decision/", {Role.SECRETARIAT, Role.NATIONAL}),
    page(
        "fundproposals:contract",
        S.FUND_DECIDED,
        "contract/",
        {Role.SECRETARIAT, Role.NATIONAL},
        fund_decision="approved",
    ),
    page("fundproposals:report", S.CONTRACTED, "report/", {Role.PROPOSER, Role.SECRETARIAT}, fund_decision="approved"),
    page("fundproposals:photos", S.CONTRACTED, "photos/", {Role.PROPOSER, Role.SECRETARIAT}, fund_decision="approved"),
    Page(
        "fundproposals:vote",
        lambda w: f"/proposals/ballots/{_ballot(w, 'own').pk}/",
        ALL,
        other=lambda w: f"/proposals/ballots/{_ballot(w, 'other').pk}/",
    ),
    Page(
        "fundproposals:close",
        lambda w: f"/proposals/ballots/{_ballot(w, 'own').pk}/close/",
        frozenset({Role.CHAIR, Role.SECRETARIAT, Role.MEMBER}),  # the subcommittee follows the count
        other=lambda w: f"/proposals/ballots/{_ballot(w, 'other').pk}/close/",
    ),
    Page(
        "fundproposals:record",
        lambda w: f"/proposals/ballots/{_ballot(w, 'own').pk}/record/",
        frozenset({Role.SECRETARIAT}),  # the secretariat records the room's votes
        other=lambda w: f"/proposals/ballots/{_ballot(w, 'other').pk}/record/",
    ),
]
