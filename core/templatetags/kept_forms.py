"""``{{ form|crispy_kept }}``: ``{{ form|crispy }}``, an unbound form drawn once per content (``core.kept_forms``)."""

from django import template

from core.kept_forms import crispy_kept

register = template.Library()
register.filter("crispy_kept", crispy_kept)
