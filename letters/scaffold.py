"""Provide the commented starting specs that ``letters new`` writes, one per letter kind.

The scaffolds are package data (``letters/scaffolds/<kind>.yaml``): complete specs whose
comments explain every field in Chinese, its unit and which blocks are optional.  Each passes
``letters check`` without findings as written and validates against the JSON Schema (the
tests make sure), so a new spec starts out correct and the user edits values, not structure.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from .diagnostics import LettersError, UsageError
from .i18n import _

SUFFIX = ".yaml"


class FileExists(LettersError):
    """Raise when ``letters new -o FILE`` would overwrite an existing file (exit 1)."""

    exit_code = 1


def kinds() -> list[str]:
    """Return the letter kinds that have a scaffold, in the order of ``models.TEMPLATES``."""
    from .models import TEMPLATES

    folder = resources.files("letters").joinpath("scaffolds")
    present = {p.name[: -len(SUFFIX)] for p in folder.iterdir() if p.name.endswith(SUFFIX)}
    return [k for k in TEMPLATES if k in present]


def scaffold_text(kind: str) -> str:
    """Return the starting spec of *kind*; raise KeyError if there is none."""
    if kind not in kinds():
        raise KeyError(kind)
    return resources.files("letters").joinpath("scaffolds", kind + SUFFIX).read_text(encoding="utf-8")


def unknown_kind(kind: str) -> UsageError:
    """Return the usage error for an unknown letter kind, listing the available ones."""
    import difflib

    from .spec import kinds_text

    names = kinds()
    close = difflib.get_close_matches(kind, names, n=1, cutoff=0.5)
    hint = _("您是否想写“{match}”？").format(match=close[0]) if close else ""
    return UsageError(
        _("letters: 未知的文书类型“{kind}”。{hint}可用的文书类型：{kinds}").format(
            kind=kind, hint=hint, kinds=kinds_text(names)
        )
    )


def write_scaffold(kind: str, target: str | os.PathLike[str], force: bool = False) -> Path:
    """Write the starting spec of *kind* to *target*; refuse to overwrite unless *force*."""
    from .output import write_atomic

    text = scaffold_text(kind)
    path = Path(target)
    if path.is_dir():
        raise UsageError(
            _("letters: {path} 是文件夹；请给出文件名，如 {example}").format(path=path, example=path / (kind + SUFFIX))
        )
    if path.exists() and not force:
        raise FileExists(_("letters: {path} 已存在，未覆盖。如需覆盖请加 --force。").format(path=path))
    return write_atomic(path.parent if str(path.parent) else Path("."), path.name, text.encode("utf-8"))
