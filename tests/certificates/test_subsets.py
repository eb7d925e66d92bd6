"""A document's font file made from the cut subsets and saves to the very bytes fontTools makes of the cut itself,
whatever glyphs the document uses and in whatever order documents come."""

from __future__ import annotations

import io
import random

import pytest
from fontTools import subset, ttLib

from simkit.certificates.faces import DROPPED_TABLES, face
from simkit.certificates.pdf import font_files
from simkit.certificates.subsets import document_file, known


def subset_as_fpdf2_does(font: ttLib.TTFont, glyphs: list[str]) -> bytes:
    """What fpdf2 does with a document's font when it saves the document (fpdf/output.py)."""
    options = subset.Options(notdef_outline=True, recommended_glyphs=True)
    options.drop_tables += DROPPED_TABLES
    subsetter = subset.Subsetter(options)
    subsetter.populate(glyphs=glyphs)
    subsetter.subset(font)
    written = io.BytesIO()
    font.save(written)
    return written.getvalue()


def glyph_sets(order: list[str]) -> list[list[str]]:
    chance = random.Random(7)
    sets = [[], order[:1], list(order), list(reversed(order))]
    sets += [chance.sample(order, chance.choice((1, 5, 40, 120, 400))) for _ in range(24)]
    return sets


@pytest.mark.parametrize("style", ["", "B"])
def test_a_document_file_saves_to_the_bytes_fonttools_makes_of_the_cut(style: str) -> None:
    cut = face(font_files()[style], "DejaVu", style).cut
    assert known(cut)
    with ttLib.TTFont(io.BytesIO(cut), lazy=True) as font:
        order = font.getGlyphOrder()
    for glyphs in glyph_sets(order):
        ours = subset_as_fpdf2_does(document_file(cut, glyphs), glyphs)
        theirs = subset_as_fpdf2_does(ttLib.TTFont(io.BytesIO(cut), recalcTimestamp=False, lazy=True), glyphs)
        assert ours == theirs, glyphs
