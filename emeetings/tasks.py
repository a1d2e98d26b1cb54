"""Celery tasks of e-meetings: thin, they load by id and call the builder."""

from celery import shared_task
from django.db import InterfaceError, OperationalError


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=5,
    max_retries=5,
    soft_time_limit=600,
    time_limit=660,
)
def build_evidence_bundle(bundle_id: int) -> None:
    """Build one meeting's evidence zip."""
    from emeetings import evidence

    evidence.build(bundle_id)
