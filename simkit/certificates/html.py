"""A certificate as one HTML page in two languages (Russian and English, or Kazakh and Russian), printable, with its
facts embedded for machines.

Each printed fact sits in an element marked ``data-fact`` and the same facts are embedded as JSON
(``<script type="application/json" id="simkit-certificate">``) for other programs. ``simkit verify`` reads only the
code from them: the page is rendered from the gradebook's record alone, deterministically, so verifying a file is
rendering its record again and comparing the bytes.
"""

from __future__ import annotations

from simkit.certificates.model import DEFAULT_LANGUAGES, LABELS, Certificate, Languages, in_pair, label
from simkit.i18n import N_, t
from simkit.templates import render

FACTS_ID = "simkit-certificate"


def render_html(certificate: Certificate, languages: Languages = DEFAULT_LANGUAGES) -> str:
    words = {
        "title": in_pair(N_("certificate.title"), languages),
        "heading": in_pair(N_("certificate.heading"), languages),
        "certify": in_pair(N_("certificate.certify"), languages),
        "passed": in_pair(N_("certificate.passed"), languages),
    }
    # Its bytes are what `simkit verify` compares: tests/certificates/test_html_fixtures.py holds pages as issued.
    return render(
        "certificates/certificate.html",
        facts_id=FACTS_ID,
        facts=certificate.facts(languages),
        printed=certificate.printed(languages),
        first=languages[0],
        words=words,
        verify=[t("certificate.verify", lang) for lang in languages],
        labels={field: label(field, languages) for field in LABELS},
        fields=[field for field in LABELS if field != "name"],
    )
