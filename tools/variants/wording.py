"""How content is worded on the page, shared by the renderer and the gold.

Every function returns the string as printed; where the gold needs a value it calls
the same function, so what the gold states is what the page says.
"""

from __future__ import annotations

import datetime as dt

from .content import AgendaItem, Item, Person, Presence, genitive, long_date, lower_first

NBSP = "\u00a0"  # keeps a name on one line in the layout; printed as a plain space


def nb(text: str) -> str:
    return text.replace(" ", NBSP)


def fmt_date(d: dt.date, style: str | None) -> str:
    if style == "long":
        return long_date(d)
    if style == "weekday":
        return long_date(d, weekday=True)
    return d.isoformat()


def fmt_time(hhmm: str, style: str | None) -> str:
    return hhmm.replace(":", ".") if style in {None, "dot", "kl_dot"} else hhmm


def fmt_span(start: str, end: str | None, style: str | None) -> str:
    a = fmt_time(start, style)
    if end is None:
        body = a
    elif style == "kl_colon":
        body = f"{a} - {fmt_time(end, style)}"
    else:
        body = f"{a}–{fmt_time(end, style)}" if style != "colon" else f"{a}-{fmt_time(end, style)}"
    if style == "kl_dot":
        return f"kl. {body}"
    if style == "kl_colon":
        return f"kl {body}"
    return body


def party_tag(p: Person) -> str:
    return f"({p.party})" if p.party else "(-)"


def with_party(p: Person) -> str:
    return nb(f"{p.name} {party_tag(p)}")


def names_joined(people: list[Person], party: bool = True) -> str:
    parts = [with_party(p) if party else nb(p.name) for p in people]
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " och " + parts[-1]


def dnr_with_label(dnr: str, label: str | None, default: str | None = None) -> str:
    label = label if label not in {None, "none"} else default
    return f"{label} {dnr}" if label else dnr


# -- att-satser -----------------------------------------------------------------------


def item_texts(items: list[Item], style: str | None) -> list[str]:
    """The printed item strings (without list marker) for a decision style."""
    if style == "att_lead":
        return [i.inf for i in items]
    if style == "att":
        return [f"att {i.inf}" for i in items]
    return [i.sentence for i in items]


def marker(kind: str | None, index: int) -> str:
    return {"dash": "-", "endash": "–", "bullet": "•", "number": f"{index + 1}."}.get(kind or "none", "")


def decision_lead(organ: str, leadin: str | None, style: str | None) -> str | None:
    if style == "att_lead":
        return f"{organ} beslutar att"
    if leadin == "organ_beslutar":
        return f"{organ} beslutar"
    if leadin == "beslutar_foljande":
        return f"{organ} beslutar följande:"
    if leadin == "genitive":
        return f"{genitive(organ)} beslut"
    return None


def proposal_heading(kind: str, by: str | None, to: str | None) -> str:
    if kind == "admin":
        return "Förvaltningens förslag till beslut"
    if kind == "by":
        return f"{genitive(by or '')} förslag"
    if kind == "by_to":
        return f"{genitive(by or '')} förslag till {lower_first(to or '')}"
    return "Förslag till beslut"


def forward_lead(organ: str, parent: str) -> str:
    return f"{genitive(organ)} förslag till {lower_first(parent)}"


# -- per-§ presence -----------------------------------------------------------------------


def ranges(numbers: list[int]) -> str:
    """'§§ 58–60, 62–71', '§ 12'."""
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    text = ", ".join(f"{a}–{b}" if b > a else str(a) for a, b in runs)
    return f"§ {text}" if len(numbers) == 1 else f"§§ {text}"


def presence_note(p: Presence, form: str | None, time_style: str | None) -> str:
    """The note printed after a name, e.g. 'från § 186', 'deltar ej § 213 p.g.a. jäv'."""
    if form in {None, "ranges", "column"}:
        return ranges(p.numbers)
    if p.kind == "jav":
        return f"deltar ej § {p.pivot} p.g.a. jäv" if form != "exclusion" else f"deltar ej i § {p.pivot} på grund av jäv"
    if p.kind == "except":
        return f"ej § {p.pivot}"
    if form == "times" and p.times:
        span = fmt_span(p.times[0], p.times[1], "dot")
        if p.kind == "from":
            return f"från kl. {fmt_time(p.times[0], 'dot')} {ranges(p.numbers)}"
        return f"kl. {span} {ranges(p.numbers)}"
    if form in {"open", "times", "exclusion"} and p.kind == "from":
        return f"från § {p.pivot}"
    if form in {"open", "times", "exclusion"} and p.kind == "to":
        return f"tom § {p.pivot}" if form != "exclusion" else f"t.o.m. § {p.pivot}"
    return ranges(p.numbers)


def presence_cell(p: Presence) -> str:
    """The 'Närvarande §§' column."""
    text = ranges(p.numbers).split(" ", 1)[1]
    if p.kind == "jav":
        return f"{text} (jäv § {p.pivot})"
    return text


# -- kallelse numbering -----------------------------------------------------------------------


def agenda_numbers(items: list[AgendaItem], unnumbered_opening: bool) -> list[int | None]:
    """The number printed before each agenda item (None: printed without a number)."""
    out: list[int | None] = []
    n = 0
    for it in items:
        if unnumbered_opening and it.group == "inledning":
            out.append(None)
        else:
            n += 1
            out.append(n)
    return out
