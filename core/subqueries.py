"""Scalar subqueries for counting and the earliest value of a queryset inside another query.

They let a page put many counts in one SELECT (the inbox does), whatever the rows number.
"""

from django.db.models import DateTimeField, F, IntegerField, QuerySet, Subquery


class _Count(Subquery):
    template = "(SELECT COUNT(*) FROM (%(subquery)s) _counted)"
    output_field = IntegerField()


class _Min(Subquery):
    template = "(SELECT MIN(_m.v) FROM (%(subquery)s) _m)"


def count_of(qs: QuerySet) -> Subquery:
    """How many rows ``qs`` has, as an expression."""
    return _Count(qs.order_by().values("pk"))


def earliest(qs: QuerySet, field: str, output_field=None) -> Subquery:
    """The smallest ``field`` of ``qs`` (NULL when empty), as an expression."""
    return _Min(qs.order_by().values(v=F(field)), output_field=output_field or DateTimeField())


def first_pk(qs: QuerySet) -> Subquery:
    """The primary key of ``qs``'s first row in its own order (NULL when empty)."""
    return Subquery(qs.values("pk")[:1], output_field=IntegerField())
