"""Property tests: ``sup_parse.parse`` on any input either returns a valid Document or
raises a :class:`~sup_parse.errors.SupParseError` — never anything else.

``parse`` reads a ``str`` that holds a newline (or form feed) as the document's text and
any other ``str`` as a path, so the text properties add a newline.  Inputs that crash
today are kept as strict xfails (deterministic: each carries an explicit example), so
that the fix flips them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import sup_parse
from sup_parse.errors import EmptyInput, SupParseError

Document = sup_parse.Document

# `make fuzz` (tools/fuzz.py --hypothesis N) raises the number of examples per property.
EXAMPLES = int(os.environ.get("SUP_PARSE_FUZZ_EXAMPLES", "0")) or 150
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # keep the repo free of .hypothesis/; a failure prints its input
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
FEW = settings(FUZZ, max_examples=max(60, EXAMPLES // 10))


def parse_or_error(source: str | bytes) -> Document | None:
    """The Document, or None when parse stopped with a SupParseError; anything else propagates."""
    try:
        doc = sup_parse.parse(source)
    except SupParseError:
        return None
    assert isinstance(doc, Document)
    return doc


def assert_valid(doc: Document) -> None:
    dumped = doc.model_dump()
    assert Document.model_validate(dumped).model_dump() == dumped
    assert Document.model_validate_json(doc.model_dump_json()).model_dump() == dumped
    problems = list(_contract_violations(doc.model_dump(mode="json")))
    assert problems == []


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_HHMM = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d")


def _contract_violations(obj: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Values that break the output contract's conventions (dates, times, parties, names)."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            where = f"{path}.{key}"
            if value is not None:
                if key in {"date", "posted_on", "removed_on"}:
                    if not (isinstance(value, str) and _ISO_DATE.fullmatch(value) and _valid_date(value)):
                        yield where, value
                elif key in {"start", "end"} and not (isinstance(value, str) and _HHMM.fullmatch(value)):
                    yield where, value
                elif key == "party" and value != str(value).upper():
                    yield where, value
                elif key == "name" and isinstance(value, str) and (not value or value != " ".join(value.split())):
                    yield where, value
            yield from _contract_violations(value, where)
    elif isinstance(obj, list):
        for item in obj:
            yield from _contract_violations(item, f"{path}[]")


def _valid_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


# --- strategies ------------------------------------------------------------------

FRAGMENTS = [
    "§ 12", "§ 60", "§§ 58-71", "§ 23-§ 30", "§ 537 forts.", "§ 97 2026.225 KS", "BUN § 23   BUN/2025:13",
    "§ 246 att bifalla motionen", "enligt § 4 kommunallagen", "Dnr 2019/KS 0260 005", "Diarienummer",
    "Beslut", "Beslutande", "Ledamöter", "Tjänstgörande ersättare", "Ersättare", "Övriga närvarande",
    "Övriga deltagare", "Frånvarande", "Närvarolista", "Justeringens plats och tid", "Justeringens plats och",
    "tid", "Plats och tid", "Datum", "Tid", "Plats", "Sammanträdesdatum", "Paragrafer", "Utses att justera",
    "Sekreterare", "Ordförande", "Justerande", "Underskrifter", "ANSLAG/BEVIS", "Datum då anslaget sätts upp",
    "Datum då anslaget tas ned", "Förvaringsplats för protokollet", "Protokoll", "Utdrag", "Protokollsutdrag",
    "Tjänsteskrivelse", "Kallelse", "Bilaga", "Bilagor", "Beslutsunderlag", "Expedieras till",
    "Kommunledningsutskottets förslag till kommunstyrelsen", "Förslag till beslut", "Yrkanden",
    "Omröstning", "Ja 11, Nej 4, Avstår 2", "Ja", "Nej", "Avstår", "X", "Summa", "Reservation",
    "Protokollsanteckning", "Paragrafen är omedelbart justerad", "Handläggare", "Kommunsekreterare",
    "att godkänna rapporten", "- punkt", "• punkt", "1.", "Tyresö kommun", "Kommunledningsutskottet",
    "Kommunstyrelseförvaltningen", "Justerandes sign", "Utdragsbestyrkande", "Sida 2 (7)", "1 (2)",
    "Transaktionsidentitet 1234abcd-12ef", "hillevi.elvhage@tyreso.se", "08-5782 9516", "kl. 13.00–13.35",
    "2019-08-07", "7 augusti 2019", "onsdagen den 5 mars 2025", "960312", "(S)", "(-)", "§", "<!-- sida 2 -->",
    "---", "|", "**", "# ", "Södertörns-", "kommunerna",
]
SEPARATORS = ["\n", "\n\n", "\f", "\r\n", " ", "  ", "   ", "\t", ": ", " | "]
NAMES = ["Anita Mattsson", "Fredrik Bergkuist", "Åsa de Mander", "Ulrica Riis-Pedersen", "Eva Holm", "Boris Jernskiegg"]
PARTIES = ["S", "M", "SD", "C", "V", "KD", "L", "MP", "-", "s", "c"]
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december"]


@st.composite
def dates(draw: st.DrawFn) -> str:
    d = draw(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31)))
    form = draw(st.sampled_from(["iso", "word", "den", "dot", "compact"]))
    if form == "iso":
        return d.isoformat()
    if form == "word":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if form == "den":
        return f"den {d.day} {MONTHS[d.month - 1]} {d.year}"
    if form == "dot":
        return f"{d.day}.{d.month}.{d.year}"
    return d.strftime("%y%m%d")


@st.composite
def people(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(NAMES))
    party = draw(st.sampled_from(PARTIES))
    person = f"{name} {party}" if party.islower() else f"{name} ({party})"
    tail = draw(st.sampled_from(["", ", ordförande", " (2:e vice ordförande)", " ersätter Roger Andersson (S)",
                                 ", tjänstgörande ersättare för Mats Larsson (L)", " §§ 53-68", " kl. 09.00-11.30"]))
    return person + tail


@st.composite
def paragraph_headings(draw: st.DrawFn) -> str:
    number = draw(st.integers(min_value=0, max_value=99999))
    rest = draw(st.sampled_from(["", " forts.", " Dnr KS 2023/071", " Budget 2024", ".", " att godkänna"]))
    return f"§ {number}{rest}"


PRINTABLE = st.text(alphabet=st.characters(exclude_categories=["Cc", "Cs"]), max_size=8)
PIECE = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.sampled_from(SEPARATORS),
    dates(),
    people(),
    paragraph_headings(),
    PRINTABLE,
)
FRAGMENT_TEXT = st.lists(PIECE, min_size=1, max_size=40).map("".join)
# The same with any characters mixed in, control characters included.
RAW_FRAGMENT_TEXT = st.lists(st.one_of(PIECE, st.text(max_size=8)), min_size=1, max_size=40).map("".join)
# One line of running text keeps the document from being furniture only.
BODY = "Kommunstyrelsen beslutar att godkänna rapporten."


# --- text ------------------------------------------------------------------------

@FUZZ
@given(st.text())
def test_parse_any_text(text: str) -> None:
    doc = parse_or_error(text + "\n")
    if doc is not None:
        assert_valid(doc)


@FUZZ
@given(RAW_FRAGMENT_TEXT)
def test_parse_swedish_fragments(text: str) -> None:
    doc = parse_or_error(text + "\n")
    if doc is not None:
        assert_valid(doc)


@FUZZ
@given(FRAGMENT_TEXT, FRAGMENT_TEXT)
def test_parse_fragments_around_body_text(before: str, after: str) -> None:
    doc = parse_or_error(f"{before}\n{BODY}\n{after}\n")
    assert doc is not None  # a line of running text is a document, never an error
    assert_valid(doc)


@FUZZ
@given(FRAGMENT_TEXT, FRAGMENT_TEXT)
def test_checks_never_crash_on_what_parses(before: str, after: str) -> None:
    from sup_parse.check import RULES, Config, format_sarif, run_checks

    doc = parse_or_error(f"{before}\n{BODY}\n{after}\n")
    assert doc is not None
    findings = run_checks(doc, Config(organ_seats={"Kommunstyrelsen": 5}), file="x.txt")
    assert all(f.code in RULES for f in findings)
    json.loads(format_sarif(findings))


@FUZZ
@given(st.text(alphabet=" \t\n\r\f\v\x1c\x85\u00a0\u2028\u3000", min_size=1))
def test_blank_text_is_empty_input(text: str) -> None:
    with pytest.raises(EmptyInput):
        sup_parse.parse(text + "\n")


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("\n", id="newline"),
        pytest.param("  \n\t\n", id="spaces-and-tabs"),
        pytest.param("\r\n", id="crlf"),
        pytest.param("\f", id="form-feed"),
        pytest.param("\f\n\f", id="form-feeds"),
        pytest.param("<!-- sida 2 -->\n", id="page-comment-only"),
        pytest.param("---\nx: 1\n---\n", id="front-matter-only"),
        pytest.param(b"", id="no-bytes"),
        pytest.param(b"   \n", id="blank-bytes"),
        pytest.param(b"\xef\xbb\xbf", id="utf8-bom-only"),
        pytest.param(b"\xff\xfe", id="utf16-bom-only"),
        pytest.param("", id="empty-str"),
    ],
)
def test_blank_input_is_empty_input(source: str | bytes) -> None:
    with pytest.raises(EmptyInput):
        sup_parse.parse(source)


VERTICAL_TAB_TEXT = "Datum 2019-08-07\x0bTid 13:00–13:35\x0bPlats Kommunhuset\x0bSekreterare\x0bHillevi Elvhage\n"


@pytest.mark.parametrize(
    ("source", "error"),
    [
        pytest.param(VERTICAL_TAB_TEXT, None, id="text-with-vertical-tabs"),
        pytest.param("\x0b\x0b\x0b\x0b\n", EmptyInput, id="only-vertical-tabs"),
    ],
)
def test_vertical_tab_is_whitespace_not_binary(source: str, error: type[SupParseError] | None) -> None:
    """\x0b is Word's manual line break, common in text taken from .doc/.docx: whitespace, not binary."""
    if error is None:
        assert_valid(sup_parse.parse(source))
    else:
        with pytest.raises(error):
            sup_parse.parse(source)


@FEW
@given(st.text(alphabet=st.characters(exclude_characters="\n\f\r"), max_size=60))
def test_one_line_str_is_a_path(text: str) -> None:
    if text == "-":
        return  # "-" reads stdin
    doc = parse_or_error(text)
    if doc is not None:  # a name that happens to exist in the repo
        assert_valid(doc)


@FEW
@given(st.text(alphabet="abcåäö §", min_size=256, max_size=400))
@example("a" * 300)
def test_long_one_line_str_is_not_found(text: str) -> None:
    parse_or_error(text)


@FEW
@given(st.text(alphabet=st.characters(categories=["Cs", "Ll", "Zs"]), min_size=1))
@example("h\ud800")
def test_parse_text_with_surrogates(text: str) -> None:
    doc = parse_or_error(text + "\n")
    if doc is not None:
        assert_valid(doc)


# --- bytes -----------------------------------------------------------------------

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@FUZZ
@given(st.binary())
def test_parse_any_bytes(data: bytes) -> None:
    if data.startswith(_UTF16_BOMS):
        return  # see test_parse_utf16_bom_bytes
    doc = parse_or_error(data)
    if doc is not None:
        assert_valid(doc)


@FUZZ
@given(FRAGMENT_TEXT, st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
def test_parse_encoded_fragments(text: str, encoding: str) -> None:
    data = (text + "\n").encode(encoding, errors="replace")
    doc = parse_or_error(data)
    if doc is not None:
        assert_valid(doc)


@FEW
@given(st.sampled_from(_UTF16_BOMS), st.binary())
@example(b"\xfe\xff", b"6")
@example(b"\xff\xfe", b"\x00\xd8")
def test_parse_utf16_bom_bytes(bom: bytes, data: bytes) -> None:
    doc = parse_or_error(bom + data)
    if doc is not None:
        assert_valid(doc)


@FEW
@given(st.binary(max_size=200))
def test_parse_damaged_pdf_bytes(data: bytes) -> None:
    doc = parse_or_error(b"%PDF-1.4\n" + data)
    if doc is not None:
        assert_valid(doc)


# --- inputs that crashed ---------------------------------------------------------

@pytest.mark.parametrize(
    "source",
    [
        pytest.param("Justerandes sign\n", id="furniture-only-footer"),
        pytest.param("Sida 2 (7)\n", id="furniture-only-page-number"),
        pytest.param("Utdragsbestyrkande\n", id="furniture-only-utdragsbestyrkande"),
        pytest.param("x.pdf\n", id="furniture-only-file-name"),
        pytest.param("1\n", id="furniture-only-digit"),
        pytest.param(b"12\n", id="furniture-only-bytes"),
        pytest.param("§ 99999\n", id="five-digit-paragraph"),
        pytest.param("\f\fSida 1 av 2\f", id="form-feeds-and-furniture"),
    ],
)
def test_crash_regressions(source: str | bytes) -> None:
    doc = parse_or_error(source)
    if doc is not None:
        assert_valid(doc)
