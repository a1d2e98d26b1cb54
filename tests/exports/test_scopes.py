import pytest

from committees.choices import Role
from exports.datasets import DATASETS
from tests.exports.helpers import fill, rows_of
from tests.world import ROLES

READERS = {Role.NATIONAL, Role.SECRETARIAT, Role.CHAIR, Role.MEMBER, Role.VIEWER}
# What each role may export; everyone else gets the same 404 a missing page gives.
ALLOWED = dict.fromkeys(DATASETS, READERS)
# the province list is a page everyone has (a proposer's shows no province): so is its export
ALLOWED["proposals"] = ALLOWED["budget-lines"] = ALLOWED["provinces"] = {*READERS, Role.PROPOSER}
ALLOWED["national-status"] = {Role.NATIONAL}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_export_for_every_role_holds_no_row_of_another_province(world, client_for, fmt):
    fill(world)
    problems = []
    for side, users, _own, other in (
        ("own", world.users, world.own, world.other),
        ("other", world.other_users, world.other, world.own),
    ):
        for role in ROLES:
            client = client_for(users[role])
            for kind in DATASETS:
                resp = client.get(f"/exports/{kind}.{fmt}")
                if role not in ALLOWED[kind]:
                    if resp.status_code != 404:
                        problems.append(f"{side} {role} {kind}: {resp.status_code}, expected 404")
                    continue
                if resp.status_code != 200:
                    problems.append(f"{side} {role} {kind}: {resp.status_code}")
                    continue
                rows = rows_of(resp)[1:]
                text = [" ".join(str(c) for c in r if c is not None) for r in rows]
                if not rows and not (role == Role.PROPOSER and kind == "provinces"):
                    problems.append(f"{side} {role} {kind}: no rows at all")
                if role == Role.NATIONAL:
                    if not any(other.name_th in t for t in text) and kind != "national-status":
                        problems.append(f"{side} national {kind}: misses {other.name_th}")
                elif any(other.name_th in t for t in text):
                    problems.append(f"{side} {role} {kind}: {other.name_th} leaked")
    assert problems == []
