"""The PDF's fonts are parsed and cut once per process, and change nothing in the files: a certificate is the very
bytes fpdf2's own ``add_font`` makes, whether its glyphs are in the cut or not, and whatever was rendered before
it in the process."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import pickle
import subprocess
import sys

import pytest
from fpdf import FPDF
from fpdf.fonts import TTFFont

import simkit.certificates.pdf as pdf_module
from simkit.certificates.faces import SLOTS, face, text_width
from simkit.certificates.model import DEFAULT_LANGUAGES, PAIRS, Certificate, Languages
from simkit.certificates.pdf import font_files, render_pdf

KAZAKH: Languages = PAIRS["kk"]
ANN = Certificate(
    code="7K3MQ9PX2RTVHW4C",
    attempt_id=1,
    learner_id="ann",
    learner_name="Әсел Қайратқызы Нұрғалиева",
    course_id="onboarding",
    course_version=1,
    title_ru="Вводный курс",
    title_en="Onboarding",
    rhythm="code:5",
    completed_on=dt.date(2026, 3, 2),
    score=126.0,
    max_score=140.0,
    issued_at=dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC),
)
NAMES = {
    "kazakh, in the cut": ANN.learner_name,
    "latin with marks, in the cut": "Zoë Ñúñez-Øster Ğülşen",
    "no name: the learner id": None,
    "greek, beyond the cut": "Ἀλέξανδρος Παπαδόπουλος",
    "georgian, beyond the cut": "ნინო ბერიძე",
    "letters the font lacks": "王小明 Wang",
    "long enough to wrap": "Ұлжан " * 40,
}


def certificate(name: str | None) -> Certificate:
    return dataclasses.replace(ANN, learner_name=name, code=f"{len(name or ''):04d}" + ANN.code[4:])


def fpdf_own(certificate: Certificate, languages: Languages, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """The certificate as fpdf2 makes it with each face parsed for the document (``FPDF.add_font``)."""
    with monkeypatch.context() as patched:
        patched.setattr(pdf_module, "add_face", lambda pdf, family, style, path: pdf.add_font(family, style, path))
        patched.setattr(pdf_module, "output", lambda pdf: bytes(pdf.output()))
        return render_pdf(certificate, languages)


@pytest.mark.parametrize("languages", [DEFAULT_LANGUAGES, KAZAKH], ids="+".join)
@pytest.mark.parametrize("name", NAMES.values(), ids=NAMES.keys())
def test_a_certificate_is_the_bytes_fpdf2_makes_with_its_own_fonts(
    name: str | None, languages: Languages, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = certificate(name)
    assert render_pdf(made, languages) == fpdf_own(made, languages, monkeypatch)


def test_nothing_a_certificate_used_reaches_the_next_one() -> None:
    """Rendered after others in one process (their glyphs, their fonts' subsets) or alone in a fresh one: the
    same bytes."""
    others = [certificate(name) for name in NAMES.values()]
    after_others = [render_pdf(made) for made in [*others, ANN, *reversed(others)]]
    script = (
        "import pickle, sys\n"
        "from simkit.certificates.pdf import render_pdf\n"
        "sys.stdout.buffer.write(pickle.dumps([render_pdf(made) for made in pickle.loads(sys.stdin.buffer.read())]))\n"
    )
    alone = [ANN, others[3], others[0]]
    fresh = subprocess.run([sys.executable, "-c", script], input=pickle.dumps(alone), capture_output=True)
    assert fresh.returncode == 0, fresh.stderr.decode()
    # Each first in its process: ANN alone in it, the next ones after a certificate of other glyphs.
    first_alone = subprocess.run([sys.executable, "-c", script], input=pickle.dumps(alone[1:]), capture_output=True)
    assert pickle.loads(fresh.stdout) == [after_others[len(others)], after_others[3], after_others[0]]
    assert pickle.loads(first_alone.stdout) == [after_others[3], after_others[0]]
    assert after_others[: len(others)] == after_others[len(others) + 1 :][::-1]  # again, later, in another order


def test_each_face_is_parsed_once_and_cut_to_the_scripts_certificates_print() -> None:
    assert set(TTFFont.__slots__) == SLOTS, "another fpdf2: say which of TTFFont's attributes a document owns"
    for style, path in font_files().items():
        parsed = face(path, "DejaVu", style)
        assert parsed is face(path, "DejaVu", style)
        assert parsed.reusable
        cmap = parsed.parsed.cmap
        assert {cmap[ord(letter)] for letter in "AzЁёӘәҒғҚқҢңӨөҰұҮүҺһІі№—«»"} <= parsed.cut_glyphs
        assert cmap[ord("Ἀ")] not in parsed.cut_glyphs
        assert len(parsed.cut) < len(parsed.data) / 5


def test_a_document_gets_fonts_of_its_own() -> None:
    first, second = FPDF(), FPDF()
    for pdf in (first, second):
        for style, path in font_files().items():
            pdf_module.add_face(pdf, "DejaVu", style, path)
    for key, font in first.fonts.items():
        other = second.fonts[key]
        assert isinstance(font, TTFFont) and isinstance(other, TTFFont)
        for owned in ("cw", "glyph_ids", "cmap", "desc", "subset", "missing_glyphs", "ttfont"):
            assert getattr(font, owned) is not getattr(other, owned), owned
        assert font.cw == other.cw and font.cmap == other.cmap


@pytest.mark.parametrize("style", ["", "B"])
def test_a_text_measures_as_fpdf2_measures_it(style: str) -> None:
    parsed = face(font_files()[style], "DejaVu", style)
    fpdf2s = copy.deepcopy(parsed.parsed)
    texts = ["", "a", "Ұлжан " * 40, "王小明 Wang", *(name or "" for name in NAMES.values())]
    texts += [text[:cut] for text in texts for cut in (1, 31, 32, 33, 64, 65)]
    for text in texts:
        assert text_width(parsed.key, text) * 12 * 0.001 == fpdf2s.get_text_width(text, 12, None)[1], text
