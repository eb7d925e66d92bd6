"""A document's font file made from its face's cut, without parsing the cut or recompiling its glyphs again.

fontTools, subsetting the cut for a document, parses its character map, glyph names and glyph table in full, and
saving the subset expands each glyph the page uses and compiles it again, to recompute its bounds: most of a
certificate's time. Neither depends on the document: a glyph compiles to the same bytes, with the same bounds, in
every document. So, once per process (explicit caches, keyed by values):

- ``parsed`` (``functools.cache`` by the cut's bytes: one per face): the cut parsed in full, never a document's;
- ``recompiled`` (``functools.cache`` by the cut's bytes and a glyph's name: at most the cut's glyphs): a glyph
  as saving a subset with its bounds recomputed writes it, and what ``maxp`` and ``hhea`` read of it.

Each document gets a font file of its own (``document_file``): the cut cut down to the glyphs subsetting will keep
(those asked for, the first four and their components) with those glyphs recompiled, every table a copy of the
parsed cut's whose lists and dicts are its own. fpdf2 subsets it and saves it as ever; saving leaves the glyphs as
they are (``recalcBBoxes`` off) and sets in ``head``, ``maxp`` and ``hhea`` what recomputing the bounds would,
from ``recompiled`` (``DocumentFile.save``). The result is the bytes fontTools makes from the cut itself
(tests/certificates/test_subsets.py, for many sets of glyphs). A cut with a table beyond ``TABLES`` is subset by
fontTools alone (``known``).
"""

from __future__ import annotations

import copy
import io
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any, BinaryIO

from fontTools import subset, ttLib  # noqa: F401  subset gives glyphs remapComponentsFast
from fontTools.ttLib.tables._g_l_y_f import Glyph

# The tables of a TrueType cut whose subsetting and recomputing this module follows, and those it needs.
REQUIRED = frozenset({"cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "post"})
TABLES = REQUIRED | {"OS/2", "cvt ", "fpgm", "gasp", "name", "prep"}
_RECOMPILING = threading.Lock()


@dataclass(frozen=True)
class Recompiled:
    """A glyph as saving a subset recompiles it, and what recomputing the font's bounds reads of it."""

    data: bytes
    contours: int  # -1 for a composite glyph, 0 for an empty one
    bounds: tuple[int, int, int, int]
    points: int  # of the glyph, or of its components flattened
    flat_contours: int
    depth: int  # of its components (1 for a simple glyph)
    components: tuple[str, ...]


@cache
def parsed(cut: bytes) -> ttLib.TTFont:
    font = ttLib.TTFont(io.BytesIO(cut), recalcTimestamp=False, lazy=True)
    # Read in full now, so that documents, in whatever threads, only ever read it.
    font.ensureDecompiled(recurse=False)
    for table in font["cmap"].tables:
        table.ensureDecompiled()
    font.getReverseGlyphMap()
    return font


def known(cut: bytes) -> bool:
    return REQUIRED <= set(parsed(cut).reader.keys()) <= TABLES


@cache
def recompiled(cut: bytes, name: str) -> Recompiled:
    glyf = parsed(cut)["glyf"]
    with _RECOMPILING:  # expands the parsed cut's glyphs: only this function reads them
        return _recompiled(glyf, name)


def _recompiled(glyf: Any, name: str) -> Recompiled:
    glyph = glyf[name]
    data = bytes(glyph.compile(glyf, recalcBBoxes=True))
    contours = glyph.numberOfContours
    if not contours:
        return Recompiled(data, 0, (0, 0, 0, 0), 0, 0, 1, ())
    bounds = (glyph.xMin, glyph.yMin, glyph.xMax, glyph.yMax)
    if contours > 0:
        points, flat = glyph.getMaxpValues()
        return Recompiled(data, contours, bounds, points, flat, 1, ())
    points, flat, depth = glyph.getCompositeMaxpValues(glyf)
    return Recompiled(data, contours, bounds, points, flat, depth, tuple(c.glyphName for c in glyph.components))


class DocumentFile(ttLib.TTFont):
    """A document's font file made from a cut: see the module's docstring."""

    cut: bytes

    def save(self, file: str | os.PathLike[str] | BinaryIO, reorderTables: bool | None = True) -> None:
        _recalc(self, [(name, recompiled(self.cut, name)) for name in self.getGlyphOrder()])
        super().save(file, reorderTables)


def document_file(cut: bytes, glyphs: Iterable[str]) -> DocumentFile:
    """The cut cut down to the glyphs subsetting may keep for a document using ``glyphs`` (all in the cut), as
    subsetting it to them would: its tables are its own."""
    source = parsed(cut)
    order = source.getGlyphOrder()
    kept = _kept(cut, glyphs, order[:4])
    names = [name for name in order if name in kept]
    font = DocumentFile(recalcBBoxes=False, recalcTimestamp=False)
    font.cut = cut
    font.sfntVersion = source.sfntVersion
    font.setGlyphOrder(names)
    for tag in sorted(TABLES - {"cmap", "glyf", "hmtx"}):
        if tag in source:
            font[tag] = _own(source[tag])
    tables = [_own(table, cmap={u: g for u, g in table.cmap.items() if g in kept}) for table in source["cmap"].tables]
    font["cmap"] = _own(source["cmap"], tables=tables)
    metrics = source["hmtx"].metrics
    font["hmtx"] = _own(source["hmtx"], metrics={name: metrics[name] for name in names})
    font["glyf"] = _glyf(cut, {name: source.getGlyphID(name) for name in names})
    return font


def _glyf(cut: bytes, ids: dict[str, int]) -> Any:
    """The glyph table of the glyphs ``ids`` gives the cut's ids of, in that order, their components renumbered."""
    table = ttLib.newTable("glyf")
    table.setGlyphOrder(list(ids))
    renumbered = {old: new for new, old in enumerate(ids.values())}
    table.glyphs = {}
    for name in ids:
        table.glyphs[name] = glyph = Glyph(recompiled(cut, name).data)
        if glyph.isComposite():
            glyph.remapComponentsFast(renumbered)  # what subsetting does (fontTools.subset adds the method)
    return table


def _own(table: Any, **values: Any) -> Any:
    """A copy of ``table`` whose lists and dicts are its own (subsetting and saving a font replace or reorder
    them, and never change what they hold), with ``values`` for some of its attributes."""
    owned = copy.copy(table)
    for name, value in vars(owned).items():
        if isinstance(value, list | dict) and name not in values:
            setattr(owned, name, copy.copy(value))
    vars(owned).update(values)
    return owned


def _kept(cut: bytes, glyphs: Iterable[str], first: Iterable[str]) -> set[str]:
    """All the glyphs subsetting may keep: those asked for, the first four (``recommended_glyphs``) and the
    components of each."""
    kept = {*glyphs, *first}
    todo = list(kept)
    while todo:
        for component in recompiled(cut, todo.pop()).components:
            if component not in kept:
                kept.add(component)
                todo.append(component)
    return kept


def _recalc(font: ttLib.TTFont, glyphs: list[tuple[str, Recompiled]]) -> None:
    """What ``maxp.recalc`` and ``hhea.recalc`` set when saving with ``recalcBBoxes``, from the recompiled glyphs."""
    metrics = font["hmtx"].metrics
    drawn = [(name, glyph) for name, glyph in glyphs if glyph.contours]
    simple = [glyph for _, glyph in drawn if glyph.contours > 0]
    composite = [glyph for _, glyph in drawn if glyph.contours < 0]
    head, maxp, hhea = font["head"], font["maxp"], font["hhea"]
    bounds = [glyph.bounds for _, glyph in drawn] or [(0, 0, 0, 0)]
    head.xMin, head.yMin = min(b[0] for b in bounds), min(b[1] for b in bounds)
    head.xMax, head.yMax = max(b[2] for b in bounds), max(b[3] for b in bounds)
    maxp.maxPoints = max((glyph.points for glyph in simple), default=0)
    maxp.maxContours = max((glyph.flat_contours for glyph in simple), default=0)
    maxp.maxCompositePoints = max((glyph.points for glyph in composite), default=0)
    maxp.maxCompositeContours = max((glyph.flat_contours for glyph in composite), default=0)
    maxp.maxComponentElements = max((len(glyph.components) for glyph in composite), default=0)
    maxp.maxComponentDepth = max((glyph.depth for glyph in composite), default=0)
    lsb_is_x_min = all(metrics[name][1] == glyph.bounds[0] for name, glyph in drawn)
    head.flags = head.flags | 0x2 if lsb_is_x_min else head.flags & ~0x2
    hhea.advanceWidthMax = max(advance for advance, _ in metrics.values())
    sides = [(metrics[name], glyph.bounds[2] - glyph.bounds[0]) for name, glyph in drawn]
    hhea.minLeftSideBearing = min((lsb for (_, lsb), _ in sides), default=0)
    hhea.minRightSideBearing = min((advance - lsb - width for (advance, lsb), width in sides), default=0)
    hhea.xMaxExtent = max((lsb + width for (_, lsb), width in sides), default=0)
