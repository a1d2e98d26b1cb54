"""Recording uploads: streamed to a temporary file on disk in chunks, never held in memory, stopped past the limit."""

from __future__ import annotations

from django.core.files.uploadhandler import StopUpload, TemporaryFileUploadHandler


class RecordingUploadHandler(TemporaryFileUploadHandler):
    """Django's on-disk handler for every size (the default keeps small files in memory), with a ceiling.

    Past ``limit`` bytes it deletes what it wrote and stops reading the request;
    ``too_large`` tells the view why the file is missing.
    """

    def __init__(self, request=None, *, limit: int):
        super().__init__(request)
        self.limit = limit
        self.received = 0
        self.too_large = False

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.too_large = True
            self.file.close()  # a NamedTemporaryFile: closing removes it
            raise StopUpload(connection_reset=True)
        return super().receive_data_chunk(raw_data, start)
