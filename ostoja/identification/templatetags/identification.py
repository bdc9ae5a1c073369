"""Template filters for the identification pages."""

from django import template

from ostoja.identification.forms import ProfileForm

register = template.Library()


@register.filter
def labels(codes: list[str], field: str) -> str:
    """The translated labels of a profile's list of codes, e.g. ``profile.forms|labels:"forms"``."""
    choices = dict(ProfileForm.base_fields[field].choices)
    return ", ".join(str(choices.get(code, code)) for code in codes or [])
