"""Table-driven tests for sup_parse.normalize: dates, times, § ranges, people, joined lines.

Expected values follow ../shared/spec/output-contract.md (value conventions) and the
forms listed in ../shared/spec/vocabulary.md.  A case the code gets wrong is kept with
the right expectation and marked ``xfail(strict=True)`` so that the fix flips it.
"""

from __future__ import annotations

import pytest

from sup_parse.normalize import (
    join_lines,
    parse_date,
    parse_paragraph_list,
    parse_paragraph_range,
    parse_time_range,
    split_person,
)

# --- parse_date ------------------------------------------------------------------

DATES = [
    pytest.param("2019-08-07", False, "2019-08-07", id="iso"),
    pytest.param("1996-03-12", False, "1996-03-12", id="iso-older"),
    pytest.param("7 augusti 2019", False, "2019-08-07", id="day-month-word"),
    pytest.param("7 AUGUSTI 2019", False, "2019-08-07", id="month-word-upper"),
    pytest.param("den 12 augusti 2019", False, "2019-08-12", id="den-day-month"),
    pytest.param("onsdagen den 5 mars 2025", False, "2025-03-05", id="weekday-den"),
    pytest.param("måndagen den 1 jan. 2024", False, "2024-01-01", id="weekday-month-abbrev"),
    pytest.param("1:a maj 2024", False, "2024-05-01", id="ordinal-suffix"),
    pytest.param("12.3.1996", False, "1996-03-12", id="dotted-dmy"),
    pytest.param("2019/08/07", False, "2019-08-07", id="slashed-ymd"),
    pytest.param("960312", True, "1996-03-12", id="compact-yymmdd"),
    pytest.param("190807", True, "2019-08-07", id="compact-2000s"),
    pytest.param("960312", False, None, id="compact-needs-flag"),
    pytest.param("Protokoll 190807", False, None, id="compact-in-text-needs-flag"),
    pytest.param("2019-02-30", False, None, id="invalid-iso-feb-30"),
    pytest.param("2019-13-01", False, None, id="invalid-iso-month-13"),
    pytest.param("31.2.2020", False, None, id="invalid-dotted"),
    pytest.param("30 februari 2019", False, None, id="invalid-month-word"),
    pytest.param("991332", True, None, id="invalid-compact"),
    pytest.param("Sammanträdesrum Bollmora, kommunhuset", False, None, id="no-date"),
    pytest.param("§ 123456", True, None, id="digits-not-a-date"),
    pytest.param("", False, None, id="empty"),
    pytest.param(None, False, None, id="none"),
    pytest.param("Tid: 2025-05-06, klockan 18:34-21:42", False, "2025-05-06", id="date-before-time"),
    pytest.param("Kommunkansliet 2019-08-12", False, "2019-08-12", id="date-after-place"),
    pytest.param("godkändes 2013-04-29 och 2019-08-07", False, "2013-04-29", id="first-of-two"),
]


@pytest.mark.parametrize(("text", "compact", "expected"), DATES)
def test_parse_date(text: str | None, compact: bool, expected: str | None) -> None:
    assert parse_date(text, compact=compact) == expected


# --- parse_time_range ------------------------------------------------------------

TIMES = [
    pytest.param("13.00", ("13:00", None), id="dot"),
    pytest.param("13:00", ("13:00", None), id="colon"),
    pytest.param("13:00–13:35", ("13:00", "13:35"), id="range-en-dash"),
    pytest.param("13.00-13.35", ("13:00", "13:35"), id="range-hyphen"),
    pytest.param("kl. 18:30-21:05", ("18:30", "21:05"), id="kl-dot-range"),
    pytest.param("kl 13", ("13:00", None), id="kl-hour-only"),
    pytest.param("kl 13.30", ("13:30", None), id="kl-hour-minute"),
    pytest.param("klockan 9", ("09:00", None), id="klockan-single-digit"),
    pytest.param("klockan 09.00 – 11.30", ("09:00", "11:30"), id="klockan-spaced-dash"),
    pytest.param("Kl. 13.00 - 16.00", ("13:00", "16:00"), id="Kl-capital"),
    pytest.param("kl. 8.15–11.40", ("08:15", "11:40"), id="one-digit-hour"),
    pytest.param("13.00 till 15.30", ("13:00", "15:30"), id="till"),
    pytest.param("Tid kl. 09.00–11.30; ajournering", ("09:00", "11:30"), id="range-then-semicolon"),
    pytest.param("Tid: 2025-05-06, klockan 18:34-21:42", ("18:34", "21:42"), id="after-date"),
    pytest.param("2019-08-07 kl. 13.00", ("13:00", None), id="iso-date-then-time"),
    pytest.param("2019-08-07", (None, None), id="date-is-not-time"),
    pytest.param("Sammanträdesrum Bollmora, kommunhuset", (None, None), id="no-time"),
    pytest.param("§ 13", (None, None), id="para-number-not-time"),
    pytest.param("13,00", (None, None), id="decimal-not-time"),
    pytest.param("", (None, None), id="empty"),
    pytest.param(None, (None, None), id="none"),
    pytest.param(
        "kl. 13.00–15.30, ajournering kl. 15.10–15.25", ("13:00", "15:30"), id="range-then-comma",
    ),
    pytest.param(
        "kl. 13.30, Kommunhuset", ("13:30", None), id="kl-time-then-comma",
    ),
    pytest.param(
        "13.30, Kommunhuset", ("13:30", None), id="bare-time-then-comma",
    ),
]


@pytest.mark.parametrize(("text", "expected"), TIMES)
def test_parse_time_range(text: str | None, expected: tuple[str | None, str | None]) -> None:
    assert parse_time_range(text) == expected


# --- § ranges and lists ----------------------------------------------------------

RANGES = [
    pytest.param("58–71", (58, 71), id="bare-en-dash"),
    pytest.param("§§ 58-71", (58, 71), id="double-sign"),
    pytest.param("Paragrafer 58–71", (58, 71), id="label-bare"),
    pytest.param("Paragrafer §§1-3", (1, 3), id="label-signs-no-space"),
    pytest.param("§ 23-§ 30", (23, 30), id="sign-each-end"),
    pytest.param("§116", (116, 116), id="single-no-space"),
    pytest.param("§ 60", (60, 60), id="single"),
    pytest.param("§§ 131-136, 138-162, 165", (131, 165), id="several-ranges"),
    pytest.param("§§ 12 till 19", (12, 19), id="till"),
    pytest.param("", None, id="empty"),
    pytest.param(None, None, id="none"),
    pytest.param("Se närvarolista", None, id="no-numbers"),
]


@pytest.mark.parametrize(("text", "expected"), RANGES)
def test_parse_paragraph_range(text: str | None, expected: tuple[int, int] | None) -> None:
    assert parse_paragraph_range(text) == expected


PARAGRAPH_LISTS = [
    pytest.param("§§ 58-71", list(range(58, 72)), id="range"),
    pytest.param("§ 23-§ 30", list(range(23, 31)), id="sign-each-end"),
    pytest.param("§116", [116], id="single"),
    pytest.param("Paragrafer §§1-3", [1, 2, 3], id="label-signs"),
    pytest.param("§§ 131-136, 138-162, 165", list(range(131, 137)) + list(range(138, 163)) + [165], id="ranges-and-single"),
    pytest.param("§ 12 och 14", [12, 14], id="och"),
    pytest.param("§§ 12–19, § 112", list(range(12, 20)) + [112], id="range-and-single"),
    pytest.param("", [], id="empty"),
    pytest.param(None, [], id="none"),
    pytest.param("Se närvarolista", [], id="no-numbers"),
    pytest.param(
        "§ 12, 14 och 16", [12, 14, 16], id="number-then-comma",
    ),
    pytest.param(
        "§§ 5, 7-9", [5, 7, 8, 9], id="single-then-comma-then-range",
    ),
    pytest.param(
        "§ 71-58", [], id="backwards-range",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PARAGRAPH_LISTS)
def test_parse_paragraph_list(text: str | None, expected: list[int]) -> None:
    assert parse_paragraph_list(text) == expected


# --- split_person ----------------------------------------------------------------

# (text, name, party, roles, substitute_for, substitute_party, paragraphs)
PEOPLE = [
    pytest.param("Anita Mattsson (S), ordförande", "Anita Mattsson", "S", ("ordförande",), None, None, None,
                 id="party-comma-role"),
    pytest.param("Mats Lindblom (L), 1:e vice ordförande", "Mats Lindblom", "L", ("1:e vice ordförande",), None, None, None,
                 id="first-vice-chair"),
    pytest.param("Anna Andersson (KD), vice ordf.", "Anna Andersson", "KD", ("vice ordförande",), None, None, None,
                 id="abbreviated-role"),
    pytest.param("Lars Ek (SD), ledamot", "Lars Ek", "SD", (), None, None, None, id="ledamot-is-no-role"),
    pytest.param("Maria Lind (S), tf ordförande", "Maria Lind", "S", ("tf ordförande",), None, None, None, id="tf-chair"),
    pytest.param("Fredrik Bergkuist (M), tjänstgörande ersättare för Ulrica Riis-Pedersen (C)",
                 "Fredrik Bergkuist", "M", ("tjänstgörande ersättare",), "Ulrica Riis-Pedersen", "C", None,
                 id="tjanstgorande-ersattare-for"),
    pytest.param("Luzaan Eisa (S) ersätter Roger Andersson (S)", "Luzaan Eisa", "S", ("tjänstgörande ersättare",),
                 "Roger Andersson", "S", None, id="ersatter"),
    pytest.param("Anna Svensson (S) tjänstgör för Per Olsson (S)", "Anna Svensson", "S", ("tjänstgörande ersättare",),
                 "Per Olsson", "S", None, id="tjanstgor-for"),
    pytest.param("Lisa Mark (S) ersättare för Olle Eng (S)", "Lisa Mark", "S", ("tjänstgörande ersättare",),
                 "Olle Eng", "S", None, id="ersattare-for"),
    pytest.param("Eva Netterlid (S) för Thomas Eneström (S), 2:e vice ordförande", "Eva Netterlid", "S",
                 ("tjänstgörande ersättare", "2:e vice ordförande"), "Thomas Eneström", "S", None, id="for-then-role"),
    pytest.param("Per Ek (S) ersätter Ola Ek (S) §§ 12-19", "Per Ek", "S", ("tjänstgörande ersättare",), "Ola Ek", "S",
                 list(range(12, 20)), id="substitute-with-paragraphs"),
    pytest.param("Novak Vasic (MP) §§53-68", "Novak Vasic", "MP", (), None, None, list(range(53, 69)), id="paragraphs"),
    pytest.param("Per Ek (S) § 112", "Per Ek", "S", (), None, None, [112], id="single-paragraph"),
    pytest.param(
        "Per Ek (S) §§ 12, 14", "Per Ek", "S", (), None, None, [12, 14], id="paragraphs-comma-list",
    ),
    pytest.param("Per Ek (S), ordförande, §§ 12–19", "Per Ek", "S", ("ordförande",), None, None, list(range(12, 20)),
                 id="role-and-paragraphs"),
    pytest.param("Linda Espeving (M) (ordförande)", "Linda Espeving", "M", ("ordförande",), None, None, None,
                 id="bracketed-role"),
    pytest.param("Dennis Alvdén (M) (2:e vice ordförande)", "Dennis Alvdén", "M", ("2:e vice ordförande",), None, None, None,
                 id="bracketed-second-vice-chair"),
    pytest.param("Kim Nordin (SD) (ersättare)", "Kim Nordin", "SD", ("ersättare",), None, None, None, id="bracketed-ersattare"),
    pytest.param("Boris Jernskiegg (-)", "Boris Jernskiegg", None, (), None, None, None, id="independent"),
    pytest.param("Åsa de Mander (L)", "Åsa de Mander", "L", (), None, None, None, id="particle-in-name"),
    pytest.param("Karin af Klint (M)", "Karin af Klint", "M", (), None, None, None, id="af-in-name"),
    pytest.param("Hans För (M)", "Hans För", "M", (), None, None, None, id="name-like-marker"),
    pytest.param("Eva Holm c", "Eva Holm", "C", (), None, None, None, id="bare-lowercase-party"),
    pytest.param("Anders Åberg m", "Anders Åberg", "M", (), None, None, None, id="bare-lowercase-party-m"),
    pytest.param("Eva Holm", "Eva Holm", None, (), None, None, None, id="no-party"),
    pytest.param("Stefan Hollmark, kommundirektör, kommunstyrelseförvaltningen", "Stefan Hollmark", None, (), None, None, None,
                 id="official"),
    pytest.param("Anna Svensson (Förvaltningschef)", "Anna Svensson", None, (), None, None, None, id="official-bracketed-title"),
    pytest.param(
        "Ulf Persson (C) tjänstgörande ersättare", "Ulf Persson", "C", ("tjänstgörande ersättare",), None, None, None,
        id="role-after-party-without-comma",
    ),
    pytest.param(
        "Anna Berg (S) deltar ej i § 41 på grund av jäv", "Anna Berg", "S", (), None, None, None, id="deltar-ej-jav",
    ),
    pytest.param(
        "Per Ek (S) från punkt B", "Per Ek", "S", (), None, None, None, id="fran-punkt",
    ),
    # a name cell of a table, its note set after it without brackets or comma
    pytest.param("Maria Björk ej § 305", "Maria Björk", None, (), None, None, [305], id="unbracketed-note"),
    pytest.param("Magnus af Klercker tjänstgör för Niklas Hankanen Ängberg", "Magnus af Klercker", None,
                 ("tjänstgörande ersättare",), "Niklas Hankanen Ängberg", None, None, id="unbracketed-substitution"),
]


@pytest.mark.parametrize(("text", "name", "party", "roles", "substitute_for", "substitute_party", "paragraphs"), PEOPLE)
def test_split_person(
    text: str,
    name: str,
    party: str | None,
    roles: tuple[str, ...],
    substitute_for: str | None,
    substitute_party: str | None,
    paragraphs: list[int] | None,
) -> None:
    person = split_person(text)
    assert (person.name, person.party, person.roles, person.substitute_for, person.substitute_party, person.paragraphs) == (
        name, party, roles, substitute_for, substitute_party, paragraphs,
    )


@pytest.mark.parametrize(
    ("text", "has_party"),
    [
        pytest.param("Boris Jernskiegg (-)", True, id="independent-printed"),
        pytest.param("Anita Mattsson (S)", True, id="party"),
        pytest.param("Eva Holm c", True, id="bare-party"),
        pytest.param("Stefan Hollmark, kommundirektör", False, id="official"),
    ],
)
def test_split_person_has_party(text: str, has_party: bool) -> None:
    assert split_person(text).has_party is has_party


@pytest.mark.parametrize(
    ("text", "note"),
    [
        pytest.param("Kim Berg (V) kl. 09.00-11.30", "kl. 09.00-11.30", id="time-span"),
        pytest.param("Per Ek (S) från kl. 14.20", "från kl. 14.20", id="from-time"),
        pytest.param("Stefan Hollmark, kommundirektör, kommunstyrelseförvaltningen", "kommundirektör", id="official-title"),
        pytest.param("Anna Svensson (Förvaltningschef)", "Förvaltningschef", id="bracketed-title"),
    ],
)
def test_split_person_notes(text: str, note: str) -> None:
    person = split_person(text)
    assert note in person.notes
    assert note not in person.name


# --- join_lines ------------------------------------------------------------------

JOINS = [
    pytest.param(["Södertörns-", "kommunerna"], "Södertörnskommunerna", id="hyphenated-word"),
    pytest.param(["Bygg-", "nämnden"], "Byggnämnden", id="hyphenated-compound"),
    pytest.param(["för-", "och efterskola"], "för- och efterskola", id="suspended-och"),
    pytest.param(["Barn-", "och ungdomsnämnden"], "Barn- och ungdomsnämnden", id="suspended-organ"),
    pytest.param(["e-", "cigaretter"], "e-cigaretter", id="short-prefix-keeps-hyphen"),
    pytest.param(["IT-", "stöd"], "IT-stöd", id="acronym-keeps-hyphen"),
    pytest.param(["2027–", "2030."], "2027–2030.", id="number-range-en-dash"),
    pytest.param(["under 2027-", "2030"], "under 2027-2030", id="number-range-hyphen"),
    pytest.param(["Förslag till", "Södertörns utvecklingsprogram"], "Förslag till Södertörns utvecklingsprogram", id="plain-wrap"),
    pytest.param(["godkänns och ersätter motsvarande", "program som godkändes"], "godkänns och ersätter motsvarande program som godkändes",
                 id="plain-wrap-lowercase"),
    pytest.param(["  a  b ", "", " c"], "a b c", id="whitespace-and-blank-lines"),
    pytest.param(["ett", "två", "tre"], "ett två tre", id="three-lines"),
    pytest.param(["ensam"], "ensam", id="single-line"),
    pytest.param([], "", id="no-lines"),
]


@pytest.mark.parametrize(("lines", "expected"), JOINS)
def test_join_lines(lines: list[str], expected: str) -> None:
    assert join_lines(lines) == expected


def test_join_lines_over_many_hyphenated_lines() -> None:
    # a long bilaga or a flattened text: every line ends in a hyphen to undo
    lines = ["Kommun-", "styrelsen beslutar om bygg-"] * 2000
    joined = join_lines(lines)
    assert joined.count("Kommunstyrelsen beslutar om bygg") == 2000
    assert joined.endswith("beslutar om bygg-")


def test_a_chain_of_substitution_markers_is_one_split_not_a_recursion() -> None:
    """1,500 "ersätter" links in one attendance entry raised RecursionError (exit 70):
    each link was read by another call.  Whom someone replaces is read without markers."""
    chain = ", ersätter ".join(f"Anna{i} Svensson (S)" for i in range(1500))
    person = split_person(chain)
    assert (person.name, person.party) == ("Anna0 Svensson", "S")
    assert person.substitute_for and person.substitute_for.startswith("Anna1 Svensson")
