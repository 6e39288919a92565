"""Table-driven tests for plain-text pages: printed page numbers and repeated page headers.

Inputs are small texts written for the rule under test, not copies of corpus files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sup_parse.blocks import lines_to_sheets
from sup_parse.layout import mark_furniture
from sup_parse.sources.text import number_chunks, printed_page_number, split_at_page_numbers, text_pages


def numbers(text: str) -> list[int]:
    return [p.number for p in text_pages(text)]


def first_lines(text: str) -> list[str]:
    return [p.lines[0].text for p in text_pages(text)]


# (raw line, (number, strong) or None)
PAGE_NUMBER_LINES = [
    pytest.param("Sida 2 av 17", (2, True), id="sida-av"),
    pytest.param("   Sida 3 (7)", (3, True), id="sida-bracket-indented"),
    pytest.param("12 (97)", (12, True), id="n-bracket"),
    pytest.param("4 av 5", (4, True), id="n-av"),
    pytest.param("KOMMUN      PROTOKOLL      2 (5)", (2, True), id="last-column-of-header"),
    pytest.param("7", (7, False), id="bare-is-weak"),
    pytest.param("2025-05-06", None, id="date"),
    pytest.param("§ 12", None, id="heading"),
    pytest.param("Beslut 2 (3) fattades", None, id="inside-text"),
]


@pytest.mark.parametrize(("raw", "expected"), PAGE_NUMBER_LINES)
def test_printed_page_number(raw: str, expected: tuple[int, bool] | None) -> None:
    assert printed_page_number(raw) == expected


# a page's text between its number and the next: real pages hold more than PAGE_LINES lines
BODY = "".join(f"rad {k} av sidans text\n" for k in range(8))

# (text, page numbers, first line of each page)
SPLITS = [
    pytest.param("Nämnden  PROTOKOLL\nSida 1 av 3\nA\nB\nNämnden  PROTOKOLL\nSida 2 av 3\nC\n"
                 "Nämnden  PROTOKOLL\nSida 3 av 3\nD\n",
                 [1, 2, 3], ["Nämnden PROTOKOLL"] * 3, id="header-numbers-start-pages-with-their-header"),
    pytest.param("Front\n" + BODY + "1\nSecond\n" + BODY + "2\n9\nThird\n" + BODY + "3\nFourth\n" + BODY + "4\n",
                 [1, 2, 3, 4], ["Front", "Second", "9", "Fourth"], id="footer-numbers-stray-number-skipped"),
    pytest.param("Ärenden\n1\nBudget\n2\nTaxa\n3\nVal\n", [1], ["Ärenden"], id="numbers-lines-apart-number-items"),
    pytest.param("a\nb\nc\nd\ne\n1\nf\n2\n", [1], ["a"], id="two-bare-numbers-are-not-a-run"),
    pytest.param("a\nb\nc\nd\ne\nSida 4 av 9\nf\nSida 5 av 9\ng\n", [4, 5, 6], ["a", "f", "g"],
                 id="footer-strong-numbers-rest-is-next-page"),
    pytest.param("x\n\fy\n\fz\n", [1, 2, 3], ["x", "y", "z"], id="form-feeds-without-numbers"),
    pytest.param("x\n3 (9)\n\fy\n4 (9)\n\fHeader only\n", [3, 4, 5], ["x", "y", "Header only"],
                 id="form-feeds-printed-numbers-last-without"),
    pytest.param("x\n3 (9)\n\fy\n7 (9)\n", [1, 2], ["x", "y"], id="form-feeds-numbers-not-counting-on"),
    pytest.param("<!-- sida 1 -->\nx\n<!-- sida 2 -->\ny\n<!-- sida 3 -->\nz\n", [1, 2, 3], ["x", "y", "z"],
                 id="page-comments"),
]


@pytest.mark.parametrize(("text", "pages", "firsts"), SPLITS)
def test_text_pages_numbers(text: str, pages: list[int], firsts: list[str]) -> None:
    assert numbers(text) == pages
    assert first_lines(text) == firsts


def test_split_at_page_numbers_keeps_every_line() -> None:
    lines = ["h", "Sida 1 av 2", "a", "h", "Sida 2 av 2", "b"]
    assert [ln for _n, chunk in split_at_page_numbers(lines) for ln in chunk] == lines


def test_number_chunks_needs_most_pages_numbered() -> None:
    chunks: list[tuple[int | None, list[str]]] = [(None, ["a"]), (None, ["b"]), (None, ["c", "5 (9)"])]
    assert [n for n, _ in number_chunks(chunks)] == [1, 2, 3]


# --- repeated page headers in plain text --------------------------------------------

HEADERED = (
    "Nämnden\nProtokoll nr 3\nSammanträdesdatum: 2025-01-02\n§ 1\nTitel ett\n\nText.\n1 (3)\n"
    "\fNämnden\nProtokoll nr 3\nSammanträdesdatum: 2025-01-02\nBeslut\nMer text här.\n2 (3)\n"
    "\fNämnden\nProtokoll nr 3\nSammanträdesdatum: 2025-01-02\n§ 2\nTitel två\n3 (3)\n"
)


def test_repeated_text_header_is_furniture() -> None:
    pages = text_pages(HEADERED)
    mark_furniture(pages)
    roles = {ln.text: ln.role for p in pages for ln in p.lines}
    assert roles["Nämnden"] == "header"
    assert roles["Sammanträdesdatum: 2025-01-02"] == "header"
    assert roles["§ 1"] == "body" and roles["§ 2"] == "body"  # a § heading recurs by design
    assert roles["Beslut"] == "body"
    sheets = lines_to_sheets(pages)
    assert [ln.text for ln in sheets[1].lines] == ["Beslut", "Mer text här."]
    assert [ln.text for ln in sheets[1].header][:1] == ["Nämnden"]


# --- the document header read from repeated page headers ------------------------------

HEADERS = [
    pytest.param("§ 1 Ärendenummer X-1\nTitel\n\nText.\n1 (3)\n\f" + HEADERED.split("\f", 1)[1],
                 "Nämnden", "2025-01-02", None, id="first-page-without-header-uses-the-next"),
    pytest.param("GRANNBY KOMMUN   PROTOKOLL\nSOCIALNÄMNDEN\nDatum\n2025-02-03\n\nPlats och tid  Rådhuset 13.00\n"
                 "<!-- sida 2 -->\nGRANNBY KOMMUN   PROTOKOLL   2 (2)\nSOCIALNÄMNDEN\nDatum\n2025-02-03\n\n§ 1\nTitel\n",
                 "Socialnämnden", "2025-02-03", "Grannby kommun", id="capitals-and-label-between-names"),
    pytest.param("Sammanträdesprotokoll Kulturnämnden\n\n2025-04-05\n\nPlats och tid\nRådhuset\n\n1\n\n"
                 "Sammanträdesprotokoll Kulturnämnden\n\n2025-04-05\n\n§ 1\n\nTitel\n\n2\n\n"
                 "Sammanträdesprotokoll Kulturnämnden\n\n2025-04-05\n\n§ 2\n\nTitel\n\n3\n",
                 "Kulturnämnden", "2025-04-05", None, id="kind-word-before-organ"),
]


@pytest.mark.parametrize(("text", "organ", "date", "municipality"), HEADERS)
def test_document_header_from_page_headers(text: str, organ: str, date: str, municipality: str | None) -> None:
    import sup_parse

    doc = sup_parse.parse(text)
    assert (doc.header.organ, doc.header.date, doc.header.municipality) == (organ, date, municipality)


def test_line_under_a_section_heading_near_the_page_end_is_body() -> None:
    text = "".join(
        f"Nämnden\n§ {n}\nTitel {n}\n\nText om ärendet.\nHandling\n2025 nr {180 + n}.\n{n} (3)\n\f" for n in (1, 2, 3))
    pages = text_pages(text)
    mark_furniture(pages)
    roles = {ln.text: ln.role for p in pages for ln in p.lines}
    assert roles["2025 nr 181."] == "body" and roles["Handling"] == "body"
    assert roles["Nämnden"] == "header"


def test_one_bad_byte_in_a_utf8_file_costs_one_character() -> None:
    """A UTF-8 file with one byte that is not UTF-8 stays UTF-8 (å, ä, ö intact), the byte
    reads as U+FFFD and a warning counts it; before, the whole file was read as
    Windows-1252 and no § was found."""
    import sup_parse

    seed = (Path(__file__).resolve().parents[1] / "samples" / "tyreso-klu-2019-08-07-p60-utdrag.txt").read_bytes()
    cut = seed.index(b" har tagit fram ") + 1  # inside a sentence
    damaged = seed[:cut] + b"\xff" + seed[cut:]
    good, bad = sup_parse.parse(seed), sup_parse.parse(damaged)
    assert [p.number for p in bad.paragraphs] == [p.number for p in good.paragraphs] != []
    assert bad.paragraphs[0].title == good.paragraphs[0].title
    assert "Ã" not in bad.model_dump_json() and "ö" in bad.model_dump_json()  # no Windows-1252 mojibake
    assert [w.message for w in bad.warnings if w.code == "bad-bytes"] == [
        "1 byte(s) were not valid UTF-8 and were read as U+FFFD; the rest of the file is read as UTF-8"]
    assert not any(w.code == "bad-bytes" for w in good.warnings)
