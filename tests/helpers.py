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


def pdf_of(objects: list[bytes]) -> bytes:
    """A PDF written by hand: ``objects`` numbered from 1 (the first is the catalog),
    with a cross-reference table and trailer."""
    pieces, offsets = [b"%PDF-1.4\n"], []
    size = len(pieces[0])
    for i, obj in enumerate(objects, 1):
        offsets.append(size)
        pieces.append(b"%d 0 obj\n" % i + obj + b"\nendobj\n")
        size += len(pieces[-1])
    pieces.append(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    pieces += [b"%010d 00000 n \n" % o for o in offsets]
    pieces.append(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, size))
    return b"".join(pieces)


PROTOKOLL = b"BT /F1 10 Tf 72 700 Td (Protokoll Kommunstyrelsen) Tj 0 -14 Td (Sammantradesdatum 2026-06-01) Tj ET"


def helvetica_pdf(content: bytes = PROTOKOLL, *, mediabox: bytes = b"[0 0 595 842]", to_unicode: bytes | None = None,
                  second_page: bytes | None = None) -> bytes:
    """A one-page PDF written by hand: Helvetica as F1, ``content`` as the page's content
    stream (a protokoll head by default).  ``to_unicode``: the font's ToUnicode CMap;
    ``second_page``: a second page object as written (damage)."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica"
    kids = b"3 0 R"
    extra: list[bytes] = []  # objects 6, 7: the CMap, the second page
    if to_unicode is not None:
        extra.append(b"<< /Length %d >>\nstream\n" % len(to_unicode) + to_unicode + b"\nendstream")
        font += b" /ToUnicode %d 0 R" % (5 + len(extra))
    if second_page is not None:
        extra.append(second_page)
        kids += b" %d 0 R" % (5 + len(extra))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, kids.count(b"R")),
               b"<< /Type /Page /Parent 2 0 R /MediaBox " + mediabox + b" /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
               font + b" >>", b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream", *extra]
    return pdf_of(objects)
