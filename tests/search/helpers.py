from committees.choices import Role
from tests.actionplans import helpers as plan_helpers
from tests.fundproposals.helpers import complete_proposal


def fill_search(world):
    """In each province: a resolution and a proposal about commercial fishing boats, named for the province."""
    out = {}
    for province, sc, users in (
        (world.own, world.own_sc, world.users),
        (world.other, world.other_sc, world.other_users),
    ):
        actor = users[Role.SECRETARIAT]
        m = plan_helpers.meeting(sc, actor)
        res = plan_helpers.resolution(m, actor, title=f"การตรวจแรงงานในเรือประมงพาณิชย์ที่{province.name_th}")
        p = complete_proposal(
            world,
            province=province,
            title=f"โครงการคุ้มครองลูกเรือประมงพาณิชย์ที่{province.name_th}",
        )
        out[province.code] = {"resolution": res, "proposal": p, "meeting": m}
    return out
