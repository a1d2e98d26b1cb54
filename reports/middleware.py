"""Tell the requester, on the next page they open, that their report is ready (or failed)."""

from django.contrib import messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from reports import services
from reports.choices import JobState


class ReportReadyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            for job in services.take_announcements(user=user):
                url = reverse("reports:job", args=[job.pk])
                if job.state == JobState.READY:
                    messages.success(
                        request, format_html(_('เอกสาร "{}" พร้อมแล้ว <a href="{}">ดาวน์โหลด</a>'), job.title, url)
                    )
                else:
                    messages.error(
                        request, format_html(_('สร้างเอกสาร "{}" ไม่สำเร็จ: {}'), job.title, job.failure_reason)
                    )
        return self.get_response(request)
