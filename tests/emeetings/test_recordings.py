"""Recordings: streamed to disk with their SHA-256; too large or cut off, nothing is kept."""

import hashlib
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadhandler import MemoryFileUploadHandler

from committees.choices import Role
from emeetings.models import Recording
from tests.meetings.helpers import held

pytestmark = pytest.mark.django_db

BOUNDARY = "----ctipboundary"


def _files_on_disk() -> set[str]:
    root = Path(settings.MEDIA_ROOT) / "emeetings"
    return {str(p) for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def _multipart(parts: list[tuple[str, str | None, bytes]], *, close: bool = True) -> bytes:
    out = b""
    for name, filename, value in parts:
        out += f"--{BOUNDARY}\r\n".encode()
        if filename:
            out += f'Content-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'.encode()
            out += b"Content-Type: video/mp4\r\n\r\n"
        else:
            out += f'Content-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        out += value + b"\r\n"
    if close:
        out += f"--{BOUNDARY}--\r\n".encode()
    return out


def _upload(client, meeting, body: bytes):
    return client.generic(
        "POST",
        f"/emeetings/{meeting.pk}/recordings/upload/",
        body,
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )


def test_a_recording_streams_to_disk_and_keeps_its_sha256(world, client_for, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("a recording must never be held in memory")

    monkeypatch.setattr(MemoryFileUploadHandler, "receive_data_chunk", never)
    meeting = held(world)
    data = os.urandom(300_000)
    sec = client_for(world.users[Role.SECRETARIAT])
    resp = _upload(sec, meeting, _multipart([("file", "ประชุม 1-2564.mp4", data), ("complete", None, b"1")]))
    assert resp.status_code == 302, resp.content.decode()[:500]
    rec = Recording.objects.get(meeting=meeting)
    assert rec.sha256 == hashlib.sha256(data).hexdigest() and rec.size == len(data)
    assert rec.display_name == "ประชุม 1-2564.mp4" and rec.file.name.endswith(".mp4")
    assert Path(rec.file.path).read_bytes() == data
    got = sec.get(f"/emeetings/recordings/{rec.pk}/")
    assert b"".join(got.streaming_content) == data
    assert rec.sha256 in sec.get(f"/emeetings/{meeting.pk}/").content.decode()


def test_a_recording_over_the_limit_is_refused_and_nothing_is_kept(world, client_for, settings):
    settings.RECORDING_MAX_BYTES = 100_000
    meeting = held(world)
    before = _files_on_disk()
    resp = _upload(
        client_for(world.users[Role.SECRETARIAT]),
        meeting,
        _multipart([("file", "ยาว.mp4", os.urandom(250_000)), ("complete", None, b"1")]),
    )
    assert resp.status_code == 400 and "ไฟล์ใหญ่เกินกำหนด" in resp.content.decode()
    assert not Recording.objects.exists() and _files_on_disk() == before


def test_an_upload_cut_off_halfway_leaves_nothing(world, client_for):
    meeting = held(world)
    before = _files_on_disk()
    whole = _multipart([("file", "ตัด.mp4", os.urandom(200_000)), ("complete", None, b"1")])
    cut = whole[: len(whole) // 2]  # the connection dropped in the middle of the file
    resp = _upload(client_for(world.users[Role.SECRETARIAT]), meeting, cut)
    assert resp.status_code == 400 and "การอัปโหลดไม่สมบูรณ์" in resp.content.decode()
    assert not Recording.objects.exists() and _files_on_disk() == before


def test_only_the_secretariat_uploads_and_a_bad_hash_is_refused(world, client_for):
    meeting = held(world)
    body = _multipart([("file", "a.mp4", b"x" * 100), ("complete", None, b"1")])
    assert _upload(client_for(world.users[Role.MEMBER]), meeting, body).status_code == 404
    sec = client_for(world.users[Role.SECRETARIAT])
    resp = sec.post(
        f"/emeetings/{meeting.pk}/", {"action": "register_recording", "location": "ห้องเก็บเอกสาร", "sha256": "abc"}
    )
    assert resp.status_code == 400 and "64 หลัก" in resp.content.decode()
    assert not Recording.objects.exists()
