"""PDF text layer → positioned words with pdfplumber (``--pdf-backend pdfplumber``).

The first PDF source, kept for comparison and debugging: pdfminer interprets the
page in Python, so it reads about a tenth as fast as the default pdfium source
(``sources/pdfium.py``), which fills the same :class:`~sup_parse.layout.Page`.

``pdf_pages`` yields pages in order and closes each pdfplumber page after reading
it (``page.close()`` releases its parsed objects; ``flush_cache()`` alone does not),
so memory stays flat with length.  Characters that are not upright and horizontal
(decorative rotated text) are dropped and counted.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

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
    out_of_memory,
    page_error,
    rule_boxes,
    skipped_page,
)


def _is_horizontal(obj: dict[str, Any]) -> bool:
    if obj.get("object_type") != "char":
        return True
    a, b, c, d, _, _ = obj.get("matrix", (1, 0, 0, 1, 0, 0))
    return a > 0 and d > 0 and abs(b) <= 0.02 * a and abs(c) <= 0.02 * d


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
        if out_of_memory(exc):
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


def pdf_pages(data: bytes, path: str | None, limits: Limits, skip: frozenset[int] = frozenset()) -> Iterator[Page]:
    """Yield each page's upright words; pages are read and released one at a time."""
    pdf = _open(data, path)
    try:
        check_page_count(len(pdf.pages), limits, path)
        for index, plumber_page in enumerate(pdf.pages):
            number = index + 1
            try:
                if number in skip:
                    yield skipped_page(number, float(plumber_page.width), float(plumber_page.height), "time", limits)
                    continue
                beat(("page", number), limits.page_seconds)
                yield _read_page(plumber_page, number, path, limits)
            finally:
                plumber_page.close()
    finally:
        pdf.close()


def _read_page(plumber_page: Any, number: int, path: str | None, limits: Limits) -> Page:
    try:
        chars = plumber_page.chars
        if len(chars) > limits.max_page_chars:
            return skipped_page(number, float(plumber_page.width), float(plumber_page.height), "chars", limits)
        kept = plumber_page.filter(_is_horizontal)
        raw_words = kept.extract_words(x_tolerance=2, y_tolerance=3, extra_attrs=["size", "fontname"])
    except MemoryError:
        raise  # not damage: the caller's memory limit (a batch worker's) was reached
    except Exception as exc:
        raise page_error(exc, number, path) from exc
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
    graphics = bool(plumber_page.images) or len(plumber_page.curves) > CURVES_FOR_GRAPHICS
    page.needs_ocr = needs_ocr([w.text for w in words], _image_cover(plumber_page, width * height), graphics)
    return page


def _rules(plumber_page: Any) -> list[Rule]:
    """Ruling lines from the page's line and rectangle objects: a thin rectangle is one
    line, a box gives its four sides."""
    boxes: list[tuple[float, float, float, float]] = []
    try:
        for obj in plumber_page.lines:
            boxes.append((float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"])))
        for obj in plumber_page.rects:
            if not obj.get("stroke") and light(obj.get("non_stroking_color")):
                continue  # a white box behind text (a highlight, a word's background) draws no line
            boxes.extend(rule_boxes(float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"])))
    except (KeyError, TypeError, ValueError):
        return []
    rules = []
    for box in boxes:
        if keep_rule(*box):
            rules.append(Rule(*box))
            if len(rules) >= MAX_RULES:
                break
    return rules


def _image_cover(plumber_page: Any, area: float) -> float:
    """Share of the page covered by its largest image (a scan covers nearly all)."""
    best = 0.0
    for im in plumber_page.images:
        try:
            best = max(best, float(im["width"]) * float(im["height"]) / area)
        except (KeyError, TypeError, ValueError, ZeroDivisionError):
            continue
    return best
