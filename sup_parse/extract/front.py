"""Front-matter fields → meeting, signatures, justering and anslag (attendance: people.py).

Each reader takes the labelled fields of a part (``blocks.lines_to_fields``) and returns
one thing; the protocol and kallelse extractors call the ones they need.  Fields that
follow an anslag heading (ANSLAG/BEVIS) belong to the anslag: its date is no meeting
date and its signature no protocol signature.
"""

from __future__ import annotations

import regex

from .. import models as m
from ..blocks import UNKNOWN, Field
from ..normalize import (
    PARA_SIGN,
    clean,
    find_dates,
    join_lines,
    parse_date,
    parse_paragraph_range,
    parse_time_range,
    split_person,
)
from ..structures import Table
from ..vocabulary import Vocabulary, alternation, norm, vocabulary
from .common import split_list_entry


def _time_words(v: Vocabulary) -> regex.Pattern[str]:
    """A clock time with the word before it ("kl. 13.00", "klockan 9:30")."""
    return regex.compile(r"(?:(?<!\w)" + alternation(v.words("times", "clock_words")) + r"\s*)?\d{1,2}[.:]\d{2}",
                         regex.IGNORECASE)


def _clock_only(v: Vocabulary) -> regex.Pattern[str]:
    return regex.compile(r"^" + alternation(v.words("times", "clock_words")) + r"$", regex.IGNORECASE)


def _distance(v: Vocabulary) -> regex.Pattern[str]:
    return regex.compile(alternation(v.words("verification", "remote")), regex.IGNORECASE)


def _reference(v: Vocabulary) -> regex.Pattern[str]:
    return regex.compile(r"^" + alternation(v.words("attendance", "references")), regex.IGNORECASE)


def values(f: Field) -> list[str]:
    """The field's values, cleaned, without references elsewhere ("Se närvarolista")."""
    reference = vocabulary().derive(_reference)
    return [t for t in (clean(x) for x in f.texts) if t and not reference.match(t)]


def in_anslag(fields: list[Field]) -> list[bool]:
    """For each field: does it stand in an anslag block (after an ANSLAG/BEVIS heading)?"""
    out, inside = [], False
    for f in fields:
        inside = inside or f.key == "posting"
        out.append(inside)
    return out


# --- meeting ---------------------------------------------------------------------------------

def read_meeting(fields: list[Field]) -> m.Meeting:
    """Date, start and end, place and § range of the meeting."""
    meeting = m.Meeting()
    for f, anslag in zip(fields, in_anslag(fields), strict=True):
        vals = values(f)
        if not vals or anslag:
            continue  # the anslag repeats the meeting date
        if f.key in {"date", "time", "place", "place_time"}:
            vals = _without_range(vals, meeting)
        text = " ".join(vals)
        if f.key == "date":
            meeting.date = meeting.date or parse_date(text)
            _times(meeting, text)
        elif f.key == "time":
            _times(meeting, text)
            meeting.date = meeting.date or parse_date(text)
        elif f.key == "place":
            meeting.place = meeting.place or _one_sentence(join_lines(vals))
        elif f.key == "place_time":
            _place_time(meeting, vals)
        elif f.key == "paragraphs" and meeting.paragraphs is None:
            rng = parse_paragraph_range(text)
            if rng:
                meeting.paragraphs = m.ParagraphRange(first=rng[0], last=rng[1])
    return meeting


# A place's value ends at a full stop after a word of three letters or a lone capital ("sal
# A", not an abbreviation such as "St.") that a sentence of three words or more follows.
_NEXT_SENTENCE = regex.compile(r"(?<=\p{L}{3}|\s\p{Lu})\.\s+(?=\p{Lu}\S*\s+\S+\s+\S+)")


def _one_sentence(text: str) -> str:
    """A place, without the sentence printed after it in the same field."""
    return _NEXT_SENTENCE.split(text, maxsplit=1)[0]


def _without_range(vals: list[str], meeting: m.Meeting) -> list[str]:
    """A § range printed without its label under the meeting's place or time ("§§ 98-125"):
    the meeting's §§, not part of the value."""
    out = []
    for text in vals:
        # the range alone, or ending the value it was run into ("Rådhuset §§ 294-299")
        tail = regex.search(r"(?:^|\s)(" + PARA_SIGN + r"[\s\d" + PARA_SIGN + r"\-–—,.]*)$", text)
        rng = parse_paragraph_range(tail.group(1)) if tail else None
        if tail and rng:
            if meeting.paragraphs is None:
                meeting.paragraphs = m.ParagraphRange(first=rng[0], last=rng[1])
            text = text[: tail.start()].strip()
            if not text:
                continue
        out.append(text)
    return out


def _times(meeting: m.Meeting, text: str) -> None:
    start, end = parse_time_range(text)
    meeting.start = meeting.start or start
    meeting.end = meeting.end or end


def _place_time(meeting: m.Meeting, vals: list[str]) -> None:
    """"Stadshuset, kl. 13.00–15.30" / "2025-03-04": the date and times, and what is left is the place."""
    v = vocabulary()
    place_parts = []
    for text in vals:
        dates = find_dates(text)
        if dates and not meeting.date:
            meeting.date = dates[0].iso
        start, end = parse_time_range(text)
        if start:
            meeting.start, meeting.end = meeting.start or start, meeting.end or end
        rest = text
        for d in reversed(dates):
            rest = rest[: d.start] + rest[d.end:]
        if start:
            tm = v.derive(_time_words).search(rest)
            rest = rest[: tm.start()] if tm else rest
        rest = clean(rest)
        if dates or start:
            rest = rest.strip(" ,;–-")
        rest = v.derive(_clock_only).sub("", rest)
        if rest:
            place_parts.append(rest)
    if place_parts and meeting.place is None:
        meeting.place = join_lines(place_parts)


def read_organ(fields: list[Field]) -> str | None:
    """The organ named by an Organ label (an anslag's)."""
    return next((clean(values(f)[0]) for f in fields if f.key == "organ" and values(f)), None)


# --- signatures -----------------------------------------------------------------------------

def _names(text: str) -> list[str]:
    return [p.name for p in (split_person(piece) for piece in split_list_entry(text)) if p.name]


def signature_names(f: Field) -> list[str]:
    """Names under a signature label; names side by side are separate values."""
    return [name for name, _key, _title in signed_names(f)]


def _captions(v: Vocabulary) -> dict[str, str]:
    return {norm(w): key for key, words in v.data["columns"]["signatures"].items() for w in words}


def signed_names(f: Field) -> list[tuple[str, str | None, str | None]]:
    """Names under a signature label, each with the role printed under it as a caption
    ("Per Östlund (C)" / "ordförande" under "Justeras") and the title printed under it
    ("Anna Ek" / "nämndsekreterare"), if any: (name, [labels] key, title)."""
    v = vocabulary()
    reference = v.derive(_reference)
    out: list[tuple[str, str | None, str | None]] = []
    for value in f.values:
        text = clean(regex.sub(r"[._…·]{3,}", " ", value.text))
        caption = v.derive(_captions).get(norm(text))
        if caption and out and out[-1][1] is None:
            out[-1] = (out[-1][0], caption, out[-1][2])
            continue
        if out and out[-1][2] is None and _TITLE_LINE.fullmatch(text) and not caption:
            out[-1] = (out[-1][0], out[-1][1], text)  # a title in lower case under the name
            continue
        if not text or reference.match(text) or find_dates(text) or len(text) > 60:
            continue
        pieces = [clean(x) for x in text.split(",")]
        if len(pieces) > 1 and all(x[:1].isupper() for x in pieces):
            out.extend((q.name, None, None) for q in (split_person(x) for x in pieces)
                       if q.name and _looks_like_name(q.name))
            continue
        p = split_person(text)
        if p.name and _looks_like_name(p.name):
            out.append((p.name, None, None))
    return out


# A title under a signer's name: a few words in lower case, no digits.
_TITLE_LINE = regex.compile(r"\p{Ll}[\p{L}\-]*(?:\s+[\p{L}\-]+){0,3}")


def _looks_like_name(name: str) -> bool:
    """A person's name as signed: words that start in upper case, no digits, not too many."""
    words = name.split()
    return 1 <= len(words) <= NAME_WORDS and not any(ch.isdigit() for ch in name) and words[0][:1].isupper() \
        and words[-1][:1].isupper()


NAME_WORDS = 6


def grid_signatures(tables: list[Table]) -> list[m.Signature]:
    """Signatures from signature grids: each name under (or over) its role."""
    roles = vocabulary().data["signatures"]["roles"]
    out: list[m.Signature] = []
    for table in tables:
        if table.kind != "signatures":
            continue
        for row in table.rows:
            for col, text in zip(table.columns, row.cells, strict=True):
                if col.key in roles and text:
                    out.extend(m.Signature(role=roles[col.key], name=name) for name in _names(text))
    return out


def read_signatures(fields: list[Field], tables: list[Table] | None = None) -> list[m.Signature]:
    """Signatures from signature grids, and sekreterare, ordförande and justerare named under
    their labels (not the anslag's); the justerare chosen ("Utses att justera") where no
    justerare signs by name."""
    roles = vocabulary().data["signatures"]["roles"]
    out: list[m.Signature] = grid_signatures(tables or [])
    adjusters: list[str] = []
    for f, anslag in zip(fields, in_anslag(fields), strict=True):
        if f.key == "adjusters":
            for text in values(f):
                adjusters.extend(name for name in _names(text) if name not in adjusters)
        elif f.key in roles and not anslag:
            signed = (m.Signature(role=roles.get(caption or f.key, roles[f.key]), name=name, title=title)
                      for name, caption, title in signed_names(f))
            out.extend(s for s in signed if s not in out)
    adjuster = roles["adjuster"]
    if not any(s.role == adjuster for s in out):
        out.extend(m.Signature(role=adjuster, name=n) for n in adjusters)
    unique: dict[tuple[str | None, str | None], m.Signature] = {}
    for s in out:  # signatures printed twice (on the front page and at the end) are one each
        seen = unique.get((s.role, s.name))
        if seen is None or seen.title is None and s.title is not None:
            unique[(s.role, s.name)] = s
    return list(unique.values())


# --- justering and anslag -----------------------------------------------------------------------

def read_verification(fields: list[Field]) -> m.Verification | None:
    f = next((f for f in fields if f.key == "verification"), None)
    if f is not None:
        return _verification(values(f))
    # "Justeras den 23 oktober 2025": the signing label with the day it was signed
    for f in fields:
        dates = find_dates(" ".join(values(f))) if f.key == "adjuster" else []
        if dates:
            return m.Verification(place=None, date=dates[0].iso)
    return None


def _verification(vals: list[str]) -> m.Verification:
    v = vocabulary()
    text = clean(" ".join(vals))
    if not text:
        return m.Verification()
    dates = find_dates(text)
    date = dates[0].iso if dates else None
    if v.derive(_distance).search(text):
        return m.Verification(place=None, date=date)
    rest = text
    for d in reversed(dates):
        rest = rest[: d.start] + rest[d.end:]
    rest = v.derive(_time_words).sub("", rest)
    rest = clean(regex.sub(r"\s+,", ",", rest)).strip(" ,;–-")
    return m.Verification(place=rest or None, date=date)


def _justering_sentence(v: Vocabulary) -> regex.Pattern[str]:
    return regex.compile(alternation(v.words("verification", "sentences")), regex.IGNORECASE)


def _at_place(v: Vocabulary) -> regex.Pattern[str]:
    return regex.compile(r"\s" + alternation(v.words("verification", "place_words")) + r"\s", regex.IGNORECASE)


def verification_in_text(text: str) -> m.Verification | None:
    """The justering stated as a sentence in a §: the place after its last "på"/"i" before
    the date, and the date."""
    v = vocabulary()
    for sentence in regex.split(r"(?<=[.!?])\s+(?=\p{Lu})", text):
        if not v.derive(_justering_sentence).search(sentence):
            continue
        dates = find_dates(sentence)
        if not dates:
            continue
        before = sentence[: dates[0].start]
        at = [mt.end() for mt in v.derive(_at_place).finditer(before)]
        place = clean(before[at[-1]:]).strip(" ,;") if at else ""
        return m.Verification(place=place or None, date=dates[0].iso)
    return None


def read_posting(fields: list[Field]) -> m.Posting | None:
    posting = m.Posting()
    for f in fields:
        vals = values(f)
        if f.key == "posted_on":
            posting.posted_on = posting.posted_on or parse_date(" ".join(vals))
        elif f.key == "removed_on":
            posting.removed_on = posting.removed_on or parse_date(" ".join(vals))
        elif f.key == "storage" and vals:
            posting.storage = posting.storage or join_lines(vals)
        elif f.key == "signed_by":
            names = signature_names(f)
            posting.signed_by = posting.signed_by or (names[0] if names else None)
    if any(getattr(posting, k) for k in ("posted_on", "removed_on", "storage", "signed_by")):
        return posting
    return None


def label_warnings(fields: list[Field]) -> list[m.Warning]:
    """A label the vocabulary does not know, with the value it kept apart."""
    return [m.Warning(code="unknown-label", page=f.page,
                      message=f"label not in the vocabulary, its value not read: {f.label}: " + "; ".join(values(f))[:120])
            for f in fields if f.key == UNKNOWN]
