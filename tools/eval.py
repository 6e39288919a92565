"""Field-level precision / recall / F1 of the parser against hand-made gold JSON.

    python tools/eval.py [--gold tests/gold] [--corpus ../shared/corpus/real] [--detail]

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


def score(gold: dict[str, Any], pred: dict[str, Any]) -> dict[str, Counter[str]]:
    gold = {k: v for k, v in gold.items() if k not in {"sections", "source", "warnings", "schema_version"}}
    gold_shapes = shapes(gold)
    g = Counter((c, json.dumps(v, ensure_ascii=False)) for s, c, v in flatten(gold))
    gshape = {c: s for s, c, _ in flatten(gold)}
    p_leaves = [(s, c, v) for s, c, v in flatten({k: pred.get(k) for k in gold}) if _allowed(s, gold_shapes)]
    p = Counter((c, json.dumps(v, ensure_ascii=False)) for s, c, v in p_leaves)
    pshape = {c: s for s, c, _ in p_leaves}
    result: dict[str, Counter[str]] = {}
    for key in set(g) | set(p):
        block = block_of(gshape.get(key[0]) or pshape.get(key[0]) or key[0])
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
    args = ap.parse_args(argv)

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


def _detail(stem: str, gold: dict[str, Any], pred: dict[str, Any]) -> None:
    gold = {k: v for k, v in gold.items() if k not in {"sections", "source", "warnings", "schema_version"}}
    gold_shapes = shapes(gold)
    g = Counter((c, json.dumps(v, ensure_ascii=False)) for _, c, v in flatten(gold))
    p = Counter((c, json.dumps(v, ensure_ascii=False)) for s, c, v in flatten({k: pred.get(k) for k in gold})
                if _allowed(s, gold_shapes))
    for key in sorted(set(g) | set(p)):
        if g[key] != p[key]:
            side = "missing" if g[key] > p[key] else "extra  "
            print(f"  {stem[:30]:30} {side} {key[0]} = {key[1][:110]}")


if __name__ == "__main__":
    raise SystemExit(main())
