"""The PDF's fonts, each face read, parsed and cut once per process rather than once per certificate.

fpdf2 spends most of a certificate's time on its two fonts. ``FPDF.add_font`` parses the whole font file for each
document (the widths, glyph ids and character map of DejaVu Sans's 6,000 glyphs), and saving the document parses
it again with fontTools and subsets it, in place, to the glyphs the page uses: a full parse per face and
document, since a subset font cannot serve the next document. Here, once per process and face (``face``):

- the file is parsed as ``TTFFont.__init__`` parses it, and each document gets its own font object made from
  that (``add_face``): everything fpdf2 writes to while it lays out and saves a document is the document's own (a
  copy of the widths, glyph ids, character map and font descriptor, an empty record of the glyphs used, a
  fontTools font of its own), and only values nothing can change (numbers, names, bytes) are shared;
- the font is cut to the glyphs of the scripts a certificate prints (``REPERTOIRE``), keeping their names. A
  document whose glyphs are all in the cut is subset from it (``output``), a sixth of the glyphs to parse, and
  makes the same bytes as from the whole font (subsetting keeps the glyphs asked for, in the font's order, and
  recomputes what it derives from them; the tests check the bytes), through a font file made from the cut
  parsed and its glyphs recompiled once per process (``simkit.certificates.subsets``). Any other document is
  subset from the whole font.

And the widths of the texts a document measures are summed once per process (``text_width``, an LRU cache keyed
by the face and the text): fpdf2 measures a line again after each character it adds to it, and the labels and
wording that every certificate prints are most of what it measures.

So a document is the same bytes whatever was rendered before it in the process, and the same bytes as
``FPDF.add_font`` makes (tests/certificates/test_faces.py). ``TTFFont``'s attributes are filled in as its
``__init__`` fills them: ``SLOTS`` lists what this module knows of them, and should another fpdf2 give the class
others, ``add_face`` falls back to ``FPDF.add_font``: slower, never wrong.
"""

from __future__ import annotations

import copy
import io
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, cast

from fontTools import subset, ttLib
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

from simkit.certificates.subsets import document_file, known

# What certificates print: Latin letters (with those of Kazakh's Latin alphabet and Europe's names), Cyrillic
# (with Kazakh's letters), punctuation, currency signs (₸) and №. Greek, Georgian, Chinese and the rest are in the
# whole font, which a document with any of them is subset from.
REPERTOIRE = (
    range(0x0000, 0x0250),  # Basic Latin, Latin-1, Latin Extended-A and -B
    range(0x0400, 0x0530),  # Cyrillic, Cyrillic Supplement
    range(0x2000, 0x2070),  # General Punctuation
    range(0x20A0, 0x20C0),  # Currency Symbols
    range(0x2116, 0x2117),  # №
)
# What fpdf2 drops when it subsets a font for a document (fpdf/output.py); the cut drops it too, and no more.
DROPPED_TABLES = (
    "FFTM", "GDEF", "GPOS", "GSUB", "MATH", "hdmx", "meta", "sbix", "CBDT", "CBLC", "EBDT", "EBLC", "EBSC", "SVG ",
    "CPAL", "COLR",
)  # fmt: skip

# TTFFont's attributes: what each document gets anew, and what it may share with the parsed face.
PER_DOCUMENT = frozenset(
    {"i", "cw", "glyph_ids", "cmap", "desc", "subset", "missing_glyphs", "biggest_size_pt", "ttfont", "_hbfont"}
)
SHARED = frozenset(
    {
        "type", "name", "sp", "ss", "up", "ut", "ttffile", "fontkey", "emphasis", "scale", "color_font",
        "unicode_range", "palette_index", "is_compressed", "is_cff", "is_cid_keyed", "is_symbol", "cff_ros",
        "collection_font_number",
    }
)  # fmt: skip
SLOTS = PER_DOCUMENT | SHARED
PREFIX = 32  # characters: see text_width


@dataclass(frozen=True)
class Face:
    key: tuple[Path, str, str]  # the path, family and style ``face`` read it by
    data: bytes  # the font file
    parsed: TTFFont  # what TTFFont.__init__ read from it; its fontTools font, cut and closed, is not used
    cut: bytes  # the font file cut to the repertoire's glyphs
    cut_glyphs: frozenset[str]

    @property
    def reusable(self) -> bool:
        # A color font keeps a reference to the document it was made for; DejaVu Sans has no color glyphs.
        return set(TTFFont.__slots__) == SLOTS and self.parsed.color_font is None

    def font_file(self, glyphs: Iterable[str] | None = None) -> ttLib.TTFont:
        """A fontTools font of its own for a document using ``glyphs`` (the whole font when they are not known),
        opened as ``TTFFont.__init__`` opens it."""
        glyphs = None if glyphs is None else list(glyphs)
        if glyphs is not None and self.cut_glyphs.issuperset(glyphs):
            return document_file(self.cut, glyphs) if known(self.cut) else self._opened(self.cut)
        return self._opened(self.data)

    def _opened(self, data: bytes) -> ttLib.TTFont:
        return ttLib.TTFont(
            io.BytesIO(data), recalcTimestamp=False, fontNumber=self.parsed.collection_font_number, lazy=True
        )


class DocumentFont(TTFFont):
    """fpdf2's font object for one document, and the face it was made from."""

    __slots__ = ("face",)
    face: Face

    def get_text_width(
        self, text: str, font_size_pt: float, text_shaping_params: dict[str, Any] | None
    ) -> tuple[int, float]:
        """``TTFFont.get_text_width``, the sum of the characters' widths read from ``text_width``."""
        if text_shaping_params or self.is_symbol:
            return super().get_text_width(text, font_size_pt, text_shaping_params)
        if font_size_pt > self.biggest_size_pt:
            self.biggest_size_pt = font_size_pt
        return len(text), text_width(self.face.key, text) * font_size_pt * 0.001


@lru_cache(maxsize=16_384)
def text_width(key: tuple[Path, str, str], text: str) -> float:
    """The sum of the widths of ``text``'s characters in a face, in its units. fpdf2 lays a line out by measuring
    it anew after each character it adds: most of what it measures, the labels and wording every certificate
    prints, it measured for the certificates before, and the rest is measured on from the longest prefix whose
    length is a multiple of ``PREFIX``, measured before it. The widths are whole numbers (fpdf2 rounds them), so
    the sum is the same whichever way it is added up."""
    start = max(len(text) - 1, 0) // PREFIX * PREFIX
    widths = cast("defaultdict[int, float]", face(*key).parsed.cw)
    missing = cast("Callable[[], float]", widths.default_factory)()  # read, never added: the face's are shared
    rest = sum(widths.get(code, missing) for code in map(ord, text[start:]))
    return text_width(key, text[:start]) + rest if start else rest


@cache
def face(path: Path, family: str, style: str) -> Face:
    """The face in ``path`` as ``FPDF.add_font(family, style, path)`` would parse it, read once per process."""
    parsed = TTFFont(FPDF(), path, f"{family.lower()}{style}", style)
    cmap = parsed.cmap
    cut = _cut(parsed.ttfont, {cmap[code] for block in REPERTOIRE for code in block if code in cmap})
    with ttLib.TTFont(io.BytesIO(cut), lazy=True) as font:
        cut_glyphs = frozenset(font.getGlyphOrder())
    return Face((path, family, style), path.read_bytes(), parsed, cut, cut_glyphs)


def _cut(font: ttLib.TTFont, glyphs: set[str]) -> bytes:
    """The font subset in place to ``glyphs`` with fpdf2's options, and closed. The glyph names are kept: a
    document's glyphs are asked for by name when it is subset from the cut. Its glyphs keep the file's bytes
    (bounds are not recomputed): a document's subset recomputes them, as from the whole font."""
    options = subset.Options(notdef_outline=True, recommended_glyphs=True, glyph_names=True)
    options.drop_tables += DROPPED_TABLES
    subsetter = subset.Subsetter(options)
    subsetter.populate(glyphs=sorted(glyphs))
    with font:
        subsetter.subset(font)
        font.recalcBBoxes = False
        written = io.BytesIO()
        font.save(written)
    return written.getvalue()


def add_face(pdf: FPDF, family: str, style: str, path: Path) -> None:
    """What ``pdf.add_font(family, style, path)`` does, from the face parsed once: a font of the document's own."""
    parsed = face(path, family, style)
    if not parsed.reusable:
        pdf.add_font(family, style, str(path))
        return
    font = _document_font(parsed, number=len(pdf.fonts) + 1)
    pdf.fonts[font.fontkey] = font


def output(pdf: FPDF) -> bytes:
    """``pdf.output()``, each face ``add_face`` added subset from its cut when the document's glyphs are all in it."""
    # The page is final: fpdf2 draws nothing more while saving it (it has no footer or table of contents). Were a
    # glyph beyond the cut added still, fontTools would refuse to subset the cut rather than leave it out.
    for font in pdf.fonts.values():
        if isinstance(font, DocumentFont):
            font.ttfont.close()
            font.ttfont = font.face.font_file(font.subset.get_all_glyph_names())
    return bytes(pdf.output())


def _document_font(parsed: Face, number: int) -> DocumentFont:
    face_font = parsed.parsed
    font = DocumentFont.__new__(DocumentFont)
    for name in SHARED:
        if hasattr(face_font, name):  # fpdf2 declares some attributes it never sets
            setattr(font, name, getattr(face_font, name))
    font.face = parsed
    font.i = number
    widths = cast("defaultdict[int, float]", face_font.cw)  # reading a missing width adds it: a copy of its own
    font.cw = defaultdict(widths.default_factory, widths)
    font.glyph_ids = dict(face_font.glyph_ids)
    font.cmap = dict(face_font.cmap)
    font.desc = copy.copy(face_font.desc)  # saving names it and gives it the document's object id and font file
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font._hbfont = None
    font.ttfont = parsed.font_file()  # the whole font, should the document be saved without ``output``
    font.subset = SubsetMap(font)
    return font
