"""Table-driven tests for sup_parse.blocks: § headings, diarienummer, labelled fields.

Headings and case numbers are the forms listed in ../shared/spec/vocabulary.md ("§ headings").
A case the code gets wrong keeps the right expectation and is marked ``xfail(strict=True)``.
"""

from __future__ import annotations

import pytest
from helpers import line, text_lines

from sup_parse.blocks import Field, Heading, dnr_re, lines_to_fields, match_heading
from sup_parse.layout import Line, Segment


def placed(top: float, *segments: tuple[float, str], page: int = 1) -> Line:
    """A positioned line: ``segments`` are (x0, text), 5 pt per character."""
    segs = [Segment(text, x0, x0 + len(text) * 5) for x0, text in segments]
    return Line(
        text=" ".join(s.text for s in segs), page=page, top=top, bottom=top + 10,
        x0=segs[0].x0, x1=segs[-1].x1, segments=segs,
    )




def summary(fields: list[Field]) -> list[tuple[str, list[str]]]:
    return [(f.key, f.texts) for f in fields]


# --- match_heading ---------------------------------------------------------------

# (text, number, dnr, title, continued)
HEADINGS = [
    pytest.param("§ 60", 60, None, None, False, id="bare"),
    pytest.param("§ 1234", 1234, None, None, False, id="four-digits"),
    pytest.param("§ 97 2026.225 KS", 97, "2026.225 KS", None, False, id="dnr-year-dot-number-organ"),
    pytest.param("§ 137  Dnr BN-2023-00211", 137, "BN-2023-00211", None, False, id="dnr-label-hyphenated"),
    pytest.param("§ 536 Ärendenummer SLK-2025-00041", 536, "SLK-2025-00041", None, False, id="arendenummer-label"),
    pytest.param("§ 60 Dnr 2019/KS 0260 005", 60, "2019/KS 0260 005", None, False, id="dnr-tyreso"),
    pytest.param("§ 12 Dnr KS 2023/071", 12, "KS 2023/071", None, False, id="dnr-organ-year-slash"),
    pytest.param("§ 12 Diarienummer: KS 2023/071", 12, "KS 2023/071", None, False, id="diarienummer-colon"),
    pytest.param("§ 5 KS/2019/0001/0009", 5, "KS/2019/0001/0009", None, False, id="dnr-slashes"),
    pytest.param("§ 14 Dnr 00322/2026", 14, "00322/2026", None, False, id="dnr-number-year"),
    pytest.param("§ 3 Dnr 94.220-105", 3, "94.220-105", None, False, id="dnr-old-style"),
    pytest.param("§ 7 Dnr 26/0001-1", 7, "26/0001-1", None, False, id="dnr-short-year"),
    pytest.param("§ 12 Dnr. KS 2023/071 Budget 2024", 12, "KS 2023/071", "Budget 2024", False, id="dnr-then-title"),
    pytest.param("§ 4 2019/KS 0260 005 Södertörns utvecklingsprogram 2035", 4, "2019/KS 0260 005",
                 "Södertörns utvecklingsprogram 2035", False, id="unlabelled-dnr-then-title"),
    pytest.param("§ 537 forts.", 537, None, None, True, id="forts"),
    pytest.param("§ 537 fortsättning", 537, None, None, True, id="fortsattning"),
    pytest.param("§ 23 Dnr BN-2023-00211 forts.", 23, "BN-2023-00211", None, True, id="dnr-then-forts"),
    pytest.param("§ 59 Information Furuhöjd 7", 59, None, "Information Furuhöjd 7", False, id="title"),
    pytest.param("§ 60 Södertörns utvecklingsprogram 2035", 60, None, "Södertörns utvecklingsprogram 2035", False,
                 id="title-with-year"),
    pytest.param("§ 12 – Val av justerare", 12, None, "Val av justerare", False, id="dash-before-title"),
    pytest.param("KS § 12", 12, None, None, False, id="organ-prefix"),
    pytest.param("& 60", 60, None, None, False, id="ocr-ampersand"),
    pytest.param(
        "BUN § 23   BUN/2025:13", 23, "BUN/2025:13", None, False, id="organ-prefix-organ-slash-dnr",
    ),
    pytest.param(
        "§ 9 Bun/2025:532 600", 9, "Bun/2025:532 600", None, False, id="mixed-case-organ-slash-dnr",
    ),
    pytest.param(
        "§ 88 Detaljplan för Kv. Ugglan (RS 2024-117)", 88, "RS 2024-117", "Detaljplan för Kv. Ugglan", False,
        id="dnr-in-brackets-after-title",
    ),
]


@pytest.mark.parametrize(("text", "number", "dnr", "title", "continued"), HEADINGS)
def test_match_heading(text: str, number: int, dnr: str | None, title: str | None, continued: bool) -> None:
    heading = match_heading(line(text))
    assert isinstance(heading, Heading)
    assert (heading.number, heading.dnr, heading.title, heading.continued) == (number, dnr, title, continued)


NOT_HEADINGS = [
    pytest.param("§ 78.", id="reference-full-stop"),
    pytest.param("§ 12)", id="reference-bracket"),
    pytest.param("§ 246 att bifalla motionen", id="att-clause"),
    pytest.param("§ 4 i kommunallagen", id="lowercase-running-text"),
    pytest.param("enligt § 4 kommunallagen", id="enligt-lowercase"),
    pytest.param("Enligt § 4 kommunallagen", id="enligt-capital"),
    pytest.param("§ 58-71", id="range"),
    pytest.param("§§ 58-71", id="double-sign-range"),
    pytest.param("§ 12, 13", id="list"),
    pytest.param("§ 12 och 13", id="och-list"),
    pytest.param("§ 12 Dnr", id="dnr-label-without-number"),
    pytest.param("§ 12345", id="five-digits"),
    pytest.param("Paragraf § 12", id="label-then-sign"),
    pytest.param("Paragrafer 58–71", id="paragraph-label"),
    pytest.param("Punkt 5", id="kallelse-punkt"),
    pytest.param("Kommunstyrelsen beslutar att godkänna rapporten", id="sentence"),
    pytest.param("", id="empty"),
]


@pytest.mark.parametrize("text", NOT_HEADINGS)
def test_not_a_heading(text: str) -> None:
    assert match_heading(line(text)) is None


# --- dnr_re ----------------------------------------------------------------------

DNRS = [
    pytest.param("2019/KS 0260 005", "2019/KS 0260 005", id="year-organ-numbers"),
    pytest.param("KS/2019/0001/0009", "KS/2019/0001/0009", id="organ-slashes"),
    pytest.param("KS 2023/071", "KS 2023/071", id="organ-year-slash"),
    pytest.param("2026.225 KS", "2026.225 KS", id="year-dot-organ"),
    pytest.param("BN-2023-00211", "BN-2023-00211", id="organ-hyphens"),
    pytest.param("SLK-2025-00041", "SLK-2025-00041", id="slk"),
    pytest.param("00322/2026", "00322/2026", id="number-year"),
    pytest.param("94.220-105", "94.220-105", id="old-style"),
    pytest.param("26/0001-1", "26/0001-1", id="short-year"),
    pytest.param("RS 2024-117", "RS 2024-117", id="organ-year-hyphen"),
    pytest.param("Dnr 2019/KS 0260 005", "2019/KS 0260 005", id="label-dnr"),
    pytest.param("Dnr. KS 2023/071", "KS 2023/071", id="label-dnr-dot"),
    pytest.param("Diarienummer: BN-2023-00211", "BN-2023-00211", id="label-diarienummer"),
    pytest.param("Ärendenummer SLK-2025-00041", "SLK-2025-00041", id="label-arendenummer"),
    pytest.param("Beteckning 1435/22", "1435/22", id="label-beteckning"),
    pytest.param("Dnr SDN 2024/00088", "SDN 2024/00088", id="label-sdn"),
    pytest.param("Dnr KS 2023/071, Budget", "KS 2023/071", id="stops-at-comma"),
    pytest.param("Södertörns utvecklingsprogram", None, id="title"),
    pytest.param("2019-08-07", None, id="date-is-not-dnr"),
    pytest.param("Kommunstyrelsen", None, id="organ-word"),
    pytest.param(
        "Bun/2025:532 600", "Bun/2025:532 600", id="organ-slash-year-colon",
    ),
]


@pytest.mark.parametrize(("text", "expected"), DNRS)
def test_dnr_re(text: str, expected: str | None) -> None:
    m = dnr_re().match(text)
    assert (m.group("dnr") if m else None) == expected


# --- lines_to_fields: plain text ---------------------------------------------------

TYRESO_FRONT = "Datum 2019-08-07\n Tid 13:00–13:35\n Plats Sammanträdesrum Bollmora, kommunhuset\n\nSekreterare \n Hillevi Elvhage\n"

TYRESO_FRONT_FULL = (
    "Datum 2019-08-07\n"
    " Tid 13:00–13:35\n"
    " Plats Sammanträdesrum Bollmora, kommunhuset\n"
    "\n"
    "Beslutande Se närvarolista\n"
    "\n"
    "Övriga deltagare Se närvarolista\n"
    "\n"
    "Justeringens plats och tid Kommunkansliet 2019-08-12\n"
    "\n"
    "Paragrafer 58–71\n"
    "\n"
    "Sekreterare \n"
    " Hillevi Elvhage\n"
)

LOMMA_FRONT = (
    "Plats:                              Lomma kommun, Strandskolans matsal\n"
    "Tid:                                2025-05-06, klockan 18:34-21:42\n"
    "\n"
    "Beslutande ledamöter:               Se nästa sida\n"
    "Tjänstgörande ersättare:            Se nästa sida\n"
    "Övriga deltagare:                   Se nästa sida\n"
    "\n"
    "Utses att justera:                  Marie Sand\n"
    "Justering:                          Digital justering, 2025-05-13\n"
    "Paragraf:                           § 23-§ 30\n"
)

LOMMA_ANSLAG = (
    "Beslutande organ:                   Barn- och utbildningsnämnden\n"
    "\n"
    "Sammanträdesdatum:                  2025-05-06\n"
    "\n"
    "Paragrafer:                         § 23-§ 30\n"
    "\n"
    "Anslaget sätts upp:                 2025-05-13\n"
    "Anslaget tas ned:                   2025-06-04\n"
)

COLUMNS = (
    "Plats och tid    Kommunhuset, 2019-08-07 kl. 13.00–13.35\n"
    "Beslutande       Anita Mattsson (S), ordförande\n"
    "                 Mats Lindblom (L)\n"
    "Justerare        Anki Svensson (S)\n"
    "Paragrafer       §§ 58-71\n"
)

TEXT_FIELDS = [
    pytest.param(TYRESO_FRONT, [
        ("date", ["2019-08-07"]),
        ("time", ["13:00–13:35"]),
        ("place", ["Sammanträdesrum Bollmora, kommunhuset"]),
        ("secretary", ["Hillevi Elvhage"]),
    ], id="tyreso-front"),
    pytest.param(TYRESO_FRONT_FULL, [
        ("date", ["2019-08-07"]),
        ("time", ["13:00–13:35"]),
        ("place", ["Sammanträdesrum Bollmora, kommunhuset"]),
        ("members", ["Se närvarolista"]),
        ("others", ["Se närvarolista"]),
        ("verification", ["Kommunkansliet 2019-08-12"]),
        ("paragraphs", ["58–71"]),
        ("secretary", ["Hillevi Elvhage"]),
    ], id="tyreso-front-full"),
    pytest.param("Plats:                              Lomma kommun, Strandskolans matsal\n", [
        ("place", ["Lomma kommun, Strandskolans matsal"]),
    ], id="lomma-plats"),
    pytest.param(LOMMA_FRONT, [
        ("place", ["Lomma kommun, Strandskolans matsal"]),
        ("time", ["2025-05-06, klockan 18:34-21:42"]),
        ("members", ["Se nästa sida"]),
        ("serving", ["Se nästa sida"]),
        ("others", ["Se nästa sida"]),
        ("adjusters", ["Marie Sand"]),
        ("verification", ["Digital justering, 2025-05-13"]),
        ("paragraphs", ["§ 23-§ 30"]),
    ], id="lomma-front"),
    pytest.param(LOMMA_ANSLAG, [
        ("organ", ["Barn- och utbildningsnämnden"]),
        ("date", ["2025-05-06"]),
        ("paragraphs", ["§ 23-§ 30"]),
        ("posted_on", ["2025-05-13"]),
        ("removed_on", ["2025-06-04"]),
    ], id="lomma-anslag"),
    pytest.param(COLUMNS, [
        ("place_time", ["Kommunhuset, 2019-08-07 kl. 13.00–13.35"]),
        ("members", ["Anita Mattsson (S), ordförande", "Mats Lindblom (L)"]),
        ("adjusters", ["Anki Svensson (S)"]),
        ("paragraphs", ["§§ 58-71"]),
    ], id="label-column-with-continuation"),
    pytest.param("Plats och tid: Kommunhuset, 2019-08-07 kl. 13.00–13.35\n", [
        ("place_time", ["Kommunhuset, 2019-08-07 kl. 13.00–13.35"]),
    ], id="label-colon-inline"),
    pytest.param("JUSTERINGENS PLATS OCH TID: Kommunkansliet 2019-08-12\n", [
        ("verification", ["Kommunkansliet 2019-08-12"]),
    ], id="upper-case-label"),
    pytest.param("Sekreterare   ………………………………   Paragrafer 58-71\n              Hillevi Elvhage\n", [
        ("secretary", ["Hillevi Elvhage"]),
        ("paragraphs", ["58-71"]),
    ], id="signature-leaders-and-right-label"),
    pytest.param(
        "Datum då anslaget sätts upp   2019-08-14\n"
        "Datum då anslaget tas ned   2019-09-05\n"
        "Förvaringsplats för protokollet   Kommunkansliets arkiv plan 6\n"
        "Underskrift   Hillevi Elvhage\n", [
            ("posted_on", ["2019-08-14"]),
            ("removed_on", ["2019-09-05"]),
            ("storage", ["Kommunkansliets arkiv plan 6"]),
            ("signed_by", ["Hillevi Elvhage"]),
        ], id="anslag-long-labels"),
    pytest.param(
        "Plats:                              Lomma kommun, Strandskolans matsal\n"
        "Tid:                                2025-05-06, klockan 18:34-21:42\n"
        "\n"
        "                                    Sammanträdet ajourneras 19:51 - 20:00\n", [
            ("place", ["Lomma kommun, Strandskolans matsal"]),
            ("time", ["2025-05-06, klockan 18:34-21:42", "Sammanträdet ajourneras 19:51 - 20:00"]),
        ], id="lomma-adjournment-in-value-column",
    ),
]


@pytest.mark.parametrize(("text", "expected"), TEXT_FIELDS)
def test_lines_to_fields_text(text: str, expected: list[tuple[str, list[str]]]) -> None:
    fields, unplaced = lines_to_fields(text_lines(text))
    assert summary(fields) == expected
    assert unplaced == []


def test_lines_to_fields_keeps_label_as_printed() -> None:
    fields, _ = lines_to_fields(text_lines("Plats och tid: Kommunhuset\nJUSTERINGENS PLATS OCH TID  Kommunkansliet\n"))
    assert [f.label for f in fields] == ["Plats och tid", "JUSTERINGENS PLATS OCH TID"]


def test_lines_to_fields_returns_unplaced_lines() -> None:
    fields, unplaced = lines_to_fields(text_lines("Kommunledningsutskottet\nDatum 2019-08-07\n"))
    assert summary(fields) == [("date", ["2019-08-07"])]
    assert [ln.text for ln in unplaced] == ["Kommunledningsutskottet"]


# --- lines_to_fields: positioned lines, labels wrapped over two lines --------------

POSITIONED_FIELDS = [
    pytest.param(
        [placed(100, (71, "Beslutande"), (185, "Anita Mattsson (S), ordförande")),
         placed(112, (185, "Mats Lindblom (L)")),
         placed(124, (71, "Övriga närvarande"), (185, "Stefan Hollmark, kommundirektör"))],
        [("members", ["Anita Mattsson (S), ordförande", "Mats Lindblom (L)"]),
         ("others", ["Stefan Hollmark, kommundirektör"])],
        id="label-column-continuation",
    ),
    pytest.param(
        [placed(100, (71, "Sekreterare"), (185, "Hillevi Elvhage")),
         placed(112, (71, "Ordförande"), (185, "Anita Mattsson"))],
        [("secretary", ["Hillevi Elvhage"]), ("chair", ["Anita Mattsson"])],
        id="one-line-labels",
    ),
    pytest.param(
        [placed(100, (71, "Justeringens plats och"), (185, "Kommunkansliet 2019-08-12")),
         placed(112, (71, "tid"))],
        [("verification", ["Kommunkansliet 2019-08-12"])],
        id="justeringens-plats-och/tid",
    ),
    pytest.param(
        [placed(100, (71, "Justeringens plats och"), (185, "Kommunkansliet")),
         placed(112, (71, "tid"), (185, "2019-08-12"))],
        [("verification", ["Kommunkansliet", "2019-08-12"])],
        id="justeringens-plats-och/tid-value-on-both-lines",
    ),
    pytest.param(
        [placed(100, (71, "Justeringens tid och"), (185, "Kommunkansliet")),
         placed(112, (71, "plats"), (185, "2019-08-12"))],
        [("verification", ["Kommunkansliet", "2019-08-12"])],
        id="justeringens-tid-och/plats",
    ),
    pytest.param(
        [placed(100, (71, "Plats och"), (185, "Kommunhuset")),
         placed(112, (71, "tid"), (185, "kl. 13.00"))],
        [("place_time", ["Kommunhuset", "kl. 13.00"])],
        id="plats-och/tid",
    ),
    pytest.param(
        [placed(100, (71, "Justeringens plats och Rådhuset, Alingsås, 2018-04-09 11:00")),
         placed(112, (71, "tid"))],
        [("verification", ["Rådhuset, Alingsås, 2018-04-09 11:00"])],
        id="label-start-shares-segment-with-value",
    ),
    pytest.param(
        [placed(100, (71, "Datum då anslaget"), (185, "2019-08-14")),
         placed(112, (71, "sätts upp"))],
        [("posted_on", ["2019-08-14"])],
        id="datum-da-anslaget/satts-upp",
    ),
    pytest.param(
        [placed(100, (71, "Datum för anslags"), (185, "2019-08-14")),
         placed(112, (71, "uppsättande"))],
        [("posted_on", ["2019-08-14"])],
        id="datum-for-anslags/uppsattande",
    ),
    pytest.param(
        [placed(100, (71, "Förvaringsplats för"), (185, "Kommunkansliets arkiv plan 6")),
         placed(112, (71, "protokollet"))],
        [("storage", ["Kommunkansliets arkiv plan 6"])],
        id="forvaringsplats-for/protokollet",
    ),
]


@pytest.mark.parametrize(("lines", "expected"), POSITIONED_FIELDS)
def test_lines_to_fields_positioned(lines: list[Line], expected: list[tuple[str, list[str]]]) -> None:
    fields, unplaced = lines_to_fields(lines)
    assert summary(fields) == expected
    assert unplaced == []


def test_wrapped_label_is_named_in_full() -> None:
    lines = [placed(100, (71, "Justeringens plats och"), (185, "Kommunkansliet 2019-08-12")), placed(112, (71, "tid"))]
    fields, _ = lines_to_fields(lines)
    assert [(f.key, f.label, f.label_x0, f.value_x0) for f in fields] == [
        ("verification", "Justeringens plats och tid", 71, 185),
    ]


# --- labels run together on one line, and labels around their value ------------------

from sup_parse.blocks import split_inline_labels  # noqa: E402

# (value after the first label, head, [(key, value), …])
INLINE = [
    pytest.param("Socialnämnden Sammanträdesdatum 2025-03-04 Datum för anslags uppsättande 2025-03-10",
                 "Socialnämnden", [("date", "2025-03-04"), ("posted_on", "2025-03-10")], id="posting-run-together"),
    pytest.param("Rådhuset, Förvaringsplats för protokollet Kansliet", "Rådhuset,", [("storage", "Kansliet")],
                 id="multiword-label"),
    pytest.param("Stora salen tid för fika", "Stora salen tid för fika", [], id="single-word-without-date-stays"),
    pytest.param("Ersättare", "", [("substitutes", "")], id="value-is-a-label"),
]


@pytest.mark.parametrize(("value", "head", "inline"), INLINE)
def test_split_inline_labels(value: str, head: str, inline: list[tuple[str, str]]) -> None:
    got_head, got = split_inline_labels(value)
    assert got_head == head
    assert [(k, v) for k, _label, v in got] == inline


def test_label_words_around_value_with_last_word_wrapped() -> None:
    lines = text_lines("Plats och tid för Rådhuset, sal 2 Klockan 13:00-15:00\nsammanträde\n")
    fields, _ = lines_to_fields(lines)
    assert summary(fields) == [("place_time", ["Rådhuset, sal 2 Klockan 13:00-15:00"])]


# --- table of contents and titles (extract.paragraphs.find_paragraphs) ----------------

from sup_parse.extract.paragraphs import build_paragraph, find_paragraphs  # noqa: E402

TOCS = [
    pytest.param("Innehåll\n§ 5  Dnr KS-2024-1\nFörsta ärendet .......... 3\n§ 6  Dnr KS-2024-2\nAndra ärendet .......... 4\n"
                 "§ 5  Dnr KS-2024-1\nFörsta ärendet\n\nBeslut\nGodkänns.\n",
                 [5], id="title-then-leaders"),
    pytest.param("§ 7   Meddelanden            11\n§ 8   Delegationsbeslut      12\n", [], id="page-column-no-body"),
    pytest.param("Ärendelista\n§ 1  A/2025:1\n     Budget\n§ 2  A/2025:2\n     Taxa\n", [], id="after-toc-title-same-page"),
    pytest.param("§ 3 Information\n\nNämnden informeras om läget.\n", [3], id="short-body-kept"),
]


@pytest.mark.parametrize(("text", "bodies"), TOCS)
def test_toc_never_makes_bodies(text: str, bodies: list[int]) -> None:
    raws, _before, _toc = find_paragraphs(text_lines(text))
    assert [r.heading.number for r in raws] == bodies


TITLES = [
    pytest.param("§ 4 Ärendenummer X-2025-1\n\nÅrsrapport avseende Fjärrkyla\nÄlvstaden\nBeslut\nGodkänns.\n",
                 "Årsrapport avseende Fjärrkyla Älvstaden", id="runs-to-section-heading"),
    pytest.param("§ 4\nDetaljplan för Skörvalla\n1:116, Särö\n\nBeslut\nGodkänns.\n",
                 "Detaljplan för Skörvalla 1:116, Särö", id="wrapped-before-blank-and-heading"),
    pytest.param("§ 4\nRapport om läget\nNämnden har fått en rapport.\nBeslut\nGodkänns.\n",
                 "Rapport om läget", id="sentence-is-body"),
    pytest.param("§ 9 Dnr KS 2024/1\nAnföranden\n\nOrdföranden håller ett anförande.\n", "Anföranden",
                 id="section-word-as-only-title"),
    pytest.param("§ 2\nFörrättningar 2023-2026\nBun/2023:391 000\n\nText.\n", "Förrättningar 2023-2026",
                 id="dnr-line-under-title"),
]


@pytest.mark.parametrize(("text", "title"), TITLES)
def test_titles(text: str, title: str) -> None:
    raws, _before, _toc = find_paragraphs(text_lines(text))
    para, _ = build_paragraph(raws[0], {}, None)
    assert para.title == title


def test_dnr_line_under_title() -> None:
    raws, _, _ = find_paragraphs(text_lines("§ 2\nFörrättningar 2023-2026\nBun/2023:391 000\n\nText.\n"))
    assert build_paragraph(raws[0], {}, None)[0].dnr == "Bun/2023:391 000"


@pytest.mark.parametrize(("text", "keys"), [
    pytest.param("Välkomna till Regionens hus,\nlokal Väktaren.\n", [], id="lower-case-word-is-no-label"),
    pytest.param("lokal: Väktaren\n", ["place"], id="lower-case-label-with-colon"),
    pytest.param("Lokal Väktaren\n", ["place"], id="capitalised-label"),
])
def test_a_label_starts_in_upper_case_or_has_its_colon(text: str, keys: list[str]) -> None:
    fields, _ = lines_to_fields(text_lines(text))
    assert [f.key for f in fields] == keys
