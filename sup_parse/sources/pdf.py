"""PDF text layer → positioned words, one page at a time (pdfplumber).

``pdf_pages`` yields :class:`~sup_parse.layout.Page` objects in order and closes
each pdfplumber page after reading it (``page.close()`` releases its parsed
objects; ``flush_cache()`` alone does not), so memory stays flat with length.
Characters that are not upright and horizontal (decorative rotated text) are
dropped and counted.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Any

import regex

from ..errors import DamagedPdf, EncryptedPdf, NotAPdf
from ..layout import Page, Rule, Word

_CID = regex.compile(r"\(cid:\d+\)")


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


def _is_horizontal(obj: dict[str, Any]) -> bool:
    if obj.get("object_type") != "char":
        return True
    a, b, c, d, _, _ = obj.get("matrix", (1, 0, 0, 1, 0, 0))
    return a > 0 and d > 0 and abs(b) <= 0.02 * a and abs(c) <= 0.02 * d


def pdf_page_count(data: bytes, path: str | None) -> int:
    with _open(data, path) as pdf:
        return len(pdf.pages)


def _open(data: bytes, path: str | None) -> Any:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        _ = pdf.pages  # parses the page tree: damage shows here
        return pdf
    except MemoryError:
        raise
    except PDFPasswordIncorrect as exc:
        raise EncryptedPdf(
            "the PDF is encrypted with a password; decrypt it first (qpdf --decrypt --password=PASSWORD in.pdf out.pdf)",
            path,
        ) from exc
    except Exception as exc:  # pdfminer raises many types for broken files
        if _out_of_memory(exc):
            raise MemoryError(str(exc)) from exc
        if _is_password_error(exc):
            raise EncryptedPdf(
                "the PDF is encrypted with a password; decrypt it first (qpdf --decrypt --password=PASSWORD in.pdf out.pdf)",
                path,
            ) from exc
        raise DamagedPdf(
            f"the PDF is damaged and cannot be read ({type(exc).__name__}); "
            "try repairing it (qpdf in.pdf repaired.pdf) or get a fresh copy",
            path,
        ) from exc


def _out_of_memory(exc: BaseException) -> bool:
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


def _is_password_error(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if "Password" in type(seen).__name__ or "password" in str(seen).lower():
            return True
        seen = seen.__cause__ or seen.__context__
        if seen is exc:
            break
    for arg in getattr(exc, "args", ()):
        if isinstance(arg, BaseException) and _is_password_error(arg):
            return True
    return False


def pdf_pages(data: bytes, path: str | None) -> Iterator[Page]:
    """Yield each page's upright words; pages are read and released one at a time."""
    pdf = _open(data, path)
    try:
        for index, plumber_page in enumerate(pdf.pages):
            try:
                yield _read_page(plumber_page, index + 1, path)
            finally:
                plumber_page.close()
    finally:
        pdf.close()


def _read_page(plumber_page: Any, number: int, path: str | None) -> Page:
    try:
        chars = plumber_page.chars
        kept = plumber_page.filter(_is_horizontal)
        raw_words = kept.extract_words(x_tolerance=2, y_tolerance=3, extra_attrs=["size", "fontname"])
    except MemoryError:
        raise  # not damage: the caller's memory limit (a batch worker's) was reached
    except Exception as exc:
        if _out_of_memory(exc):
            raise MemoryError(str(exc)) from exc
        raise DamagedPdf(
            f"page {number} of the PDF is damaged ({type(exc).__name__}); "
            "try repairing it (qpdf in.pdf repaired.pdf) or get a fresh copy",
            path,
        ) from exc
    words = [
        Word(
            text=w["text"],
            x0=float(w["x0"]),
            x1=float(w["x1"]),
            top=float(w["top"]),
            bottom=float(w["bottom"]),
            size=float(w.get("size") or 10.0),
            bold="bold" in str(w.get("fontname", "")).lower(),
        )
        for w in raw_words
    ]
    kept_chars = sum(len(w.text) for w in words)
    width, height = float(plumber_page.width), float(plumber_page.height)
    page = Page(
        number=number,
        width=width,
        height=height,
        words=words,
        rules=_rules(plumber_page),
        dropped_chars=max(0, len([c for c in chars if not c["text"].isspace()]) - kept_chars),
    )
    graphics = bool(plumber_page.images) or len(plumber_page.curves) > 20
    page.needs_ocr = needs_ocr([w.text for w in words], _image_cover(plumber_page, width * height), graphics)
    return page


# A ruling line is thinner than this and longer than MIN_RULE (points); a page holds at
# most MAX_RULES of them (a drawing made of thousands of strokes is no table).
THIN_RULE = 3.0
MIN_RULE = 8.0
MAX_RULES = 2000


def _rules(plumber_page: Any) -> list[Rule]:
    """Ruling lines from the page's line and rectangle objects: a thin rectangle is one
    line, a box gives its four sides."""
    boxes: list[tuple[float, float, float, float]] = []
    try:
        for obj in plumber_page.lines:
            boxes.append((float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"])))
        for obj in plumber_page.rects:
            if not obj.get("stroke") and _light(obj.get("non_stroking_color")):
                continue  # a white box behind text (a highlight, a word's background) draws no line
            x0, top, x1, bottom = float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"])
            if x1 - x0 <= THIN_RULE or bottom - top <= THIN_RULE:
                boxes.append((x0, top, x1, bottom))
            else:
                boxes.extend([(x0, top, x1, top), (x0, bottom, x1, bottom), (x0, top, x0, bottom), (x1, top, x1, bottom)])
    except (KeyError, TypeError, ValueError):
        return []
    rules = []
    for x0, top, x1, bottom in boxes:
        if max(x1 - x0, bottom - top) < MIN_RULE or min(x1 - x0, bottom - top) > THIN_RULE:
            continue
        rules.append(Rule(x0, top, x1, bottom))
        if len(rules) >= MAX_RULES:
            break
    return rules


def _light(color: Any) -> bool:
    """A fill colour near white (grey, RGB or CMYK components as pdfplumber gives them)."""
    if color is None:
        return False
    values = [float(c) for c in (color if isinstance(color, list | tuple) else [color]) if isinstance(c, int | float)]
    if not values:
        return False
    if len(values) == 4:
        return all(c <= LIGHT_INK for c in values)
    return all(c >= 1 - LIGHT_INK for c in values)


LIGHT_INK = 0.15


def _image_cover(plumber_page: Any, area: float) -> float:
    """Share of the page covered by its largest image (a scan covers nearly all)."""
    best = 0.0
    for im in plumber_page.images:
        try:
            best = max(best, float(im["width"]) * float(im["height"]) / area)
        except (KeyError, TypeError, ValueError, ZeroDivisionError):
            continue
    return best


def needs_ocr(texts: list[str], image_cover: float, graphics: bool = True) -> bool:
    """Page triage: OCR a page with (almost) no text but something drawn on it (an image,
    or glyphs printed as curves), a garbage text layer ("(cid:12)", private-use glyphs,
    mojibake), or a full-page image under a scrap of text (a scan with a stamped page
    number).  A page with neither text nor graphics is blank."""
    total, good = text_quality(texts)
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
    total = good = 0
    for text in texts:
        for ch in _CID.sub("\ufffd", text):
            if ch.isspace():
                continue
            total += 1
            if (ch.isalnum() and ch != "\ufffd" and not ("\ue000" <= ch <= "\uf8ff")) or ch in ".,;:!?()-–§%/":
                good += 1
    return total, (good / total if total else 0.0)
