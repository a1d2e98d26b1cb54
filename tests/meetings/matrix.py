"""Every meetings URL: who gets the page in their own province, and a 404 for the other province's."""

from django.core.files.uploadedfile import SimpleUploadedFile

from committees.choices import Role
from meetings import services
from meetings.choices import SectionType
from tests.harness import Page

READERS = frozenset({Role.NATIONAL, Role.SECRETARIAT, Role.CHAIR, Role.MEMBER, Role.VIEWER})
EVERYONE = frozenset({*READERS, Role.PROPOSER})
SECRETARIAT = frozenset({Role.SECRETARIAT})
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"


def _meetings(world, province):
    from tests.meetings.helpers import held, schedule

    users = world.users if province == "own" else world.other_users
    sec = users["secretariat"]
    future = schedule(world, days=10, province=province)
    past = held(world, province=province)
    item = services.add_agenda_item(
        actor=sec, meeting=past, section_type=SectionType.FOR_CONSIDERATION, title=f"แผนปฏิบัติการ {province}"
    )
    paper = services.add_paper(actor=sec, agenda_item=item, file=SimpleUploadedFile("แผน.pdf", PDF))
    services.save_minutes(actor=sec, meeting=past, content={"start_time": "13.30", "items": {}}, base_version=0)
    return {"future": future, "past": past, "item": item, "paper": paper}


def setup(world):
    if getattr(world, "meetings", None):
        return
    world.meetings = {"own": _meetings(world, "own"), "other": _meetings(world, "other")}


def _url(path_for):
    def own(world):
        setup(world)
        return path_for(world.meetings["own"])

    def other(world):
        setup(world)
        return path_for(world.meetings["other"])

    return own, other


def page(name, path_for, allowed, **kw):
    own, other = _url(path_for)
    return Page(name, own, allowed, other=other, setup=setup, **kw)


def _marker(world):
    return "แผนปฏิบัติการ other"


PAGES = [
    Page("meetings:list", lambda w: "/meetings/", EVERYONE, marker=lambda w: w.other.name_th, setup=setup),
    Page("meetings:mine", lambda w: "/meetings/mine/", EVERYONE, marker=lambda w: w.other.name_th, setup=setup),
    Page("meetings:resolutions", lambda w: "/meetings/resolutions/?q=แผน", EVERYONE, marker=_marker, setup=setup),
    Page(
        "meetings:create",
        lambda w: f"/meetings/new/{w.own.code}/",
        SECRETARIAT,
        other=lambda w: f"/meetings/new/{w.other.code}/",
    ),
    page("meetings:detail", lambda m: f"/meetings/{m['past'].pk}/", READERS, marker=_marker),
    page("meetings:edit", lambda m: f"/meetings/{m['future'].pk}/edit/", SECRETARIAT),
    page(
        "meetings:transition",
        lambda m: f"/meetings/{m['future'].pk}/do/cancel/",
        frozenset({Role.SECRETARIAT, Role.CHAIR}),
    ),
    page("meetings:invite", lambda m: f"/meetings/{m['future'].pk}/invite/", SECRETARIAT),
    page("meetings:ics", lambda m: f"/meetings/{m['future'].pk}/calendar.ics", READERS),
    page("meetings:agenda", lambda m: f"/meetings/{m['past'].pk}/agenda/", READERS, marker=_marker),
    page("meetings:attendance", lambda m: f"/meetings/{m['past'].pk}/attendance/", SECRETARIAT),
    page("meetings:attendance-quorum", lambda m: f"/meetings/{m['past'].pk}/attendance/quorum/", SECRETARIAT),
    page("meetings:minutes", lambda m: f"/meetings/{m['past'].pk}/minutes/", READERS, marker=_marker),
    page("meetings:minutes-edit", lambda m: f"/meetings/{m['past'].pk}/minutes/edit/", SECRETARIAT),
    page("meetings:minutes-versions", lambda m: f"/meetings/{m['past'].pk}/minutes/versions/?a=1&b=1", READERS),
    page("meetings:minutes-version", lambda m: f"/meetings/{m['past'].pk}/minutes/versions/1/", READERS),
    page(
        "meetings:minutes-adopt",
        lambda m: f"/meetings/{m['past'].pk}/minutes/adopt/",
        frozenset({Role.SECRETARIAT, Role.CHAIR}),
    ),
    page("meetings:item", lambda m: f"/meetings/items/{m['item'].pk}/", READERS),
    page("meetings:paper", lambda m: f"/meetings/papers/{m['paper'].pk}/", READERS),
]
