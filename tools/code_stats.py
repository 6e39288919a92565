"""Counts that tell whether layout knowledge lives in code or in data.

    python tools/code_stats.py [--list] [--root DIR]

- regexes: calls of ``regex``/``re`` functions (compile, match, search, fullmatch, sub,
  split, findall, finditer) whose pattern is written in the code (a string literal, an
  f-string, or a concatenation holding one).  *Inline* ones stand in a function body;
  *named* ones are module-level constants; *vocabulary patterns* are built by a function
  of the vocabulary (``Vocabulary.derive``), their words data.
- numeric tolerances: number literals other than 0, 1, 2 and -1 inside a comparison
  (directly or in the arithmetic of one) in a function body (*inline*), and those bound to
  a name at module level (*named*, documented constants).
- quoting comments: comment lines that quote a phrase, the mark of a rule written for one
  document's wording.

The numbers are a measure to watch, not a rule.
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
QUOTES = ('"', "“", "”")


def _has_literal(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _has_literal(node.left) or _has_literal(node.right)
    return False


def _numbers(node: ast.AST) -> list[ast.Constant]:
    return [sub for sub in ast.walk(node) if isinstance(sub, ast.Constant) and isinstance(sub.value, int | float)
            and not isinstance(sub.value, bool) and sub.value not in TRIVIAL]


def _functions(tree: ast.Module) -> list[ast.AST]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)]


def _builds_from_vocabulary(fn: ast.AST) -> bool:
    """A pattern builder: a function of the vocabulary (``def _x(v: Vocabulary)``), whose
    patterns are compiled once per vocabulary from its words."""
    args = getattr(fn, "args", None)
    return bool(args) and any(isinstance(a.annotation, ast.Name | ast.Constant) and "Vocabulary" in ast.unparse(a.annotation)
                              for a in args.args if a.annotation is not None)


def _regex_calls(node: ast.AST) -> list[ast.Call]:
    return [n for n in ast.walk(node) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
            and n.func.attr in REGEX_FUNCS and isinstance(n.func.value, ast.Name) and n.func.value.id in {"regex", "re"}
            and n.args and _has_literal(n.args[0])]


def file_stats(path: Path, root: Path) -> dict[str, list[str]]:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    rel = path.relative_to(root)
    inline_ids: set[int] = set()
    out: dict[str, list[str]] = {"inline regexes": [], "named regexes": [], "vocabulary patterns": [],
                                 "inline tolerances": [], "named tolerances": [], "quoting comments": []}
    for fn in _functions(tree):
        for call in _regex_calls(fn):
            if id(call) not in inline_ids:
                inline_ids.add(id(call))
                kind = "vocabulary patterns" if _builds_from_vocabulary(fn) else "inline regexes"
                out[kind].append(f"{rel}:{call.lineno}")
        for cmp in (n for n in ast.walk(fn) if isinstance(n, ast.Compare)):
            for num in _numbers(cmp):
                if id(num) not in inline_ids:
                    inline_ids.add(id(num))
                    out["inline tolerances"].append(f"{rel}:{num.lineno} {num.value}")
    for call in _regex_calls(tree):
        if id(call) not in inline_ids:
            out["named regexes"].append(f"{rel}:{call.lineno}")
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            out["named tolerances"].extend(f"{rel}:{num.lineno} {num.value}" for num in _numbers(node.value))
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT and any(q in tok.string for q in QUOTES):
            out["quoting comments"].append(f"{rel}:{tok.start[0]}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list", action="store_true", help="list every place counted")
    ap.add_argument("--root", type=Path, default=ROOT, help="a checkout to count (default: this one)")
    args = ap.parse_args(argv)
    totals: dict[str, list[str]] = {}
    for path in sorted((args.root / "sup_parse").rglob("*.py")):
        for key, places in file_stats(path, args.root).items():
            totals.setdefault(key, []).extend(places)
    for key, places in totals.items():
        print(f"{key:20} {len(places):5}")
        if args.list:
            for place in places:
                print(f"    {place}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
