"""Writing output files safely: whole or not at all, never through a planted link.

Every output (``-o``, ``--ocr-pdf``, a batch's JSON files) is written to a new temporary
file in the target's folder, made with a random name and O_EXCL (``tempfile.mkstemp``), so
no existing path, link or not, is ever opened for writing; it is flushed to disk and
renamed over the target in one step.  The file gets the mode a plain ``open`` would give
(0666 less the umask), the same for every kind of output.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


UMASK = _umask()


def not_a_regular_file(path: Path) -> bool:
    """An existing path that an output must not replace: a link, a FIFO, a device, a folder."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return False
    except OSError:
        return True
    return not stat.S_ISREG(mode)


def replace_atomically(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Write ``path`` through ``write(file)`` on a fresh temporary file beside it, then
    rename; raises OSError (nothing is left behind) when that fails."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent if str(path.parent) else ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~UMASK)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
