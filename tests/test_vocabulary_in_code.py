"""Every Swedish word or phrase the parser matches lives in sup_parse/data/vocabulary.toml.

The test reads the code of sup_parse/ and fails on a Swedish word in a place where code
matches text: a regular expression written in the code, a word list (a list, tuple, set
or dict literal of strings), or a string a value is compared with.  Messages (warnings,
errors, the check rules' texts) are not matched against documents and are not read.

A Swedish word is one with å, ä or ö, a word of the vocabulary file (four letters or
more), or one of the short words that Swedish phrases are built from.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
CODE = ROOT / "sup_parse"
# Short Swedish words that phrases are built from (too short for the vocabulary rule).
FUNCTION_WORDS = {"och", "att", "för", "till", "av", "med", "som", "ej", "inte", "den", "det", "på", "om", "från",
                  "kl", "sida", "samt", "mot", "eller", "dnr", "nr", "ur", "vid", "under", "efter", "enligt", "ska"}
# Files whose strings are output values of the contract or user-facing messages, not matched text.
NOT_MATCHING = {"models.py", "check.py", "errors.py", "cli.py", "batch_cli.py", "show.py", "debug.py", "registry.py"}
# Character classes ([A-ZÅÄÖ]) are letters, group names ((?P<dnr>…)) identifiers: not words.
_CLASS = regex.compile(r"\[[^\]]*\]|\(\?P[<=]\w+>?")
# English words the vocabulary holds for English-language templates and markup.
ENGLISH = {"page", "from", "this", "document", "signed", "electronically", "digitally", "bankid"}


DATA = tomllib.loads((CODE / "data" / "vocabulary.toml").read_text(encoding="utf-8"))


def _vocabulary_words() -> tuple[set[str], set[str]]:
    """The words of the vocabulary's values, and its keys (identifiers the code uses)."""
    words: set[str] = set()
    keys: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, str):
            words.update(w for w in regex.findall(r"\p{L}{4,}", node.casefold()))
        elif isinstance(node, dict):
            keys.update(k.casefold() for k in node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk({k: v for k, v in DATA.items() if k != "furniture"})  # [furniture] holds regexes with markup, English too
    return words - ENGLISH, keys


VOCABULARY, KEYS = _vocabulary_words()
# Values of the output contract the code writes and compares (vote words, note kinds, roles,
# document kinds): identifiers, like the vocabulary's keys.
OUTPUT_VALUES = {v.casefold() for v in [*DATA["votes"]["values"].values(), *DATA["signatures"]["roles"].values(),
                                         DATA["attendance"]["serving_role"]]}


def _identifier(text: str) -> bool:
    return text.casefold() in KEYS or text.casefold() in OUTPUT_VALUES


def swedish_words(text: str) -> list[str]:
    text = _CLASS.sub(" ", text)
    out = []
    for word in regex.findall(r"\p{L}+", text):
        low = word.casefold()
        if (regex.search(r"[åäö]", low) or low in FUNCTION_WORDS or (len(low) >= 4 and low in VOCABULARY)) \
                and low not in ENGLISH:
            out.append(word)
    return out


def _strings(node: ast.AST) -> list[ast.Constant]:
    return [n for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


_REGEX_SYNTAX = regex.compile(r"\\[sdbwpS]|\(\?[:<!=i]|\[\^?[\w\\]")


def matching_strings(tree: ast.Module) -> list[ast.Constant]:
    """String literals in matching places: regex patterns (in a regex call, or any string
    written in regex syntax), word lists, comparisons."""
    docs = {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and node.body
            and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    found: list[ast.Constant] = [n for n in _strings(tree) if _REGEX_SYNTAX.search(n.value) and id(n) not in docs]
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name) \
                and node.func.value.id in {"regex", "re"} and node.args:
            found += _strings(node.args[0])
        elif isinstance(node, ast.List | ast.Tuple | ast.Set):
            found += [e for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        elif isinstance(node, ast.Dict):
            found += [e for e in [*node.keys, *node.values] if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        elif isinstance(node, ast.Compare):
            found += [e for e in [node.left, *node.comparators] if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return found


def offenders() -> list[str]:
    out = []
    for path in sorted(CODE.rglob("*.py")):
        if path.name in NOT_MATCHING:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for const in matching_strings(tree):
            if _identifier(const.value):
                continue
            words = swedish_words(const.value)
            if words:
                out.append(f"{path.relative_to(ROOT)}:{const.lineno}: {', '.join(words[:4])} in {const.value[:60]!r}")
    return sorted(set(out))


def test_swedish_words_are_vocabulary_not_code() -> None:
    found = offenders()
    assert not found, "Swedish words matched in code; move them to sup_parse/data/vocabulary.toml:\n" + "\n".join(found)


def test_the_detector_sees_a_word_list_and_a_phrase_regex() -> None:
    tree = ast.parse('WORDS = ["ordförande", "sekreterare"]\nP = regex.compile(r"beslutar\\s+att")\nx == "id"\n')
    words = [w for c in matching_strings(tree) for w in swedish_words(c.value)]
    assert "ordförande" in words and "beslutar" in words and "att" in words
    assert swedish_words("[A-ZÅÄÖ]{1,6}") == []
