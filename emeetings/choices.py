from django.db import models


class Mode(models.TextChoices):
    IN_ROOM = "in_room", "ประชุม ณ ห้องประชุม"
    ONLINE = "online", "ประชุมผ่านสื่ออิเล็กทรอนิกส์"
    HYBRID = "hybrid", "ประชุม ณ ห้องประชุมและผ่านสื่ออิเล็กทรอนิกส์"


class Location(models.TextChoices):
    ROOM = "room", "ในห้องประชุม"
    REMOTE = "remote", "ผ่านสื่ออิเล็กทรอนิกส์"


class Method(models.TextChoices):
    """How identity was verified before the person took part (the digital ministry's standard, 2563)."""

    LOGIN = "login", "ยืนยันตัวตนด้วยการเข้าสู่ระบบ"
    LOGIN_2FA = "login_2fa", "ยืนยันตัวตนด้วยการเข้าสู่ระบบและรหัสยืนยันชั้นที่สอง"
    VOUCHED = "vouched", "ประธานหรือฝ่ายเลขานุการรับรองตัวตน"


class Event(models.TextChoices):
    JOIN = "join", "เข้าร่วม"
    LEAVE = "leave", "ออกจากการประชุม"


class RecordingKind(models.TextChoices):
    FILE = "file", "ไฟล์ที่อัปโหลด"
    LOCATION = "location", "แหล่งจัดเก็บที่ลงทะเบียนไว้"


class BundleState(models.TextChoices):
    QUEUED = "queued", "รอสร้าง"
    READY = "ready", "พร้อมดาวน์โหลด"
    FAILED = "failed", "สร้างไม่สำเร็จ"
