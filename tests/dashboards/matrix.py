from committees.choices import Role
from tests.harness import Page

READERS = frozenset({Role.NATIONAL, Role.SECRETARIAT, Role.CHAIR, Role.MEMBER, Role.VIEWER})

PAGES = [
    Page("dashboards:overview", lambda w: "/dashboard/", READERS, marker=lambda w: w.other.name_th),
    Page(
        "dashboards:province",
        lambda w: f"/dashboard/{w.own.code}/",
        READERS,
        other=lambda w: f"/dashboard/{w.other.code}/",
        marker=lambda w: w.other.name_th,
    ),
]
