"""Regenerate the expected JSON of every sample (``make golden``).

The expected files are the parser's output: read the diff (``git diff samples/``)
and check each change against the document before committing it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sup_parse.pipeline import parse  # noqa: E402

SUFFIXES = {".pdf", ".txt", ".md"}


def expected_path(sample: Path) -> Path:
    return sample.parent / "expected" / f"{sample.name}.json"


def golden_json(sample: Path) -> str:
    doc = parse(sample.relative_to(ROOT).as_posix() if sample.is_absolute() else sample)
    data = doc.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def samples() -> list[Path]:
    return sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in SUFFIXES and p.is_file())


def main() -> int:
    import os

    os.chdir(ROOT)
    for sample in samples():
        out = expected_path(sample)
        out.parent.mkdir(exist_ok=True)
        out.write_text(golden_json(sample), encoding="utf-8")
        print(out.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
