from committees.choices import Role
from tests.harness import Page

EVERYONE = frozenset({Role.NATIONAL, Role.SECRETARIAT, Role.CHAIR, Role.MEMBER, Role.PROPOSER, Role.VIEWER})


def _index(world):
    from search.services import rebuild
    from tests.search.helpers import fill_search

    fill_search(world)
    rebuild()


PAGES = [
    Page(
        "search:search",
        lambda w: "/search/?q=เรือ+ประมง",
        EVERYONE,
        marker=lambda w: f"ที่{w.other.name_th}",
        setup=_index,
    ),
]
