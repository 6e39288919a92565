"""The blind spots a code review found (issue 10), each on a PDF made here and as text:

- a protokoll whose front matter shares its page with the §§ keeps its front matter,
  and its signatures below the last § are read;
- a text layer in decomposed Unicode (NFD å/ä/ö) parses like the composed one;
- a label the vocabulary does not know does not lose the fields around it, and is reported.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import sup_parse

FRONT = [
    ("Plats och tid", ["Stadshuset, kl. 13.00–15.30"]),
    ("Beslutande", ["Anna Ek (S), ordförande", "Per Berg (M)", "Åsa Öhman (C) ersätter Eva Lind (C)"]),
    ("Övriga närvarande", ["Karin Ström, nämndsekreterare"]),
    ("Utses att justera", ["Per Berg"]),
    ("Paragrafer", ["§§ 12–13"]),
]
BODY = [
    ("§ 12 Val av justerare", ["Per Berg utses att justera protokollet."]),
    ("§ 13 Ändrad taxa för bygglov", ["Nämnden beslutar att anta förslaget till ändrad taxa."]),
]
CLOSING = [("Sekreterare", "Karin Ström"), ("Ordförande", "Anna Ek"), ("Justerare", "Per Berg")]

# Decomposed forms of the letters the fixture uses, as a ToUnicode CMap writes them (UTF-16BE).
DECOMPOSED = {"00E4": "00610308", "00F6": "006F0308", "00E5": "0061030A", "00C5": "0041030A", "00D6": "004F0308"}


def _vera() -> str:
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Vera", os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf")))
    return "Vera"


def one_page_protocol(path: Path, *, front: list[tuple[str, list[str]]] = FRONT, nfd: bool = False) -> Path:
    """A one-page protokoll: page header, label column, two §§ and signatures, all on page 1.
    With ``nfd`` the text layer maps å, ä, ö to letter + combining mark."""
    from reportlab.pdfgen.canvas import Canvas

    font = _vera()
    c = Canvas(str(path), pageCompression=0, invariant=1)
    c.setFont(font, 11)
    c.drawString(380, 800, "Byggnadsnämnden")
    c.drawString(380, 786, "Protokoll")
    c.drawString(380, 772, "2025-03-04")
    y = 730.0
    for label, values in front:
        c.drawString(60, y, label)
        for value in values:
            c.drawString(190, y, value)
            y -= 14
        y -= 6
    for heading, text in BODY:
        y -= 14
        c.drawString(60, y, heading)
        y -= 20
        c.drawString(60, y, "Beslut")
        y -= 14
        for line in text:
            c.drawString(60, y, line)
            y -= 14
    y -= 30
    for i, (role, name) in enumerate(CLOSING):
        c.drawString(60 + 170 * i, y, role)
        c.drawString(60 + 170 * i, y - 30, name)
    c.save()
    if nfd:
        data = path.read_bytes()
        grew = 0
        for composed, decomposed in DECOMPOSED.items():
            entry = f"> <{composed}>".encode()
            if entry in data:
                data = data.replace(entry, f"><{decomposed}>".encode(), 1)
                grew += 3
        for _ in range(grew):  # keep the stream's length and the xref offsets as written
            data = data.replace(b"> <0000>\n", b"><0000>\n", 1)
        path.write_bytes(data)
    return path


def _text(front: list[tuple[str, list[str]]] = FRONT) -> str:
    out = ["Byggnadsnämnden", "Protokoll", "2025-03-04", ""]
    for label, values in front:
        for i, value in enumerate(values):
            out.append(f"{(label if i == 0 else ''):22}{value}")
    for heading, text in BODY:
        out += ["", heading, "", "Beslut", *text]
    out += ["", "    ".join(role for role, _ in CLOSING), "", "    ".join(name for _, name in CLOSING)]
    return "\n".join(out) + "\n"


def _front_matter(doc: sup_parse.Document) -> None:
    assert doc.kind.value == "protokoll"
    assert doc.meeting is not None
    assert (doc.meeting.place, doc.meeting.start, doc.meeting.end) == ("Stadshuset", "13:00", "15:30")
    assert doc.meeting.paragraphs is not None and (doc.meeting.paragraphs.first, doc.meeting.paragraphs.last) == (12, 13)
    assert doc.attendance is not None
    assert [(p.name, p.party, p.role, p.substitute_for) for p in doc.attendance.members] == [
        ("Anna Ek", "S", "ordförande", None), ("Per Berg", "M", None, None),
        ("Åsa Öhman", "C", "tjänstgörande ersättare", "Eva Lind")]
    assert [(o.name, o.title) for o in doc.attendance.others] == [("Karin Ström", "nämndsekreterare")]
    assert [p.number for p in doc.paragraphs] == [12, 13]
    assert [p.title for p in doc.paragraphs] == ["Val av justerare", "Ändrad taxa för bygglov"]
    assert doc.paragraphs[-1].decision is not None
    assert doc.paragraphs[-1].decision.items == ["Nämnden beslutar att anta förslaget till ändrad taxa."]


def test_one_page_protocol_keeps_its_front_matter(tmp_path: Path) -> None:
    doc = sup_parse.parse(one_page_protocol(tmp_path / "one.pdf"))
    _front_matter(doc)
    assert [(s.role, s.name) for s in doc.signatures] == [
        ("sekreterare", "Karin Ström"), ("ordförande", "Anna Ek"), ("justerare", "Per Berg")]
    assert not [w for w in doc.warnings if w.code == "unplaced-text"]


def test_one_page_protocol_as_text() -> None:
    doc = sup_parse.parse(_text())
    _front_matter(doc)


def test_nfd_text_layer_parses_like_nfc(tmp_path: Path) -> None:
    import pdfplumber

    nfd_path = one_page_protocol(tmp_path / "nfd.pdf", nfd=True)
    with pdfplumber.open(nfd_path) as pdf:
        assert "a\u0308" in pdf.pages[0].extract_text()  # the fixture really is decomposed
    nfc = sup_parse.parse(one_page_protocol(tmp_path / "nfc.pdf")).model_dump(mode="json")
    nfd = sup_parse.parse(nfd_path).model_dump(mode="json")
    for d in (nfc, nfd):
        d.pop("source")
    assert nfd == nfc


@pytest.mark.parametrize("as_pdf", [True, False], ids=["pdf", "text"])
def test_unknown_label_keeps_its_neighbours(tmp_path: Path, as_pdf: bool) -> None:
    front = [*FRONT[:2], ("Röstlängd förd av", ["Karin Ström"]), *FRONT[2:]]
    doc = sup_parse.parse(one_page_protocol(tmp_path / "u.pdf", front=front) if as_pdf else _text(front))
    _front_matter(doc)
    warned = [w for w in doc.warnings if w.code == "unknown-label"]
    assert len(warned) == 1 and "Röstlängd förd av" in warned[0].message and "Karin Ström" in warned[0].message
