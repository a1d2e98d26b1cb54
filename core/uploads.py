"""Uploaded papers and attachments: checked by content, stored privately, served through a view.

Every app that takes a file (meeting papers, proposal attachments, result photos)
uses this module, so the rules are the same everywhere:

- the kind is read from the file's bytes, not trusted from its name: a ``.pdf``
  that is really a program or text is refused with a Thai message;
- allowed kinds: PDF, Word (doc/docx), Excel (xls/xlsx), images (jpg/png);
- size at most ``settings.UPLOAD_MAX_BYTES`` (20 MB unless configured);
- the stored name is random (``<prefix>/<yyyy>/<uuid>.<ext>``) under
  ``MEDIA_ROOT``, which no URL serves; the name the person gave is kept apart,
  cleaned, for display and for the download's Content-Disposition;
- files go out only through a view that has checked permission first
  (``file_response``).

What other apps may rely on: ``validate_upload``, ``UploadField`` (form field),
``UploadTo`` (``FileField(upload_to=UploadTo("papers"))``), ``StoredFile``
(abstract model with the usual columns), ``fill_stored_file`` and
``file_response``. Messages are Thai and stable enough to assert in tests.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
import uuid
import zipfile
import zlib
from dataclasses import dataclass

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.i18n import lazy_text


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    extensions: tuple[str, ...]
    content_type: str


KINDS: dict[str, Kind] = {
    k.code: k
    for k in (
        Kind("pdf", "PDF", ("pdf",), "application/pdf"),
        Kind("docx", "Word", ("docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        Kind("doc", "Word", ("doc",), "application/msword"),
        Kind("xlsx", "Excel", ("xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        Kind("xls", "Excel", ("xls",), "application/vnd.ms-excel"),
        Kind("jpg", gettext_lazy("รูปภาพ JPG"), ("jpg", "jpeg"), "image/jpeg"),
        Kind("png", gettext_lazy("รูปภาพ PNG"), ("png",), "image/png"),
    )
}
EXTENSION_KIND = {ext: k.code for k in KINDS.values() for ext in k.extensions}
ACCEPT_ATTR = ",".join(f".{ext}" for ext in EXTENSION_KIND)
"""For ``<input type=file accept=…>`` (a hint to the browser only; the server checks)."""

ALLOWED_MESSAGE = gettext_lazy("รับเฉพาะไฟล์ PDF, Word (doc, docx), Excel (xls, xlsx) และรูปภาพ (jpg, png)")

_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_HEAD = 8192


def max_bytes() -> int:
    return int(getattr(settings, "UPLOAD_MAX_BYTES", 20 * 1024 * 1024))


def _megabytes(n: int) -> str:
    mb = n / (1024 * 1024)
    return f"{mb:.1f}".rstrip("0").rstrip(".")


# Zip containers (docx, xlsx) are checked before anything is unpacked: a 509 KB file that
# unpacks to 512 MB (a "zip bomb") is refused by its declared sizes, and the one part we
# read is read with a byte limit (zipfile stops at the declared size and checks the CRC).
ZIP_MAX_UNPACKED = 200 * 1024 * 1024  # all parts together
ZIP_MAX_RATIO = 200  # a part unpacking to more than this many times its packed size (when over 1 MB)
ZIP_MAX_PARTS = 10_000
ZIP_PART_READ_MAX = 1024 * 1024  # [Content_Types].xml is a few KB
ZIP_BOMB_MESSAGE = gettext_lazy("ไฟล์นี้เมื่อแตกออกมีขนาดใหญ่ผิดปกติ (อาจเป็นไฟล์อันตราย) ระบบไม่รับไฟล์นี้")


def _check_zip_sizes(zf: zipfile.ZipFile) -> None:
    infos = zf.infolist()
    if len(infos) > ZIP_MAX_PARTS or sum(i.file_size for i in infos) > ZIP_MAX_UNPACKED:
        raise ValidationError(ZIP_BOMB_MESSAGE, code="zip_bomb")
    for i in infos:
        if i.file_size > 1024 * 1024 and i.file_size > ZIP_MAX_RATIO * max(i.compress_size, 1):
            raise ValidationError(ZIP_BOMB_MESSAGE, code="zip_bomb")


def read_zip_part(zf: zipfile.ZipFile, name: str, limit: int = ZIP_PART_READ_MAX) -> bytes:
    """One part of a zip, at most ``limit`` bytes unpacked (a bigger part is refused)."""
    with zf.open(name) as part:
        data = part.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(ZIP_BOMB_MESSAGE, code="zip_bomb")
    return data


def _zip_kind(f) -> str | None:
    """docx and xlsx are zip containers: tell them apart by their parts (a zip bomb is a ValidationError)."""
    try:
        f.seek(0)
        with zipfile.ZipFile(f) as zf:
            _check_zip_sizes(zf)
            names = set(zf.namelist())
            if "[Content_Types].xml" not in names:
                return None
            types = read_zip_part(zf, "[Content_Types].xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, ValueError, EOFError, zlib.error):
        return None
    if "word/document.xml" in names or "wordprocessingml" in types:
        return "docx"
    if "xl/workbook.xml" in names or "spreadsheetml" in types:
        return "xlsx"
    return None


def detect_kind(f, *, claimed: str | None = None) -> str | None:
    """The kind the bytes say (``pdf``, ``docx``…), or None when it is none we accept.

    Legacy ``doc``/``xls`` share the OLE container's magic number; there the
    ``claimed`` kind (from the name) decides between the two.
    """
    f.seek(0)
    head = f.read(_HEAD)
    f.seek(0)
    if not head:
        return None
    if head.startswith(_OLE_MAGIC):
        return claimed if claimed in ("doc", "xls") else "doc"
    guessed = filetype.guess(head)
    ext = guessed.extension if guessed else None
    if ext == "pdf" or head.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if ext in ("jpg", "jpeg"):
        return "jpg"
    if ext == "png":
        return "png"
    if ext in ("zip", "docx", "xlsx") or head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(f)
        f.seek(0)
        return kind
    return None


_UNSAFE = re.compile(r"[\x00-\x1f\x7f<>:\"/\\|?*]+")


def clean_display_name(name: str) -> str:
    """The name the person gave, safe to show and to put in a download header.

    Path parts and control characters go; Thai letters stay; at most 200 characters.
    """
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", name).strip(" .")
    if not name:
        name = _("ไฟล์")
    if len(name) > 200:
        stem, ext = os.path.splitext(name)
        name = stem[: 200 - len(ext)] + ext
    return name


def extension_of(name: str) -> str:
    return os.path.splitext(name)[1].lower().lstrip(".")


@dataclass(frozen=True)
class UploadInfo:
    """What ``validate_upload`` found: store these beside the file."""

    kind: str
    display_name: str
    size: int
    content_type: str
    sha256: str


def validate_upload(f, *, kinds: tuple[str, ...] | None = None) -> UploadInfo:
    """Check an uploaded file (name, size, real type); return its facts or raise a Thai ValidationError.

    ``kinds`` narrows the accepted kinds (e.g. ``("jpg", "png")`` for photos).
    """
    display = clean_display_name(getattr(f, "name", ""))
    size = getattr(f, "size", None)
    if size is None:
        f.seek(0, os.SEEK_END)
        size = f.tell()
        f.seek(0)
    if size == 0:
        raise ValidationError(_("ไฟล์ว่างเปล่า กรุณาเลือกไฟล์ใหม่"), code="empty")
    limit = max_bytes()
    if size > limit:
        raise ValidationError(
            _("ไฟล์มีขนาด %(megabytes)s MB เกินขนาดที่รับได้ %(megabytes2)s MB")
            % {"megabytes": _megabytes(size), "megabytes2": _megabytes(limit)},
            code="too_large",
        )
    claimed = EXTENSION_KIND.get(extension_of(display))
    allowed = set(kinds or KINDS)
    if claimed is None or claimed not in allowed:
        message = ALLOWED_MESSAGE if kinds is None else _("รับเฉพาะไฟล์ ") + ", ".join(sorted(allowed))
        raise ValidationError(message, code="extension")
    actual = detect_kind(f, claimed=claimed)
    if actual != claimed:
        raise ValidationError(
            _("ไฟล์นี้ไม่ใช่ %(label)s ตามที่ระบุในชื่อไฟล์") % {"label": KINDS[claimed].label}, code="content_mismatch"
        )
    digest = hashlib.sha256()
    f.seek(0)
    for chunk in iter(lambda: f.read(64 * 1024), b""):
        digest.update(chunk)
    f.seek(0)
    return UploadInfo(
        kind=actual,
        display_name=display,
        size=size,
        content_type=KINDS[actual].content_type,
        sha256=digest.hexdigest(),
    )


@deconstructible
class UploadTo:
    """``upload_to`` for FileFields: ``<prefix>/<yyyy>/<uuid>.<ext>``; the given name never reaches the disk."""

    def __init__(self, prefix: str):
        self.prefix = prefix.strip("/")

    def __call__(self, instance, filename: str) -> str:
        ext = extension_of(filename)
        ext = ext if ext in EXTENSION_KIND else "bin"
        return f"{self.prefix}/{timezone.localdate():%Y}/{uuid.uuid4().hex}.{ext}"

    def __eq__(self, other) -> bool:
        return isinstance(other, UploadTo) and other.prefix == self.prefix

    def __hash__(self) -> int:
        return hash(self.prefix)


class StoredFile(models.Model):
    """Abstract columns for an uploaded file; subclasses redefine ``file`` with their own ``UploadTo``."""

    file = models.FileField(gettext_lazy("ไฟล์"), upload_to=UploadTo("files"), max_length=255)
    display_name = models.CharField(gettext_lazy("ชื่อไฟล์"), max_length=200)
    content_type = models.CharField(gettext_lazy("ชนิดไฟล์"), max_length=120)
    size = models.PositiveBigIntegerField(gettext_lazy("ขนาด (ไบต์)"))
    sha256 = models.CharField("SHA-256", max_length=64)

    class Meta:
        abstract = True

    @property
    def kind_label(self) -> str:
        kind = EXTENSION_KIND.get(extension_of(self.display_name))
        return KINDS[kind].label if kind else ""


def fill_stored_file(obj: StoredFile, f, info: UploadInfo) -> None:
    """Put an uploaded, validated file and its facts on ``obj`` (saved by the caller's service)."""
    obj.file = f
    obj.display_name = info.display_name
    obj.content_type = info.content_type
    obj.size = info.size
    obj.sha256 = info.sha256


class UploadField(forms.FileField):
    """A file field that runs ``validate_upload``; ``cleaned_data`` holds the file, ``.upload_info`` its facts."""

    def __init__(self, *, kinds: tuple[str, ...] | None = None, **kwargs):
        self.kinds = kinds
        kwargs.setdefault("label", gettext_lazy("ไฟล์"))
        kwargs.setdefault(
            "help_text",
            lazy_text(
                lambda: (
                    _("%(ALLOWED_MESSAGE)s ขนาดไม่เกิน %(megabytes)s MB")
                    % {"ALLOWED_MESSAGE": ALLOWED_MESSAGE, "megabytes": _megabytes(max_bytes())}
                )
            ),
        )
        kwargs.setdefault(
            "error_messages",
            {
                "required": gettext_lazy("กรุณาเลือกไฟล์"),
                "empty": gettext_lazy("ไฟล์ว่างเปล่า กรุณาเลือกไฟล์ใหม่"),
                "invalid": gettext_lazy("ไฟล์ไม่ถูกต้อง"),
            },
        )
        super().__init__(**kwargs)
        accept = ",".join(f".{e}" for k in (kinds or KINDS) for e in KINDS[k].extensions)
        self.widget.attrs.setdefault("accept", accept)

    def clean(self, data, initial=None):
        f = super().clean(data, initial)
        if f and f is not initial and hasattr(f, "read"):
            f.upload_info = validate_upload(f, kinds=self.kinds)
        return f


def file_response(stored: StoredFile | None = None, *, file=None, display_name: str = "", content_type: str = ""):
    """Send a stored file as a download. Call only after the permission check; a missing file is a 404."""
    if stored is not None:
        file = stored.file
        display_name = display_name or stored.display_name
        content_type = content_type or stored.content_type
    if not file:
        raise Http404("ไม่พบไฟล์")
    try:
        handle = file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("ไม่พบไฟล์") from None
    name = clean_display_name(display_name or os.path.basename(file.name))
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=name,
        content_type=content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
