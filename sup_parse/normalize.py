"""Value normalisation: dates, times, § ranges, names with party and role.

Pure functions from a printed string to the contract's convention; each returns
``None`` (or an empty result) when the string does not hold what is asked, so a
caller can always tell "absent" from "found".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from .vocabulary import Vocabulary, alternation, norm, vocabulary

DASH = r"[-–—‐‑]"


def clean(text: str) -> str:
    """Collapse whitespace, strip, and fold the private-use bullets some PDFs carry."""
    return " ".join(text.replace("\u00ad", "").split())


# --- dates -----------------------------------------------------------------------

def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _century(yy: int) -> int:
    # Two-digit years: municipal archives reach back to the 1950s; treat 50–99 as 19xx.
    return 1900 + yy if yy >= 50 else 2000 + yy


@dataclass(frozen=True)
class DateMatch:
    iso: str
    start: int
    end: int


def _date_patterns(v: Vocabulary) -> list[tuple[regex.Pattern[str], str]]:
    return [
        (regex.compile(r"(?<!\d)(\d{4})\s*-\s*(\d{1,2})\s*-\s*(\d{1,2})(?!\d)"), "ymd"),
        (regex.compile(
            r"(?:" + v.weekday_re + r"\s+)?(?:" + alternation(v.words("grammar", "the")) + r"\s+)?(\d{1,2})"
            + alternation(v.words("grammar", "ordinal_suffixes")) + r"?\s+(" + v.month_re + r")\.?\s+(\d{4})(?!\d)",
            regex.IGNORECASE), "dmy-word"),
        (regex.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])"), "dmy-dot"),
        (regex.compile(r"(?<![\d/])(\d{4})/(\d{1,2})/(\d{1,2})(?![\d/])"), "ymd"),
        (regex.compile(r"(?<![\d-])(\d{2})(\d{2})(\d{2})(?![\d-])"), "yymmdd"),
    ]


def find_dates(text: str, *, compact: bool = False) -> list[DateMatch]:
    """Every date in ``text`` in reading order. ``compact`` also accepts "190807"."""
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for pattern, form in vocabulary().derive(_date_patterns):
        if form == "yymmdd" and not compact:
            continue
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            a, b, c = m.group(1), m.group(2), m.group(3)
            if form == "ymd":
                iso = _iso(int(a), int(b), int(c))
            elif form == "dmy-word":
                month = vocabulary().month_number(b)
                iso = _iso(int(c), month, int(a)) if month else None
            elif form == "dmy-dot":
                iso = _iso(int(c), int(b), int(a))
            else:
                iso = _iso(_century(int(a)), int(b), int(c))
            if iso:
                found.append(DateMatch(iso, m.start(), m.end()))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def parse_date(text: str | None, *, compact: bool = False) -> str | None:
    """The first date in ``text`` as ISO 8601, or None."""
    if not text:
        return None
    dates = find_dates(text, compact=compact)
    return dates[0].iso if dates else None


# --- times -----------------------------------------------------------------------

# A comma after a time ends it ("kl. 13.30, Kommunhuset"); a comma before a digit is a
# decimal ("13,5") and no time.
_TIME = r"(?<![\d.:,])([01]?\d|2[0-3])(?:[.:](\d{2}))?(?!\d|,\d)"


def _time_patterns(v: Vocabulary) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """A time range ("kl. 13.00–15.30", "13:00 till 15:30") and a single time ("kl 13")."""
    clock = r"(?:(?<!\w)" + alternation(v.words("times", "clock_words")) + r"\s*)"
    between = r"\s*(?:" + DASH + "|" + alternation(v.words("grammar", "to")) + r")\s*"
    return (regex.compile(clock + r"?(?<![\d.:,])([01]?\d|2[0-3])[.:](\d{2})(?![\d,])" + between + clock + "?" + _TIME,
                          regex.IGNORECASE),
            regex.compile(clock + _TIME + r"|(?<![\d.:,])([01]?\d|2[0-3])[.:](\d{2})(?!\d|[,.:]\d)", regex.IGNORECASE))


def _adjourned(v: Vocabulary) -> regex.Pattern[str]:
    return regex.compile(r"(?<!\w)" + alternation(v.debate["adjournment"] + v.words("times", "breaks")) + r"\b",
                         regex.IGNORECASE)


def _hhmm(h: str, m: str | None) -> str:
    return f"{int(h):02d}:{int(m or 0):02d}"


def parse_time_range(text: str | None) -> tuple[str | None, str | None]:
    """Start and end time ("13.00–13.35", "kl. 18:30-21:05", "kl 13") as HH:MM."""
    if not text:
        return None, None
    v = vocabulary()
    range_re, time_re = v.derive(_time_patterns)
    # several sessions ("08.15–12.10, 13.00–15.00"): the first start and the last end; an
    # adjournment's hours ("ajournering 10.00–10.20") are neither
    adjourned = v.derive(_adjourned)
    sessions, before = [], 0
    for m in range_re.finditer(text):
        if not adjourned.search(text[before:m.start()]):
            sessions.append(m)
        before = m.end()
    if sessions:
        first, last = sessions[0], sessions[-1]
        return _hhmm(first.group(1), first.group(2)), _hhmm(last.group(3), last.group(4))
    if before:
        return None, None  # an adjournment's hours only
    m = time_re.search(text)
    if m:
        if m.group(1) is not None:
            return _hhmm(m.group(1), m.group(2)), None
        return _hhmm(m.group(3), m.group(4)), None
    return None, None


# --- § numbers and ranges --------------------------------------------------------

# OCR and fonts turn "§" into other glyphs; the contract's readers only need the number.
PARA_SIGN = r"(?:§|&|\$)"


def _range_re(v: Vocabulary) -> regex.Pattern[str]:
    """A § range: "§§ 58–71", "§ 23-§ 30", "58 till 71"."""
    return regex.compile(PARA_SIGN + r"{0,2}\s*(\d{1,4})\s*(?:" + DASH + "|" + alternation(v.words("grammar", "to"))
                         + r")\s*" + PARA_SIGN + r"{0,2}\s*(\d{1,4})(?!\d)", regex.IGNORECASE)


_NUM_RE = regex.compile(r"(?<![\d.,/])(\d{1,4})(?!\d|[.,/:]\d)")


def parse_paragraph_list(text: str | None) -> list[int]:
    """All § numbers named in ``text``: "§§ 99-110", "§ 23-§ 30", "§§ 131-136, 138".

    Ranges expand to every number in them; single numbers are kept.  Returns [] for
    text that names none, and for ranges that run backwards or absurdly far.
    """
    if not text:
        return []
    out: set[int] = set()
    pieces: list[str] = []  # the text with each range blanked out, for the single numbers
    at = 0
    for m in vocabulary().derive(_range_re).finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        if a <= b <= a + 500:
            out.update(range(a, b + 1))
        pieces += [text[at:m.start()], " " * (m.end() - m.start())]
        at = m.end()
    pieces.append(text[at:])
    for m in _NUM_RE.finditer("".join(pieces)):
        out.add(int(m.group(1)))
    return sorted(out)


def parse_paragraph_range(text: str | None) -> tuple[int, int] | None:
    """The range a protocol covers: "58–71", "§§ 58-71", "§ 23-§ 30", "§116" (first == last)."""
    numbers = parse_paragraph_list(text)
    if not numbers:
        return None
    return numbers[0], numbers[-1]


# --- people ----------------------------------------------------------------------

_BARE_PARTY = regex.compile(r"[a-zåäö]{1,3}")
_PARTY_RE = regex.compile(r"\(\s*([A-Za-zÅÄÖåäö]{1,4}|-|–)\s*\)")


@dataclass
class Person:
    name: str
    party: str | None = None
    roles: tuple[str, ...] = ()
    substitute_for: str | None = None
    substitute_party: str | None = None
    paragraphs: list[int] | None = None
    notes: tuple[str, ...] = ()
    has_party: bool = False  # a party mark was printed, even "(-)"


def party_code(token: str) -> str | None:
    """Party letters as printed in brackets, upper case; "-" (an independent) is None."""
    token = token.strip()
    return None if token in {"-", "–"} else token.upper()


def _note_patterns(v: Vocabulary) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """A § list ("§§ 99-110 och 112") and a time note ("från kl. 14.20") beside a name."""
    and_ = alternation(v.words("grammar", "and"))
    # with its sign, or bare right after the party's bracket (a "Närvarande §§" column's
    # cell, run into the name's line by a converter: "Sara Lundin (S) 116–120, 124")
    refs = regex.compile(r"(?:" + PARA_SIGN + r"{1,2}\s*|(?<=\)\s+))\d(?:[\d\s,\-–—§]|" + and_ + r"\b)*",
                         regex.IGNORECASE)
    times = regex.compile(r"(?:" + alternation(v.words("times", "bounds")) + r"\s+)?" + alternation(v.words("times", "clock_words"))
                          + r"\s*\d{1,2}[.:]\d{2}(?:\s*" + DASH + r"\s*\d{1,2}[.:]\d{2})?", regex.IGNORECASE)
    return refs, times


def _note_start_re(v: Vocabulary) -> regex.Pattern[str]:
    return regex.compile(r"(?<=\s|^)" + alternation(v.attendance_notes) + r"\b", regex.IGNORECASE)


def _substitution_re(v: Vocabulary) -> regex.Pattern[str]:
    """Name, then a substitution marker, then whom: "X (S) ersätter Y (S)"."""
    return regex.compile(r"^(.*?\S)\s*,?\s+" + alternation(v.substitution_markers) + r"\s+(.+)$", regex.IGNORECASE)


def _strong_marker(v: Vocabulary) -> regex.Pattern[str]:
    return regex.compile(r"(?<!\w)" + alternation(v.words("substitution", "strong_markers")) + r"(?!\w)", regex.IGNORECASE)


def split_person(text: str, *, substitution: bool = True) -> Person:
    """Parse "Fredrik Bergkuist (M), tjänstgörande ersättare för Ulrica Riis-Pedersen (C)".

    Handles a party in brackets, roles in brackets or after a comma, "ersätter" /
    "för" / "tjänstgör för", § lists ("§§ 99-110"), and times ("kl. 08.15-11.40").
    ``substitution``: look for a marker; whom someone replaces is read without, so a
    chain of markers costs one split, not one call per link.
    """
    v = vocabulary()
    text = clean(text)
    person = Person(name="")
    # Substitution: split at the marker that follows the first party mark or comma.
    m = v.derive(_substitution_re).match(text) if substitution else None
    if m and (_PARTY_RE.search(m.group(1)) or "," in m.group(1) or v.derive(_strong_marker).search(m.group(0))):
        head, tail = m.group(1), m.group(2)
        other = split_person(tail, substitution=False)
        person.substitute_for = other.name or None
        person.substitute_party = other.party
        if other.paragraphs:
            person.paragraphs = other.paragraphs
        person.roles += tuple(r for r in other.roles if r)
        text = head
        person.roles = ("tjänstgörande ersättare",) + person.roles
    # "deltar ej i § 41 på grund av jäv", "från punkt B": a note, not part of the name,
    # and its § numbers are not the §§ served.
    nm = v.derive(_note_start_re).search(text)
    if nm:
        person.notes += (clean(text[nm.start():]),)
        text = text[: nm.start()]
    # § lists and times are notes on when the person took part.
    paras: list[int] = []
    para_refs, time_notes = v.derive(_note_patterns)
    for pm in list(para_refs.finditer(text)):
        paras.extend(parse_paragraph_list(pm.group(0)))
    text = para_refs.sub(" ", text)
    times = [tm.group(0) for tm in time_notes.finditer(text)]
    text = time_notes.sub(" ", text)
    if paras:
        person.paragraphs = sorted(set((person.paragraphs or []) + paras))
    person.notes = tuple(times)
    # Party and bracketed roles.
    parts = regex.findall(r"\(([^()]*)\)", text)
    party_mark = ""
    for inner in parts:
        inner_c = clean(inner)
        pm2 = _PARTY_RE.fullmatch(f"({inner_c})")
        if pm2 and (inner_c in {"-", "–"} or inner_c.isupper() or inner_c.upper() in v.parties):
            if not person.has_party:
                person.party = party_code(pm2.group(1))
                person.has_party = True
                party_mark = f"({inner})"
            continue
        role = v.role_index.get(norm(inner_c))
        if role:
            person.roles += (role,)
        elif inner_c:
            person.notes += (inner_c,)
    # A role printed after the party without a comma ("Per Ek (C) tjänstgörande
    # ersättare") is split off like one after a comma.
    if party_mark:
        text = text.replace(party_mark, ",", 1)
    text = regex.sub(r"\([^()]*\)", " ", text)
    # Roles after commas: "Anna Berg, ordförande".
    pieces = [clean(p) for p in text.split(",")]
    name = pieces[0]
    for piece in pieces[1:]:
        if not piece:
            continue
        role = v.role_index.get(norm(piece))
        if role:
            person.roles += (role,)
        else:
            person.notes += (piece,)
    # Bare lower-case party after the name ("Eva Lind c").
    head, _, last = name.rpartition(" ")  # name is clean(): single spaces, none at the ends
    if head and _BARE_PARTY.fullmatch(last) and last.upper() in v.parties and not person.has_party:
        name, person.party, person.has_party = head, last.upper(), True
    # The name ends before a word in lower case that is no name particle: what follows is a
    # note set after it without brackets or comma ("ej", "tjänstgör", "närvarande").
    words = name.split()
    particles = set(v.words("debate", "name_particles"))
    cut = next((i for i, w in enumerate(words) if i and w[:1].islower() and w not in particles), None)
    if cut is not None:
        person.notes += (" ".join(words[cut:]),)
        name = " ".join(words[:cut])
    person.name = clean(name.strip(" -–,.;"))
    return person


# --- joining wrapped lines ---------------------------------------------------------

_LINE_END_DASH = regex.compile(r"(\S*?)([-‐‑–—])$")


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines into one string, undoing line-end hyphenation.

    "Södertörns-" + "kommunerna" → "Södertörnskommunerna"; "för-" + "och" keeps
    "för- och"; "e-" + "cigaretter" and "IT-" + "stöd" keep the hyphen; a dash
    between numbers ("2027–" + "2030") is kept without a space.  Linear in the text's
    length: only the last word so far is looked at.
    """
    keep = set(vocabulary().words("grammar", "keep_hyphen_next"))
    pieces: list[str] = []
    tail = ""  # the joined text's last word (after its last space)
    for raw in lines:
        line = clean(raw)
        if not line:
            continue
        if not pieces:
            pieces.append(line)
            tail = _last_word(line, "")
            continue
        m = _LINE_END_DASH.search(tail)
        glue = " "
        if m:
            stem, dash = m.group(1), m.group(2)
            first = line.split(" ", 1)[0]
            if first.casefold() in keep or not stem:
                glue = " "
            elif stem[-1:].isdigit() and first[:1].isdigit():
                glue = ""
            elif dash != "-" or len(stem) <= 2 or stem.isupper() or not stem[-1:].isalpha() or not first[:1].islower():
                glue = "" if dash == "-" and stem[-1:].isalnum() and first[:1].isalnum() else " "
            else:
                pieces[-1] = pieces[-1][:-1]  # the hyphen goes
                tail = tail[:-1]
                glue = ""
        pieces.append(glue + line)
        tail = _last_word(line, tail if not glue else "")
    return "".join(pieces)


def _last_word(line: str, before: str) -> str:
    """The last word once ``line`` is appended to text whose last word is ``before`` (with
    no space between them)."""
    head, space, last = line.rpartition(" ")
    return last if space else before + line
