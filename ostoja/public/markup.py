"""The small markup of public texts, rendered without ever trusting the text as HTML.

A blank line starts a paragraph; lines starting with "- " form a list; a line starting with
"## " is a subheading. Everything is escaped first, so staff cannot (even by accident) put script,
styles or links to other hosts on a page read by people in danger.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def render(body: str, *, heading_level: int = 3) -> SafeString:
    parts: list[str] = []
    for block in _blocks(body):
        paragraph: list[str] = []
        items: list[str] = []
        for line in block.splitlines():
            if line.startswith("## "):
                _flush(parts, paragraph, items)
                parts.append(f"<h{heading_level}>{escape(line[3:].strip())}</h{heading_level}>")
            elif line.startswith("- "):
                _flush(parts, paragraph, [])
                items.append(line[2:].strip())
            else:
                _flush(parts, [], items)
                paragraph.append(line.strip())
        _flush(parts, paragraph, items)
    return mark_safe("\n".join(parts))  # noqa: S308 — every piece of text above was escaped


def _flush(parts: list[str], paragraph: list[str], items: list[str]) -> None:
    """Closes the open paragraph and list (in that order), emptying them."""
    if paragraph:
        parts.append("<p>" + "<br>".join(escape(line) for line in paragraph) + "</p>")
        paragraph.clear()
    if items:
        parts.append("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>")
        items.clear()


def _blocks(body: str) -> list[str]:
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    return [block.strip("\n") for block in text.split("\n\n") if block.strip()]


def plain(body: str) -> str:
    """The text without markup, for previews in lists."""
    return " ".join(line.removeprefix("## ").removeprefix("- ").strip() for line in body.splitlines()).strip()
