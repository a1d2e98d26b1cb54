import pytest

from meetings.quorum import quorum, required_for


@pytest.mark.parametrize(("members", "required"), [(1, 1), (2, 1), (20, 10), (21, 11), (0, 0)])
def test_at_least_half(members, required):
    assert required_for(members) == required


def test_half_present_is_a_quorum():
    assert quorum(current_members=20, present=10).met
    assert not quorum(current_members=20, present=9).met
    assert quorum(current_members=21, present=11).met
    assert not quorum(current_members=21, present=10).met


def test_a_recused_member_neither_counts_nor_is_counted():
    # 21 members, 11 present of whom 1 recused: 20 remain, 10 present, 10 needed
    q = quorum(current_members=21, present=11, recused_present=1)
    assert (q.members, q.present, q.required, q.met) == (20, 10, 10, True)
    # 20 members, 10 present of whom 1 recused: 19 remain, 9 present, 10 needed
    q = quorum(current_members=20, present=10, recused_present=1)
    assert (q.members, q.present, q.required, q.met, q.shortfall) == (19, 9, 10, False, 1)


def test_an_absent_recused_member_lowers_the_bar():
    assert quorum(current_members=20, present=9, recused_absent=2).met


def test_no_members_is_no_quorum():
    assert not quorum(current_members=0, present=0).met


def test_nonsense_counts_are_refused():
    with pytest.raises(ValueError):
        quorum(current_members=5, present=6)
