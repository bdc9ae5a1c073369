"""Reading rendered pages in tests: the HTML5 parser WeasyPrint already brings (tinyhtml5), and the
forms of a page with the controls that belong to each (by nesting or by the ``form`` attribute)."""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

import tinyhtml5

NS = "{http://www.w3.org/1999/xhtml}"


def parse(html: str | bytes) -> Element:
    if isinstance(html, bytes):
        html = html.decode()
    return tinyhtml5.parse(html)


def tag(element: Element) -> str:
    return element.tag.removeprefix(NS)


def elements(root: Element, name: str | None = None) -> list[Element]:
    return [e for e in root.iter() if isinstance(e.tag, str) and (name is None or tag(e) == name)]


def text(element: Element) -> str:
    return " ".join("".join(element.itertext()).split())


def ids(root: Element) -> list[str]:
    return [e.get("id") for e in elements(root) if e.get("id")]


@dataclass
class Control:
    element: Element
    kind: str  # input type, "select" or "textarea"
    name: str
    value: str = ""
    options: list[str] = field(default_factory=list)

    @property
    def editable(self) -> bool:
        return self.kind not in {"hidden", "submit", "button", "reset", "image"} and not self.element.get(
            "disabled"
        )


@dataclass
class Form:
    element: Element
    method: str
    action: str
    controls: list[Control]

    @property
    def editable(self) -> list[Control]:
        return [c for c in self.controls if c.editable and c.name]

    def submit_button(self) -> Control | None:
        return next((c for c in self.controls if c.kind in {"submit", "image"} and c.name), None)


def forms(root: Element) -> list[Form]:
    """Every form of the page with its controls, including those outside it that name it in ``form=``."""
    found: dict[int, Form] = {}
    by_id: dict[str, Form] = {}
    parents = {child: parent for parent in root.iter() for child in parent}
    for element in elements(root, "form"):
        form = Form(
            element=element,
            method=(element.get("method") or "get").lower(),
            action=element.get("action") or "",
            controls=[],
        )
        found[id(element)] = form
        if element.get("id"):
            by_id[element.get("id")] = form
    for element in elements(root):
        name = tag(element)
        if name not in {"input", "select", "textarea", "button"}:
            continue
        owner = by_id.get(element.get("form") or "")
        if owner is None and not element.get("form"):
            parent = parents.get(element)
            while parent is not None and tag(parent) != "form":
                parent = parents.get(parent)
            owner = found.get(id(parent)) if parent is not None else None
        if owner is None:
            continue
        if name == "select":
            options = [o.get("value", text(o)) for o in elements(element, "option")]
            chosen = [
                o.get("value", text(o)) for o in elements(element, "option") if o.get("selected") is not None
            ]
            control = Control(
                element, "select", element.get("name") or "", (chosen or options or [""])[0], options
            )
        elif name == "textarea":
            control = Control(element, "textarea", element.get("name") or "", text(element))
        elif name == "button":
            control = Control(
                element,
                (element.get("type") or "submit").lower(),
                element.get("name") or "",
                element.get("value") or "",
            )
        else:
            control = Control(
                element,
                (element.get("type") or "text").lower(),
                element.get("name") or "",
                element.get("value") or "",
            )
        owner.controls.append(control)
    return list(found.values())
