"""Reading forms out of a page as a browser would, and taking stock of what the database holds.

``page_forms(html)`` finds the forms of a page with their controls; ``Form.submission()`` is what a
browser sends when the form is submitted as it stands (checked boxes, selected options, text as
rendered, the pressed button). ``stored(querysets)`` is every stored value of some records, for
comparing before and after a save.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.db import models

TEMPORAL_INPUTS = ("date", "datetime-local", "time", "month", "week")
NOT_SENT = ("submit", "button", "image", "reset", "file")


@dataclass
class Control:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""
    options: list[dict] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.attrs.get("name") or ""

    @property
    def type(self) -> str:
        default = "submit" if self.tag == "button" else "text"
        return (self.attrs.get("type") or default).lower()

    @property
    def is_button(self) -> bool:
        return self.tag == "button" or (self.tag == "input" and self.type in ("submit", "image"))


@dataclass
class Form:
    attrs: dict[str, str | None]
    controls: list[Control] = field(default_factory=list)

    @property
    def posts_to_itself(self) -> bool:
        return (self.attrs.get("method") or "get").lower() == "post" and not self.attrs.get("action")

    @property
    def temporal_inputs(self) -> list[Control]:
        return [c for c in self.controls if c.tag == "input" and c.type in TEMPORAL_INPUTS]

    def buttons(self) -> list[Control]:
        return [c for c in self.controls if c.is_button and c.type not in ("reset", "button")]

    def submission(self, button: str | None = None) -> dict[str, list[str]]:
        """The form data a browser sends; ``button`` is "name=value" of the submit button pressed,
        else the first one (what Enter presses)."""
        data: dict[str, list[str]] = {}

        def add(name: str, value: str) -> None:
            if name:
                data.setdefault(name, []).append(value)

        for control in self.controls:
            if "disabled" in control.attrs or control.is_button:
                continue
            if control.tag == "input":
                if control.type in ("checkbox", "radio"):
                    if "checked" in control.attrs:
                        add(control.name, control.attrs["value"] or "" if "value" in control.attrs else "on")
                elif control.type not in NOT_SENT:
                    add(control.name, control.attrs.get("value") or "")
            elif control.tag == "textarea":
                add(control.name, control.text[1:] if control.text.startswith("\n") else control.text)
            elif control.tag == "select":
                chosen = [o for o in control.options if o["selected"]]
                if "multiple" not in control.attrs and not chosen and control.options:
                    chosen = control.options[:1]
                for option in chosen if "multiple" in control.attrs else chosen[-1:]:
                    add(control.name, option["value"])
        pressed = self.buttons()
        if button is not None:
            pressed = [b for b in pressed if f"{b.name}={b.attrs.get('value') or ''}" == button]
            assert pressed, f"No button {button} in the form"
        if pressed and pressed[0].name:
            add(pressed[0].name, pressed[0].attrs.get("value") or "")
        return data


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.by_id: dict[str, Form] = {}
        self.current: Form | None = None
        self.open: Control | None = None  # a textarea, select or button being read
        self.option: dict | None = None
        self.orphans: list[tuple[str, Control]] = []  # controls with form="id" outside their form

    def _place(self, control: Control) -> None:
        owner = control.attrs.get("form")
        if owner:
            self.orphans.append((owner, control))
        elif self.current is not None:
            self.current.controls.append(control)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "form":
            self.current = Form(values)
            self.forms.append(self.current)
            if values.get("id"):
                self.by_id[values["id"]] = self.current
        elif tag == "input":
            self._place(Control(tag, values))
        elif tag in ("textarea", "select", "button"):
            self.open = Control(tag, values)
            self._place(self.open)
        elif tag == "option" and self.open is not None and self.open.tag == "select":
            self.option = {"value": values.get("value"), "selected": "selected" in values, "text": ""}
            self.open.options.append(self.option)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.current = None
        elif tag == "option" and self.option is not None:
            if self.option["value"] is None:
                self.option["value"] = " ".join(self.option["text"].split())
            self.option = None
        elif self.open is not None and tag == self.open.tag:
            if tag == "select" and self.option is not None:
                self.handle_endtag("option")
            self.open = None

    def handle_data(self, data: str) -> None:
        if self.option is not None:
            self.option["text"] += data
        elif self.open is not None and self.open.tag in ("textarea", "button"):
            self.open.text += data

    def close(self) -> None:
        super().close()
        for owner, control in self.orphans:
            if owner in self.by_id:
                self.by_id[owner].controls.append(control)


def page_forms(html: str) -> list[Form]:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.forms


# --- What the database holds ----------------------------------------------------------------------

# Set by every save whatever the form holds: when, by whom, which version.
BOOKKEEPING = ("version", "updated_at", "updated_by", "changed_at", "answered_at", "added_at")


def _value(instance: models.Model, field: models.Field):
    value = getattr(instance, field.attname)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return value


def stored(querysets: dict[str, models.QuerySet], ignore: tuple[str, ...] = ()) -> dict[str, list]:
    """Every stored value of the rows of each queryset (ids left out: rows may be replaced by equal
    ones), many-to-many links included; bookkeeping fields and ``ignore`` left out."""
    found = {}
    for label, queryset in querysets.items():
        rows = []
        for row in queryset.model.objects.filter(pk__in=queryset.values("pk")):
            values = {
                f.name: _value(row, f)
                for f in row._meta.concrete_fields
                if not f.primary_key and f.name not in BOOKKEEPING and f.name not in ignore
                and not getattr(f, "auto_now", False) and not getattr(f, "auto_now_add", False)
            }  # fmt: skip
            for m2m in row._meta.many_to_many:
                values[m2m.name] = sorted(getattr(row, m2m.name).values_list("pk", flat=True))
            rows.append(values)
        found[label] = sorted(rows, key=repr)
    return found


# --- What a bound Django form shows -------------------------------------------------------------


def as_sent(form, **overrides) -> dict:
    """A Django form's shown values as POST data (unticked boxes and empty choices left out), plus
    ``overrides``: for tests that send the same form from several threads at once."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False or value == []:
            continue
        if value is True:
            value = "on"
        elif hasattr(value, "hour"):
            value = value.strftime("%Y-%m-%dT%H:%M")
        elif hasattr(value, "strftime"):
            value = value.strftime("%Y-%m-%d")
        data[form.add_prefix(name)] = value
    data.update({form.add_prefix(name): value for name, value in overrides.items()})
    return data
