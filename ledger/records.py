"""What the ledger covers: each kind of record, the fields hashed and where its province is.

A record is read back from the database the same way when it is appended and
when it is verified, so a change made behind the application's back (an SQL
UPDATE) makes the record differ from its last entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    model: str
    fields: tuple[str, ...]
    province: str

    def queryset(self):
        return apps.get_model(self.model)._default_manager.all()

    def snapshots(self, pks: Iterable[int]) -> dict[int, tuple[dict[str, Any], int | None]]:
        """``{pk: (data, province_id)}`` for the records that still exist (one query).

        Asks for the range of ids rather than a list of thousands, which the
        database answers far faster; rows outside ``pks`` are dropped.
        """
        wanted = set(pks)
        if not wanted:
            return {}
        fields = self.fields
        rows = (
            self.queryset().filter(pk__gte=min(wanted), pk__lte=max(wanted)).values_list("pk", self.province, *fields)
        )
        return {r[0]: (dict(zip(fields, r[2:], strict=True)), r[1]) for r in rows if r[0] in wanted}


KINDS: dict[str, Kind] = {
    k.code: k
    for k in (
        Kind(
            "vote",
            "การลงคะแนน",
            "fundproposals.Vote",
            ("ballot_id", "member_id", "choice", "cast_by_id"),
            "ballot__province_id",  # the proposal's province, or the meeting's for an agenda item's decision
        ),
        Kind(
            "ballot",
            "ผลการลงมติ",
            "fundproposals.Ballot",
            (
                "proposal_id",
                "agenda_item_id",
                "mode",
                "state",
                "closed_at",
                "eligible_count",
                "present_count",
                "quorum_required",
                "quorum_met",
                "tally",
                "result",
                "casting_vote",
                "result_text",
            ),
            "province_id",
        ),
        Kind(
            "resolution",
            "มติที่ประชุม",
            "meetings.Resolution",
            ("agenda_item_id", "outcome", "text", "discussion"),
            "agenda_item__meeting__subcommittee__province_id",
        ),
        Kind(
            "minutes",
            "รายงานการประชุมฉบับที่รับรอง",
            "meetings.MinutesVersion",
            (
                "minutes__meeting_id",
                "number",
                "text",
                "content",
                "minutes__adopted_version",
                "minutes__adopted_on",
                "minutes__adoption_method",
                "minutes__adopted_under_item_id",
            ),
            "minutes__meeting__subcommittee__province_id",
        ),
        Kind(
            "fund_decision",
            "ผลการพิจารณาของกองทุน",
            "fundproposals.Proposal",
            ("code", "fund_decision", "fund_approved_amount", "fund_decided_on", "fund_note"),
            "province_id",
        ),
        Kind(
            "secret_receipt",
            "การลงคะแนนลับ (เฉพาะผู้ลงคะแนน)",
            "emeetings.SecretReceipt",
            ("ballot_id", "member_id"),
            "ballot__province_id",
        ),
        Kind(
            "risk_group",
            "กลุ่มจังหวัด",
            "committees.RiskGroupAssignment",
            ("province_id", "fiscal_year", "group", "source_document"),
            "province_id",
        ),
    )
}


def label(kind: str) -> str:
    return KINDS[kind].label if kind in KINDS else kind
