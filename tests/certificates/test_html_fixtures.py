"""A certificate's HTML keeps its bytes: a file issued earlier verifies by rendering its record again, so any change
to the template, its environment or the words it prints would make every issued file fail. The fixtures are pages
as issued; a page that must change needs a new certificate format, not new fixtures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from simkit.certificates.html import render_html
from simkit.certificates.model import PAIRS, Certificate, Languages

FIXTURES = Path(__file__).parent / "fixtures" / "html"
ISSUED = dt.datetime(2026, 3, 20, 9, 30, tzinfo=dt.UTC)


def certificate(learner: str, name: str | None, code: str, titles: tuple[str, str], rhythm: str | None) -> Certificate:
    return Certificate(
        code=code,
        attempt_id=1,
        learner_id=learner,
        learner_name=name,
        course_id="onboarding",
        course_version=3,
        title_ru=titles[0],
        title_en=titles[1],
        rhythm=rhythm,
        completed_on=dt.date(2026, 3, 19),
        score=17.5,
        max_score=20.0,
        issued_at=ISSUED,
    )


CERTIFICATES = {
    "ann": certificate(
        "ann", "Әсел Қайратқызы Нұрғалиева", "K7QM2XPR9TCWH4VP", ("Вводный курс", "Onboarding"), "onboarding"
    ),
    "bek": certificate("bek", None, "ZP3R7KQX2MWT9HCQ", ("Повышение", "Advanced training"), "advanced_training"),
    "eve": certificate(
        "eve", "<script>alert('Eve & \"co\"')</script>", "M4HCV9TQ2ZPR7KXZ", ("Экзамен", "Экзамен"), None
    ),
}


def fixture_path(learner: str, languages: Languages) -> Path:
    return FIXTURES / f"{learner}.{'-'.join(languages)}.html"


CASES = [(learner, pair) for learner in CERTIFICATES for pair in dict.fromkeys(PAIRS.values())]


@pytest.mark.parametrize(("learner", "languages"), CASES)
def test_a_certificate_renders_to_the_bytes_it_was_issued_with(learner: str, languages: Languages) -> None:
    page = render_html(CERTIFICATES[learner], languages).encode("utf-8")
    assert page == fixture_path(learner, languages).read_bytes()


@pytest.mark.parametrize("languages", list(dict.fromkeys(PAIRS.values())))
def test_a_learners_name_is_printed_escaped(languages: Languages) -> None:
    page = render_html(CERTIFICATES["eve"], languages)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;Eve &amp; &#34;co&#34;&#39;)&lt;/script&gt;" in page
    assert "\\u003cscript\\u003e" in page  # the embedded facts too: tojson escapes what could end the script
