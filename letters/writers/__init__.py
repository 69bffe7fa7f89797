"""Register the output formats: each writer turns the document tree into one file's bytes.

A format is one module under ``letters/writers/`` (a function ``Document -> bytes``) plus one
:func:`register` line at the end of this file.  Every command's ``--to``, the ``[tool.letters]
formats`` setting, the names of the output files, stale-file detection and ``letters build
--check`` learn the formats from here, in registration order (which is also the default).

A registration names its functions as ``"module:function"`` strings: a writer is imported the
first time a letter is written in its format, never by ``letters check`` nor by building the
command line.  This module itself imports nothing (``import letters.writers.docx`` loads only
the DOCX layers, see ``tests/test_docx_writer.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from letters.document import Document


class Writer:
    """Describe one output format.

    *name* is what ``--to`` and ``formats`` say; the file is ``<stem><suffix>``; *title* names
    the format in messages (``DOCX 不同``).  *write* is ``"module:function"`` of the writer, a
    function ``Document -> bytes``.  *same* (optional) is ``"module:function"`` of a test
    ``(old bytes, new bytes) -> bool`` telling two files of the format hold the same content
    although their bytes differ (a DOCX zipped by another zlib build): ``build --check`` then
    counts the file as current.  A *text* format is UTF-8: ``letters build --diff`` prints its
    unified diff and :func:`letters.render` returns it as ``str``.  A format that is not a
    *default* (PDF: it needs LibreOffice) is written only when asked for.
    """

    # a plain class, not a dataclass: building one costs a millisecond of every cold command
    __slots__ = ("default", "name", "same", "suffix", "text", "title", "write")

    def __init__(
        self,
        name: str,
        suffix: str,
        title: str,
        write: str,
        same: str | None = None,
        text: bool = False,
        default: bool = True,
    ) -> None:
        self.default = default
        self.name = name
        self.suffix = suffix
        self.title = title
        self.write = write
        self.same = same
        self.text = text

    def __repr__(self) -> str:
        return f"Writer({self.name!r}, {self.suffix!r}, {self.title!r}, {self.write!r})"

    def render(self, doc: Document) -> bytes:
        """Return the bytes of *doc* in this format (importing the writer on first use)."""
        data: bytes = _function(self.write)(doc)
        return data

    def same_content(self, old: bytes, new: bytes) -> bool:
        """Tell whether *old* and *new* hold the same content (False when they cannot tell)."""
        return self.same is not None and bool(_function(self.same)(old, new))


_WRITERS: dict[str, Writer] = {}
_BY_SUFFIX: dict[str, Writer] = {}
_FUNCTIONS: dict[str, Callable[..., Any]] = {}


def register(writer: Writer) -> None:
    """Add *writer* to the registry; its name and suffix must be new."""
    if writer.name in _WRITERS or writer.suffix in _BY_SUFFIX:
        raise ValueError(f"output format {writer.name!r} ({writer.suffix}) is already registered")
    _WRITERS[writer.name] = writer
    _BY_SUFFIX[writer.suffix] = writer


def names() -> tuple[str, ...]:
    """Return the names of every format, in registration order."""
    return tuple(_WRITERS)


def defaults() -> tuple[str, ...]:
    """Return the formats every command writes when none is asked for (DOCX and Markdown)."""
    return tuple(n for n, w in _WRITERS.items() if w.default)


def chosen(formats: Sequence[str] | None = None) -> list[Writer]:
    """Return the writers of *formats* in order (None: :func:`defaults`); raise ValueError for
    a format no writer is registered for."""
    out = []
    for name in defaults() if formats is None else dict.fromkeys(formats):
        if name not in _WRITERS:
            raise ValueError(f"unknown format {name!r}")
        out.append(_WRITERS[name])
    return out


def require(formats: tuple[str, ...] | list[str]) -> None:
    """Raise UsageError (exit 2) now if a format in *formats* cannot be written on this machine
    (PDF without LibreOffice), before any letter is made."""
    if "pdf" in formats:
        from .pdf import soffice

        soffice()


def get(name: str) -> Writer:
    """Return the writer of the format *name*; KeyError if there is none."""
    return _WRITERS[name]


def suffixes() -> tuple[str, ...]:
    """Return the file suffixes of every format (``.docx``, ``.md`` …)."""
    return tuple(_BY_SUFFIX)


def for_file(name: str) -> Writer | None:
    """Return the writer whose suffix ends the file name *name*, or None."""
    dot = name.rfind(".")
    return _BY_SUFFIX.get(name[dot:]) if dot >= 0 else None


def _function(target: str) -> Callable[..., Any]:
    """Import and return ``module:function`` (once per process)."""
    fn = _FUNCTIONS.get(target)
    if fn is None:
        import importlib

        module, _, attr = target.partition(":")
        fn = _FUNCTIONS[target] = getattr(importlib.import_module(module), attr)
    return fn


# The formats, in the order of every default.  A new format: its module, and one line here.
register(
    Writer(
        "docx",
        ".docx",
        "DOCX",
        "letters.writers.docx:write_docx",
        same="letters.writers.docx.package:same_parts",
    )
)
register(
    Writer("md", ".md", "Markdown", "letters.writers.markdown:write_markdown_bytes", text=True)
)
register(
    Writer(
        "pdf",
        ".pdf",
        "PDF",
        "letters.writers.pdf:write_pdf",
        same="letters.writers.pdf:same_pdf",
        default=False,
    )
)
