from django import template
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext

from ostoja import dates

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


def _first_box(field) -> str:
    """The id to link to: the field's own, or its first radio button or checkbox."""
    if field.id_for_label:
        return field.id_for_label
    subwidgets = field.subwidgets
    if subwidgets and subwidgets[0].id_for_label:
        return subwidgets[0].id_for_label
    return field.auto_id or ""


@register.simple_tag
def error_entries(*parts) -> list[dict]:
    """The lines of an error summary for the forms and formsets given, in order.

    Each field error carries the id of the field it belongs to (``href``); errors of the whole form
    and of hidden fields have no field to link to. Formset rows are numbered in their labels.
    Anything that is not a bound form or formset (an unset template variable) is skipped.
    """
    entries: list[dict] = []

    def add(bound_form, row: int | None = None) -> None:
        for error in bound_form.non_field_errors():
            entries.append({"href": "", "label": "", "message": error})
        for field in bound_form:
            for error in field.errors:
                if field.is_hidden:
                    entries.append({"href": "", "label": "", "message": error})
                    continue
                label = str(field.label or field.name)
                if row is not None:
                    label = gettext("%(label)s (row %(number)s)") % {"label": label, "number": row}
                entries.append({"href": _first_box(field), "label": label, "message": error})

    for part in parts:
        if hasattr(part, "non_form_errors") and part.is_bound:
            for error in part.non_form_errors():
                entries.append({"href": "", "label": "", "message": error})
            for number, row in enumerate(part.forms, start=1):
                add(row, number)
        elif hasattr(part, "non_field_errors") and part.is_bound:
            add(part)
    return entries


@register.filter
def country(code: str) -> str:
    """An ISO 3166 code as the country's name in the reader's language ("DE" → "Niemcy")."""
    from ostoja.people.countries import country_name

    return country_name(code or "")


@register.filter
def countries(codes) -> str:
    """A list of ISO 3166 codes as the countries' names in the reader's language, joined by commas."""
    from ostoja.people.countries import country_name

    return ", ".join(country_name(code) for code in codes or ())


@register.filter(expects_localtime=False)
def when(value, style: str = "") -> str:
    """A date or time as the reader reads them, in the centre's time zone (see ``ostoja.dates.show``):
    ``{{ contact.received_at|when }}``, ``|when:"date"``, ``"time"``, ``"month"``, ``"weekday"``,
    ``"iso"`` (for ``<time datetime>``), ``"input"`` (for an input's value or a link). A stored value
    no calendar can hold shows as "invalid date"; nothing here raises."""
    return dates.show(value, style)
