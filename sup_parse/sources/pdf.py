"""PDF input: what every PDF source shares, and the choice of source.

Two sources read a PDF's text layer into the same :class:`~sup_parse.layout.Page`
objects: ``pdfium`` (the default, ``sources/pdfium.py``) and ``pdfplumber``
(``sources/plumber.py``, selectable for comparison).  This module holds what both use:
the check that the bytes are a PDF at all, the page triage that decides which pages
need OCR, and the test for which drawn lines count as ruling lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import regex

from ..errors import DamagedPdf, NotAPdf, PageLimit
from ..layout import Page, Skipped
from ..limits import Limits

_CID = regex.compile(r"\(cid:\d+\)")
_WHITE = regex.compile(r"\s+")
# Not real text: anything but letters, digits and common punctuation (private-use glyphs
# and U+FFFD are neither letters nor digits).
_NOT_TEXT = regex.compile(r"[^\p{L}\p{N}.,;:!?()\-–§%/]")

BACKENDS = ("pdfium", "pdfplumber")
DEFAULT_BACKEND = "pdfium"


def pdf_pages(data: bytes, path: str | None, backend: str = DEFAULT_BACKEND, limits: Limits | None = None,
              skip: frozenset[int] = frozenset()) -> Iterator[Page]:
    """The PDF's pages, read one at a time by the chosen source, within ``limits``;
    the pages in ``skip`` are given unread (see :func:`skipped_page`)."""
    limits = limits or Limits()
    if backend == "pdfplumber":
        from . import plumber

        return plumber.pdf_pages(data, path, limits, skip)
    if backend != "pdfium":
        raise ValueError(f"pdf backend must be one of {', '.join(BACKENDS)}, not {backend!r}")
    from . import pdfium

    return pdfium.pdf_pages(data, path, limits, skip)


def check_page_count(count: int, limits: Limits, path: str | None) -> None:
    if count > limits.max_pages:
        raise PageLimit(f"the PDF has {count:,} pages, more than the limit of {limits.max_pages:,}; "
                        "split it, or raise --max-pages", path)


def skipped_page(number: int, width: float, height: float, reason: str, limits: Limits) -> Page:
    """A page left unread: ``reason`` is ``time`` (it took too long before), ``chars``
    or ``objects`` (more than the limit)."""
    if reason == "time":
        skip = Skipped("page-time-limit", f"reading the page took longer than {limits.page_seconds:g} s; "
                                          "it was skipped (raise --page-timeout if the file is trusted)")
    elif reason == "chars":
        skip = Skipped("page-char-limit", f"the page holds more than {limits.max_page_chars:,} characters; "
                                          "it was skipped (raise --max-page-chars if the file is trusted)")
    else:
        skip = Skipped("page-object-limit", f"the page holds more than {limits.max_page_objects:,} objects; "
                                            "it was skipped")
    return Page(number=number, width=width, height=height, skipped=skip)


def check_pdf_bytes(data: bytes, path: str | None) -> None:
    """Fail early, with a remedy, for files that are not PDFs at all."""
    head = data[:1024]
    if b"%PDF-" in head:
        return
    sniff = head.lstrip()[:200].lower()
    if sniff.startswith((b"<!doctype html", b"<html")) or b"<html" in sniff:
        what = "an HTML page"
    elif sniff.startswith(b"pk\x03\x04"):
        what = "a ZIP/Office file"
    elif sniff[:4] in {b"\x89png", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xe1"}:
        what = "an image"
    else:
        what = "unknown content"
    raise NotAPdf(
        f"not a PDF ({what}, no %PDF header); download the document again or pass the real PDF",
        path,
    )


def out_of_memory(exc: BaseException) -> bool:
    """A MemoryError somewhere in the chain (the PDF library may wrap it); a SystemError
    from a C extension is what a failed allocation looks like there."""
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, (MemoryError, SystemError)) or "MemoryError" in repr(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def page_error(exc: Exception, number: int, path: str | None) -> Exception:
    """What a PDF library's failure on one page means: memory ran out (the caller's
    limit, not damage), or the page is damaged."""
    if out_of_memory(exc):
        return MemoryError(str(exc))
    return DamagedPdf(
        f"page {number} of the PDF is damaged ({type(exc).__name__}); "
        "try repairing it (qpdf in.pdf repaired.pdf) or get a fresh copy",
        path,
    )


# A ruling line is thinner than this and longer than MIN_RULE (points); a page holds at
# most MAX_RULES of them (a drawing made of thousands of strokes is no table).
THIN_RULE = 3.0
MIN_RULE = 8.0
MAX_RULES = 2000
# A page with more path pieces than this that are neither lines nor boxes (glyphs drawn as
# outlines, a chart) carries graphics for triage.
CURVES_FOR_GRAPHICS = 20
# A fill this close to white (share of full ink) draws nothing visible.
LIGHT_INK = 0.15


def rule_boxes(x0: float, top: float, x1: float, bottom: float) -> list[tuple[float, float, float, float]]:
    """A drawn rectangle as ruling lines: a thin one is one line, a box its four sides."""
    if x1 - x0 <= THIN_RULE or bottom - top <= THIN_RULE:
        return [(x0, top, x1, bottom)]
    return [(x0, top, x1, top), (x0, bottom, x1, bottom), (x0, top, x0, bottom), (x1, top, x1, bottom)]


def keep_rule(x0: float, top: float, x1: float, bottom: float) -> bool:
    """A line long and thin enough to rule a table or a signature line."""
    return max(x1 - x0, bottom - top) >= MIN_RULE and min(x1 - x0, bottom - top) <= THIN_RULE


def light(color: Any) -> bool:
    """A fill colour near white: a box behind text (a highlight, a word's background),
    not a line.  Grey, RGB or CMYK components from 0 to 1."""
    if color is None:
        return False
    values = [float(c) for c in (color if isinstance(color, list | tuple) else [color]) if isinstance(c, int | float)]
    if not values:
        return False
    if len(values) == 4:
        return all(c <= LIGHT_INK for c in values)
    return all(c >= 1 - LIGHT_INK for c in values)


def needs_ocr(texts: list[str], image_cover: float, graphics: bool = True) -> bool:
    """Page triage: OCR a page with (almost) no text but something drawn on it (an image,
    or glyphs printed as curves), a garbage text layer ("(cid:12)", private-use glyphs,
    mojibake), or a full-page image under a scrap of text (a scan with a stamped page
    number).  A page with neither text nor graphics is blank."""
    total, good = text_quality([" ".join(texts)])
    if total < 20:
        return graphics
    if good < 0.6 or _mojibake(texts):
        return True
    return image_cover > 0.5 and total < 200


def _mojibake(texts: list[str]) -> bool:
    """UTF-8 read as Latin-1: "Ã¥" for "å", "Ã¤" for "ä"."""
    joined = " ".join(texts)
    return len(regex.findall(r"Ã[\x80-\xbf¥¤¶…–]", joined)) >= 3


def text_quality(texts: Iterable[str]) -> tuple[int, float]:
    """Characters in ``texts`` and the share of them that look like real text.

    Garbage text layers show as ``(cid:NN)`` codes, private-use glyphs or control
    characters; a page of them is as good as no text.
    """
    total = bad = 0
    for text in texts:  # one at a time: a whole document's text is never copied at once
        text = _WHITE.sub("", _CID.sub("\ufffd", text))
        total += len(text)
        bad += sum(1 for _ in _NOT_TEXT.finditer(text))
    good = total - bad
    return total, (good / total if total else 0.0)
