"""A long synthetic protokoll for benchmarks: a front page, then two pages per §.

    python tools/make_long_protocol.py OUT.pdf [--pages 500]

The text is made up (names, matters); the layout follows the common template — organ,
"Protokoll" and date in the page header, a label column on the front page, "§ N dnr"
headings with Ärendebeskrivning / Beslut / Expedieras till — so that every stage of the
parser works on every page, as on a real protocol.
"""

from __future__ import annotations

import argparse
from pathlib import Path

ORGAN = "Kommunstyrelsen"
DATE = "2026-06-01"
FILLER = ("Förvaltningen har berett ärendet och bedömer att förslaget är förenligt med kommunens "
          "styrdokument och budget. Ärendet har behandlats i arbetsutskottet och remitterats till berörda nämnder.")


def make(out: Path, pages: int) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    width, height = A4
    c = canvas.Canvas(str(out), pagesize=A4)
    first, last = 1, max(1, (pages - 1) // 2)

    def header(n: int) -> None:
        c.setFont("Helvetica-Bold", 12)
        c.drawString(388, height - 64, ORGAN)
        c.drawString(388, height - 78, "Protokoll")
        c.setFont("Helvetica", 12)
        c.drawString(388, height - 105, DATE)
        c.setFont("Helvetica", 10)
        c.drawString(530, height - 21, str(n))
        c.setFont("Helvetica", 7)
        c.drawString(438, 60, "Utdragsbestyrkande")

    header(1)
    c.setFont("Helvetica", 10)
    y = height - 145
    for label, value in [("Plats och tid", "Rådhuset, kl. 14:00-17:20"), ("Beslutande", "Anna Ek (S) (ordförande)"),
                         ("", "Per Berg (M) (vice ordförande)"), ("", "Eva Lund (C)"), ("Utses att justera", "Per Berg"),
                         ("Paragrafer", f"§§{first}-{last}")]:
        if label:
            c.drawString(71, y, label)
        c.drawString(185, y, value)
        y -= 12
    c.showPage()
    page = 2
    for number in range(first, last + 1):
        for half in range(2):
            header(page)
            c.setFont("Helvetica", 11)
            y = height - 150
            if half == 0:
                c.drawString(71, y, f"§ {number} 2026.{number:03d} KS")
                c.setFont("Helvetica-Bold", 13)
                c.drawString(71, y - 25, f"Ärende nummer {number} om verksamhetens utveckling")
                c.setFont("Helvetica-Bold", 11)
                c.drawString(71, y - 52, "Ärendebeskrivning")
                y -= 68
            c.setFont("Helvetica", 11)
            for _ in range(8 if half == 0 else 6):
                for part in (FILLER[:88], FILLER[88:]):
                    c.drawString(71, y, part)
                    y -= 13
            if half == 1:
                c.setFont("Helvetica-Bold", 11)
                c.drawString(71, y - 12, "Beslut")
                c.setFont("Helvetica", 11)
                c.drawString(71, y - 26, "Förslaget godkänns.")
                c.setFont("Helvetica-Bold", 11)
                c.drawString(71, y - 50, "Expedieras till")
                c.setFont("Helvetica", 11)
                c.drawString(71, y - 64, "Kommunledningskontoret")
            c.showPage()
            page += 1
    c.save()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("output", type=Path)
    ap.add_argument("--pages", type=int, default=500)
    args = ap.parse_args()
    make(args.output, args.pages)
    print(args.output)


if __name__ == "__main__":
    main()
