"""A §'s debate: yrkanden, omröstningar, voteringslistor, reservationer, anteckningar, jäv.

Each function reads one thing from text or lines and is testable alone:

- :func:`find_statements` splits running text into statements made by named people
  ("X (S) och Y (M) yrkar bifall till …", "Ledamöterna från SD reserverar sig …");
- :func:`find_votes` reads vote counts from running text;
- :func:`ballots_from` reads name-by-name vote tables (Voteringslista) from a table structure;
- :func:`find_recused` and :func:`is_restricted` read jäv and secrecy marks.

The words are data (``[debate]`` and ``[votes]`` in ``data/vocabulary.toml``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .. import models as m
from ..normalize import clean, party_code, split_person
from ..structures import Table
from ..vocabulary import Vocabulary, alternation, norm, vocabulary

# --- people in running text ------------------------------------------------------

_PARTY = r"\(\s*(?:\p{Lu}{1,4}|-|–)\s*\)"


def _build_patterns(v: Vocabulary) -> dict[str, regex.Pattern[str]]:
    d = v.debate
    particles = alternation(d["name_particles"])
    # a capitalised word ("Lindqvist", "Eva-Lotta") or an initial ("M."), never a word
    # that ends a sentence ("i stadshuset. Anna Berg (S)")
    word = r"\p{Lu}(?:\.|[\p{L}'’]*(?:-\p{Lu}?[\p{L}'’]+)*)"
    name = rf"{word}(?:\s+(?:{particles}\s+)*{word}){{0,4}}"
    person = rf"{name}\s*{_PARTY}"
    and_ = f"(?i:{alternation(v.words('grammar', 'and'))})"
    joiner = rf"\s*(?:,\s*(?:{and_}\s+)?|\s+{and_}\s+|\s*&\s*)"
    group = rf"(?:{alternation(d['group_subjects'])})\s+\(?\p{{Lu}}{{1,4}}\)?(?:(?:\s*,\s*|\s+{and_}\s+)\(?\p{{Lu}}{{1,4}}\)?)*"
    verb = "|".join(f"(?P<{_group_name(k)}>{alternation(d[k])})" for k in STATEMENTS)
    subject = rf"(?P<subject>(?:{person})(?:{joiner}(?:{person}))*|(?i:{group}))"
    return {
        "statement": regex.compile(rf"(?<![\p{{L}}])(?:(?i:{alternation(d['name_prefixes'])})\s+)?{subject}\s*,?\s+(?i:{verb})\b"),
        "person": regex.compile(rf"(?P<name>{name})\s*(?P<party>{_PARTY})"),
        "prefix": regex.compile(rf"^(?i:{alternation(d['name_prefixes'])})\s+"),
        "conflict": regex.compile(rf"\b(?i:{alternation(d['conflict_words'])})\b"),
        "restricted": regex.compile(rf"(?i:{alternation(d['restricted'])})"),
        "immediate": regex.compile(rf"(?i:{alternation(d['immediate'])})"),
        "motion_end": regex.compile(rf"\s+(?i:{alternation(d['motion_end'])})\s"),
        "subject": regex.compile(rf"^{subject}"),
    }


def _patterns() -> dict[str, regex.Pattern[str]]:
    return vocabulary().derive(_build_patterns)


# The kinds of statement, as [debate] names their verbs; a motion last, as the weakest.
STATEMENTS = ("reservation", "protokollsanteckning", "särskilt yttrande", "motion")


def _group_name(kind: str) -> str:
    """The regex group of a kind of statement (a kind's name may hold a space)."""
    return f"k{STATEMENTS.index(kind)}"


def names_in(text: str) -> list[str]:
    """The names of "A (S), B (M) och C (KD)", without party, in printed order."""
    pats = _patterns()
    out: list[str] = []
    for pm in pats["person"].finditer(text):
        name = pats["prefix"].sub("", clean(pm.group("name")))
        if name and name not in out:
            out.append(name)
    return out


@dataclass
class Statement:
    kind: str  # motion | reservation | protokollsanteckning | särskilt yttrande
    by: list[str]
    verb: str
    text: str  # what follows the verb, up to the next statement
    start: int = 0


def find_statements(text: str) -> list[Statement]:
    """Statements in running text, in order, each running up to the next one."""
    pats = _patterns()
    found = list(pats["statement"].finditer(text))
    out: list[Statement] = []
    for i, mt in enumerate(found):
        kind = next(k for k in STATEMENTS if mt.group(_group_name(k)))
        subject = mt.group("subject")
        by = names_in(subject) or [clean(subject)]
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        rest = clean(text[mt.end():end])
        out.append(Statement(kind=kind, by=by, verb=clean(mt.group(_group_name(kind))), text=rest, start=mt.start()))
    return out


def subject_names(text: str) -> list[str]:
    """Who a text opens with: "Ledamöterna från SD deltar inte …" → ["Ledamöterna från SD"]."""
    mt = _patterns()["subject"].match(text)
    if not mt:
        return []
    return names_in(mt.group("subject")) or [clean(mt.group("subject"))]


def starts_statement(text: str) -> bool:
    """The text opens with a statement ("X (S) yrkar …")."""
    mt = _patterns()["statement"].match(text)
    return mt is not None


def is_immediate(text: str) -> bool:
    return bool(_patterns()["immediate"].search(text))


def _strip_end(text: str) -> str:
    return clean(text).lstrip(" ,:").rstrip(" .")


def statement_to_model(st: Statement) -> m.Motion | m.Reservation | m.Note:
    if st.kind == "motion":
        text = _patterns()["motion_end"].split(st.text, maxsplit=1)[0]
        return m.Motion(by=st.by, text=_strip_end(text) or None)
    # A written reservation or note: the text after "…: ". "reserverar sig mot beslutet."
    # has no text of its own, nor has a reservation "till förmån för eget yrkande".
    written: str | None = None
    head, colon, after = st.text.partition(":")
    if colon and "." not in head:
        written = clean(after) or None
    elif st.kind != "reservation":
        written = clean(st.text).lstrip(" ,:") or None
    if st.kind == "reservation":
        return m.Reservation(by=st.by, text=written)
    return m.Note(kind=st.kind, by=st.by, text=written)


# --- vote counts -----------------------------------------------------------------

def _vote_patterns() -> dict[str, regex.Pattern[str]]:
    return vocabulary().derive(_build_vote_patterns)


def _build_vote_patterns(v: Vocabulary) -> dict[str, regex.Pattern[str]]:
    w = v.votes
    yes, no = alternation(w["yes"]), alternation(w["no"])
    joiner, noun = alternation(w["pair_joiners"]), alternation(w["count_nouns"])
    num = r"(\d{1,3})"
    return {
        # a count before each vote word, or each vote word before its count
        "pair_after": regex.compile(rf"(?i)\b{num}\s+{yes}\b\s*(?:,|{joiner})?\s*{num}\s+{no}\b"),
        "pair_before": regex.compile(rf"(?i)\b{yes}\s*[:=]?\s*{num}\s*[,;]?\s*(?:{joiner}\s+)?{no}\s*[:=]?\s*{num}\b"),
        "abstain_after": regex.compile(rf"(?i)\b{num}\s+(?:{noun}\s+)?{alternation(w['abstain'])}"),
        "abstain_before": regex.compile(rf"(?i)\b{alternation(w['abstain'])}\s*[:=]?\s*{num}\b"),
        "absent_after": regex.compile(rf"(?i)\b{num}\s+(?:{noun}\s+)?{alternation(w['absent'])}\b"),
        "absent_before": regex.compile(rf"(?i)\b{alternation(w['absent'])}\s*[:=]?\s*{num}\b"),
    }


def find_votes(text: str) -> list[m.Vote]:
    """Vote counts in running text: one Vote per yes/no pair; abstentions and absentees
    are read from the same and the next sentence, up to the next pair."""
    pats = _vote_patterns()
    pairs: list[tuple[int, int, int, int]] = []
    for key in ("pair_after", "pair_before"):
        for mt in pats[key].finditer(text):
            if not any(s <= mt.start() < e for s, e, *_ in pairs):
                pairs.append((mt.start(), mt.end(), int(mt.group(1)), int(mt.group(2))))
    pairs.sort()
    votes = []
    for i, (_start, end, yes, no) in enumerate(pairs):
        limit = pairs[i + 1][0] if i + 1 < len(pairs) else len(text)
        window = text[end:limit]
        sentence_ends = [mm.end() for mm in regex.finditer(r"[.!?](?:\s|$)", window)]
        window = window[: sentence_ends[2] if len(sentence_ends) > 2 else len(window)]
        vote = m.Vote(yes=yes, no=no)
        for attr, keys in (("abstain", ("abstain_after", "abstain_before")), ("absent", ("absent_after", "absent_before"))):
            for key in keys:
                mt = pats[key].search(window)
                if mt:
                    setattr(vote, attr, int(mt.group(1)))
                    break
        votes.append(vote)
    return votes


# --- ballot tables ---------------------------------------------------------------

@dataclass
class BallotTable:
    columns: list[str] = field(default_factory=list)  # the votes its columns stand for, in order
    ballots: list[m.Ballot] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)  # the total row's count per vote


def ballots_from(table: Table) -> BallotTable:
    """A name-by-name vote table (a ``votes`` table structure): one row per voter, the vote
    marked under its column (Ja / Nej / Avstår / Frånvarande), or the names listed under
    each vote; a total row ("Summa", "Resultat") gives the counts."""
    values = vocabulary().votes["values"]
    total_re = vocabulary().derive(_total_row)
    vote_cols = [(i, values[c.key]) for i, c in enumerate(table.columns) if c.key in values]
    keys = table.keys()
    name_col = keys.index("name") if "name" in keys else None
    party_col = keys.index("party") if "party" in keys else None
    out = BallotTable(columns=[vote for _, vote in vote_cols])
    for row in table.rows:
        first = next((text for text in row.cells if text), "")
        if total_re.match(row.cells[name_col] if name_col is not None else first):
            out.totals = {vote: int(row.cells[i]) for i, vote in vote_cols if row.cells[i].isdigit()}
            continue
        if name_col is None:  # the names listed under each vote
            for i, vote in vote_cols:
                out.ballots.extend(m.Ballot(name=p.name, party=p.party, vote=vote)
                                   for p in (split_person(x) for x in _people_in(row.cells[i])) if p.name)
            continue
        person = split_person(row.cells[name_col])
        if not person.name:
            continue
        party = party_code(row.cells[party_col].strip("() ")) if party_col is not None and row.cells[party_col] else person.party
        marked = [vote for i, vote in vote_cols if row.cells[i]]
        out.ballots.append(m.Ballot(name=person.name, party=party, vote=marked[0] if len(marked) == 1 else None))
    return out


def _total_row(v: Vocabulary) -> regex.Pattern[str]:
    return regex.compile(rf"^(?i:{alternation(v.votes['total_rows'])})\b", regex.IGNORECASE)


def _people_in(text: str) -> list[str]:
    """The persons of a cell listing several: "A (S), B (M)" or "A (S) B (M)"."""
    found = [pm.group(0) for pm in _patterns()["person"].finditer(text)]
    return found or [x for x in (clean(p) for p in text.split(",")) if x]


def attach_table(vote: m.Vote, table: BallotTable) -> None:
    """Give a vote read from the text its ballot list; the table's total row fills the
    counts the text left out, when it agrees with those the text gives."""
    vote.ballots = table.ballots
    totals = table.totals
    if totals and totals.get("ja") == vote.yes and totals.get("nej") == vote.no:
        if vote.abstain is None and "avstår" in totals:
            vote.abstain = totals["avstår"]
        if vote.absent is None and "frånvarande" in totals:
            vote.absent = totals["frånvarande"]


def table_to_vote(table: BallotTable) -> m.Vote:
    """A vote known only from its table: counts from the total row."""
    t = table.totals
    return m.Vote(yes=t.get("ja"), no=t.get("nej"), abstain=t.get("avstår"), absent=t.get("frånvarande"),
                  ballots=table.ballots)


def _list_pattern(v: Vocabulary) -> regex.Pattern[str]:
    """A vote word and a colon, then names up to the sentence's end or the next list."""
    lead = alternation(v.votes.get("list_leads", []))
    return regex.compile(rf"(?<!\w)(?P<word>(?i:{alternation(list(v.votes['list_votes']))}))\s*:\s*(?P<names>[^:]*?)"
                         rf"(?=(?:\.\s)|\.$|$|\s+(?i:{lead})\s)")


def list_ballots(text: str) -> list[m.Ballot]:
    """A vote word and the names that voted so: "Följande ledamöter röstar Ja: A (S), B (M).",
    "Nej-röster: C (SD)." → ballots."""
    v = vocabulary()
    lv = v.votes["list_votes"]
    out = []
    for mt in v.derive(_list_pattern).finditer(text):
        vote = lv[norm(mt.group("word"))]
        for pm in _patterns()["person"].finditer(mt.group("names")):
            out.append(m.Ballot(name=_patterns()["prefix"].sub("", clean(pm.group("name"))),
                                party=party_code(pm.group("party").strip("() ")), vote=vote))
    return out


# --- jäv and secrecy ---------------------------------------------------------------

def find_recused(text: str) -> list[str]:
    """Names in sentences that declare jäv ("X (M) deltar inte … på grund av jäv")."""
    pats = _patterns()
    out: list[str] = []
    for sentence in regex.split(r"(?<=[.!?])\s+", text):
        if pats["conflict"].search(sentence):
            out.extend(n for n in names_in(sentence) if n not in out)
    return out


def is_restricted(text: str) -> bool:
    """The § says it is removed or published only in part (sekretess, personuppgifter)."""
    return bool(_patterns()["restricted"].search(text))
