"""Who may check the ledger: anyone with a role; an entry's details only within the provinces they may read."""

from django.utils.translation import gettext as _

from core.permissions import ALLOW, Verdict, deny


def can_verify_ledger(user) -> Verdict:
    access = getattr(user, "access", None)
    if access is None or not access.all_roles:
        return deny(_("ท่านยังไม่มีสิทธิ์ในระบบ"))
    return ALLOW


def can_view_entry(user, entry) -> Verdict:
    """An entry names a record of one province: shown to those who may read that province."""
    if entry.province_id is None or user.access.can_read_province(entry.province_id):
        return ALLOW
    return deny(_("ไม่พบรายการนี้"))
