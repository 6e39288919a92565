"""Counts that tell whether layout knowledge lives in code or in data.

    python tools/code_stats.py [--list]

- inline regexes: calls of ``regex``/``re`` functions (compile, match, search, fullmatch,
  sub, split, findall, finditer) whose pattern is written in the code (a string literal,
  an f-string, or a concatenation holding one), in ``sup_parse/``;
- numeric tolerances: number literals other than 0, 1, 2 and -1 inside a comparison
  (directly or in the arithmetic of one), or bound to a name at module level;
- quoting comments: comment lines that quote a phrase ("…"), the mark of a rule written
  for one document's wording.

The numbers are a measure to watch go down, not a rule: a pattern built from the
vocabulary at run time is not counted, one written in the code is.
"""

from __future__ import annotations

import argparse
import ast
import io
import sys
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REGEX_FUNCS = {"compile", "match", "search", "fullmatch", "sub", "subn", "split", "findall", "finditer"}
TRIVIAL = {0, 1, 2, -1}
QUOTES = ('"', "“", "”", "'")


def _has_literal(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _has_literal(node.left) or _has_literal(node.right)
    return False


def _numbers(node: ast.AST) -> list[ast.Constant]:
    out = []
    for sub in ast.walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, int | float) and not isinstance(sub.value, bool):
            if sub.value not in TRIVIAL:
                out.append(sub)
    return out


def file_stats(path: Path) -> dict[str, list[str]]:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    regexes: list[str] = []
    tolerances: list[str] = []
    seen_numbers: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in REGEX_FUNCS \
                and isinstance(node.func.value, ast.Name) and node.func.value.id in {"regex", "re"} and node.args \
                and _has_literal(node.args[0]):
            regexes.append(f"{path.relative_to(ROOT)}:{node.lineno}")
        if isinstance(node, ast.Compare):
            for num in _numbers(node):
                if id(num) not in seen_numbers:
                    seen_numbers.add(id(num))
                    tolerances.append(f"{path.relative_to(ROOT)}:{num.lineno} {num.value}")
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            for num in _numbers(node.value):
                if id(num) not in seen_numbers:
                    seen_numbers.add(id(num))
                    tolerances.append(f"{path.relative_to(ROOT)}:{num.lineno} {num.value}")
    quoting: list[str] = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT and any(q in tok.string for q in QUOTES):
            quoting.append(f"{path.relative_to(ROOT)}:{tok.start[0]}")
    return {"inline regexes": regexes, "numeric tolerances": tolerances, "quoting comments": quoting}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list", action="store_true", help="list every place counted")
    args = ap.parse_args(argv)
    totals: dict[str, list[str]] = {}
    for path in sorted((ROOT / "sup_parse").rglob("*.py")):
        for key, places in file_stats(path).items():
            totals.setdefault(key, []).extend(places)
    for key, places in totals.items():
        print(f"{key:20} {len(places):5}")
        if args.list:
            for place in places:
                print(f"    {place}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
