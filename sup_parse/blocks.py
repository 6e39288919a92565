"""Stage 3: lines → sheets → parts, and labelled fields.

* ``lines_to_sheets``: a sheet is a physical page, or in plain text a run of lines
  ended by page furniture (a footer such as "Justerandes sign | Utdragsbestyrkande")
  or by a block of decorative text — extracted text keeps no page breaks.
* ``sheets_to_parts``: a file may bundle several documents (an utdrag, its
  tjänsteskrivelse, a bilaga, the protocol's front page and närvarolista, in any
  order).  Each sheet is assigned to a part by rules on its first lines; parts of
  the protocol are later merged into one document, the others become enclosures.
* ``lines_to_fields``: label/value pairs ("Plats och tid", "Beslutande", "Datum då
  anslaget sätts upp") read from a label column, a right-hand column, or a label at
  the start of a text line, with labels that wrap over two lines joined.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex

from .extract.common import section_key
from .layout import Line, Page, Segment, Word, same_type, segment_of, segment_words
from .normalize import PARA_SIGN, clean, find_dates
from .vocabulary import Vocabulary, alternation, norm, vocabulary

# --- § headings ------------------------------------------------------------------

# The forms a case number (diarienummer) takes: letters, year and serial in their orders.
DNR_FORMS = (
    r"[A-ZÅÄÖa-zåäö]{1,6}[ /-]?\d{4}[-/.:]\d{1,6}(?:[-/.: ]\d{1,6})*(?:\s+[A-ZÅÄÖ]{1,6})?"  # KS 2023/071, BN-2023-00211
    r"|\d{4}[./]\d{1,6}(?:\s+[A-ZÅÄÖ]{1,6}(?:\s+\d{2,4}(?:\s+\d{2,4})?)?)?"  # 2026.225 KS
    r"|\d{4}/[A-ZÅÄÖ]{1,6}\s*\d{1,5}(?:\s+\d{1,5})*"  # 2019/KS 0260 005
    r"|[A-ZÅÄÖ]{1,6}/\d{4}/\d{1,6}(?:/\d{1,6})*"  # KS/2019/0001/0009
    r"|\d{1,6}/\d{2,4}(?:-\d+)?"  # 1435/22, 00322/2026
    r"|\d{2}\.\d{3}-\d{1,4}"  # 94.220-105
)


def _dnr_patterns(v: Vocabulary) -> dict[str, regex.Pattern[str]]:
    label = r"(?i:" + alternation(v.labels["dnr"]) + r")\s*:?"
    return {
        "label": regex.compile(label, regex.IGNORECASE),
        # a case number, perhaps after its label
        "dnr": regex.compile(r"^(?:" + label + r"\s*)?(?P<dnr>" + DNR_FORMS + r")(?=\s|$|[),;])"),
        # after a label, a number in a form of its own, with up to two short codes around it
        "labelled": regex.compile(label + r"\s*(?P<dnr>[\w./:-]*\d[\w./:-]*(?:\s+[\dA-ZÅÄÖ][\w./:-]{0,9}(?=\s|$)){0,2}|"
                                  r"[A-ZÅÄÖ]{1,6}\s+[\w./:-]*\d[\w./:-]*)(?=\s|$)"),
        "continued": regex.compile(alternation(v.words("headings", "continued")) + r"(?!\w)", regex.IGNORECASE),
        # a § heading: an organ's letters, §, the number (no range), "forts.", the rest
        "heading": regex.compile(r"^(?:(?P<prefix>[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{1,12})\s+)?" + PARA_SIGN
                                 + r"\s*(?P<num>\d{1,4})(?!\s*[-–]\s*\d)(?:\s*(?P<forts>"
                                 + alternation(v.words("headings", "continued")) + r"))?(?P<rest>(?:\s.*)?)$",
                                 regex.IGNORECASE),
    }


def dnr_re() -> regex.Pattern[str]:
    """A case number at the start of a text, perhaps after its label (the number in ``dnr``)."""
    return vocabulary().derive(_dnr_patterns)["dnr"]


def dnr_label_re() -> regex.Pattern[str]:
    return vocabulary().derive(_dnr_patterns)["label"]


@dataclass
class Heading:
    index: int
    number: int
    dnr: str | None
    title: str | None
    continued: bool


def match_heading(line: Line) -> Heading | None:
    """A § heading at the start of a line: "§ 60", "§ 97 2026.225 KS", "BUN § 23 BUN/2025:13"."""
    pats = vocabulary().derive(_dnr_patterns)
    m = pats["heading"].match(line.text.strip())
    if not m:
        return None
    prefix = m.group("prefix")
    if prefix and not prefix.isupper():
        return None  # "BUN § 23" is a heading; "enligt § 4" is running text
    rest = clean(m.group("rest") or "")
    continued = bool(m.group("forts"))
    dnr = None
    title = None
    if rest:
        first = rest[:1]
        if first in ".,;:)" or (first.islower() and not pats["label"].match(rest)):
            return None  # "§ 78." or "§ 246 att bifalla" inside running text
        dm = pats["dnr"].match(rest)
        if dm:
            dnr = clean(dm.group("dnr"))
            rest = clean(rest[dm.end():])
        elif pats["label"].match(rest):
            # a labelled case number in a form of its own: the label says what it is
            lm = pats["labelled"].match(rest)
            if lm is None:
                return None
            dnr, rest = clean(lm.group("dnr")), clean(rest[lm.end():])
        last = clean(line.segments[-1].text) if len(line.segments) > 1 else ""
        tail = pats["dnr"].fullmatch(last) if last and dnr is None else None
        if tail and rest.endswith(last):
            # the dnr in a column of its own at the right of the heading
            dnr = clean(tail.group("dnr"))
            rest = clean(rest[: len(rest) - len(last)])
        if rest and dnr is None:
            # the dnr in brackets after the title
            bm = regex.search(r"\s*\(([^()]+)\)$", rest)
            inner = pats["dnr"].fullmatch(bm.group(1).strip()) if bm else None
            if bm and inner:
                dnr = clean(inner.group("dnr"))
                rest = rest[: bm.start()]
        if rest:
            title = rest.strip(" -–")
            if pats["continued"].match(title):
                continued, title = True, None
    return Heading(index=-1, number=int(m.group("num")), dnr=dnr, title=title or None, continued=continued)


# --- sheets and parts ------------------------------------------------------------

@dataclass
class Sheet:
    lines: list[Line]
    page: int
    header: list[Line] = field(default_factory=list)  # furniture lines at its top (PDF page header)
    footer: list[Line] = field(default_factory=list)


# Display type: a line of this many words at least, nearly all in capitals.
DECOR_WORDS = 5
DECOR_CAPS = 0.9


def is_decorative(line: Line) -> bool:
    """Repeated place names and other display type: all-caps words, no sentence."""
    words = line.text.split()
    if len(words) < DECOR_WORDS:
        return False
    caps = sum(1 for w in words if w.isupper() and w.isalpha())
    return caps >= DECOR_CAPS * len(words)


def lines_to_sheets(pages: list[Page]) -> list[Sheet]:
    sheets: list[Sheet] = []
    for page in pages:
        current = Sheet(lines=[], page=page.number)
        decorative_run = 0
        current_front = False
        for index, line in enumerate(page.lines):
            if line.role in {"blank", "placeholder"}:
                continue
            if line.role == "header":
                # plain text marks headers only among a page's first lines
                (current.header if page.positioned or len(current.lines) < TEXT_HEAD else current.footer).append(line)
                continue
            if line.role == "footer" and not page.positioned and not current.lines:
                current.header.append(line)  # furniture above the first text line heads the page
                continue
            if line.role == "footer":
                current.footer.append(line)
                if not page.positioned and current.lines and vocabulary().page_end_re.match(line.text):
                    sheets.append(current)
                    current = Sheet(lines=[], page=page.number)
                continue
            if not page.positioned and is_decorative(line):
                decorative_run += 1
                line.role = "decor"
                if decorative_run == 1 and current.lines:
                    sheets.append(current)
                    current = Sheet(lines=[], page=page.number)
                continue
            decorative_run = 0
            if not page.positioned and current.lines and not current_front and _opens_front(page.lines, index):
                sheets.append(current)
                current = Sheet(lines=[], page=page.number)
            if current_front is False or not current.lines:
                current_front = _label_key(line) in FRONT_KEYS
            current.lines.append(line)
        sheets.append(current)
    return [s for s in sheets if s.lines or s.header]


TEXT_HEAD = 5  # a plain-text page's header band: its first lines


def _label_key(line: Line | Segment) -> str | None:
    m = vocabulary().label_prefix_re.match(line.text)
    return vocabulary().label_index[norm(m.group(1))] if m else None


FRONT_CLUSTER = 3  # front-page labels among a dozen lines that open a front page in plain text
LABEL_REACH = 2  # a label this many lines above belongs to the same cluster (a value between)


def _opens_front(lines: list[Line], i: int) -> bool:
    """In text without page breaks: line ``i`` starts a cluster of front-page labels."""
    key = _label_key(lines[i])
    if key is None:
        return False
    if any(_label_key(x) is not None for x in lines[max(0, i - LABEL_REACH) : i]):
        return False  # the cluster began above (labels over their values, one under another)
    keys = {k for k in (_label_key(x) for x in lines[i : i + 12]) if k}
    return len(keys & FRONT_KEYS) + ("date" in keys) >= FRONT_CLUSTER


@dataclass
class Part:
    kind: str  # protocol | tjansteskrivelse | bilaga | kallelse | unknown | esign
    sheets: list[Sheet] = field(default_factory=list)
    marker: str | None = None  # the kind word printed, normalised ("utdrag", "tjänsteskrivelse")

    @property
    def lines(self) -> list[Line]:
        return [line for s in self.sheets for line in s.lines]

    @property
    def pages(self) -> list[int]:
        return sorted({line.page for line in self.lines} | {s.page for s in self.sheets})


FRONT_KEYS = {"place_time", "members", "verification", "paragraphs", "posting", "adjusters",
              "secretary", "others", "substitutes", "serving", "time", "place", "absent", "attendance_list",
              "organ", "posted_on", "removed_on", "storage", "signed_by", "chair", "adjuster"}


TITLE_LINES = 4  # a document's title stands among the first lines of its first page

LETTERHEAD_LINES = 15  # a letterhead stands among a page's first lines
SIGNING_KEYS = {"secretary", "chair", "adjuster", "adjusters", "certifier"}

def _numbered_attachment(v: Vocabulary) -> regex.Pattern[str]:
    """A bilaga's title line: "Bilaga 1", "Bilaga A till § 25"."""
    return regex.compile(r"^\s*" + alternation(v.kinds["bilaga"]) + r"\s+(?:\d{1,3}|[A-Z])(?:\s+"
                         + alternation(v.words("grammar", "to")) + r"\s+.{0,60})?\s*$", regex.IGNORECASE)


def _page_number_tail(v: Vocabulary) -> regex.Pattern[str]:
    return regex.compile(r"\s+(?:" + "|".join(v.data["furniture"]["page_number"]) + r")\s*$", regex.IGNORECASE)


def _without_page_number(text: str) -> str:
    """A header cell with the page number run into it ("KALLELSE  Sida 2 av 2") without it."""
    return vocabulary().derive(_page_number_tail).sub("", text)


def kind_lead(text: str) -> tuple[str | None, str]:
    """A title line that opens with a kind word and goes on with a name, a number or a date
    ("Tjänsteskrivelse Göteborgsregionens kommunalförbund", "Protokoll 2023-12-12, kl. 18"):
    the kind and the rest; (None, text) otherwise.  The line is short, and the kind word is
    followed by a space."""
    v = vocabulary()
    words = clean(text).split()
    if len(words) > KIND_LINE_WORDS:
        return None, text
    for n in range(min(4, len(words) - 1), 0, -1):
        key = v.kind_index.get(norm(" ".join(words[:n])))
        if key and key != "bilaga":
            return key, " ".join(words[n:])
    return None, text


KIND_LINE_WORDS = 8


def kind_tail(text: str) -> tuple[str | None, str]:
    """A header line whose kind word stood in a column of its own, set after the name by a
    converter ("REGION STOCKHOLM Protokoll"): the kind and the name; (None, text) otherwise."""
    v = vocabulary()
    words = clean(text).split()
    if len(words) > KIND_LINE_WORDS:
        return None, text
    for n in range(min(4, len(words) - 1), 0, -1):
        key = v.kind_index.get(norm(" ".join(words[-n:])))
        if key and key != "bilaga":
            return key, " ".join(words[:-n])
    return None, text


def sheet_features(sheet: Sheet) -> dict[str, object]:
    """What a sheet's lines announce: a kind word, front-page labels, § headings."""
    v = vocabulary()
    lines = sheet.header + sheet.lines
    kind_word = None
    titled = None  # a kind word printed as the title of the page, not in its header band
    for line in lines[:14]:
        key = v.kind_index.get(norm(line.text))
        if key is None and section_key(line) is not None:
            break  # a sheet that opens on a section ("Beslutet ska skickas till") goes on a document
        if key is None:
            for seg in line.segments:
                key = v.kind_index.get(norm(_without_page_number(seg.text)))
                if key:
                    break
        if key is None and line in sheet.lines[:2] and v.derive(_numbered_attachment).match(line.text):
            key = "bilaga"  # "Bilaga 1", "Bilaga A till § 25" opening a page
        if key is None and (line in sheet.header or line in sheet.lines[:TITLE_LINES]):
            key = kind_lead(line.text)[0]
        if key and kind_word is None:
            kind_word = key
        if key and titled is None and line in sheet.lines[:TITLE_LINES]:
            titled = key
    labels = set()
    head: set[str] = set()  # the labels above the page's first section heading: a letterhead's
    in_head = True
    for i, line in enumerate(sheet.lines[:40]):
        in_head = in_head and i < LETTERHEAD_LINES and section_key(line) is None
        for seg in line.segments[:3]:
            m = v.label_prefix_re.match(seg.text)
            if m:
                labels.add(v.label_index[norm(m.group(1))])
                if in_head:
                    head.add(v.label_index[norm(m.group(1))])
    headings = [h for h in (match_heading(line) for line in sheet.lines) if h]
    letterhead = {"dnr", "date"} <= head and not headings
    return {"kind_word": kind_word, "titled": titled, "labels": labels, "headings": headings, "letterhead": letterhead}


def _front(labels: set[str]) -> bool:
    return len(labels & FRONT_KEYS) >= 2 or "attendance_list" in labels


ESIGN_LINES = 2  # lines with an e-signature mark that make a page the service's


def is_esign_sheet(sheet: Sheet) -> bool:
    """A page an e-signature service appended (who signed, when, the transaction id): its
    names are evidence, not the document's signatures."""
    esign = vocabulary().esign_re
    marked = sum(1 for line in sheet.header + sheet.lines + sheet.footer if esign.match(line.text))
    return marked >= ESIGN_LINES and not any(match_heading(line) for line in sheet.lines)


def sheets_to_parts(sheets: list[Sheet], attachment_titles: list[str] | None = None) -> list[Part]:
    """Group sheets into parts (documents) by what each sheet begins with; an e-signature
    page becomes a part of its own ("esign")."""
    parts: list[Part] = []
    titles = [t for t in (attachment_titles or []) if t]
    for sheet in sheets:
        if is_esign_sheet(sheet):
            parts.append(Part(kind="esign", sheets=[sheet]))
            continue
        f = sheet_features(sheet)
        kind_word = f["kind_word"]
        labels: set[str] = f["labels"]  # type: ignore[assignment]
        headings = f["headings"]
        start: str | None = None
        if kind_word == "kallelse" and not headings:
            start = "kallelse"  # a notice's own words, before any letterhead look
        elif kind_word == "tjansteskrivelse" or (f["letterhead"] and not headings):
            start = "tjansteskrivelse"
        elif _front(labels) or headings or kind_word in {"protokoll", "protokollsutdrag"}:
            start = "protocol"
        elif kind_word == "bilaga" or _names_attachment(sheet, titles):
            start = "bilaga"
        current = next((p for p in reversed(parts) if p.kind != "esign"), None)
        if start == "tjansteskrivelse" and kind_word is None and current is not None \
                and sheet.page == current.sheets[-1].page:
            start = None  # a letterhead's look on the page of a document already begun goes on with it
        if start is None:
            if current is None:
                parts.append(Part(kind="unknown", sheets=[sheet]))
            else:
                current.sheets.append(sheet)
            continue
        if current is not None and current.kind == start and start == "protocol":
            current.sheets.append(sheet)
            continue
        if current is not None and start == "protocol" and current.kind in {"tjansteskrivelse", "bilaga", "kallelse"} \
                and not _front(labels - SIGNING_KEYS) and not kind_word and not headings:
            # a page of signers (names over Ordförande, Sekreterare) closes the document before it
            current.sheets.append(sheet)
            continue
        if current is not None and start == current.kind and (
                not f["titled"] or page_of(sheet) not in (None, 1) or sheet.page == current.sheets[-1].page):
            # the same document goes on: no new title, a page number past 1, or the same page
            current.sheets.append(sheet)
            continue
        parts.append(Part(kind=start, sheets=[sheet], marker=kind_word if isinstance(kind_word, str) else None))
    return parts


def _page_of(v: Vocabulary) -> regex.Pattern[str]:
    """A printed page number anywhere in a line ("Sida 2 (7)", "2 av 7" in a header)."""
    return regex.compile(r"(?:^|\s)(?:" + "|".join(v.data["furniture"]["page_number"]) + r")(?:\s|$)", regex.IGNORECASE)


def page_of(sheet: Sheet) -> int | None:
    """The page number a sheet prints in its header ("2 (2)", "Sida 2 av 7"), if any."""
    for line in (sheet.header + sheet.lines)[:12] + sheet.footer:
        m = vocabulary().derive(_page_of).search(line.text)
        if m and m.group("n"):
            return int(m.group("n"))
    return None


_WORD = regex.compile(r"[\wåäöÅÄÖ]+")


def _tokens(text: str) -> set[str]:
    text = regex.sub(r"\.(?:pdf|docx?|xlsx?)\b", "", text, flags=regex.IGNORECASE)
    return {w.casefold() for w in _WORD.findall(text) if len(w) > 1}


TITLE_MATCH = 0.75  # share of an attachment title's words a page's first lines must hold


def _names_attachment(sheet: Sheet, titles: list[str]) -> bool:
    """The sheet opens with the title of an attachment listed earlier in the file."""
    if not titles:
        return False
    if any(section_key(line) == "attachments" for line in sheet.lines[:3]):
        return False
    if sheet.lines and section_key(sheet.lines[0]) is not None:
        return False  # a page that opens on a section heading goes on with the document
    head = _tokens(" ".join(line.text for line in sheet.lines[:2]))
    for title in titles:
        want = _tokens(title)
        if len(want) >= 2 and len(want & head) >= TITLE_MATCH * len(want):
            return True
    return False


# --- labelled fields -------------------------------------------------------------

@dataclass
class Value:
    text: str
    page: int
    x0: float
    line: Line


@dataclass
class Field:
    key: str
    label: str
    page: int
    label_x0: float
    value_x0: float | None = None
    values: list[Value] = field(default_factory=list)
    line: Line | None = None  # the line the label stands on

    @property
    def texts(self) -> list[str]:
        return [v.text for v in self.values]


LEADERS = regex.compile(r"[._…·]{3,}|_{2,}")  # dot leaders and lines to write or sign on


def _label_at(text: str) -> tuple[str, str, str] | None:
    """(key, label as printed, rest) when ``text`` starts with a known label."""
    v = vocabulary()
    m = v.label_prefix_re.match(text)
    if not m:
        return None
    if m.group(1)[:1].islower() and not text[m.end(1):].lstrip().startswith(":"):
        return None  # a sentence going on in lower case ("lokal Stora salen."), not a label
    rest = text[m.end():].lstrip(" :")
    return v.label_index[norm(m.group(1))], m.group(1), rest


def lines_to_fields(lines: list[Line]) -> tuple[list[Field], list[Line]]:
    """Read label/value fields from ``lines``; return them and the lines not placed."""
    fields: list[Field] = []
    unplaced: list[Line] = []
    consumed: set[tuple[int, int]] = set()  # (line index, segment index) used as label continuation
    open_fields: list[Field] = []  # fields that may take continuation values, by column
    for li, line in enumerate(lines):
        started_here: list[Field] = []
        segments = _cut_at_columns(line, open_fields)
        view = line if segments is line.segments else replace(line, segments=segments)
        for si, seg in enumerate(segments):
            if (li, si) in consumed:
                continue
            text = LEADERS.sub(" ", seg.text).strip()
            if not text:
                continue
            hit = _label_at(text)
            if li + 1 < len(lines) and lines[li + 1].page == line.page:
                joined = _wrapped_label(text, lines[li + 1], seg.x0, li + 1, consumed)
                if joined is not None:
                    hit, sj = joined
                    consumed.add((li + 1, sj))
            if hit is not None and _is_label_position(hit, text, si, view, open_fields):
                key, label, rest = hit
                f = Field(key=key, label=clean(label), page=line.page, label_x0=seg.x0, line=line)
                rest, inline = split_inline_labels(clean(rest))
                unfilled = bool(rest) and bool(vocabulary().placeholder_re.match(rest))  # a template's field
                if rest:
                    f.value_x0 = seg.x0 + (len(text) - len(rest)) * (seg.x1 - seg.x0) / max(len(text), 1)
                    if not unfilled:
                        f.values.append(Value(rest, line.page, f.value_x0, line))
                fields.append(f)
                for key2, label2, value2 in inline:
                    fields.append(Field(key=key2, label=label2, page=line.page, label_x0=seg.x0, value_x0=seg.x0, line=line,
                                        values=[Value(value2, line.page, seg.x0, line)] if value2 else []))
                started_here.append(f)
                open_fields = [o for o in open_fields
                               if not (abs(o.label_x0 - f.label_x0) <= LABEL_COLUMN or o.page != line.page and line.segments)]
                if not unfilled:  # an unfilled field takes no value from the lines below it
                    open_fields.append(f)
                continue
            if hit is None and si == 0 and len(segments) > 1 and _in_label_column(seg, segments[1], open_fields):
                # a label the vocabulary does not know, in the column of the known ones: its
                # value is kept apart (and reported), not run into the field above
                f = Field(key=UNKNOWN, label=clean(text.rstrip(" :")), page=line.page, label_x0=seg.x0, line=line)
                fields.append(f)
                started_here.append(f)
                open_fields = [o for o in open_fields if abs(o.label_x0 - f.label_x0) > LABEL_COLUMN]
                open_fields.append(f)
                continue
            target = _owner(seg.x0, started_here, open_fields, line)
            if target is None or _after_gap(target, line, seg.x0):
                if target is not None:
                    open_fields = [o for o in open_fields if o is not target]  # closed by the gap
                unplaced.append(line)
                continue
            if target.value_x0 is None:
                target.value_x0 = seg.x0
            if not vocabulary().placeholder_re.match(text):
                target.values.append(Value(text, line.page, seg.x0, line))
    return _unstacked(fields, lines), unplaced


# Labels whose value is a list of lines (people): never one line of a stacked grid.
LIST_KEYS = {"members", "serving", "substitutes", "others", "absent", "attendance_list"}


def _unstacked(fields: list[Field], lines: list[Line]) -> list[Field]:
    """Plain text of a two-column label grid read column by column ("Datum:", "Tid:",
    "Plats:", then the three values under them): labels on consecutive text lines, all but
    the last without a value, the last with at least as many value lines as there are
    labels, the first of them after a blank line.  Each label takes its value line in turn."""
    position = {id(line): i for i, line in enumerate(lines)}
    out = list(fields)
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and _stacked(out[j], out[j + 1], position):
            j += 1
        run = out[i : j + 1]
        last = run[-1]
        if len(run) > 1 and len(last.values) >= len(run) and last.values[0].line.blank_before:
            values = last.values
            own = values[len(run) - 1:]
            end = next((k for k in range(1, len(own)) if own[k].line.blank_before), len(own))  # to the next gap
            out[i : j + 1] = [replace(f, values=[v], value_x0=v.x0) for f, v in zip(run[:-1], values, strict=False)] \
                + [replace(last, values=own[:end], value_x0=own[0].x0)]
        i = j + 1
    return out


def _stacked(upper: Field, lower: Field, position: dict[int, int]) -> bool:
    """Two labels of a text grid read column by column: the upper without a value, the
    lower on the next line, neither a people list."""
    a, b = upper.line, lower.line
    return a is not None and b is not None and not upper.values and not a.positioned \
        and not {upper.key, lower.key} & LIST_KEYS and position.get(id(b)) == position.get(id(a), -2) + 1


CELL_GAP = 1.0  # words this many times the type size apart may stand in two columns
UNKNOWN = "unknown"  # the key of a field whose label the vocabulary does not know
LABEL_COLUMN = 6.0  # labels of one column start within this many points of each other
VALUE_COLUMN = 24.0  # values in a column of their own start at least this far right of their label
HANGING_INDENT = 18.0  # a wrapped entry's continuation may start this far right of its column
VALUE_REACH = 40.0  # a value belongs to a field whose value column starts at most this far right of it


def _in_label_column(seg: Segment, value: Segment, open_fields: list[Field]) -> bool:
    """The segment starts in the label column of an open field whose values stand in a
    column of their own to the right, ends before that value column, and the next segment
    starts in it (or the segment ends in a colon, as labels do)."""
    return any(f.value_x0 is not None and f.value_x0 - f.label_x0 > VALUE_COLUMN
               and abs(seg.x0 - f.label_x0) <= LABEL_COLUMN and seg.x1 < f.value_x0
               and (abs(value.x0 - f.value_x0) <= LABEL_COLUMN or seg.text.rstrip().endswith(":")) for f in open_fields)


def split_inline_labels(value: str) -> tuple[str, list[tuple[str, str, str]]]:
    """Labels run together on one line ("Organ Barn- och utbildningsnämnden
    Sammanträdesdatum 2025-09-16 Datum för anslags uppsättande 2025-09-25 …"): the value
    before the next label, and (key, label, value) for each label after it.  Only a
    label of two words or more, one followed by a date or a line to sign on, or one
    written with its colon is taken inside a value — a single common word ("tid",
    "plats") is not."""
    v = vocabulary()
    out: list[tuple[str, str, str]] = []
    head = value
    pos = 0
    found: list[tuple[int, int, str]] = []
    while True:
        m = v.derive(_inline_label_re).search(value, pos)
        if m is None:
            break
        label = m.group(1)
        after = value[m.end():].lstrip(" :")
        dates = find_dates(after[:40])
        colon = value[m.end():].lstrip(" ").startswith(":")
        # a line to sign on follows, or a signing label ends the text with the signer's name
        to_sign = bool(LEADERS.match(value[m.end():].lstrip(" :"))) \
            or v.label_index[norm(label)] in SIGNING_KEYS and bool(_SIGNER.fullmatch(after.strip()))
        if len(label.split()) >= 2 or (dates and dates[0].start == 0) or colon or to_sign:
            found.append((m.start(), m.end(), label))
        pos = m.end()
    if not found:
        whole = v.label_prefix_re.match(value)
        if whole and whole.end() >= len(value.rstrip(" :")):
            # "Övriga närvarande  Ersättare": a second heading beside the first, no value
            return "", [(v.label_index[norm(whole.group(1))], clean(whole.group(1)), "")]
        return value, out
    head = clean(value[: found[0][0]])
    for i, (_a, b, label) in enumerate(found):
        end = found[i + 1][0] if i + 1 < len(found) else len(value)
        out.append((v.label_index[norm(label)], clean(label), clean(value[b:end].lstrip(" :"))))
    return head, out


SIGNING_KEYS = {"signed_by", "secretary", "chair", "adjuster", "certifier"}
_SIGNER = regex.compile(r"(?:\p{Lu}[\p{L}'’-]*\s*){2,4}")


def _inline_label_re(v: Vocabulary) -> regex.Pattern[str]:
    """A known label inside a text, after a space."""
    return regex.compile(r"(?<=\s)(" + alternation(w for ws in v.labels.values() for w in ws) + r")(?=\s|:|$)",
                         regex.IGNORECASE)


def _wrapped_label(text: str, nxt: Line, x0: float, ni: int,
                   consumed: set[tuple[int, int]]) -> tuple[tuple[str, str, str], int] | None:
    """A label wrapped over two lines ("Justeringens plats och" / "tid", "Datum då
    anslaget" / "sätts upp", "Förvaringsplats för" / "protokollet"): the segment right
    below ``text`` completes it when the two together are one label and nothing else.
    Returns the joined hit and the index of the segment used."""
    for sj, seg2 in enumerate(nxt.segments):
        if abs(seg2.x0 - x0) > LABEL_COLUMN or (ni, sj) in consumed:
            continue
        candidate = f"{text} {seg2.text.strip()}"
        hit = _label_at(candidate)
        if hit is not None and not hit[2] and len(norm(hit[1])) > len(norm(text)):
            return hit, sj
        # "Justeringens plats och Stadshuset, 2025-03-14" / "tid": the label's
        # first words share their segment with the value
        words = text.split()
        for k in range(min(len(words) - 1, 5), 0, -1):
            head = " ".join(words[:k])
            key = vocabulary().label_index.get(norm(f"{head} {seg2.text.strip()}"))
            if key is not None and seg2.text[:1].islower():
                return (key, clean(f"{head} {seg2.text.strip()}"), " ".join(words[k:])), sj
        # "Plats och tid för Sammanträdesrummet, …" / "sammanträde": the label's words
        # around its value, the last one wrapped under it
        first = _label_at(text)
        if first is not None and first[2] and len(seg2.text.split()) <= 2 and seg2.text[:1].islower():
            words = first[2].split()
            for k in range(1, min(3, len(words))):
                label = f"{first[1]} {' '.join(words[:k])} {seg2.text.strip()}"
                key = vocabulary().label_index.get(norm(label))
                if key is not None:
                    return (key, clean(label), " ".join(words[k:])), sj
        return None
    return None


def _is_label_position(hit: tuple[str, str, str], text: str, si: int, line: Line, open_fields: list[Field]) -> bool:
    key, label, rest = hit
    seg = line.segments[si]
    # in an open field's value column, or a little right of it (a wrapped entry's hanging indent)
    in_values = [f for f in open_fields if f.value_x0 is not None and seg.x0 > f.label_x0 + VALUE_COLUMN
                 and -LABEL_COLUMN <= seg.x0 - f.value_x0 <= HANGING_INDENT]
    if si > 0:
        # a label in its own column further right, unless it carries on a value in lower case
        return not (in_values and text[:1].islower())
    # A first segment standing inside an open field's value column is a value, not a
    # label: a common word (Tid, Plats) or a note.  Only a label written with its colon
    # starts a field there.
    if text[len(label):].lstrip().startswith(":"):
        return True
    return not (in_values and len(line.segments) == 1)


def _after_gap(f: Field, line: Line, x0: float) -> bool:
    """A field whose values stand under its label ends at a gap on a positioned page: what
    follows the space (a title, another block) is not its value.  One whose values stand in
    a column right of its label ends at a gap before text that starts left of that column."""
    if not line.blank_before or not f.values or f.value_x0 is None or f.line is line:
        return False
    if f.value_x0 - f.label_x0 > VALUE_COLUMN and x0 < f.value_x0 - LABEL_COLUMN:
        return True
    return line.positioned and abs(f.value_x0 - f.label_x0) <= LABEL_COLUMN


def _wraps_back(f: Field, x0: float, line: Line) -> bool:
    """A value line that starts in the label's column continues the field only when it is set
    like the field's values (same size and weight) without a gap above it; a title or a new
    block after the letterhead is not a value."""
    if x0 < f.label_x0 - LABEL_COLUMN:
        return False  # never a value to the left of its label
    if not line.positioned or not f.values:
        return True
    last = f.values[-1].line
    return not line.blank_before and same_type(line, last)


def _cut_at_columns(line: Line, open_fields: list[Field]) -> list[Segment]:
    """The line's segments, each cut where a word starts on the column of an open field
    further right after a space wider than a word space (two columns set close enough to
    read as one run of words)."""
    columns = [_column(f) for f in open_fields if f.page == line.page]
    if not line.positioned or not columns:
        return line.segments
    out: list[Segment] = []
    for seg in line.segments:
        words = segment_words(seg)
        start = 0
        for k in range(1, len(words)):
            gap = words[k].x0 - words[k - 1].x1
            if gap > CELL_GAP * line.size and any(col > seg.x0 + VALUE_COLUMN and abs(words[k].x0 - col) <= LABEL_COLUMN
                                                  for col in columns):
                out.append(_piece(words[start:k]))
                start = k
        out.append(seg if start == 0 else _piece(words[start:]))
    return out if len(out) > len(line.segments) else line.segments


def _piece(words: list[Word]) -> Segment:
    return segment_of(words)


def _column(f: Field) -> float:
    """Where a field's values start: its value column, else its label's."""
    return f.value_x0 if f.value_x0 is not None else f.label_x0


def _owner(x0: float, started_here: list[Field], open_fields: list[Field], line: Line) -> Field | None:
    """The field a value segment at ``x0`` belongs to: the nearest column to its left."""
    candidates = started_here or open_fields
    if not candidates:
        return None
    # a column the value stands in or hangs from (a label over its values counts by its
    # label) wins over one further right that it merely reaches
    aligned = [f for f in candidates if f.label_x0 <= x0 + LABEL_COLUMN
               and -LABEL_COLUMN <= x0 - _column(f) <= HANGING_INDENT]
    if aligned:  # the rightmost; of two on one column the label nearer above
        return max(aligned, key=lambda f: (_column(f), candidates.index(f)))
    best = None
    for f in candidates:
        col = f.value_x0 if f.value_x0 is not None else f.label_x0
        if f.label_x0 <= x0 + LABEL_COLUMN and (best is None or col >= (best.value_x0 if best.value_x0 is not None else best.label_x0)):
            if col <= x0 + VALUE_REACH or f.value_x0 is None:
                best = f
    if best is None and not started_here and _wraps_back(open_fields[-1], x0, line):
        best = open_fields[-1]  # a value wrapped back to the label's column
    return best
