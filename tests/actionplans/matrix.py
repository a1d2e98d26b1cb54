from django.core.files.uploadedfile import SimpleUploadedFile

from actionplans import services
from committees.choices import Role
from tests.actionplans import helpers
from tests.harness import Page

READERS = frozenset({Role.NATIONAL, Role.SECRETARIAT, Role.CHAIR, Role.MEMBER, Role.VIEWER})
EVERYONE = frozenset({*READERS, Role.PROPOSER})
SECRETARIAT = frozenset({Role.SECRETARIAT})

FIGURES = {
    "cases_sexual": 2,
    "cases_forced_labour": 1,
    "victims_total": 5,
    "victims_male": 2,
    "victims_female": 3,
    "victims_child": 1,
    "victims_adult": 4,
    "victims_assisted": 5,
}
NATIONALITIES = {"thai": 3, "myanmar": 2}
# The smallest valid PNG (1x1 pixel).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def png(name="photo.png"):
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def _plans(world):
    """A draft plan with one activity and progress, and an approved one, in each province."""
    if getattr(world, "ap", None):
        return
    sec, other_sec = world.users[Role.SECRETARIAT], world.other_users[Role.SECRETARIAT]
    own = helpers.plan(world, fiscal_year=2567)
    other = helpers.plan(world, sc=world.other_sc, fiscal_year=2567)
    own_act, other_act = own.activities.get(), other.activities.get()
    files = {}
    for key, act, actor in (("own", own_act, sec), ("other", other_act, other_sec)):
        progress = services.record_progress(
            actor=actor,
            activity=act,
            quarter=1,
            done="ดำเนินการแล้ว",
            quantity_achieved=1,
            budget_spent=0,
            files=[png()],
        )
        files[key] = progress.attachments.get()
    own_approved = helpers.approve(helpers.plan(world, fiscal_year=2566), world)
    other_approved = helpers.approve(helpers.plan(world, sc=world.other_sc, fiscal_year=2566), world, actor=other_sec)
    own_report = services.create_situation_report(
        actor=sec, subcommittee=world.own_sc, year=2566, figures=FIGURES, nationalities=NATIONALITIES, narrative={}
    )
    other_report = services.create_situation_report(
        actor=other_sec,
        subcommittee=world.other_sc,
        year=2566,
        figures=FIGURES,
        nationalities=NATIONALITIES,
        narrative={"situation": "ยะลาเฉพาะ"},
    )
    own_report_ok = helpers.approve(
        services.create_situation_report(
            actor=sec, subcommittee=world.own_sc, year=2565, figures=FIGURES, nationalities=NATIONALITIES, narrative={}
        ),
        world,
    )
    other_report_ok = helpers.approve(
        services.create_situation_report(
            actor=other_sec,
            subcommittee=world.other_sc,
            year=2565,
            figures=FIGURES,
            nationalities=NATIONALITIES,
            narrative={},
        ),
        world,
        actor=other_sec,
    )
    world.ap = {
        "own": own,
        "other": other,
        "own_act": own_act,
        "own_file": files["own"],
        "other_file": files["other"],
        "other_act": other_act,
        "own_approved": own_approved,
        "other_approved": other_approved,
        "own_report": own_report,
        "other_report": other_report,
        "own_report_ok": own_report_ok,
        "other_report_ok": other_report_ok,
    }


def _p(key, fmt):
    return lambda w: fmt.format(w.ap[key].pk)


PAGES = [
    Page("actionplans:list", lambda w: "/plans/", READERS, marker=lambda w: w.other.name_th, setup=_plans),
    Page("actionplans:status", lambda w: "/plans/status/?fiscal_year=2567", frozenset({Role.NATIONAL}), setup=_plans),
    Page(
        "actionplans:plan-create",
        lambda w: f"/plans/new/{w.own.code}/",
        SECRETARIAT,
        other=lambda w: f"/plans/new/{w.other.code}/",
    ),
    Page("actionplans:plan", _p("own", "/plans/{}/"), READERS, other=_p("other", "/plans/{}/"), setup=_plans),
    Page(
        "actionplans:activity-add",
        _p("own", "/plans/{}/activities/add/"),
        SECRETARIAT,
        other=_p("other", "/plans/{}/activities/add/"),
        setup=_plans,
    ),
    Page(
        "actionplans:plan-revise",
        _p("own_approved", "/plans/{}/revise/"),
        SECRETARIAT,
        other=_p("other_approved", "/plans/{}/revise/"),
        setup=_plans,
    ),
    Page(
        "actionplans:plan-transition",
        _p("own", "/plans/{}/do/propose/"),
        SECRETARIAT,
        other=_p("other", "/plans/{}/do/propose/"),
        setup=_plans,
    ),
    Page(
        "actionplans:activity-edit",
        _p("own_act", "/plans/activities/{}/edit/"),
        SECRETARIAT,
        other=_p("other_act", "/plans/activities/{}/edit/"),
        setup=_plans,
    ),
    Page(
        "actionplans:progress-edit",
        _p("own_act", "/plans/activities/{}/progress/1/"),
        SECRETARIAT,
        other=_p("other_act", "/plans/activities/{}/progress/1/"),
        setup=_plans,
    ),
    Page(
        "actionplans:progress-file",
        _p("own_file", "/plans/files/{}/"),
        READERS,
        other=_p("other_file", "/plans/files/{}/"),
        setup=_plans,
    ),
    Page(
        "actionplans:report-list",
        lambda w: "/plans/situation/",
        READERS,
        marker=lambda w: "ยะลาเฉพาะ",
        setup=_plans,
    ),
    Page(
        "actionplans:report-create",
        lambda w: f"/plans/situation/new/{w.own.code}/",
        SECRETARIAT,
        other=lambda w: f"/plans/situation/new/{w.other.code}/",
    ),
    Page(
        "actionplans:report",
        _p("own_report", "/plans/situation/{}/"),
        READERS,
        other=_p("other_report", "/plans/situation/{}/"),
        marker=lambda w: "ยะลาเฉพาะ",
        setup=_plans,
    ),
    Page(
        "actionplans:report-edit",
        _p("own_report", "/plans/situation/{}/edit/"),
        SECRETARIAT,
        other=_p("other_report", "/plans/situation/{}/edit/"),
        setup=_plans,
    ),
    Page(
        "actionplans:report-revise",
        _p("own_report_ok", "/plans/situation/{}/revise/"),
        SECRETARIAT,
        other=_p("other_report_ok", "/plans/situation/{}/revise/"),
        setup=_plans,
    ),
    Page(
        "actionplans:report-transition",
        _p("own_report", "/plans/situation/{}/do/propose/"),
        SECRETARIAT,
        other=_p("other_report", "/plans/situation/{}/do/propose/"),
        setup=_plans,
    ),
]
