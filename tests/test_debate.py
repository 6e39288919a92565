"""Table-driven tests for the debate extractor: yrkanden, votes, ballots, reservations,
notes, jäv and secrecy (sup_parse/extract/debate.py)."""

from __future__ import annotations

import pytest

from sup_parse import models as m
from sup_parse.extract import debate
from sup_parse.layout import Line, Segment
from sup_parse.structures import find_tables

# --- statements ------------------------------------------------------------------

# (text, [(kind, by, text-after-verb start)])
STATEMENTS = [
    pytest.param("Anna Berg (S) yrkar bifall till kommunstyrelsens förslag.",
                 [("motion", ["Anna Berg"], "bifall till kommunstyrelsens förslag.")], id="one-mover"),
    pytest.param("Anna Berg (S), Per Ek (M) och Eva-Lotta Holm (KD) föreslår att motionen bifalls.",
                 [("motion", ["Anna Berg", "Per Ek", "Eva-Lotta Holm"], "att motionen bifalls.")], id="three-movers"),
    pytest.param("Åsa de Mander (L) och Karin af Klint (M) yrkar på följande tillägg: X.",
                 [("motion", ["Åsa de Mander", "Karin af Klint"], "följande tillägg: X.")], id="particles-yrkar-pa"),
    pytest.param("Ordförande Christopher Rydell (S) yrkar att redovisat deltagande godkänns.",
                 [("motion", ["Christopher Rydell"], "att redovisat deltagande godkänns.")], id="role-before-name"),
    pytest.param("Boris Jernskiegg (-) yrkar avslag.", [("motion", ["Boris Jernskiegg"], "avslag.")], id="independent"),
    pytest.param("A Ek (S) yrkar avslag. Bo Ek (M) yrkar bifall.",
                 [("motion", ["A Ek"], "avslag."), ("motion", ["Bo Ek"], "bifall.")], id="two-statements"),
    pytest.param("Ledamöterna från SD reserverar sig mot beslutet.",
                 [("reservation", ["Ledamöterna från SD"], "mot beslutet.")], id="group-subject"),
    pytest.param("Per Ek (M) lämnar följande skriftliga reservation: Vi anser att X. Därför reserverar vi oss.",
                 [("reservation", ["Per Ek"], ": Vi anser att X. Därför reserverar vi oss.")], id="written-reservation"),
    pytest.param("Eva Holm (C) lämnar följande protokollsanteckning: Text.",
                 [("protokollsanteckning", ["Eva Holm"], ": Text.")], id="note"),
    pytest.param("Eva Holm (C) lämnar ett särskilt yttrande: Text.",
                 [("särskilt yttrande", ["Eva Holm"], ": Text.")], id="sarskilt-yttrande"),
    pytest.param("Kommunfullmäktige beslutade i Alingsås. Anton César (S) föreslår avslag.",
                 [("motion", ["Anton César"], "avslag.")], id="sentence-end-not-in-name"),
    pytest.param("Ordföranden föreslår att proposition ställs.", [], id="chair-without-party-is-no-motion"),
    pytest.param("Förvaltningen föreslår att motionen avslås.", [], id="administration-is-no-motion"),
    pytest.param("Vi moderater reserverar oss mot beslutet.", [], id="we-is-no-subject"),
    pytest.param("", [], id="empty"),
]


@pytest.mark.parametrize(("text", "expected"), STATEMENTS)
def test_find_statements(text: str, expected: list[tuple[str, list[str], str]]) -> None:
    found = debate.find_statements(text)
    assert [(s.kind, s.by, s.text) for s in found] == [(k, b, t.strip()) for k, b, t in expected]


# (statement text, model)
MODELS = [
    pytest.param("A Ek (S) föreslår att motionen bifalls.", m.Motion(by=["A Ek"], text="att motionen bifalls"),
                 id="motion-full-stop-dropped"),
    pytest.param("A Ek (S) föreslår att ärendet återremitteras och finner att nämnden beslutar så.",
                 m.Motion(by=["A Ek"], text="att ärendet återremitteras"), id="motion-without-chairs-ruling"),
    pytest.param("A Ek (S) reserverar sig mot beslutet till förmån för eget yrkande.",
                 m.Reservation(by=["A Ek"], text=None), id="reservation-without-text"),
    pytest.param("A Ek (S) lämnar följande skriftliga reservation: Vi anser. Därför.",
                 m.Reservation(by=["A Ek"], text="Vi anser. Därför."), id="written-reservation-keeps-full-stop"),
    pytest.param("A Ek (S) lämnar följande protokollsanteckning: Vi konstaterar.",
                 m.Note(kind="protokollsanteckning", by=["A Ek"], text="Vi konstaterar."), id="note-text"),
]


@pytest.mark.parametrize(("text", "expected"), MODELS)
def test_statement_to_model(text: str, expected: m.BaseModel) -> None:
    (st,) = debate.find_statements(text)
    assert debate.statement_to_model(st) == expected


# --- vote counts -----------------------------------------------------------------

VOTES = [
    pytest.param("Med 20 ja-röster och 26 nej-röster finner ordföranden att X.", [(20, 26, None, None)], id="ja-roster"),
    pytest.param("Omröstningen utfaller med 43 Ja mot 31 Nej. 5 ledamöter avstår från att rösta. "
                 "2 ledamöter är frånvarande. Hur var och en röstar framgår av bilaga 3.",
                 [(43, 31, 5, 2)], id="utfaller-with-abstain-and-absent"),
    pytest.param("Ja 11, Nej 4, Avstår 2", [(11, 4, 2, None)], id="label-before-number"),
    pytest.param("31 ja-röster mot 28 nej-röster, 2 avstår", [(31, 28, 2, None)], id="mot-then-avstar"),
    pytest.param("Med 6 ja-röster och 7 nej-röster … Med 2 ja-röster och 11 nej-röster …",
                 [(6, 7, None, None), (2, 11, None, None)], id="two-votes"),
    pytest.param("Omröstning begärs. Ja-röst för bifall till X. Nej-röst för bifall till Y.", [], id="proposition-no-counts"),
    pytest.param("Budgeten ökar med 13,5 mnkr.", [], id="no-vote"),
]


@pytest.mark.parametrize(("text", "expected"), VOTES)
def test_find_votes(text: str, expected: list[tuple[int, int, int | None, int | None]]) -> None:
    assert [(v.yes, v.no, v.abstain, v.absent) for v in debate.find_votes(text)] == expected


# --- ballot tables ---------------------------------------------------------------

def row(top: float, *cells: tuple[float, str]) -> Line:
    segs = [Segment(text=t, x0=x, x1=x + 6 * len(t)) for x, t in cells]
    return Line(text=" ".join(t for _, t in cells), page=6, top=top, bottom=top + 10, x0=segs[0].x0, x1=segs[-1].x1,
                segments=segs)


TABLE = [
    row(100, (76, "Ledamot"), (389, "Ja"), (444, "Nej"), (487, "Avstår")),
    row(114, (76, "Linda Espeving (M), ordförande"), (449, "X")),
    row(128, (76, "Sebastian Aronsson (S), vice ordförande"), (392, "X")),
    row(142, (76, "Boris Jernskiegg (-), ledamot"), (492, "X")),
    row(156, (76, "Kim Nord (SD), ersättare")),
    row(170, (76, "Resultat"), (392, "1"), (449, "1"), (492, "1")),
]


def ballot_tables(lines: list[Line]) -> list[debate.BallotTable]:
    return [debate.ballots_from(t) for t in find_tables(lines) if t.kind == "votes"]


def test_read_ballots_columns_by_position() -> None:
    (table,) = ballot_tables(TABLE)
    assert table.ballots == [
        m.Ballot(name="Linda Espeving", party="M", vote="nej"),
        m.Ballot(name="Sebastian Aronsson", party="S", vote="ja"),
        m.Ballot(name="Boris Jernskiegg", party=None, vote="avstår"),
        m.Ballot(name="Kim Nord", party="SD", vote=None),
    ]
    assert table.totals == {"ja": 1, "nej": 1, "avstår": 1}


def test_table_total_row_fills_counts_only_when_it_agrees() -> None:
    (table,) = ballot_tables(TABLE)
    agreeing = m.Vote(yes=1, no=1)
    debate.attach_table(agreeing, table)
    assert (agreeing.abstain, len(agreeing.ballots)) == (1, 4)
    disagreeing = m.Vote(yes=2, no=0)
    debate.attach_table(disagreeing, table)
    assert disagreeing.abstain is None


def test_table_without_text_counts() -> None:
    (table,) = ballot_tables(TABLE)
    vote = debate.table_to_vote(table)
    assert (vote.yes, vote.no, vote.abstain, vote.absent) == (1, 1, 1, None)


def test_no_header_no_table() -> None:
    assert ballot_tables(TABLE[1:]) == []


def test_list_ballots() -> None:
    text = "Följande ledamöter röstar Ja: Anna Berg (S), Per Ek (M). Följande ledamöter röstar Nej: Eva Holm (C)."
    assert [(b.name, b.party, b.vote) for b in debate.list_ballots(text)] == [
        ("Anna Berg", "S", "ja"), ("Per Ek", "M", "ja"), ("Eva Holm", "C", "nej")]


# --- jäv, secrecy, immediate ------------------------------------------------------

RECUSED = [
    pytest.param("Thure Sandén (M) deltar inte i handläggningen av ärendet på grund av jäv.", ["Thure Sandén"], id="jav"),
    pytest.param("Anna Berg (S) anmäler jäv och lämnar lokalen. Per Ek (M) yrkar bifall.", ["Anna Berg"], id="only-that-sentence"),
    pytest.param("Per Ek (M) yrkar bifall.", [], id="no-jav"),
]


@pytest.mark.parametrize(("text", "expected"), RECUSED)
def test_find_recused(text: str, expected: list[str]) -> None:
    assert debate.find_recused(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Protokoll för ärende om tillsyn publiceras inte i sin helhet på webbsidan.", True, id="publiceras-inte"),
    pytest.param("• Borttagen på grund av sekretess.", True, id="borttagen"),
    pytest.param("Beslutet publiceras på kommunens webbplats.", False, id="published"),
])
def test_is_restricted(text: str, expected: bool) -> None:
    assert debate.is_restricted(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Protokollet under denna paragraf förklaras omedelbart justerat.", True, id="forklaras"),
    pytest.param("Paragrafen justeras omedelbart.", True, id="justeras-omedelbart"),
    pytest.param("Paragrafen är justerad", False, id="status-line-is-not-immediate"),
])
def test_is_immediate(text: str, expected: bool) -> None:
    assert debate.is_immediate(text) is expected


def test_starts_statement_only_at_start() -> None:
    assert debate.starts_statement("Heidi Hankanen Ängberg (C) föreslår följande tillägg:")
    assert not debate.starts_statement("Lokalförsörjningsplanen antas.")
