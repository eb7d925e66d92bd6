"""The frame of every HTML page the service serves: the language links, the styles, the title; and the error
page, which the handlers write for any refused request. Russian by default, every value escaped."""

from __future__ import annotations

from typing import Any

import jinja2

from simkit.i18n import LANGUAGE_NAMES, N_, t

TEMPLATE = jinja2.Environment(autoescape=True).from_string(
    """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 24px; color: #1d2433; }
table { border-collapse: collapse; margin: 8px 0 24px; } th, td { border: 1px solid #ccc; padding: 4px 8px; }
th { background: #eef2f7; text-align: left; } .passed-no { color: #b71c1c; } .passed-yes { color: #1b5e20; }
</style></head>
<body><nav><p>{% for code, name in languages if code != lang %}
<a href="?lang={{ code }}" lang="{{ code }}" hreflang="{{ code }}">{{ name }}</a>
{% endfor %}</p></nav>
<main><h1>{{ title }}</h1>
{{ body }}
</main></body></html>
"""
)


def words(lang: str) -> Any:
    """The templates' lookup, ``{{ t("pages.…") }}``: the interface catalogue's words in the page's language."""
    return lambda key: t(key, lang)


def page(title_key: str, body: str, lang: str, title: str | None = None) -> str:
    w = words(lang)
    body_markup = jinja2.utils.markupsafe.Markup(body)
    languages = LANGUAGE_NAMES.items()
    return TEMPLATE.render(lang=lang, title=title or w(title_key), body=body_markup, t=w, languages=languages)


def error_page(status: int, message: str, lang: str) -> str:
    body = jinja2.utils.markupsafe.escape(message)
    return page(N_("pages.error"), f"<p class='error'>{body}</p>", lang, title=f"{t('pages.error', lang)} {status}")
