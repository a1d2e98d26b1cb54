"""Every e-meeting URL: who gets it in their own province; the other province's meeting is a 404."""

from django.core.files.uploadedfile import SimpleUploadedFile

from committees.choices import Role
from emeetings import services
from tests.harness import Page

READERS = frozenset({Role.NATIONAL, Role.SECRETARIAT, Role.CHAIR, Role.MEMBER, Role.VIEWER})
EVIDENCE = frozenset({Role.NATIONAL, Role.SECRETARIAT, Role.CHAIR})
SECRETARIAT = frozenset({Role.SECRETARIAT})


def _side(world, province):
    from tests.meetings.helpers import held

    users = world.users if province == "own" else world.other_users
    meeting = held(world, province=province)
    rec = services.add_recording(
        actor=users[Role.SECRETARIAT], meeting=meeting, upload=SimpleUploadedFile(f"{province}.mp4", b"\x00" * 64)
    )
    return {"meeting": meeting, "recording": rec}


def setup(world):
    if getattr(world, "emeetings", None):
        return
    world.emeetings = {"own": _side(world, "own"), "other": _side(world, "other")}


def with_bundles(world):
    """A ready evidence bundle on each side (built here, as the worker would)."""
    from emeetings import evidence

    setup(world)
    for side in ("own", "other"):
        d = world.emeetings[side]
        if "bundle" not in d:
            users = world.users if side == "own" else world.other_users
            bundle = services.request_evidence(actor=users[Role.SECRETARIAT], meeting=d["meeting"])
            d["bundle"] = evidence.build(bundle.pk)


def page(name, path_for, allowed, prepare=setup):
    def own(world):
        prepare(world)
        return path_for(world.emeetings["own"])

    def other(world):
        prepare(world)
        return path_for(world.emeetings["other"])

    return Page(name, own, allowed, other=other, setup=prepare)


PAGES = [
    page("emeetings:room", lambda d: f"/emeetings/{d['meeting'].pk}/", READERS),
    page("emeetings:recording-upload", lambda d: f"/emeetings/{d['meeting'].pk}/recordings/upload/", SECRETARIAT),
    page("emeetings:traffic-csv", lambda d: f"/emeetings/{d['meeting'].pk}/traffic.csv", EVIDENCE),
    page("emeetings:recording", lambda d: f"/emeetings/recordings/{d['recording'].pk}/", READERS),
    page("emeetings:evidence", lambda d: f"/emeetings/{d['meeting'].pk}/evidence/", EVIDENCE),
    page("emeetings:evidence-download", lambda d: f"/emeetings/evidence/{d['bundle'].pk}/", EVIDENCE, with_bundles),
]
