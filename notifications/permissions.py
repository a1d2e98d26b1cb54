from django.utils.translation import gettext as _

from core.permissions import ALLOW, Verdict, deny


def can_view_delivery_failures(user) -> Verdict:
    """National officers watch deliveries that failed for good."""
    if user.access.is_national:
        return ALLOW
    return deny(_("เฉพาะเจ้าหน้าที่ส่วนกลาง"))
