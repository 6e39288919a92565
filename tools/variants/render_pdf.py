"""Render a variant's content through its layout axes into a PDF.

``render(kind, content, axes, rng)`` lays the document out with ``engine.Engine``,
draws page furniture, and returns the PDF bytes with what the gold needs to know about
the layout: the pages of each § (or agenda item) and the few printing decisions that
are drawn here rather than on an axis (``facts``).
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfgen import canvas as rl_canvas

from .content import Meeting, Memo, Notice, Para, Person, Serving, lower_first
from .engine import LEADING, MARGINS, PAGE_SIZES, Engine, Line, Row, Style, register_fonts, sw, write_pdf
from .wording import (
    agenda_numbers,
    decision_lead,
    dnr_with_label,
    fmt_date,
    fmt_span,
    forward_lead,
    item_texts,
    marker,
    names_joined,
    nb,
    party_tag,
    presence_cell,
    presence_note,
    proposal_heading,
    with_party,
)

DOCTYPE = {"protokoll": ["Protokoll", "Sammanträdesprotokoll", "Protokoll"], "kallelse": ["Kallelse"]}
SECTION_NAMES = {
    "a": {"description": "Ärendebeskrivning", "attachments": "Beslutsunderlag", "motions": "Yrkanden",
          "process": "Beslutsgång", "votes": "Omröstning", "decision": "Beslut", "reservations": "Reservation",
          "recipients": "Expedieras till", "jav": "Jäv"},
    "b": {"description": "Sammanfattning av ärendet", "attachments": "Handlingar",
          "motions": "Förslag till beslut på sammanträdet", "process": "Propositionsordning", "votes": "Votering",
          "decision": "Beslut", "reservations": "Reservationer", "recipients": "Beslutet skickas till", "jav": "Jäv"},
    "c": {"description": "Beskrivning av ärendet", "attachments": "Bilagor", "motions": "Yrkande",
          "process": "Proposition", "votes": "Omröstningsresultat", "decision": "Beslut", "reservations": "Reservation",
          "recipients": "Exp", "jav": "Anmälan om jäv"},
}


@dataclass
class Rendered:
    pdf: bytes
    pages: int
    owned: dict[object, list[int]]
    facts: dict[str, Any] = field(default_factory=dict)
    layout: Layout | None = None  # the structure as laid out, for the text renderings


@dataclass
class Layout:
    """What the text renderings need to know of the laid-out document: the blocks in the
    order drawn (``engine.Rec``), the lines set at a page's top, and each page's furniture
    as text lines [(y, [(x, text, font, size)])] from the top of the page down."""

    rec: list[Any]
    page_top: dict[int, list[Line]]
    furniture: list[list[tuple[float, list[tuple[float, str, str, float]]]]]
    size: float
    fonts: tuple[str, str, str]
    first_pages: list[int]
    flow_top: float
    flow_bottom: float


class _TextCanvas:
    """Stands in for the reportlab canvas while page furniture is drawn: keeps the strings."""

    def __init__(self) -> None:
        self.font = ("Helvetica", 10.0)
        self.out: list[tuple[float, float, str, str, float]] = []

    def setFont(self, font: str, size: float) -> None:  # noqa: N802 - the canvas's API
        self.font = (font, size)

    def drawString(self, x: float, y: float, s: str) -> None:  # noqa: N802
        self.out.append((x, y, s, *self.font))

    def drawRightString(self, x: float, y: float, s: str) -> None:  # noqa: N802
        self.out.append((x - sw(s, *self.font), y, s, *self.font))

    def drawCentredString(self, x: float, y: float, s: str) -> None:  # noqa: N802
        self.out.append((x - sw(s, *self.font) / 2, y, s, *self.font))

    def __getattr__(self, name: str) -> Any:  # lines, rectangles, line widths: nothing to read
        return lambda *a, **k: None

    def lines(self) -> list[tuple[float, list[tuple[float, str, str, float]]]]:
        rows: list[tuple[float, list[tuple[float, str, str, float]]]] = []
        for x, y, s, font, size in sorted(self.out, key=lambda o: (-o[1], o[0])):
            if rows and abs(rows[-1][0] - y) <= 3:
                rows[-1][1].append((x, s, font, size))
            else:
                rows.append((y, [(x, s, font, size)]))
        return [(y, sorted(segs)) for y, segs in rows]


@dataclass
class Furn:
    """Page furniture of a run of pages."""

    first_page: int
    style: str
    pnum: str
    footer: str
    letterhead: str | None  # issuer name as printed at the top, or None
    organ: str
    doctype: str
    date: str
    protocol_no: str | None = None
    sign_boxes: int = 0
    address: list[str] = field(default_factory=list)
    author_line: str | None = None


HEADER_H = {"right_block": (66, 66), "banner": (52, 52), "ruled": (44, 44), "numbered": (44, 44), "first_only": (92, 16)}


def page_label(style: str, n: int, total: int) -> str:
    return {"n_of": f"{n} ({total})", "sida_paren": f"Sida {n} ({total})", "sida_av": f"Sida {n} av {total}",
            "blad": f"Blad {n}"}.get(style, "")


class Doc:
    def __init__(self, ax: dict[str, Any], rng: random.Random, header_style: str, footer: str, extra_footer: float = 0):
        register_fonts()
        self.ax = ax
        self.rng = rng
        size = float(ax["font_size"])
        footer_h = {"sign_boxes": 40, "address": 38, "none": 14}[footer] + extra_footer
        self.st = Style(font=ax["font"], size=size, leading=LEADING[ax["leading"]], page=PAGE_SIZES[ax["page_size"]],
                        margins=MARGINS[ax["margins"]], label_upper=ax["label_case"] == "upper",
                        label_colon=ax["label_colon"] == "yes", header_h=HEADER_H[header_style], footer_h=footer_h)
        self.eng = Engine(self.st, rng, hyphenate=ax["hyphenation"] == "on")
        self.furn: list[Furn] = []
        self.facts: dict[str, Any] = {}

    # -- furniture --------------------------------------------------------------------------------
    def furniture(self, c: rl_canvas.Canvas, index: int, total: int) -> None:
        spec = max((f for f in self.furn if f.first_page <= index), key=lambda f: f.first_page)
        nxt = [f.first_page for f in self.furn if f.first_page > spec.first_page]
        local_total = (min(nxt) if nxt else total) - spec.first_page
        n = index - spec.first_page + 1
        st = self.st
        w, h = st.page
        left, right = st.margins[0], w - st.margins[1]
        top = h - st.margins[2]
        label = page_label(spec.pnum, n, local_total)

        def put(x: float, y: float, s: str, font: str, size: float, align: str = "l") -> None:
            if not s:
                return
            c.setFont(font, size)
            if align == "r":
                c.drawRightString(x, y, s)
            elif align == "c":
                c.drawCentredString(x, y, s)
            else:
                c.drawString(x, y, s)

        c.setLineWidth(0.6)
        lh = spec.letterhead
        if spec.style == "right_block":
            x = left + (right - left) * 0.58
            if lh:
                size = 15.0
                while size > 7 and left + sw(lh, st.bold, size) > x - 14:
                    size -= 0.5
                put(left, top - 22, lh, st.bold, size)
            put(x, top - 10, spec.organ, st.bold, 10.5)
            put(x, top - 23, spec.doctype, st.bold, 10.5)
            put(x, top - 42, spec.date, st.reg, 10.5)
            put(right, top + 10, label, st.reg, 8, "r")
        elif spec.style in {"banner", "ruled"}:
            # line 1: issuer | DOCTYPE | page; a long issuer name is set smaller rather than run into the rest
            doc = spec.doctype.upper()
            x_doc = left + (right - left) * 0.42
            room_after = right - sw(label, st.reg, 9) - 12
            if x_doc + sw(doc, st.bold, 10) > room_after:
                x_doc = room_after - sw(doc, st.bold, 10)
            name = (lh.upper() if spec.style == "banner" else lh) if lh else ""
            size = 10.0
            while name and size > 6 and left + sw(name, st.bold, size) > x_doc - 14:
                size -= 0.5
            put(left, top - 10, name, st.bold, size)
            put(x_doc, top - 10, doc, st.bold, 10)
            put(right, top - 10, label, st.reg, 9, "r")
            if spec.style == "banner":
                put(left, top - 24, spec.organ, st.reg, 9.5)
                put(left, top - 37, spec.date, st.reg, 9.5)
            else:
                put(left, top - 22, spec.organ, st.reg, 9)
                put(right, top - 22, spec.date, st.reg, 9, "r")
                c.line(left, top - 28, right, top - 28)
        elif spec.style == "numbered":
            put(left, top - 10, spec.protocol_no or spec.doctype, st.bold, 10)
            put((left + right) / 2, top - 10, lh or "", st.reg, 9, "c")
            put(right, top - 10, label, st.reg, 9, "r")
            put(left, top - 22, spec.date, st.reg, 9)
            put(right, top - 22, spec.organ, st.reg, 9, "r")
            c.line(left, top - 28, right, top - 28)
        elif spec.style == "first_only":
            if n == 1:
                if lh:
                    size = 14.0
                    while size > 7 and sw(lh, st.bold, size) > right - left:
                        size -= 0.5
                    put(left, top - 14, lh, st.bold, size)
                put(left, top - 44, spec.doctype, st.bold, 18)
                put(left, top - 62, spec.organ, st.reg, 11)
                put(left, top - 76, spec.date, st.reg, 11)
            put(right, 20, label, st.reg, 8, "r")
        # footer
        bottom = st.margins[3]
        if spec.footer == "sign_boxes":
            boxes = ["Justerandes sign"] * spec.sign_boxes + ["Utdragsbestyrkande"]
            bw = (right - left) / len(boxes)
            for i, name in enumerate(boxes):
                x = left + i * bw
                c.rect(x, bottom, bw, 28, stroke=1, fill=0)
                put(x + 3, bottom + 21, name, st.reg, 6)
        elif spec.footer == "address":
            c.line(left, bottom + 30, right, bottom + 30)
            for i, s in enumerate(spec.address):
                put(left, bottom + 21 - 9 * i, s, st.reg, 7)
        if spec.author_line:
            put(left, bottom + (40 if spec.footer != "none" else 4), spec.author_line, st.reg, 7.5)

    def finish(self, title: str) -> Rendered:
        buf = io.BytesIO()
        write_pdf(buf, self.st, self.eng.pages, self.furniture, title, self.ax["encoding"] == "nfd")
        owned = {str(k): sorted(v) for k, v in self.eng.owned.items()}
        total = len(self.eng.pages)
        furniture = []
        for i in range(total):
            canvas = _TextCanvas()
            self.furniture(canvas, i, total)  # type: ignore[arg-type]
            furniture.append(canvas.lines())
        layout = Layout(self.eng.rec, self.eng.page_top, furniture, self.st.size, (self.st.reg, self.st.bold, self.st.ital),
                        sorted(self.st.first_pages), self.st.page[1] - self.st.margins[2], self.st.bottom_y)
        return Rendered(buf.getvalue(), total, owned, self.facts, layout)

    # -- common pieces ----------------------------------------------------------------------------
    def letterhead(self, issuer_name: str) -> str | None:
        lh = self.ax["letterhead"]
        return None if lh == "none" else issuer_name.upper() if lh == "upper" else issuer_name

    def address_lines(self, issuer: Any, dept: str, phone: str) -> list[str]:
        return [f"{issuer.name} · {dept} · {issuer.postcode} {issuer.ort.upper()}",
                f"Besöksadress: {issuer.street} · Telefon: {phone} · www.{issuer.domain}"]

    def item_list(self, items: list[str], mk: str | None, dx: float = 0.0, hyph: bool = True) -> None:
        e = self.eng
        hang = sw("00.", e.st.reg, e.st.size) + 6 if mk == "number" else sw("•", e.st.reg, e.st.size) + 8
        for i, text in enumerate(items):
            m = marker(mk, i)
            with e.tagged("list" if m else None):
                e.place(e.marked(m, nb(text) if len(text) < 14 else text, e.st.width - dx, hang if m else 0, hyph=hyph), dx)
            e.space(e.st.lead * 0.25)
        e.space(e.st.lead * 0.3)

    def section_heading(self, text: str, dx: float = 0.0) -> None:
        e = self.eng
        e.space(e.st.lead * 0.25)
        e.heading(text, dx=dx, after=1.5)


# ======================================================================================
# protokoll and protokollsutdrag


class Protocol(Doc):
    def __init__(self, m: Meeting, ax: dict[str, Any], rng: random.Random, kind: str):
        self.m = m
        self.kind = kind
        header = ax["header_style"]
        super().__init__(ax, rng, header, ax["footer"])
        self.sec = SECTION_NAMES[ax["section_names"]]
        self.organ = m.organ.name
        if kind == "protokoll":
            doctype = rng.choice(DOCTYPE["protokoll"])
        else:
            doctype = ax["utdrag_title"]
        self.doctype = doctype
        self.has_front = kind == "protokoll" or ax["utdrag_front"] != "none"
        self.facts["municipality_printed"] = ax["letterhead"] != "none" or ax["footer"] == "address"
        phone = f"{m.issuer.phone_prefix} {rng.randint(10, 99)} {rng.randint(10, 99)}"
        date_hdr = m.date.isoformat() if header != "numbered" else f"Sammanträdesdatum: {m.date.isoformat()}"
        self.furn.append(Furn(0, header, ax["page_number"], ax["footer"], self.letterhead(m.issuer.name), self.organ,
                              doctype, date_hdr, f"Protokoll nr {m.protocol_no}" if kind == "protokoll" else None,
                              sign_boxes=len(m.adjusters) + rng.randint(0, 1),
                              address=self.address_lines(m.issuer, m.organ.department, phone)))
        self.dx = 72.0 if ax["heading_style"] == "margin" else 0.0
        self.facts["jav_in_attendance"] = False

    # -- front matter --------------------------------------------------------------------------
    def lab(self, text: str) -> str:
        colon = True if self.ax["front_layout"] == "inline" else None
        return self.st.label(text, colon)

    def v(self, text: str) -> Any:
        """A value maker: wraps the text to the width it is given."""
        return lambda w: self.eng.lines(text, w)

    def v_lines(self, texts: list[str], hang: float = 10.0) -> Any:
        def make(w: float) -> list[Line]:
            out: list[Line] = []
            for t in texts:
                lines = self.eng.lines(t, w - hang)
                out.append(lines[0])
                out.extend([[(dx + hang, s, f, z) for dx, s, f, z in ln] for ln in lines[1:]])
            return out
        return make

    def time_text(self) -> str:
        m, ax = self.m, self.ax
        text = fmt_span(m.start, m.end, ax["time_style"])
        if m.adjournment:
            a, b = m.adjournment
            text += f", ajournering {fmt_time_pair(a, b, ax['time_style'])}"
        return text

    def front_rows(self) -> list[tuple[str, Any, bool]]:
        """(label, value maker, short) in the order printed."""
        m, ax = self.m, self.ax
        ds = ax["date_style"]
        rows: list[tuple[str, Any, bool]] = []
        tp = ax["time_place_labels"]
        if tp == "plats_och_tid":
            rows.append(("Plats och tid", self.v_lines([m.place, self.time_text()], 0), False))
        elif tp == "tid_och_plats":
            rows.append(("Tid och plats", self.v_lines([f"{fmt_date(m.date, ds)} {self.time_text()}", m.place], 0), False))
        else:
            rows.append(("Datum" if tp == "separate" else "Sammanträdesdatum", self.v(fmt_date(m.date, ds)), True))
            rows.append(("Tid", self.v(self.time_text()), True))
            rows.append(("Plats", self.v(m.place), True))
        rl = ax["range_label"]
        a, b = m.numbers[0], m.numbers[-1]
        if rl == "paragrafer_ss":
            rows.append(("Paragrafer", self.v(f"§§ {a}–{b}"), True))
        elif rl == "paragraf_colon":
            rows.append((self.st.label("Paragraf", True), self.v(f"§ {a}-§ {b}"), True))
        elif rl == "bare":
            rows.append(("", self.v(f"§§ {a}-{b}"), True))
        elif rl == "paragrafer":
            rows.append(("Paragrafer", self.v(f"{a}-{b}"), True))
        if ax["attendance_place"] == "front":
            if ax["attendance_form"] not in {"ruled_table", "plain_table"}:
                rows.extend(self.attendance_rows())
        else:
            rows.append((ax["members_label"], self.v("Se bifogad närvarolista" if self.rng.random() < 0.5 else "Se närvarolista"), False))
        just = self.rng.random() < 0.5
        adj = names_joined(m.adjusters) if just else ", ".join(nb(x.name) for x in m.adjusters)
        rows.append((ax["justerare_label"], self.v(adj), True))
        rows.append((ax["verification_label"], self.v(self.verification_text()), False))
        return rows

    def verification_text(self) -> str:
        m, ax = self.m, self.ax
        form = ax["verification_form"]
        d = fmt_date(m.verification_date, ax["date_style"])
        if form == "place_date":
            self.facts["verification"] = {"place": m.verification_place, "date": m.verification_date.isoformat()}
            return f"{m.verification_place} {d}"
        if form == "digital":
            self.facts["verification"] = {"place": None, "date": m.verification_date.isoformat()}
            return self.rng.choice([f"Digital justering {d}", f"Protokollet justeras digitalt {d}"])
        if self.rng.random() < 0.5:
            self.facts["verification"] = {"place": None, "date": m.verification_date.isoformat()}
            return f"Protokollet justeras på distans {d}"
        self.facts["verification"] = {"place": None, "date": None}
        return "Protokollet justeras på distans"

    # -- attendance entries ----------------------------------------------------------------------
    def member_text(self, s: Serving, table: bool = False) -> str:
        ax = self.ax
        parts = [nb(s.person.name) + ("" if ax["party_form"] == "column" and table else NB + party_tag(s.person))]
        role = s.role if s.role != "tjänstgörande ersättare" else None
        if role and not (table and ax["role_form"] == "column"):
            parts[0] += f" ({role})" if ax["role_form"] in {"brackets", "column"} else f", {role}"
        sub = ""
        if s.substitute_for and not (table and ax["substitute_wording"] == "column"):
            y = s.substitute_for
            w = ax["substitute_wording"]
            if w == "for":
                sub = f"för {with_party(y)}"
            elif w == "tjanstgor_for":
                sub = f"tjänstgör för {with_party(y) if self.rng.random() < 0.5 else nb(y.name)}"
            elif w == "tjg_ersattare_for":
                sub = f"tjänstgörande ersättare för {with_party(y)}"
            else:
                sub = f"ersätter {with_party(y)}"
        pres = ""
        if s.presence and not (table and ax["presence_form"] == "column"):
            pres = presence_note(s.presence, ax["presence_form"], ax["time_style"])
            if s.presence.kind == "jav" and "jäv" in pres:
                self.facts["jav_in_attendance"] = True
        tail = [pres, sub] if ax["presence_pos"] == "before" else [sub, pres]
        text = parts[0]
        for t in tail:
            if t:
                text += (", " if t.startswith("tjänstgörande") else " ") + t
        return text

    def substitute_text(self, person: Person, presence: Any, table: bool = False) -> str:
        text = nb(person.name) + ("" if self.ax["party_form"] == "column" and table else NB + party_tag(person))
        if presence is not None and not table:
            text += " " + presence_note(presence, "ranges", None)
        return text

    def other_text(self, o: Any) -> str:
        f = self.ax["others_form"]
        if f == "comma":
            return nb(o.name) + f", {o.title}" + (f", {o.unit}" if o.unit else "")
        if f == "paren":
            return nb(o.name) + f" ({o.title})"
        if f == "paren_unit":
            return nb(o.name) + (f" ({o.title}, {o.unit})" if o.unit else f" ({o.title})")
        return nb(o.name) + f", {o.title}"

    def attendance_rows(self) -> list[tuple[str, Any, bool]]:
        m, ax = self.m, self.ax
        form = ax["attendance_form"]
        rows: list[tuple[str, Any, bool]] = []
        members = [self.member_text(s) for s in m.members]
        subs = [self.substitute_text(s.person, s.presence) for s in m.substitutes]
        others = [self.other_text(o) for o in m.others]
        absent = [with_party(p) for p in m.absent] if ax["absent_label"] != "none" else []
        self.facts["absent_printed"] = bool(absent)
        if form == "columns":
            reg = [self.member_text(s) for s in m.members if s.substitute_for is None]
            tjg = [self.member_text(s) for s in m.members if s.substitute_for is not None]
            cols = [("Ledamöter", reg)] + ([("Tjänstgörande ersättare", tjg)] if tjg else [])
            rows.append((ax["members_label"], self.columns(cols), False))
            cols2 = ([("Ersättare", subs)] if subs else []) + ([("Tjänstepersoner", others)] if others else [])
            if cols2:  # the row holds ersättare and officials: "Tjänstepersoner" would be too narrow a label
                label = ax["others_label"] if ax["others_label"] != "Tjänstepersoner" else "Övriga närvarande"
                rows.append((label, self.columns(cols2), False))
            if absent:
                rows.append((ax["absent_label"], self.v_lines(absent), False))
            return rows
        maker = self.v_lines if form == "one_per_line" else (lambda xs: self.v(", ".join(xs)))
        rows.append((ax["members_label"], maker(members), False))
        if subs:
            rows.append((ax["substitutes_label"], maker(subs), False))
        if others:
            rows.append((ax["others_label"], maker(others), False))
        if absent:
            rows.append((ax["absent_label"], maker(absent), False))
        return rows

    def columns(self, cols: list[tuple[str, list[str]]]) -> Any:
        def make(w: float) -> list[Line]:
            e = self.eng
            n = len(cols)
            cw = w / n
            per: list[list[Line]] = []
            for head, entries in cols:
                lines: list[Line] = [[(0.0, head, e.st.ital, e.st.size)]]
                for t in entries:
                    ls = e.lines(t, cw - 14)
                    lines.append(ls[0])
                    lines.extend([[(dx + 8, s, f, z) for dx, s, f, z in ln] for ln in ls[1:]])
                per.append(lines)
            out: list[Line] = []
            for i in range(max(len(p) for p in per)):
                line: Line = []
                for c, p in enumerate(per):
                    if i < len(p):
                        line.extend((dx + c * cw, s, f, z) for dx, s, f, z in p[i])
                out.append(line)
            return out
        return make

    def attendance_tables(self) -> None:
        """Attendance as tables (ruled or not) under group headings, full width."""
        m, ax, e = self.m, self.ax, self.eng
        ruled = ax["attendance_form"] == "ruled_table"
        head = ["Namn"]
        if ax["party_form"] == "column":
            head.append("Parti")
        if ax["role_form"] == "column":
            head.append("Roll")
        if ax["substitute_wording"] == "column":
            head.append("Ersätter")
        if ax["presence_form"] == "column":
            head.append("Närvarande §§")
        weights = {"Namn": 3.2, "Parti": 0.8, "Roll": 1.9, "Ersätter": 2.4, "Närvarande §§": 1.7}
        total = sum(weights[h] for h in head)
        xs: list[tuple[float, float]] = []
        x = 0.0
        for h in head:
            w = e.st.width * weights[h] / total
            xs.append((x, w))
            x += w
        pad = 3.0 if ruled else 0.0

        def cell(text: str, c: int, font: str | None = None) -> list[Line]:
            return e.lines(text, xs[c][1] - 2 * pad - 2, font)

        def group(label: str, rows_text: list[list[str]]) -> None:
            if not rows_text:
                return
            e.space(e.st.lead * 0.3)
            e.heading(self.st.label(label, False), after=2)
            hdr = Row([cell(h, i, e.st.bold) for i, h in enumerate(head)], xs, ruled, pad)
            e.need(e.st.lead * 4 + 4 * pad)
            with e.tagged("table"):
                e.rows([hdr])
                e.rows([Row([cell(t, i) for i, t in enumerate(r)], xs, ruled, pad) for r in rows_text], header=hdr)

        def member_row(s: Serving) -> list[str]:
            r = [self.member_text(s, table=True)]
            if "Parti" in head:
                r.append(s.person.party or "-")
            if "Roll" in head:
                role = s.role or "ledamot"
                r.append(role[:1].upper() + role[1:] if self.facts.setdefault("role_cap", self.rng.random() < 0.5) else role)
            if "Ersätter" in head:
                r.append(with_party(s.substitute_for) if s.substitute_for else "")
            if "Närvarande §§" in head:
                r.append(presence_cell(s.presence) if s.presence else "")
                if s.presence and s.presence.kind == "jav":
                    self.facts["jav_in_attendance"] = True
            return r

        def plain_row(name: str, party: str | None, role: str) -> list[str]:
            r = [name]
            if "Parti" in head:
                r.append(party or "-")
            if "Roll" in head:
                r.append(role)
            r.extend("" for _ in head[len(r):])
            return r

        group(ax["members_label"], [member_row(s) for s in m.members])
        group(ax["substitutes_label"], [plain_row(self.substitute_text(s.person, None, table=True), s.person.party, "ersättare")
                                        for s in m.substitutes])
        others = [self.other_text(o) for o in m.others]
        if others:
            e.space(e.st.lead * 0.3)
            e.heading(self.st.label(ax["others_label"], False), after=2)
            for t in others:
                e.place(e.lines(t, e.st.width))
        absent = ax["absent_label"] != "none" and m.absent
        self.facts["absent_printed"] = bool(absent)
        if absent:
            group(ax["absent_label"], [plain_row(with_party(p) if "Parti" not in head else nb(p.name), p.party, "ledamot")
                                       for p in m.absent])
        e.space(e.st.lead * 0.5)

    # -- placing label/value rows ---------------------------------------------------------------------
    def place_rows(self, rows: list[tuple[str, Any, bool]]) -> None:
        with self.eng.tagged("grid"):
            self._place_rows(rows)

    def _place_rows(self, rows: list[tuple[str, Any, bool]]) -> None:
        e, st = self.eng, self.st
        layout = self.ax["front_layout"]
        widest = max((sw(w, st.bold, st.size) for label, _, _ in rows for w in self.lab(label).split()), default=0.0)
        lw = min(max(110.0, st.width * 0.27, widest + 14), st.width * 0.45)
        vw = st.width - lw
        gap = st.lead * 0.55
        if layout == "two_column_grid":
            half = st.width / 2
            lw2 = min(lw, half * 0.45)
            i = 0
            while i < len(rows):
                label, make, short = rows[i]

                def fits(text: str) -> bool:
                    return all(sw(w, st.bold, st.size) <= lw2 - 8 for w in self.lab(text).split())
                if short and i + 1 < len(rows) and rows[i + 1][2] and fits(label) and fits(rows[i + 1][0]):
                    label2, make2, _ = rows[i + 1]
                    cells = [e.lines(self.lab(label), lw2 - 6, st.bold), make(half - lw2 - 8),
                             e.lines(self.lab(label2), lw2 - 6, st.bold), make2(half - lw2 - 4)]
                    e.rows([Row(cells, [(0, lw2), (lw2, half - lw2), (half, lw2), (half + lw2, half - lw2)])])
                    i += 2
                else:
                    e.rows([Row([e.lines(self.lab(label), lw - 8, st.bold), make(vw)], [(0, lw), (lw, vw)])])
                    i += 1
                e.space(gap)
            return
        for label, make, _short in rows:
            if layout == "left_column":
                e.rows([Row([e.lines(self.lab(label), lw - 10, st.bold), make(vw)], [(0, lw), (lw, vw)])])
                e.space(gap)
            elif layout == "ruled_table":
                e.rows([Row([e.lines(self.lab(label), lw - 10, st.bold), make(vw - 8)], [(0, lw), (lw, vw)], True, 3)])
            elif layout == "labels_above":
                if label:
                    e.heading(self.lab(label), after=1, keep_lines=1)
                e.place(make(st.width))
                e.space(gap)
            else:  # inline
                text = self.lab(label)
                w = sw(text, st.bold, st.size) + 6 if label else 0
                if w > st.width * 0.45:  # a label this long puts its value on the next line
                    e.place(e.lines(text, st.width, st.bold), keep=3)
                    e.place(make(st.width))
                else:
                    e.rows([Row([e.lines(text, w, st.bold) if label else [], make(st.width - w)], [(0, w), (w, st.width - w)])])
                e.space(gap * 0.6)
        if layout == "ruled_table":
            e.space(gap)

    # -- signatures and anslag -------------------------------------------------------------------------
    def signature_block(self) -> None:
        with self.eng.tagged("sig"):
            self._signature_block()

    def _signature_block(self) -> None:
        m, ax, e, st = self.m, self.ax, self.eng, self.st
        form = ax["signature_form"]
        with_p = self.facts.setdefault("sig_party", self.rng.random() < 0.4)

        def shown(p: Person) -> str:
            return with_party(p) if with_p else nb(p.name)

        just_label = {"Utses att justera": "Justerande", "Justerare": "Justerare",
                      "Protokolljusterare": "Protokolljusterare"}[ax["justerare_label"]]
        signers = [("Sekreterare", nb(m.secretary.name)), ("Ordförande", shown(m.chair))] + \
                  [(just_label, shown(a)) for a in m.adjusters]
        e.space(st.lead)
        if form == "label_column":
            lw = max(110.0, st.width * 0.27)
            dots = "." * min(60, int((st.width - lw - 12) / sw(".", st.reg, st.size)))
            for label, name in signers:
                e.rows([Row([e.lines(self.st.label(label, False), lw - 10, st.bold), [[(0, dots, st.reg, st.size)], [(0, name, st.reg, st.size)]]],
                            [(0, lw), (lw, st.width - lw)])])
                e.space(st.lead * 0.6)
        elif form == "grid":
            n = len(signers)
            widest = max(max(sw(self.st.label(lbl, False), st.bold, st.size), sw(name, st.reg, st.size)) for lbl, name in signers)
            per_row = max(1, min(n, int(st.width // (widest + 18))))
            for start in range(0, n, per_row):
                chunk = signers[start:start + per_row]
                cw = st.width / per_row
                cols = [(i * cw, cw) for i in range(len(chunk))]
                e.need(st.lead * 5)
                e.rows([Row([[[(0, self.st.label(lbl, False), st.bold, st.size)]] for lbl, _ in chunk], cols)])
                e.space(st.lead * 1.6)
                e.rows([Row([[[(0, f"\x00rule{cw - 20:.1f}", st.reg, st.size)], [(0, name, st.reg, st.size)]] for _, name in chunk], cols)])
                e.space(st.lead)
        else:  # vid_protokollet
            e.need(st.lead * 9)
            e.heading("Vid protokollet", font=st.reg, after=st.lead * 1.2, keep_lines=3)
            e.place([[(0, f"\x00rule{st.width * 0.4:.1f}", st.reg, st.size)], [(0, signers[0][1], st.reg, st.size)]])
            e.space(st.lead * 0.8)
            e.heading("Justeras", font=st.reg, after=st.lead * 1.2, keep_lines=3)
            rest = signers[1:]
            cw = st.width / len(rest)
            cols = [(i * cw, cw) for i in range(len(rest))]
            e.rows([Row([[[(0, f"\x00rule{cw - 20:.1f}", st.reg, st.size)], [(0, name, st.reg, st.size)],
                          [(0, lbl.lower() if lbl != "Justerande" else "justerare", st.ital, st.size)]] for lbl, name in rest], cols)])
        e.space(st.lead)

    def anslag(self) -> None:
        m, ax, e, st = self.m, self.ax, self.eng, self.st
        form = ax["anslag"]
        if form == "absent":
            return
        if form == "sentence":
            e.need(st.lead * 3)
            e.hline(st.left, st.left + st.width, e.y)
            e.space(3)
            who = {"region": "regionens", "forbund": "förbundets"}.get(m.issuer.kind, "kommunens")
            e.para(f"Protokollet är justerat. Justeringen har tillkännagivits på {who} digitala anslagstavla.")
            self.facts["posting"] = "sentence"
            return
        e.space(st.lead * 0.5)
        e.need(st.lead * 10)
        title = self.rng.choice(["ANSLAG/BEVIS", "ANSLAG / BEVIS", "Bevis om anslag"])
        e.hline(st.left, st.left + st.width, e.y + 2, 1.0)
        e.heading(title, size=st.size + 2, after=1, keep_lines=6)
        e.para("Protokollet är justerat. Justeringen har tillkännagivits genom anslag.", after=2)
        ds = ax["date_style"] if ax["date_style"] != "weekday" else "iso"
        old = self.rng.random() < 0.5
        up = "Datum för anslags uppsättande" if old else "Datum då anslaget sätts upp"
        down = "Datum för anslags nedtagande" if old else "Datum då anslaget tas ned"
        signed = self.rng.random() < 0.8
        self.facts["posting"] = {"posted_on": m.posted_on.isoformat(), "removed_on": m.removed_on.isoformat(),
                                 "storage": m.storage, "signed_by": m.secretary.name if signed else None}
        widest_word = max(sw(w, st.bold, st.size) for w in (up + " " + down + " Sammanträdesdatum Förvaringsplats").split())
        lw = max(130.0, st.width * 0.32, widest_word + 14)
        vw = st.width - lw
        items = [("Organ", self.organ), ("Sammanträdesdatum", fmt_date(m.date, ds)), (up, fmt_date(m.posted_on, ds)),
                 (down, fmt_date(m.removed_on, ds)), ("Förvaringsplats för protokollet", m.storage)]
        rows = [Row([e.lines(lbl, lw - 8, st.bold), e.lines(val, vw - 8)], [(0, lw), (lw, vw)], True, 2) for lbl, val in items]
        sig: list[Line] = [[(0, "." * min(50, int((vw - 12) / sw(".", st.reg, st.size))), st.reg, st.size)]]
        if signed:
            sig.append([(0, nb(m.secretary.name), st.reg, st.size)])
        rows.append(Row([e.lines("Underskrift", lw - 8, st.bold), sig], [(0, lw), (lw, vw)], True, 2))
        with e.tagged("grid"):
            e.rows(rows)
        e.space(st.lead)

    def esign_page(self) -> None:
        m, e, st = self.m, self.eng, self.st
        e.page_break()
        e.heading("Verifikat", size=st.size + 3, after=4)
        tx = "".join(self.rng.choice("0123456789") for _ in range(20))
        e.para(f"Transaktion {tx}")
        e.para("Dokument")
        e.para(f"{self.doctype} {self.organ} {m.date.isoformat()}", font=st.bold)
        e.para(f"Huvuddokument {len(e.pages) - 1} sidor")
        e.para("Det här dokumentet är digitalt signerat", font=st.bold)
        e.space(4)
        role = {0: "Sekreterare", 1: "Ordförande"}
        people = [m.secretary.name, m.chair.name] + [a.name for a in m.adjusters]
        cw = st.width / 2
        for i, name in enumerate(people):
            when = f"{m.verification_date.isoformat()} {self.rng.randint(8, 17):02d}:{self.rng.randint(0, 59):02d}:{self.rng.randint(0, 59):02d} UTC"
            with e.tagged("sig"):
                e.rows([Row([[[(0, nb(name), st.bold, st.size)], [(0, role.get(i, "Justerare"), st.reg, st.size)]],
                             [[(0, "Signerat " + when, st.reg, st.size)], [(0, "Undertecknare med svenskt BankID", st.reg, st.size)]]],
                            [(0, cw), (cw, cw)])])
            e.space(4)
        e.space(6)
        tid = "-".join("".join(self.rng.choice("0123456789ABCDEF") for _ in range(4)) for _ in range(4))
        e.para(f"Transaktionsidentitet: {tid}", size=st.size - 1)
        e.para("Verifikatet är utfärdat av en betrodd tjänst för elektroniska underskrifter.", size=st.size - 1)

    # -- the § ----------------------------------------------------------------------------------------
    def para_heading(self, p: Para) -> None:
        with self.eng.tagged("phead"):
            self._para_heading(p)

    def _para_heading(self, p: Para) -> None:
        e, st, ax = self.eng, self.st, self.ax
        style = ax["heading_style"]
        tfont = st.bold if ax["title_bold"] == "yes" else st.reg
        tsize = st.size + 1.5
        label = ax["dnr_label"]
        dnr = p.dnr
        num = f"§ {p.number}"
        e.need(st.lead * 6)
        if style == "number_then_title":
            e.place([[(0, num, st.bold, st.size)]])
            e.place(e.lines(p.title, st.width, tfont, tsize), lead=tsize * st.leading)
            if dnr:
                e.place([[(0, dnr_with_label(dnr, label), st.reg, st.size)]])
        elif style == "inline":
            hang = sw("§ 000", st.bold, tsize) + 10
            lines = e.lines(p.title, st.width - hang, tfont, tsize)
            lines = [[(hang + dx, s, f, z) for dx, s, f, z in ln] for ln in lines]
            lines[0] = [(0, num, st.bold, tsize), *lines[0]]
            e.place(lines, lead=tsize * st.leading)
            if dnr:
                e.place([[(hang, dnr_with_label(dnr, label), st.reg, st.size)]])
        elif style in {"number_dnr", "number_label_dnr", "organ_prefix"}:
            if style == "organ_prefix":
                head = f"{self.m.organ.abbr} § {p.number}"
                line = [(0, head, st.bold, st.size)] + ([(sw(head, st.bold, st.size) + 24, dnr, st.reg, st.size)] if dnr else [])
            elif style == "number_label_dnr":
                line = [(0, num, st.bold, st.size)] + ([(sw(num, st.bold, st.size) + 18, dnr_with_label(dnr, label, "Dnr"), st.reg, st.size)] if dnr else [])
            else:
                line = [(0, num, st.reg, st.size)] + ([(sw(num, st.reg, st.size) + 8, dnr, st.reg, st.size)] if dnr else [])
            e.place([line])
            e.space(2)
            e.place(e.lines(p.title, st.width, tfont, tsize), lead=tsize * st.leading)
        elif style == "dnr_right":
            right = dnr_with_label(dnr, label) if dnr else ""
            rw = sw(right, st.reg, st.size) + 12 if right else 0
            hang = sw("§ 000", st.bold, tsize) + 10
            lines = e.lines(p.title, st.width - hang - rw, tfont, tsize)
            lines = [[(hang + dx, s, f, z) for dx, s, f, z in ln] for ln in lines]
            lines[0] = [(0, num, st.bold, tsize), *lines[0]]
            if right:
                lines[0].append((st.width - rw + 12, right, st.reg, st.size))
            e.place(lines, lead=tsize * st.leading)
        elif style == "margin":
            lines = e.lines(p.title, st.width - self.dx, tfont, tsize)
            lines = [[(self.dx + dx, s, f, z) for dx, s, f, z in ln] for ln in lines]
            lines[0] = [(0, num, st.bold, tsize), *lines[0]]
            e.place(lines, lead=tsize * st.leading)
            if dnr:
                e.place([[(self.dx, dnr_with_label(dnr, label), st.reg, st.size)]])
        else:  # title_paren_dnr
            hang = sw("§ 000", st.bold, tsize) + 10
            text = p.title + (f" ({dnr})" if dnr else "")
            lines = e.lines(text, st.width - hang, tfont, tsize)
            lines = [[(hang + dx, s, f, z) for dx, s, f, z in ln] for ln in lines]
            lines[0] = [(0, num, st.bold, tsize), *lines[0]]
            e.place(lines, lead=tsize * st.leading)
        e.space(st.lead * 0.5)

    def sub(self, key: str) -> str:
        return self.st.label(self.sec[key], None) if self.ax["label_colon"] == "yes" else self.sec[key]

    def paragraph(self, p: Para) -> None:
        e, st, ax = self.eng, self.st, self.ax
        dx = self.dx
        e.owner = p.number
        self.para_heading(p)
        att_jav = self.facts["jav_in_attendance"] and self.has_front
        jav_line = [x for x in p.recused]
        if p.restricted:
            if jav_line:
                e.para(f"{names_joined(jav_line)} anmäler jäv och deltar inte i handläggningen av ärendet.", dx=dx)
            e.para(self.rng.choice(["Ärendet är sekretessbelagt och publiceras inte (OSL 26 kap. 1 §).",
                                    "Borttagen på grund av sekretess.", "Paragrafen publiceras ej på grund av personuppgifter."]), dx=dx)
            e.owner = None
            return
        if p.immediately_adjusted:  # under the heading, apart from the att-satser
            e.para(self.rng.choice(["Paragrafen justeras omedelbart.", "Paragrafen är omedelbart justerad.",
                                    "Omedelbar justering."]), dx=dx, font=st.ital)
        if p.kind == "justerare":
            e.para(f"{p.justerare_text} utses att justera protokollet.", dx=dx)
            e.owner = None
            e.space(st.lead * 0.5)
            return
        order = ["description", "jav", "proposal", "motions", "process", "votes", "decision", "reservations", "notes",
                 "recipients", "attachments"]
        if ax["para_order"] == "decision_first":
            order = ["jav", "proposal", "decision", "description", "motions", "process", "votes", "reservations", "notes",
                     "attachments", "recipients"]
        for part in order:
            if part == "description" and p.description:
                if p.kind != "info" or self.rng.random() < 0.5:
                    self.section_heading(self.sub("description"), dx)
                for text in p.description:
                    e.para(text, dx=dx, hyph=True)
            elif part == "jav" and p.recused and (not att_jav or self.rng.random() < 0.5):
                self.section_heading(self.sub("jav"), dx)
                e.para(f"{names_joined(p.recused)} anmäler jäv och deltar inte i handläggningen av ärendet.", dx=dx)
            elif part == "proposal" and p.proposal:
                spec = p.proposal
                self.section_heading(proposal_heading(spec.heading_kind, spec.by, spec.to), dx)
                style = ax["decision_style"] if ax["decision_style"] != "att_lead" else "att"
                self.item_list(item_texts(spec.items, style), ax["item_marker"], dx)
            elif part == "motions" and p.motions:
                self.section_heading(self.sub("motions"), dx)
                for mo in p.motions:
                    e.para(f"{names_joined(mo.by)} yrkar {mo.text}.", dx=dx)
            elif part == "process" and p.motions:
                self.section_heading(self.sub("process"), dx)
                e.para(f"Ordföranden ställer proposition på förslagen och finner att {lower_first(self.organ)} "
                       f"beslutar enligt {p.votes[0].yes_for if p.votes else 'ordförandens förslag'}."
                       + (" Omröstning begärs och verkställs." if p.votes else ""), dx=dx, hyph=True)
            elif part == "votes" and p.votes:
                for vote in p.votes:
                    self.vote(vote, dx)
            elif part == "decision" and p.decision:
                self.section_heading(self.sub("decision"), dx)
                if p.forward_to:
                    e.para(forward_lead(self.organ, p.forward_to), dx=dx, font=st.ital)
                    style = ax["decision_style"] if ax["decision_style"] != "att_lead" else "att"
                else:
                    lead = decision_lead(self.organ, ax["decision_leadin"], ax["decision_style"])
                    if lead:
                        e.para(lead, dx=dx)
                    style = ax["decision_style"]
                self.item_list(item_texts(p.decision, style), ax["item_marker"], dx)
            elif part == "reservations" and p.reservations:
                self.section_heading(self.sub("reservations"), dx)
                for r in p.reservations:
                    if r.text:
                        e.para(f"{names_joined(r.by)} reserverar sig mot beslutet och lämnar följande skriftliga reservation:", dx=dx)
                        e.para(r.text, dx=dx + 12, font=st.ital, hyph=True)
                    else:
                        e.para(f"{names_joined(r.by)} reserverar sig mot beslutet{r.reason}.", dx=dx)
            elif part == "notes" and p.notes:
                for note in p.notes:
                    self.section_heading("Protokollsanteckning" if note.kind == "protokollsanteckning" else "Särskilt yttrande", dx)
                    what = "protokollsanteckning" if note.kind == "protokollsanteckning" else "särskilda yttrande"
                    e.para(f"{names_joined(note.by)} lämnar följande {what}:", dx=dx)
                    e.para(note.text, dx=dx + 12, font=st.ital, hyph=True)
            elif part == "recipients" and p.recipients:
                self.section_heading(self.sub("recipients"), dx)
                if ax["recipients_form"] == "comma":
                    e.para(", ".join(p.recipients), dx=dx)
                else:
                    e.place([ln for r in p.recipients for ln in e.lines(r, st.width - dx)], dx)
                    e.space(st.lead * 0.4)
            elif part == "attachments" and p.attachments:
                self.section_heading(self.sub("attachments"), dx)
                self.item_list(p.attachments, ax["attachments_marker"], dx, hyph=False)
        e.owner = None
        e.space(st.lead * 0.8)

    def vote(self, vote: Any, dx: float) -> None:
        e, st, ax = self.eng, self.st, self.ax
        form = ax["vote_form"]
        counts = ax["vote_counts"]
        absent_col = ax["vote_absent_column"] == "yes"
        self.section_heading(self.sub("votes"), dx)
        e.para(f"Ja-röst för {vote.yes_for}. Nej-röst för {vote.no_for}.", dx=dx)
        yes, no, abst = vote.count("ja"), vote.count("nej"), vote.count("avstår")
        n_abs = len(vote.empty_seats) if absent_col else 0
        if form in {"ruled_table", "plain_table"}:
            ruled = form == "ruled_table"
            party_col = ax["party_form"] == "column"
            if self.rng.random() < 0.5:
                e.heading("Voteringslista", dx=dx, font=st.reg, after=2)
            head = ["Ledamot"] + (["Parti"] if party_col else []) + ["Ja", "Nej", "Avstår"] + (["Frånvarande"] if absent_col else [])
            width = st.width - dx
            name_w = width * (0.5 if party_col else 0.58)
            rest = (width - name_w) / (len(head) - 1)
            if absent_col and sw("Frånvarande", st.bold, st.size - 0.5) > rest - 6:
                head[-1] = "Frånv."
            xs = [(dx, name_w)] + [(dx + name_w + i * rest, rest) for i in range(len(head) - 1)]
            pad = 2.0 if ruled else 0.0
            font_small = st.size - 0.5

            def row(cells: list[str], bold: bool = False) -> Row:
                return Row([e.lines(c, xs[i][1] - 2 * pad - 2, st.bold if bold else st.reg, font_small) for i, c in enumerate(cells)],
                           xs, ruled, pad)
            hdr = row(head, True)
            rows = []
            marks = ["ja", "nej", "avstår"] + (["frånvarande"] if absent_col else [])
            entries = list(vote.ballots) + ([(p, "frånvarande") for p in vote.empty_seats] if absent_col else [])
            for person, v in entries:
                cells = [nb(person.name) if party_col else with_party(person)] + ([person.party or "-"] if party_col else [])
                cells += ["X" if v == mk else "" for mk in marks]
                rows.append(row(cells))
            if counts == "summa_row":
                rows.append(row(["Summa"] + ([""] if party_col else []) + [str(yes), str(no), str(abst)] + ([str(n_abs)] if absent_col else []), True))
            e.need(st.lead * 4 + 4 * pad)
            with e.tagged("table"):
                e.rows([hdr])
                e.rows(rows, header=hdr)
            e.space(st.lead * 0.5)
        elif form == "name_lists":
            groups = [("Ja-röster", "ja"), ("Nej-röster", "nej"), ("Avstår", "avstår")]
            for label, v in groups:
                people = [p for p, x in vote.ballots if x == v]
                if people:
                    e.para(f"{label}: " + ", ".join(with_party(p) for p in people) + ".", dx=dx)
        if counts == "sentence" or form == "count_sentence":
            text = f"Med {yes} ja-röster mot {no} nej-röster"
            if abst:
                text += f", {abst} avstår"
            if n_abs:
                text += f", {n_abs} frånvarande"
            text += f", beslutar {lower_first(self.organ)} enligt {vote.yes_for if yes >= no else vote.no_for}."
            e.para(text, dx=dx)

    # -- the whole document ------------------------------------------------------------------------------
    def front(self) -> None:
        ax = self.ax
        self.place_rows(self.front_rows())
        if ax["attendance_place"] == "front" and ax["attendance_form"] in {"ruled_table", "plain_table"}:
            self.attendance_tables()
        if ax["signature_place"] in {"front", "both"}:
            self.signature_block()
            self.anslag()

    def narvarolista(self) -> None:
        e = self.eng
        e.page_break()
        e.heading("Närvarolista", size=self.st.size + 3, after=6)
        if self.ax["attendance_form"] in {"ruled_table", "plain_table"}:
            self.attendance_tables()
        else:
            saved = self.ax["front_layout"]
            self.ax["front_layout"] = "labels_above" if saved in {"inline", "two_column_grid"} else saved
            self.place_rows(self.attendance_rows())
            self.ax["front_layout"] = saved

    def toc(self) -> None:
        e, st = self.eng, self.st
        e.page_break()
        e.heading("Innehållsförteckning", size=st.size + 2, after=6)
        nw = 60.0
        with e.tagged("table"):
            e.rows([Row([[[(0, f"§ {p.number}", st.reg, st.size)]], e.lines(p.title, st.width - nw - 10)], [(0, nw), (nw, st.width - nw)])
                    for p in self.m.paragraphs])
        e.page_break()

    def forts_hook(self, e: Engine) -> None:
        if self.ax["forts"] == "yes" and isinstance(e.owner, int):
            st = self.st
            e.text(st.left, e.y - st.size, f"§ {e.owner} forts.", st.bold, st.size)
            e.top_line([(0, f"§ {e.owner} forts.", st.bold, st.size)])
            e.y -= st.lead * 1.4

    def render(self, only: int | None = None) -> None:
        m, ax, e = self.m, self.ax, self.eng
        e.on_break = self.forts_hook
        paras = [p for p in m.paragraphs if only is None or p.number == only]
        front_first = self.kind == "protokoll" or ax["utdrag_front"] == "before"
        if self.has_front and front_first:
            self.front()
            if ax["front_page"] == "own":
                e.page_break()
            else:
                e.space(self.st.lead)
        if ax.get("toc") == "yes":
            self.toc()
        for i, p in enumerate(paras):
            if ax["para_break"] == "yes" and i > 0:
                e.page_break()
            self.paragraph(p)
        if self.has_front and not front_first:
            e.page_break()
            self.front()
        if self.has_front and ax["signature_place"] in {"last", "both"}:
            self.signature_block()
            if ax["signature_place"] == "last":
                self.anslag()
        if self.kind == "protokollsutdrag":
            self.bestyrkande()
        if self.has_front and ax["attendance_place"] == "end":
            self.narvarolista()
        if self.has_front and ax["esign_page"] == "yes":
            self.esign_page()

    def bestyrkande(self) -> None:
        e, st, ax = self.eng, self.st, self.ax
        form = ax["bestyrkande"]
        if form == "none":
            return
        e.space(st.lead)
        e.need(st.lead * 5)
        name = self.m.secretary.name
        if form == "ratt_utdraget":
            e.para("Rätt utdraget intygar", font=st.ital, after=st.lead * 1.2)
            e.place([[(0, f"\x00rule{st.width * 0.4:.1f}", st.reg, st.size)], [(0, nb(name), st.reg, st.size)]])
        else:
            e.place([[(0, "Utdragsbestyrkande", st.bold, st.size), (st.width * 0.35, nb(name), st.reg, st.size),
                      (st.width * 0.7, fmt_date(self.m.verification_date, "iso"), st.reg, st.size)]])
        e.space(st.lead)


NB = "\u00a0"


def fmt_time_pair(a: str, b: str, style: str | None) -> str:
    return fmt_span(a, b, "dot" if style in {"kl_dot", "dot"} else "colon")


# ======================================================================================
# tjänsteskrivelse


class MemoDoc(Doc):
    def __init__(self, memo: Memo, ax: dict[str, Any], rng: random.Random, first_page: int = 0, eng: Engine | None = None,
                 parent: Doc | None = None):
        self.memo = memo
        author_footer = ax["ts_author"] == "footer"
        if parent is None:
            super().__init__(ax, rng, ax["header_style"], ax["footer"], extra_footer=12 if author_footer else 0)
        else:  # an enclosure shares the engine and the page geometry of its host document
            self.ax, self.rng, self.st, self.eng, self.furn, self.facts = ax, rng, parent.st, parent.eng, parent.furn, {}
        self.first_page = first_page
        a = memo.author
        r = rng.random
        self.author_fields = {"title": r() < 0.75, "phone": r() < 0.8, "email": r() < 0.7}
        if ax["ts_author"] == "signature":
            self.author_fields = {"title": True, "phone": False, "email": False}
        bits = [f"Handläggare: {a.name}"] + ([a.title] if self.author_fields["title"] else [])
        if self.author_fields["phone"]:
            bits.append(f"Telefon: {a.phone}")
        if self.author_fields["email"]:
            bits.append(f"E-post: {a.email}")
        footer = ax["footer"] if parent is None else parent.furn[0].footer
        if footer == "sign_boxes":  # an enclosed tjänsteskrivelse has no 'Justerandes sign' boxes
            footer = "none"
        self.furn.append(Furn(first_page, ax["header_style"] if parent is None else parent.furn[0].style, ax["page_number"],
                              footer, self.letterhead(memo.issuer.name) if ax["ts_letterhead"] != "right_block" else None,
                              memo.department, ax["ts_doctype"], memo.date.isoformat(),
                              address=self.address_lines(memo.issuer, memo.department, f"{memo.issuer.phone_prefix} 00 00"),
                              author_line=" · ".join(bits) if author_footer else None))
        # the issuer is printed in the page header, in the right_block letterhead, or in the footer address
        self.facts["municipality_printed"] = ax["letterhead"] != "none" or footer == "address"

    def render(self) -> None:
        memo, ax, e, st = self.memo, self.ax, self.eng, self.st
        a = memo.author
        lh = ax["ts_letterhead"]
        ds = ax["date_style"] if ax["date_style"] != "weekday" else "iso"
        dnr_label = ax["dnr_label"] if ax["dnr_label"] != "none" else "Diarienummer"
        organ_mode = ax["ts_organ"]
        show_author_box = ax["ts_author"] == "box"
        if lh == "right_block":
            left: list[Line] = []
            if ax["letterhead"] != "none":
                left.append([(0, self.letterhead(memo.issuer.name) or "", st.bold, st.size + 2)])
            left.append([(0, memo.department, st.reg, st.size - 1)])
            if ax["ts_author"] == "signature":
                left.append([(0, "Handläggare: " + nb(a.name), st.reg, st.size - 1)])
            if show_author_box:
                left.append([(0, nb(a.name), st.reg, st.size - 1)])
                if self.author_fields["title"]:
                    left.append([(0, a.title, st.reg, st.size - 1)])
                if self.author_fields["phone"]:
                    left.append([(0, a.phone, st.reg, st.size - 1)])
                if self.author_fields["email"]:
                    left.append([(0, a.email, st.reg, st.size - 1)])
            right: list[Line] = [[(0, ax["ts_doctype"].upper(), st.bold, st.size + 1)], [(0, fmt_date(memo.date, ds), st.reg, st.size)],
                                 [(0, dnr_label, st.reg, st.size - 2)], [(0, memo.dnr, st.reg, st.size)]]
            if organ_mode == "mottagare":  # the addressed organ under the dnr, labelled
                right += [[(0, "Mottagare", st.reg, st.size - 2)], [(0, memo.organ.name, st.reg, st.size)]]
            half = st.width * 0.55
            with e.tagged("letterhead"):
                e.rows([Row([left, right], [(0, half), (half, st.width - half)])])
        elif lh == "grid":
            e.heading(ax["ts_doctype"], size=st.size + 4, after=4)
            cw = st.width / 3
            cols = [(0, cw), (cw, cw), (2 * cw, cw)]
            small = st.size - 1.5

            def cell(label: str, value: str, *extra: str) -> list[Line]:
                size = small
                while size > 6 and any(sw(w, st.reg, size) > cw - 10 for t in (value, *extra) for w in t.split()):
                    size -= 0.5
                return [[(0, label, st.reg, small - 1)]] + [ln for t in (value, *extra) for ln in e.lines(t, cw - 10, st.reg, size)]
            row1 = [cell("Datum", fmt_date(memo.date, ds)), cell("Vår beteckning" if self.rng.random() < 0.5 else dnr_label, memo.dnr),
                    cell("Er beteckning", "")]
            extra = [x for x, ok in ((a.phone, self.author_fields["phone"]), (a.email, self.author_fields["email"])) if ok and show_author_box]
            row2 = [cell("Handläggare", a.name + (f", {a.title}" if self.author_fields["title"] and show_author_box else ""), *extra),
                    cell("Förvaltning", memo.department),
                    cell("Mottagare" if organ_mode == "mottagare" else "", memo.organ.name if organ_mode == "mottagare" else "")]
            with e.tagged("table"):
                e.rows([Row(row1, cols, True, 3), Row(row2, cols, True, 3)])
        else:  # lines
            e.heading(ax["ts_doctype"], size=st.size + 4, after=4)
            pairs = [("Datum", fmt_date(memo.date, ds))]
            hand = a.name
            if show_author_box and self.author_fields["title"]:
                hand += f", {a.title}"
            pairs.append(("Handläggare", hand))
            if show_author_box and self.author_fields["phone"]:
                pairs.append(("Telefon", a.phone))
            if show_author_box and self.author_fields["email"]:
                pairs.append(("E-post", a.email))
            pairs.append(({"Diarienummer": "Diarienr", "none": "Dnr"}.get(ax["dnr_label"], dnr_label), memo.dnr))
            if organ_mode == "mottagare":
                pairs.append(("Mottagare", memo.organ.name))
            pairs.append(("Förvaltning", memo.department))
            lw = st.width * 0.45
            for k, val in pairs:
                with e.tagged("grid"):
                    e.rows([Row([[[(0, self.st.label(k, True), st.reg, st.size)]], e.lines(val, st.width - lw)], [(0, lw), (lw, st.width - lw)])])
        e.space(st.lead)
        if organ_mode == "till":
            e.para(f"Till {memo.organ.name}" if self.rng.random() < 0.5 else f"Till: {memo.organ.name}")
        elif organ_mode == "line":
            e.para(memo.organ.name)
        elif organ_mode == "header":
            e.place([[(0, self.st.label("Datum", True) + " " + memo.date.isoformat(), st.reg, st.size),
                      (st.width * 0.55, memo.organ.name, st.reg, st.size)]])
            e.space(st.lead * 0.5)
        e.space(st.lead * 0.3)
        e.heading(memo.title, size=st.size + 4, after=st.lead * 0.6)
        if ax["ts_proposal_first"] == "yes":
            self.proposal()
        for head, paras in memo.sections:
            self.section_heading(head)
            for t in paras:
                e.para(t, hyph=True)
        if ax["ts_proposal_first"] != "yes":
            self.proposal()
        self.signers()
        if memo.recipients:
            self.section_heading(ax["ts_recipients_heading"])
            if ax["recipients_form"] == "comma":
                e.para(", ".join(memo.recipients))
            else:
                e.place([ln for r in memo.recipients for ln in e.lines(r, st.width)])
                e.space(st.lead * 0.4)
        if memo.attachments:
            self.section_heading(self.rng.choice(["Bilagor", "Beslutsunderlag"]))
            self.item_list(memo.attachments, ax["attachments_marker"], hyph=False)

    def proposal(self) -> None:
        memo, ax, e, st = self.memo, self.ax, self.eng, self.st
        spec = memo.proposal
        style = ax["decision_style"]
        if spec.heading_kind == "by_to":
            self.section_heading(proposal_heading("by_to", spec.by, spec.to))
        else:
            self.section_heading(ax["ts_proposal_heading"])
            if spec.heading_kind == "to":
                e.para(f"Förslag till beslut i {lower_first(spec.to or '')}", font=st.ital)
            elif spec.heading_kind == "organ_proposes":
                e.para(f"{spec.by} föreslår {lower_first(spec.to or '')} besluta")
        self.item_list(item_texts(spec.items, style), ax["item_marker"])

    def signers(self) -> None:
        memo, ax, e, st = self.memo, self.ax, self.eng, self.st
        signers = list(memo.signers)
        a = memo.author
        if ax["ts_author"] == "signature" and all(n != a.name for n, _ in signers):
            signers.append((a.name, a.title))
        self.facts["signers"] = signers
        e.space(st.lead)
        e.need(st.lead * 6)
        if self.rng.random() < 0.6:
            e.para(memo.department)
            e.space(st.lead * 0.8)
        cw = st.width / 2
        cells = [[[(0, nb(n), st.reg, st.size)], [(0, t, st.reg, st.size)]] for n, t in signers]
        with e.tagged("sig"):
            if self.rng.random() < 0.6:
                e.rows([Row(cells, [(i * cw, cw) for i in range(len(cells))])])
            else:
                for c in cells:
                    e.rows([Row([c], [(0, st.width)])])
                    e.space(st.lead * 0.6)
        e.space(st.lead)


# ======================================================================================
# kallelse


class NoticeDoc(Doc):
    def __init__(self, n: Notice, ax: dict[str, Any], rng: random.Random):
        self.n = n
        super().__init__(ax, rng, ax["header_style"], ax["footer"])
        phone = f"{n.issuer.phone_prefix} {rng.randint(10, 99)} {rng.randint(10, 99)}"
        self.furn.append(Furn(0, ax["header_style"], ax["page_number"], ax["footer"], self.letterhead(n.issuer.name),
                              n.organ.name, ax["kal_title"], n.notice_date.isoformat(),
                              address=self.address_lines(n.issuer, n.organ.department, phone)))
        self.facts["municipality_printed"] = ax["letterhead"] != "none" or ax["footer"] == "address"

    def render(self) -> None:
        n, ax, e, st = self.n, self.ax, self.eng, self.st
        ds = ax["date_style"]
        e.heading(ax["kal_title"], size=st.size + 5, after=3)
        e.para(n.organ.name, size=st.size + 1)
        span = fmt_span(n.start, n.end, ax["time_style"])
        if ax["kal_intro"] == "sentence":
            when = fmt_date(n.date, "weekday" if ds == "iso" and self.rng.random() < 0.5 else ds)
            tid = span if span.startswith("kl") else f"kl. {span}"
            e.para(f"Ledamöterna kallas till sammanträde med {lower_first(n.organ.name)} {when} {tid} i {n.place}.", hyph=False)
        else:
            lw = max(90.0, st.width * 0.2)
            for label, val in (("Datum", fmt_date(n.date, ds)), ("Tid", span), ("Plats", n.place)):
                with e.tagged("grid"):
                    e.rows([Row([e.lines(self.st.label(label), lw, st.bold), e.lines(val, st.width - lw)], [(0, lw), (lw, st.width - lw)])])
        e.space(st.lead * 0.4)
        name, phone = n.absence_contact
        e.para(f"Förhinder anmäls till {name}, telefon {phone}, som kallar ersättare.")
        e.space(st.lead * 0.5)
        numbers = agenda_numbers(n.items, ax["kal_unnumbered"] == "yes")
        self.facts["agenda_numbers"] = numbers
        form = ax["kal_agenda"]
        e.heading(self.rng.choice(["Ärenden", "Föredragningslista", "Dagordning"]), size=st.size + 1.5, after=4)
        groups = ax["kal_groups"] == "yes"
        current = None
        if form == "table":
            nw, dw = 44.0, st.width * 0.26
            tw = st.width - nw - dw
            cols = [(0, nw), (nw, tw), (nw + tw, dw)]
            hdr = Row([[[(0, "Nr", st.bold, st.size)]], [[(0, "Ärende", st.bold, st.size)]], [[(0, "Dnr", st.bold, st.size)]]], cols, True, 3)
            with e.tagged("table"):
                e.rows([hdr])
        for it, num in zip(n.items, numbers, strict=True):
            if groups and it.group != current and it.group != "inledning":
                current = it.group
                e.space(st.lead * 0.4)
                e.heading("Information" if it.group == "information" else "Beslutsärenden", font=st.ital, after=2)
            e.owner = f"item:{num}" if num is not None else None
            if form == "table":
                cells = [[[(0, str(num) if num is not None else "", st.reg, st.size)]], e.lines(it.title, tw - 8),
                         e.lines(it.dnr or "", dw - 8)]
                with e.tagged("table"):
                    e.rows([Row(cells, cols, True, 3)], header=hdr)
                if it.proposal and ax["kal_proposals"] == "yes":
                    with e.tagged("table"):
                        e.rows([Row([[[(0, "", st.reg, st.size)]], [[(0, "Förslag till beslut", st.ital, st.size)]]
                                 + [ln for t in item_texts(it.proposal, "sentences") for ln in e.lines(t, tw + dw - 8)]],
                                [(0, nw), (nw, tw + dw)], True, 3)])
            else:
                if num is None:
                    head = it.title
                    e.place(e.lines(head, st.width, st.reg))
                else:
                    if form == "numbered":
                        hang = sw("00.", st.bold, st.size) + 8
                        lines = e.lines(it.title, st.width - hang, st.bold, dx=hang)
                        lines[0] = [(0, f"{num}.", st.bold, st.size), *lines[0]]
                        e.place(lines)
                    else:
                        e.place([[(0, f"{'Ärende' if form == 'arende' else 'Punkt'} {num}", st.bold, st.size)]])
                        e.place(e.lines(it.title, st.width, st.bold))
                    ind = sw("00.", st.bold, st.size) + 8 if form == "numbered" else 0
                    if it.dnr:
                        e.place([[(ind, dnr_with_label(it.dnr, ax["dnr_label"], "Dnr"), st.reg, st.size)]])
                    if it.presenter:
                        e.place([[(ind, f"Föredragande: {it.presenter}", st.ital, st.size)]])
                    if it.proposal and ax["kal_proposals"] == "yes":
                        e.place([[(ind, "Förslag till beslut", st.ital, st.size)]])
                        for t in item_texts(it.proposal, "sentences"):
                            e.place(e.lines(t, st.width - ind, dx=ind))
                e.space(st.lead * 0.5)
            e.owner = None
        e.space(st.lead)
        e.need(st.lead * 6)
        e.para(f"{n.issuer.ort} den {fmt_date(n.notice_date, 'long')}")
        e.space(st.lead * 1.2)
        cw = st.width / 2
        cells = [[[(0, nb(nm), st.reg, st.size)], [(0, t, st.reg, st.size)]] for nm, t in n.signers]
        with e.tagged("sig"):
            e.rows([Row(cells, [(i * cw, cw) for i in range(len(cells))])])


# ======================================================================================


def render(kind: str, content: Any, ax: dict[str, Any], rng: random.Random, enclosure: tuple[Memo, dict[str, Any]] | None = None) -> Rendered:
    if kind in {"protokoll", "protokollsutdrag"}:
        doc = Protocol(content, ax, rng, kind)
        doc.render(content.utdrag_number if kind == "protokollsutdrag" else None)
        if enclosure is not None:
            memo, eax = enclosure
            doc.eng.page_break()
            doc.eng.owner = None
            doc.eng.on_break = None
            doc.st.first_pages.add(doc.eng.page)  # the enclosure's first page has its own page-1 header
            doc.eng.y = doc.st.top_y(doc.eng.page)
            enc = MemoDoc(memo, eax, rng, first_page=doc.eng.page, parent=doc)
            enc.render()
            doc.facts["enclosure"] = enc.facts | {"author_fields": enc.author_fields}
        title = f"{doc.doctype} {content.organ.name} {content.date.isoformat()}"
        return doc.finish(title)
    if kind == "tjansteskrivelse":
        mdoc = MemoDoc(content, ax, rng)
        mdoc.render()
        mdoc.facts["author_fields"] = mdoc.author_fields
        return mdoc.finish(f"{ax['ts_doctype']} {content.title}")
    ndoc = NoticeDoc(content, ax, rng)
    ndoc.render()
    return ndoc.finish(f"{ax['kal_title']} {content.organ.name} {content.date.isoformat()}")

