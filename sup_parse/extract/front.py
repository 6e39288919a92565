"""Fields → meeting, attendance, signatures, justering and anslag of a protocol."""

from __future__ import annotations

import regex

from .. import models as m
from ..blocks import UNKNOWN, Field
from ..normalize import (
    clean,
    find_dates,
    join_lines,
    parse_date,
    parse_paragraph_list,
    parse_paragraph_range,
    parse_time_range,
    split_person,
)
from ..vocabulary import Vocabulary, alternation, norm, vocabulary
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
        self.recusals: list[tuple[str, list[int]]] = []  # (name, §§) of "deltar ej … p.g.a. jäv"


def _values(f: Field) -> list[str]:
    return [clean(t) for t in f.texts if clean(t) and not _REFERENCE.match(clean(t))]


def fields_to_front(fields: list[Field]) -> FrontResult:
    r = FrontResult()
    posting = m.Posting()
    in_posting = False
    open_ended: list[tuple[m.Member, str, int]] = []
    not_serving: list[tuple[m.Member, list[int]]] = []
    mentioned: list[int] = []  # every § number the attendance names
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
            mentioned.extend(parse_paragraph_list(" ".join(vals)))
            for text in _entries(vals):
                p = split_person(text)
                if not p.name:
                    continue
                role = p.roles[0] if p.roles else ("tjänstgörande ersättare" if key == "serving" else None)
                paragraphs = p.paragraphs
                roles = _roles_with_paragraphs(text)
                if len(roles) >= 2:
                    # "vice ordförande §§ 131-136, …, ordförande §§ 137, 163-164": the §§ say
                    # which role, not whether present
                    role, paragraphs = role or roles[0], None
                member = m.Member(
                    name=p.name, party=p.party, role=role, substitute_for=p.substitute_for, paragraphs=paragraphs)
                r.attendance.members.append(member)
                bound = _open_bound(text)
                if bound:
                    open_ended.append((member, *bound))
                skipped = _not_serving(text)
                if skipped:
                    not_serving.append((member, skipped))
                    if _names_recusal(text):
                        r.recusals.append((p.name, skipped))
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
            mentioned.extend(parse_paragraph_list(" ".join(vals)))
            for text in _entries(vals):
                p = split_person(text)
                if p.name and p.has_party and not p.roles and _only_party_bracket(text):
                    # a politician among "Övriga närvarande": an ersättare present, not serving
                    r.attendance.substitutes.append(m.PartyPerson(name=p.name, party=p.party))
                    continue
                other = _other(text)
                if other:
                    r.attendance.others.append(other)
        elif key == "adjusters":
            for text in vals:
                r.adjusters.extend(name for name in _names(text) if name not in r.adjusters)
        elif key == "verification":
            r.verification = _verification(vals)
        elif key in {"secretary", "chair", "adjuster"} and not in_posting:
            role = {"secretary": "sekreterare", "chair": "ordförande", "adjuster": "justerare"}[key]
            for name in _signature_names(f):
                r.signatures.append(m.Signature(role=role, name=name))
        elif key == UNKNOWN:
            r.warnings.append(m.Warning(code="unknown-label", page=f.page,
                                        message=f"label not in the vocabulary, its value not read: {f.label}: "
                                                + "; ".join(vals)[:120]))
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
    if mentioned:
        span = range(min(mentioned), max(mentioned) + 1)
        for member, skipped in not_serving:
            # "deltar ej §§ 137, 163-164": every § the attendance list spans but those
            member.paragraphs = [n for n in span if n not in skipped] or None
    meeting_range = r.meeting.paragraphs
    for member, side, number in open_ended:
        # "till kl. 11.40 § 100": the §§ from the meeting's first up to that one
        if meeting_range and side == "until" and meeting_range.first <= number <= meeting_range.last:
            member.paragraphs = list(range(meeting_range.first, number + 1))
        elif meeting_range and side == "since" and meeting_range.first <= number <= meeting_range.last:
            member.paragraphs = list(range(number, meeting_range.last + 1))
    return r


_NAME_WORD = r"[A-ZÅÄÖÉÜ][\wÅÄÖåäöéü'’-]*"
_PERSON_MARK = regex.compile(
    r"(?<![\w-])" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){0,3}\s*\(\s*(?:[A-ZÅÄÖ]{1,4}|-|–)\s*\)")


def split_run_on(text: str) -> list[str]:
    """People written one after another in a run-on paragraph: "Christopher Rydell (S),
    ordförande Thomas Bolin (S) Christina Isaksson (M) tjänstgör för Haris Mehmedagic
    (M) Anna Carlsson (SD) till kl. 11.40 § 100" → one entry per "Name (Party)" that
    does not follow a substitution marker ("tjänstgör för", "ersätter", "för")."""
    markers = sorted(vocabulary().substitution_markers, key=len, reverse=True)
    linked = regex.compile(r"(?:^|\s)(?:" + "|".join(regex.escape(w) for w in markers) + r")$", regex.IGNORECASE)
    starts: list[int] = []
    last_end = 0
    for mm in _PERSON_MARK.finditer(text):
        between = text[last_end:mm.start()].strip(" ,;")
        if not starts or not linked.search(between):
            starts.append(mm.start())
        last_end = mm.end()
    if len(starts) < 2:
        return [text]
    starts[0] = 0
    return [piece for a, b in zip(starts, [*starts[1:], len(text)], strict=True)
            if (piece := clean(text[a:b]).strip(" ,;"))]


def _substitution_words(v: Vocabulary) -> dict[str, regex.Pattern[str]]:
    """Each word list of [substitution] as one whole-word pattern."""
    return {key: regex.compile(r"(?<!\w)" + alternation(words) + r"(?!\w)", regex.IGNORECASE)
            for key, words in v.data["substitution"].items() if isinstance(words, list)}


def _words_re(key: str) -> regex.Pattern[str]:
    return vocabulary().derive(_substitution_words).get(key) or regex.compile("(?!)")


def _not_serving(text: str) -> list[int]:
    """The §§ of "deltar ej §§ 137, 163-164 p.g.a. jäv"."""
    mm = _words_re("not_serving").search(text)
    return parse_paragraph_list(text[mm.end():]) if mm else []


def _names_recusal(text: str) -> bool:
    mm = _words_re("not_serving").search(text)
    return bool(mm and _words_re("recusal").search(text[mm.end():]))


def _roles_with_paragraphs(text: str) -> list[str]:
    """Roles each followed by its own §§: "vice ordförande §§ 131-136, ordförande §§ 137"."""
    v = vocabulary()
    out: list[str] = []
    for mm in v.role_re.finditer(text):
        if regex.match(r"\s*§", text[mm.end():]):
            role = v.role_index[norm(mm.group(1))]
            if role not in out:
                out.append(role)
    return out


def _open_bound(text: str) -> tuple[str, int] | None:
    """("until", 100) for "… till kl. 11.40 § 100", ("since", 101) for "… från § 101": one §
    that bounds the §§ served, the other end being the meeting's."""
    for side in ("until", "since"):
        mm = vocabulary().derive(_bound_words)[side].search(text)
        if mm:
            return side, int(mm.group(1))
    return None


def _bound_words(v: Vocabulary) -> dict[str, regex.Pattern[str]]:
    return {side: regex.compile(r"(?<!\w)" + alternation(v.words("substitution", side)) + r"(?!\w)[^§()]*?§\s*(\d{1,4})\s*$",
                                regex.IGNORECASE) for side in ("until", "since")}


def _only_party_bracket(text: str) -> bool:
    """The only bracket is the party, and no title follows a comma: "Anja Frid (V)",
    "Malin Tornberg (L) till kl. 11.40" — not "Per Ek (S) (ordförande revisionen)"."""
    brackets = regex.findall(r"\(([^()]*)\)", text)
    return len(brackets) == 1 and "," not in text.split("(", 1)[0]


def _entries(vals: list[str]) -> list[str]:
    """One entry per person; a line that starts in lower case or with § continues the last;
    a run-on paragraph of people is split (``split_run_on``)."""
    out: list[str] = []
    for text in vals:
        if out and (text[:1].islower() or text[:1] in "§(" or text[:1].isdigit() or out[-1].endswith(",")):
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
    return [piece for entry in out for piece in split_run_on(entry)]


_AGENDA_NOTE = regex.compile(r"(?i)^(?:punkt|p\.)\s+[A-ZÅÄÖ0-9](?:\s*[-–]\s*[A-ZÅÄÖ0-9])?(?:\s*§§?\s*\d+(?:\s*[-–]\s*\d+)?)?$|^§§?\s*\d")


def _is_unit(text: str, suffixes: list[str]) -> bool:
    """"samhällsbyggnadsförvaltningen", "kommunledningskontoret": one word naming a unit."""
    return len(text.split()) == 1 and text.casefold().endswith(tuple(suffixes))


def _other_of(name: str, title: str, unit: str) -> m.Other | None:
    p = split_person(name)
    return m.Other(name=p.name, title=title, unit=unit) if p.name else None


def _other(text: str) -> m.Other | None:
    """"Stefan Hollmark, kommundirektör, kommunstyrelseförvaltningen" or "Ulrika Månsson (kommunsekreterare)"."""
    text = clean(regex.sub(r",?\s*§§?\s*\d[\d\s,–—-]*$", "", clean(text)))  # "…, §§ 29–30": when, not who
    bracket = regex.match(r"^([^(,]+?)\s*\((.+)\)\s*(.*)$", text)
    v = vocabulary()
    if bracket:
        name = clean(bracket.group(1))
        inner = clean(bracket.group(2))
        # "(S) (ordförande kommunrevisionen)": skip a party bracket
        inner = regex.sub(r"^[A-ZÅÄÖ]{1,3}\)\s*\(", "", inner)
        pieces = [clean(x) for x in inner.split(",")]
        # "(punkt A, samhällsbyggnadsförvaltningen, tf VA-chef)": the agenda items a person
        # attended are a note, not a title; a förvaltning is the unit, whichever comes first
        pieces = [x for x in pieces if x and not _AGENDA_NOTE.match(x)]
        units = [x for x in pieces if _is_unit(x, v.department_suffixes)]
        titles = [x for x in pieces if x not in units]
        parts = titles[:1] + units if units and titles else [", ".join(pieces)] if pieces else []
        if units and titles:
            return _other_of(name, titles[0], ", ".join(units))
    else:
        pieces = [clean(p) for p in text.split(",")]
        name, parts = pieces[0], [p for p in pieces[1:] if p]
    p = split_person(name)
    if not p.name:
        return None
    title = parts[0] if parts else None
    unit = ", ".join(parts[1:]) if len(parts) > 1 else None
    if title and unit is None:
        # "enhetschef planeringsenheten", "ordförande kommunrevisionen": a position, then
        # the unit it is held in
        tm = regex.match(r"^(\S+(?:\s+\S+)?)\s+(\p{Ll}\S*(?:" + "|".join(v.department_suffixes + ["revisionen"]) + r"))$", title)
        if tm and not _is_unit(tm.group(1), v.department_suffixes):
            title, unit = tm.group(1), tm.group(2)
    if title and unit is None:
        # "Ordförande Sveriges Lärare": a role word, then the organisation it is held in
        rm = vocabulary().role_re.match(title)
        rest = title[rm.end():].strip() if rm else ""
        if rm and rest[:1].isupper():
            title, unit = title[: rm.end()], rest
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
    out: list[str] = []
    for value in f.values:
        text = clean(regex.sub(r"[._…·]{3,}", " ", value.text))
        if not text or _REFERENCE.match(text):
            continue
        if regex.search(r"\d{4}-\d{2}-\d{2}", text) or len(text) > 60:
            continue
        pieces = [clean(x) for x in text.split(",")]
        if len(pieces) > 1 and all(x[:1].isupper() for x in pieces):
            # "Fredrik Karström §§ 23–29, Leslie Qvandrup § 30": one chair per part of the meeting
            out.extend(q.name for q in (split_person(x) for x in pieces) if q.name)
            continue
        p = split_person(text)
        if p.name:
            out.append(p.name)
    return out


_JUSTERING_SENTENCE = regex.compile(r"(?i)\bjuster(?:ar|as|ades)\b[^.]*?\bprotokoll|\bprotokollet\s+justeras\b")


def verification_in_text(text: str) -> m.Verification | None:
    """The justering stated as a sentence in a § ("… justerar dagens protokoll … på
    Stadshuset, Gustaf Adolfs Torg 1, tisdagen den 16 december 2025, klockan 9:30.")."""
    for sentence in regex.split(r"(?<=[.!?])\s+(?=\p{Lu})", text):
        if not _JUSTERING_SENTENCE.search(sentence):
            continue
        dates = find_dates(sentence)
        if not dates:
            continue
        before = sentence[: dates[0].start]
        at = [mt.end() for mt in regex.finditer(r"\s(?:på|i)\s", before)]
        place = clean(before[at[-1]:]).strip(" ,;") if at else ""
        return m.Verification(place=place or None, date=dates[0].iso)
    return None


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
