"""Define diagnostics (findings with a location) and the errors that carry them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]
Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Mark:
    """Hold a position in a source file: 1-based line and column.

    *where* names a place in a letter instead (``二（一）¶2``, ``表1第2行第3列``: see
    :mod:`letters.verify`); the line and column are then the block's ordinal (a DOCX) or its
    source line (Markdown) and the character in it.
    """

    file: str
    line: int = 1
    column: int = 1
    where: str = ""


def dotted(path: Path_) -> str:
    """Return *path* as ``tiers[1].response`` (dotted keys, list indices in brackets)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


@dataclass(frozen=True)
class Diagnostic:
    """Hold one finding: a stable code, a severity, a spec path, a message, a mark.

    The code is an English slug in every language; the message is in the language chosen when
    the finding was made (Chinese by default, see :mod:`letters.i18n`).
    """

    code: str
    severity: Severity
    path: Path_
    message: str
    mark: Mark
    related: tuple[tuple[Path_, Mark], ...] = field(default=())

    @property
    def is_error(self) -> bool:
        """Tell whether this finding blocks rendering."""
        return self.severity == "error"

    def text(self) -> str:
        """Return the one-line, greppable form ``file:line:col: severity[code] path: message``."""
        m = self.mark
        where = f"{m.file}:{m.where}" if m.where else f"{m.file}:{m.line}:{m.column}"
        subject = dotted(self.path)
        lead = f"{subject}: " if subject else ""
        # keys and values may hold line breaks: keep one finding on one line
        return f"{where}: {self.severity}[{self.code}] {lead}{self.message}".translate(_ONE_LINE)

    def as_json(self) -> dict[str, object]:
        """Return the JSON object form with exactly the documented keys (and ``location``
        for a place in a letter, see :attr:`Mark.where`)."""
        out: dict[str, object] = {
            "file": self.mark.file,
            "line": self.mark.line,
            "column": self.mark.column,
            "path": dotted(self.path),
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }
        if self.mark.where:
            out["location"] = self.mark.where
        return out

    def github(self) -> str:
        """Return a GitHub Actions workflow annotation line."""
        kind = "error" if self.severity == "error" else "warning"
        if self.mark.where:
            subject = dotted(self.path)
            msg = _gh_escape(
                f"{self.mark.where}: {subject + ': ' if subject else ''}{self.message}"
            )
        else:
            msg = _gh_escape(f"{dotted(self.path)}: {self.message}")
        file = _gh_escape(self.mark.file).replace(":", "%3A").replace(",", "%2C")
        return (
            f"::{kind} file={file},line={self.mark.line},col={self.mark.column},"
            f"title={self.code}::{msg}"
        )


_ONE_LINE = str.maketrans({c: repr(c)[1:-1] for c in "\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029"})


def _gh_escape(text: str) -> str:
    """Escape *text* for a workflow command (properties also need ``:`` and ``,`` escaped)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def sort_key(d: Diagnostic) -> tuple[str, int, int, str, str]:
    """Order diagnostics by file, line, column, code and path."""
    return (d.mark.file, d.mark.line, d.mark.column, d.code, dotted(d.path))


def format_all(diags: Sequence[Diagnostic], fmt: str) -> str:
    """Return *diags* formatted as ``text``, ``json`` or ``github``."""
    if fmt == "json":
        return json.dumps([d.as_json() for d in diags], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(d.github() for d in diags)
    return "\n".join(d.text() for d in diags)


def has_errors(diags: Iterable[Diagnostic]) -> bool:
    """Tell whether any of *diags* is an error."""
    return any(d.is_error for d in diags)


class LettersError(Exception):
    """Base of the errors the CLI turns into a message and an exit code."""

    exit_code = 2


class SpecError(LettersError):
    """Raise when a spec cannot be loaded or modelled; carries its diagnostics."""

    def __init__(self, diagnostics: Sequence[Diagnostic], exit_code: int = 1) -> None:
        self.diagnostics = list(diagnostics)
        self.exit_code = exit_code
        super().__init__("\n".join(d.text() for d in self.diagnostics))

    @classmethod
    def single(
        cls,
        file: str,
        code: str,
        message: str,
        *,
        line: int = 1,
        column: int = 1,
        exit_code: int = 1,
    ) -> SpecError:
        """Build an error with one diagnostic at *file*:*line*:*column*."""
        return cls([Diagnostic(code, "error", (), message, Mark(file, line, column))], exit_code)


class UsageError(LettersError):
    """Raise for a wrong command line or an unusable output location (exit 2)."""

    exit_code = 2
