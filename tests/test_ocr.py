"""OCR: page triage, Tesseract's TSV → words, fixes for what OCR misreads, confidence
warnings (no Tesseract needed), and whole scans read end to end (Tesseract needed: these
run in CI, which installs it; they are never skipped)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import sup_parse
from sup_parse import models as m
from sup_parse.confidence import low_confidence_warnings
from sup_parse.layout import Line, Page, Segment, words_to_lines
from sup_parse.sources.ocr import fix_ocr_lines, tsv_words
from sup_parse.sources.pdf import needs_ocr

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "samples"))
sys.path.insert(0, str(ROOT / "tools"))
SEED_PDF = ROOT / "samples" / "tyreso-klu-2019-08-07-p60-utdrag.pdf"
SEED_GOLDEN = ROOT / "samples" / "expected" / "tyreso-klu-2019-08-07-p60-utdrag.pdf.json"

# --- triage ------------------------------------------------------------------------

TRIAGE = [
    pytest.param(["Kommunstyrelsen beslutar att godkänna rapporten och lägga den till handlingarna"] * 4, 0.0, True,
                 False, id="text-layer"),
    pytest.param([], 1.0, True, True, id="scan-without-text"),
    pytest.param(["5"], 0.0, False, False, id="blank-page-with-a-number"),
    pytest.param(["(cid:12)(cid:13)(cid:14)(cid:15)"] * 8, 0.0, True, True, id="cid-garbage"),
    pytest.param(["Ã¥rsredovisning fÃ¶r Ã¤ldre nÃ¤mnd"] * 3, 0.0, True, True, id="mojibake"),
    pytest.param(["Sida 1 av 3 Utdragsbestyrkande"], 0.95, True, True, id="scan-under-a-stamp"),
]


@pytest.mark.parametrize(("texts", "cover", "graphics", "expected"), TRIAGE)
def test_needs_ocr(texts: list[str], cover: float, graphics: bool, expected: bool) -> None:
    assert needs_ocr(texts, cover, graphics) is expected


# --- TSV → words ---------------------------------------------------------------------

HEAD = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def tsv(*words: tuple[int, int, int, int, float, str, int]) -> str:
    """Rows of (left, top, width, height, conf, text, line number) at 300 dpi."""
    rows = [HEAD]
    for left, top, w, h, conf, text, line in words:
        rows.append(f"4\t1\t1\t1\t{line}\t0\t{left}\t{top}\t{w}\t{h}\t-1\t")
        rows.append(f"5\t1\t1\t1\t{line}\t1\t{left}\t{top}\t{w}\t{h}\t{conf}\t{text}")
    return "\n".join(rows)


SCALE = 72 / 300


def test_tsv_words_positions_in_points_and_confidence() -> None:
    (w,) = tsv_words(tsv((300, 600, 400, 40, 91.5, "Kommunstyrelsen", 1)), SCALE, SCALE)
    assert (w.text, round(w.x0), round(w.top), round(w.x1), w.conf) == ("Kommunstyrelsen", 72, 144, 168, 91.5)


def test_paragraph_sign_read_as_eight_before_a_number() -> None:
    words = tsv_words(tsv((300, 600, 30, 40, 88, "8", 1), (340, 600, 80, 40, 95, "620", 1),
                          (440, 600, 300, 40, 95, "Årsredovisning", 1)), SCALE, SCALE)
    assert [w.text for w in words] == ["§", "620", "Årsredovisning"]


def test_one_sign_read_as_two_glyphs() -> None:
    words = tsv_words(tsv((300, 600, 50, 40, 80, "$&", 1), (360, 600, 80, 40, 95, "572", 1),
                          (460, 600, 300, 40, 95, "Revidering", 1)), SCALE, SCALE)
    assert [w.text for w in words] == ["§", "572", "Revidering"]


def test_a_heading_whose_sign_was_read_as_eight_in_the_run_of_paragraphs() -> None:
    """"8574 Budget …" after § 573 is § 574; "8574" after § 12 is a number."""
    from sup_parse.extract.paragraphs import find_paragraphs

    def lines(*texts: str) -> list[Line]:
        return [ocr_line(t) for t in texts]

    raws, _, _ = find_paragraphs(lines("§ 573 Budget", "Text.", "8574 Budget 2023 och verksamhetsplan", "Text."))
    assert [r.heading.number for r in raws] == [573, 574]
    raws, _, _ = find_paragraphs(lines("§ 12 Budget", "Text.", "8574 Budget 2023", "Text."))
    assert [r.heading.number for r in raws] == [12]
    raws, _, _ = find_paragraphs(lines("KSAU § 327 2018.1 KSAU", "Text.", "KSAU 328 2018.805 KSAU", "Text.",
                                       "KSAU 5 329 2018.371 KSAU", "Text.", "KSAU 8330 2018.047 KSAU", "Text."))
    assert [r.heading.number for r in raws] == [327, 328, 329, 330]
    raws, _, _ = find_paragraphs(lines("§ 327 Budget", "Text.", "KSAU 328 2018.805 KSAU", "Text."))
    assert [r.heading.number for r in raws] == [327]  # no sign, and the heading before had no such letters


@pytest.mark.parametrize(("glyph", "expected"), [("$56", "§56"), ("&&12", "§§12"), ("856", "856"), ("($)", "(S)")])
def test_glued_signs_and_party_letters(glyph: str, expected: str) -> None:
    (w,) = tsv_words(tsv((300, 600, 120, 40, 90, glyph, 1)), SCALE, SCALE)
    assert w.text == expected


def test_specks_rules_and_dotted_lines_are_dropped() -> None:
    words = tsv_words(tsv(
        (300, 600, 400, 40, 95, "Sekreterare", 1),
        (300, 700, 400, 4, 0.0, "RRVNSRSENSSVETT", 2),  # a dotted line, a few pixels high
        (300, 800, 20, 40, 16.0, "|", 3),  # a rule
        (300, 900, 200, 40, 12.0, "STRESS", 4),  # a stamp read as capitals
        (300, 1000, 20, 40, 20.0, "3", 5),  # a faint list number is kept
        (300, 1100, 20, 8, 30.0, "-", 6),  # a dash is low by nature
    ), SCALE, SCALE)
    assert [w.text for w in words] == ["Sekreterare", "3", "-"]


def test_skew_is_taken_out_of_word_positions() -> None:
    # one text line of four words drifting down 40 px over 1200 px (about 1.9°)
    line_words = [(300 + 400 * i, 600 + 13 * i, 300, 40, 95, f"ord{i}", 1) for i in range(4)]
    other = [(300 + 400 * i, 900 + 13 * i, 300, 40, 95, f"rad{i}", 2) for i in range(4)]
    other2 = [(300 + 400 * i, 1200 + 13 * i, 300, 40, 95, f"tre{i}", 3) for i in range(4)]
    words = tsv_words(tsv(*line_words, *other, *other2), SCALE, SCALE)
    page = Page(number=1, width=595, height=842, words=words)
    assert [ln.text for ln in words_to_lines(page)] == ["ord0 ord1 ord2 ord3", "rad0 rad1 rad2 rad3", "tre0 tre1 tre2 tre3"]


# --- lines: what OCR misreads at the start of a line ------------------------------------

def ocr_line(text: str, *cells: tuple[float, str]) -> Line:
    segs = [Segment(t, x, x + 5 * len(t)) for x, t in (cells or ((72.0, text),))]
    return Line(text=" ".join(s.text for s in segs), page=1, x0=segs[0].x0, x1=segs[-1].x1, segments=segs, conf=90)


FIXES = [
    pytest.param(["863 2017.199 SN"], ["§ 63 2017.199 SN"], id="sign-glued-to-number-before-dnr"),
    pytest.param(["8 620"], ["8 620"], id="separate-eight-left-to-word-fix"),
    pytest.param(["863 kronor per timme"], ["863 kronor per timme"], id="a-real-number-stays"),
    pytest.param(["e Antalet kontor minskades."], ["• Antalet kontor minskades."], id="bullet-read-as-e"),
    pytest.param(["LJ Tjänsteskrivelse"], ["• Tjänsteskrivelse"], id="square-bullet-read-as-LJ"),
    pytest.param(["1 Planen antas.", "2 Styrelsen får i uppdrag."], ["1. Planen antas.", "2. Styrelsen får i uppdrag."],
                 id="list-numbers-lost-their-full-stop"),
    pytest.param(["1 Planen antas."], ["1 Planen antas."], id="one-number-is-no-list"),
    pytest.param(["1 att bifalla motionen"], ["1. att bifalla motionen"], id="one-number-before-an-att-sats"),
]


@pytest.mark.parametrize(("texts", "expected"), FIXES)
def test_fix_ocr_lines(texts: list[str], expected: list[str]) -> None:
    lines = [ocr_line(t) for t in texts]
    fix_ocr_lines(lines)
    assert [ln.text for ln in lines] == expected


def test_paragraph_range_after_its_label() -> None:
    line = ocr_line("", (71, "Plats och tid"), (189, "Rådhuset"), (368, "Paragrafer"), (433, "8894-110"))
    fix_ocr_lines([line])
    assert line.segments[-1].text == "§§94-110"
    assert line.text.endswith("Paragrafer §§94-110")


# --- confidence -------------------------------------------------------------------------

def test_low_confidence_warning_names_field_word_and_page() -> None:
    page = Page(number=2, width=595, height=842)
    page.source = "ocr"
    page.lines = [Line(text="§ 620 Årsredovisnlng 2025", page=2, doubtful=[("Årsredovisnlng", 41.0)])]
    doc = m.Document(kind=m.Kind.PROTOKOLLSUTDRAG, paragraphs=[m.Paragraph(number=620, title="Årsredovisnlng 2025")])
    (w,) = low_confidence_warnings(doc, [page])
    assert (w.code, w.page) == ("low-confidence", 2)
    assert "paragraphs[§620].title" in w.message and "Årsredovisnlng" in w.message and "41%" in w.message


def test_text_layer_pages_give_no_confidence_warnings() -> None:
    page = Page(number=1, width=595, height=842)
    page.lines = [Line(text="x", page=1, doubtful=[("Årsredovisning", 10.0)])]
    doc = m.Document(kind=m.Kind.PROTOKOLL, paragraphs=[m.Paragraph(number=1, title="Årsredovisning")])
    assert low_confidence_warnings(doc, [page]) == []


# --- whole scans, read by Tesseract -------------------------------------------------------

@pytest.fixture(scope="module")
def seed_scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from make_scans import scan_pdf

    out = tmp_path_factory.mktemp("scans") / "seed-scan.pdf"
    scan_pdf(SEED_PDF, out, dpi=200)
    return out


def test_scanned_seed_reads_like_its_text_layer(seed_scan: Path) -> None:
    from eval import prf, score

    doc = sup_parse.parse(seed_scan)
    assert doc.source is not None and doc.source.text_source.value == "ocr"
    assert (doc.kind.value, doc.header.organ, doc.header.date) == ("protokollsutdrag", "Kommunledningsutskottet", "2019-08-07")
    assert [(p.number, p.title, p.dnr) for p in doc.paragraphs] == [(60, "Södertörns utvecklingsprogram 2035", "2019/KS 0260 005")]
    gold = json.loads(SEED_GOLDEN.read_text(encoding="utf-8"))

    def strip(o: object) -> object:
        if isinstance(o, dict):
            return {k: strip(v) for k, v in o.items() if k not in ("sections", "source", "warnings")}
        if isinstance(o, list):
            return [strip(x) for x in o]
        return o

    total: dict[str, int] = {"tp": 0, "fp": 0, "fn": 0}
    for c in score(strip(gold), doc.model_dump(mode="json")).values():  # type: ignore[arg-type]
        for k in total:
            total[k] += c[k]
    from collections import Counter

    assert prf(Counter(total))[2] >= 0.9


def test_sideways_scan_is_turned_and_read(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(SEED_PDF))
    image = pdf[0].render(scale=200 / 72).to_pil().convert("L").rotate(90, expand=True)
    pdf.close()
    path = tmp_path / "sideways.pdf"
    image.save(path, format="PDF", resolution=200)
    doc = sup_parse.parse(path)
    assert (doc.header.organ, [p.number for p in doc.paragraphs]) == ("Kommunledningsutskottet", [60])


def test_text_layer_with_one_scanned_page_is_mixed(tmp_path: Path, seed_scan: Path) -> None:
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    text = pdfium.PdfDocument(str(SEED_PDF))
    scan = pdfium.PdfDocument(str(seed_scan))
    out.import_pages(text, [0, 1, 2])
    out.import_pages(scan, [8])  # the front page, scanned
    path = tmp_path / "mixed.pdf"
    with open(path, "wb") as fh:
        out.save(fh)
    for d in (out, text, scan):
        d.close()
    doc = sup_parse.parse(path)
    assert doc.source is not None and doc.source.text_source.value == "mixed"
    assert doc.verification is not None and doc.verification.date == "2019-08-12"
    never = sup_parse.parse(path, ocr="never")
    assert [w.code for w in never.warnings if w.code == "page-needs-ocr"] == ["page-needs-ocr"]


def test_ocr_slots_are_shared_and_die_with_their_process(tmp_path: Path) -> None:
    """A batch's workers share Tesseract slots through file locks: a taken slot makes the
    next taker wait, and a worker killed while holding one (a timeout) frees it."""
    import subprocess
    import threading

    from sup_parse.sources.ocr import Slots

    slots = Slots(tmp_path, 1)
    order: list[str] = []

    def take(mark: str) -> None:
        with slots.taken():
            order.append(mark)

    with slots.taken():
        waiter = threading.Thread(target=take, args=("second",))
        waiter.start()
        waiter.join(timeout=0.3)
        assert waiter.is_alive() and not order  # the only slot is held
        order.append("first")
    waiter.join(timeout=5)
    assert order == ["first", "second"]

    holder = subprocess.Popen([sys.executable, "-c",
                               "import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDWR); "
                               "fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); time.sleep(60)",
                               str(slots.files[0])], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    holder.kill()
    holder.wait()
    after = threading.Thread(target=take, args=("after the kill",), daemon=True)
    after.start()
    after.join(timeout=5)
    assert order[-1] == "after the kill"


@pytest.mark.parametrize(("width", "height", "dpi", "expected"), [
    (595, 842, 300, 300),        # A4: 8.7 million pixels
    (1191, 1684, 300, 300),      # A2: 34.8 million
    (14400, 14400, 300, 31),     # 200 inches square: 40 million at 31 dpi
    (100_000, 100_000, 300, 30),  # never below 30 dpi
])
def test_ocr_dpi_is_lowered_for_huge_pages(width: float, height: float, dpi: int, expected: int) -> None:
    from sup_parse.sources.ocr import MAX_OCR_PIXELS, capped_dpi

    got = capped_dpi(width, height, dpi)
    assert got == expected
    if got > 30:
        assert (width / 72 * got) * (height / 72 * got) <= MAX_OCR_PIXELS


def test_a_huge_page_is_read_at_a_lower_dpi_with_a_warning(tmp_path: Path) -> None:
    """A page claiming to be 200 inches square used to be rendered at 60,000 pixels square
    (gigabytes); it is read within the pixel cap, and the warning says so."""
    from helpers import helvetica_pdf

    pdf = helvetica_pdf(b"BT /F1 600 Tf 720 7200 Td (Kommunstyrelsen protokoll) Tj ET", mediabox=b"[0 0 14400 14400]")
    doc = sup_parse.parse(pdf, ocr="always", workers=1)
    lowered = [w for w in doc.warnings if w.code == "ocr-dpi-lowered"]
    assert len(lowered) == 1 and lowered[0].page == 1 and "31 dpi" in lowered[0].message


# --- library failures are ours (issue 13) ---------------------------------------------------

def test_a_page_pdfium_cannot_render_is_a_damaged_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """pdfium may open a file and fail on one page's bitmap: that was exit 70."""
    import pypdfium2 as pdfium
    from helpers import helvetica_pdf

    from sup_parse.errors import DamagedPdf
    from sup_parse.sources.ocr import OcrOptions, ocr_pdf_pages

    def refuse(*_args: object, **_kw: object) -> None:
        raise pdfium.PdfiumError("Failed to create bitmap")

    monkeypatch.setattr(pdfium.PdfPage, "render", refuse)
    with pytest.raises(DamagedPdf, match="cannot be rendered for OCR"):
        list(ocr_pdf_pages(helvetica_pdf(), [1], OcrOptions(), exe="tesseract"))


def test_tesseract_over_its_time_is_a_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    from sup_parse.errors import TimeLimit
    from sup_parse.sources import ocr

    def hang(cmd: list[str], **kw: object) -> None:
        raise subprocess.TimeoutExpired(cmd, 1)

    monkeypatch.setattr(ocr.subprocess, "run", hang)
    with pytest.raises(TimeLimit, match="page 3"):
        ocr._tesseract(["tesseract"], {}, 3)


def test_a_page_that_cannot_be_copied_into_the_searchable_pdf_is_a_damaged_pdf(tmp_path: Path,
                                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import pypdfium2 as pdfium
    from helpers import helvetica_pdf

    from sup_parse.errors import DamagedPdf
    from sup_parse.sources.ocr import SearchablePdf

    def refuse(*_args: object, **_kw: object) -> None:
        raise pdfium.PdfiumError("Failed to import pages")

    monkeypatch.setattr(pdfium.PdfDocument, "import_pages", refuse)
    searchable = SearchablePdf()
    try:
        with pytest.raises(DamagedPdf, match="cannot be copied"):
            searchable.write(helvetica_pdf(), 1, tmp_path / "out.pdf")
    finally:
        searchable.close()
    assert not (tmp_path / "out.pdf").exists()
