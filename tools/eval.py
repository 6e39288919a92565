"""Field-level precision / recall / F1 of the parser against hand-made gold JSON.

    python tools/eval.py [--gold tests/gold] [--corpus ../shared/corpus/real] [--detail]
    python tools/eval.py --variants 300 --seed 1 [--scan-variants 30] [--dump DIR]
    python tools/eval.py --only s1-0042 [--dump DIR]
    python tools/eval.py --variants 300 --seed 1 --text-variants [--text-style markdown]
    python tools/eval.py --only s1-0042.markdown      # one text rendering (.layout, .plain, .text: the drawn style)

With ``--variants N`` the parser is also scored on N generated layout variants
(tools/variants: random content through random layout choices, gold by construction),
per block, per document kind and per layout axis value, to measure how it generalises
beyond the hand-made gold.  With ``--text-variants`` each variant is also rendered as
text (``pdftotext -layout``, plain ``pdftotext`` or a converter's markdown, with drawn
habits) and scored against the same gold, per block, text style, kind and habit.

Each gold file ``<stem>.json`` is compared with ``sup_parse.parse`` of the corpus
file with the same stem.  Both documents are flattened into (path, value) leaves:
list entries are keyed by identity (§ number, person name) so that one wrong entry
costs its own fields only; lists of strings are compared as multisets.  Only paths
that the gold annotates are scored, so fields the gold leaves out (free-text
sections, provenance) neither help nor hurt.  A leaf that is null in the gold and
filled by the parser is a false positive; the reverse a false negative.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

IDENTITY = {
    "paragraphs": "number",
    "members": "name",
    "substitutes": "name",
    "others": "name",
    "absent": "name",
    "ballots": "name",
}
ISSUE3 = {"motions", "votes", "reservations", "notes", "recused", "restricted", "immediately_adjusted"}


def flatten(obj: Any, shape: str = "", concrete: str = "") -> list[tuple[str, str, Any]]:
    """(shape path, concrete path, value) for every non-null leaf."""
    if obj is None:
        return []
    if isinstance(obj, dict):
        out: list[tuple[str, str, Any]] = []
        for key, value in obj.items():
            out.extend(flatten(value, f"{shape}.{key}" if shape else key, f"{concrete}.{key}" if concrete else key))
        return out
    if isinstance(obj, list):
        name = shape.rsplit(".", 1)[-1].split("[", 1)[0]
        out = []
        for i, entry in enumerate(obj):
            if isinstance(entry, dict) and name != "attachments":
                ident = IDENTITY.get(name)
                tag = str(entry.get(ident)) if ident and entry.get(ident) is not None else str(i)
                if name == "signatures":
                    tag = f"{entry.get('role')}:{entry.get('name')}"
                out.extend(flatten(entry, f"{shape}[*]", f"{concrete}[{tag}]"))
            elif isinstance(entry, dict):
                out.append((f"{shape}[]", f"{concrete}[]", entry.get("title")))
            elif entry is not None:
                out.append((f"{shape}[]", f"{concrete}[]", entry))
        return out
    if isinstance(obj, str) and shape.endswith(".text"):
        # long free text (yrkanden, reservationer, anteckningar): case and spacing aside
        obj = " ".join(obj.split()).casefold()
    return [(shape, concrete, obj)]


def shapes(obj: Any, path: str = "") -> set[str]:
    """Every shape path the gold annotates, including those whose value is null or [].

    An empty list is recorded as ``path[`` so that any entry the parser puts there
    is scored (as a false positive)."""
    out: set[str] = set()
    if isinstance(obj, dict):
        for key, value in obj.items():
            sub = f"{path}.{key}" if path else key
            out.add(sub)
            out |= shapes(value, sub)
    elif isinstance(obj, list):
        name = path.rsplit(".", 1)[-1]
        if not obj:
            out.add(f"{path}[")
        for entry in obj:
            if isinstance(entry, dict) and name != "attachments":
                out |= shapes(entry, f"{path}[*]")
            else:
                out.add(f"{path}[]")
    return out


def block_of(shape: str) -> str:
    top = shape.split(".", 1)[0].split("[", 1)[0]
    if top == "paragraphs" and any(f".{k}" in shape for k in ISSUE3):
        return "paragraphs: debate (motions, votes, notes …)"
    if top == "attendance":
        return "attendance"
    return top


def _allowed(shape: str, gold_shapes: set[str]) -> bool:
    if shape in gold_shapes:
        return True
    # inside a list that the gold annotates as empty
    return any(shape.startswith(g) for g in gold_shapes if g.endswith("["))


def score(gold: dict[str, Any], pred: dict[str, Any], block_fn: Any = None) -> dict[str, Counter[str]]:
    """Counters (tp, fp, fn) per block; ``block_fn`` maps a shape path to its block
    (default ``block_of``)."""
    block_fn = block_fn or block_of
    gold = {k: v for k, v in gold.items() if k not in {"sections", "source", "warnings", "schema_version"}}
    gold_shapes = shapes(gold)
    g = Counter((c, json.dumps(v, ensure_ascii=False)) for s, c, v in flatten(gold))
    gshape = {c: s for s, c, _ in flatten(gold)}
    p_leaves = [(s, c, v) for s, c, v in flatten({k: pred.get(k) for k in gold}) if _allowed(s, gold_shapes)]
    p = Counter((c, json.dumps(v, ensure_ascii=False)) for s, c, v in p_leaves)
    pshape = {c: s for s, c, _ in p_leaves}
    result: dict[str, Counter[str]] = {}
    for key in set(g) | set(p):
        block = block_fn(gshape.get(key[0]) or pshape.get(key[0]) or key[0])
        c = result.setdefault(block, Counter())
        both = min(g[key], p[key])
        c["tp"] += both
        c["fn"] += g[key] - both
        c["fp"] += p[key] - both
    return result


def prf(c: Counter[str]) -> tuple[float, float, float]:
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def find_input(corpus: Path, stem: str) -> Path | None:
    for ext in (".pdf", ".txt", ".md"):
        candidate = corpus / f"{stem}{ext}"
        if candidate.exists():
            return candidate
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=ROOT / "tests" / "gold")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "real")
    ap.add_argument("--detail", action="store_true", help="print every mismatching field")
    ap.add_argument("--min-f1", type=float, default=None, help="exit 1 when the total F1 is below this")
    ap.add_argument("--scans", action="store_true",
                    help="also score scanned variants of some gold documents (samples/make_scans.py, OCR)")
    ap.add_argument("--scan-dir", type=Path, default=ROOT / "build" / "scans")
    ap.add_argument("--variants", type=int, default=0, metavar="N",
                    help="also score N generated layout variants (tools/variants), cached in build/variants/")
    ap.add_argument("--seed", type=int, default=1, help="seed of the layout variants")
    ap.add_argument("--scan-variants", type=int, default=0, metavar="K",
                    help="also scan K of the variants (every N/K-th) and score them through OCR")
    ap.add_argument("--dump", type=Path, default=None, metavar="DIR",
                    help="write each variant's parser JSON, gold JSON and mismatching fields to DIR")
    ap.add_argument("--text-variants", action="store_true",
                    help="also score the variants' text renderings (pdftotext -layout, plain pdftotext, converter "
                         "markdown with drawn habits), cached in build/variants/")
    ap.add_argument("--text-style", default="all", choices=["all", "drawn", "markdown", "layout", "plain"],
                    help="with --text-variants: every style for every variant (all, default), one drawn style "
                         "per variant, or one style for all")
    ap.add_argument("--only", default=None, metavar="ID",
                    help="rerun one variant (e.g. s1-0042; s1-0042.markdown / .layout / .plain / .text for a text rendering) "
                         "and show its mismatches")
    ap.add_argument("--workers", type=int, default=None, help="parser processes for the variants (default: all cores)")
    ap.add_argument("--variant-root", type=Path, default=ROOT / "build" / "variants", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.only and "." in args.only:
        return only_text(args.only, args.variant_root, args.dump)
    if args.only:
        return only_variant(args.only, args.variant_root, args.dump)

    import sup_parse

    totals: dict[str, Counter[str]] = {}
    per_file: list[tuple[str, tuple[float, float, float]]] = []
    for gold_path in sorted(args.gold.glob("*.json")):
        source = find_input(args.corpus, gold_path.stem)
        if source is None:
            print(f"skip {gold_path.name}: no input in {args.corpus}", file=sys.stderr)
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred = sup_parse.parse(source).model_dump(mode="json")
        result = score(gold, pred)
        file_total: Counter[str] = Counter()
        for block, c in result.items():
            totals.setdefault(block, Counter()).update(c)
            file_total.update(c)
        per_file.append((gold_path.stem, prf(file_total)))
        if args.detail:
            _detail(gold_path.stem, gold, pred)
    print(f"{'file':58} {'P':>6} {'R':>6} {'F1':>6}")
    for stem, (p, r, f) in per_file:
        print(f"{stem:58} {p:6.3f} {r:6.3f} {f:6.3f}")
    print()
    print(f"{'block':42} {'tp':>5} {'fp':>5} {'fn':>5} {'P':>6} {'R':>6} {'F1':>6}")
    grand: Counter[str] = Counter()
    for block in sorted(totals):
        c = totals[block]
        grand.update(c)
        p, r, f = prf(c)
        print(f"{block:42} {c['tp']:5} {c['fp']:5} {c['fn']:5} {p:6.3f} {r:6.3f} {f:6.3f}")
    p, r, f = prf(grand)
    print(f"{'TOTAL':42} {grand['tp']:5} {grand['fp']:5} {grand['fn']:5} {p:6.3f} {r:6.3f} {f:6.3f}")
    if args.scans:
        scan_table(args.gold, args.corpus, args.scan_dir)
    if args.variants:
        pdf_scores = variants_report(args.variants, args.seed, args.variant_root, args.workers, args.dump, args.scan_variants)
        if args.text_variants:
            text_report(args.variants, args.seed, args.variant_root, args.workers, args.dump, pdf_scores, args.text_style)
    if args.min_f1 is not None and f < args.min_f1:
        print(f"total F1 {f:.3f} is below {args.min_f1}", file=sys.stderr)
        return 1
    return 0


def _file_score(gold: dict[str, Any], source: Path) -> Counter[str]:
    import sup_parse

    pred = sup_parse.parse(source).model_dump(mode="json")
    total: Counter[str] = Counter()
    for c in score(gold, pred).values():
        total.update(c)
    return total


def scan_table(gold_dir: Path, corpus: Path, scan_dir: Path) -> None:
    """F1 of each scanned variant next to its text layer's, and their ratio."""
    sys.path.insert(0, str(ROOT / "samples"))
    from make_scans import SCAN_SET, scan_set

    scans = scan_set(corpus, scan_dir)
    print()
    print(f"{'scanned variant (OCR)':52} {'text F1':>8} {'scan F1':>8} {'ratio':>6}")
    text_all: Counter[str] = Counter()
    scan_all: Counter[str] = Counter()
    for stem, scan in zip(SCAN_SET, scans, strict=True):
        gold = json.loads((gold_dir / f"{stem}.json").read_text(encoding="utf-8"))
        gold = {k: v for k, v in gold.items() if k not in {"sections", "source", "warnings", "schema_version"}}
        t = _file_score(gold, corpus / f"{stem}.pdf")
        sc = _file_score(gold, scan)
        text_all.update(t)
        scan_all.update(sc)
        tf, sf = prf(t)[2], prf(sc)[2]
        print(f"{stem:52} {tf:8.3f} {sf:8.3f} {sf / tf if tf else 0:6.3f}")
    tf, sf = prf(text_all)[2], prf(scan_all)[2]
    print(f"{'TOTAL':52} {tf:8.3f} {sf:8.3f} {sf / tf if tf else 0:6.3f}")


def mismatches(gold: dict[str, Any], pred: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(missing | extra, concrete path, value) for every leaf where gold and parser differ."""
    gold = {k: v for k, v in gold.items() if k not in {"sections", "source", "warnings", "schema_version"}}
    gold_shapes = shapes(gold)
    g = Counter((c, json.dumps(v, ensure_ascii=False)) for _, c, v in flatten(gold))
    p = Counter((c, json.dumps(v, ensure_ascii=False)) for s, c, v in flatten({k: pred.get(k) for k in gold})
                if _allowed(s, gold_shapes))
    out = []
    for key in sorted(set(g) | set(p)):
        if g[key] != p[key]:
            out.append(("missing" if g[key] > p[key] else "extra", key[0], key[1]))
    return out


def _detail(stem: str, gold: dict[str, Any], pred: dict[str, Any]) -> None:
    for side, path, value in mismatches(gold, pred):
        print(f"  {stem[:30]:30} {side:7} {path} = {value[:110]}")


# ---------------------------------------------------------------------------------------------
# layout variants (tools/variants)

ATTENDANCE_GROUPS = ("members", "substitutes", "others", "absent")
MIN_AXIS_N = 5  # an axis value seen in fewer variants is too noisy for the worst-10 list


def attendance_block(shape: str) -> str:
    """attendance split by list: 'attendance: members' …; everything else 'other'."""
    if shape.startswith("attendance"):
        rest = shape[len("attendance"):].lstrip(".")
        group = rest.split("[", 1)[0].split(".", 1)[0]
        return f"attendance: {group}" if group in ATTENDANCE_GROUPS else "attendance: (object)"
    return "other"


def _parse_json(path: str) -> tuple[dict[str, Any] | None, str | None, float]:
    import time

    import sup_parse

    t = time.perf_counter()
    try:
        return sup_parse.parse(path).model_dump(mode="json"), None, time.perf_counter() - t
    except Exception as exc:  # a parse error is scored as all gold fields missed
        return None, f"{type(exc).__name__}: {exc}"[:300], time.perf_counter() - t


def _parse_all(paths: list[Path], workers: int | None, timeout: float = 300.0) -> list[tuple[dict[str, Any] | None, str | None, float]]:
    """Parse in worker processes; a variant that crashes or hangs is an error, never the end of the run."""
    import multiprocessing as mp
    import os

    workers = workers or os.cpu_count() or 1
    if workers <= 1:
        return [_parse_json(str(p)) for p in paths]
    ctx = mp.get_context("spawn")
    out: list[tuple[dict[str, Any] | None, str | None, float]] = []
    pool = ctx.Pool(workers, maxtasksperchild=50)
    try:
        pending = [pool.apply_async(_parse_json, (str(p),)) for p in paths]
        for job in pending:
            try:
                out.append(job.get(timeout=timeout))
            except mp.TimeoutError:
                out.append((None, f"timeout after {timeout:.0f} s", timeout))
            except Exception as exc:
                out.append((None, f"{type(exc).__name__}: {exc}"[:300], 0.0))
    finally:
        pool.terminate()
        pool.join()
    return out


def _table(title: str, rows: dict[str, Counter[str]], width: int = 42) -> Counter[str]:
    print(f"{title:{width}} {'tp':>6} {'fp':>6} {'fn':>6} {'P':>6} {'R':>6} {'F1':>6}")
    grand: Counter[str] = Counter()
    for name in sorted(rows):
        c = rows[name]
        grand.update(c)
        p, r, f = prf(c)
        print(f"{name:{width}} {c['tp']:6} {c['fp']:6} {c['fn']:6} {p:6.3f} {r:6.3f} {f:6.3f}")
    p, r, f = prf(grand)
    print(f"{'TOTAL':{width}} {grand['tp']:6} {grand['fp']:6} {grand['fn']:6} {p:6.3f} {r:6.3f} {f:6.3f}")
    return grand


def _load_variant(out: Path, vid: str) -> tuple[dict[str, Any], dict[str, Any]]:
    gold = json.loads((out / f"{vid}.gold.json").read_text(encoding="utf-8"))
    meta = json.loads((out / f"{vid}.meta.json").read_text(encoding="utf-8"))
    return gold, meta


def _dump(dump: Path, vid: str, gold: dict[str, Any], pred: dict[str, Any] | None, error: str | None,
          meta: dict[str, Any], pdf: Path) -> None:
    import shutil

    dump.mkdir(parents=True, exist_ok=True)
    (dump / f"{vid}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    (dump / f"{vid}.pred.json").write_text(json.dumps(pred, ensure_ascii=False, indent=1), encoding="utf-8")
    (dump / f"{vid}.axes.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    lines = [f"# {vid} {meta['kind']}  (pdf: {pdf})"]
    if error:
        lines.append(f"PARSE ERROR {error}")
    lines += [f"{side:7} {path} = {value}" for side, path, value in mismatches(gold, pred or {})]
    (dump / f"{vid}.diff.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copyfile(pdf, dump / f"{vid}.pdf")


def variants_report(n: int, seed: int, root: Path, workers: int | None, dump: Path | None,
                    scan_k: int) -> dict[str, Counter[str]]:
    import time

    from tools.variants import cache_dir, generate

    t0 = time.perf_counter()
    ids = generate(n, seed, root)
    out = cache_dir(seed, root)
    t_gen = time.perf_counter() - t0
    t1 = time.perf_counter()
    parsed = _parse_all([out / f"{vid}.pdf" for vid in ids], workers)
    t_parse = time.perf_counter() - t1

    blocks: dict[str, Counter[str]] = {}
    att: dict[str, Counter[str]] = {}
    kinds: dict[str, Counter[str]] = {}
    axis_c: dict[str, Counter[str]] = {}
    axis_n: Counter[str] = Counter()
    errors: list[tuple[str, str]] = []
    per_variant: dict[str, Counter[str]] = {}
    for vid, (pred, error, _) in zip(ids, parsed, strict=True):
        gold, meta = _load_variant(out, vid)
        if error:
            errors.append((vid, error))
        total: Counter[str] = Counter()
        for block, c in score(gold, pred or {}).items():
            blocks.setdefault(block, Counter()).update(c)
            total.update(c)
        for block, c in score(gold, pred or {}, attendance_block).items():
            if block.startswith("attendance"):
                att.setdefault(block, Counter()).update(c)
        per_variant[vid] = total
        kinds.setdefault(meta["kind"], Counter()).update(total)
        for axis, value in meta["axes"].items():
            if value is None or axis == "kind":
                continue
            key = f"{axis}={value}"
            axis_c.setdefault(key, Counter()).update(total)
            axis_n[key] += 1
        if dump is not None:
            _dump(dump, vid, gold, pred, error, meta, out / f"{vid}.pdf")

    print()
    print(f"Layout variants: {len(ids)} (seed {seed}, {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}); "
          f"generated in {t_gen:.1f} s, parsed in {t_parse:.1f} s")
    print()
    _table("variants: block", blocks)
    print()
    _table("variants: attendance by list", att)
    print()
    print(f"{'variants: kind':24} {'n':>4} {'P':>6} {'R':>6} {'F1':>6}")
    kind_n = Counter(_load_variant(out, vid)[1]["kind"] for vid in ids)
    for kind in sorted(kinds):
        p, r, f = prf(kinds[kind])
        print(f"{kind:24} {kind_n[kind]:4} {p:6.3f} {r:6.3f} {f:6.3f}")
    print()
    print(f"{'variants: axis=value':48} {'n':>4} {'F1':>6}")
    for key in sorted(axis_c):
        print(f"{key:48} {axis_n[key]:4} {prf(axis_c[key])[2]:6.3f}")
    _worst_axes(axis_c, axis_n)
    if errors:
        print()
        print(f"parse errors: {len(errors)}")
        for vid, error in errors:
            print(f"  {vid}: {error}")
    if scan_k:
        scan_variants(ids, out, scan_k, per_variant, workers, dump)
    return per_variant


def _worst_axes(axis_c: dict[str, Counter[str]], axis_n: Counter[str], only: set[str] | None = None, what: str = "axis") -> None:
    """The 10 worst axis values, and the 10 worst against the other values of their axis
    (``only``: rank just these keys)."""
    keys = [k for k in axis_c if axis_n[k] >= MIN_AXIS_N and (only is None or k in only)]
    print()
    ranked = sorted(keys, key=lambda k: (prf(axis_c[k])[2], k))
    print(f"{'10 worst ' + what + ' values (n >= ' + str(MIN_AXIS_N) + ')':48} {'n':>4} {'F1':>6}")
    for key in ranked[:10]:
        print(f"{key:48} {axis_n[key]:4} {prf(axis_c[key])[2]:6.3f}")
    # the same, against the other values of the same axis (kind-specific axes otherwise just rank the kinds)
    contrast: dict[str, float] = {}
    for key in keys:
        axis = key.split("=", 1)[0]
        rest: Counter[str] = Counter()
        for other, c in axis_c.items():
            if other != key and other.split("=", 1)[0] == axis:
                rest.update(c)
        if rest:
            contrast[key] = prf(axis_c[key])[2] - prf(rest)[2]
    print()
    print(f"{'10 worst against the same axis' + chr(39) + 's other values':48} {'n':>4} {'F1':>6} {'Δ':>7}")
    for key in sorted(contrast, key=lambda k: (contrast[k], k))[:10]:
        print(f"{key:48} {axis_n[key]:4} {prf(axis_c[key])[2]:6.3f} {contrast[key]:+7.3f}")


def scan_variants(ids: list[str], out: Path, k: int, text_scores: dict[str, Counter[str]], workers: int | None = None,
                  dump: Path | None = None) -> None:
    """Every (N/K)-th variant scanned (samples/make_scans.py, cached) and read back through OCR."""
    import os
    import time

    step = max(1, len(ids) // k)
    chosen = ids[::step][:k]
    scan_dir = out / "scans"
    t0 = time.perf_counter()
    todo = [(out / f"{vid}.pdf", scan_dir / f"{vid}.pdf", 300 if i % 2 == 0 else 200, i)
            for i, vid in enumerate(chosen) if not (scan_dir / f"{vid}.pdf").exists()]
    if todo:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(min(len(todo), os.cpu_count() or 1)) as pool:
            list(pool.map(_scan_one, todo))
    blocks: dict[str, Counter[str]] = {}
    scan_all: Counter[str] = Counter()
    text_all: Counter[str] = Counter()
    errors = []
    parsed = _parse_all([scan_dir / f"{vid}.pdf" for vid in chosen], workers, timeout=900.0)
    for vid, (pred, error, _) in zip(chosen, parsed, strict=True):
        scan = scan_dir / f"{vid}.pdf"
        gold, meta = _load_variant(out, vid)
        if dump is not None:
            _dump(dump / "scans", vid, gold, pred, error, meta, scan)
        if error:
            errors.append((vid, error))
        for block, c in score(gold, pred or {}).items():
            blocks.setdefault(block, Counter()).update(c)
            scan_all.update(c)
        text_all.update(text_scores[vid])
    print()
    print(f"Scanned variants (OCR): {len(chosen)} of {len(ids)} (every {step}th), {time.perf_counter() - t0:.1f} s")
    print(f"  text-layer F1 of the same variants {prf(text_all)[2]:.3f}   scanned F1 {prf(scan_all)[2]:.3f}")
    print()
    _table("scanned variants: block", blocks)
    for vid, error in errors:
        print(f"  parse error {vid}: {error}")


def text_report(n: int, seed: int, root: Path, workers: int | None, dump: Path | None,
                pdf_scores: dict[str, Counter[str]], style: str = "all") -> None:
    """Every variant's text rendering (tools/variants/render_text.py) parsed and scored
    against its gold (the variant's, adjusted where the text style loses something)."""
    import time

    from tools.variants import cache_dir, generate_text, text_dir, text_path
    from tools.variants.render_text import TEXT_AXES

    t0 = time.perf_counter()
    import shutil

    styles_wanted: tuple[str | None, ...] = (
        ("markdown", "layout", "plain") if style == "all" else (None,) if style == "drawn" else (style,))
    if shutil.which("pdftotext") is None and styles_wanted != ("markdown",):
        print("\npdftotext not found (Debian poppler-utils: make system-deps): text renderings as markdown only",
              file=sys.stderr)
        styles_wanted = ("markdown",)
    stems = generate_text(n, seed, root, workers, styles=styles_wanted)
    out, tdir = cache_dir(seed, root), text_dir(seed, root)
    t_gen = time.perf_counter() - t0
    paths = [text_path(tdir, stem) for stem in stems]
    t1 = time.perf_counter()
    parsed = _parse_all([p for p in paths if p is not None], workers)
    t_parse = time.perf_counter() - t1

    blocks: dict[str, Counter[str]] = {}
    att: dict[str, Counter[str]] = {}
    by_style: dict[str, Counter[str]] = {}
    pdf_by_style: dict[str, Counter[str]] = {}
    style_n: Counter[str] = Counter()
    block_style: dict[tuple[str, str], Counter[str]] = {}
    kinds: dict[str, Counter[str]] = {}
    kind_n: Counter[str] = Counter()
    axis_c: dict[str, Counter[str]] = {}
    axis_n: Counter[str] = Counter()
    errors: list[tuple[str, str]] = []
    text_axis_names = {a.name for a, _ in TEXT_AXES}
    for stem, path, (pred, error, _) in zip(stems, paths, parsed, strict=True):
        vid, st = stem.split(".", 1)
        gold = json.loads((tdir / f"{stem}.gold.json").read_text(encoding="utf-8"))
        tax = json.loads((tdir / f"{stem}.axes.json").read_text(encoding="utf-8"))
        meta = json.loads((out / f"{vid}.meta.json").read_text(encoding="utf-8"))
        if error:
            errors.append((stem, error))
        total: Counter[str] = Counter()
        for block, c in score(gold, pred or {}).items():
            blocks.setdefault(block, Counter()).update(c)
            block_style.setdefault((block, st), Counter()).update(c)
            total.update(c)
        for block, c in score(gold, pred or {}, attendance_block).items():
            if block.startswith("attendance"):
                att.setdefault(block, Counter()).update(c)
        by_style.setdefault(st, Counter()).update(total)
        pdf_by_style.setdefault(st, Counter()).update(pdf_scores.get(vid, Counter()))
        style_n[st] += 1
        kinds.setdefault(meta["kind"], Counter()).update(total)
        kind_n[meta["kind"]] += 1
        for axis, value in list(tax.items()) + list(meta["axes"].items()):
            if value is None or axis == "kind":
                continue
            key = f"{axis}={value}"
            axis_c.setdefault(key, Counter()).update(total)
            axis_n[key] += 1
        if dump is not None and path is not None:
            _dump_text(dump / "text", stem, gold, pred, error, tax, meta, path)

    print()
    how = {"all": "every style for every variant", "drawn": "one drawn style per variant"}.get(style, f"every variant as {style}")
    print(f"Text renderings: {len(stems)} ({how}, "
          f"{tdir.relative_to(ROOT) if tdir.is_relative_to(ROOT) else tdir}); generated in {t_gen:.1f} s, parsed in {t_parse:.1f} s")
    print()
    _table("text: block", blocks)
    print()
    _table("text: attendance by list", att)
    print()
    styles = sorted(by_style)
    print(f"{'text: block F1 by style':42} " + " ".join(f"{x:>9}" for x in styles))
    for block in sorted(blocks):
        cells = [f"{prf(block_style[(block, x)])[2]:9.3f}" if (block, x) in block_style else f"{'-':>9}" for x in styles]
        print(f"{block:42} " + " ".join(cells))
    print()
    print(f"{'text: style':24} {'n':>4} {'P':>6} {'R':>6} {'F1':>6} {'pdf F1':>7} {'Δ':>7}")
    for x in styles:
        p, r, f = prf(by_style[x])
        pf = prf(pdf_by_style[x])[2]
        print(f"{x:24} {style_n[x]:4} {p:6.3f} {r:6.3f} {f:6.3f} {pf:7.3f} {f - pf:+7.3f}")
    print()
    print(f"{'text: kind':24} {'n':>4} {'P':>6} {'R':>6} {'F1':>6}")
    for kind in sorted(kinds):
        p, r, f = prf(kinds[kind])
        print(f"{kind:24} {kind_n[kind]:4} {p:6.3f} {r:6.3f} {f:6.3f}")
    print()
    print(f"{'text: habit=value':48} {'n':>4} {'F1':>6}")
    text_keys = {k for k in axis_c if k.split("=", 1)[0] in text_axis_names}
    for key in sorted(text_keys):
        print(f"{key:48} {axis_n[key]:4} {prf(axis_c[key])[2]:6.3f}")
    _worst_axes(axis_c, axis_n, text_keys, "text habit")
    _worst_axes(axis_c, axis_n, set(axis_c) - text_keys, "layout axis (as text)")
    if errors:
        print()
        print(f"text parse errors: {len(errors)}")
        for stem, error in errors:
            print(f"  {stem}: {error}")


def _dump_text(dump: Path, stem: str, gold: dict[str, Any], pred: dict[str, Any] | None, error: str | None,
               tax: dict[str, Any], meta: dict[str, Any], path: Path) -> None:
    import shutil

    dump.mkdir(parents=True, exist_ok=True)
    (dump / f"{stem}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    (dump / f"{stem}.pred.json").write_text(json.dumps(pred, ensure_ascii=False, indent=1), encoding="utf-8")
    (dump / f"{stem}.axes.json").write_text(json.dumps({"text": tax, "layout": meta["axes"]}, ensure_ascii=False, indent=1),
                                            encoding="utf-8")
    lines = [f"# {stem} {meta['kind']}  (text: {path})"]
    if error:
        lines.append(f"PARSE ERROR {error}")
    lines += [f"{side:7} {p} = {value}" for side, p, value in mismatches(gold, pred or {})]
    (dump / f"{stem}.diff.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copyfile(path, dump / path.name)


def only_text(stem: str, root: Path, dump: Path | None) -> int:
    """One text rendering (``s1-0042.markdown``; ``.text`` for the drawn style): made if
    needed, parsed, scored, every mismatch printed."""
    from tools.variants import make_text_variant, make_variant, parse_id, text_dir, text_path

    vid, style = stem.split(".", 1)
    seed, index = parse_id(vid)
    tdir = text_dir(seed, root)
    v = make_variant(seed, index)
    t = make_text_variant(seed, index, None if style == "text" else style, variant=v)
    stem = f"{vid}.{t.axes['text_style']}"
    path = text_path(tdir, stem)
    if path is None:
        tdir.mkdir(parents=True, exist_ok=True)
        path = tdir / f"{stem}{t.suffix}"
        path.write_text(t.text, encoding="utf-8")
        (tdir / f"{stem}.gold.json").write_text(json.dumps(t.gold, ensure_ascii=False, indent=1), encoding="utf-8")
        (tdir / f"{stem}.axes.json").write_text(json.dumps(t.axes, ensure_ascii=False, indent=1), encoding="utf-8")
    gold = json.loads((tdir / f"{stem}.gold.json").read_text(encoding="utf-8"))
    pred, error, seconds = _parse_json(str(path))
    print(f"{stem}  kind {v.kind}  pages {v.meta['pages']}  parsed in {seconds:.2f} s  text {path}")
    print("text: " + ", ".join(f"{k}={x}" for k, x in t.axes.items() if x is not None))
    print("axes: " + ", ".join(f"{k}={x}" for k, x in v.axes.items() if x is not None))
    _report(gold, pred, error)
    if dump is not None:
        _dump_text(dump, stem, gold, pred, error, t.axes, v.meta, path)
    return 0


def _report(gold: dict[str, Any], pred: dict[str, Any] | None, error: str | None) -> None:
    """One document's score per block and every mismatching field."""
    if error:
        print(f"PARSE ERROR {error}")
    print()
    _table("block", score(gold, pred or {}))
    print()
    for side, path, value in mismatches(gold, pred or {}):
        print(f"  {side:7} {path} = {value[:120]}")


def _scan_one(job: tuple[Path, Path, int, int]) -> None:
    sys.path.insert(0, str(ROOT / "samples"))
    from make_scans import scan_pdf

    src, out, dpi, seed = job
    scan_pdf(src, out, dpi=dpi, seed=seed)


def only_variant(vid: str, root: Path, dump: Path | None) -> int:
    """Regenerate (if needed), parse and score one variant, printing every mismatch."""
    from tools.variants import cache_dir, make_variant, parse_id

    seed, index = parse_id(vid)
    out = cache_dir(seed, root)
    pdf = out / f"{vid}.pdf"
    if not pdf.exists():
        v = make_variant(seed, index)
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{vid}.gold.json").write_text(json.dumps(v.gold, ensure_ascii=False, indent=1), encoding="utf-8")
        (out / f"{vid}.meta.json").write_text(json.dumps(v.meta, ensure_ascii=False, indent=1), encoding="utf-8")
        pdf.write_bytes(v.pdf)
    gold, meta = _load_variant(out, vid)
    pred, error, seconds = _parse_json(str(pdf))
    print(f"{vid}  kind {meta['kind']}  pages {meta['pages']}  parsed in {seconds:.2f} s  pdf {pdf}")
    print("axes: " + ", ".join(f"{k}={v}" for k, v in meta["axes"].items() if v is not None))
    if meta["rules"]:
        print("rules applied: " + ", ".join(meta["rules"]))
    _report(gold, pred, error)
    if dump is not None:
        _dump(dump, vid, gold, pred, error, meta, pdf)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
