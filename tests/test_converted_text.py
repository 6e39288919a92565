"""Converted text (markdown from converters, pdftotext with and without -layout): the
habits that flatten a page's structure, each read back into the same lines, structures
and fields as a PDF.

Inputs are small texts written for the rule under test, not copies of generated or
corpus files.
"""

from __future__ import annotations

import pytest

import sup_parse
from sup_parse.blocks import kind_tail, lines_to_fields, split_inline_labels
from sup_parse.extract.common import split_list_entry, split_sections
from sup_parse.normalize import split_person
from sup_parse.sources.text import markdown_to_text, printed_page_number, split_run_on_labels, text_pages
from sup_parse.structures import document_structures

# --- pipe tables cut in pieces ------------------------------------------------------------------

PIECES = """| Nr | Ärende | Dnr |
| --- | --- | --- |

*Beslutsärenden*

| 1 | Budget för 2026 och flerårsplan | KS 2025/12 |
| --- | --- | --- |
| 2 | Taxa | KS 2025/40 |
"""


def test_pipe_tables_with_as_many_columns_share_their_column_starts() -> None:
    lines = [x for x in markdown_to_text(PIECES).split("\n") if "|" not in x and x.strip()]
    header, row1, row2 = (x for x in lines if x[:1] in {"N", "1", "2"})
    assert header.index("Ärende") == row1.index("Budget") == row2.index("Taxa")
    assert header.index("Dnr") == row1.index("KS 2025/12") == row2.index("KS 2025/40")


def test_a_converter_cut_agenda_table_is_one_table_with_its_group_heading_as_a_row() -> None:
    (table,) = document_structures(text_pages(PIECES))
    assert table.kind == "agenda"
    assert [r.cells for r in table.rows] == [
        ["", "Beslutsärenden", ""], ["1", "Budget för 2026 och flerårsplan", "KS 2025/12"], ["2", "Taxa", "KS 2025/40"]]


def test_a_table_goes_on_at_the_next_page_top_without_its_header() -> None:
    text = ("Nr    Ärende                  Dnr\n1     Budget                  KS 2025/12\n2     Taxa                    KS 2025/40\n"
            "\nKommunen · Box 1 · 123 45 Orten\n\f"
            "3     Delegationsbeslut       KS 2025/41\n4     Val av ombud            KS 2025/42\n")
    (table,) = document_structures(text_pages(text))
    assert [r.cells[0] for r in table.rows] == ["1", "2", "3", "4"]


# --- a kallelse whose table and label grid pdftotext read one cell per line ---------------------

CELLS = """Kallelse till sammanträde
Byggnadsnämnden

Datum:
Tid:
Plats:

2026-03-10
kl. 13.00
Stadshuset, sal A

Nr

Ärende

Dnr

1

Budget för 2026 och
flerårsplan

BN 2025/12

2

Taxa för bygglov

BN 2025/40

Förslag till beslut
Taxan fastställs.
3

Delegationsbeslut
"""


def test_kallelse_read_one_cell_per_line() -> None:
    doc = sup_parse.parse(CELLS)
    assert doc.kind.value == "kallelse"
    assert (doc.meeting.date, doc.meeting.start, doc.meeting.place) == ("2026-03-10", "13:00", "Stadshuset, sal A")
    assert [(p.number, p.title, p.dnr) for p in doc.paragraphs] == [
        (1, "Budget för 2026 och flerårsplan", "BN 2025/12"), (2, "Taxa för bygglov", "BN 2025/40"),
        (3, "Delegationsbeslut", None)]
    assert doc.paragraphs[1].proposal is not None and doc.paragraphs[1].proposal.items == ["Taxan fastställs."]


def test_numbers_counting_on_line_by_line_are_no_page_numbers() -> None:
    (page,) = text_pages("Ärenden\n\n1\n\nBudget\n\n2\n\nTaxa\n")
    from sup_parse.layout import mark_furniture

    mark_furniture([page])
    assert [x.role for x in page.lines if x.text in {"1", "2"}] == ["body", "body"]


def test_a_lone_page_number_at_a_page_foot_is_still_furniture() -> None:
    pages = text_pages("Text på sidan ett.\n\n1\n\fText på sidan två.\n\n2\n")
    from sup_parse.layout import mark_furniture

    mark_furniture(pages)
    assert [x.role for p in pages for x in p.lines if x.text.strip().isdigit()] == ["footer", "footer"]


# --- label grids flattened ------------------------------------------------------------------------

RUN_ON = [
    pytest.param("DATUM: 2021-12-13 TID: 08.15–11.05 PLATS: Rådhuset",
                 ["DATUM: 2021-12-13", "TID: 08.15–11.05", "PLATS: Rådhuset"], id="capitals"),
    pytest.param("**Datum:** 2026-01-02 **Plats:** Kommunhuset", ["**Datum:** 2026-01-02", "**Plats:** Kommunhuset"],
                 id="bold-labels"),
    pytest.param("Handläggare: Eva Lind · Telefon: 010-12 34 56", ["Handläggare: Eva Lind · Telefon: 010-12 34 56"],
                 id="footer-with-separators-stays"),
    pytest.param("Datum: 2026-01-02      Dnr: KS 2025/12", ["Datum: 2026-01-02      Dnr: KS 2025/12"],
                 id="columns-stay-a-grid-row"),
    pytest.param("Mötet hölls i tid: se nedan", ["Mötet hölls i tid: se nedan"], id="not-opening-on-a-label"),
]


@pytest.mark.parametrize(("raw", "pieces"), RUN_ON)
def test_split_run_on_labels(raw: str, pieces: list[str]) -> None:
    assert split_run_on_labels(raw) == pieces


def test_labels_stacked_over_their_values_pair_in_order() -> None:
    lines = [x for p in text_pages("Datum:\nTid:\nPlats:\n\n2026-03-10\nkl. 13.00\nStadshuset\n") for x in p.lines]
    fields, _ = lines_to_fields(lines)
    assert [(f.key, f.texts) for f in fields] == [
        ("date", ["2026-03-10"]), ("time", ["kl. 13.00"]), ("place", ["Stadshuset"])]


def test_a_people_list_label_is_never_unstacked() -> None:
    lines = [x for p in text_pages("Närvarolista\nBeslutande\n\nAnna Ek (S)\nPer Berg (M)\n") for x in p.lines]
    fields, _ = lines_to_fields(lines)
    assert fields[-1].key == "members" and fields[-1].texts == ["Anna Ek (S)", "Per Berg (M)"]


def test_a_value_column_field_ends_at_a_gap_before_text_at_the_label_column() -> None:
    lines = [x for p in text_pages("Plats     Stadshuset, sal A\n\nFöredragningslista\nVal av justerare\n") for x in p.lines]
    fields, _ = lines_to_fields(lines)
    assert fields[0].texts == ["Stadshuset, sal A"]


def test_a_place_with_the_range_run_into_it() -> None:
    doc = sup_parse.parse("Kommunstyrelsen\nProtokoll\n\nDatum: 2026-01-02\nPlats: Rådhuset, Orten §§ 4-9\n\n"
                          "§ 4 Val av justerare\n\nBeslut\n\nKommunstyrelsen utser Eva Lind.\n")
    assert doc.meeting.place == "Rådhuset, Orten"
    assert (doc.meeting.paragraphs.first, doc.meeting.paragraphs.last) == (4, 9)


def test_a_signing_label_inside_a_run_on_anslag_line() -> None:
    _head, found = split_inline_labels("Stadshuset Underskrift Anna Ek")
    assert [(k, v) for k, _label, v in found] == [("signed_by", "Anna Ek")]
    _head, found = split_inline_labels("Protokollet förvaras i arkivet, underskrift saknas")
    assert found == []


# --- headings, recipients, persons and page headers run together -----------------------------------

def test_a_heading_run_on_into_its_first_sentence() -> None:
    (section,) = split_sections([x for p in text_pages("Förslag till beslut Planen antas.\n") for x in p.lines])
    assert (section.key, section.heading, [x.text for x in section.lines]) == ("proposal", "Förslag till beslut",
                                                                              ["Planen antas."])


def test_a_short_heading_word_before_a_capital_is_no_heading() -> None:
    (section,) = split_sections([x for p in text_pages("Beslut Kommunstyrelsen tog i mars.\n") for x in p.lines])
    assert section.key == "text"


RECIPIENTS = [
    pytest.param("Vård- och omsorgsnämnden Kommunledningskontoret", ["Vård- och omsorgsnämnden", "Kommunledningskontoret"],
                 id="organ-then-department"),
    pytest.param("Kommunfullmäktige Akten Ekonomichefen", ["Kommunfullmäktige", "Akten", "Ekonomichefen"],
                 id="addressees"),
    pytest.param("Sökanden Tekniska nämnden", ["Sökanden", "Tekniska nämnden"], id="two-word-organ"),
    pytest.param("Kommunstyrelsen Kultur- och fritidsnämnden", ["Kommunstyrelsen", "Kultur- och fritidsnämnden"],
                 id="compound-organ"),
    pytest.param("Länsstyrelsen Västra Götaland", ["Länsstyrelsen Västra Götaland"], id="place-in-a-name"),
    pytest.param("Samhällsbyggnadskontoret - Planavdelningen, Akten", ["Samhällsbyggnadskontoret - Planavdelningen", "Akten"],
                 id="dash-part-then-addressee"),
]


@pytest.mark.parametrize(("text", "expected"), RECIPIENTS)
def test_recipients_run_together(text: str, expected: list[str]) -> None:
    assert split_list_entry(text) == expected


PRESENCE = [
    pytest.param("Sara Lundin (S) 116–120", [116, 117, 118, 119, 120], id="after-party"),
    pytest.param("Sara Lundin (S) §§ 116-117", [116, 117], id="with-sign"),
    pytest.param("Sara Lundin 116", None, id="no-bracket-no-list"),
]


@pytest.mark.parametrize(("text", "expected"), PRESENCE)
def test_a_presence_cell_run_into_the_name(text: str, expected: list[int] | None) -> None:
    assert split_person(text).paragraphs == expected


def test_a_page_number_ending_a_header_set_in_one_run() -> None:
    assert printed_page_number("**PROTOKOLL** 2 (32)") == (2, True)
    assert printed_page_number("enligt bilaga 2") is None


def test_a_kind_word_set_after_the_issuer() -> None:
    assert kind_tail("REGION STOCKHOLM Protokoll") == ("protokoll", "REGION STOCKHOLM")
    assert kind_tail("Region Stockholm")[0] is None


def test_a_role_printed_under_a_signer_name() -> None:
    doc = sup_parse.parse("Kommunstyrelsen\nProtokoll\n2026-01-02\n\nDatum: 2026-01-02\nPlats: Stadshuset\n\n"
                          "Vid protokollet\n\nAnna Ek\n\nJusteras\n\nPer Berg (C)\nordförande\n\nEva Lind (S)\n"
                          "protokolljusterare\n\n§ 1 Val av justerare\n\nBeslut\n\nKommunstyrelsen utser Eva Lind.\n")
    assert [(s.role, s.name) for s in doc.signatures] == [
        ("sekreterare", "Anna Ek"), ("ordförande", "Per Berg"), ("justerare", "Eva Lind")]


MARKERS_APART = [
    pytest.param("1.\n2.\n\ngodkänna rapporten per den 31 augusti\n2020\növerlämna rapporten till\nfullmäktige\n",
                 ["godkänna rapporten per den 31 augusti 2020", "överlämna rapporten till fullmäktige"],
                 id="split-after-the-shortest-line-not-on-a-joining-word"),
    pytest.param("1.\n2.\n\natt godkänna rapporten per den 31 augusti\n2020\natt överlämna rapporten\n",
                 ["att godkänna rapporten per den 31 augusti 2020", "att överlämna rapporten"], id="att-starts-items"),
    pytest.param("1.\n\nPlanen antas.\n", ["Planen antas."], id="a-list-of-one"),
]


@pytest.mark.parametrize(("text", "items"), MARKERS_APART)
def test_list_markers_set_apart_from_their_items(text: str, items: list[str]) -> None:
    from sup_parse.extract.common import split_items

    assert split_items([x for p in text_pages(text) for x in p.lines]) == items


def test_a_page_head_repeated_without_page_numbers_splits_pages() -> None:
    page = "ORTENS KOMMUN      PROTOKOLL\nKommunstyrelsen\n" + "".join(f"rad {k} av texten\n" for k in range(9))
    pages = text_pages(page * 3)
    assert [p.number for p in pages] == [1, 2, 3]
    assert all(p.lines[0].text == "ORTENS KOMMUN PROTOKOLL" for p in pages)


def test_a_pair_of_lines_repeated_in_the_body_is_no_page_head() -> None:
    text = "Kommunstyrelsen\nProtokoll\n" + "".join(
        "Beslut\nKommunstyrelsen beslutar att\n" + "".join(f"§ {n} rad {k}\n" for k in range(9)) for n in range(3))
    assert len(text_pages(text)) == 1


def test_a_br_in_a_pipe_cell_is_a_line_of_the_cell() -> None:
    text = markdown_to_text("| **Övriga närvarande:** | Anna Ek (sekreterare)<br>Per Berg (planeringschef) |\n"
                            "| --- | --- |\n| **Justerare:** | Eva Lind |\n")
    rows = [x for x in text.split("\n") if x.strip()]
    assert len(rows) == 3
    assert rows[0].index("Anna Ek") == rows[1].index("Per Berg") == rows[2].index("Eva Lind")


def test_a_labelled_dnr_run_on_after_the_title() -> None:
    from sup_parse.extract.paragraphs import _labelled_dnr

    assert _labelled_dnr("Taxa för bygglov Dnr BN 2025/40") == ("Taxa för bygglov", "BN 2025/40")
    assert _labelled_dnr("Information om dnr-hantering") == ("Information om dnr-hantering", None)


def test_an_official_unit_named_as_a_compound() -> None:
    from sup_parse.extract.people import read_other

    other = read_other("Olof Ek (bygglovshandläggare, vård- och omsorgsförvaltningen)")
    assert other is not None and (other.title, other.unit) == ("bygglovshandläggare", "vård- och omsorgsförvaltningen")


def test_an_address_block_at_a_text_page_foot_is_furniture() -> None:
    from sup_parse.layout import mark_furniture

    pages = text_pages("Tjänsteskrivelse\n\nText om ärendet.\n\nOrtens kommun · Socialförvaltningen · 123 45 ORTEN\n"
                       "Besöksadress: Storgatan 1 · Telefon: 010-123 45 67 · www.orten.se\n")
    mark_furniture(pages)
    assert [x.role for x in pages[0].lines][-2:] == ["footer", "footer"]
    assert pages[0].lines[1].role == "body"


def test_meeting_time_place_and_justering_in_their_common_forms() -> None:
    doc = sup_parse.parse("Kommunstyrelsen\nProtokoll\n2025-10-20\n\nDatum: 2025-10-20\n"
                          "Tid: 08.15–12.10, 13.00–15.00, ajournering 10.00–10.20\n"
                          "Plats: Stadshuset, sal A. Mötet inleddes med en tyst minut.\n\nJusteras den 23 oktober 2025\n\n"
                          "§ 1 Val av justerare\n\nBeslut\n\nKommunstyrelsen utser Eva Lind att justera protokollet.\n\n"
                          "Rätt utdraget intygar\n\nAnna Ek\nnämndsekreterare\n")
    assert (doc.meeting.start, doc.meeting.end, doc.meeting.place) == ("08:15", "15:00", "Stadshuset, sal A")
    assert doc.verification is not None and doc.verification.date == "2025-10-23"
    assert [(s.role, s.name, s.title) for s in doc.signatures] == [("bestyrkande", "Anna Ek", "nämndsekreterare")]


TIMES = [
    pytest.param("kl. 08:15 – 14:20, lunchpaus kl. 11:40-12:40", ("08:15", "14:20"), id="lunch-break"),
    pytest.param("13.00–15.30, ajournering 14.10–14.25", ("13:00", "15:30"), id="adjournment-after"),
    pytest.param("ajournering 14.10–14.25", (None, None), id="adjournment-only"),
    pytest.param("Klockan 13.00", ("13:00", None), id="klockan"),
]


@pytest.mark.parametrize(("text", "expected"), TIMES)
def test_meeting_hours(text: str, expected: tuple[str | None, str | None]) -> None:
    from sup_parse.normalize import parse_time_range

    assert parse_time_range(text) == expected


def test_template_placeholders_are_reported_and_never_values() -> None:
    doc = sup_parse.parse("Tjänsteskrivelse\nSocialförvaltningen\n\nDatum: 2025-03-01\nDiarienummer: «Diarienr»\n"
                          "Handläggare: AnvNamn\n\nTaxa för bygglov\n\nSammanfattning\nTaxan ses över.\n")
    assert doc.header.dnr is None and doc.author is None
    assert doc.header.title == "Taxa för bygglov"
    assert sum(w.code == "template-placeholder" for w in doc.warnings) == 2
