"""Parse PDFs with both text-layer backends and list where the documents differ.

    tools/compare_backends.py [FILES OR FOLDERS ...]   (default: ../shared/corpus/real and bulk)

Prints one line per differing field (file, JSON path, pdfium value, pdfplumber value)
and a count; exits 1 when any document differs.  OCR is off, so both read only the
text layer.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def corpus_files(args: list[str]) -> list[Path]:
    roots = [Path(a) for a in args] or [ROOT.parent / "shared" / "corpus" / "real", ROOT.parent / "shared" / "corpus" / "bulk"]
    files: list[Path] = []
    for root in roots:
        files.extend(sorted(root.rglob("*.pdf")) if root.is_dir() else [root])
    return [f for f in files if b"%PDF-" in f.read_bytes()[:1024]]


def document(path: Path, backend: str) -> Any:
    from sup_parse import parse
    from sup_parse.errors import SupParseError

    try:
        doc = parse(path, ocr="never", pdf_backend=backend)
    except SupParseError as exc:
        return {"error": type(exc).__name__}
    out = json.loads(doc.model_dump_json())
    out.get("source", {}).pop("path", None)
    return out


def differences(a: Any, b: Any, at: str = "") -> list[tuple[str, Any, Any]]:
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for key in sorted(set(a) | set(b)):
            out.extend(differences(a.get(key), b.get(key), f"{at}.{key}"))
        return out
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        out = []
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            out.extend(differences(x, y, f"{at}[{i}]"))
        return out
    return [] if a == b else [(at or ".", a, b)]


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 140 else text[:139] + "…"


def main(argv: list[str]) -> int:
    files = corpus_files(argv)
    differing = 0
    for f in files:
        diffs = differences(document(f, "pdfium"), document(f, "pdfplumber"))
        if diffs:
            differing += 1
        for path, a, b in diffs:
            print(f"{f.name}\t{path}\tpdfium={_short(a)}\tpdfplumber={_short(b)}")
    print(f"{differing} of {len(files)} documents differ")
    return 1 if differing else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
