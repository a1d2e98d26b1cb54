"""How an audit record reads on a page (``{% load audit_display %}``)."""

from django import template

from core import audit

register = template.Library()


@register.filter
def audit_rows(event):
    return audit.describe_changes(event)


@register.filter
def audit_action(event):
    model = event.target_type.model if event.target_type_id else None
    return audit.action_label(event.action, model)
