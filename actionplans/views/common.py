"""Request helpers the action plan pages share: query parameters, the years offered, where a user may prepare, error messages."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from actionplans.permissions import (
    can_prepare_documents,
)
from committees.choices import Role
from committees.models import Subcommittee
from committees.selectors import province_by_code, subcommittee_by_code, visible_provinces
from core.forms import check_fiscal_year
from core.permissions import require
from core.thaidate import current_fiscal_year


def _int_param(request, name: str) -> int | None:
    try:
        value = int(request.GET.get(name, ""))
        check_fiscal_year(value)
    except (TypeError, ValueError, ValidationError):
        return None
    return value


def _years():
    return range(current_fiscal_year() + 1, settings.FISCAL_YEAR_MIN - 1, -1)


def _preparable_subcommittees(user):
    ids = user.access.province_ids(Role.SECRETARIAT)
    return Subcommittee.objects.filter(province_id__in=ids).select_related("province").order_by("province__code")


def _subcommittee_for_prepare(user, code: str) -> Subcommittee:
    sc = subcommittee_by_code(user, code)
    require(can_prepare_documents(user, sc))
    return sc


def _error_messages(exc: Exception) -> list[str]:
    if isinstance(exc, ValidationError):
        return exc.messages
    return [str(exc) or _("ท่านไม่มีสิทธิ์ทำรายการนี้")]


def _province_param(request):
    """The ``province`` filter: a province the user may read; another's code is the same 404 as an unknown one."""
    code = request.GET.get("province")
    return province_by_code(request.user, code) if code else None


def year_filter(request, *, key: str, year_field: str, year: int | None, province):
    """The year-and-province filter of the plans and situation-report lists, drawn once per reader's
    scope, filters, offered years and language (provinces are reference data)."""
    from core import cache

    labels = {
        "fiscal_year": (_("ปีงบประมาณ"), _("ทุกปีงบประมาณ")),
        "year": (_("ปี"), _("ทุกปี")),
    }
    year_label, all_years_label = labels[year_field]
    return cache.rendered(
        f"{key}:{cache.scope_key(request.user)}:{year}:{province.code if province else ''}:{current_fiscal_year()}",
        "actionplans/partials/year_filter.html",
        lambda: {
            "year_field": year_field,
            "year_label": year_label,
            "all_years_label": all_years_label,
            "year": year,
            "years": _years(),
            "province": province,
            "provinces": visible_provinces(request.user),
        },
    )
