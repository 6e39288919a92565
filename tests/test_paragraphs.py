"""§-level steps of extract/paragraphs.py and the tjänsteskrivelse dnr: table-driven."""

from __future__ import annotations

import pytest
from helpers import text_lines

from sup_parse.extract.common import split_sections
from sup_parse.extract.paragraphs import _bare_decision, split_statements
from sup_parse.extract.tjanst import _dnr_and_organ


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Meddelandena noteras.\n", ["Meddelandena noteras."], id="noteras"),
    pytest.param("Informationen läggs till handlingarna.\n", ["Informationen läggs till handlingarna."], id="handlingarna"),
    pytest.param("Ärendet gäller en ny plan för skolan.\n", None, id="description-is-no-decision"),
    pytest.param("Planen antas. Styrelsen får i uppdrag att X.\n", None, id="two-sentences"),
])
def test_bare_decision(text: str, expected: list[str] | None) -> None:
    decision = _bare_decision(text_lines(text))
    assert (decision.items if decision else None) == expected


def test_yrkande_under_a_proposal_starts_a_motions_section() -> None:
    text = ("Förslag till beslut på sammanträdet\nArbetsutskottets förslag till beslut:\nPlanen antas.\n"
            "Heidi Hankanen Ängberg (C) föreslår följande tillägg:\nAtt X utreds.\nBeslutsgång\n")
    sections = split_statements(split_sections(text_lines(text)))
    assert [(s.key, [ln.text for ln in s.lines]) for s in sections] == [
        ("motions", []),
        ("proposal", ["Planen antas."]),
        ("motions", ["Heidi Hankanen Ängberg (C) föreslår följande tillägg:", "Att X utreds."]),
        ("procedure", []),
    ]


@pytest.mark.parametrize(("text", "dnr", "organ"), [
    pytest.param("2017.214 SN Socialnämnden", "2017.214 SN", "Socialnämnden", id="dnr-then-organ"),
    pytest.param("KS 2023/071", "KS 2023/071", None, id="dnr-only"),
    pytest.param("2019/KS 0260 005", "2019/KS 0260 005", None, id="spaced-dnr"),
])
def test_dnr_and_organ(text: str, dnr: str, organ: str | None) -> None:
    assert _dnr_and_organ(text) == (dnr, organ)


@pytest.mark.parametrize(("text", "proposal"), [
    pytest.param("Beslut\nBarn- och utbildningsnämnden beslutar att föreslå kommunstyrelsen, rekommendera "
                 "kommunfullmäktige, att godkänna rapporten.\n\nBilaga.\n",
                 ("Barn- och utbildningsnämnden", "Kommunstyrelsen"), id="proposes-to-another-organ"),
    pytest.param("Beslut\nNämnden beslutar att föreslå kommunfullmäktige att anta planen.\n",
                 ("Nämnden", "Kommunfullmäktige"), id="one-word-target"),
    pytest.param("Beslut\nRapporten godkänns.\n\nBilaga.\n", None, id="no-proposal"),
])
def test_decision_that_proposes(text: str, proposal: tuple[str, str] | None) -> None:
    from sup_parse import parse

    doc = parse("Kommunstyrelsen\nProtokoll\n\n§ 5\nRapport\n\n" + text)
    (p,) = doc.paragraphs
    assert p.decision is not None and all(not i.startswith("Bilaga") for i in p.decision.items)
    assert (None if p.proposal is None else (p.proposal.by, p.proposal.to)) == proposal


@pytest.mark.parametrize(("heading", "body", "expected"), [
    pytest.param("Arbetsutskottets förslag", "att anta planen", ("Arbetsutskottet", None, ["att anta planen"]),
                 id="genitive-without-till"),
    pytest.param("Förvaltningens förslag till beslut", "att avge yttrande", ("Förvaltningen", None, ["att avge yttrande"]),
                 id="items-under-a-complete-heading"),
    pytest.param("Kommunledningsutskottets förslag till kommunstyrelsen", "för beslut\natt anta planen",
                 ("Kommunledningsutskottet", "Kommunstyrelsen", ["att anta planen"]), id="lead-wrapped"),
    pytest.param("Tekniska förvaltningens förslag till tekniska nämnden", "Planen antas.",
                 ("Tekniska förvaltningen", "Tekniska nämnden", ["Planen antas."]), id="adjective-and-department"),
    pytest.param("Beslutsförslag", "Socialnämndens arbetsutskott föreslår socialnämnden besluta\natt anta planen",
                 ("Socialnämndens arbetsutskott", "Socialnämnden", ["att anta planen"]), id="proposes-lead-in"),
])
def test_proposal_heading_and_lead(heading: str, body: str, expected: tuple[str | None, str | None, list[str]]) -> None:
    from sup_parse import parse

    doc = parse(f"Kommunstyrelsen\nProtokoll\n\n§ 5\nPlan för X\n\n{heading}\n{body}\n\nBeslut\nKommunstyrelsen beslutar enligt förslaget.\n")
    (p,) = doc.paragraphs
    assert p.proposal is not None
    assert (p.proposal.by, p.proposal.to, p.proposal.items) == expected


@pytest.mark.parametrize("heading", ["Förslag", "Förslag till ramar för budget godkänns"])
def test_no_proposal_lead(heading: str) -> None:
    from sup_parse.extract.common import proposal_lead

    assert proposal_lead(heading) is None


@pytest.mark.parametrize(("title", "expected"), [
    pytest.param("Detaljplan för Stora Mellby 8:26, beslut om samråd (15/001 0-9)",
                 ("Detaljplan för Stora Mellby 8:26, beslut om samråd", "15/0010-9"), id="wrapped-inside-the-number"),
    pytest.param("Budget 2024 (KS 2023/071)", ("Budget 2024", "KS 2023/071"), id="spaced-form-kept"),
    pytest.param("Val av ledamot (SD)", ("Val av ledamot (SD)", None), id="a-party-is-no-dnr"),
    pytest.param("Information (muntlig)", ("Information (muntlig)", None), id="words-are-no-dnr"),
])
def test_bracketed_dnr_after_the_title(title: str, expected: tuple[str, str | None]) -> None:
    from sup_parse.extract.paragraphs import _bracketed_dnr

    assert _bracketed_dnr(title) == expected
