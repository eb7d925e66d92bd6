"""A certificate as a one-page PDF (fpdf2), in two languages (Russian and English, or Kazakh and Russian), with its
facts attached as a JSON file.

Cyrillic and Kazakh letters need a Unicode font: DejaVu Sans, which matplotlib (a simkit dependency) ships, is
loaded from the installed package, so no font file is kept in the project, and parsed once per process
(``simkit.certificates.faces``). Each fact is printed as one ``label: value`` line.

The same record makes the same bytes, which is what ``simkit verify`` checks: the document's dates are the
certificate's issue time, fpdf2 derives the document id from the content, and nothing else varies. Another fpdf2
or matplotlib release may lay the same page out in other bytes (docs/records.md).
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path

import matplotlib
from fpdf import FPDF

from simkit.certificates.faces import add_face, output
from simkit.certificates.model import DEFAULT_LANGUAGES, LABELS, Certificate, Languages, in_pair, label
from simkit.i18n import N_, t

ATTACHMENT = "simkit-certificate.json"
BLUE = (31, 78, 121)
PLAIN_FIELDS = {"basis"}  # long wording, not a fact to catch the eye


@cache
def font_files() -> dict[str, Path]:
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    files = {"": folder / "DejaVuSans.ttf", "B": folder / "DejaVuSans-Bold.ttf"}
    missing = [str(path) for path in files.values() if not path.is_file()]
    if missing:
        raise ValueError(f"the DejaVu Sans font is missing: {missing[0]} (hint: reinstall matplotlib)")
    return files


def _utc(stamp: dt.datetime) -> dt.datetime:
    # fpdf2 reads a naive time as the machine's local time: the file would then depend on where it was made.
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)


def _page(certificate: Certificate, languages: Languages) -> FPDF:
    pdf = FPDF(orientation="landscape", format="A4")
    for style, path in font_files().items():
        add_face(pdf, "DejaVu", style, path)
    pdf.set_title(f"{in_pair(N_('certificate.title'), languages)}: {certificate.name}")
    pdf.set_subject(f"{certificate.course_id} v{certificate.course_version}")
    pdf.set_keywords(f"simkit certificate {certificate.shown_code}")
    pdf.set_creator("simkit")
    pdf.set_creation_date(_utc(certificate.issued_at))  # the same certificate makes the same file
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_draw_color(*BLUE)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    return pdf


def render_pdf(certificate: Certificate, languages: Languages = DEFAULT_LANGUAGES) -> bytes:
    pdf = _page(certificate, languages)
    printed = certificate.printed(languages)
    pdf.set_xy(25, 25)
    pdf.set_text_color(*BLUE)
    pdf.set_font("DejaVu", "B", 28)
    pdf.cell(0, 14, in_pair(N_("certificate.heading"), languages), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("DejaVu", "", 12)
    for line in dict.fromkeys(t("certificate.lead", lang) for lang in languages):
        pdf.cell(0, 7, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    for field in LABELS:
        pdf.set_x(25)
        pdf.set_font("DejaVu", "", 11)
        pdf.write(7, f"{label(field, languages)}: ")
        pdf.set_font("DejaVu", "" if field in PLAIN_FIELDS else "B", 12 if field in ("name", "code") else 11)
        pdf.multi_cell(pdf.w - 25 - pdf.get_x(), 7, printed[field], align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.set_font("DejaVu", "", 9)
    pdf.set_xy(25, pdf.h - 32)
    pdf.multi_cell(
        pdf.w - 50,
        5,
        f"{in_pair(N_('certificate.verify_word'), languages)}: simkit verify {printed['code']} "
        f"({in_pair(N_('certificate.verify_where'), languages)})",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    facts = json.dumps(certificate.facts(languages), ensure_ascii=False, indent=1).encode("utf-8")
    pdf.embed_file(basename=ATTACHMENT, bytes=facts, desc="simkit certificate facts", modification_date=None)
    return output(pdf)
