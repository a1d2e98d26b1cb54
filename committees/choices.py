from django.db import models


class Region(models.TextChoices):
    """The six geographic regions (Royal Institute), Bangkok counted with the central region."""

    NORTH = "north", "ภาคเหนือ"
    NORTHEAST = "northeast", "ภาคตะวันออกเฉียงเหนือ"
    CENTRAL = "central", "ภาคกลาง"
    EAST = "east", "ภาคตะวันออก"
    WEST = "west", "ภาคตะวันตก"
    SOUTH = "south", "ภาคใต้"


class RiskGroup(models.TextChoices):
    A = "A", "A เฝ้าระวังพิเศษ"
    B = "B", "B เฝ้าระวัง"
    C = "C", "C เล็กน้อย"
    D = "D", "D ปกติ"


class Role(models.TextChoices):
    """What a person may do, in one province (or everywhere for national officers)."""

    NATIONAL = "national", "เจ้าหน้าที่ส่วนกลาง (กองต่อต้านการค้ามนุษย์)"
    SECRETARIAT = "secretariat", "ฝ่ายเลขานุการ (สนง.พมจ.)"
    CHAIR = "chair", "ประธานอนุกรรมการ"
    MEMBER = "member", "อนุกรรมการ"
    PROPOSER = "proposer", "ผู้เสนอโครงการ"
    VIEWER = "viewer", "ผู้ตรวจสอบ/ผู้อ่าน"


class GrantRole(models.TextChoices):
    """Roles given by grant; chair and member come from subcommittee membership."""

    NATIONAL = Role.NATIONAL.value, Role.NATIONAL.label
    SECRETARIAT = Role.SECRETARIAT.value, Role.SECRETARIAT.label
    PROPOSER = Role.PROPOSER.value, Role.PROPOSER.label
    VIEWER = Role.VIEWER.value, Role.VIEWER.label


class MemberRole(models.TextChoices):
    CHAIR = "chair", "ประธานอนุกรรมการ"
    VICE_CHAIR = "vice_chair", "รองประธานอนุกรรมการ"
    MEMBER = "member", "อนุกรรมการ"
    SECRETARY = "secretary", "อนุกรรมการและเลขานุการ"
    ASSISTANT_SECRETARY = "assistant_secretary", "อนุกรรมการและผู้ช่วยเลขานุการ"


class ChairCapacity(models.TextChoices):
    GOVERNOR = "governor", "ผู้ว่าราชการจังหวัด"
    VICE_GOVERNOR = "vice_governor", "รองผู้ว่าราชการจังหวัด (ปฏิบัติราชการแทน)"
    PERMANENT_SECRETARY = "permanent_secretary", "ปลัดจังหวัด (ปฏิบัติราชการแทน)"
    OTHER = "other", "อื่น ๆ"


class NumberingBasis(models.TextChoices):
    CALENDAR = "calendar", "นับตามปีปฏิทิน (พ.ศ.)"
    FISCAL = "fiscal", "นับตามปีงบประมาณ"


class RequestState(models.TextChoices):
    """A proposer's request to propose projects in a province."""

    PENDING = "pending", "รอฝ่ายเลขานุการพิจารณา"
    ACCEPTED = "accepted", "อนุญาตแล้ว"
    REFUSED = "refused", "ไม่อนุญาต"
