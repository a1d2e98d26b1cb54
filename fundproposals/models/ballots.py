"""Ballots (a decision in a meeting or by circulation), members' votes and show-of-hands counts."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from committees.models import Member, Province
from core.limits import LongTextField
from core.models import TimeStampedModel
from fundproposals.choices import (
    BallotMode,
    BallotState,
    Decision,
    VoteChannel,
    VoteChoice,
    VoteMethod,
)
from fundproposals.models.proposals import Proposal


class Ballot(TimeStampedModel):
    """A decision: on one proposal, in a meeting (on its agenda item) or by circulation (เวียนมติ);
    or on any agenda item that needs one (a plan, a situation report, a section 5/6 item), ``proposal`` empty.
    """

    proposal = models.ForeignKey(Proposal, null=True, blank=True, on_delete=models.PROTECT, related_name="ballots")
    # whose decision it is: the proposal's province, or the meeting's (filled when the ballot opens)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="+", verbose_name="จังหวัด")
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ballots",
        verbose_name=gettext_lazy("ระเบียบวาระ"),
    )
    mode = models.CharField(gettext_lazy("วิธีลงมติ"), max_length=20, choices=BallotMode.choices)
    method = models.CharField(
        gettext_lazy("วิธีออกเสียง"), max_length=20, choices=VoteMethod.choices, default=VoteMethod.DEVICES
    )
    state = models.CharField(
        gettext_lazy("สถานะ"), max_length=10, choices=BallotState.choices, default=BallotState.OPEN
    )
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    deadline = models.DateTimeField(gettext_lazy("ลงมติได้ถึง"), null=True, blank=True)
    closed_at = models.DateTimeField(gettext_lazy("ปิดเมื่อ"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # the result, written once when the ballot closes
    eligible_count = models.PositiveSmallIntegerField(gettext_lazy("ผู้มีสิทธิ์ลงมติ"), null=True, blank=True)
    present_count = models.PositiveSmallIntegerField(gettext_lazy("ผู้ร่วมลงมติ/มาประชุม"), null=True, blank=True)
    quorum_required = models.PositiveSmallIntegerField(gettext_lazy("องค์ประชุมที่ต้องมี"), null=True, blank=True)
    quorum_met = models.BooleanField(gettext_lazy("ครบองค์ประชุม"), null=True, blank=True)
    tally = models.JSONField(gettext_lazy("ผลการนับคะแนน"), default=dict, blank=True)
    result = models.CharField(gettext_lazy("มติ"), max_length=20, choices=Decision.choices, blank=True)
    casting_vote = models.CharField(
        gettext_lazy("ประธานชี้ขาด"),
        max_length=20,
        choices=Decision.choices,
        blank=True,
        help_text=gettext_lazy("เมื่อคะแนนเสียงเท่ากัน"),
    )
    result_text = LongTextField(gettext_lazy("ข้อความมติ"), blank=True)
    # A circulated vote is reported at the next meeting under เรื่องเพื่อทราบ (and so reaches its minutes).
    reported_under_item = models.ForeignKey(
        "meetings.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reported_ballots",
        verbose_name=gettext_lazy("รายงานต่อที่ประชุมในระเบียบวาระ"),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = gettext_lazy("การลงมติ")
        verbose_name_plural = gettext_lazy("การลงมติ")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal"], condition=Q(state=BallotState.OPEN), name="one_open_ballot_per_proposal"
            ),
            models.UniqueConstraint(
                fields=["agenda_item"], condition=Q(state=BallotState.OPEN), name="one_open_ballot_per_item"
            ),
            # a decision without a proposal is an agenda item's, taken in the meeting
            models.CheckConstraint(
                condition=Q(proposal__isnull=False) | Q(mode=BallotMode.MEETING, agenda_item__isnull=False),
                name="ballot_has_a_subject",
            ),
            models.CheckConstraint(condition=Q(state__in=BallotState.values), name="ballot_state_valid"),
            models.CheckConstraint(
                condition=Q(mode=BallotMode.CIRCULATION, deadline__isnull=False, agenda_item__isnull=True)
                | Q(mode=BallotMode.MEETING, agenda_item__isnull=False),
                name="ballot_mode_fields",
            ),
            models.CheckConstraint(
                condition=Q(state=BallotState.OPEN) | Q(closed_at__isnull=False), name="closed_ballot_has_time"
            ),
            models.CheckConstraint(condition=Q(method__in=VoteMethod.values), name="ballot_method_valid"),
            # members vote online in a circulation: no room, so no counts, roll call or consensus
            models.CheckConstraint(
                condition=Q(mode=BallotMode.MEETING) | Q(method=VoteMethod.DEVICES), name="circulation_on_devices"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_mode_display()}: {self.proposal if self.proposal_id else self.agenda_item}"

    def save(self, *args, **kwargs):
        # the province is a copy of the proposal's or the meeting's, so a caller that names neither still works
        if self.province_id is None:
            self.province_id = (
                self.proposal.province_id if self.proposal_id else self.agenda_item.meeting.subcommittee.province_id
            )
        super().save(*args, **kwargs)

    @property
    def subject_title(self) -> str:
        """What is decided: the proposal's title, or the agenda item's."""
        return self.proposal.title if self.proposal_id else self.agenda_item.title

    @property
    def is_open(self) -> bool:
        return self.state == BallotState.OPEN

    @property
    def tally_rows(self) -> list[tuple[str, int]]:
        """``[(label, votes)]`` in the ministry's order, abstentions last."""
        return [(VoteChoice(k).label, self.tally.get(k, 0)) for k in VoteChoice.values] if self.tally else []

    @property
    def deadline_passed(self) -> bool:
        return bool(self.deadline and timezone.now() >= self.deadline)


class Vote(models.Model):
    """One entry of the decision: whose vote, what, who entered it, when and through which channel.

    Changed in place until the ballot closes (``updated_at``, the audit log keeps
    every change). A vote the member cast themselves (``channel`` device) locks the
    secretariat out of entering one for them. A later secret mode keeps the same
    row as the record that the member took part (with ``choice`` blank) and
    stores the choice apart, unlinked; the tally reads choices through
    ``fundproposals.decision.choices`` only, so it would not change.
    """

    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="votes")
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="proposal_votes", verbose_name=gettext_lazy("อนุกรรมการ")
    )
    choice = models.CharField(gettext_lazy("ลงมติ"), max_length=20, choices=VoteChoice.choices)
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("ผู้บันทึก")
    )
    channel = models.CharField(
        gettext_lazy("ช่องทาง"), max_length=20, choices=VoteChannel.choices, default=VoteChannel.DEVICE
    )
    created_at = models.DateTimeField(gettext_lazy("ลงมติครั้งแรกเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(gettext_lazy("แก้ไขล่าสุดเมื่อ"), auto_now=True)

    class Meta:
        ordering = ["ballot", "member__order", "id"]
        verbose_name = gettext_lazy("การลงคะแนน")
        verbose_name_plural = gettext_lazy("การลงคะแนน")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "member"], name="one_vote_per_member_per_ballot"),
            models.CheckConstraint(condition=Q(choice__in=VoteChoice.values), name="vote_choice_valid"),
            models.CheckConstraint(condition=Q(channel__in=VoteChannel.values), name="vote_channel_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.member.full_name}: {self.get_choice_display()}"


class HandCount(models.Model):
    """A show of hands as the secretariat counted it: every entry kept, the latest is the count."""

    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="hand_counts")
    counts = models.JSONField(gettext_lazy("จำนวนเสียง"), default=dict)
    """``{choice: n}`` for every ``VoteChoice``."""
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("ผู้บันทึก")
    )
    entered_at = models.DateTimeField(gettext_lazy("บันทึกเมื่อ"), auto_now_add=True)

    class Meta:
        ordering = ["ballot", "-entered_at", "-id"]
        verbose_name = gettext_lazy("การนับคะแนนยกมือ")
        verbose_name_plural = gettext_lazy("การนับคะแนนยกมือ")

    def __str__(self) -> str:
        return f"{self.ballot}: {self.counts}"
