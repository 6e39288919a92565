"""Access to the Swedish vocabulary in ``data/vocabulary.toml``.

Words are normalised once (``norm``: case-folded, whitespace collapsed, trailing
colon removed) so that rules compare like with like.  Derived regular
expressions are compiled once per vocabulary (``Vocabulary.derive``) and shared by
the extractors.

Users add words without forking: ``load_vocabulary(extra)`` merges TOML files or
tables over the packaged file (tables merge key by key, lists are extended, other
values replaced), and ``using(vocab)`` makes one the active vocabulary for a parse.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import regex

T = TypeVar("T")


def norm(text: str) -> str:
    """Lower-case, collapse whitespace, drop a trailing colon and surrounding space."""
    return " ".join(text.split()).rstrip(":").rstrip().casefold()


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any whitespace."""
    escaped = sorted({regex.escape(w).replace(r"\ ", r"\s+") for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(escaped) + ")" if escaped else "(?!)"


# Furniture, labels and the other whole-line shapes are short; a longer line (a paragraph
# a converter put on one line, a hostile input) is none of them, and is refused before
# patterns that start with ".*" get to scan it from every position.
LONGEST_SHAPED_LINE = 500


def _whole_line(patterns: list[str]) -> regex.Pattern[str]:
    """One case-insensitive regex matching a whole line (of at most LONGEST_SHAPED_LINE
    characters) against any of ``patterns``."""
    return regex.compile(rf"^(?=[^\n]{{0,{LONGEST_SHAPED_LINE}}}$)\s*(?:" + "|".join(patterns) + r")\s*$",
                         regex.IGNORECASE)


class Vocabulary:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self._derived: dict[Callable[[Vocabulary], Any], Any] = {}
        self.months: list[str] = data["months"]
        self.month_abbreviations: list[str] = data["month_abbreviations"]
        self.weekdays: list[str] = data["weekdays"]
        self.parties: list[str] = data["parties"]
        self.kinds: dict[str, list[str]] = data["kinds"]
        self.labels: dict[str, list[str]] = data["labels"]
        self.sections: dict[str, list[str]] = data["sections"]
        self.roles: dict[str, str] = data["roles"]
        self.organ_suffixes: list[str] = data["organs"]["suffixes"]
        self.municipality_words: list[str] = data["organs"]["municipality_words"]
        self.department_suffixes: list[str] = data["organs"]["department_suffixes"]
        self.substitution_markers: list[str] = data["substitution"]["markers"]
        self.attendance_notes: list[str] = data["substitution"]["notes"]
        self.furniture_lines: list[str] = data["furniture"]["lines"]
        self.toc_titles: set[str] = {norm(w) for w in data.get("toc", {}).get("titles", [])}
        self.debate: dict[str, list[str]] = data["debate"]
        self.votes: dict[str, Any] = data["votes"]

    def derive(self, build: Callable[[Vocabulary], T]) -> T:
        """``build(self)``, computed once per vocabulary: the compiled patterns a module
        makes from the words (a user's extra words give a vocabulary of its own)."""
        try:
            return self._derived[build]  # type: ignore[no-any-return]
        except KeyError:
            value = self._derived[build] = build(self)
            return value

    def words(self, *path: str) -> list[str]:
        """The word list at ``path`` ("debate", "motion"); [] when the vocabulary has none."""
        node: Any = self.data
        for key in path:
            node = node.get(key, {}) if isinstance(node, dict) else {}
        return list(node) if isinstance(node, list) else []

    # --- lookups -----------------------------------------------------------------
    @cached_property
    def adjournment_re(self) -> regex.Pattern[str]:
        """A procedural line: "Mötet ajourneras mellan 17.02 och 17.09"."""
        return regex.compile(r"^" + alternation(self.debate["adjournment"]) + r"\b", regex.IGNORECASE)

    @cached_property
    def label_index(self) -> dict[str, str]:
        """Normalised label text -> field key."""
        return {norm(w): key for key, words in self.labels.items() for w in words}

    @cached_property
    def section_index(self) -> dict[str, str]:
        """Normalised section heading -> what it holds."""
        return {norm(w): key for key, words in self.sections.items() for w in words}

    @cached_property
    def kind_index(self) -> dict[str, str]:
        return {norm(w): key for key, words in self.kinds.items() for w in words}

    @cached_property
    def role_index(self) -> dict[str, str]:
        return {norm(k): v for k, v in self.roles.items()}

    # --- compiled patterns -------------------------------------------------------
    @cached_property
    def label_prefix_re(self) -> regex.Pattern[str]:
        """A known label at the start of a text, with an optional colon after it."""
        return regex.compile(
            r"^\s*(" + alternation([w for ws in self.labels.values() for w in ws]) + r")(?:\s*:|(?=\s|$))",
            regex.IGNORECASE,
        )

    @cached_property
    def month_re(self) -> str:
        return alternation(self.months + self.month_abbreviations)

    @cached_property
    def weekday_re(self) -> str:
        return alternation(self.weekdays)

    @cached_property
    def placeholder_re(self) -> regex.Pattern[str]:
        """A template placeholder left in the document ("Klicka här för att fylla i …")."""
        return _whole_line(self.data["furniture"]["placeholders"])

    @cached_property
    def furniture_re(self) -> regex.Pattern[str]:
        return _whole_line(self.furniture_lines)

    @cached_property
    def esign_re(self) -> regex.Pattern[str]:
        """A line an e-signature service prints (signed by, BankID, transaction id)."""
        return _whole_line(self.data["furniture"]["esign"])

    @cached_property
    def address_re(self) -> regex.Pattern[str]:
        return _whole_line(self.data["furniture"]["address"])

    @cached_property
    def page_end_re(self) -> regex.Pattern[str]:
        """Furniture that closes a page (signature boxes): in plain text, a page break."""
        return _whole_line(self.data["furniture"]["page_end"])

    @cached_property
    def page_number_re(self) -> regex.Pattern[str]:
        """A printed page number on a line of its own ("Sida 2 av 17", "3 (97)"), number in ``n``."""
        return _whole_line(self.data["furniture"]["page_number"])

    @cached_property
    def organ_re(self) -> regex.Pattern[str]:
        """A body's name: words ending in an organ suffix ("Barn- och ungdomsnämnden")."""
        suffix = alternation(self.organ_suffixes)
        return regex.compile(
            r"(?<![\w-])((?:[\w-]+(?:-|\s+" + alternation(self.words("grammar", "and")) + r"\s+|\s+))*?[\w-]*" + suffix
            + r")(s)?(?![\w-])",
            regex.IGNORECASE,
        )

    @cached_property
    def role_re(self) -> regex.Pattern[str]:
        return regex.compile(r"(?<!\w)(" + alternation(list(self.roles)) + r")(?!\w)", regex.IGNORECASE)

    def month_number(self, word: str) -> int | None:
        w = word.casefold().rstrip(".")
        if w in self.months:
            return self.months.index(w) + 1
        if w in self.month_abbreviations:
            return self.month_abbreviations.index(w) + 1
        return None


def merge(base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """``extra`` over ``base``: tables merge key by key, lists are extended with the words
    they lack, other values are replaced."""
    out = dict(base)
    for key, value in extra.items():
        old = out.get(key)
        if isinstance(old, dict) and isinstance(value, Mapping):
            out[key] = merge(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            out[key] = old + [v for v in value if v not in old]
        else:
            out[key] = value
    return out


@cache
def _packaged() -> dict[str, Any]:
    text = resources.files("sup_parse").joinpath("data/vocabulary.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@cache
def _default() -> Vocabulary:
    return Vocabulary(_packaged())


_LOADED: dict[str, Vocabulary] = {}


def load_vocabulary(extra: Iterable[str | os.PathLike[str] | Mapping[str, Any]]) -> Vocabulary:
    """The packaged vocabulary with each extra (a TOML file, or a table already read)
    merged over it, in order; the same extras give the same (cached) vocabulary, so its
    compiled patterns are built once.  Raises ``ValueError`` for a file that is not TOML."""
    extra = list(extra)
    key = json.dumps([dict(x) if isinstance(x, Mapping) else _file_key(Path(x)) for x in extra], sort_keys=True, default=str)
    if key not in _LOADED:
        if len(_LOADED) >= 16:
            _LOADED.clear()
        _LOADED[key] = _load(extra)
    return _LOADED[key]


def _file_key(path: Path) -> list[Any]:
    try:
        st = path.stat()
        return [str(path.resolve()), st.st_mtime_ns, st.st_size]
    except OSError:
        return [str(path)]


def _load(extra: list[str | os.PathLike[str] | Mapping[str, Any]]) -> Vocabulary:
    data = _packaged()
    for item in extra:
        if isinstance(item, Mapping):
            table = item
        else:
            try:
                table = tomllib.loads(Path(item).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                raise ValueError(f"{item}: not a readable TOML vocabulary ({exc})") from exc
        data = merge(data, table)
    return Vocabulary(data)


_ACTIVE: ContextVar[Vocabulary | None] = ContextVar("sup_parse_vocabulary", default=None)


def vocabulary() -> Vocabulary:
    """The active vocabulary: the one set by ``using``, else the packaged one."""
    return _ACTIVE.get() or _default()


@contextmanager
def using(vocab: Vocabulary | None) -> Iterator[Vocabulary]:
    """Make ``vocab`` the active vocabulary inside the ``with`` block (None: the packaged)."""
    token = _ACTIVE.set(vocab)
    try:
        yield vocabulary()
    finally:
        _ACTIVE.reset(token)
