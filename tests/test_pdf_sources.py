"""The two PDF text-layer sources (sup_parse/sources/pdfium.py, the default, and
sources/plumber.py) fill the same Page: words with boxes, size and weight, rotated
text dropped and counted, ruling lines, and the triage signals.

The PDFs are drawn here with reportlab, so every position below is known."""

from __future__ import annotations

import io
from typing import Any

import pytest
from helpers import helvetica_pdf

from sup_parse.layout import Page
from sup_parse.sources.pdf import BACKENDS, pdf_pages

A4 = (595.0, 842.0)


def canvas(pages: list[Any], rotate: int = 0) -> bytes:
    """A PDF with one page per drawing function."""
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    for draw in pages:
        if rotate:
            c.setPageRotation(rotate)
        draw(c)
        c.showPage()
    c.save()
    return buf.getvalue()


def text_page(c: Any) -> None:
    c.setFont("Helvetica-Bold", 12)
    c.drawString(72, 770, "Protokoll § 12")
    c.setFont("Helvetica", 10)
    c.drawString(72, 740, "Kommunstyrelsen beslutar att av-")
    c.drawString(72, 728, "slå motionen.")
    c.drawString(300, 700, "Ordförande")
    for angle, x, y, text in ((90, 40, 400, "Uppåt"), (180, 300, 300, "Nedåt"), (270, 560, 300, "Sidled")):
        c.saveState()
        c.translate(x, y)
        c.rotate(angle)
        c.drawString(0, 0, text)
        c.restoreState()


def ruled_page(c: Any) -> None:
    c.setFont("Helvetica", 10)
    c.drawString(72, 780, "Namn Parti")
    c.line(72, 700, 372, 700)                      # a line: one rule
    c.rect(72, 500, 200, 100)                      # a stroked box: four rules
    c.rect(72, 450, 200, 1.5, stroke=0, fill=1)    # a thin filled box: one rule
    c.setFillColorRGB(1, 1, 1)
    c.rect(72, 300, 200, 1.5, stroke=0, fill=1)    # white behind text: no rule
    c.setFillColorRGB(0, 0, 0)
    c.bezier(72, 200, 100, 250, 150, 150, 200, 200)  # a curve: no rule
    c.beginForm("underline")
    c.line(0, 0, 150, 0)
    c.endForm()
    c.saveState()
    c.translate(300, 100)
    c.doForm("underline")                          # a line inside a form XObject
    c.restoreState()


def scan_page(c: Any) -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    c.drawImage(ImageReader(Image.new("L", (200, 280), 255)), 0, 0, width=A4[0], height=A4[1])
    c.setFont("Helvetica", 8)
    c.drawString(500, 20, "1 (3)")


def read(data: bytes, backend: str) -> list[Page]:
    return list(pdf_pages(data, "test.pdf", backend))


def texts(page: Page) -> list[str]:
    return [w.text for w in page.words]


@pytest.mark.parametrize("backend", BACKENDS)
def test_words_size_and_weight(backend: str) -> None:
    page = read(canvas([text_page]), backend)[0]
    assert (page.width, page.height) == A4
    assert texts(page) == ["Protokoll", "§", "12", "Kommunstyrelsen", "beslutar", "att", "av-", "slå", "motionen.",
                           "Ordförande"]
    first = page.words[0]
    assert first.bold and first.size == pytest.approx(12)
    assert first.x0 == pytest.approx(72, abs=0.5) and first.bottom == pytest.approx(842 - 770 + 3, abs=1.5)
    assert first.bottom - first.top == pytest.approx(12, abs=0.5)  # one em tall
    assert not any(w.bold for w in page.words[3:])
    assert page.words[-1].x0 == pytest.approx(300, abs=0.5)


@pytest.mark.parametrize("backend", BACKENDS)
def test_rotated_text_is_dropped_and_counted(backend: str) -> None:
    page = read(canvas([text_page]), backend)[0]
    assert not {"Uppåt", "Nedåt", "Sidled"} & set(texts(page))
    assert page.dropped_chars == len("Uppåt" "Nedåt" "Sidled")


def test_the_backends_agree_on_boxes() -> None:
    pdfium, plumber = (read(canvas([text_page]), b)[0] for b in BACKENDS)
    assert texts(pdfium) == texts(plumber)
    for a, b in zip(pdfium.words, plumber.words, strict=True):
        assert (a.x0, a.x1, a.top, a.bottom) == pytest.approx((b.x0, b.x1, b.top, b.bottom), abs=0.6), a.text


def test_pdfium_turns_a_rotated_page_upright() -> None:
    """/Rotate 90 with text running up the paper: as displayed it reads left to right."""
    def upright_on_display(c: Any) -> None:
        c.setFont("Helvetica", 10)
        c.saveState()
        c.translate(100, 100)
        c.rotate(90)
        c.drawString(0, 0, "Justerare Anna Ek")
        c.restoreState()

    data = canvas([upright_on_display], rotate=90)
    assert b"/MediaBox [ 0 0 842 595 ]" in data and b"/Rotate 90" in data  # landscape paper, turned
    page = read(data, "pdfium")[0]
    assert (page.width, page.height) == A4
    assert texts(page) == ["Justerare", "Anna", "Ek"] and page.dropped_chars == 0
    assert page.words[0].x0 == pytest.approx(100, abs=0.5)      # 100 pt up the paper from its foot
    assert page.words[0].bottom == pytest.approx(100 + 2.5, abs=1)  # 100 pt from its left edge, plus the descent


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_pdfium_reads_a_page_whose_rotate_turns_its_text_sideways(rotate: int) -> None:
    """/Rotate on a page whose text runs along the paper: on display the text is
    sideways or upside down.  It is read along the paper, where it stands upright; the
    last release dropped every character and told the user to OCR (exit 9)."""
    def protokoll(c: Any) -> None:
        c.setFont("Helvetica", 10)
        c.drawString(72, 770, "Protokoll Kommunstyrelsen Sammanträdesdatum 2026-06-01")

    page = read(canvas([protokoll], rotate=rotate), "pdfium")[0]
    assert texts(page) == ["Protokoll", "Kommunstyrelsen", "Sammanträdesdatum", "2026-06-01"]
    assert page.dropped_chars == 0 and not page.needs_ocr
    paper = (842.0, 595.0) if rotate in (90, 270) else A4  # reportlab turns the MediaBox with the page
    assert (page.width, page.height) == paper


def rules_of(page: Page) -> set[tuple[int, int, int, int]]:
    return {(round(r.x0), round(r.top), round(r.x1), round(r.bottom)) for r in page.rules}


@pytest.mark.parametrize("backend", BACKENDS)
def test_ruling_lines(backend: str) -> None:
    page = read(canvas([ruled_page]), backend)[0]
    rules = rules_of(page)
    assert (72, 142, 372, 142) in rules                       # the line
    assert {(72, 242, 272, 242), (72, 342, 272, 342), (72, 242, 72, 342), (272, 242, 272, 342)} <= rules
    assert any(r[1] in (390, 391) and r[0] == 72 for r in rules)  # the thin black box
    assert not any(r[1] in (540, 541) for r in rules)         # the white one draws nothing
    assert (300, 742, 450, 742) in rules                      # the line inside a form
    assert len(rules) == 7


@pytest.mark.parametrize("backend", BACKENDS)
def test_triage_marks_a_scanned_page(backend: str) -> None:
    scan, text = read(canvas([scan_page, text_page]), backend)
    assert scan.needs_ocr and texts(scan) == ["1", "(3)"]
    assert not text.needs_ocr


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_blank_page_needs_no_ocr(backend: str) -> None:
    assert not read(canvas([lambda c: None]), backend)[0].needs_ocr


def cmap(*pairs: tuple[bytes, bytes]) -> bytes:
    body = b"".join(b"<%s> <%s>\n" % pair for pair in pairs)
    return (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T def /CMapType 2 def\n"
            b"1 begincodespacerange <00> <FF> endcodespacerange\n%d beginbfchar\n" % len(pairs) + body
            + b"endbfchar endcmap CMapName currentdict /CMap defineresource pop end end")


def test_pdfium_reads_characters_beyond_the_bmp_and_mends_a_broken_map() -> None:
    """pdfium gives a character beyond the BMP as two surrogate halves; a ToUnicode map
    to a lone half is broken. The words are whole characters, U+FFFD for the broken one."""
    to_unicode = cmap((b"41", b"D835DC00"), (b"42", b"DC00"), (b"43", b"0043"))
    page = read(helvetica_pdf(b"BT /F1 12 Tf 72 700 Td (AC B) Tj ET", to_unicode=to_unicode), "pdfium")[0]
    assert texts(page) == ["\U0001d400C", "\ufffd"]


def test_pdfium_reads_the_size_from_the_matrix() -> None:
    """Text set at 1 pt and scaled by the text matrix (pdfTeX, Ghostscript) is 10 pt."""
    page = read(helvetica_pdf(b"BT /F1 1 Tf 10 0 0 10 72 700 Tm (Kommunstyrelsen beslutar) Tj ET"), "pdfium")[0]
    assert texts(page) == ["Kommunstyrelsen", "beslutar"]
    assert all(w.size == pytest.approx(10) and w.bottom - w.top == pytest.approx(10) for w in page.words)


def test_glyphs_without_unicode_send_a_page_to_ocr() -> None:
    """A font without a text mapping (pdfium: code 0, pdfminer: "(cid:N)") is no text layer."""
    page = read(helvetica_pdf(b"BT /F1 10 Tf 72 700 Td (" + b"\x00" * 1500 + b") Tj 0 -12 Td (Sida 1 av 3) Tj ET"), "pdfium")[0]
    assert page.needs_ocr


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_smaller_footnote_mark_is_a_word_of_its_own(backend: str) -> None:
    def footnote(c: Any) -> None:
        text = c.beginText(72, 700)
        text.setFont("Helvetica", 10)
        text.textOut("beslut")
        text.setFont("Helvetica", 6)
        text.setRise(2)
        text.textOut("1")
        text.setRise(0)
        text.setFont("Helvetica", 10)
        text.textOut(", och")
        c.drawText(text)

    assert texts(read(canvas([footnote]), backend)[0]) == ["beslut", "1", ",", "och"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_open_polyline_is_no_box(backend: str) -> None:
    def three_sides(c: Any) -> None:
        path = c.beginPath()
        path.moveTo(72, 500)
        path.lineTo(272, 500)
        path.lineTo(272, 600)
        path.lineTo(72, 600)
        c.drawPath(path, stroke=1, fill=0)

    assert len(read(canvas([three_sides]), backend)[0].rules) == 0  # a three-sided polyline is a curve


@pytest.mark.parametrize(("backend", "data"), [
    ("pdfium", helvetica_pdf(second_page=b"42")),  # pdfium refuses a page that is no dictionary
    ("pdfplumber", helvetica_pdf(mediabox=b"(abc)")),                        # pdfminer fails on a MediaBox that is a string
])
def test_a_pdf_one_backend_finds_damaged_is_read_by_the_other(backend: str, data: bytes) -> None:
    import sup_parse

    doc = sup_parse.parse(data, ocr="never", pdf_backend=backend)
    assert doc.kind.value == "protokoll" and doc.source is not None and doc.source.pages == 1  # the text was read
    fallback = [w for w in doc.warnings if w.code == "pdf-read-by-fallback"]
    assert len(fallback) == 1 and backend in fallback[0].message


def test_a_pdf_both_backends_find_damaged_fails_with_the_first_ones_reason() -> None:
    import sup_parse
    from sup_parse.errors import DamagedPdf

    truncated = helvetica_pdf()[:300]
    with pytest.raises(DamagedPdf, match="pdfium could not open it"):
        sup_parse.parse(truncated, ocr="never")


@pytest.mark.parametrize("angle", [90, 180, 270])
def test_pdfium_reads_a_page_turned_by_its_content(angle: int) -> None:
    """A page whose whole content is turned by its matrix (no /Rotate) is read turned
    upright, as a page with /Rotate is; a rotated band on an upright page stays dropped."""
    def turned(c: Any) -> None:
        c.saveState()
        c.translate(*{90: (A4[0], 0), 180: A4, 270: (0, A4[1])}[angle])
        c.rotate(angle)
        c.setFont("Helvetica", 10)
        for i, line in enumerate(["Protokoll Kommunstyrelsen", "Sammanträdesdatum 2026-06-01", "§ 12 Budget 2027"]):
            c.drawString(72, (A4[1] if angle == 180 else A4[0]) - 72 - 14 * i, line)
        c.restoreState()

    from sup_parse.layout import words_to_lines

    page = read(canvas([turned]), "pdfium")[0]
    assert [ln.text for ln in words_to_lines(page)] == [
        "Protokoll Kommunstyrelsen", "Sammanträdesdatum 2026-06-01", "§ 12 Budget 2027"]
    assert page.dropped_chars == 0
    assert (page.width, page.height) == (A4 if angle == 180 else (A4[1], A4[0]))
    assert min(w.x0 for w in page.words) == pytest.approx(72, abs=1)


def test_forms_nested_two_thousand_deep_do_not_overflow_the_stack() -> None:
    """Form XObjects drawing each other 2,000 levels deep: pdfium reads the page's words
    and the walk for ruling lines stops at its depth bound; pdfminer recurses into every
    level and gives up, which is a damaged page (pdfium then reads it, as fallback)."""
    from adversarial import deep_forms

    from sup_parse.errors import DamagedPdf

    data = deep_forms()
    assert texts(read(data, "pdfium")[0]) == ["Protokoll", "Kommunstyrelsen", "Sammantradesdatum", "2026-06-01"]
    with pytest.raises(DamagedPdf):
        read(data, "pdfplumber")
