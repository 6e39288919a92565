"""Fields → meeting, attendance, signatures, justering and anslag of a protocol."""

from __future__ import annotations

import regex

from .. import models as m
from ..blocks import Field
from ..normalize import clean, find_dates, join_lines, parse_date, parse_paragraph_range, parse_time_range, split_person
from .common import split_list_entry

_REFERENCE = regex.compile(r"^se\s+(?:närvarolista|nästa\s+sida|bilaga|sidan|separat|sist)", regex.IGNORECASE)
_DISTANCE = regex.compile(r"distans|digital|elektronisk", regex.IGNORECASE)
_TIME_LINE = regex.compile(r"(?:\bkl(?:ockan|\.)?\s*)?\d{1,2}[.:]\d{2}", regex.IGNORECASE)


class FrontResult:
    def __init__(self) -> None:
        self.meeting = m.Meeting()
        self.attendance = m.Attendance()
        self.signatures: list[m.Signature] = []
        self.verification: m.Verification | None = None
        self.posting: m.Posting | None = None
        self.adjusters: list[str] = []
        self.organ: str | None = None
        self.warnings: list[m.Warning] = []
        self.has_attendance = False


def _values(f: Field) -> list[str]:
    return [clean(t) for t in f.texts if clean(t) and not _REFERENCE.match(clean(t))]


def fields_to_front(fields: list[Field]) -> FrontResult:
    r = FrontResult()
    posting = m.Posting()
    in_posting = False
    for f in fields:
        vals = _values(f)
        key = f.key
        if key == "posting":
            in_posting = True
            continue
        if key == "date" and vals:
            if in_posting:
                continue  # the anslag repeats the meeting date
            r.meeting.date = r.meeting.date or parse_date(" ".join(vals))
            start, end = parse_time_range(" ".join(vals))
            r.meeting.start = r.meeting.start or start
            r.meeting.end = r.meeting.end or end
        elif key == "time" and vals:
            start, end = parse_time_range(" ".join(vals))
            r.meeting.start, r.meeting.end = start or r.meeting.start, end or r.meeting.end
            r.meeting.date = r.meeting.date or parse_date(" ".join(vals))
        elif key == "place" and vals:
            r.meeting.place = join_lines(vals)
        elif key == "place_time" and vals:
            place_parts = []
            for text in vals:
                dates = find_dates(text)
                if dates and not r.meeting.date:
                    r.meeting.date = dates[0].iso
                start, end = parse_time_range(text)
                if start:
                    r.meeting.start, r.meeting.end = start, end or r.meeting.end
                rest = text
                for d in reversed(dates):
                    rest = rest[: d.start] + rest[d.end :]
                if start:
                    tm = _TIME_LINE.search(rest)
                    rest = rest[: tm.start()] if tm else rest
                rest = clean(rest)
                if dates or start:
                    rest = rest.strip(" ,;–-")
                rest = regex.sub(r"^(?:klockan|kl\.?)$", "", rest, flags=regex.IGNORECASE)
                if rest:
                    place_parts.append(rest)
            if place_parts:
                r.meeting.place = join_lines(place_parts)
        elif key == "paragraphs" and vals:
            rng = parse_paragraph_range(" ".join(vals))
            if rng and not r.meeting.paragraphs:
                r.meeting.paragraphs = m.ParagraphRange(first=rng[0], last=rng[1])
        elif key in {"members", "serving"}:
            r.has_attendance = r.has_attendance or bool(vals)
            for text in _entries(vals):
                p = split_person(text)
                if not p.name:
                    continue
                role = p.roles[0] if p.roles else ("tjänstgörande ersättare" if key == "serving" else None)
                r.attendance.members.append(m.Member(
                    name=p.name, party=p.party, role=role, substitute_for=p.substitute_for, paragraphs=p.paragraphs))
        elif key == "substitutes":
            r.has_attendance = r.has_attendance or bool(vals)
            for text in _entries(vals):
                p = split_person(text)
                if p.substitute_for:  # "ersättare" heading but the line says whom they replace
                    r.attendance.members.append(m.Member(name=p.name, party=p.party, role="tjänstgörande ersättare",
                                                         substitute_for=p.substitute_for, paragraphs=p.paragraphs))
                elif p.name:
                    r.attendance.substitutes.append(m.PartyPerson(name=p.name, party=p.party))
        elif key == "absent":
            r.has_attendance = r.has_attendance or bool(vals)
            for text in _entries(vals):
                p = split_person(text)
                if p.name:
                    r.attendance.absent.append(m.PartyPerson(name=p.name, party=p.party))
        elif key == "others":
            r.has_attendance = r.has_attendance or bool(vals)
            for text in _entries(vals):
                other = _other(text)
                if other:
                    r.attendance.others.append(other)
        elif key == "adjusters":
            for text in vals:
                for name in _names(text):
                    r.adjusters.append(name)
        elif key == "verification":
            r.verification = _verification(vals)
        elif key in {"secretary", "chair", "adjuster"} and not in_posting:
            role = {"secretary": "sekreterare", "chair": "ordförande", "adjuster": "justerare"}[key]
            for name in _signature_names(f):
                r.signatures.append(m.Signature(role=role, name=name))
        elif key == "organ" and vals:
            r.organ = r.organ or clean(vals[0])
        elif key == "posted_on":
            posting.posted_on = parse_date(" ".join(vals))
        elif key == "removed_on":
            posting.removed_on = parse_date(" ".join(vals))
        elif key == "storage" and vals:
            posting.storage = join_lines(vals)
        elif key == "signed_by":
            names = _signature_names(f)
            if names:
                posting.signed_by = names[0]
    if any(getattr(posting, k) for k in ("posted_on", "removed_on", "storage", "signed_by")):
        r.posting = posting
    return r


def _entries(vals: list[str]) -> list[str]:
    """One entry per person; a line that starts in lower case or with § continues the last."""
    out: list[str] = []
    for text in vals:
        if out and (text[:1].islower() or text[:1] in "§(" or text[:1].isdigit()):
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
    return out


def _other(text: str) -> m.Other | None:
    """"Stefan Hollmark, kommundirektör, kommunstyrelseförvaltningen" or "Ulrika Månsson (kommunsekreterare)"."""
    text = clean(text)
    bracket = regex.match(r"^([^(,]+?)\s*\((.+)\)\s*(.*)$", text)
    if bracket:
        name = clean(bracket.group(1))
        inner = clean(bracket.group(2))
        # "(S) (ordförande kommunrevisionen)": skip a party bracket
        inner = regex.sub(r"^[A-ZÅÄÖ]{1,3}\)\s*\(", "", inner)
        parts = [inner]
    else:
        pieces = [clean(p) for p in text.split(",")]
        name, parts = pieces[0], [p for p in pieces[1:] if p]
    p = split_person(name)
    if not p.name:
        return None
    title = parts[0] if parts else None
    unit = ", ".join(parts[1:]) if len(parts) > 1 else None
    if title:
        title = regex.sub(r"\s*" + r"§§?\s*[\d\s,–-]+$", "", title).strip() or None
    return m.Other(name=p.name, title=title, unit=unit)


def _names(text: str) -> list[str]:
    names = []
    for piece in split_list_entry(text):
        p = split_person(piece)
        if p.name:
            names.append(p.name)
    return names


def _signature_names(f: Field) -> list[str]:
    """Names under a signature label; names side by side are separate values."""
    out = []
    for value in f.values:
        text = clean(regex.sub(r"[._…·]{3,}", " ", value.text))
        if not text or _REFERENCE.match(text):
            continue
        if regex.search(r"\d{4}-\d{2}-\d{2}", text) or len(text) > 60:
            continue
        p = split_person(text)
        if p.name:
            out.append(p.name)
    return out


def _verification(vals: list[str]) -> m.Verification:
    text = clean(" ".join(vals))
    if not text:
        return m.Verification()
    dates = find_dates(text)
    date = dates[0].iso if dates else None
    if _DISTANCE.search(text):
        return m.Verification(place=None, date=date)
    rest = text
    for d in reversed(dates):
        rest = rest[: d.start] + rest[d.end :]
    rest = _TIME_LINE.sub("", rest)
    rest = clean(regex.sub(r"\s+,", ",", rest)).strip(" ,;–-")
    return m.Verification(place=rest or None, date=date)
