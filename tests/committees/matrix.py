from committees.choices import Role
from core import audit
from tests.harness import Page

READERS = frozenset({Role.NATIONAL, Role.SECRETARIAT, Role.CHAIR, Role.MEMBER, Role.VIEWER})
EVERYONE = frozenset({*READERS, Role.PROPOSER})


def _other_audit(world):
    audit.record(actor=None, action="test.other", target=world.other_sc, province=world.other)
    audit.record(actor=None, action="test.own", target=world.own_sc, province=world.own)


PAGES = [
    Page("home", lambda w: "/", EVERYONE, marker=lambda w: w.other.name_th),
    Page("committees:provinces", lambda w: "/provinces/", EVERYONE, marker=lambda w: w.other.name_th),
    Page(
        "committees:province",
        lambda w: f"/provinces/{w.own.code}/",
        READERS,
        other=lambda w: f"/provinces/{w.other.code}/",
        marker=lambda w: w.other.name_th,
    ),
    Page(
        "committees:subcommittee-edit",
        lambda w: f"/provinces/{w.own.code}/subcommittee/",
        frozenset({Role.SECRETARIAT}),
        other=lambda w: f"/provinces/{w.other.code}/subcommittee/",
    ),
    Page(
        "committees:member-add",
        lambda w: f"/provinces/{w.own.code}/members/add/",
        frozenset({Role.SECRETARIAT}),
        other=lambda w: f"/provinces/{w.other.code}/members/add/",
    ),
    Page(
        "committees:member-edit",
        lambda w: f"/members/{w.seats['own']['member'].pk}/edit/",
        frozenset({Role.SECRETARIAT}),
        other=lambda w: f"/members/{w.seats['other']['member'].pk}/edit/",
    ),
    Page("committees:risk-groups", lambda w: "/risk-groups/2567/", frozenset({Role.NATIONAL})),
    Page("committees:risk-group-import", lambda w: "/risk-groups/import/", frozenset({Role.NATIONAL})),
    Page(
        "committees:audit",
        lambda w: "/audit/",
        frozenset({Role.NATIONAL, Role.SECRETARIAT}),
        other=lambda w: f"/audit/?province={w.other.code}",
        marker=lambda w: w.other_sc.name,
        setup=_other_audit,
    ),
]
