"""Settings from a project's files: ``[tool.sup-parse.<section>]`` of the nearest
pyproject.toml, or the ``[<section>]`` table of a sup-parse.toml, searched from the
working folder upwards.  Used for ``check`` rules and for extra vocabulary."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

NAMES = ("sup-parse.toml", "pyproject.toml")
SECTIONS = ("check", "vocabulary")


def table_of(path: Path, section: str, *, whole_file: bool = False) -> dict[str, Any]:
    """The section's table in ``path`` ({} when it has none).  With ``whole_file``, a
    sup-parse.toml without any section table is taken as the table itself."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    if path.name == "pyproject.toml":
        return dict(raw.get("tool", {}).get("sup-parse", {}).get(section, {}))
    found = raw.get(section)
    if found is None and whole_file and not any(isinstance(raw.get(s), dict) for s in SECTIONS):
        return dict(raw)
    return dict(found or {})


def nearest_table(section: str, start: Path | None = None, *, whole_file: bool = False) -> tuple[dict[str, Any], Path | None]:
    """The first non-empty section table found from ``start`` (the working folder) upwards,
    and the file it came from."""
    here = (start or Path.cwd()).resolve()
    for folder in [here, *here.parents]:
        for name in NAMES:
            candidate = folder / name
            if candidate.is_file():
                data = table_of(candidate, section, whole_file=whole_file)
                if data:
                    return data, candidate
    return {}, None
