"""Shared extraction steps: section headings, list items, people lists."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex

from ..layout import Line
from ..normalize import clean, join_lines
from ..vocabulary import Vocabulary, alternation, norm, vocabulary

BULLET_RE = regex.compile(r"^\s*(?:[-–—•·▪◦●○*\uf0b7\uf0a7\uf076\uf0d8]|\d{1,2}[.)](?=\s)|[a-z][.)](?=\s))\s*")
NUMBERED_RE = regex.compile(r"^\s*\d{1,2}[.)]\s+")
_ORGAN_WORD = r"[\w-]+"


def _phrases(v: Vocabulary) -> dict[str, regex.Pattern[str]]:
    """The decision and proposal phrases of [decisions] as patterns."""
    d = v.data["decisions"]
    w = alternation
    return {
        # an att-sats opens with its word
        "item": regex.compile(r"^" + w(d["item_words"]) + r"\s", regex.IGNORECASE),
        # a proposal lead-in: a run of genitives (the proposer), "förslag till", then "beslut"
        # with its addressee, or the addressee itself
        "proposal": regex.compile(
            r"^(?:(?P<by>(?:" + _ORGAN_WORD + r"\s+){0,4}?" + _ORGAN_WORD + r"s)\s+)?" + w(d["proposal_words"]) + r"(?P<link>\s+" + w(d["proposal_link"]) + r"\s+"
            r"(?:" + w(d["noun"]) + r"(?:\s+" + w(d["proposal_to"]) + r"\s+(?P<to1>.+?))?|(?P<to2>.+?)))?\s*:?$",
            regex.IGNORECASE),
        # what follows the addressee ("… för beslut i kommunstyrelsen")
        "for_decision": regex.compile(r"\s+" + w(d["for_decision"]), regex.IGNORECASE),
        # a decision lead-in: "X:s beslut", "X beslutar (att | följande)", "X föreslår Y (att) besluta (att)"
        "decision": regex.compile(
            r"^(?:(?P<by>.{2,80}?)s\s+" + w(d["noun"]) + r"|.{2,80}?\s+" + w(d["verbs"]) + r"(?:\s+" + w(d["objects"]) + r")?"
            r"|.{2,120}?\s+" + w(d["propose_verbs"]) + r"\s+.{2,80}?\s+" + w(d["propose_infinitives"])
            + r"(?:\s+" + w(d["item_words"]) + r")?)\s*:?$", regex.IGNORECASE),
        # "X föreslår Y (att) besluta (att)": a proposal's lead-in naming proposer and addressee
        "propose_lead": regex.compile(
            r"^(?P<by>.{2,120}?)\s+" + w(d["propose_verbs"]) + r"\s+(?P<to>.{2,80}?)\s+" + w(d["propose_infinitives"])
            + r"(?:\s+" + w(d["item_words"]) + r")?\s*:?$", regex.IGNORECASE),
        # "Socialnämndens beslut": any organ's genitive and the noun
        "genitive_decision": regex.compile(r"(.+?)\s+" + w(d["noun"]) + r":?", regex.IGNORECASE),
        "according": regex.compile(r"^" + w(d["according"]) + r"\s", regex.IGNORECASE),
        "and": regex.compile(r"^" + w(v.words("grammar", "and")) + r"$", regex.IGNORECASE),
        # "A och B" between two names (not inside a compound: "Barn- och …")
        "and_between": regex.compile(r"(?<![-–])\s+(?i:" + w(v.words("grammar", "list_and")) + r")\s+(?=\p{Lu})"),
        "name_inner": regex.compile(r"\s" + w(v.words("grammar", "name_inner")) + r"\s", regex.IGNORECASE),
        # "X beslutar att föreslå Y …"
        "proposes": regex.compile(r"^(?P<by>.{3,80}?)\s+" + w(d["decide_to_propose"]) + r"\s+(?P<to>[\w-]+(?:\s+[\w-]+)??)(?=[\s,:])",
                                  regex.IGNORECASE),
    }


def phrase(name: str) -> regex.Pattern[str]:
    """One of the decision and proposal patterns built from the vocabulary."""
    return vocabulary().derive(_phrases)[name]


def proposal_lead(text: str) -> regex.Match[str] | None:
    """A proposal lead-in, not a sentence that names one: the proposer is a run of
    genitives (or "och" between them), and an addressee other than "beslut" is an organ;
    "Arbetsutskottets förslag" names its proposer only."""
    mm = phrase("proposal").match(text)
    if mm and not mm.group("link") and not mm.group("by"):
        return None  # "Förslag" alone names no proposer and no addressee
    if mm and mm.group("to2") and not heading_organ(phrase("for_decision").split(mm.group("to2"))[0]):
        return None  # a sentence: "Förslag till ramar … godkänns"
    if mm and mm.group("by"):
        words = mm.group("by").split()
        nominative = clean(mm.group("by"))[:-1]
        named = heading_organ(nominative) or department(nominative)
        if not named and not all(w.endswith(("s", "-")) or phrase("and").match(w) for w in words):
            return None
    return mm


# A heading is at most this long; a lead-in at most this many words; a heading with its
# content after a colon has at most this many characters before it.
HEADING_CHARS = 140
LEAD_WORDS = 14
INLINE_HEADING_CHARS = 80
# A page with this many lines has running text to measure its right margin on.
FULL_PAGE = 15
# A line stops short of the margin by more than this (points, or times its type size).
SHORT_POINTS, SHORT_EMS = 25.0, 4


@dataclass
class Section:
    key: str  # what the section holds (vocabulary [sections] key) or "text"
    heading: str
    heading_line: Line | None
    lines: list[Line] = field(default_factory=list)


_SECTION_NUMBER = regex.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+")
# a heading and the § it belongs to; OCR reads § as & or $
_LIST_FOR_PARAGRAPH = regex.compile(r"(.+?)\s*:?\s*(?:§|&|\$)\s*\d{1,4}")


def section_key(line: Line) -> str | None:
    """The section a heading line opens, or None when the line is not a heading."""
    text = clean(line.text)
    if not text or len(text) > HEADING_CHARS:
        return None
    v = vocabulary()
    if text[:1].islower():
        return None  # a wrapped sentence ("… lämnar följande" / "protokollsanteckning:")
    key = v.section_index.get(norm(text))
    if key:
        return key
    numbered = _SECTION_NUMBER.match(text)
    if numbered and v.section_index.get(norm(text[numbered.end():])):
        return v.section_index[norm(text[numbered.end():])]  # "2. Sammanfattning av ärendet", "3.1 Bakgrund"
    if v.adjournment_re.match(text):
        return "adjournment"
    # "Voteringslista: §92", "Omröstningslista § 44"
    bm = _LIST_FOR_PARAGRAPH.fullmatch(text) if any(sign in text for sign in "§&$") else None
    if bm and v.section_index.get(norm(bm.group(1))) == "ballots":
        return "ballots"
    if text.endswith((".", ",")):
        return None
    # any organ's genitive and the decision noun
    gm = phrase("genitive_decision").fullmatch(text)
    if gm and gm.group(1).endswith("s") and heading_organ(gm.group(1)):
        return "decision"
    if proposal_lead(text) and len(text.split()) <= LEAD_WORDS:
        return "proposal"
    return None


def _wraps_lead(heading: str, text: str) -> bool:
    """"Kommunstyrelsens förslag till kommunfullmäktige" + "för beslut": the next line carries
    on the lead-in; an item ("att avge yttrande …") does not."""
    v = vocabulary()
    if not text[:1].islower() or heading.endswith(":") or not text.split():
        return False
    joined = join_lines([heading, text])
    return text.split()[0].casefold() not in v.words("decisions", "item_words") \
        and proposal_lead(joined) is not None and len(joined.split()) <= LEAD_WORDS


def split_sections(lines: list[Line], first_key: str = "text") -> list[Section]:
    sections = [Section(key=first_key, heading="", heading_line=None)]
    for line in lines:
        current = sections[-1]
        text = clean(line.text)
        if current.key == "proposal" and current.heading_line is not None and not current.lines \
                and _wraps_lead(current.heading, text):
            current.heading = join_lines([current.heading, text])  # a lead-in wrapped over two lines
            continue
        key = section_key(line)
        if key is not None:
            sections.append(Section(key=key, heading=text.rstrip(":"), heading_line=line))
            continue
        inline = inline_heading(line)
        if inline is not None:
            sections.append(inline)
        else:
            current.lines.append(line)
    return [s for s in sections if s.heading_line is not None or s.lines]


# Headings that may carry their content on the same line after a colon.
_INLINE_KEYS = {"proposal", "decision", "motions", "recipients", "attachments", "reservation", "note", "conflict"}


def inline_heading(line: Line) -> Section | None:
    """"Förvaltningens förslag till beslut: Planen antas." — a heading and its first
    line of content on one line; or, without the colon, a heading of RUN_ON_WORDS words
    or more run on into a sentence ("Förslag till beslut Planen antas.", where a
    converter joined a cell's lines)."""
    head, colon, rest = line.text.partition(":")
    if not colon or not rest.strip() or len(head) > INLINE_HEADING_CHARS:
        return _run_on_heading(line)
    key = section_key(replace(line, text=head, segments=[]))
    if key not in _INLINE_KEYS:
        return _run_on_heading(line)
    body = replace(line, text=rest.strip(), segments=[], blank_before=False)
    return Section(key=key, heading=clean(head), heading_line=line, lines=[body])


# A heading run on into its content without a colon has at least this many words.
RUN_ON_WORDS = 3


def _heading_words(v: Vocabulary) -> int:
    return max((len(k.split()) for k in v.section_index), default=0)


def _run_on_heading(line: Line) -> Section | None:
    words = clean(line.text).split()
    v = vocabulary()
    for k in range(min(len(words) - 1, v.derive(_heading_words)), RUN_ON_WORDS - 1, -1):
        key = v.section_index.get(norm(" ".join(words[:k])))
        if key in _INLINE_KEYS and words[k][:1].isupper():
            body = replace(line, text=" ".join(words[k:]), segments=[], blank_before=False)
            return Section(key=key, heading=" ".join(words[:k]), heading_line=line, lines=[body])
    return None


def right_margin(lines: list[Line]) -> dict[int, float]:
    """The right edge of running text per page (the widest lines' x1)."""
    by_page: dict[int, list[float]] = {}
    positioned = any(line.positioned for line in lines)
    for line in lines:
        by_page.setdefault(line.page, []).append(line.x1)
    out = {}
    for page, xs in by_page.items():
        xs.sort()
        out[page] = xs[int(0.9 * (len(xs) - 1))] if xs else 0.0
    # a page of a few short lines (a list on the last page) has no running text to
    # measure: it shares the margin of the fuller pages
    full = sorted(out[p] for p, xs in by_page.items() if len(xs) >= FULL_PAGE)
    if full and positioned:
        common = full[len(full) // 2]
        for page, xs in by_page.items():
            if len(xs) < FULL_PAGE and out[page] < common:
                out[page] = common
    return out


def split_items(lines: list[Line], margins: dict[int, float] | None = None, *, sentences: bool = False) -> list[str]:
    """List items: a bullet, a number, "att" or a blank line starts an item; so does a
    line after one that stops short of the right margin, unless it carries on a
    sentence in lower case.  With ``sentences`` (att-satser), a sentence that ends at
    a line end also ends the item."""
    items: list[list[str]] = []
    prev: Line | None = None
    prev_text = ""
    margins = margins if margins is not None else right_margin(lines)
    texts = [clean(line.text) for line in lines if clean(line.text)]
    markers = next((k for k, t in enumerate(texts) if not _MARKER_ONLY.fullmatch(t)), len(texts))
    if markers and len(texts) > markers:
        return _markers_apart(lines, markers, margins)
    if texts and NUMBERED_RE.match(texts[0]) and sum(1 for t in texts if NUMBERED_RE.match(t)) >= 2:
        # "1. … 2. …": only a number starts an item; lines, sentences and sub-bullets
        # between numbers belong to the item above
        numbered: list[list[str]] = []
        for text in texts:
            nm = NUMBERED_RE.match(text)
            if nm:
                numbered.append([])
                text = text[nm.end():].strip()
            numbered[-1].append(text)
        return [join_lines(parts) for parts in numbered if parts]
    for line in lines:
        text = clean(line.text)
        if not text:
            continue
        bullet = BULLET_RE.match(text)
        if bullet:
            text = text[bullet.end():].strip()
        starts = bool(bullet) or bool(phrase("item").match(text)) or line.blank_before or not items
        if not starts and prev is not None and text:
            capital = text[:1].isupper() or text[:1].isdigit() or text[:1] == "§"
            sentence_end = prev_text.endswith((".", "!", "?", ":", ";"))
            # a line that stops on a joining word ("… för svar till") goes on, short or not
            joined = prev_text.split()[-1].casefold() in vocabulary().words("grammar", "title_joiners")
            if _short(prev, margins) and not prev_text.endswith(("-", "–", ",")) and not joined \
                    and (sentence_end or capital):
                starts = True
            elif sentences and sentence_end and capital:
                starts = True
        if starts:
            items.append([])
        if text:
            items[-1].append(text)
        prev, prev_text = line, text
    return [join_lines(parts) for parts in items if parts]


_MARKER_ONLY = regex.compile(r"(?:\d{1,2}|[a-z])[.)]|[-–—•·▪◦●○*\uf0b7\uf0a7]")


def _markers_apart(lines: list[Line], count: int, margins: dict[int, float]) -> list[str]:
    """A list whose markers a text extraction set apart from the items ("1." "2.", then
    the items' lines): as many items as markers, split where an item word starts a line,
    then after the lines that stop shortest of the margin (not on a joining word)."""
    body = [line for line in lines if clean(line.text)][count:]
    texts = [clean(line.text) for line in body]
    joiners = vocabulary().words("grammar", "title_joiners")
    starts = {k for k in range(1, len(texts)) if phrase("item").match(texts[k])}
    free = [k for k in range(1, len(texts)) if k not in starts and not texts[k - 1].endswith(("-", "–", ","))
            and texts[k - 1].split()[-1].casefold() not in joiners]
    free.sort(key=lambda k: (body[k - 1].x1 - body[k - 1].x0) if body[k - 1].positioned else len(texts[k - 1]))
    cuts = sorted(starts)[: count - 1]
    cuts = sorted(cuts + free[: count - 1 - len(cuts)])
    bounds = [0, *cuts, len(texts)]
    return [join_lines(texts[a:b]) for a, b in zip(bounds, bounds[1:], strict=False) if a < b]


def _short(line: Line, margins: dict[int, float]) -> bool:
    margin = margins.get(line.page, 0.0)
    return bool(margin) and line.x1 < margin - max(SHORT_POINTS, SHORT_EMS * line.size)


def paragraph_text(lines: list[Line], margins: dict[int, float] | None = None) -> str:
    """Running text: lines joined, paragraphs (blank line or short line) split by blank lines."""
    margins = margins if margins is not None else right_margin(lines)
    paras: list[list[str]] = [[]]
    for line in lines:
        if line.blank_before and paras[-1]:
            paras.append([])
        paras[-1].append(line.text)
        if _short(line, margins) and line.text.rstrip().endswith((".", ":", "!", "?")):
            paras.append([])
    return "\n\n".join(join_lines(p) for p in paras if p)


def _contact_tail(v: Vocabulary) -> regex.Pattern[str]:
    """An address after a recipient's name ("Härryda kommun - kommun@harryda.se"), or the
    note that it was taken out."""
    redacted = "|".join(v.data["furniture"].get("redactions", []))
    return regex.compile(r"\s*[-–]\s*(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+" + (f"|{redacted}" if redacted else "") + r")\s*$",
                         regex.IGNORECASE)


def split_list_entry(text: str) -> list[str]:
    """Recipients on one line: "A, B och C" → three; "Barn- och ungdomsnämnden" stays one;
    an address after a name is not part of it."""
    text = vocabulary().derive(_contact_tail).sub("", clean(text))
    rest = [clean(p).strip(" .") for p in text.split(",")[1:]]
    if regex.search(r"\s[–-]\s", text.split(",")[0]) and rest \
            and not any(_addressee(p) for p in rest):
        # "Stadsdelsnämnderna – Norr, Öster, Söder": one group of parts, not bodies
        return [text.strip(" .")]
    parts: list[str] = []
    for piece in regex.split(r"\s*[,;]\s*", text):
        piece = piece.strip(" .")
        if not piece:
            continue
        # "A och B" is two bodies when B is a name, but not when the "och" is inside a name
        # (after a word like "för" in it) or joins a compound
        start = 0
        for mt in phrase("and_between").finditer(piece):
            left = piece[start: mt.start()]
            if phrase("name_inner").search(left):
                continue
            parts.append(left.strip(" ."))
            start = mt.end()
        parts.append(piece[start:].strip(" ."))
    return [q for p in parts if p for q in _run_together(p)]


def _run_together(text: str) -> list[str]:
    """Recipients whose line breaks a converter joined ("Vård- och omsorgsnämnden
    Kommunledningskontoret"): a new one starts at a capitalised word that names a body, a
    department or an addressee on its own."""
    words = text.split()
    out: list[list[str]] = [[]]
    for k, word in enumerate(words):
        if k and out[-1] and word[:1].isupper() and words[k - 1] not in {"-", "–"} and _addressee_at(words, k):
            out.append([])
        out[-1].append(word)
    return [" ".join(w) for w in out if w]


# A body's or an addressee's name runs over at most this many words ("Barn- och utbildningsnämnden").
ADDRESSEE_WORDS = 4


def _addressee_at(words: list[str], k: int) -> bool:
    """``words[k:]`` opens a body, a department or an addressee: a few words, all but the
    first in lower case, that name one."""
    for n in range(1, min(ADDRESSEE_WORDS, len(words) - k) + 1):
        phrase = words[k:k + n]
        if n > 1 and not phrase[-1][:1].islower():
            break
        if _addressee(" ".join(phrase)):
            return True
    return False


def _addressee(text: str) -> bool:
    v = vocabulary()
    last = text.split()[-1].casefold()
    return bool(heading_organ(text) or department(text) or last in v.words("organs", "addressees")
                or last.endswith(tuple(v.words("organs", "addressee_endings"))))


def department(text: str) -> str | None:
    """A department's name ("Socialförvaltningen", "Avdelningen för regional utveckling"):
    a few capitalised words ending in a department word, or one followed by its field."""
    text = clean(text)
    if len(text.split()) > DEPARTMENT_WORDS or text.endswith((".", ":")) or not text[:1].isupper():
        return None
    v = vocabulary()
    words = text.casefold().split()
    if text.casefold().endswith(tuple(v.department_suffixes)):
        return text
    if len(words) >= 3 and words[0] in v.department_suffixes and words[1] in v.words("organs", "department_links"):
        return text
    return None


DEPARTMENT_WORDS = 5


def heading_organ(text: str) -> str | None:
    """Nominative organ from a genitive ("Kommunledningsutskottets" → "Kommunledningsutskottet")."""
    text = clean(text)
    v = vocabulary()
    m = v.organ_re.fullmatch(text)
    if not m:
        return None
    name = m.group(1)
    return name[:1].upper() + name[1:]
