"""The proposal page's head: who may see it, the facts its buttons are decided on, and versions of
everything the page shows, in one query (issue #12).

The page's body (every card but the report button) is drawn once per version, per set of the reader's
flags and per language, and kept in the cache (``fundproposals.views.proposals``); the ballot cards
apart, under their own versions, since a vote changes them and nothing else. So the versions must
change whenever anything the body shows changes. They are digests, computed by PostgreSQL from the
rows themselves (their full text, not a timestamp), so no write path can be missed, whether it goes
through ``save()``, ``QuerySet.update`` or ``bulk_create``:

- the proposal's own row (every field, the checklist, the decision, the fund's answer, the report),
  its pillars, activities, budget lines, attachments;
- its province's name, the proposer's and the previous project's names;
- its agenda item, that item's section (the number), meeting (its label and state), subcommittee
  (the meeting's name) and resolution;
- its reviews with their members' names and positions;
- its ballots with their agenda items, sections and meetings, and every vote with its member's name;
- its audit events but the votes (append-only: their number and newest id) and their actors' names.

The versions are read *before* anything the body is drawn from, so a body drawn from data a writer was
still changing is kept under a version that is already gone.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.http import Http404

from fundproposals.models import Proposal

# Every part of a digest in its own place: ``concat`` keeps an empty string for a missing one.
# {person} is a user's names; {events} the proposal's audit events but the votes (the history leaves
# them out); table names are filled in once. Three digests: the body but the ballots; the ballots;
# their votes (shown to the subcommittee only, and changed far more often than the rest).
_TEMPLATE = """
SELECT p.id, p.province_id, p.proposer_id, p.state, p.agenda_item_id, p.code, p.title, sc.province_id,
       ARRAY(SELECT r.member_id FROM {review} r WHERE r.proposal_id = p.id),
       md5(concat(
         p::text, '|',
         (SELECT pr::text FROM {province} pr WHERE pr.id = p.province_id), '|',
         (SELECT {person} FROM {user} u WHERE u.id = p.proposer_id), '|',
         (SELECT concat_ws('~', pp.code, pp.title) FROM {proposal} pp WHERE pp.id = p.previous_project_id), '|',
         ai::text, '|', par::text, '|', m::text, '|', sc::text, '|', res::text, '|',
         (SELECT string_agg(x::text, ',' ORDER BY x.id) FROM {pillar} x WHERE x.proposal_id = p.id), '|',
         (SELECT string_agg(x::text, ',' ORDER BY x.id) FROM {activity} x WHERE x.proposal_id = p.id), '|',
         (SELECT string_agg(x::text, ',' ORDER BY x.id) FROM {line} x WHERE x.proposal_id = p.id), '|',
         (SELECT string_agg(x::text, ',' ORDER BY x.id) FROM {attachment} x WHERE x.proposal_id = p.id), '|',
         (SELECT string_agg(concat_ws('~', r::text, mb.full_name, mb.position), ',' ORDER BY r.id)
            FROM {review} r JOIN {member} mb ON mb.id = r.member_id WHERE r.proposal_id = p.id), '|',
         (SELECT concat_ws('~', count(*), max(e.id)) FROM {events}), '|',
         (SELECT string_agg({person}, ',' ORDER BY u.id) FROM {user} u
            WHERE u.id IN (SELECT e.actor_id FROM {events}))
       )),
       (SELECT md5(string_agg(concat_ws('~', b::text, bi::text, bp::text, bm::text), ',' ORDER BY b.id))
          FROM {ballot} b LEFT JOIN {item} bi ON bi.id = b.agenda_item_id
          LEFT JOIN {item} bp ON bp.id = bi.parent_id LEFT JOIN {meeting} bm ON bm.id = bi.meeting_id
         WHERE b.proposal_id = p.id),
       (SELECT md5(string_agg(concat_ws('~', v::text, mb.full_name), ',' ORDER BY v.id))
          FROM {vote} v JOIN {ballot} b ON b.id = v.ballot_id JOIN {member} mb ON mb.id = v.member_id
         WHERE b.proposal_id = p.id)
  FROM {proposal} p
  LEFT JOIN {item} ai ON ai.id = p.agenda_item_id
  LEFT JOIN {item} par ON par.id = ai.parent_id
  LEFT JOIN {meeting} m ON m.id = ai.meeting_id
  LEFT JOIN {subcommittee} sc ON sc.id = m.subcommittee_id
  LEFT JOIN {resolution} res ON res.agenda_item_id = ai.id
 WHERE p.id = %(pk)s
"""
_TABLES = {
    "proposal": "fundproposals.Proposal",
    "pillar": "fundproposals.ProposalPillar",
    "activity": "fundproposals.Activity",
    "line": "fundproposals.BudgetLine",
    "attachment": "fundproposals.Attachment",
    "review": "fundproposals.Review",
    "ballot": "fundproposals.Ballot",
    "vote": "fundproposals.Vote",
    "province": "committees.Province",
    "member": "committees.Member",
    "subcommittee": "committees.Subcommittee",
    "user": "accounts.User",
    "item": "meetings.AgendaItem",
    "meeting": "meetings.Meeting",
    "resolution": "meetings.Resolution",
    "audit": "core.AuditEvent",
}
_HEAD_FIELDS = ("id", "province_id", "proposer_id", "state", "agenda_item_id", "code", "title")
_SQL: str | None = None


def _sql() -> str:
    """The head query, built once per process from the models' table names (values stay parameters)."""
    global _SQL
    if _SQL is None:
        from django.apps import apps

        names = {k: connection.ops.quote_name(apps.get_model(v)._meta.db_table) for k, v in _TABLES.items()}
        names["person"] = "concat_ws('~', u.id, u.username, u.first_name, u.last_name, u.full_name)"
        names["events"] = (
            "{audit} e WHERE e.target_type_id = %(ct)s AND e.target_id = p.id::text AND e.action <> 'ballot.vote'"
        ).format(**names)
        _SQL = _TEMPLATE.format(**names)
    return _SQL


@dataclass(frozen=True)
class ProposalHead:
    """What the page decides its flags on, without loading the proposal: ``proposal`` is a partial
    instance (id, province, proposer, state, agenda item, code, title; other fields load on use)."""

    proposal: Proposal
    meeting_province_id: int | None
    reviewer_ids: frozenset[int]
    version: str
    """Everything the body shows but the ballots ("" when there is no digest: draw every time)."""
    ballots_version: str = ""
    """The proposal's ballots with their agenda items and meetings ("none" when there is none)."""
    votes_version: str = ""
    """Every vote on them with its member's name ("none" when there is none)."""


def proposal_head(user, pk: int) -> ProposalHead:
    """The head of one proposal ``user`` may see (``visible_proposals``' rule); otherwise 404."""
    from fundproposals.permissions import can_view_proposal

    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute(_sql(), {"pk": pk, "ct": ContentType.objects.get_for_model(Proposal).pk})
            row = cur.fetchone()
        if row is None:
            raise Http404("ไม่พบโครงการ")
        known = dict(zip(_HEAD_FIELDS, row[:7], strict=True))
        fields = [f.attname for f in Proposal._meta.concrete_fields if f.attname in known]  # the model's order
        proposal = Proposal.from_db(connection.alias, fields, [known[f] for f in fields])
        meeting_province_id, reviewers, version = row[7], frozenset(row[8] or ()), row[9]
        ballots_version, votes_version = row[10] or "none", row[11] or "none"
    else:  # the embedded SQLite default: no digest, so no version (the body is drawn every time)
        proposal = Proposal.objects.select_related("agenda_item__meeting__subcommittee").filter(pk=pk).first()
        if proposal is None:
            raise Http404("ไม่พบโครงการ")
        item = proposal.agenda_item
        meeting_province_id = item.meeting.subcommittee.province_id if item else None
        reviewers = frozenset(proposal.reviews.values_list("member_id", flat=True))
        version = ballots_version = votes_version = ""
    if not can_view_proposal(user, proposal):
        raise Http404("ไม่พบโครงการ")
    return ProposalHead(proposal, meeting_province_id, reviewers, version, ballots_version, votes_version)


def flags_key(flags: dict) -> str:
    """A short key part for the reader's flags (booleans and the action names)."""
    text = ";".join(f"{k}={v}" for k, v in sorted(flags.items()))
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
