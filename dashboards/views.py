from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committees.choices import RiskGroup
from committees.selectors import province_by_code
from core.permissions import require
from core.pillars import Pillar
from core.thaidate import current_fiscal_year
from dashboards import charts, selectors
from dashboards.forms import DashboardFilterForm
from dashboards.permissions import can_view_dashboard
from dashboards.provincemap import GROUP_COLOURS, NO_GROUP_SWATCH, MapCell, credit, province_codes, province_map

MONEY_SERIES = [
    (gettext_lazy("ขอรับการสนับสนุน"), "#2e75b6"),
    (gettext_lazy("คณะอนุกรรมการเห็นชอบ"), "#c55a11"),
    (gettext_lazy("กองทุนอนุมัติ"), "#548235"),
]


def _map(board: selectors.Dashboard, highlight: str | None = None) -> str:
    shown = {row.province.code: row for row in board.rows}
    cells = []
    for code in province_codes():
        row = shown.get(code)
        if row is not None:
            cells.append(
                MapCell(
                    code=code,
                    name=row.province.name_th,
                    group=row.risk_group,
                    url=reverse("dashboards:province", args=[code]),
                )
            )
        else:
            # outside the filter (a national officer) or outside the scope (everyone else): shape only
            cells.append(MapCell(code=code, visible=False))
    return province_map(cells, width=560, highlight=highlight) + credit()


def _charts(board: selectors.Dashboard) -> dict:
    return {
        "chart_groups": charts.bars(
            [(label, [n]) for value, label, n in board.group_counts],
            [(_("จังหวัด"), None)],
        ),
        "chart_quarters": charts.bars(
            [(_("ไตรมาส %(value)s") % {"value": q + 1}, [n]) for q, n in enumerate(board.meetings_by_quarter)],
            [(_("การประชุม"), "#1f4e79")],
        ),
        "chart_states": charts.bars([(label, [n]) for _, label, n in board.states if n], [(_("โครงการ"), "#7030a0")]),
        "chart_pillars": charts.bars(
            [
                (Pillar(p.pillar).label.removeprefix(_("ด้าน")), [p.requested, p.recommended, p.approved])
                for p in board.pillars
            ],
            MONEY_SERIES,
            label_width=300,
        ),
        "chart_trend_groups": charts.bars(
            [
                (
                    _("ปีงบประมาณ %(fiscal_year)s") % {"fiscal_year": y.fiscal_year},
                    [y.groups[g] for g in RiskGroup.values],
                )
                for y in board.years
            ],
            [(g, GROUP_COLOURS[g]) for g in RiskGroup.values],
        ),
        "chart_trend_money": charts.bars(
            [
                (
                    _("ปีงบประมาณ %(fiscal_year)s") % {"fiscal_year": y.fiscal_year},
                    [y.requested, y.recommended, y.approved],
                )
                for y in board.years
            ],
            MONEY_SERIES,
        ),
    }


def _context(request, board, form, **extra) -> dict:
    return {
        "board": board,
        "form": form,
        "fiscal_year": board.fiscal_year,
        "readiness": board.readiness,
        "group_legend": [(label, GROUP_COLOURS.get(value, NO_GROUP_SWATCH)) for value, label, _ in board.group_counts],
        "export_query": request.GET.urlencode(),
        **_charts(board),
        **extra,
    }


def overview(request):
    """The national picture (national officers: all 77 provinces; others: the provinces they may read)."""
    require(can_view_dashboard(request.user))
    form = DashboardFilterForm(request.GET or None)
    filters = form.values(current_fiscal_year())
    board = selectors.dashboard(request.user, **filters)
    ctx = _context(request, board, form, province=None, map=_map(board))
    return render(request, "dashboards/dashboard.html", ctx)


def province(request, code):
    """One province's year: the same figures for one province."""
    place = province_by_code(request.user, code)
    require(can_view_dashboard(request.user, place))
    form = DashboardFilterForm(request.GET or None)
    filters = form.values(current_fiscal_year())
    board = selectors.dashboard(request.user, fiscal_year=filters["fiscal_year"], province=place)
    return render(
        request,
        "dashboards/dashboard.html",
        _context(request, board, form, province=place, map=_map(board, place.code)),
    )
