"""The HTML simkit writes, as Jinja templates kept beside the code: certificates, feedback reports, trainers'
reports and pages, and the player's fragments. One environment renders them all, escaping every value unless a
template marks it ``| safe`` (HTML simkit made itself: Markdown it rendered, a fragment of another template).

Whitespace is left as written (no ``trim_blocks``): a certificate is verified by rendering its record again and
comparing the bytes, so its template's text is its output. Fragments that the player joins without spaces control
theirs with ``{%- … -%}``. The final newline of a file is not part of what it renders."""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("simkit", "templates"),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,  # a misspelt name fails the page rather than printing nothing
        auto_reload=False,  # templates are package data: read once per process
    )


def render(name: str, /, **context: Any) -> str:
    """The template ``name`` (a path under simkit/templates, e.g. ``certificates/certificate.html``) rendered."""
    return environment().get_template(name).render(**context)


def fragment(name: str, macro: str, /, **arguments: Any) -> str:
    """One macro of the template ``name`` called with ``arguments``: a page's pieces that are shown apart (each in
    its own widget) kept together in one template, one macro each."""
    return str(getattr(environment().get_template(name).module, macro)(**arguments))
