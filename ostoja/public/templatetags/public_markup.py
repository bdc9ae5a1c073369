from django import template
from django.utils.safestring import SafeString

from ostoja.public import markup

register = template.Library()


@register.filter
def public_markup(body: str, heading_level: int = 3) -> SafeString:
    return markup.render(body or "", heading_level=int(heading_level))
