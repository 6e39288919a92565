"""Positioned pages: words → lines (segments) and page furniture (sup_parse/layout.py).

Pages are built here word by word at made-up positions (A4: 595 × 842 pt)."""

from __future__ import annotations

import pytest

from sup_parse.layout import Line, Page, Segment, Word, mark_furniture, words_to_lines


def words(top: float, *cells: tuple[float, str]) -> list[Word]:
    """Words of one line; each cell's words are 3 pt apart (a word space)."""
    out = []
    for x, text in cells:
        for w in text.split():
            out.append(Word(text=w, x0=x, x1=x + 5 * len(w), top=top, bottom=top + 10))
            x += 5 * len(w) + 3
    return out


def segments_of(*cells: tuple[float, str]) -> list[str]:
    page = Page(number=1, width=595, height=842, words=words(100, *cells))
    return [s.text for s in words_to_lines(page)[0].segments]


def test_wide_gap_splits_segments() -> None:
    assert segments_of((71, "Beslutande"), (185, "Anna Ek (S)")) == ["Beslutande", "Anna Ek (S)"]


def test_word_spaces_do_not_split() -> None:
    assert segments_of((71, "Kommunstyrelsen beslutar att godkänna")) == ["Kommunstyrelsen beslutar att godkänna"]


def test_a_label_close_after_a_value_starts_a_segment() -> None:
    # "Campus Alingsås, Paragrafer §§41-49": 13 pt before the label, less than a column gap
    value_end = 185 + 5 * len("Campus") + 3 + 5 * len("Hus,")
    assert segments_of((185, "Campus Hus,"), (value_end + 13, "Paragrafer §§41-49")) == ["Campus Hus,", "Paragrafer §§41-49"]


def test_a_non_label_close_after_a_value_does_not() -> None:
    value_end = 185 + 5 * len("Campus") + 3 + 5 * len("Hus,")
    assert segments_of((185, "Campus Hus,"), (value_end + 13, "Östra Ringgatan")) == ["Campus Hus, Östra Ringgatan"]


def line(top: float, *cells: tuple[float, str]) -> Line:
    segs = [Segment(t, x, x + 5 * len(t)) for x, t in cells]
    return Line(text=" ".join(t for _, t in cells), page=1, top=top, bottom=top + 10, x0=segs[0].x0,
                x1=segs[-1].x1, segments=segs)


def pages_with(*extra: list[Line]) -> list[Page]:
    out = []
    for n, more in enumerate(extra, start=1):
        lines = [line(37, (388, "Kommunstyrelsen")), line(51, (388, "Protokoll")), *more]
        for ln in lines:
            ln.page = n
        out.append(Page(number=n, width=595, height=842, lines=lines))
    return out


def test_paragraph_heading_at_the_top_of_each_page_is_body() -> None:
    pages = pages_with([line(129, (71, "§ 95 2026.016 KS"))], [line(129, (71, "§ 96 2026.204 KS"))],
                       [line(129, (71, "§ 97 2026.225 KS"))])
    mark_furniture(pages)
    assert [p.lines[2].role for p in pages] == ["body", "body", "body"]
    assert [p.lines[0].role for p in pages] == ["header", "header", "header"]


def test_repeated_header_with_a_word_added_is_furniture() -> None:
    pages = pages_with([line(300, (71, "Text"))], [line(300, (71, "Mer text"))], [])
    pages[2].lines[0] = line(37, (262, "Kommunstyrelsen"), (447, "Voteringslista"))
    pages[2].lines[0].page = 3
    mark_furniture(pages)
    assert pages[2].lines[0].role == "header"


def test_template_placeholder_is_set_apart() -> None:
    pages = pages_with([line(300, (71, "Klicka här för att fylla i vilka beslutet ska skickas till."))])
    mark_furniture(pages)
    assert pages[0].lines[2].role == "placeholder"


def test_a_heading_split_in_two_segments_at_the_top_of_each_page_is_body() -> None:
    """The § number alone recurs on every page; with the dnr beside it the line is still the heading."""
    pages = pages_with([line(60, (71, "§ 301"))], [line(60, (71, "§ 302"))],
                       [line(60, (71, "§ 303"), (120, "Dnr Sn/2015:153 12"))])
    mark_furniture(pages)
    assert [p.lines[2].role for p in pages] == ["body", "body", "body"]


@pytest.mark.parametrize("cells", [
    [(71, "14"), (120, "Ansökan om bygglov för nybyggnad")],  # an agenda row at a page's top
    [(71, "Strateg"), (330, "00726/2016")],  # a dnr is no "page / pages"
])
def test_numbers_in_the_top_band_that_are_not_page_numbers(cells: list[tuple[float, str]]) -> None:
    pages = pages_with([line(60, *cells)])
    mark_furniture(pages)
    assert pages[0].lines[2].role == "body"
