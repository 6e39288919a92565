"""PDF text layer → positioned words with pdfium (the default PDF source).

pdfium's text page gives every character's code, box and font size in a few C
calls, ten times faster than pdfminer's Python interpreter; the page's path and image
objects give the ruling lines and the triage signals.  The result is the same
:class:`~sup_parse.layout.Page` the pdfplumber source (``sources/plumber.py``) fills:

* words are pdfium's own runs of characters between the spaces and line breaks it
  writes; a run that does not look like one word (ends on different baselines or sizes,
  too wide for its letters, a smaller mark inside) is parted by pdfplumber's rule: a gap
  wider than ``WORD_GAP``, a baseline moving more than ``WORD_RISE``, a size change;
* boxes are the characters' advance boxes (origin to advance width, and one em up
  from the font's descent, as pdfminer draws them), in points with the origin at the
  top left of the page as displayed: a page with ``/Rotate``, or whose whole content is
  turned by its matrix, is turned upright, so its text reads like any other;
* the size is the font's (Tf) scaled by the text and graphics matrices;
* characters not upright on the displayed page (a rotated margin band) are dropped
  and counted; glyphs without Unicode count against the text layer in triage;
* pdfium's mark for a hyphen at a line end (U+0002, or U+FFFE in its text) is the
  hyphen again, so the line joiner sees what the page shows;
* bold comes from the font's name, as in the pdfplumber source, or its weight.

Each page and its text page are closed after reading, so memory stays flat.
"""

from __future__ import annotations

import ctypes
import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import regex

from ..errors import DamagedPdf, EncryptedPdf
from ..layout import Page, Rule, Word
from ..limits import Limits, beat
from .pdf import (
    CURVES_FOR_GRAPHICS,
    MAX_RULES,
    check_page_count,
    keep_rule,
    light,
    needs_ocr,
    page_error,
    rule_boxes,
    skipped_page,
)

# Characters of one word lie closer than this (points), as pdfplumber's x_tolerance;
# a baseline that moves more than WORD_RISE starts a new word (its y_tolerance).
WORD_GAP = 2.0
WORD_RISE = 3.0
# A page whose dropped (turned) characters are at least TURNED_PAGE_CHARS and
# TURNED_SHARE times those kept is read turned, when TURN_MAJORITY of its characters
# share one quarter turn (judged on about TURN_SAMPLE of them).
TURNED_PAGE_CHARS = 20
TURNED_SHARE = 2.0
TURN_MAJORITY = 0.6
TURN_SAMPLE = 400
# A character is upright when its angle on the displayed page is within this of 0
# (radians; about 1°).
UPRIGHT = 0.02
# A font this heavy (CSS weights: 400 regular, 700 bold) is bold whatever its name.
BOLD_WEIGHT = 600
# A page's object tree is walked to at most this many objects and path segments: a
# drawing made of a million strokes yields no table and must not cost minutes.
MAX_OBJECTS = 20_000  # paths, images and forms
MAX_SEGMENTS = 100_000
MAX_WALK = 200_000  # objects of any kind, text included
MAX_FORM_DEPTH = 32  # forms inside forms: deeper ones are not walked (recursion stays bounded)
# Hyphen marks in pdfium's text: the soft line-end hyphen.
_HYPHEN_MARKS = {"\x02": "-", "\ufffe": "-"}
# A word in pdfium's text: a run of characters that are neither white space nor control
# characters, a hyphen mark ending it (pdfium writes no line break after one).
_RUN = regex.compile(r"[^\s\x00-\x1f\ufffe]+[\x02\ufffe]?|[\x02\ufffe]")
# A mark set smaller inside a run (a footnote number, an asterisk) is a word of its own;
# only runs with something other than letters inside are checked for one (small capitals
# stay whole).
_NOT_LETTER = regex.compile(r"[^\p{L}]")
# A run wider than this many ems per character holds a gap: it is parted by the gap rule.
WIDEST_LETTER = 1.2
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


def pdf_pages(data: bytes, path: str | None, limits: Limits, skip: frozenset[int] = frozenset()) -> Iterator[Page]:
    """Yield each page's upright words; pages are read and released one at a time."""
    pdf = _open(data, path)
    try:
        check_page_count(len(pdf), limits, path)
        for index in range(len(pdf)):
            number = index + 1
            if number in skip:
                yield skipped_page(number, *_size(pdf, index), "time", limits)
                continue
            beat(("page", number), limits.page_seconds)
            pdf_page = None
            try:
                pdf_page = pdf[index]
                page = read_page(pdf_page, number, limits)
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
    """The page as displayed: its MediaBox in PDF user space (the CropBox is not applied,
    as pdfplumber does not) and its clockwise rotation."""

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


def _size(pdf: Any, index: int) -> tuple[float, float]:
    """A page's size as displayed, without loading its content."""
    try:
        width, height = pdf.get_page_size(index)
    except Exception:  # a page too damaged to size: it is skipped anyway
        return 0.0, 0.0
    return float(width), float(height)


def _frame(pdf_page: Any) -> _Frame:
    left, bottom, right, top = pdf_page.get_mediabox()
    rotation = pdf_page.get_rotation() % 360
    if rotation not in (0, 90, 180, 270):
        rotation = 0
    return _Frame(min(left, right), min(bottom, top), max(left, right), max(bottom, top), rotation)


def read_page(pdf_page: Any, number: int, limits: Limits | None = None) -> Page:
    limits = limits or Limits()
    frame = _frame(pdf_page)
    if _raw().FPDFPage_CountObjects(pdf_page.raw) > limits.max_page_objects:
        return skipped_page(number, *frame.size, "objects", limits)
    textpage = pdf_page.get_textpage()
    try:
        if _raw().FPDFText_CountChars(textpage.raw) > limits.max_page_chars:
            return skipped_page(number, *frame.size, "chars", limits)
        words, dropped, unmapped = _words(textpage, frame)
        kept = sum(len(w.text) for w in words)
        if dropped >= TURNED_PAGE_CHARS and dropped > TURNED_SHARE * kept:
            # the page's text runs sideways or upside down by its own matrix (a page turned
            # in the content stream, not by /Rotate): read it turned upright
            upright = _upright_rotation(textpage)
            if upright is not None and upright != frame.rotation:
                turned = replace(frame, rotation=upright)
                found = _words(textpage, turned)
                if sum(len(w.text) for w in found[0]) > kept:
                    frame, (words, dropped, unmapped) = turned, found
    finally:
        textpage.close()
    width, height = frame.size
    shapes = _shapes(pdf_page, frame)
    page = Page(number=number, width=width, height=height, words=words, rules=shapes.rules, dropped_chars=dropped)
    graphics = shapes.images > 0 or shapes.curves > CURVES_FOR_GRAPHICS
    # glyphs without Unicode count against the text layer, as pdfminer's "(cid:N)" do
    texts = [w.text for w in words] + ["\ufffd" * unmapped]
    page.needs_ocr = needs_ocr(texts, shapes.image_cover / max(width * height, 1.0), graphics)
    return page


def _upright_rotation(textpage: Any) -> int | None:
    """The page rotation (0, 90, 180 or 270, clockwise) under which most of the page's
    characters stand upright, whatever its /Rotate says; None when no quarter turn holds
    most of them.  pdfium gives each character's angle on the paper, clockwise."""
    raw = _raw()
    tp = textpage.raw
    count = raw.FPDFText_CountChars(tp)
    step = max(1, count // TURN_SAMPLE)
    quarters = Counter(round(math.degrees(raw.FPDFText_GetCharAngle(tp, k)) / 90) % 4 for k in range(0, count, step))
    quarter, n = quarters.most_common(1)[0] if quarters else (0, 0)
    if not n or n < TURN_MAJORITY * sum(quarters.values()):
        return None
    return (360 - 90 * quarter) % 360


def _words(textpage: Any, frame: _Frame) -> tuple[list[Word], int, int]:
    """The page's upright words, the count of characters dropped (not upright) and the
    count of glyphs without Unicode (a font without a text mapping).

    pdfium's text already parts words: it writes a space where it sees one (or a gap)
    and a line break where the line changes.  Each run of characters between them is
    one word, read from its first and last character's boxes; a run that does not look
    like one word (its ends on different baselines or sizes, or wider than its letters
    can be) is parted character by character by the gap rule instead."""
    raw = _raw()
    tp = textpage.raw
    count = raw.FPDFText_CountChars(tp)
    if count <= 0:
        return [], 0, 0
    text = _page_text(tp, count)
    chars = _Chars(tp, frame)
    words: list[Word] = []
    dropped = 0
    for run in _RUN.finditer(text):
        i, j = run.span()
        f_x0, f_x1, f_bottom, size = chars.box(i)
        l_x0, l_x1, l_bottom, l_size = chars.box(j - 1) if j - i > 1 else (f_x0, f_x1, f_bottom, size)
        one_word = l_size == size and abs(l_bottom - f_bottom) <= WORD_RISE and l_x1 >= f_x0 - WORD_GAP \
            and l_x1 - f_x0 <= (j - i) * size * WIDEST_LETTER + WORD_GAP \
            and (j - i < 3 or not _NOT_LETTER.search(text, i + 1, j - 1) or chars.same_type(i, j))
        if not one_word:
            found, lost = _part(chars, text, i, j)
            words.extend(found)
            dropped += lost
        elif chars.upright(i):
            bottom = max(f_bottom, l_bottom)
            words.append(Word(_word_text(run.group()), min(f_x0, l_x0), max(f_x1, l_x1), min(f_bottom, l_bottom) - size,
                              bottom, size, chars.bold(i)))
        else:
            dropped += j - i
    return words, dropped, text.count("\x00")


def _page_text(tp: Any, count: int) -> str:
    """The text page's characters, one string character per pdfium character index.

    pdfium's FPDFText_GetText writes one UTF-16 code unit per index (a character
    beyond the BMP takes two indices, one per surrogate half; see _word_text), and
    0 for a glyph without Unicode, kept here as a control character so that the
    indices still line up (pypdfium2's get_text_range leaves those out)."""
    raw = _raw()
    buf = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(tp, 0, count, buf)
    units = list(buf[: max(0, min(written - 1, count))])
    units.extend([0] * (count - len(units)))
    return "".join(map(chr, units))


def _word_text(text: str) -> str:
    """A word's characters: pdfium's hyphen marks as hyphens, surrogate halves joined
    (a lone half, from a broken ToUnicode map, becomes U+FFFD)."""
    for mark, hyphen in _HYPHEN_MARKS.items():
        text = text.replace(mark, hyphen)
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


def _part(chars: _Chars, text: str, start: int, end: int) -> tuple[list[Word], int]:
    """Characters start … end-1 parted into words by the gap rule: a gap wider than
    WORD_GAP, a baseline moving more than WORD_RISE, or a change of size."""
    pieces: list[list[Any]] = []  # [first index, end index, x0, x1, top, bottom, size]
    for k in range(start, end):
        x0, x1, bottom, size = chars.box(k)
        top = bottom - size
        last = pieces[-1] if pieces else None
        if last is None or size != last[6] or x0 > last[3] + WORD_GAP or x1 < last[2] - WORD_GAP \
                or abs(top - last[4]) > WORD_RISE:
            pieces.append([k, k + 1, x0, x1, top, bottom, size])
        else:
            last[1:6] = [k + 1, min(last[2], x0), max(last[3], x1), min(last[4], top), max(last[5], bottom)]
    words: list[Word] = []
    dropped = 0
    for first, stop, x0, x1, top, bottom, size in pieces:
        if chars.upright(first):
            words.append(Word(_word_text(text[first:stop]), x0, x1, top, bottom, size, chars.bold(first)))
        else:
            dropped += stop - first
    return words, dropped


class _Chars:
    """One character's box, size, orientation and weight, each a C call or two."""

    def __init__(self, tp: Any, frame: _Frame) -> None:
        raw = _raw()
        self._tp = tp
        self._frame = frame
        self._rect = raw.FS_RECTF()
        self._rect_ref = ctypes.byref(self._rect)
        self._matrix = raw.FS_MATRIX()
        self._matrix_ref = ctypes.byref(self._matrix)
        self._loose_box, self._font_size, self._angle = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetFontSize, \
            raw.FPDFText_GetCharAngle
        self._get_matrix = raw.FPDFText_GetMatrix
        self._turn = frame.rotation * _TAU / 360
        self._fonts = _FontNames(tp)
        self._scales: dict[tuple[float, float], float] = {}

    def box(self, k: int) -> tuple[float, float, float, float]:
        """(x0, x1, bottom, size) on the displayed page: the advance box's sides and its
        foot at the font's descent.  The size is the font's (Tf) scaled by the text and
        graphics matrices (text set at 1 pt and scaled up is common); the scale is looked
        up once per font size and box height, which together fix it for a font."""
        rect = self._rect
        self._loose_box(self._tp, k, self._rect_ref)
        nominal = self._font_size(self._tp, k)
        key = (nominal, rect.top - rect.bottom)
        scale = self._scales.get(key)
        if scale is None:
            scale = 1.0
            if self._get_matrix(self._tp, k, self._matrix_ref):
                scale = math.hypot(self._matrix.c, self._matrix.d) or 1.0
            self._scales[key] = scale
        size = abs(nominal) * scale
        frame = self._frame
        if frame.rotation:
            x0, _, x1, bottom = frame.box(rect.left, rect.right, rect.bottom, rect.top)
            return x0, x1, bottom, size
        return rect.left - frame.left, rect.right - frame.left, frame.top - rect.bottom, size

    def same_type(self, start: int, end: int) -> bool:
        """Characters start … end-1 set in one font size (a footnote mark set smaller
        inside a run is a word of its own)."""
        font_size, tp = self._font_size, self._tp
        first = font_size(tp, start)
        return all(font_size(tp, k) == first for k in range(start + 1, end - 1))

    def upright(self, k: int) -> bool:
        angle = (self._angle(self._tp, k) + self._turn) % _TAU
        return min(angle, _TAU - angle) <= UPRIGHT

    def bold(self, k: int) -> bool:
        return self._fonts.bold(k)


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
    boxes: list[tuple[float, float, float, float, bool]] = []  # x0, y0, x1, y1 in user space; a line (not a box)?
    budget = [MAX_OBJECTS, MAX_SEGMENTS, MAX_WALK]
    matrix = raw.FS_MATRIX()
    point_x, point_y = ctypes.c_float(), ctypes.c_float()

    def own_matrix(obj: Any) -> _Matrix:
        if not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix)):
            return _IDENTITY
        return (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)

    def walk(get_count: Any, get_obj: Any, parent: Any, outer: _Matrix | None, depth: int = 0) -> None:
        if depth > MAX_FORM_DEPTH:
            return
        for i in range(get_count(parent)):
            if budget[0] <= 0 or budget[2] <= 0:
                return
            budget[2] -= 1
            obj = get_obj(parent, i)
            if not obj:
                continue
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_TEXT:
                continue  # words come from the text page; text objects do not use the budget
            budget[0] -= 1
            if kind == raw.FPDF_PAGEOBJ_PATH:
                path(obj, outer)
            elif kind == raw.FPDF_PAGEOBJ_IMAGE:
                image(obj, outer)
            elif kind == raw.FPDF_PAGEOBJ_FORM:
                inner = own_matrix(obj) if outer is None else _times(own_matrix(obj), outer)
                walk(raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject, obj, inner, depth + 1)

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
                light_fill = light([v.value / 255 for v in rgba[:3]])
        filled = fill_mode.value != raw.FPDF_FILLMODE_NONE
        points: list[tuple[float, float]] = []
        curved = closed = False
        for s in range(n):
            seg = raw.FPDFPath_GetPathSegment(obj, s)
            kind = raw.FPDFPathSegment_GetType(seg)
            raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(point_x), ctypes.byref(point_y))
            if kind == raw.FPDF_SEGMENT_MOVETO and points:
                subpath(points, curved, closed or filled, light_fill)
                points, curved, closed = [], False, False
            curved = curved or kind == raw.FPDF_SEGMENT_BEZIERTO
            closed = closed or bool(raw.FPDFPathSegment_GetClose(seg))
            points.append(_apply(m, point_x.value, point_y.value))
        if points:
            subpath(points, curved, closed or filled, light_fill)

    def subpath(points: list[tuple[float, float]], curved: bool, closed: bool, light_fill: bool) -> None:
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        # four corners make a box when the path is closed (or filled, which closes it);
        # an open polyline of three sides is a curve, as pdfminer reads it
        boxed = len(points) == 5 or (len(points) == 4 and closed)
        if not curved and len(points) == 2:
            boxes.append((min(xs), min(ys), max(xs), max(ys), True))
        elif not curved and boxed and _axis_aligned(points):
            if not light_fill:
                boxes.append((min(xs), min(ys), max(xs), max(ys), False))
        else:
            out.curves += 1

    walk(raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject, pdf_page.raw, None)
    for x0, y0, x1, y1, is_line in boxes:
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
