from django.http import FileResponse, Http404, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from exports import writers
from exports.datasets import dataset

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _filename(kind: str, fmt: str) -> str:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return f"{kind}-{stamp}.{fmt}"


@require_GET
def download(request, kind, fmt):
    """One list as CSV or Excel, with the filters the page had (its query string), streamed."""
    if fmt not in FORMATS:
        raise Http404("ไม่รองรับรูปแบบไฟล์นี้")
    export = dataset(request.user, kind, request.GET)
    name = _filename(kind, fmt)
    if fmt == "csv":
        response = StreamingHttpResponse(writers.csv_lines(export.header, export.rows), content_type=FORMATS["csv"])
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    handle = writers.xlsx_file(export.header, export.rows, title=export.title)
    return FileResponse(handle, as_attachment=True, filename=name, content_type=FORMATS["xlsx"])
