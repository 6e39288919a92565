"""Consistency warnings (sup_parse/consistency.py): one passing and one failing case each."""

from __future__ import annotations

import pytest

from sup_parse import models as m
from sup_parse.consistency import consistency_warnings


def doc(paragraphs: list[m.Paragraph], members: list[str] | None = None, rng: tuple[int, int] | None = None) -> m.Document:
    return m.Document(
        kind=m.Kind.PROTOKOLL,
        meeting=m.Meeting(paragraphs=m.ParagraphRange(first=rng[0], last=rng[1])) if rng else None,
        attendance=m.Attendance(members=[m.Member(name=n) for n in members]) if members else None,
        paragraphs=paragraphs,
    )


def ballots(*pairs: tuple[str, str]) -> list[m.Ballot]:
    return [m.Ballot(name=n, vote=v) for n, v in pairs]


CASES = [
    pytest.param(doc([m.Paragraph(number=1), m.Paragraph(number=2)], rng=(1, 2)), [], id="range-complete"),
    pytest.param(doc([m.Paragraph(number=1)], rng=(1, 3)), ["paragraph-missing"], id="range-missing"),
    pytest.param(doc([m.Paragraph(number=1), m.Paragraph(number=9)], rng=(1, 2)),
                 ["paragraph-outside-range", "paragraph-missing"], id="range-outside"),
    pytest.param(doc([m.Paragraph(number=1, pages=[2]), m.Paragraph(number=1, pages=[3])]),
                 ["paragraph-duplicate"], id="duplicate"),
    pytest.param(doc([m.Paragraph(number=1, votes=[m.Vote(yes=1, no=1, ballots=ballots(("A B", "ja"), ("C D", "nej")))])],
                     members=["A B", "C D"]), [], id="vote-adds-up"),
    pytest.param(doc([m.Paragraph(number=1, votes=[m.Vote(yes=2, no=0, ballots=ballots(("A B", "ja"), ("C D", "nej")))])],
                     members=["A B", "C D"]), ["vote-count-mismatch"], id="vote-does-not-add-up"),
    pytest.param(doc([m.Paragraph(number=1, votes=[m.Vote(yes=1, no=0, ballots=ballots(("E F", "ja")))])],
                     members=["A B"]), ["voter-not-in-attendance"], id="voter-unknown"),
    pytest.param(doc([m.Paragraph(number=1, reservations=[m.Reservation(by=["E F"])])], members=["A B"]),
                 ["reserver-not-in-attendance"], id="reserver-unknown"),
    pytest.param(doc([m.Paragraph(number=1, reservations=[m.Reservation(by=["Ledamöterna från SD"])])], members=["A B"]),
                 [], id="group-reservation-is-not-looked-up"),
]


@pytest.mark.parametrize(("document", "codes"), CASES)
def test_consistency_warnings(document: m.Document, codes: list[str]) -> None:
    assert [w.code for w in consistency_warnings(document)] == codes


def test_member_serving_only_some_paragraphs_cannot_vote_in_others() -> None:
    d = doc([m.Paragraph(number=5, votes=[m.Vote(yes=1, no=0, ballots=ballots(("A B", "ja")))])])
    d.attendance = m.Attendance(members=[m.Member(name="A B", paragraphs=[1, 2])])
    assert [w.code for w in consistency_warnings(d)] == ["voter-not-in-attendance"]
