from django.db import models
from django.utils.translation import gettext_lazy


class Region(models.TextChoices):
    """The six geographic regions (Royal Institute), Bangkok counted with the central region."""

    NORTH = "north", gettext_lazy("ภาคเหนือ")
    NORTHEAST = "northeast", gettext_lazy("ภาคตะวันออกเฉียงเหนือ")
    CENTRAL = "central", gettext_lazy("ภาคกลาง")
    EAST = "east", gettext_lazy("ภาคตะวันออก")
    WEST = "west", gettext_lazy("ภาคตะวันตก")
    SOUTH = "south", gettext_lazy("ภาคใต้")


class RiskGroup(models.TextChoices):
    A = "A", gettext_lazy("A เฝ้าระวังพิเศษ")
    B = "B", gettext_lazy("B เฝ้าระวัง")
    C = "C", gettext_lazy("C เล็กน้อย")
    D = "D", gettext_lazy("D ปกติ")


class Role(models.TextChoices):
    """What a person may do, in one province (or everywhere for national officers)."""

    NATIONAL = "national", gettext_lazy("เจ้าหน้าที่ส่วนกลาง (กองต่อต้านการค้ามนุษย์)")
    SECRETARIAT = "secretariat", gettext_lazy("ฝ่ายเลขานุการ (สนง.พมจ.)")
    CHAIR = "chair", gettext_lazy("ประธานอนุกรรมการ")
    MEMBER = "member", gettext_lazy("อนุกรรมการ")
    PROPOSER = "proposer", gettext_lazy("ผู้เสนอโครงการ")
    VIEWER = "viewer", gettext_lazy("ผู้ตรวจสอบ/ผู้อ่าน")


class GrantRole(models.TextChoices):
    """Roles given by grant; chair and member come from subcommittee membership."""

    NATIONAL = Role.NATIONAL.value, Role.NATIONAL.label
    SECRETARIAT = Role.SECRETARIAT.value, Role.SECRETARIAT.label
    PROPOSER = Role.PROPOSER.value, Role.PROPOSER.label
    VIEWER = Role.VIEWER.value, Role.VIEWER.label


class MemberRole(models.TextChoices):
    CHAIR = "chair", gettext_lazy("ประธานอนุกรรมการ")
    VICE_CHAIR = "vice_chair", gettext_lazy("รองประธานอนุกรรมการ")
    MEMBER = "member", gettext_lazy("อนุกรรมการ")
    SECRETARY = "secretary", gettext_lazy("อนุกรรมการและเลขานุการ")
    ASSISTANT_SECRETARY = "assistant_secretary", gettext_lazy("อนุกรรมการและผู้ช่วยเลขานุการ")


class ChairCapacity(models.TextChoices):
    GOVERNOR = "governor", gettext_lazy("ผู้ว่าราชการจังหวัด")
    VICE_GOVERNOR = "vice_governor", gettext_lazy("รองผู้ว่าราชการจังหวัด (ปฏิบัติราชการแทน)")
    PERMANENT_SECRETARY = "permanent_secretary", gettext_lazy("ปลัดจังหวัด (ปฏิบัติราชการแทน)")
    OTHER = "other", gettext_lazy("อื่น ๆ")


class NumberingBasis(models.TextChoices):
    CALENDAR = "calendar", gettext_lazy("นับตามปีปฏิทิน (พ.ศ.)")
    FISCAL = "fiscal", gettext_lazy("นับตามปีงบประมาณ")


class RequestState(models.TextChoices):
    """A proposer's request to propose projects in a province."""

    PENDING = "pending", gettext_lazy("รอฝ่ายเลขานุการพิจารณา")
    ACCEPTED = "accepted", gettext_lazy("อนุญาตแล้ว")
    REFUSED = "refused", gettext_lazy("ไม่อนุญาต")
