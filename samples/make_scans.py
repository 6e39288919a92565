"""Scanned variants of text-layer PDFs: each page rendered to a grey image at 200–300 dpi,
turned by a small angle, speckled with noise, softened as a scanner would, and saved
as an image-only PDF (no text layer), so that OCR has to read it.

    python samples/make_scans.py IN.pdf OUT.pdf [--dpi 300] [--seed 0]
    python samples/make_scans.py --corpus DIR --out DIR    # every PDF named in SCAN_SET

The variant is deterministic for a given input, dpi and seed.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

# Gold documents of ../shared/corpus/real that `make eval` also reads as scans: every
# kind (protokoll, utdrag, tjänsteskrivelse), old and new templates, 1–7 pages.
SCAN_SET = [
    "alingsas-bmn-2026-07-07-protokoll",
    "alingsas-kf-2026-06-10-protokoll",
    "alingsas-ofn-2018-02-13-protokoll",
    "alingsas-ks-2026-06-01-p97-utdrag",
    "alingsas-ks-2026-05-11-p77-utdrag",
    "alingsas-snau-2018-01-09-p63-utdrag",
    "avrf-direktionen-2026-04-17-p10-utdrag",
    "alingsas-ks-2026-04-07-rantepaslag-tjansteskrivelse",
    "alingsas-sn-2017-12-12-tjansteskrivelse",
]


def scan_pdf(src: Path, out: Path, *, dpi: int = 300, seed: int = 0) -> None:
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    rng = random.Random(f"{src.name}:{dpi}:{seed}")
    pdf = pdfium.PdfDocument(str(src))
    images = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            img = page.render(scale=dpi / 72).to_pil().convert("L")
            page.close()
            angle = rng.uniform(-1.5, 1.5)
            img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
            noise = Image.effect_noise(img.size, 18).point(lambda v: v - 128)
            img = Image.blend(img, Image.merge("L", [noise]).point(lambda v: 255 - v), 0.06)
            speckle = Image.new("L", img.size, 255)
            px = speckle.load()
            for _ in range(img.size[0] * img.size[1] // 4000):
                px[rng.randrange(img.size[0]), rng.randrange(img.size[1])] = rng.randrange(0, 90)
            img = Image.composite(img, speckle, speckle.point(lambda v: 255 if v == 255 else 0))
            img = img.filter(ImageFilter.GaussianBlur(radius=0.5 * dpi / 300))
            images.append(img)
    finally:
        pdf.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    images[0].save(tmp, format="PDF", save_all=True, append_images=images[1:], resolution=dpi, quality=80)
    tmp.replace(out)


def scan_set(corpus: Path, out_dir: Path, *, seed: int = 0) -> list[Path]:
    """Scanned variants of SCAN_SET (alternately at 300 and 200 dpi), made once and kept."""
    made = []
    for i, stem in enumerate(SCAN_SET):
        src = corpus / f"{stem}.pdf"
        dpi = 300 if i % 2 == 0 else 200
        out = out_dir / f"{stem}.pdf"
        if not out.exists():
            scan_pdf(src, out, dpi=dpi, seed=seed)
        made.append(out)
    return made


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input", nargs="?", type=Path)
    ap.add_argument("output", nargs="?", type=Path)
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--corpus", type=Path, help="make SCAN_SET from this folder")
    ap.add_argument("--out", type=Path, help="folder for --corpus")
    args = ap.parse_args()
    if args.corpus:
        for path in scan_set(args.corpus, args.out or Path("build/scans"), seed=args.seed):
            print(path)
    elif args.input and args.output:
        scan_pdf(args.input, args.output, dpi=args.dpi, seed=args.seed)
        print(args.output)
    else:
        ap.error("give IN.pdf OUT.pdf, or --corpus DIR")


if __name__ == "__main__":
    main()
