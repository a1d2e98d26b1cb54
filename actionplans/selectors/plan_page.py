# ruff: noqa: S608 - the SQL is built from the models' own table names and constants; values are parameters
"""The plan page's data version: one cheap query whose answer changes whenever anything the page draws changes.

The page draws its heading (title, province, year, revision, risk group, state, the plan it was
copied from, the meeting it went to and the resolution that approved it) and its body (totals by
pillar, the whole-plan summary, activities with their quarterly progress and files, every
revision of the year) once per version, and serves that markup until the version moves (issue
#12: the ORM building the page's queries cost more CPU than PostgreSQL answering them).

The version is read in plain SQL (no ORM compilation) straight from the rows the page shows: for
each table, the number of rows, the newest ``updated_at`` and the sum of every row's ``updated_at``
(a late commit with an older stamp still moves it), and the columns that change without a
``save()`` (an agenda item's order after a swap). The same query says whether the year has an open
revision and a newer one, which the page's buttons need.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache

from django.db import connection

from actionplans.choices import OPEN_STATES
from actionplans.models import ActionPlan, Activity, Progress, ProgressAttachment
from committees.models import Province, RiskGroupAssignment, Subcommittee
from core.cache import stamp_sql
from meetings.models import AgendaItem, Meeting, Resolution


@dataclass(frozen=True)
class PlanVersion:
    """What the version query says about plan ``pk`` (``None`` from ``plan_page_version``: no such plan)."""

    key: str
    has_open_revision: bool
    has_newer_revision: bool


@cache
def _sql(vendor: str) -> str:
    """The version query for ``vendor`` (built once per process from the models' table names)."""
    q = connection.ops.quote_name

    def e(column: str) -> str:
        return stamp_sql(vendor, column)

    plan, act, prog = ActionPlan._meta.db_table, Activity._meta.db_table, Progress._meta.db_table
    files, risk = ProgressAttachment._meta.db_table, RiskGroupAssignment._meta.db_table
    sc, prov = Subcommittee._meta.db_table, Province._meta.db_table
    item, meeting, res = AgendaItem._meta.db_table, Meeting._meta.db_table, Resolution._meta.db_table
    open_states = ", ".join(f"'{s.value}'" for s in OPEN_STATES)
    year = "s.subcommittee_id = p.subcommittee_id AND s.fiscal_year = p.fiscal_year"
    acts = f"FROM {act} a WHERE a.plan_id = p.id"
    progs = f"FROM {prog} g JOIN {act} a ON a.id = g.activity_id WHERE a.plan_id = p.id"
    # the meeting items the heading names: where the plan was proposed, and where it was resolved
    items = (
        f"FROM {item} i JOIN {meeting} m ON m.id = i.meeting_id LEFT JOIN {item} par ON par.id = i.parent_id "
        f"WHERE i.id = p.agenda_item_id OR i.id = (SELECT r.agenda_item_id FROM {res} r WHERE r.id = p.resolution_id)"
    )
    columns = [
        f"(SELECT COUNT(*) FROM {plan} s WHERE {year})",
        f"(SELECT MAX(s.updated_at) FROM {plan} s WHERE {year})",
        f"(SELECT SUM({e('s.updated_at')}) FROM {plan} s WHERE {year})",
        f"(SELECT COUNT(*) FROM {plan} s WHERE {year} AND s.state IN ({open_states}))",
        f"(SELECT MAX(s.revision) FROM {plan} s WHERE {year})",
        f"(SELECT COUNT(*) {acts})",
        f"(SELECT MAX(a.updated_at) {acts})",
        f"(SELECT SUM({e('a.updated_at')}) {acts})",
        f"(SELECT COUNT(*) {progs})",
        f"(SELECT MAX(g.updated_at) {progs})",
        f"(SELECT SUM({e('g.updated_at')}) {progs})",
        f"(SELECT COUNT(*) FROM {files} f JOIN {prog} g ON g.id = f.progress_id"
        f" JOIN {act} a ON a.id = g.activity_id WHERE a.plan_id = p.id)",
        f"(SELECT SUM(f.id) FROM {files} f JOIN {prog} g ON g.id = f.progress_id"
        f" JOIN {act} a ON a.id = g.activity_id WHERE a.plan_id = p.id)",
        f"(SELECT rg.{q('group')} FROM {risk} rg WHERE rg.province_id = sc.province_id"
        " AND rg.fiscal_year = p.fiscal_year)",
        f"(SELECT {e('rg.updated_at')} FROM {risk} rg WHERE rg.province_id = sc.province_id"
        " AND rg.fiscal_year = p.fiscal_year)",
        "pr.name_th",
        "pr.name_en",
        f"(SELECT {e('x.updated_at')} FROM {plan} x WHERE x.id = p.copied_from_id)",
        f"(SELECT {e('r.updated_at')} FROM {res} r WHERE r.id = p.resolution_id)",
        f"(SELECT COUNT(*) {items})",
        f"(SELECT SUM({e('i.updated_at')}) {items})",
        f"(SELECT SUM(i.{q('order')}) {items})",
        f"(SELECT SUM({e('i.withdrawn_at')}) {items})",
        f"(SELECT SUM(par.{q('order')}) {items})",
        f"(SELECT SUM({e('m.updated_at')}) {items})",
        f"(SELECT SUM({e('m.starts_at')}) {items})",
        f"(SELECT SUM(m.number) {items})",
    ]
    return (
        "SELECT p.id, p.revision, " + ", ".join(columns) + f" FROM {plan} p"
        f" JOIN {sc} sc ON sc.id = p.subcommittee_id JOIN {prov} pr ON pr.id = sc.province_id WHERE p.id = %s"
    )


def plan_page_version(pk: int) -> PlanVersion | None:
    """The version of everything plan ``pk``'s page draws, in one query (``None``: no such plan).

    It says nothing about who may read the plan: the page checks that on the plan itself.
    """
    with connection.cursor() as cur:
        cur.execute(_sql(connection.vendor), [pk])
        row = cur.fetchone()
    if row is None:
        return None
    revision, open_count, newest = row[1], row[5], row[6]
    return PlanVersion(
        key=hashlib.blake2b(repr(row).encode(), digest_size=10).hexdigest(),
        has_open_revision=bool(open_count),
        has_newer_revision=newest is not None and newest > revision,
    )
