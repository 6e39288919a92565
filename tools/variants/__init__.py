"""Layout-variant generator: random content × random layout → PDF + gold JSON by construction.

    from tools.variants import make_variant, generate, make_text_variant, generate_text
    v = make_variant(seed=1, index=7)          # one variant in memory
    paths = generate(300, seed=1)              # build/variants/<version>-1/, cached
    t = make_text_variant(seed=1, index=7)     # its text rendering (style and habits drawn)
    generate_text(300, seed=1)                 # build/variants/<version>-1/text-<version>/, cached

Nothing here imports sup_parse: the generator knows the documents, not the parser.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import axes as axes_mod
from . import render_text as text_mod
from .content import Generator
from .gold import memo_gold, notice_gold, protocol_gold
from .render_pdf import Layout, render

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


TEXT_FILES = {"render_text.py"}  # the text renderings have a cache of their own


def generator_version() -> str:
    """A hash of the generator's own source: the cache is rebuilt when it changes."""
    h = hashlib.sha256()
    for path in sorted(HERE.glob("*.py")):
        if path.name in TEXT_FILES:
            continue
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:10]


def text_version() -> str:
    """The text renderer's source and the pdftotext it calls."""
    h = hashlib.sha256()
    for name in sorted(TEXT_FILES):
        h.update((HERE / name).read_bytes())
    h.update(text_mod.pdftotext_version().encode())
    return h.hexdigest()[:8]


def cache_dir(seed: int, root: Path | None = None) -> Path:
    return (root or ROOT / "build" / "variants") / f"{generator_version()}-{seed}"


def text_dir(seed: int, root: Path | None = None) -> Path:
    return cache_dir(seed, root) / f"text-{text_version()}"


def variant_id(seed: int, index: int) -> str:
    return f"s{seed}-{index:04d}"


def parse_id(vid: str) -> tuple[int, int]:
    seed, index = vid[1:].split("-")
    return int(seed), int(index)


@dataclass
class Variant:
    id: str
    kind: str
    axes: dict[str, Any]
    rules: list[str]
    pdf: bytes
    gold: dict[str, Any]
    meta: dict[str, Any]
    layout: Layout | None = None


def _enclosure_axes(rng: random.Random, host: dict[str, Any]) -> dict[str, Any]:
    ax, _ = axes_mod.resolve(axes_mod.draw(rng, "tjansteskrivelse"))
    for name in ("font", "font_size", "margins", "leading", "page_size", "encoding", "hyphenation"):
        ax[name] = host[name]  # an enclosure is laid out on the host's pages
    if ax["ts_author"] == "footer":
        ax["ts_author"] = "box"  # the host's footer has no room for an author line
    return ax


def make_variant(seed: int, index: int, kind: str | None = None) -> Variant:
    vid = variant_id(seed, index)
    ax_rng = random.Random(f"axes/{seed}/{index}")
    content_rng = random.Random(f"content/{seed}/{index}")
    layout_rng = random.Random(f"layout/{seed}/{index}")
    drawn = axes_mod.draw(ax_rng, kind)
    ax, rules = axes_mod.resolve(drawn)
    kind = ax["kind"]
    gen = Generator(content_rng)
    gen_dnr = ax["dnr_form"]
    meta: dict[str, Any] = {"id": vid, "seed": seed, "index": index, "kind": kind, "axes": ax, "rules": rules}
    if kind in {"protokoll", "protokollsutdrag"}:
        m = gen.meeting(dnr_form=gen_dnr)
        enclosure = None
        if kind == "protokollsutdrag":
            subst = [p for p in m.paragraphs if p.decision and p.kind not in {"dagordning", "meddelanden"}] or m.paragraphs
            m.utdrag_number = content_rng.choice(subst).number
            if ax["enclosure"] == "tjansteskrivelse":
                p = next(x for x in m.paragraphs if x.number == m.utdrag_number)
                eax = _enclosure_axes(ax_rng, ax)
                memo = gen.memo(m.issuer, m.organ, m.date.fromordinal(m.date.toordinal() - content_rng.randint(10, 40)),
                                p.title, p.dnr or None, items=p.decision)
                enclosure = (memo, eax)
                meta["enclosure_axes"] = eax
        r = render(kind, m, ax, layout_rng, enclosure)
        enc_gold = memo_gold(enclosure[0], enclosure[1], r.facts["enclosure"]) if enclosure else None
        gold = protocol_gold(m, ax, r, kind, enc_gold)
    elif kind == "tjansteskrivelse":
        memo = gen.memo(dnr_form=gen_dnr)
        r = render(kind, memo, ax, layout_rng)
        gold = memo_gold(memo, ax, r.facts)
    else:
        notice = gen.notice(dnr_form=gen_dnr)
        r = render(kind, notice, ax, layout_rng)
        gold = notice_gold(notice, ax, r)
    meta["pages"] = r.pages
    return Variant(vid, kind, ax, rules, r.pdf, gold, meta, r.layout)


def _write(args: tuple[int, int, str]) -> str:
    seed, index, out = args
    v = make_variant(seed, index)
    base = Path(out) / v.id
    (base.with_suffix(".gold.json")).write_text(json.dumps(v.gold, ensure_ascii=False, indent=1), encoding="utf-8")
    (base.with_suffix(".meta.json")).write_text(json.dumps(v.meta, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp = base.with_name(f".{v.id}.pdf.tmp")
    tmp.write_bytes(v.pdf)
    tmp.replace(base.with_suffix(".pdf"))
    return v.id


def generate(n: int, seed: int, root: Path | None = None, workers: int | None = None) -> list[str]:
    """Make variants 0..n-1 of ``seed`` under the cache directory (kept across runs)."""
    out = cache_dir(seed, root)
    out.mkdir(parents=True, exist_ok=True)
    ids = [variant_id(seed, i) for i in range(n)]
    todo = [(seed, i, str(out)) for i, vid in enumerate(ids) if not (out / f"{vid}.pdf").exists()]
    _run(_write, todo, workers)
    return ids


def _run(write: Any, todo: list[Any], workers: int | None) -> None:
    """``write`` over ``todo``: in worker processes (about one per 20 jobs, at most one per
    core) unless one is enough."""
    if not todo:
        return
    workers = workers or min(len(todo) // 20 + 1, os.cpu_count() or 1)
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(write, todo, chunksize=8))
    else:
        for t in todo:
            write(t)


# ---------------------------------------------------------------------------------------------
# text renderings


@dataclass
class TextVariant:
    id: str
    axes: dict[str, str | None]  # the text style and its habits
    suffix: str  # .md or .txt
    text: str
    gold: dict[str, Any]


def make_text_variant(seed: int, index: int, style: str | None = None, kind: str | None = None,
                      pdf_path: Path | None = None, variant: Variant | None = None) -> TextVariant:
    """A variant's text rendering in its drawn text style (or ``style``), with its gold."""
    import tempfile

    v = variant or make_variant(seed, index, kind)
    tax = text_mod.applicable(text_mod.draw_text_axes(seed, index, style), v.axes)
    if tax["text_style"] != "markdown" and pdf_path is None:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"{v.id}.pdf"
            path.write_bytes(v.pdf)
            text, gold = text_mod.render_text(v, str(path), tax)
    else:
        text, gold = text_mod.render_text(v, str(pdf_path), tax)
    return TextVariant(v.id, tax, text_mod.suffix(tax), text, gold)


def _write_text(args: tuple[int, int, str, str, str | None]) -> str:
    seed, index, pdfs, out, style = args
    vid = variant_id(seed, index)
    t = make_text_variant(seed, index, style, pdf_path=Path(pdfs) / f"{vid}.pdf")
    stem = f"{vid}.{t.axes['text_style']}"
    base = Path(out)
    (base / f"{stem}.gold.json").write_text(json.dumps(t.gold, ensure_ascii=False, indent=1), encoding="utf-8")
    (base / f"{stem}.axes.json").write_text(json.dumps(t.axes, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp = base / f".{stem}{t.suffix}.tmp"
    tmp.write_text(t.text, encoding="utf-8")
    tmp.replace(base / f"{stem}{t.suffix}")
    return stem


def text_stem(seed: int, index: int, style: str | None = None) -> str:
    tax = text_mod.draw_text_axes(seed, index, style)
    return f"{variant_id(seed, index)}.{tax['text_style']}"


def text_path(out: Path, stem: str) -> Path | None:
    for suf in (".md", ".txt"):
        if (out / f"{stem}{suf}").exists():
            return out / f"{stem}{suf}"
    return None


def generate_text(n: int, seed: int, root: Path | None = None, workers: int | None = None,
                  styles: tuple[str | None, ...] = (None,)) -> list[str]:
    """Text renderings of variants 0..n-1 (the PDFs made first), cached under the variant
    cache in ``text-<version>/``; ``styles`` (None: the drawn one) per variant.  Returns the
    stems ``<id>.<style>``."""
    generate(n, seed, root, workers)
    pdfs = cache_dir(seed, root)
    out = text_dir(seed, root)
    out.mkdir(parents=True, exist_ok=True)
    stems, todo = [], []
    for i in range(n):
        for style in styles:
            stem = text_stem(seed, i, style)
            stems.append(stem)
            if text_path(out, stem) is None:
                todo.append((seed, i, str(pdfs), str(out), style))
    _run(_write_text, todo, workers)
    return stems
