"""Table-driven tests for sup_parse.extract.front: run-on attendance, open-ended §§,
politicians among "övriga närvarande", officials' units, several names under one signature."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from helpers import text_lines

from sup_parse import models as m
from sup_parse.blocks import lines_to_fields
from sup_parse.extract.front import read_meeting, read_signatures, verification_in_text
from sup_parse.extract.people import read_people, split_run_on


@dataclass
class Front:
    meeting: m.Meeting
    attendance: m.Attendance
    signatures: list[m.Signature]
    recusals: list[tuple[str, list[int]]]


def front(text: str) -> Front:
    """The front-matter readers on ``text``, as the protocol extractors call them."""
    fields, _ = lines_to_fields(text_lines(text))
    meeting = read_meeting(fields)
    rng = meeting.paragraphs
    people = read_people(fields, [], (rng.first, rng.last) if rng else None)
    return Front(meeting, people.attendance, read_signatures(fields), people.recusals)


RUN_ON = [
    pytest.param("Anna Ek (S), ordförande Bo Ström (M) Cia Lund (C)",
                 ["Anna Ek (S), ordförande", "Bo Ström (M)", "Cia Lund (C)"], id="three-people"),
    pytest.param("Eva Berg (M) tjänstgör för Per Holm (M) Lisa Ås (V)",
                 ["Eva Berg (M) tjänstgör för Per Holm (M)", "Lisa Ås (V)"], id="substitute-stays-with-entry"),
    pytest.param("Kim Vik (SD) till kl. 11.40 § 100 Ola Dahl (SD) ersätter Kim Vik (SD) från kl. 12.40 §§ 101-108",
                 ["Kim Vik (SD) till kl. 11.40 § 100", "Ola Dahl (SD) ersätter Kim Vik (SD) från kl. 12.40 §§ 101-108"],
                 id="times-and-paragraphs"),
    pytest.param("Jan Ek (S) §§ 99-110 ersätter Stina Bo (S)", ["Jan Ek (S) §§ 99-110 ersätter Stina Bo (S)"],
                 id="one-person-unchanged"),
    pytest.param("Maria Holm, kommundirektör", ["Maria Holm, kommundirektör"], id="no-party-unchanged"),
]


@pytest.mark.parametrize(("text", "entries"), RUN_ON)
def test_split_run_on(text: str, entries: list[str]) -> None:
    assert split_run_on(text) == entries


def test_run_on_members_with_open_ended_paragraphs() -> None:
    r = front(
        "Beslutande\n"
        "Anna Ek (S), ordförande Kim Vik (SD) till kl. 11.40 § 12 Ola Dahl (SD) tjänstgör för Kim Vik (SD) "
        "från kl. 12.40 § 13\n"
        "Paragrafer\n10-14\n"
    )
    got = [(x.name, x.role, x.substitute_for, x.paragraphs) for x in r.attendance.members]
    assert got == [
        ("Anna Ek", "ordförande", None, None),
        ("Kim Vik", None, None, [10, 11, 12]),
        ("Ola Dahl", "tjänstgörande ersättare", "Kim Vik", [13, 14]),
    ]


def test_party_people_among_others_are_substitutes() -> None:
    r = front("Övriga närvarande\nLisa Ås (V) Tor Blom (L) till kl. 11.40\nMaria Holm, kommundirektör\n")
    assert [(s.name, s.party) for s in r.attendance.substitutes] == [("Lisa Ås", "V"), ("Tor Blom", "L")]
    assert [o.name for o in r.attendance.others] == ["Maria Holm"]


OTHERS = [
    pytest.param("Eva Ek, Administrativ chef, §§ 29–30", ("Eva Ek", "Administrativ chef", None), id="paragraphs-dropped"),
    pytest.param("Ida Lund, verksamhetschef,\nkommunstyrelsens förvaltning\n§§ 131-160",
                 ("Ida Lund", "verksamhetschef", "kommunstyrelsens förvaltning"), id="unit-wrapped-then-paragraphs"),
    pytest.param("Hans Ås, planeringschef,\nGrannby kommun §§ 1-5", ("Hans Ås", "planeringschef", "Grannby kommun"),
                 id="line-ending-in-comma-continues"),
    pytest.param("Ragna Berg, Ordförande Lärarförbundet", ("Ragna Berg", "Ordförande", "Lärarförbundet"),
                 id="role-then-organisation"),
    pytest.param("Jennie Ek (punkt A, samhällsbyggnadsförvaltningen, tf VA-chef) §94",
                 ("Jennie Ek", "tf VA-chef", "samhällsbyggnadsförvaltningen"), id="agenda-note-unit-first"),
    pytest.param("Joel Karl (punkt B-C, exploateringsingenjör) §94", ("Joel Karl", "exploateringsingenjör", None),
                 id="agenda-range-note"),
    pytest.param("Anita Ek (S) (ordförande kommunrevisionen) §52", ("Anita Ek", "ordförande", "kommunrevisionen"),
                 id="position-then-unit-in-one-bracket"),
    pytest.param("Erik Olsson (enhetschef planeringsenheten)", ("Erik Olsson", "enhetschef", "planeringsenheten"),
                 id="chief-of-unit"),
    pytest.param("Ulrika Ek (kommunsekreterare)", ("Ulrika Ek", "kommunsekreterare", None), id="bracketed-title"),
]


@pytest.mark.parametrize(("text", "expected"), OTHERS)
def test_others(text: str, expected: tuple[str, str | None, str | None]) -> None:
    r = front("Övriga närvarande\n" + text + "\n")
    o = r.attendance.others[0]
    assert (o.name, o.title, o.unit) == expected


def test_two_chairs_under_one_label() -> None:
    r = front("Ordförande:   Anna Ek §§ 1–4, Bo Ström § 5\n")
    assert [(s.role, s.name) for s in r.signatures] == [("ordförande", "Anna Ek"), ("ordförande", "Bo Ström")]


def test_roles_by_paragraph_and_not_serving() -> None:
    r = front(
        "Ledamöter\n"
        "Per Ek (M), Ordförande deltar ej §§ 3, 5-6 p.g.a. jäv\n"
        "Eva Lind (C), vice ordförande §§ 1-2, 4, 7, ordförande §§ 3, 5-6\n"
        "Bo Ås (S) §§ 1-6\n"
    )
    got = {x.name: (x.role, x.paragraphs) for x in r.attendance.members}
    assert got["Per Ek"] == ("ordförande", [1, 2, 4, 7])
    assert got["Eva Lind"] == ("vice ordförande", None)
    assert got["Bo Ås"] == (None, [1, 2, 3, 4, 5, 6])
    assert r.recusals == [("Per Ek", [3, 5, 6])]


JUSTERING_SENTENCES = [
    pytest.param("Förste vice ordföranden Håkan Ek (V) justerar dagens protokoll tillsammans med ordföranden "
                 "Aslan Berg (S) på Stadshuset, Gustaf Adolfs Torg 1, tisdagen den 16 december 2025, klockan 9:30.",
                 ("Stadshuset, Gustaf Adolfs Torg 1", "2025-12-16"), id="place-and-date"),
    pytest.param("Protokollet justeras den 3 mars 2024.", (None, "2024-03-03"), id="date-only"),
    pytest.param("Nämnden justerar taxan från den 1 januari 2025.", None, id="not-about-the-protocol"),
    pytest.param("Kommunfullmäktige beslutade den 6 november 2024.", None, id="no-justering"),
]


@pytest.mark.parametrize(("text", "expected"), JUSTERING_SENTENCES)
def test_verification_in_text(text: str, expected: tuple[str | None, str] | None) -> None:
    v = verification_in_text(text)
    assert (None if v is None else (v.place, v.date)) == expected


def test_attendance_in_two_columns_under_a_label_beside_another_field(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """"Ledamöter | Tjänstgörande ersättare" set as two columns in the value area of one
    label, the right column under the x of a field above ("Plats"); names wrap with a
    hanging indent, and the columns stand close enough to run into one segment."""
    from reportlab.pdfgen.canvas import Canvas

    import sup_parse

    path = tmp_path / "front.pdf"
    c = Canvas(str(path), invariant=1)
    c.setFont("Helvetica", 11)
    y = 780
    rows = [((60, "Kommunfullmäktige"),), ((60, "Protokoll"),), ((60, "Datum:"), (170, "2023-10-03")),
            ((60, "Tid:"), (170, "18:15-20:25"), (300, "Plats:"), (378, "Stadshuset")),
            ((60, "Ledamöter:"), (170, "Ledamöter"), (378, "Tjänstgörande ersättare")),
            ((170, "Olof Löfgren (KD)"), (378, "Maria Lindström (SD)")),
            ((178, "(ordförande)"), (386, "ersätter Kerstin Ek (SD)")),
            ((170, "Carl-Henrik Lundberg"), (378, "Sören Larsson Utter")),
            ((178, "Björk (M)"), (386, "(SD) ersätter Per Berg (SD)")),
            ((170, "Anna Jönsson (M) (1:e vice ordförande)"),)]
    for row in rows:
        for x, text in row:
            c.drawString(x, y, text)
        y -= 14
    c.drawString(60, y - 30, "§ 58")
    c.drawString(60, y - 44, "Val av justerare")
    c.save()
    doc = sup_parse.parse(path)
    assert doc.meeting.place == "Stadshuset"
    assert [(x.name, x.party, x.substitute_for) for x in doc.attendance.members] == [
        ("Olof Löfgren", "KD", None), ("Carl-Henrik Lundberg Björk", "M", None), ("Anna Jönsson", "M", None),
        ("Maria Lindström", "SD", "Kerstin Ek"), ("Sören Larsson Utter", "SD", "Per Berg")]


@pytest.mark.parametrize(("lines", "place", "paragraphs"), [
    pytest.param(["PLATS", "Rådhuset, Kiruna", "", "§§ 98-125"], "Rådhuset, Kiruna", (98, 125), id="range-under-the-place"),
    pytest.param(["Plats och tid  Kommunhuset, sal A", "               kl 08:00 - 11:15", "", "               §§ 376-396"],
                 "Kommunhuset, sal A", (376, 396), id="range-under-place-and-time"),
])
def test_a_bare_range_under_the_meeting_is_its_paragraphs(lines: list[str], place: str, paragraphs: tuple[int, int]) -> None:
    from sup_parse import parse

    doc = parse("Kommunstyrelsen\nProtokoll\n\n" + "\n".join(lines) + "\n\nJusterare  Anna Ek\n\n§ 98\nVal av justerare\n")
    assert doc.meeting.place == place
    assert doc.meeting.paragraphs is not None and (doc.meeting.paragraphs.first, doc.meeting.paragraphs.last) == paragraphs


def test_a_page_that_goes_on_with_a_paragraph_and_closes_with_signatures() -> None:
    """The last § runs onto a page that ends with the signatures: the § keeps its text, the
    signatures are read, and the § lines are not read as the signers' values."""
    from sup_parse import parse

    text = ("Kommunstyrelsen\nProtokoll\nDatum: 2021-04-26\nParagrafer: §§ 84–85\n\n§ 84\nVal av justerare\n\n"
            "§ 85\nBudget\n\nBeslut\n- att anta budgeten\n\f"
            "Beslutet skickas till\nEkonomiavdelningen\n\n"
            "Sekreterare           ..............................\n                      Camilla Bergström\n\n"
            "Ordförande            ..............................\n                      Linda Holmgren\n")
    doc = parse(text)
    last = doc.paragraphs[-1]
    assert last.recipients == ["Ekonomiavdelningen"]
    assert [(s.role, s.name) for s in doc.signatures] == [("sekreterare", "Camilla Bergström"), ("ordförande", "Linda Holmgren")]
