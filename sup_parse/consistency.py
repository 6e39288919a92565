"""Consistency warnings over a parsed protocol: what the document says in one place and
contradicts in another.  Each warning has a stable code (listed in the README).

- ``paragraph-outside-range`` / ``paragraph-missing``: § numbers against the stated range;
- ``paragraph-duplicate``: the same § number twice in the body;
- ``vote-count-mismatch``: a vote's counts disagree with its name-by-name list;
- ``voter-not-in-attendance`` / ``reserver-not-in-attendance``: a ballot or a
  reservation by someone the attendance does not list as serving.
"""

from __future__ import annotations

from collections import Counter

from . import models as m
from .vocabulary import vocabulary

VOTE_FIELDS = (("ja", "yes"), ("nej", "no"), ("avstår", "abstain"), ("frånvarande", "absent"))


def consistency_warnings(doc: m.Document) -> list[m.Warning]:
    out: list[m.Warning] = []
    out.extend(_range_warnings(doc))
    out.extend(_duplicate_warnings(doc))
    for para in doc.paragraphs:
        page = para.pages[0] if para.pages else None
        for i, vote in enumerate(para.votes, start=1):
            out.extend(_vote_warnings(para.number, i, vote, page))
        out.extend(_people_warnings(doc.attendance, para, page))
    return out


def range_gaps(doc: m.Document) -> tuple[m.ParagraphRange, list[int], list[int]] | None:
    """(the stated range, § numbers outside it, numbers of it not found) of a protokoll
    that states its range; None otherwise."""
    if not (doc.meeting and doc.meeting.paragraphs and doc.paragraphs and doc.kind == m.Kind.PROTOKOLL):
        return None
    rng = doc.meeting.paragraphs
    numbers = [p.number for p in doc.paragraphs]
    outside = [n for n in numbers if not rng.first <= n <= rng.last]
    missing = sorted(set(range(rng.first, rng.last + 1)) - set(numbers))
    return rng, outside, missing


def vote_mismatches(vote: m.Vote, fields: tuple[tuple[str, str], ...] = VOTE_FIELDS) -> list[tuple[str, int, int]]:
    """(vote word, count stated, count in the ballot list) where they differ."""
    if not vote.ballots:
        return []
    listed = Counter(b.vote for b in vote.ballots)
    out = []
    for word, attr in fields:
        stated = getattr(vote, attr)
        if stated is not None and stated != listed.get(word, 0):
            out.append((word, stated, listed.get(word, 0)))
    return out


def name_key(name: str) -> str:
    """A name compared case- and spacing-insensitively."""
    return " ".join(name.casefold().split())


def _range_warnings(doc: m.Document) -> list[m.Warning]:
    gaps = range_gaps(doc)
    if gaps is None:
        return []
    rng, outside, missing = gaps
    out = []
    if outside:
        out.append(m.Warning(code="paragraph-outside-range", page=None,
                             message=f"§ {', '.join(map(str, outside))} outside the stated range {rng.first}–{rng.last}"))
    if missing:
        out.append(m.Warning(code="paragraph-missing", page=None,
                             message=f"§ {', '.join(map(str, missing))} of the stated range {rng.first}–{rng.last} not found"))
    return out


def _duplicate_warnings(doc: m.Document) -> list[m.Warning]:
    counts = Counter(p.number for p in doc.paragraphs)
    return [m.Warning(code="paragraph-duplicate", page=next(p.pages[0] for p in doc.paragraphs if p.number == n and p.pages)
                      if any(p.pages for p in doc.paragraphs if p.number == n) else None,
                      message=f"§ {n} occurs {c} times in the body")
            for n, c in sorted(counts.items()) if c > 1]


def _vote_warnings(number: int, index: int, vote: m.Vote, page: int | None) -> list[m.Warning]:
    wrong = [f"{word} {stated} stated, {listed} in the list" for word, stated, listed in vote_mismatches(vote)]
    if not wrong:
        return []
    return [m.Warning(code="vote-count-mismatch", page=page,
                      message=f"§ {number}, vote {index}: " + "; ".join(wrong))]


def _people_warnings(att: m.Attendance | None, para: m.Paragraph, page: int | None) -> list[m.Warning]:
    if att is None or not att.members:
        return []
    serving = {name_key(p.name) for p in att.members if p.paragraphs is None or para.number in p.paragraphs}
    listed = serving | {name_key(p.name) for p in att.members}
    groups = tuple(vocabulary().debate["group_subjects"])
    out = []
    for vote in para.votes:
        for b in vote.ballots:
            if name_key(b.name) not in serving:
                out.append(m.Warning(code="voter-not-in-attendance", page=page,
                                     message=f"§ {para.number}: {b.name} votes but is not listed as serving in this §"))
    for res in para.reservations:
        for name in res.by:
            # a group ("Ledamöterna från SD") names no one to look up
            if len(name.split()) >= 2 and not name.casefold().startswith(groups) and name_key(name) not in listed:
                out.append(m.Warning(code="reserver-not-in-attendance", page=page,
                                     message=f"§ {para.number}: {name} reserves but is not in the attendance list"))
    return out
