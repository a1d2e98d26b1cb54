"""Sections of the annual report and the national summary that read other apps' data.

Each returns an empty section when the app's data is not there, so a report for
a year with nothing recorded says so instead of failing.
"""

from __future__ import annotations


def plan_querysets(province, fiscal_year) -> tuple:
    return ()


def proposal_querysets(province, fiscal_year) -> tuple:
    return ()


def situation_querysets(province, fiscal_year) -> tuple:
    return ()


def plan_section(province, fiscal_year) -> dict:
    return {"plan": None}


def proposal_section(province, fiscal_year) -> dict:
    return {"rows": []}


def situation_section(province, fiscal_year) -> dict:
    return {"report": None}


def national_querysets(fiscal_year) -> tuple:
    return ()


def national_section(fiscal_year) -> dict:
    """Per-province plan/report approval and proposal money (empty until those apps exist)."""
    return {"by_province": {}, "has_data": False, "pillar_rows": []}
