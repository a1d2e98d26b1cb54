from django.db import models
from django.utils.translation import gettext_lazy


class Mode(models.TextChoices):
    IN_ROOM = "in_room", gettext_lazy("ประชุม ณ ห้องประชุม")
    ONLINE = "online", gettext_lazy("ประชุมผ่านสื่ออิเล็กทรอนิกส์")
    HYBRID = "hybrid", gettext_lazy("ประชุม ณ ห้องประชุมและผ่านสื่ออิเล็กทรอนิกส์")


class Location(models.TextChoices):
    ROOM = "room", gettext_lazy("ในห้องประชุม")
    REMOTE = "remote", gettext_lazy("ผ่านสื่ออิเล็กทรอนิกส์")


class Method(models.TextChoices):
    """How identity was verified before the person took part (the digital ministry's standard, 2563)."""

    LOGIN = "login", gettext_lazy("ยืนยันตัวตนด้วยการเข้าสู่ระบบ")
    LOGIN_2FA = "login_2fa", gettext_lazy("ยืนยันตัวตนด้วยการเข้าสู่ระบบและรหัสยืนยันชั้นที่สอง")
    VOUCHED = "vouched", gettext_lazy("ประธานหรือฝ่ายเลขานุการรับรองตัวตน")


class Event(models.TextChoices):
    JOIN = "join", gettext_lazy("เข้าร่วม")
    LEAVE = "leave", gettext_lazy("ออกจากการประชุม")


class RecordingKind(models.TextChoices):
    FILE = "file", gettext_lazy("ไฟล์ที่อัปโหลด")
    LOCATION = "location", gettext_lazy("แหล่งจัดเก็บที่ลงทะเบียนไว้")


class BundleState(models.TextChoices):
    QUEUED = "queued", gettext_lazy("รอสร้าง")
    READY = "ready", gettext_lazy("พร้อมดาวน์โหลด")
    FAILED = "failed", gettext_lazy("สร้างไม่สำเร็จ")
