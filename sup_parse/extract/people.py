"""Attendance: the people of a protocol from its labelled lists and its people tables.

A list is the values of a people label (Beslutande, Tjänstgörande ersättare, Ersättare,
Övriga närvarande, Frånvarande …): one entry per line, or a run-on paragraph split at
each "Name (Party)".  A table is a ``people`` table structure; its group is the people
label right above it, or, under a plain heading (Närvarolista), what each row says.

Per-§ presence is read from each entry ("§§ 12–19", "deltar ej i § 41 p.g.a. jäv",
"från § 186", "t.o.m. § 5", "kl. 08.15–11.40 §§ 92–100") and resolved against the
meeting's § range: the §§ served, or None when that is all of them; never a § outside
the range.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .. import models as m
from ..blocks import HANGING_INDENT, LIST_KEYS, Field, Value
from ..normalize import PARA_SIGN, clean, parse_paragraph_list, party_code, split_person
from ..structures import Row, Table
from ..vocabulary import Vocabulary, alternation, norm, vocabulary

PEOPLE_KEYS = LIST_KEYS


@dataclass
class People:
    attendance: m.Attendance = field(default_factory=m.Attendance)
    recusals: list[tuple[str, list[int]]] = field(default_factory=list)  # (name, §§) declared jäv in the list
    found: bool = False  # a people list or table was printed (even an empty one)
    presence: list[tuple[m.Member, Presence]] = field(default_factory=list)  # resolved once all are read


# --- entries --------------------------------------------------------------------------

def _person_mark(v: Vocabulary) -> regex.Pattern[str]:
    """A name followed by its party in brackets, where a run-on list starts an entry."""
    word = r"\p{Lu}[\p{L}'’-]*"
    particle = alternation(v.words("debate", "name_particles"))
    return regex.compile(rf"(?<![\w-]){word}(?:\s+(?:{particle}\s+)?{word}){{0,3}}\s*\(\s*(?:\p{{Lu}}{{1,4}}|-|–)\s*\)")


def _linked(v: Vocabulary) -> regex.Pattern[str]:
    return regex.compile(r"(?:^|\s)" + alternation(v.substitution_markers) + r"$", regex.IGNORECASE)


def split_run_on(text: str) -> list[str]:
    """People written one after another in a run-on paragraph → one entry per "Name
    (Party)" that does not follow a substitution marker (whom someone replaces)."""
    v = vocabulary()
    linked = v.derive(_linked)
    starts: list[int] = []
    last_end = 0
    for mm in v.derive(_person_mark).finditer(text):
        between = text[last_end:mm.start()].strip(" ,;")
        if not starts or not linked.search(between):
            starts.append(mm.start())
        last_end = mm.end()
    if len(starts) < 2:
        return [text]
    starts[0] = 0
    return [piece for a, b in zip(starts, [*starts[1:], len(text)], strict=True)
            if (piece := clean(text[a:b]).strip(" ,;"))]


def entries(vals: list[str], hangs: list[bool] | None = None) -> list[str]:
    """One entry per person: lines are joined where one goes on from the line above (or
    hangs under it: ``hangs``), and what is then written as running text is split at each
    "Name (Party)" or official."""
    linked = vocabulary().derive(_linked)
    out: list[str] = []
    for i, text in enumerate(vals):
        if out and ((hangs is not None and hangs[i]) or _continues(out[-1], text, linked)):
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
    return [piece for entry in out for piece in split_run_on(entry) for piece in split_officials(piece)]


def _continues(previous: str, text: str, linked: regex.Pattern[str]) -> bool:
    """``text`` goes on from the line above: it starts in lower case, with §, a digit or a
    bracket; or the line above ends in a comma, a hyphen or a substitution marker, or with
    a name whose party bracket has not come yet (after others that had theirs)."""
    if text[:1].islower() or text[:1] in "§(" or text[:1].isdigit():
        return True
    if previous.endswith((",", "-")) or linked.search(previous):
        return True
    tail = previous.rsplit(")", 1)[1].strip(" ,") if ")" in previous else ""
    return bool(tail) and all(w[:1].isupper() for w in tail.split())


def split_officials(text: str) -> list[str]:
    """Officials written one after another: "A (title), B (title)" or "A, title, B, title"
    → one entry each.  A capitalised piece after a title (a piece in lower case, or a closing
    bracket) starts the next person, unless it is one word (a unit, an organisation)."""
    pieces = [clean(p) for p in regex.split(r",\s*", text) if clean(p)]
    if vocabulary().derive(_person_mark).search(text) or (len(pieces) < 3 and not regex.search(r"\)\s*,\s*\p{Lu}", text)):
        return [text]  # a politician's entry (name and party) is one person
    out: list[list[str]] = [[pieces[0]]]
    for piece in pieces[1:]:
        previous = out[-1][-1]
        titled = len(out[-1]) > 1 or previous.endswith(")")
        if piece[:1].isupper() and titled and len(piece.split()) >= 2 and not _party_only(piece) \
                and not _organisation(piece):
            out.append([piece])
        else:
            out[-1].append(piece)
    return [", ".join(parts) for parts in out]


def _organisation(text: str) -> bool:
    """A piece naming an organisation, not a person: its last word (§§ aside) is an issuer,
    unit or organ word."""
    v = vocabulary()
    words = vocabulary().derive(_para_refs).sub(" ", text).split()
    last = words[-1].casefold() if words else ""
    ends = v.municipality_words + v.department_suffixes + v.organ_suffixes + v.words("attendance", "organisation_words")
    return last in ends or last.endswith(tuple(v.department_suffixes + v.organ_suffixes))


def _party_only(text: str) -> bool:
    return bool(regex.fullmatch(r"\(\s*(?:\p{Lu}{1,4}|-|–)\s*\)", text))


# --- per-§ presence -------------------------------------------------------------------------

def _presence_patterns(v: Vocabulary) -> dict[str, regex.Pattern[str]]:
    """A marker (deltar ej, från, t.o.m. …), at most a few words (a time, "i"), then a § list."""
    tail = r"(?P<rest>(?:[^§()\n]{0,24}?)" + PARA_SIGN + r"{1,2}\s*\d[\d\s,–—\-och§]*)"
    return {side: regex.compile(r"(?<!\w)" + alternation(v.words("substitution", side)) + r"(?!\w)\s*" + tail,
                                regex.IGNORECASE)
            for side in ("not_serving", "since", "until")}


@dataclass
class Presence:
    listed: list[int] = field(default_factory=list)  # §§ named without a marker
    excluded: list[int] = field(default_factory=list)
    since: int | None = None
    until: int | None = None
    recused: bool = False  # the exclusion names jäv


def read_presence(text: str) -> Presence:
    """The § marks of one entry, by what precedes them."""
    v = vocabulary()
    pats = v.derive(_presence_patterns)
    out = Presence()
    rest = text
    for side in ("not_serving", "since", "until"):
        for mm in pats[side].finditer(rest):
            numbers = parse_paragraph_list(mm.group("rest"))
            if not numbers:
                continue
            if side == "not_serving":
                out.excluded += numbers
                out.recused = out.recused or bool(v.derive(_recusal).search(text[mm.start():]))
            elif side == "since":
                out.since = numbers[0]
            else:
                out.until = numbers[-1]
            rest = rest[: mm.start()] + " " * (mm.end() - mm.start()) + rest[mm.end():]
    out.listed = paragraph_refs(rest)
    return out


def _para_refs(v: Vocabulary) -> regex.Pattern[str]:
    return regex.compile(r"(?:" + PARA_SIGN + r"{1,2}\s*|(?<=\)\s+))\d[\d\s,–—\-§]*(?:"
                         + alternation(v.words("grammar", "and")) + r"\s+\d+)?",
                         regex.IGNORECASE)


def paragraph_refs(text: str) -> list[int]:
    """The § numbers of every "§ n" / "§§ a–b, c" in ``text``; numbers without § only right
    after a bracket (the party's: a "Närvarande §§" cell run into the name's line)."""
    return [n for pm in vocabulary().derive(_para_refs).finditer(text) for n in parse_paragraph_list(pm.group(0))]


def _recusal(v: Vocabulary) -> regex.Pattern[str]:
    return regex.compile(r"(?<!\w)" + alternation(v.words("substitution", "recusal")) + r"(?!\w)", regex.IGNORECASE)


def served(p: Presence, rng: tuple[int, int] | None) -> list[int] | None:
    """The §§ served, resolved against the meeting's range; None when that is every §
    (or nothing is said).  Never a § outside the range."""
    whole = list(range(rng[0], rng[1] + 1)) if rng else None
    if p.listed:
        chosen = sorted(set(p.listed))
        if p.since is not None or p.until is not None:
            chosen = sorted(set(chosen) | set(_bounded(p, rng)))
    elif p.since is not None or p.until is not None:
        chosen = _bounded(p, rng)
    elif p.excluded and whole:
        chosen = [n for n in whole if n not in p.excluded]
    else:
        return None
    if whole:
        chosen = [n for n in chosen if rng[0] <= n <= rng[1]]  # type: ignore[index]
        if chosen == whole:
            return None
    return chosen or None


def _bounded(p: Presence, rng: tuple[int, int] | None) -> list[int]:
    if rng is None and (p.since is None or p.until is None):
        return [n for n in (p.since, p.until) if n is not None]
    low = p.since if p.since is not None else rng[0]  # type: ignore[index]
    high = p.until if p.until is not None else rng[1]  # type: ignore[index]
    return list(range(low, high + 1)) if low <= high else []


# --- one entry → a person ---------------------------------------------------------------------------

def _role_paragraphs(text: str) -> list[str]:
    """Roles each followed by its own §§ ("vice ordförande §§ 131-136, ordförande §§ 137"):
    the §§ then say which role, not whether present."""
    v = vocabulary()
    out: list[str] = []
    for mm in v.role_re.finditer(text):
        if regex.match(r"\s*" + PARA_SIGN, text[mm.end():]):
            role = v.role_index[norm(mm.group(1))]
            if role and role not in out:
                out.append(role)
    return out


def _member(text: str, key: str, rng: tuple[int, int] | None, people: People) -> None:
    p = split_person(text)
    if not p.name:
        return
    serving_role = vocabulary().data["attendance"]["serving_role"]
    role = p.roles[0] if p.roles else (serving_role if key == "serving" else None)
    presence = read_presence(text)
    by_role = _role_paragraphs(text)  # §§ after each of two roles say which role, not whether present
    member = m.Member(name=p.name, party=p.party, role=role or (by_role[0] if len(by_role) >= 2 else None),
                      substitute_for=p.substitute_for)
    people.attendance.members.append(member)
    if len(by_role) < 2:
        people.presence.append((member, presence))
    if presence.recused and presence.excluded:
        people.recusals.append((p.name, presence.excluded))


def _entry(text: str, key: str, rng: tuple[int, int] | None, people: People) -> None:
    """One entry of a people list, by the list it stands in."""
    att = people.attendance
    if key in {"members", "serving"}:
        _member(text, key, rng, people)
        return
    p = split_person(text)
    if not p.name:
        return
    if key == "substitutes":
        if p.substitute_for:  # listed among ersättare, but says whom they replace: serving
            _member(text, "serving", rng, people)
        else:
            att.substitutes.append(m.PartyPerson(name=p.name, party=p.party))
    elif key == "absent":
        att.absent.append(m.PartyPerson(name=p.name, party=p.party))
    elif key == "others":
        if p.has_party and not p.roles and _only_party_bracket(text):
            att.substitutes.append(m.PartyPerson(name=p.name, party=p.party))  # a politician among the others
            return
        other = read_other(text)
        if other:
            att.others.append(other)


def _only_party_bracket(text: str) -> bool:
    """The only bracket is the party, and no title follows a comma."""
    brackets = regex.findall(r"\(([^()]*)\)", text)
    return len(brackets) == 1 and "," not in text.split("(", 1)[0]


# --- officials ----------------------------------------------------------------------------------------

def _is_unit(text: str, suffixes: list[str]) -> bool:
    """One word naming a unit (a förvaltning, a kontor), or a compound of two joined by
    "och" ("vård- och omsorgsförvaltningen")."""
    if not text.casefold().endswith(tuple(suffixes)):
        return False
    words = text.split()
    return len(words) == 1 or len(words) == COMPOUND_WORDS and words[0].endswith("-") \
        and words[1].casefold() in vocabulary().words("grammar", "and")


COMPOUND_WORDS = 3  # "miljö- och byggförvaltningen"


def _agenda_note(v: Vocabulary) -> regex.Pattern[str]:
    """The agenda items a person attended, in brackets beside the title: a note, not a title."""
    item = r"[\p{Lu}\d](?:\s*[-–]\s*[\p{Lu}\d])?"
    return regex.compile(rf"(?i)^{alternation(v.words('attendance', 'agenda_item'))}\s+{item}"
                         rf"(?:\s*{PARA_SIGN}{{1,2}}\s*\d+(?:\s*[-–]\s*\d+)?)?$|^{PARA_SIGN}{{1,2}}\s*\d")


def _title_then_unit(v: Vocabulary) -> regex.Pattern[str]:
    """A position of a word or two, then a unit ending in a unit word ("enhetschef
    planeringsenheten")."""
    suffixes = v.department_suffixes + v.words("attendance", "unit_words")
    return regex.compile(r"^(\S+(?:\s+\S+)?)\s+(\p{Ll}\S*" + alternation(suffixes) + r")$")


def read_other(text: str) -> m.Other | None:
    """An official: "Name, title, unit", "Name (title)", "Name (title, unit)", "Name, title unit"."""
    v = vocabulary()
    text = clean(regex.sub(r",?\s*" + PARA_SIGN + r"{1,2}\s*\d[\d\s,–—-]*$", "", clean(text)))  # when, not who
    suffixes = v.department_suffixes + v.words("attendance", "unit_words")
    bracket = regex.match(r"^([^(,]+?)\s*\((.+)\)\s*(.*)$", text)
    if bracket:
        name = clean(bracket.group(1))
        inner = regex.sub(r"^\p{Lu}{1,3}\)\s*\(", "", clean(bracket.group(2)))  # a party bracket before the title
        pieces = [x for x in (clean(p) for p in inner.split(",")) if x and not v.derive(_agenda_note).match(x)]
        units = [x for x in pieces if _is_unit(x, suffixes)]
        titles = [x for x in pieces if x not in units]
        if units and titles:
            p = split_person(name)
            return m.Other(name=p.name, title=titles[0], unit=", ".join(units)) if p.name else None
        parts = [", ".join(pieces)] if pieces else []
    else:
        pieces = [clean(p) for p in text.split(",")]
        name, parts = pieces[0], [p for p in pieces[1:] if p]
    p = split_person(name)
    if not p.name:
        return None
    title = parts[0] if parts else None
    unit = ", ".join(parts[1:]) if len(parts) > 1 else None
    if title and unit is None:
        # a position, then the unit it is held in ("enhetschef planeringsenheten")
        tm = v.derive(_title_then_unit).match(title)
        if tm and not _is_unit(tm.group(1), suffixes):
            title, unit = tm.group(1), tm.group(2)
    if title and unit is None:
        # a role word, then the organisation it is held in ("Ordförande Sveriges Lärare")
        rm = v.role_re.match(title)
        rest = title[rm.end():].strip() if rm else ""
        if rm and rest[:1].isupper():
            title, unit = title[: rm.end()], rest
    if title:
        title = regex.sub(r"\s*" + PARA_SIGN + r"{1,2}\s*[\d\s,–-]+$", "", title).strip() or None
    return m.Other(name=p.name, title=title, unit=unit)


# --- tables -------------------------------------------------------------------------------------------

def _table_group(table: Table, fields: list[Field]) -> str | None:
    """The people label right above the table (the last one before its header), if any."""
    at = (table.page, table.header.top)
    above = [f for f in fields if f.line is not None and f.key in PEOPLE_KEYS and (f.page, f.line.top) < at]
    return above[-1].key if above else None


def _marked(text: str) -> bool:
    return bool(text) and text.casefold() not in vocabulary().words("attendance", "unmarked")


def _joined_rows(table: Table) -> list[Row]:
    """The table's rows, a row with only its name cell filled joined to the row above when
    that name goes on into it ("X tjänstgör för" over "Y")."""
    linked = vocabulary().derive(_linked)
    index = next((i for i, c in enumerate(table.columns) if c.key == "name"), None)
    out: list[Row] = []
    for row in table.rows:
        alone = index is not None and all(not text for i, text in enumerate(row.cells) if i != index)
        if out and alone and index is not None and linked.search(out[-1].cells[index]):
            above = out[-1]
            cells = list(above.cells)
            cells[index] = clean(f"{cells[index]} {row.cells[index]}")
            out[-1] = Row(cells=cells, lines=above.lines + row.lines, line_cells=above.line_cells + row.line_cells)
            continue
        out.append(row)
    return out


def _table_rows(table: Table, group: str | None, rng: tuple[int, int] | None, people: People) -> None:
    v = vocabulary()
    roles = v.role_index
    serving_role = v.data["attendance"]["serving_role"]
    substitute_roles = set(v.words("attendance", "substitute_roles"))
    for row in _joined_rows(table):
        name_text = table.cell(row, "name")
        p = split_person(name_text)
        if not p.name:
            continue
        party_text = table.cell(row, "party").strip("() ")
        party = party_code(party_text) if party_text else p.party
        role_text = clean(table.cell(row, "role"))
        role = roles.get(norm(role_text), role_text.casefold() if role_text else None) if role_text else (p.roles[0] if p.roles else None)
        sub_text = table.cell(row, "substitute_for")
        substitute_for = split_person(sub_text).name if sub_text else p.substitute_for
        presence = read_presence(" ".join(filter(None, [name_text, table.cell(row, "paragraphs"), table.cell(row, "note")])))
        if table.cell(row, "paragraphs") and not regex.search(PARA_SIGN, table.cell(row, "paragraphs")):
            presence.listed += parse_paragraph_list(table.cell(row, "paragraphs"))
        kind = group
        if kind in {None, "attendance_list"}:
            if _marked(table.cell(row, "absent")) and not _marked(table.cell(row, "present")):
                kind = "absent"
            elif substitute_for:
                kind = "serving"
            elif role in substitute_roles:
                kind = "substitutes"
            elif not party and role_text and role not in roles.values():
                kind = "others"
            else:
                kind = "members"
        if kind == "substitutes" and substitute_for:
            kind = "serving"
        att = people.attendance
        if kind in {"members", "serving"}:
            member_role = serving_role if substitute_for else (role or None)
            if member_role in substitute_roles and substitute_for:
                member_role = serving_role
            member = m.Member(name=p.name, party=party, role=member_role or None, substitute_for=substitute_for or None)
            att.members.append(member)
            people.presence.append((member, presence))
            if presence.recused and presence.excluded:
                people.recusals.append((p.name, presence.excluded))
        elif kind == "substitutes":
            att.substitutes.append(m.PartyPerson(name=p.name, party=party))
        elif kind == "absent":
            att.absent.append(m.PartyPerson(name=p.name, party=party))
        elif kind == "others":
            unit = clean(table.cell(row, "unit")) or None
            att.others.append(m.Other(name=p.name, title=role_text or None, unit=unit))


# --- all of it --------------------------------------------------------------------------------------

def _values(f: Field) -> list[str]:
    """A people field's value lines, without a pointer elsewhere ("Se närvarolista") and
    without a column heading alone over the list ("Namn")."""
    return [clean(value.text) for value in _kept(f)]


def _kept(f: Field) -> list[Value]:
    v = vocabulary()
    reference = v.derive(_reference)
    headings = {norm(w) for w in v.data.get("columns", {}).get("people", {}).get("name", [])}
    return [x for x in f.values if clean(x.text) and not reference.match(clean(x.text)) and norm(clean(x.text)) not in headings]


def _hangs(values: list[Value]) -> list[bool]:
    """Which value lines hang under the one above (set in from the list's column on a
    positioned page): the rest of a wrapped entry."""
    if not values or not all(x.line.positioned for x in values):
        return [False] * len(values)
    column = min(x.x0 for x in values)
    return [HANG_MIN < x.x0 - column <= HANGING_INDENT for x in values]


HANG_MIN = 2.0  # a line set in by more than this (points) from its list's column hangs


def _reference(v: Vocabulary) -> regex.Pattern[str]:
    """A value that points elsewhere ("Se närvarolista") instead of listing people."""
    return regex.compile(r"^" + alternation(v.words("attendance", "references")), regex.IGNORECASE)


def read_people(fields: list[Field], tables: list[Table], rng: tuple[int, int] | None) -> People:
    """The attendance from the people fields and the people tables, in document order."""
    people = People()
    named: list[int] = []  # every § the lists name
    for f in fields:
        if f.key not in PEOPLE_KEYS:
            continue
        kept = _kept(f)
        vals = [clean(x.text) for x in kept]
        named += paragraph_refs(" ".join(vals))
        people.found = people.found or bool(vals)
        for text in entries(vals, _hangs(kept)):
            _entry(text, f.key, rng, people)
    for table in tables:
        if table.kind != "people":
            continue
        people.found = True
        _table_rows(table, _table_group(table, fields), rng, people)
        named += [n for row in table.rows for n in paragraph_refs(table.cell(row, "paragraphs"))]
    # The §§ the lists name widen the range (a protocol split in parts states only its own
    # §§, while its lists speak of the whole meeting's), or are the range when none is known.
    if named:
        rng = (min(rng[0], *named), max(rng[1], *named)) if rng else (min(named), max(named))
    for member, presence in people.presence:
        member.paragraphs = served(presence, rng)
    return people
