"""Who may open a dashboard: anyone who may read a province's data (proposers see their proposals only)."""

from django.utils.translation import gettext as _

from core.permissions import ALLOW, Verdict, deny


def can_view_dashboard(user, province=None) -> Verdict:
    """The overview needs read scope somewhere; a province's dashboard needs read scope there."""
    access = user.access
    if province is None:
        if access.is_national or access.readable_province_ids():
            return ALLOW
        return deny(_("ท่านไม่มีสิทธิ์อ่านข้อมูลของจังหวัดใด"))
    if access.can_read_province(province.pk):
        return ALLOW
    return deny(_("ไม่พบจังหวัดนี้ในขอบเขตของท่าน"))
