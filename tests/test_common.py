"""Table-driven tests for sup_parse.extract.common: list items, recipients, section headings.

Section headings and item markers are those of ../shared/spec/vocabulary.md; items follow
the contract's "text items" convention (bullet removed, wrapped lines joined, line-end
hyphenation undone).  A case the code gets wrong is marked ``xfail(strict=True)``.
"""

from __future__ import annotations

import pytest
from helpers import line, text_lines

from sup_parse.extract.common import section_key, split_items, split_list_entry, split_sections
from sup_parse.layout import Line

# --- split_items -----------------------------------------------------------------

TEXT_ITEMS = [
    pytest.param("• Första punkten\n• Andra punkten\n", ["Första punkten", "Andra punkten"], id="bullet-dot"),
    pytest.param("- Ett\n- Två\n", ["Ett", "Två"], id="bullet-hyphen"),
    pytest.param("– Tankstreck\n– två\n", ["Tankstreck", "två"], id="bullet-en-dash"),
    pytest.param("•\tTabbad punkt\n", ["Tabbad punkt"], id="bullet-tab"),
    pytest.param("1. Ett\n2. Två\n", ["Ett", "Två"], id="numbered"),
    pytest.param("a) första\nb) andra\n", ["första", "andra"], id="lettered"),
    pytest.param(
        "att godkänna rapporten\natt lägga informationen till handlingarna\n",
        ["att godkänna rapporten", "att lägga informationen till handlingarna"], id="att-clauses",
    ),
    pytest.param(
        "- Förslag till Södertörns utvecklingsprogram 2035 godkänns och ersätter motsvarande\n"
        "program som godkändes av kommunstyrelsen 2013-04-29 § 78.\n",
        ["Förslag till Södertörns utvecklingsprogram 2035 godkänns och ersätter motsvarande program som "
         "godkändes av kommunstyrelsen 2013-04-29 § 78."],
        id="tyreso-proposal-wrapped",
    ),
    pytest.param(
        "att godkänna Södertörns-\nkommunernas program\natt uppdra åt förvaltningen\n",
        ["att godkänna Södertörnskommunernas program", "att uppdra åt förvaltningen"], id="att-hyphenated-wrap",
    ),
    pytest.param(
        "att godkänna förslaget till ny taxa för bygg- och miljönämndens verksamhet under\når 2027\n"
        "att uppdra åt förvaltningen\n",
        ["att godkänna förslaget till ny taxa för bygg- och miljönämndens verksamhet under år 2027",
         "att uppdra åt förvaltningen"],
        id="att-wrapped-short-continuation",
    ),
    pytest.param(
        "• Första punkten som är lång och fortsätter över radslutet och vidare till\n  nästa rad\n• Andra\n",
        ["Första punkten som är lång och fortsätter över radslutet och vidare till nästa rad", "Andra"],
        id="bullet-indented-continuation",
    ),
    pytest.param("Ett stycke utan punkt\n\nEtt annat stycke\n", ["Ett stycke utan punkt", "Ett annat stycke"],
                 id="blank-line-separates"),
    pytest.param("", [], id="no-lines"),
    pytest.param(
        "1. Visionen antas enligt följande lydelse:\nAlingsås är en stad.\nDe fokusområden är\n-Miljöer\n-Livskvalitet\n"
        "2. Styrelsen får i uppdrag att X.\n",
        ["Visionen antas enligt följande lydelse: Alingsås är en stad. De fokusområden är -Miljöer -Livskvalitet",
         "Styrelsen får i uppdrag att X."], id="numbered-items-keep-their-sub-list"),
    pytest.param("1. Ett enda numrerat\n- Punkt\n", ["Ett enda numrerat", "Punkt"], id="one-number-is-no-numbered-list"),
]


@pytest.mark.parametrize(("text", "expected"), TEXT_ITEMS)
def test_split_items_text(text: str, expected: list[str]) -> None:
    assert split_items(text_lines(text)) == expected


MARGINS = {1: 500.0}

POSITIONED_ITEMS = [
    pytest.param(
        [line("Kommunstyrelsen godkänner rapporten och lägger den med beröm till handlingarna", 500),
         line("med tack för arbetet.", 150),
         line("Förvaltningen får i uppdrag att återkomma.", 300)],
        ["Kommunstyrelsen godkänner rapporten och lägger den med beröm till handlingarna med tack för arbetet.",
         "Förvaltningen får i uppdrag att återkomma."],
        id="short-line-ends-item",
    ),
    pytest.param(
        [line("Nämnden beslutar att godkänna den reviderade taxan för tillsyn enligt", 500),
         line("miljöbalken", 120),
         line("samt att den ska gälla från och med den 1 januari 2027.", 400)],
        ["Nämnden beslutar att godkänna den reviderade taxan för tillsyn enligt miljöbalken samt att den ska "
         "gälla från och med den 1 januari 2027."],
        id="lowercase-carries-sentence-after-short-line",
    ),
    pytest.param(
        [line("att anta Regler för ersättningar till förtroendevalda 2027–", 260),
         line("2030.", 40)],
        ["att anta Regler för ersättningar till förtroendevalda 2027–2030."],
        id="dash-at-short-line-end-continues",
    ),
    pytest.param(
        [line("• Kommunstyrelsen", 120), line("• Ekonomiavdelningen", 140)],
        ["Kommunstyrelsen", "Ekonomiavdelningen"],
        id="bullets-short-lines",
    ),
    pytest.param(
        [line("§47 KF Motion gällande stärkt föreningsliv i Alingsås genom anslutning till", 300),
         line("Bidragsportalen - Anders Julin (S) med flera", 250)],
        ["§47 KF Motion gällande stärkt föreningsliv i Alingsås genom anslutning till Bidragsportalen - Anders Julin (S) "
         "med flera"],
        id="short-line-stopping-on-a-joining-word-goes-on",
    ),
]


@pytest.mark.parametrize(("lines", "expected"), POSITIONED_ITEMS)
def test_split_items_positioned(lines: list[Line], expected: list[str]) -> None:
    assert split_items(lines, MARGINS) == expected


def test_split_items_sentences_end_items() -> None:
    lines = text_lines("Kommunstyrelsen godkänner rapporten.\nKommunstyrelsen uppdrar åt förvaltningen.\n")
    assert split_items(lines, sentences=True) == [
        "Kommunstyrelsen godkänner rapporten.",
        "Kommunstyrelsen uppdrar åt förvaltningen.",
    ]


# --- split_list_entry ------------------------------------------------------------

LIST_ENTRIES = [
    pytest.param("AB Alingsås Rådhus, Fastighetskoncernen Alingsåshem AB, Alingsås Energi AB",
                 ["AB Alingsås Rådhus", "Fastighetskoncernen Alingsåshem AB", "Alingsås Energi AB"], id="three-companies"),
    pytest.param("Alingsås kommun och Vårgårda kommun", ["Alingsås kommun", "Vårgårda kommun"], id="och-two-bodies"),
    pytest.param("Barn- och ungdomsnämnden", ["Barn- och ungdomsnämnden"], id="suspended-hyphen-och"),
    pytest.param("Bygg- och miljönämnden, Kultur- och fritidsnämnden", ["Bygg- och miljönämnden", "Kultur- och fritidsnämnden"],
                 id="two-suspended-compounds"),
    pytest.param("Kultur- och fritidsnämnden och Bygg- och miljönämnden", ["Kultur- och fritidsnämnden", "Bygg- och miljönämnden"],
                 id="och-between-suspended-compounds"),
    pytest.param("Kommunstyrelsen, Ekonomiavdelningen och Kommunikationsenheten",
                 ["Kommunstyrelsen", "Ekonomiavdelningen", "Kommunikationsenheten"], id="comma-and-och"),
    pytest.param("Kommunstyrelsen; Ekonomiavdelningen", ["Kommunstyrelsen", "Ekonomiavdelningen"], id="semicolon"),
    pytest.param("Socialnämnden.", ["Socialnämnden"], id="full-stop-stripped"),
    pytest.param("Samtliga nämnder", ["Samtliga nämnder"], id="single"),
    pytest.param("Stadens nämnder och bolag", ["Stadens nämnder och bolag"], id="och-lower-case-is-one"),
    pytest.param("Nämnden för arbetsmarknad och vuxenutbildning", ["Nämnden för arbetsmarknad och vuxenutbildning"],
                 id="nämnden-för-x-och-y"),
    pytest.param("Arkivnämnden för Västra Götalandsregionen och Göteborgs Stad",
                 ["Arkivnämnden för Västra Götalandsregionen och Göteborgs Stad"], id="för-x-och-name"),
    pytest.param("Socialnämnderna – Hisingen, Nordost, Sydväst", ["Socialnämnderna – Hisingen, Nordost, Sydväst"],
                 id="dash-group"),
    pytest.param("Samhällsbyggnadskontoret - Planavdelningen, Stadsbyggnadskontoret, Socialnämnden",
                 ["Samhällsbyggnadskontoret - Planavdelningen", "Stadsbyggnadskontoret", "Socialnämnden"],
                 id="dash-in-the-first-of-several-bodies"),
    pytest.param("Azets, kommunrevisionen", ["Azets", "kommunrevisionen"], id="comma-lower-case"),
    pytest.param("", [], id="empty"),
    pytest.param(" , ,", [], id="only-separators"),
]


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Härryda kommun - (e-post borttagen)", ["Härryda kommun"], id="redacted-address"),
    pytest.param("Lilla Edets kommun – registrator@lillaedet.se", ["Lilla Edets kommun"], id="address"),
])
def test_an_address_after_a_recipient_is_no_part_of_it(text: str, expected: list[str]) -> None:
    assert split_list_entry(text) == expected


@pytest.mark.parametrize(("text", "expected"), LIST_ENTRIES)
def test_split_list_entry(text: str, expected: list[str]) -> None:
    assert split_list_entry(text) == expected


# --- section_key -----------------------------------------------------------------

SECTIONS = [
    pytest.param("2. Sammanfattning av ärendet", "description", id="numbered"),
    pytest.param("3.1 Bakgrund", "description", id="numbered-subsection"),
    pytest.param("1. att anta planen", None, id="numbered-item-is-no-heading"),
    pytest.param("Beslut", "decision", id="beslut"),
    pytest.param("BESLUT", "decision", id="beslut-upper"),
    pytest.param("Beslut:", "decision", id="beslut-colon"),
    pytest.param("Kommunstyrelsens beslut", "decision", id="kommunstyrelsens-beslut"),
    pytest.param("Nämndens beslut", "decision", id="namndens-beslut"),
    pytest.param("Beslutsunderlag", "attachments", id="beslutsunderlag"),
    pytest.param("Bilagor", "attachments", id="bilagor"),
    pytest.param("Handlingar", "attachments", id="handlingar"),
    pytest.param("Expedieras till", "recipients", id="expedieras-till"),
    pytest.param("Expedieras till:", "recipients", id="expedieras-till-colon"),
    pytest.param("Exp.", "recipients", id="exp"),
    pytest.param("Beslutet skickas till", "recipients", id="beslutet-skickas-till"),
    pytest.param("Kommunledningsutskottets förslag till kommunstyrelsen", "proposal", id="genitive-proposal-to-organ"),
    pytest.param("Kommunstyrelsens förslag till kommunfullmäktige", "proposal", id="ks-proposal-to-kf"),
    pytest.param("Förslag till beslut", "proposal", id="forslag-till-beslut"),
    pytest.param("Förvaltningens förslag till beslut", "proposal", id="forvaltningens-forslag"),
    pytest.param("Förvaltningens förslag till beslut i kommunfullmäktige", "proposal", id="forslag-beslut-i-kf"),
    pytest.param("Förslag till kommunfullmäktige", "proposal", id="forslag-till-kf"),
    pytest.param("Arbetsutskottets förslag till beslut:", "proposal", id="au-forslag-colon"),
    pytest.param("Beslutsförslag", "proposal", id="beslutsforslag"),
    pytest.param("Förslag till beslut på sammanträdet", "motions", id="forslag-pa-sammantradet"),
    pytest.param("Yrkanden", "motions", id="yrkanden"),
    pytest.param("Beslutsgång", "procedure", id="beslutsgang"),
    pytest.param("Propositionsordning", "procedure", id="propositionsordning"),
    pytest.param("Omröstning", "voting", id="omrostning"),
    pytest.param("Votering", "voting", id="votering"),
    pytest.param("Reservation", "reservation", id="reservation"),
    pytest.param("Protokollsanteckning", "note", id="protokollsanteckning"),
    pytest.param("Särskilt yttrande", "note", id="sarskilt-yttrande"),
    pytest.param("Jäv", "conflict", id="jav"),
    pytest.param("Ärendebeskrivning", "description", id="arendebeskrivning"),
    pytest.param("Sammanfattning av ärendet", "description", id="sammanfattning-av-arendet"),
    pytest.param("Beskrivning av ärendet", "description", id="beskrivning-av-arendet"),
    pytest.param("Ekonomisk bedömning", "consequences", id="ekonomisk-bedomning"),
    pytest.param("Upplysningar", "information", id="upplysningar"),
    pytest.param("Kommunstyrelsen beslutar att godkänna rapporten.", None, id="sentence"),
    pytest.param("Kommunstyrelsen beslutar", None, id="decision-lead-in"),
    pytest.param("Kommunstyrelsen föreslår kommunfullmäktige besluta", None, id="proposal-lead-in"),
    pytest.param("Förslaget till beslut innebär att kommunen sparar pengar", None, id="sentence-with-forslag"),
    pytest.param("Förslag till kommunfullmäktige.", None, id="full-stop-is-sentence"),
    pytest.param("Beslut om budget 2024", None, id="title-starting-with-beslut"),
    pytest.param("Förslag till " + "ord " * 40, None, id="too-long"),
    pytest.param("", None, id="empty"),
    pytest.param(
        "Socialnämndens beslut", "decision", id="genitive-organ-beslut",
    ),
    pytest.param("protokollsanteckning:", None, id="lower-case-is-a-wrapped-sentence"),
    pytest.param("Voteringslista: §92", "ballots", id="vote-list-with-paragraph"),
    pytest.param("Omröstningslista § 44", "ballots", id="vote-list-with-spaced-paragraph"),
    pytest.param("Mötet ajourneras mellan 17.02 och 17.09", "adjournment", id="adjournment"),
    pytest.param("Ordföranden ställer sedan förvaltningens förslag till beslut mot X", None,
                 id="sentence-naming-a-proposal"),
    pytest.param("Förslag till ramar för kommunens nämnder", None, id="forslag-till-non-organ"),
    pytest.param("Barn- och ungdomsnämndens arbetsutskotts förslag till beslut", "proposal", id="genitive-run"),
    pytest.param("Delegationsbeslut", "attachments", id="reported-documents"),
]


def test_inline_heading_splits_heading_and_content() -> None:
    sections = split_sections(text_lines("Förvaltningens förslag till beslut: Planen antas.\nAnna Berg (S) yrkar bifall.\n"))
    assert [(s.key, s.heading, [ln.text for ln in s.lines]) for s in sections] == [
        ("proposal", "Förvaltningens förslag till beslut", ["Planen antas.", "Anna Berg (S) yrkar bifall."])]


@pytest.mark.parametrize(("text", "expected"), SECTIONS)
def test_section_key(text: str, expected: str | None) -> None:
    assert section_key(line(text)) == expected
