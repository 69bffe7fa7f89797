"""Provide the commented starting specs that ``letters new`` writes, one per letter kind.

Each kind keeps its scaffold in its folder (``scaffold.yaml``): a complete spec whose
comments explain every field in Chinese, its unit and which blocks are optional.  Each passes
``letters check`` without findings as written and validates against the JSON Schema (the
tests make sure), so a new spec starts out correct and the user edits values, not structure.
"""

from __future__ import annotations

import os
from pathlib import Path

from .diagnostics import LettersError, UsageError
from .i18n import _

SUFFIX = ".yaml"


class FileExists(LettersError):
    """Raise when ``letters new -o FILE`` would overwrite an existing file (exit 1)."""

    exit_code = 1


def kinds() -> list[str]:
    """Return the registered letter kinds that have a scaffold, in registry order."""
    from . import kinds as registry

    return [name for name, k in registry.all_kinds().items() if k.scaffold.is_file()]


def scaffold_text(kind: str) -> str:
    """Return the starting spec of *kind*; raise KeyError if there is none."""
    from . import kinds as registry

    found = registry.find(kind)
    if found is None or not found.scaffold.is_file():
        raise KeyError(kind)
    return found.scaffold.read_text(encoding="utf-8")


def unknown_kind(kind: str) -> UsageError:
    """Return the usage error for a kind without a starting spec, listing those that have one."""
    from . import contract

    return UsageError(f"letters: {contract.unknown_kind(kind, kinds())}")


def write_scaffold(kind: str, target: str | os.PathLike[str], force: bool = False) -> Path:
    """Write the starting spec of *kind* to *target*; refuse to overwrite unless *force*."""
    from .output import write_atomic

    text = scaffold_text(kind)
    path = Path(target)
    if path.is_dir():
        raise UsageError(
            _("letters: {path} 是文件夹；请给出文件名，如 {example}").format(
                path=path, example=path / (kind + SUFFIX)
            )
        )
    if path.exists() and not force:
        raise FileExists(
            _("letters: {path} 已存在，未覆盖。如需覆盖请加 --force。").format(path=path)
        )
    return write_atomic(
        path.parent if str(path.parent) else Path("."), path.name, text.encode("utf-8")
    )
