"""Kallelser: kind, the meeting told apart from the notice, agenda items in their forms, the signer."""

from __future__ import annotations

import pytest

import sup_parse

HEAD = """Kallelse till sammanträde
Socialnämnden
2017-04-17

"""
SENTENCE = "Ledamöterna kallas till sammanträde med socialnämnden tisdagen den 25 april 2017\nkl. 13.00–15.30 i Väktaren, Stadshuset.\n\n"
LABELS = "Datum     2017-04-25\nTid       kl. 13.00–15.30\nPlats     Väktaren, Stadshuset\n\n"
SIGNER = "\nSundsvall den 17 april 2017\n\nTherese Mattsson\nOrdförande\n"

NUMBERED = """Föredragningslista
Val av justerare

1. Taxa för kulturskolan 2018
   Dnr Sn/2017:377 12
   Föredragande: Jan Elvhage

2. Revidering av attestreglemente
   Diarienr Sn/2017:641 200
   Förslag till beslut
   Attestreglementet antas.
"""
WORDED = """Dagordning

Ärende 1
Taxa för kulturskolan 2018
Ärendenummer SN-2017-00377

Ärende 2
Revidering av attestreglemente

Information

Punkt 3
Ekonomisk uppföljning per augusti 2017
"""
TABLE = """Nr    Ärende                                   Dnr
1     Taxa för kulturskolan 2018               Sn/2017:377 12
2     Revidering av attestreglemente           Sn/2017:641 200
"""


@pytest.mark.parametrize("intro", [SENTENCE, LABELS], ids=["sentence", "labels"])
def test_meeting_is_not_the_notice(intro: str) -> None:
    doc = sup_parse.parse(HEAD + intro + NUMBERED + SIGNER)
    assert doc.kind.value == "kallelse"
    assert doc.meeting is not None
    assert (doc.meeting.date, doc.meeting.start, doc.meeting.end, doc.meeting.place) == (
        "2017-04-25", "13:00", "15:30", "Väktaren, Stadshuset")
    assert doc.header.date == "2017-04-25" and doc.header.organ == "Socialnämnden"


AGENDAS = [
    pytest.param(NUMBERED, [(1, "Taxa för kulturskolan 2018", "Sn/2017:377 12"),
                            (2, "Revidering av attestreglemente", "Sn/2017:641 200")], id="numbered"),
    pytest.param(WORDED, [(1, "Taxa för kulturskolan 2018", "SN-2017-00377"), (2, "Revidering av attestreglemente", None),
                          (3, "Ekonomisk uppföljning per augusti 2017", None)], id="arende-punkt-grouped"),
    pytest.param(TABLE, [(1, "Taxa för kulturskolan 2018", "Sn/2017:377 12"),
                         (2, "Revidering av attestreglemente", "Sn/2017:641 200")], id="table"),
]


@pytest.mark.parametrize(("agenda", "items"), AGENDAS)
def test_agenda_items(agenda: str, items: list[tuple[int, str, str | None]]) -> None:
    doc = sup_parse.parse(HEAD + LABELS + agenda + SIGNER)
    assert [(p.number, p.title, p.dnr) for p in doc.paragraphs] == items


def test_item_proposal_and_signer() -> None:
    doc = sup_parse.parse(HEAD + LABELS + NUMBERED + SIGNER)
    assert doc.paragraphs[1].proposal is not None and doc.paragraphs[1].proposal.items == ["Attestreglementet antas."]
    assert doc.paragraphs[0].proposal is None
    assert [(s.role, s.name, s.title) for s in doc.signatures] == [(None, "Therese Mattsson", "Ordförande")]
