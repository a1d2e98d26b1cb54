from celery import shared_task


@shared_task(ignore_result=True)
def index_source(kind: str, pk: int) -> None:
    """Re-index one source after its transaction committed (ids only; the worker re-reads it).

    The pending mark is cleared before the source is read, so a save committed after this point
    queues a new task (``search.indexing``).
    """
    from search.indexing import clear_pending
    from search.services import reindex

    clear_pending(kind, pk)
    reindex(kind=kind, pk=pk)
