"""Layout-variant generator: random content × random layout → PDF + gold JSON by construction.

    from tools.variants import make_variant, generate
    v = make_variant(seed=1, index=7)          # one variant in memory
    paths = generate(300, seed=1)              # build/variants/<version>-1/, cached

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
from .content import Generator
from .gold import memo_gold, notice_gold, protocol_gold
from .render_pdf import render

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def generator_version() -> str:
    """A hash of the generator's own source: the cache is rebuilt when it changes."""
    h = hashlib.sha256()
    for path in sorted(HERE.glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:10]


def cache_dir(seed: int, root: Path | None = None) -> Path:
    return (root or ROOT / "build" / "variants") / f"{generator_version()}-{seed}"


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
    return Variant(vid, kind, ax, rules, r.pdf, gold, meta)


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
    if todo:
        workers = workers or min(len(todo) // 20 + 1, os.cpu_count() or 1)
        if workers > 1:
            with ProcessPoolExecutor(workers) as pool:
                list(pool.map(_write, todo, chunksize=8))
        else:
            for t in todo:
                _write(t)
    return ids
