"""Secret votes (ลงคะแนนลับ) on a fund-proposal ballot.

Who voted is a ``SecretReceipt`` (ballot, member); what was voted only adds one
to a ``SecretTally`` counter (ballot, choice). Nothing stores the pair: no vote
row, no timestamps on the counters, an audit entry and a ledger entry that name
the member but not the choice. Double voting is refused by the receipt's unique
constraint (and checked first under the ballot's row lock). The tally is public
once the ballot closes, as for an open vote.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from committees.choices import Role
from core import audit
from emeetings.models import SecretBallot, SecretReceipt, SecretTally
from fundproposals.choices import VoteChoice

ALREADY_VOTED = gettext_noop("ท่านลงคะแนนลับในเรื่องนี้แล้ว การลงคะแนนลับเปลี่ยนแปลงไม่ได้")


def is_secret(ballot) -> bool:
    """Whether the ballot is secret (asked once per ballot object: the vote pages ask several times)."""
    known = getattr(ballot, "secret_flag_ids", None)  # read with the electorate (``fresh_parts``): no query
    if known is not None:
        return bool(known)
    flag = getattr(ballot, "_secret_flag", None)
    if flag is None:
        flag = ballot._secret_flag = SecretBallot.objects.filter(ballot_id=ballot.pk).exists()
    return flag


def running_count(ballot, *, seat, electorate) -> dict:
    """What the vote pages show of an open secret ballot: how many eligible members voted, and whether the viewer did.

    The running tally itself comes from ``counted`` through the usual preview; no
    list of who voted, no order and no times are shown beside it, so the count
    cannot be matched to a member. Empty for an open (not secret) ballot.
    """
    if not is_secret(ballot):
        return {}
    voters = getattr(ballot, "secret_voter_ids", None)  # read under an entry's lock (``fresh_parts``)
    if voters is None:
        voters = set(SecretReceipt.objects.filter(ballot_id=ballot.pk).values_list("member_id", flat=True))
    voted = seat is not None and seat.pk in voters
    ctx = {"is_secret": True, "voted_count": len(voters & electorate.eligible), "my_secret_vote": voted, "votes": []}
    if voted:
        ctx |= {"can_vote": False, "vote_problem": None}
    return ctx


def fresh_parts(ballot_id: int, seat_ids=()) -> dict:
    """What an entry reads with the electorate, after the ballot's lock, in the same query: whether the
    ballot is secret (``secret_flag_ids``) and which of ``seat_ids`` hold a receipt (``secret_receipt_ids``)."""
    return {
        "secret_flag_ids": (SecretBallot.objects.filter(ballot_id=ballot_id), "ballot_id"),
        "secret_receipt_ids": (
            SecretReceipt.objects.filter(ballot_id=ballot_id, member_id__in=list(seat_ids) or [0]),
            "member_id",
        ),
        # everyone who voted so far: the running count the answering panel shows (``running_count``)
        "secret_voter_ids": (SecretReceipt.objects.filter(ballot_id=ballot_id), "member_id"),
    }


def make_secret(*, actor, ballot) -> SecretBallot:
    """The chair makes an open ballot secret, before anyone has voted."""
    from fundproposals.models import Ballot, Vote

    if Role.CHAIR not in actor.access.roles_in(ballot.province_id):
        raise PermissionDenied(_("เฉพาะประธานเท่านั้นที่กำหนดให้ลงคะแนนลับได้"))
    with transaction.atomic():
        locked = Ballot.objects.select_for_update().get(pk=ballot.pk)
        if not locked.is_open:
            raise ValidationError(_("การลงมตินี้ปิดแล้ว"))
        if Vote.objects.filter(ballot=locked).exists():
            raise ValidationError(_("มีผู้ลงมติแล้ว จึงเปลี่ยนเป็นการลงคะแนนลับไม่ได้"))
        if SecretBallot.objects.filter(ballot=locked).exists():
            raise ValidationError(_("การลงมตินี้เป็นการลงคะแนนลับอยู่แล้ว"))
        secret = SecretBallot(ballot=locked, made_secret_by=actor)
        secret.full_clean()
        secret.save()
        SecretTally.objects.bulk_create([SecretTally(ballot=locked, choice=c) for c in VoteChoice.values])
        audit.record(
            actor=actor,
            action="ballot.secret",
            target=locked.proposal or locked.agenda_item,
            province=locked.province,
            changes={"secret": [False, True]},
        )
    return secret


def cast(*, actor, ballot, seat, choice: str, proposal) -> SecretReceipt:
    """Record that ``seat`` voted and add one to ``choice``; called by ``cast_vote`` under the ballot's lock."""
    import ledger.services

    voted = getattr(ballot, "secret_receipt_ids", None)  # read after the ballot's lock (``fresh_parts``)
    if seat.pk in voted if voted is not None else SecretReceipt.objects.filter(ballot=ballot, member=seat).exists():
        raise ValidationError(_(ALREADY_VOTED))
    receipt = SecretReceipt(ballot=ballot, member=seat)
    receipt.save()
    if getattr(ballot, "secret_voter_ids", None) is not None:
        ballot.secret_voter_ids.add(seat.pk)  # the running count the answering panel shows
    # every counter of the ballot is rewritten (+1 for the choice, +0 for the others), so not even the
    # database's row versions (PostgreSQL's xmin) tell which counter this transaction changed
    touched = SecretTally.objects.filter(ballot=ballot).update(
        count=F("count") + Case(When(choice=choice, then=Value(1)), default=Value(0))
    )
    if touched != len(VoteChoice.values) or choice not in VoteChoice.values:
        raise ValidationError(_("กรุณาเลือกมติ"))
    audit.record(actor=actor, action="ballot.vote_secret", target=proposal, province=proposal.province)
    ledger.services.append(kind="secret_receipt", record=receipt, actor=actor)
    return receipt


def counted(ballot) -> list[SimpleNamespace]:
    """The ballot's votes for counting and quorum: who voted, and the choices as a multiset, never paired."""
    members = sorted(SecretReceipt.objects.filter(ballot=ballot).values_list("member_id", flat=True))
    choices = [
        c
        for c, n in SecretTally.objects.filter(ballot=ballot).order_by("choice").values_list("choice", "count")
        for _ in range(n)
    ]
    if len(members) != len(choices):
        raise ValidationError(_("จำนวนผู้ลงคะแนนลับไม่ตรงกับผลรวม กรุณาแจ้งผู้ดูแลระบบ"))
    return [SimpleNamespace(member_id=m, choice=c) for m, c in zip(members, choices, strict=True)]
