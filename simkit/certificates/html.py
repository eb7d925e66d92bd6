"""A certificate as one HTML page in two languages (Russian and English, or Kazakh and Russian), printable, with its
facts embedded for machines.

Each printed fact sits in an element marked ``data-fact`` and the same facts are embedded as JSON
(``<script type="application/json" id="simkit-certificate">``) for other programs. ``simkit verify`` reads only the
code from them: the page is rendered from the gradebook's record alone, deterministically, so verifying a file is
rendering its record again and comparing the bytes.
"""

from __future__ import annotations

import jinja2

from simkit.certificates.model import DEFAULT_LANGUAGES, LABELS, Certificate, Languages, in_pair, label
from simkit.i18n import N_, t

FACTS_ID = "simkit-certificate"
TEMPLATE = jinja2.Environment(autoescape=True).from_string(
    """<!doctype html>
<html lang="{{ first }}"><head><meta charset="utf-8">
<title>{{ words.title }}: {{ printed.name }}</title>
<script type="application/json" id="{{ facts_id }}">{{ facts | tojson }}</script>
<style>
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 0; background: #f3f1ea; color: #1d2433; }
main { max-width: 760px; margin: 32px auto; padding: 40px 56px; background: #fff; border: 6px double #1f4e79; }
h1 { text-align: center; letter-spacing: 0.08em; color: #1f4e79; margin: 0 0 8px; }
.lead { text-align: center; margin: 4px 0; }
.name { text-align: center; font-size: 1.6em; font-weight: bold; margin: 16px 0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; margin: 24px 0; }
dt { color: #555; } dd { margin: 0; font-weight: bold; } dd.basis { font-weight: normal; }
code { white-space: nowrap; }
.verify { border-top: 1px solid #ccc; padding-top: 12px; font-size: 0.9em; color: #333; }
@media print { body { background: #fff; } main { margin: 0 auto; } }
</style></head>
<body><main>
<h1>{{ words.heading }}</h1>
<p class="lead">{{ words.certify }}</p>
<p class="name" data-fact="name">{{ printed.name }}</p>
<p class="lead">{{ words.passed }}</p>
<dl>
{% for field in fields %}<dt>{{ labels[field] }}</dt>
<dd class="{{ field }}" data-fact="{{ field }}">{{ printed[field] }}</dd>
{% endfor %}</dl>
<p class="verify">{{ verify[0] }}
<code>simkit verify {{ printed.code }}</code>.<br>
{{ verify[1] }} <code>simkit verify {{ printed.code }}</code>.</p>
</main></body></html>
"""
)


def render_html(certificate: Certificate, languages: Languages = DEFAULT_LANGUAGES) -> str:
    words = {
        "title": in_pair(N_("certificate.title"), languages),
        "heading": in_pair(N_("certificate.heading"), languages),
        "certify": in_pair(N_("certificate.certify"), languages),
        "passed": in_pair(N_("certificate.passed"), languages),
    }
    return TEMPLATE.render(
        facts_id=FACTS_ID,
        facts=certificate.facts(languages),
        printed=certificate.printed(languages),
        first=languages[0],
        words=words,
        verify=[t("certificate.verify", lang) for lang in languages],
        labels={field: label(field, languages) for field in LABELS},
        fields=[field for field in LABELS if field != "name"],
    )
