"""Every URL the project serves, with sample arguments: for tests that must cover all routes."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from django.urls import URLPattern, URLResolver, get_resolver


def _walk(patterns, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    for pattern, name, _view in _walk_views(patterns, prefix, namespace):
        yield pattern, name


def _walk_views(patterns, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, Callable]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = ":".join(filter(None, [namespace, entry.namespace])) if entry.namespace else namespace
            yield from _walk_views(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else (entry.name or "")
            yield prefix + str(entry.pattern), name, entry.callback


def all_views() -> list[tuple[str, Callable]]:
    """``(name, view)`` for every route."""
    return [(name, view) for _pattern, name, view in _walk_views(get_resolver().url_patterns)]


def route_patterns() -> list[tuple[str, str]]:
    """``(pattern, name)`` for every route, the pattern as written (``/cases/<int:pk>/``)."""
    return [("/" + pattern.lstrip("^/"), name) for pattern, name in _walk(get_resolver().url_patterns)]


def all_routes(sample_id: int = 1) -> list[tuple[str, str]]:
    """``(name, sample_url)`` for every route, named as ``reverse`` takes it (``hotline:api:…``);
    path arguments are filled with ``sample_id``."""
    routes = []
    for pattern, name in _walk(get_resolver().url_patterns):
        url = re.sub(r"<(?:int:)?(\w+)>", str(sample_id), pattern)
        url = re.sub(r"<(?:str|slug):(\w+)>", "x", url)
        url = re.sub(r"<publiclang:(\w+)>", "en", url)
        url = re.sub(r"<uuid:(\w+)>", "00000000-0000-0000-0000-000000000001", url)
        url = url.lstrip("^").rstrip("$")
        routes.append((name, "/" + url.lstrip("/")))
    return routes
