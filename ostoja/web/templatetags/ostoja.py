from django import template
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext

register = template.Library()


@register.filter
def language_name(code: str) -> str:
    """An ISO 639-1 code as a language name in the reader's language, with the code ("ukraiński (uk)")."""
    info = LANG_INFO.get((code or "").lower())
    if not info or "name" not in info:
        return code or ""
    return f"{gettext(info['name'])} ({code})"


@register.filter
def language_names(codes) -> str:
    return ", ".join(language_name(code) for code in codes or [])
