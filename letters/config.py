"""Read the ``[tool.letters]`` table of a ``pyproject.toml``: what ``letters build`` produces.

Keys (all optional)::

    [tool.letters]
    sources = ["contracts"]        # folders (or files) of specs, searched recursively
    output = "build/letters"       # where the letters go
    formats = ["docx", "md"]
    templates = ["templates"]      # extra template folders, before the built-in ones
    batches = [
      { base = "batches/sla-base.yaml", clients = "batches/clients.csv",
        name = "{letter.number}-{client.name}", output = "clients" },
    ]

Paths are relative to the folder holding the ``pyproject.toml``.  A batch's ``output`` is a
sub-folder of ``output`` (default: the base file's stem).  Unknown keys of ``[tool.letters]``
are reported as warnings (other tools may add keys); unknown keys of a batch are errors.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from .diagnostics import UsageError
from .i18n import _, join

DEFAULT_SOURCES = ("contracts",)
DEFAULT_OUTPUT = "build/letters"
DEFAULT_FORMATS = ("docx", "md")
_KEYS = ("sources", "output", "formats", "templates", "batches")
_BATCH_KEYS = ("base", "clients", "name", "output")


@dataclass(frozen=True)
class BatchConfig:
    """Hold one ``batches`` entry: a base spec, its client table and where its letters go."""

    base: Path
    clients: Path
    name: str
    output: str  # sub-folder of the build output, a relative POSIX path


@dataclass(frozen=True)
class Config:
    """Hold the build settings, with every path already joined to the project folder."""

    root: Path
    sources: tuple[Path, ...] = tuple(Path(s) for s in DEFAULT_SOURCES)
    output: Path = Path(DEFAULT_OUTPUT)
    formats: tuple[str, ...] = DEFAULT_FORMATS
    templates: tuple[Path, ...] = ()
    batches: tuple[BatchConfig, ...] = ()
    file: Path | None = None
    warnings: tuple[str, ...] = ()


def load_config(path: Path | None = None) -> Config:
    """Read the build settings from *path* (default ``./pyproject.toml``).

    An explicit *path* must exist; without one, a missing ``pyproject.toml`` or a missing
    ``[tool.letters]`` table gives the defaults.  Raise UsageError for anything malformed.
    """
    import tomllib

    from .batch import DEFAULT_PATTERN

    explicit = path is not None
    file = path or Path("pyproject.toml")
    root = file.parent
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        if explicit:
            raise UsageError(_("letters: 找不到配置文件 {file}").format(file=file)) from None
        return _config(root, {}, None, DEFAULT_PATTERN)
    except OSError as exc:
        raise UsageError(
            _("letters: 无法读取配置文件 {file}：{error}").format(file=file, error=exc.strerror)
        ) from None
    try:
        doc = tomllib.loads(raw.decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(
            _("letters: 配置文件 {file} 不是有效的 TOML：{error}").format(file=file, error=exc)
        ) from None
    tool = doc.get("tool", {})
    table = tool.get("letters", {}) if isinstance(tool, dict) else None
    if not isinstance(table, dict):
        raise UsageError(_("letters: {file} 中的 [tool.letters] 应为表").format(file=file))
    return _config(root, table, file, DEFAULT_PATTERN)


def _config(root: Path, table: dict[str, Any], file: Path | None, pattern: str) -> Config:
    where = f"{file} [tool.letters]" if file else "[tool.letters]"
    warnings = []
    for key in table:
        if key not in _KEYS:
            close = difflib.get_close_matches(key, _KEYS, n=1, cutoff=0.6)
            if close:
                msg = _("letters: {where} 中的未知键“{key}”已忽略，您是否想写“{match}”？").format(
                    where=where, key=key, match=close[0]
                )
            else:
                msg = _("letters: {where} 中的未知键“{key}”已忽略").format(where=where, key=key)
            warnings.append(msg)
    sources = _strings(table, "sources", list(DEFAULT_SOURCES), where)
    output = table.get("output", DEFAULT_OUTPUT)
    if not isinstance(output, str) or not output.strip():
        raise UsageError(_("letters: {where} 的 output 应为文件夹路径（文字）").format(where=where))
    formats = _strings(table, "formats", list(DEFAULT_FORMATS), where)
    bad = [f for f in formats if f not in DEFAULT_FORMATS]
    if bad:
        raise UsageError(
            _("letters: {where} 的 formats 只能包含 docx、md（实际：{found}）").format(
                where=where, found=bad
            )
        )
    if not formats:
        raise UsageError(
            _("letters: {where} 的 formats 只能包含 docx、md（实际：空）").format(where=where)
        )
    templates = _strings(table, "templates", [], where)
    batches_raw = table.get("batches", [])
    if not isinstance(batches_raw, list):
        raise UsageError(
            _("letters: {where} 的 batches 应为表的列表，如 [{{ base = …, clients = … }}]").format(
                where=where
            )
        )
    batches = [_batch(root, b, i, where, pattern) for i, b in enumerate(batches_raw)]
    return Config(
        root=root,
        sources=tuple(root / s for s in sources),
        output=root / output,
        formats=tuple(dict.fromkeys(formats)),
        templates=tuple(root / t for t in templates),
        batches=tuple(batches),
        file=file,
        warnings=tuple(warnings),
    )


def _strings(table: dict[str, Any], key: str, default: list[str], where: str) -> list[str]:
    value = table.get(key, default)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise UsageError(
            _('letters: {where} 的 {key} 应为文字列表，如 {key} = ["…"]').format(
                where=where, key=key
            )
        )
    return list(value)


def _batch(root: Path, raw: Any, i: int, where: str, pattern: str) -> BatchConfig:
    here = f"{where} batches[{i}]"
    if not isinstance(raw, dict):
        raise UsageError(
            _('letters: {where} 应为表，如 {{ base = "…", clients = "…" }}').format(where=here)
        )
    for key in raw:
        if key not in _BATCH_KEYS:
            close = difflib.get_close_matches(key, _BATCH_KEYS, n=1, cutoff=0.6)
            if close:
                msg = _("letters: {where} 中有未知键“{key}”；您是否想写“{match}”？").format(
                    where=here, key=key, match=close[0]
                )
            else:
                msg = _("letters: {where} 中有未知键“{key}”；可用的键：{keys}").format(
                    where=here, key=key, keys=join(_BATCH_KEYS)
                )
            raise UsageError(msg)
    for key in ("base", "clients"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise UsageError(
                _("letters: {where} 缺少 {key}（文件路径）").format(where=here, key=key)
            )
    name = raw.get("name", pattern)
    if not isinstance(name, str) or not name.strip():
        raise UsageError(
            _('letters: {where} 的 name 应为文件名模式，如 "{pattern}"').format(
                where=here, pattern=pattern
            )
        )
    base = root / raw["base"]
    output = raw.get("output", base.stem)
    sub = PurePosixPath(str(output).replace("\\", "/"))
    if (
        not isinstance(output, str)
        or not output.strip()
        or sub.is_absolute()
        or ".." in sub.parts
        or ":" in output
    ):
        raise UsageError(
            _("letters: {where} 的 output 应为输出文件夹下的相对子文件夹（不能含 ..）").format(
                where=here
            )
        )
    return BatchConfig(base, root / raw["clients"], name, sub.as_posix())
