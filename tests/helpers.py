"""Small builders shared by the table-driven extractor tests."""

from __future__ import annotations

from sup_parse.layout import Line, Segment
from sup_parse.sources.text import text_pages


def line(text: str, x1: float | None = None, page: int = 1, blank_before: bool = False) -> Line:
    """A one-segment line starting at x 0; ``x1`` is where it stops (5 pt a character by default)."""
    end = len(text) * 5.0 if x1 is None else x1
    return Line(text=text, page=page, x0=0.0, x1=end, segments=[Segment(text, 0.0, end)], blank_before=blank_before)


def text_lines(text: str) -> list[Line]:
    """The lines of ``text`` as the plain-text source reads them."""
    return [ln for page in text_pages(text) for ln in page.lines]
