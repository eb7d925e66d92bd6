"""The frame of every HTML page the service serves: the language links, the styles, the title; and the error
page, which the handlers write for any refused request. Russian by default, every value escaped."""

from __future__ import annotations

from typing import Any

import markupsafe

from simkit.i18n import LANGUAGE_NAMES, N_, t
from simkit.templates import render


def words(lang: str) -> Any:
    """The templates' lookup, ``{{ t("pages.…") }}``: the interface catalogue's words in the page's language."""
    return lambda key: t(key, lang)


def page(title_key: str, body: str, lang: str, title: str | None = None) -> str:
    w = words(lang)
    body_markup = markupsafe.Markup(body)
    languages = LANGUAGE_NAMES.items()
    return render(
        "service/page.html", lang=lang, title=title or w(title_key), body=body_markup, t=w, languages=languages
    )


def error_page(status: int, message: str, lang: str) -> str:
    body = render("service/error.html", message=message)
    return page(N_("pages.error"), body, lang, title=f"{t('pages.error', lang)} {status}")
