"""PDF text layer → positioned words with pdfium (the default PDF source).

pdfium's text page gives every character's code, box and font size in a few C
calls, ten times faster than pdfminer's Python interpreter; the page's path and image
objects give the ruling lines and the triage signals.  The result is the same
:class:`~sup_parse.layout.Page` the pdfplumber source (``sources/plumber.py``) fills:

* words are runs of characters on one baseline, parted by a space, by a gap wider
  than ``WORD_GAP``, or by a change of type size, as pdfplumber's ``extract_words``
  parts them;
* boxes are the characters' advance boxes (origin to advance width, and one em up
  from the font's descent, as pdfminer draws them), in points with the origin at the top left of the page as displayed: a page
  with ``/Rotate`` is turned upright, so its text reads like any other;
* characters not upright on the displayed page (a rotated margin band) are dropped
  and counted;
* pdfium's mark for a hyphen at a line end (U+0002, or U+FFFE in its text) is the
  hyphen again, so the line joiner sees what the page shows;
* bold comes from the font's name, as in the pdfplumber source, or its weight.

Each page and its text page are closed after reading, so memory stays flat.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import DamagedPdf, EncryptedPdf
from ..layout import Page, Rule, Word
from .pdf import MAX_RULES, keep_rule, light_rgb, needs_ocr, page_error, rule_boxes

# Characters of one word lie closer than this (points), as pdfplumber's x_tolerance;
# a baseline that moves more than WORD_RISE starts a new word (its y_tolerance).
WORD_GAP = 2.0
WORD_RISE = 3.0
# A character is upright when its angle on the displayed page is within this of 0
# (radians; about 1°).
UPRIGHT = 0.02
# A font this heavy (CSS weights: 400 regular, 700 bold) is bold whatever its name.
BOLD_WEIGHT = 600
# A page's object tree is walked to at most this many objects and path segments: a
# drawing made of a million strokes yields no table and must not cost minutes.
MAX_OBJECTS = 20_000
MAX_SEGMENTS = 100_000
# A page has this many path pieces that are neither lines nor boxes (glyphs drawn as
# outlines, a chart): it carries graphics for triage.
CURVES_FOR_GRAPHICS = 20
# Hyphen marks in pdfium's text: the soft line-end hyphen.
_HYPHEN_MARKS = {"\x02": "-", "\ufffe": "-"}
# Characters that are not simply part of a word: white space (it ends one), control
# characters (left out) and the hyphen marks.
_SPECIAL = frozenset(chr(c) for c in range(0x3000 + 1) if chr(c).isspace() or c < 0x20) | set(_HYPHEN_MARKS)
_TAU = 6.283185307179586
_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD


def _raw() -> Any:
    import pypdfium2.raw as raw

    return raw


def _open(data: bytes, path: str | None) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except MemoryError:
        raise
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == _PASSWORD_ERROR:
            raise EncryptedPdf(
                "the PDF is encrypted with a password; decrypt it first (qpdf --decrypt --password=PASSWORD in.pdf out.pdf)",
                path,
            ) from exc
        raise DamagedPdf(
            "the PDF is damaged and cannot be read (pdfium could not open it); "
            "try repairing it (qpdf in.pdf repaired.pdf) or get a fresh copy",
            path,
        ) from exc


def pdf_page_count(data: bytes, path: str | None) -> int:
    pdf = _open(data, path)
    try:
        return len(pdf)
    finally:
        pdf.close()


def pdf_pages(data: bytes, path: str | None) -> Iterator[Page]:
    """Yield each page's upright words; pages are read and released one at a time."""
    pdf = _open(data, path)
    try:
        for index in range(len(pdf)):
            pdf_page = None
            try:
                pdf_page = pdf[index]
                page = read_page(pdf_page, index + 1)
            except MemoryError:
                raise  # not damage: the caller's memory limit (a batch worker's) was reached
            except Exception as exc:
                raise page_error(exc, index + 1, path) from exc
            finally:
                if pdf_page is not None:
                    pdf_page.close()
            yield page
    finally:
        pdf.close()


@dataclass(frozen=True, slots=True)
class _Frame:
    """The displayed page: its box in PDF user space and its clockwise rotation."""

    left: float
    bottom: float
    right: float
    top: float
    rotation: int  # 0, 90, 180 or 270

    @property
    def size(self) -> tuple[float, float]:
        w, h = self.right - self.left, self.top - self.bottom
        return (h, w) if self.rotation in (90, 270) else (w, h)

    def box(self, x0: float, x1: float, y0: float, y1: float) -> tuple[float, float, float, float]:
        """A user-space box (x0 < x1, y0 < y1) as (x0, top, x1, bottom) on the displayed page."""
        r = self.rotation
        if r == 0:
            return x0 - self.left, self.top - y1, x1 - self.left, self.top - y0
        if r == 90:
            return y0 - self.bottom, x0 - self.left, y1 - self.bottom, x1 - self.left
        if r == 180:
            return self.right - x1, y0 - self.bottom, self.right - x0, y1 - self.bottom
        return self.top - y1, self.right - x1, self.top - y0, self.right - x0


def _frame(pdf_page: Any) -> _Frame:
    left, bottom, right, top = pdf_page.get_mediabox()
    rotation = pdf_page.get_rotation() % 360
    if rotation not in (0, 90, 180, 270):
        rotation = 0
    return _Frame(min(left, right), min(bottom, top), max(left, right), max(bottom, top), rotation)


def read_page(pdf_page: Any, number: int) -> Page:
    frame = _frame(pdf_page)
    width, height = frame.size
    textpage = pdf_page.get_textpage()
    try:
        words, dropped = _words(textpage, frame)
    finally:
        textpage.close()
    shapes = _shapes(pdf_page, frame)
    page = Page(number=number, width=width, height=height, words=words, rules=shapes.rules, dropped_chars=dropped)
    graphics = shapes.images > 0 or shapes.curves > CURVES_FOR_GRAPHICS
    page.needs_ocr = needs_ocr([w.text for w in words], shapes.image_cover / max(width * height, 1.0), graphics)
    return page


def _words(textpage: Any, frame: _Frame) -> tuple[list[Word], int]:
    raw = _raw()
    tp = textpage.raw
    count = raw.FPDFText_CountChars(tp)
    if count <= 0:
        return [], 0
    text = textpage.get_text_range()
    if len(text) != count:  # pdfium left out or added characters: read them one by one
        text = "".join(chr(raw.FPDFText_GetUnicode(tp, k) or 0xFFFD) for k in range(count))
    rect = raw.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    loose_box, font_size = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetFontSize
    is_generated, angle_of = raw.FPDFText_IsGenerated, raw.FPDFText_GetCharAngle
    turn = frame.rotation * _TAU / 360
    font = _FontNames(tp)

    words: list[Word] = []
    chars: list[str] = []
    x0 = x1 = top = bottom = size = 0.0
    bold = upright = True
    dropped = 0

    def close() -> None:
        nonlocal dropped
        if not chars:
            return
        if upright:
            words.append(Word("".join(chars), x0, x1, top, bottom, size, bold))
        else:
            dropped += len(chars)
        chars.clear()

    rotated = frame.rotation != 0
    left, page_top = frame.left, frame.top
    last_height = c_size = -1.0
    for k, ch in enumerate(text):
        if ch in _SPECIAL:
            if ch in _HYPHEN_MARKS:
                ch = _HYPHEN_MARKS[ch]
            elif ch == " " and is_generated(tp, k):
                continue  # pdfium's guess at a space: the gap rule below decides
            else:
                if ch.isspace():
                    close()
                continue  # a control character
        loose_box(tp, k, rect_ref)
        height = rect.top - rect.bottom
        if height != last_height:  # the box's height is the font's height at its size:
            c_size = font_size(tp, k)  # the same height, the same size (one C call saved)
            last_height = height
        if rotated:
            c_x0, _, c_x1, c_bottom = frame.box(rect.left, rect.right, rect.bottom, rect.top)
        else:
            c_x0, c_x1, c_bottom = rect.left - left, rect.right - left, page_top - rect.bottom
        c_top = c_bottom - c_size  # one em above the descent, as pdfminer sets a character
        if chars and (
            c_size != size or c_x0 > x1 + WORD_GAP or c_x1 < x0 - WORD_GAP or abs(c_top - top) > WORD_RISE
        ):
            close()
        if not chars:
            x0, x1, top, bottom, size = c_x0, c_x1, c_top, c_bottom, c_size
            angle = (angle_of(tp, k) + turn) % _TAU
            upright = min(angle, _TAU - angle) <= UPRIGHT
            bold = font.bold(k)
        else:
            if c_x0 < x0:
                x0 = c_x0
            if c_x1 > x1:
                x1 = c_x1
            if c_top < top:
                top = c_top
            if c_bottom > bottom:
                bottom = c_bottom
        chars.append(ch)
    close()
    return words, dropped


class _FontNames:
    """Bold by font name ("ABCDEF+Arial-BoldMT") or weight, asked once per word."""

    def __init__(self, tp: Any) -> None:
        self._tp = tp
        self._buf = ctypes.create_string_buffer(256)
        self._flags = ctypes.c_int()
        self._raw = _raw()

    def bold(self, k: int) -> bool:
        raw = self._raw
        n = raw.FPDFText_GetFontInfo(self._tp, k, self._buf, len(self._buf), ctypes.byref(self._flags))
        if 0 < n <= len(self._buf) and b"bold" in self._buf.value.lower():
            return True
        return raw.FPDFText_GetFontWeight(self._tp, k) >= BOLD_WEIGHT


@dataclass
class _Shapes:
    rules: list[Rule] = field(default_factory=list)
    curves: int = 0
    images: int = 0
    image_cover: float = 0.0  # area of the largest image, square points


_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _times(m: _Matrix, n: _Matrix) -> _Matrix:
    """m then n (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def _apply(m: _Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _shapes(pdf_page: Any, frame: _Frame) -> _Shapes:
    """Ruling lines, curve count and images from the page's objects (form XObjects
    included), in the display frame."""
    raw = _raw()
    out = _Shapes()
    boxes: list[tuple[float, float, float, float, bool, bool]] = []  # x0, y0, x1, y1 (user), line?, kept-if-fill-only?
    budget = [MAX_OBJECTS, MAX_SEGMENTS]
    matrix = raw.FS_MATRIX()
    point_x, point_y = ctypes.c_float(), ctypes.c_float()

    def own_matrix(obj: Any) -> _Matrix:
        if not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix)):
            return _IDENTITY
        return (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)

    def walk(get_count: Any, get_obj: Any, parent: Any, outer: _Matrix | None) -> None:
        for i in range(get_count(parent)):
            if budget[0] <= 0:
                return
            budget[0] -= 1
            obj = get_obj(parent, i)
            if not obj:
                continue
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_PATH:
                path(obj, outer)
            elif kind == raw.FPDF_PAGEOBJ_IMAGE:
                image(obj, outer)
            elif kind == raw.FPDF_PAGEOBJ_FORM:
                inner = own_matrix(obj) if outer is None else _times(own_matrix(obj), outer)
                walk(raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject, obj, inner)

    def image(obj: Any, outer: _Matrix | None) -> None:
        out.images += 1
        m = own_matrix(obj) if outer is None else _times(own_matrix(obj), outer)
        xs, ys = zip(*(_apply(m, x, y) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))), strict=True)
        out.image_cover = max(out.image_cover, (max(xs) - min(xs)) * (max(ys) - min(ys)))

    def path(obj: Any, outer: _Matrix | None) -> None:
        n = raw.FPDFPath_CountSegments(obj)
        if n <= 0 or budget[1] < n:
            return
        budget[1] -= n
        m = own_matrix(obj) if outer is None else _times(own_matrix(obj), outer)
        fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
        raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill_mode), ctypes.byref(stroke))
        light_fill = False
        if not stroke.value:
            rgba = [ctypes.c_uint() for _ in range(4)]
            if raw.FPDFPageObj_GetFillColor(obj, *(ctypes.byref(v) for v in rgba)):
                light_fill = light_rgb(rgba[0].value, rgba[1].value, rgba[2].value)
        points: list[tuple[float, float]] = []
        curved = False
        for s in range(n):
            seg = raw.FPDFPath_GetPathSegment(obj, s)
            kind = raw.FPDFPathSegment_GetType(seg)
            raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(point_x), ctypes.byref(point_y))
            if kind == raw.FPDF_SEGMENT_MOVETO and points:
                subpath(points, curved, light_fill)
                points, curved = [], False
            curved = curved or kind == raw.FPDF_SEGMENT_BEZIERTO
            points.append(_apply(m, point_x.value, point_y.value))
        if points:
            subpath(points, curved, light_fill)

    def subpath(points: list[tuple[float, float]], curved: bool, light_fill: bool) -> None:
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        if not curved and len(points) == 2:
            boxes.append((min(xs), min(ys), max(xs), max(ys), True, False))
        elif not curved and len(points) in (4, 5) and _axis_aligned(points):
            if not light_fill:
                boxes.append((min(xs), min(ys), max(xs), max(ys), False, False))
        else:
            out.curves += 1

    walk(raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject, pdf_page.raw, None)
    for x0, y0, x1, y1, is_line, _ in boxes:
        left, top, right, bottom = frame.box(x0, x1, y0, y1)
        for box in ([(left, top, right, bottom)] if is_line else rule_boxes(left, top, right, bottom)):
            if keep_rule(*box):
                out.rules.append(Rule(*box))
                if len(out.rules) >= MAX_RULES:
                    return out
    return out


def _axis_aligned(points: list[tuple[float, float]]) -> bool:
    """Four corners (a fifth closing the path) of a box with sides along the axes."""
    corners = points[:4]
    if len(points) == 5 and (abs(points[4][0] - points[0][0]) > 0.01 or abs(points[4][1] - points[0][1]) > 0.01):
        return False
    for (ax, ay), (bx, by) in zip(corners, corners[1:] + corners[:1], strict=True):
        if abs(ax - bx) > 0.01 and abs(ay - by) > 0.01:
            return False
    return True
