"""Build a realistic A4 PDF test sample from the Tyresö seed text.

Writes samples/tyreso-klu-2019-08-07-p60-utdrag.pdf from
samples/tyreso-klu-2019-08-07-p60-utdrag.txt: a Tyresö kommun protokollsutdrag
(Kommunledningsutskottet 2019-08-07, § 60) followed by its tjänsteskrivelse, the
bilaga "SUP 2035", the protocol's front page and the närvarolista, in the order
of the .txt.  sup-parse's PDF path needs a sample with what real protocols have:
page headers and footer boxes to strip, a label-column front page, signatures
side by side, rotated decorative text, paragraphs and lists running over page
breaks and long words hyphenated at line ends.

All document text is read from the .txt and cut into parts at its markers; only
layout constants, the front page's form labels (to split label from value) and
template words the .txt lacks (SAMMANTRÄDESPROTOKOLL, "Sida") live here.  The
output is byte-identical between runs (reportlab invariant mode).
Run from the repo root:  python samples/make_seed_pdf.py
"""
import re
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

SRC = Path(__file__).resolve().parent / "tyreso-klu-2019-08-07-p60-utdrag.txt"
OUT = SRC.with_suffix(".pdf")

W = A4[0]
LEFT, RIGHT, VALUE_X = 57, 538, 200     # text column; value column of label rows
BODY, BOTTOM = 11, 72                   # body font size; lowest body baseline
R, B, IT = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
VOWELS = "aeiouyåäöéAEIOUYÅÄÖÉ"
# Form labels of the front page and the ANSLAG / BEVIS box (longest match wins).
LABELS = sorted(("Datum", "Tid", "Plats", "Beslutande", "Övriga deltagare",
                 "Justeringens plats och tid", "Paragrafer", "Sekreterare",
                 "Ordförande", "Justerande", "Organ", "Sammanträdesdatum",
                 "Datum då anslaget sätts upp", "Datum då anslaget tas ned",
                 "Förvaringsplats för protokollet", "Underskrift"), key=len, reverse=True)


# ---------------------------------------------------------------- parsing --
def blocks(lines):
    """Blank-line separated blocks as (blank lines before, [stripped lines]).
    A block starting in lower case after one without end punctuation is the
    rest of a paragraph the source's page break cut in two: it is rejoined."""
    out, cur, gap = [], [], 0
    for line in lines + [""]:
        if line.strip():
            cur.append(line.strip())
            continue
        if cur and out and cur[0][0].islower() and out[-1][1][-1][-1] not in ".!?:":
            out[-1][1][-1] += " " + " ".join(cur)
        elif cur:
            out.append((gap, cur))
        cur, gap = [], 1 if cur else gap + 1
    return out


def split_parts(text):
    """Cut the .txt into utdrag, tjänsteskrivelse, band, bilaga, front page and
    närvarolista (line lists) plus the three footer label pairs."""
    lines = text.splitlines()
    ends = [i for i, ln in enumerate(lines[:-1])
            if "Utdragsbestyrkande" in ln and lines[i + 1].startswith("---")]
    footers = [(lines[i].split("\t")[0].strip(), lines[i].split("\t")[-1].strip())
               for i in ends]
    utdrag, middle, narvaro = (lines[a:b] for a, b in
                               zip([0] + [i + 2 for i in ends], ends, strict=False))
    band = [i for i, ln in enumerate(middle) if re.fullmatch(r"[A-ZÅÄÖ ]{40,}", ln)]
    front = next(i for i, ln in enumerate(middle) if re.match(r"Datum \d{4}-", ln))
    return (utdrag, middle[:band[0]], middle[band[0]:band[-1] + 1],
            middle[band[-1] + 1:front], middle[front:], narvaro, footers)


def split_label(line):
    """'Tid 13:00–13:35' -> ('Tid', '13:00–13:35'); (None, line) if no label."""
    for lab in LABELS:
        if line == lab or line.startswith(lab + " "):
            return lab, line[len(lab):].strip()
    return None, line


def is_heading(blks, i):
    """Heading heuristic: one short line without end punctuation that has at
    most two words, stands beside a gap, or is followed by a long paragraph."""
    gap, lines = blks[i]
    text = lines[0]
    if len(lines) > 1 or text[-1] in ".,:;!?" or text[0] in "-¹" or len(text.split()) > 8:
        return False
    nxt = blks[i + 1] if i + 1 < len(blks) else (0, [""])
    return len(text.split()) <= 2 or gap >= 2 or nxt[0] >= 2 or len(" ".join(nxt[1])) >= 80


# ----------------------------------------------------------------- layout --
def split_at(word, font, size, room):
    """Where to hyphenate a long word (>14 letters, no '-') so that the first
    part plus '-' fits in room; 0 if nowhere.  At least 6 letters stay on the
    line and 4 go down.  A compound joint after a linking s (Södertörns-
    kommunerna) is preferred, else a syllable break before consonant+vowel."""
    if "-" in word or sum(ch.isalpha() for ch in word) <= 14:
        return 0
    ok = [k for k in range(6, len(word) - 3) if word[k - 1].isalpha() and word[k].isalpha()
          and word[k] not in VOWELS and sum(map(str.isalpha, word[:k])) >= 6
          and stringWidth(word[:k] + "-", font, size) <= room]
    joints = [k for k in ok if k >= 8 and word[k - 1] == "s"]
    sylls = [k for k in ok if word[k + 1] in VOWELS]
    return max(joints or sylls or [0])


def wrap(words, width, size, hyphenate):
    """Greedy line filling of (word, font) tokens, hyphenating long words."""
    words, lines, cur, w, j = list(words), [], [], 0.0, 0
    space = stringWidth(" ", R, size)
    while j < len(words):
        word, font = words[j]
        add = stringWidth(word, font, size) + (space if cur else 0)
        if not cur or w + add <= width:
            cur.append(words[j])
            w, j = w + add, j + 1
            continue
        cut = hyphenate and split_at(word, font, size, width - w - space)
        if cut:
            cur.append((word[:cut] + "-", font))
            words[j] = (word[cut:], font)
        lines.append(cur)
        cur, w = [], 0.0
    return lines + [cur] if cur else lines


def put(c, x, y, text, font=R, size=BODY, align="l", gray=0.0):
    """Draw a string aligned 'l', 'c' or 'r' at x, or a wrapped line given as
    (word, font) tokens, which are joined by real space characters."""
    if isinstance(text, str):
        x -= {"l": 0, "c": 0.5, "r": 1}[align] * stringWidth(text, font, size)
        text = [(text, font)]
    c.setFillGray(gray)
    t = c.beginText(x, y)
    for j, (word, f) in enumerate(text):
        t.setFont(f, size)
        t.textOut(word if j == len(text) - 1 else word + " ")
    c.drawText(t)


class Flow:
    """Top-down layout of one part; each page is a list of (function, args)
    drawn later, when page totals for the headers are known."""

    def __init__(self, top, hyphenate=False):
        self.top, self.hyphenate, self.pages = top, hyphenate, []
        self.new_page()

    def new_page(self):
        self.pages.append([])
        self.y = self.top(len(self.pages) - 1)

    def draw(self, fn, *args):
        self.pages[-1].append((fn, args))

    def line(self, size=BODY):
        """Baseline for the next line of this type size (new page when full)."""
        if self.y < BOTTOM:
            self.new_page()
        y, self.y = self.y, self.y - round(size * 1.3)
        return y

    def row(self, *items, size=BODY, after=0):
        """Strings (x, text, font[, align]) on one baseline."""
        y = self.line(size)
        for x, text, font, *align in items:
            self.draw(put, x, y, text, font, size, *align)
        self.y -= after

    def para(self, text, font=R, size=BODY, x=LEFT, after=6):
        """Wrapped paragraph; a '- ' item gets a dash and a hanging indent."""
        bullet = text.startswith("- ")
        if bullet:
            text, x = text[2:], x + 14
        words = [(w, IT if j % 2 and font == R else font)    # *...* marks italics
                 for j, part in enumerate(text.split("*")) for w in part.split()]
        for n, line in enumerate(wrap(words, RIGHT - x, size, self.hyphenate)):
            y = self.line(size)
            if bullet and n == 0:
                self.draw(put, x - 14, y, "-", R, size)
            self.draw(put, x, y, line, R, size)
        self.y -= after

    def body(self, blks, start=0):
        """Running text: headings, '- ' lists, paragraphs, a small footnote."""
        for i in range(start, len(blks)):
            gap, lines = blks[i]
            self.y -= min(gap - 1, 3) * 8 if i > start else 0   # figure gaps
            text = " ".join(lines)
            if is_heading(blks, i):
                if self.y < BOTTOM + 40:      # keep a heading with its text
                    self.new_page()
                self.y -= 4
                self.para(text, B, 12.5, after=3)
            elif lines[0].startswith("- "):
                for item in lines:
                    self.para(item, after=1)
                self.y -= 5
            else:
                self.para(text, size=9 if text[0] == "¹" else BODY)


# ------------------------------------------------------------------ parts --
def protocol_chrome(meta, footer):
    """Page decoration of protocol pages: two-line header and a two-cell box
    at the page bottom (an empty label leaves its cell blank)."""
    def deco(c, i, n, k, total):
        put(c, LEFT, 806, meta["town"], B)
        put(c, W / 2, 806, "SAMMANTRÄDESPROTOKOLL", B, align="c")
        put(c, RIGHT, 806, f"Sida {k} ({total})", align="r")
        put(c, LEFT, 792, meta["organ"])
        put(c, RIGHT, 792, meta["date"], align="r")
        c.setLineWidth(0.5)
        c.line(LEFT, 784, RIGHT, 784)
        c.setLineWidth(0.4)
        for j, label in enumerate(footer):
            c.rect(RIGHT - (2 - j) * 110, 28, 110, 30)
            if label:
                put(c, RIGHT - (2 - j) * 110 + 3, 50, label, R, 7)
    return deco


def utdrag_part(lines, meta, footer):
    """§ 60 with its number and dnr, UTDRAG, title, proposal and sections."""
    blks = blocks(lines)
    (par,), (dnr,), (utdrag,), (title,), (prop,) = [b for _, b in blks[:5]]
    fl = Flow(lambda i: 756)
    fl.row((LEFT, par, B), (LEFT + 63, dnr, R), size=12, after=6)
    fl.row((LEFT, utdrag, B), after=8)
    fl.para(title, B, 15, after=10)
    fl.para(prop, B, 12, after=4)
    fl.body(blks, 5)
    return fl.pages, protocol_chrome(meta, footer)


def tjanste_part(lines):
    """Tjänsteskrivelse: letterhead, proposal, signatures side by side, text."""
    blks = blocks(lines)
    (letter, (kind,), (date,), _pageno, (dnr_label,), (dnr,), (addressee,), (title,),
     (prop,), bullet, (unit,), signer1, signer2) = [b for _, b in blks[:13]]
    fl = Flow(lambda i: 716 if i == 0 else 740, hyphenate=True)
    fl.row((LEFT, addressee, R), after=14)
    fl.para(title, B, 15, after=10)
    fl.para(prop, B, 12, after=4)
    fl.para(bullet[0], after=14)
    fl.row((LEFT, unit, R), after=34)
    for a, b in zip(signer1, signer2, strict=True):
        fl.row((LEFT, a, R), (300, b, R))
    fl.y -= 14
    fl.body(blks, 13)

    def deco(c, i, n, k, total):
        put(c, LEFT, 806, letter[0], B, 12)
        for j, line in enumerate(letter[1:] if i == 0 else []):
            put(c, LEFT, 792 - 11 * j, line, R, 9)
        put(c, 330, 806, kind, B, 12)
        put(c, RIGHT, 806, f"{i + 1} ({n})", R, 10, "r")
        put(c, 330, 792, date, R, 10)
        put(c, 330, 774, dnr_label, R, 8)
        put(c, 330, 763, dnr, R, 10)
    return fl.pages, deco


def bilaga_part(band, lines):
    """Program document: cover title, rotated name band, then running text."""
    blks = blocks(lines)
    fl = Flow(lambda i: 770, hyphenate=True)
    fl.y -= 60
    fl.para(blks[0][1][0], B, 30, after=8)          # SUP 2035
    fl.para(blks[1][1][0], B, 17, after=40)         # Södertörns utvecklingsprogram
    fl.body(blks, 2)

    def deco(c, i, n, k, total):
        if i > 0:
            put(c, W / 2, 40, str(i + 1), R, 9, "c")
            return
        c.saveState()
        c.rotate(90)               # decorative band up the left margin, 90°
        for j, line in enumerate(band):
            put(c, 330, -9 - j * 5.6, line, B, 5.6, gray=0.6)
        c.restoreState()
    return fl.pages, deco


def front_part(lines, meta, footer):
    """Front page: label column, signatures and the ANSLAG / BEVIS box."""
    blks = blocks(lines)
    fl = Flow(lambda i: 740)
    in_box, size = False, BODY
    for _, blk in blks:
        fl.y -= 8
        if blk[0] == "ANSLAG / BEVIS":      # box: smaller type, drawn around
            in_box, size, box_top = True, 10, fl.y + 4
            fl.y -= 16
            fl.row((LEFT, blk[0], B))
            continue
        lines_ = iter(blk)
        for line in lines_:
            label, value = split_label(line)
            if label and not value:     # signature: room to sign, label and a
                fl.y -= 22                  # dotted line, the name (next line) under
                y = fl.line(size)
                fl.draw(put, LEFT, y, label, R if in_box else B, size)
                fl.draw(lambda c, y=y: (c.setDash(1, 2), c.setLineWidth(0.5),
                                        c.line(VALUE_X, y - 2, VALUE_X + 220, y - 2),
                                        c.setDash()))
                fl.row((VALUE_X, next(lines_), R), size=size)
            elif label:
                fl.row((LEFT, label, R if in_box else B), (VALUE_X, value, R), size=size)
            else:
                fl.row((LEFT, line, R), size=size)
    bottom = fl.y + 4
    fl.draw(lambda c: (c.setLineWidth(0.6), c.rect(LEFT - 8, bottom, RIGHT - LEFT + 16,
                                                   box_top - bottom)))
    return fl.pages, protocol_chrome(meta, footer)


def narvaro_part(lines, meta, footer):
    """Närvarolista: title, group headings and one name per line."""
    blks = blocks(lines)
    fl = Flow(lambda i: 750)
    fl.para(blks[0][1][0], B, 13, after=8)
    for _, (line, *_more) in blks[1:]:
        if "(" not in line and "," not in line:     # group heading
            fl.y -= 8
            fl.row((LEFT, line, B), size=12)
        else:
            fl.row((LEFT, line, R))
    return fl.pages, protocol_chrome(meta, footer)


def main():
    utdrag, tjanste, band, bilaga, front, narvaro, footers = split_parts(
        SRC.read_text(encoding="utf-8"))
    rows = {k: v for k, v in (split_label(ln.strip()) for ln in front) if k}
    meta = {"town": blocks(tjanste)[0][1][0], "organ": rows["Organ"], "date": rows["Datum"]}
    parts = [(utdrag_part(utdrag, meta, footers[0]), True),
             (tjanste_part(tjanste), False),
             (bilaga_part([ln.strip() for ln in band], bilaga), False),
             (front_part(front, meta, footers[1]), True),
             (narvaro_part(narvaro, meta, footers[2]), True)]
    total = sum(len(pages) for (pages, _), prot in parts if prot)
    c = Canvas(str(OUT), pagesize=A4, invariant=1)
    c.setTitle(f"{meta['town']} {meta['organ']} {meta['date']} – protokollsutdrag")
    c.setAuthor(meta["town"])
    k = 0
    for (pages, deco), prot in parts:
        for i, ops in enumerate(pages):
            k += prot
            deco(c, i, len(pages), k, total)
            for fn, args in ops:
                fn(c, *args)
            c.showPage()
    c.save()
    print(OUT)


if __name__ == "__main__":
    main()
