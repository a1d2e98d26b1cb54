from celery import shared_task


@shared_task(ignore_result=True)
def index_source(kind: str, pk: int) -> None:
    """Re-index one source after its transaction committed (ids only; the worker re-reads it)."""
    from search.services import reindex

    reindex(kind=kind, pk=pk)
