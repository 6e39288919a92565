"""Page structures: tables found by their header row, read column by column."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import text_lines

from sup_parse.extract import debate
from sup_parse.sources.text import text_pages
from sup_parse.structures import document_structures, find_tables, header_columns

PEOPLE = """Närvarolista

Namn                 Parti   Roll              Ersätter          Närvarande §§
Anna Ek              S       ordförande
Per Berg             M                                           §§ 12-13
Åsa Öhman            C       tjänstgörande     Eva Lind
                             ersättare
Karl Holm            KD
Detta är en mening som löper över hela sidan och som inte hör till tabellen.
"""


def test_people_table_with_a_wrapped_cell_and_a_sentence_after_it() -> None:
    (table,) = find_tables(text_lines(PEOPLE))
    assert table.kind == "people"
    assert table.keys() == ["name", "party", "role", "substitute_for", "paragraphs"]
    assert [r.cells for r in table.rows] == [
        ["Anna Ek", "S", "ordförande", "", ""],
        ["Per Berg", "M", "", "", "§§ 12-13"],
        ["Åsa Öhman", "C", "tjänstgörande ersättare", "Eva Lind", ""],
        ["Karl Holm", "KD", "", "", ""],
    ]
    assert table.cell(table.rows[2], "substitute_for") == "Eva Lind"


def test_votes_listed_under_each_option() -> None:
    text = "Ja                  Nej                 Avstår\nAnna Ek (S)         Per Berg (M)        Karl Holm (KD)\nEva Lind (C)\n"
    (table,) = find_tables(text_lines(text))
    ballots = debate.ballots_from(table).ballots
    assert [(b.name, b.party, b.vote) for b in ballots] == [
        ("Anna Ek", "S", "ja"), ("Per Berg", "M", "nej"), ("Karl Holm", "KD", "avstår"), ("Eva Lind", "C", "ja")]


def test_agenda_table() -> None:
    text = "Nr    Ärende                                  Dnr\n1     Val av justerare\n2     Budget 2026 för                         KS 2025/071\n      kommunstyrelsen\n"
    (table,) = find_tables(text_lines(text))
    assert table.kind == "agenda"
    assert [r.cells for r in table.rows] == [["1", "Val av justerare", ""],
                                             ["2", "Budget 2026 för kommunstyrelsen", "KS 2025/071"]]


@pytest.mark.parametrize("line", [
    "Ja, nämnden beslutar att avslå yrkandet om namn och parti.",
    "Namn och parti anges i bilagan.",
    "Nej",
    "Ärende 5 Dnr 2025/12",
])
def test_running_text_is_no_header(line: str) -> None:
    (only,) = text_lines(line + "\n")
    assert header_columns(only) is None


def test_table_runs_on_over_a_page_break() -> None:
    text = "Ledamot            Ja    Nej\nAnna Ek (S)        X\n\fPer Berg (M)             X\nSumma              1     1\n"
    (table,) = document_structures(text_pages(text))
    result = debate.ballots_from(table)
    assert [(b.name, b.vote) for b in result.ballots] == [("Anna Ek", "ja"), ("Per Berg", "nej")]
    assert result.totals == {"ja": 1, "nej": 1}


def test_a_ruled_table_is_cut_at_its_ruling_lines(tmp_path: Path) -> None:
    """Cells set close together are parted by the ruling line between them."""
    from reportlab.pdfgen.canvas import Canvas

    import sup_parse
    from sup_parse.pipeline import run_stages

    path = tmp_path / "ruled.pdf"
    c = Canvas(str(path), invariant=1)
    c.setFont("Helvetica", 10)
    xs = [60, 170, 200, 300]  # columns Namn | Parti | Roll, 3–10 pt between a cell's text and the next
    rows = [("Namn", "Parti", "Roll"), ("Anna Ekholm-Svensson", "S", "ordförande"), ("Per Berg", "MP", "ledamot")]
    y = 700
    for row in rows:
        for x, text in zip(xs, row, strict=False):
            c.drawString(x + 2, y, text)
        y -= 16
    for x in xs:
        c.line(x, 712, x, y + 12)
    c.save()
    st = run_stages(path)
    (table,) = st.structures
    assert table.ruled and [r.cells for r in table.rows] == [["Anna Ekholm-Svensson", "S", "ordförande"],
                                                             ["Per Berg", "MP", "ledamot"]]
    assert sup_parse.parse(path) is not None


def test_a_ruled_agenda_row_with_a_merged_cell_goes_on(tmp_path: Path) -> None:
    """A row whose rule between Ärende and Dnr is missing (the item's proposal set across
    both) stays in the title cell and keeps the table going; a section heading inside the
    title column is the cell's, not the end of the table."""
    from reportlab.pdfgen.canvas import Canvas

    import sup_parse

    path = tmp_path / "agenda.pdf"
    c = Canvas(str(path), invariant=1)
    c.setFont("Helvetica", 11)
    c.drawString(60, 780, "Kallelse")
    c.drawString(60, 760, "Byggnadsnämnden")
    left, inner, right = 50, [90, 400], 540
    rows = [("Nr", "Ärende", "Dnr", None), ("1", "Budget 2026", "BN 2025/12", None),
            ("2", "Taxa för bygglov", "BN 2025/40", ["Förslag till beslut",
                                                     "Taxan för bygglov enligt bilagan fastställs från och med den 1 januari 2026."]),
            ("3", "Delegationsbeslut", "", None)]
    y = 700
    for number, title, dnr, under in rows:
        top = y + 14
        c.drawString(left + 4, y, number)
        c.drawString(inner[0] + 4, y, title)
        c.drawString(inner[1] + 4, y, dnr)
        c.line(left, top, left, y - 4)
        c.line(right, top, right, y - 4)
        for x in inner:
            c.line(x, top, x, y - 4)
        for text in under or []:
            y -= 16
            c.drawString(inner[0] + 4, y, text)
            c.line(left, y + 12, left, y - 4)
            c.line(inner[0], y + 12, inner[0], y - 4)
            c.line(right, y + 12, right, y - 4)
        y -= 20
    c.save()
    doc = sup_parse.parse(path)
    assert [(p.number, p.title, p.dnr) for p in doc.paragraphs] == [
        (1, "Budget 2026", "BN 2025/12"), (2, "Taxa för bygglov", "BN 2025/40"), (3, "Delegationsbeslut", None)]
    proposal = doc.paragraphs[1].proposal
    assert proposal is not None and proposal.items == [
        "Taxan för bygglov enligt bilagan fastställs från och med den 1 januari 2026."]


LETTERHEAD = """\
HÄRNÖSANDS KOMMUN                              TJÄNSTESKRIVELSE
Kommunstyrelseförvaltningen                    24 januari 2023
Örjan Sebestyén                                Dnr.
Utredare                                       KS/2023/0036/0637
0611-34 28 35

Budget 2024 och verksamhetsplan 2024–2026 för kommunstyrelsen och dess förvaltning
"""


def test_a_letterhead_in_two_columns_is_read_column_by_column() -> None:
    from sup_parse.structures import find_columns, read_columns

    lines = text_lines(LETTERHEAD)
    (run,) = find_columns(lines)
    assert [x.text for x in run.left()] == ["HÄRNÖSANDS KOMMUN", "Kommunstyrelseförvaltningen", "Örjan Sebestyén",
                                            "Utredare", "0611-34 28 35"]
    assert [x.text for x in run.right()] == ["TJÄNSTESKRIVELSE", "24 januari 2023", "Dnr.", "KS/2023/0036/0637"]
    assert [x.text for x in read_columns(lines)][-1].startswith("Budget 2024")


def test_a_letterhead_in_columns_gives_author_and_dnr() -> None:
    import sup_parse

    doc = sup_parse.parse(LETTERHEAD + "\nFörslag till beslut\nBudgeten antas.\n")
    assert doc.header.dnr == "KS/2023/0036/0637" and doc.header.date == "2023-01-24"
    assert doc.author is not None and (doc.author.name, doc.author.title, doc.author.phone) == (
        "Örjan Sebestyén", "Utredare", "0611-34 28 35")


@pytest.mark.parametrize("text", [
    # labels left of their values: a label grid, read by rows
    "Datum:                 2016-06-02\nHandläggare:           Sofia Fransson\nDnr:                   2016.484 TN\n"
    "Mottagare:             Tekniska nämnden\n",
    # a sentence runs across where the right column would start
    "Anna Ek                         Per Berg\nOrdförande                      Sekreterare\n"
    "Detta är en mening som löper över hela sidans bredd och förbi den andra kolumnen.\nKarl Holm                       Eva Lind\n",
])
def test_no_text_columns(text: str) -> None:
    from sup_parse.structures import find_columns

    assert find_columns(text_lines(text)) == []


def test_a_label_over_a_people_table_is_no_header_and_the_names_go_on() -> None:
    """"Närvarande ledamöter" holds two column words but is the list's label; a name cell
    that ends in "tjänstgör för" goes on in the row below."""
    import sup_parse

    text = ("Kommunstyrelsen\nProtokoll\nDatum: 2024-09-10\nParagrafer: 287-290\n\nNärvarande ledamöter\n"
            "Namn                                  Parti        Roll\n"
            "José Holm-Ek                          S            ordförande\n"
            "Maria Björk ej § 289                  SD           ledamot\n"
            "Magnus af Klercker tjänstgör för      C            tjänstgörande ersättare\n"
            "Niklas Hankanen Ängberg\n\n§ 287\nVal av justerare\n")
    lines = text_lines(text)
    assert all(header_columns(x) is None for x in lines if x.text == "Närvarande ledamöter")
    doc = sup_parse.parse(text)
    assert [(x.name, x.party, x.substitute_for) for x in doc.attendance.members] == [
        ("José Holm-Ek", "S", None), ("Maria Björk", "SD", None), ("Magnus af Klercker", "C", "Niklas Hankanen Ängberg")]
