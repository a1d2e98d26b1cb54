"""WeasyPrint fetches only the product's static files and data: URLs; user text is escaped."""

import pytest

from reports.pdf import SafeURLFetcher, base_context, html_to_pdf
from tests.reports.helpers import add_meeting, pdf_text, read_file, squeeze

pytestmark = pytest.mark.django_db

PASSWD_MARK = "root:x:0:0"


def test_fetcher_refuses_files_outside_static_and_network():
    fetcher = SafeURLFetcher()
    for url in (
        "file:///etc/passwd",
        "file:///etc/../etc/passwd",
        "http://127.0.0.1/",
        "https://example.org/x.png",
        "ftp://example.org/x",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.fetch(base_context()["pdf_css_url"]).read()  # the product's own stylesheet
    assert fetcher.fetch("data:text/plain,ok").read() == b"ok"


def test_raw_html_pointing_at_etc_passwd_does_not_leak_it():
    ctx = base_context()
    html = f"""<html><head><link rel="stylesheet" href="{ctx["pdf_css_url"]}">
    <link rel="stylesheet" href="file:///etc/passwd"><link rel="attachment" href="file:///etc/passwd"></head>
    <body><p>ทดสอบ</p><img src="file:///etc/passwd"><object data="file:///etc/passwd"></object>
    <iframe src="file:///etc/passwd"></iframe><a rel="attachment" href="file:///etc/passwd">แนบ</a></body></html>"""
    pdf = html_to_pdf(html, strict=False, uncompressed_pdf=True).pdf
    assert PASSWD_MARK.encode() not in pdf
    assert PASSWD_MARK not in pdf_text(pdf)
    # the same HTML with WeasyPrint's default fetcher does put the file in the PDF (the test can see a leak)
    import weasyprint

    leaked = weasyprint.HTML(string=html).write_pdf(uncompressed_pdf=True)
    assert PASSWD_MARK.encode() in leaked


def test_user_text_is_escaped_in_documents(world, django_capture_on_commit_callbacks):
    from committees.choices import Role
    from meetings.models import Resolution
    from reports import services
    from reports.choices import JobState, ReportKind
    from reports.documents import Target

    meeting = add_meeting(world.own_sc, items=1)
    Resolution.objects.filter(agenda_item__meeting=meeting).update(
        text='<img src="file:///etc/passwd"><link rel="stylesheet" href="file:///etc/passwd">มติ <b>ตัวหนา</b>'
    )
    target = Target(ReportKind.ANNUAL_PROVINCE, province=world.own, fiscal_year=2564)
    with django_capture_on_commit_callbacks(execute=True):
        job, _ = services.request_report(actor=world.users[Role.CHAIR], target=target)
    job.refresh_from_db()
    assert job.state == JobState.READY, job.failure_reason
    data = read_file(job)
    assert PASSWD_MARK.encode() not in data
    text = pdf_text(data)
    assert '<img src="file:///etc/passwd">' in text  # shown as the text typed, like on a page
    assert squeeze("<b>ตัวหนา</b>") in squeeze(text)
