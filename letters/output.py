"""Write output files safely: names that cannot escape their folder, atomic replacement, and
the store step of the production path (write, or compare with what is there)."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from .diagnostics import UsageError
from .i18n import _

MAX_NAME = 120  # characters of the stem; leaves room for suffixes on every file system
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}


def safe_stem(name: str) -> str:
    """Return *name* made safe as a file name on Windows, macOS and Linux.

    Path separators, characters Windows forbids and control characters become ``_``; leading
    dots and spaces (hidden files, ``..``) and trailing dots and spaces are stripped; reserved
    device names (``con``, ``nul``, ``com1`` …) get a ``_`` suffix; length is bounded.
    """
    text = unicodedata.normalize("NFC", name)
    text = _FORBIDDEN.sub("_", text)
    text = re.sub(r"\.{2,}", "_", text)
    text = text.strip(" .")
    if len(text) > MAX_NAME:
        text = text[:MAX_NAME].rstrip(" .")
    if text.split(".")[0].lower() in _RESERVED:
        text += "_"
    return text or "_"


def write_atomic(folder: Path, name: str, data: bytes) -> Path:
    """Write *data* to ``folder/name`` atomically (temp file + rename); return the path.

    *name* must be a plain file name: anything that would land outside *folder* is refused.
    """
    if not name or Path(name).name != name or name in (".", "..") or "/" in name or "\\" in name:
        raise UsageError(_("letters: 输出文件名不安全：{name}").format(name=repr(name)))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(
            _("letters: 无法创建输出文件夹 {folder}：{error}").format(
                folder=folder, error=exc.strerror
            )
        ) from None
    target = folder / name
    try:
        escapes = target.resolve().parent != folder.resolve()
    except (OSError, RuntimeError):  # a symlink loop where the output should go
        escapes = True
    if escapes:
        raise UsageError(
            _("letters: 输出路径越出了文件夹 {folder}：{name}").format(
                folder=folder, name=repr(name)
            )
        )
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".~" + name[:40], suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; letters are shared documents
        os.replace(tmp, target)
    except BaseException as exc:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(exc, OSError):
            raise UsageError(
                _("letters: 无法写入 {path}：{error}").format(path=target, error=exc.strerror)
            ) from None
        raise
    return target


def store(
    folder: Path, name: str, data: bytes, mode: str, diffs: list[tuple[str, str, str]]
) -> str:
    """Write or compare ``folder/name`` by *mode*; return the file's status.

    ``write`` writes atomically unless the file already holds *data* (``written`` /
    ``unchanged``); ``overwrite`` always writes (``written``); ``check`` and ``diff`` only
    compare (``same`` / ``differs`` / ``missing``), and ``diff`` appends ``(name, old, new)`` to
    *diffs* for a text format (Markdown) that differs; ``none`` does nothing (``skipped``).
    The format of the file (its suffix) decides what counts as the same content: a DOCX whose
    parts are the same is the same letter, whatever its deflate bytes
    (:meth:`letters.writers.Writer.same_content`).
    """
    from . import writers

    if mode == "none":
        return "skipped"
    if mode == "overwrite":
        write_atomic(folder, name, data)
        return "written"
    writer = writers.for_file(name)
    loose = writer is not None and writer.same is not None  # same content in other bytes
    target = folder / name
    old: bytes | None
    try:
        same_size = target.stat().st_size == len(data)
        old = target.read_bytes() if same_size or loose or mode == "diff" else b""
    except (FileNotFoundError, NotADirectoryError):
        old = None
    except OSError as exc:
        raise UsageError(
            _("letters: 无法读取 {path}：{error}").format(path=target, error=exc.strerror)
        ) from None
    if old is not None and old != data and writer is not None and writer.same_content(old, data):
        old = data  # same parts, other deflate bytes (another zlib build): the letter is the same
    if mode == "write":
        if old == data:
            return "unchanged"
        write_atomic(folder, name, data)
        return "written"
    if old == data:
        return "same"
    if mode == "diff" and writer is not None and writer.text:
        before = "" if old is None else old.decode("utf-8", "replace")
        diffs.append((name, before, data.decode("utf-8")))
    return "missing" if old is None else "differs"


def store_all(
    folder: Path, stem: str, outputs: dict[str, bytes], mode: str, diffs: list[tuple[str, str, str]]
) -> list[tuple[str, str]]:
    """:func:`store` each of *outputs* (``{format: bytes}``) as ``folder/<stem><suffix>``;
    return ``[(file name, status)]`` in their order."""
    from . import writers

    files = []
    for fmt, data in outputs.items():
        name = stem + writers.get(fmt).suffix
        files.append((name, store(folder, name, data, mode, diffs)))
    return files


def _umask() -> int:
    """Return the process umask (reading it means setting it; it is put back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
