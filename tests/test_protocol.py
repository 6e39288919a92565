"""Whole-protocol behaviour on small texts written for the rule under test."""

from __future__ import annotations

import sup_parse
from sup_parse import models as m

HEAD = "Barn- och utbildningsnämnden\nSammanträdesprotokoll\nSida {n} av 4\n\n"


def test_bilaga_in_the_middle_stays_out_of_the_paragraph_it_interrupts() -> None:
    text = (HEAD.format(n=1) + "§ 23\nLäsårstider\n\nBeslut\nLäsårstiderna fastställs.\n\f"
            "Bilaga 1\nLäsårstider 2025/2026\n\nHöstterminen börjar 18 augusti.\n\f"
            + HEAD.format(n=3) + "§ 24\nBudget\n\nBeslut\nBudgeten antas.\n\f")
    doc = sup_parse.parse(text)
    assert [(p.number, p.decision.items if p.decision else None) for p in doc.paragraphs] == [
        (23, ["Läsårstiderna fastställs."]), (24, ["Budgeten antas."])]
    assert [(e.kind, e.pages) for e in doc.enclosures] == [(m.Kind.BILAGA, [2])]


def test_cited_paragraphs_of_another_organ_stay_in_the_citing_paragraph() -> None:
    text = ("Tekniska nämnden\nProtokoll\n\nPlats och tid    Rådhuset, kl. 13.00-15.00\n"
            "Beslutande       Anna Ek (S), ordförande\nParagrafer       §§ 30-31\n\f"
            "§ 30 2026.001 TEN\nDelegerade beslut\n\nBeslut\nRedovisningen godkänns.\n\f"
            "§ 31 2026.002 TEN\nMeddelanden\n\nÄrendebeskrivning\n"
            "§ 67 2026.142 KS Revidering av riktlinjer\n§ 63 2025.354 KS Rutin mot hot och våld\n\f")
    doc = sup_parse.parse(text)
    assert [p.number for p in doc.paragraphs] == [30, 31]
    assert not [w for w in doc.warnings if w.code.startswith("paragraph-")]


def test_organ_broken_inside_a_word_in_the_page_header() -> None:
    doc = sup_parse.parse("Överförmyndarnämnde\nn\nProtokoll\n2026-06-11\n\n§ 29\nRedovisning\n\nBeslut\nRedovisningen godkänns.\n"
                          "\n§ 30\nMeddelanden\n\nBeslut\nMeddelandena noteras.\n")
    assert doc.header.organ == "Överförmyndarnämnden"
