"""Read the ``[tool.letters]`` table of a ``pyproject.toml``: what ``letters build`` produces.

Keys (all optional)::

    [tool.letters]
    sources = ["contracts"]        # folders (or files) of specs, searched recursively
    output = "build/letters"       # where the letters go
    formats = ["docx", "md"]
    templates = ["templates"]      # extra template folders, before the built-in ones
    exclude = ["drafts", "mkdocs.yml"]   # skipped by `letters check`, added to the defaults
    strict = true                  # warnings fail `letters check` and `letters build` (exit 1)
    blanks = ["conduct"]           # kinds whose blank forms go to output/blanks/ (letters blank)
    batches = [
      { base = "batches/sla-base.yaml", clients = "batches/clients.csv",
        name = "{letter.number}-{client.name}", output = "clients" },
    ]

Which file: like ruff and pytest, :func:`find_config` looks upward from the current folder and
takes the first ``pyproject.toml`` that has a ``[tool.letters]`` table (a ``pyproject.toml``
without one is passed over); when there is none, the defaults apply in the current folder.

Paths are relative to the folder holding the ``pyproject.toml``.  A batch's ``output`` is a
sub-folder of ``output`` (default: the base file's stem).  Unknown keys of ``[tool.letters]``
are reported as warnings (other tools may add keys); unknown keys of a batch are errors.

``exclude`` patterns are gitignore-like, relative to the config folder: ``*`` ``?`` ``[…]``
match within one name and ``**`` across folders; a pattern without ``/`` matches a file or
folder name at any depth, one with ``/`` the path from the config folder (a trailing ``/``:
folders only).  They add to :data:`DEFAULT_EXCLUDE` and to virtualenvs (folders holding a
``pyvenv.cfg``), which are always skipped when a folder is searched.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from . import writers
from .diagnostics import UsageError
from .i18n import _, join

SPEC_SUFFIXES = (".yaml", ".yml")  # the files a folder search takes as specs

DEFAULT_SOURCES = ("contracts",)
DEFAULT_OUTPUT = "build/letters"
DEFAULT_FORMATS = writers.defaults()  # DOCX and Markdown (letters.writers; PDF when asked)
# Never specs, skipped when a folder is searched (as ruff skips them): hidden files and folders
# (.git, .venv, .github …), caches, JavaScript and Python package folders.
DEFAULT_EXCLUDE = (".*", "__pycache__", "node_modules", "site-packages", "__pypackages__")
VENV_MARKER = "pyvenv.cfg"  # a folder holding it is a virtualenv
_KEYS = ("sources", "output", "formats", "templates", "exclude", "batches", "strict", "blanks")
BLANKS_FOLDER = "blanks"  # the sub-folder of the output that holds the blank forms
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
    # messages for stderr before a command runs: unknown keys, and which file was used when it
    # is not ./pyproject.toml
    warnings: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()  # the ``exclude`` patterns, added to DEFAULT_EXCLUDE
    keys: frozenset[str] = frozenset()  # the keys [tool.letters] sets (the others are defaults)
    strict: bool = False  # warnings fail `letters check` and `letters build` (exit 1)
    blanks: tuple[str, ...] = ()  # kinds whose blank forms the build keeps (letters.blank)

    def spec_files_below(self, folder: Path) -> list[Path]:
        """Return the spec files below *folder*, sorted, without entering excluded folders.

        ``letters check`` (a folder it is given) and ``letters build`` (each source folder)
        both search this way, so they see the same files.
        """
        found: list[Path] = []
        for top, dirs, names in os.walk(folder):
            here = Path(top)
            dirs[:] = [d for d in dirs if not self.excluded(here / d, below=here, is_dir=True)]
            for name in names:
                q = here / name
                skip = q.suffix not in SPEC_SUFFIXES or self.excluded(q, below=here, is_dir=False)
                if not skip and q.is_file():
                    found.append(q)
        return sorted(found)

    def excluded(self, path: Path, below: Path | None = None, is_dir: bool | None = None) -> bool:
        """Return True if *path* is excluded: by DEFAULT_EXCLUDE, a virtualenv or ``exclude``.

        A folder excludes everything below it.  Only the parts of *path* below the folder
        *below* are tested (a folder named on the command line is searched even when it would
        be excluded; a folder search passes each entry's own folder, so only its name is
        tested); with ``below=None`` every part inside the config folder is tested
        (``--force-exclude``), or only the name of a path outside it.  *is_dir* saves a stat.
        """
        here = Path(os.path.abspath(path))
        root = Path(os.path.abspath(self.root))
        top = Path(os.path.abspath(below)) if below is not None else None
        if top is not None and not here.is_relative_to(top):
            return False
        anchored = here.is_relative_to(root)
        base = root if anchored else top or here.parent
        parts = here.relative_to(base).parts
        first = len(parts) - len(here.relative_to(top).parts) if top is not None else 0
        patterns = [_glob(p) for p in (*DEFAULT_EXCLUDE, *self.exclude)]
        last = len(parts) - 1
        for i in range(max(first, 0), len(parts)):
            folder = i < last or (here.is_dir() if is_dir is None else is_dir)
            for regex, with_slash, dir_only in patterns:
                if dir_only and not folder:
                    continue
                if with_slash:
                    if anchored and regex.fullmatch("/".join(parts[: i + 1])):
                        return True
                elif regex.fullmatch(parts[i]):
                    return True
            if folder and _is_venv(base.joinpath(*parts[: i + 1])):
                return True
        return False

    def in_sources(self, path: Path) -> bool:
        """Return True if *path* is one of the ``sources`` or lies below one of them."""
        return self.source_of(path) is not None

    def source_of(self, path: Path) -> Path | None:
        """Return the source (folder or file) that *path* is or lies below, or None."""
        here = Path(os.path.abspath(path))
        return next((s for s in self.sources if here.is_relative_to(os.path.abspath(s))), None)

    def force_excluded(self, path: Path) -> bool:
        """Return True if ``--force-exclude`` skips the file *path* named on the command line.

        A file is skipped exactly when ``letters check`` without paths would not check it: when
        ``[tool.letters]`` declares ``sources`` and *path* is outside them, or when it is
        excluded (tested, like a folder search does, below the source that holds it).  Without
        declared ``sources`` only the exclusions apply, so the pre-commit hook checks the specs
        of a repository wherever they are.
        """
        source = self.source_of(path)
        if "sources" in self.keys and source is None:
            return True
        if source is not None and os.path.abspath(source) != os.path.abspath(path):
            return self.excluded(path, below=source if source.is_dir() else source.parent)
        return self.excluded(path)


def _is_venv(folder: Path) -> bool:
    try:
        return (folder / VENV_MARKER).is_file()
    except OSError:
        return False


_GLOBS: dict[str, tuple[re.Pattern[str], bool, bool]] = {}


def _glob(pattern: str) -> tuple[re.Pattern[str], bool, bool]:
    """Compile a gitignore-like *pattern*: (regex, matches a path from the root, folders only)."""
    cached = _GLOBS.get(pattern)
    if cached is not None:
        return cached
    text = pattern.strip().replace("\\", "/")
    dir_only = text.endswith("/")
    text = text.rstrip("/")
    with_slash = "/" in text  # a leading "/" anchors the pattern at the config folder too
    text = text.lstrip("/")
    out: list[str] = []
    i = 0
    while i < len(text):
        if text.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif text.startswith("**", i):
            out.append(".*")
            i += 2
        elif text[i] == "*":
            out.append("[^/]*")
            i += 1
        elif text[i] == "?":
            out.append("[^/]")
            i += 1
        elif text[i] == "[" and "]" in text[i + 2 :]:
            end = text.index("]", i + 2)
            body = text[i + 1 : end]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append("[" + body + "]")
            i = end + 1
        else:
            out.append(re.escape(text[i]))
            i += 1
    try:
        regex = re.compile("".join(out))
    except re.error:  # e.g. a bad range [z-a]: match the pattern literally
        regex = re.compile(re.escape(text))
    _GLOBS[pattern] = (regex, with_slash, dir_only)
    return _GLOBS[pattern]


def find_config(start: Path | None = None) -> Path | None:
    """Return the ``pyproject.toml`` that configures letters for *start* (default: cwd).

    Look in *start* and then in each parent folder, as ruff and pytest do, and return the first
    ``pyproject.toml`` that has a ``[tool.letters]`` table (relative to the current folder when
    possible), or None.  A ``pyproject.toml`` without the table is passed over; one that cannot
    be read or is not valid TOML is a UsageError that names it.
    """
    cwd = Path.cwd()
    here = Path(os.path.abspath(start or cwd))
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        try:
            if not candidate.is_file():
                continue
        except OSError:
            continue
        try:
            shown = Path(os.path.relpath(candidate, cwd))
        except ValueError:  # another drive (Windows)
            shown = candidate
        if _letters_table(shown) is not None:
            return shown
    return None


def _letters_table(file: Path) -> dict[str, Any] | None:
    """Return the ``[tool.letters]`` table of *file* (None without one); UsageError if broken."""
    import tomllib

    try:
        raw = file.read_bytes()
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
    table = tool.get("letters") if isinstance(tool, dict) else []
    if table is not None and not isinstance(table, dict):
        raise UsageError(_("letters: {file} 中的 [tool.letters] 应为表").format(file=file))
    return table


def load_config(path: Path | None = None) -> Config:
    """Read the build settings from *path*, or from the file :func:`find_config` finds.

    An explicit *path* must exist (a missing ``[tool.letters]`` table in it gives the
    defaults).  Without one, no ``pyproject.toml`` with the table gives the defaults in the
    current folder; one found in a parent folder is named in ``warnings``.  Raise UsageError
    for anything malformed.
    """
    if path is None:
        found = find_config()
        if found is None:
            return _config(Path(), {}, None, "")
        file = found
    else:
        file = path
        if not file.exists():
            raise UsageError(_("letters: 找不到配置文件 {file}").format(file=file))
    table = _letters_table(file) or {}
    pattern = ""
    if table.get("batches"):  # letters.batch is imported only when a batch needs its default
        from .batch import DEFAULT_PATTERN as pattern
    config = _config(file.parent, table, file, pattern)
    if path is None and os.path.abspath(file.parent) != os.path.abspath(Path.cwd()):
        note = _("letters: 使用配置文件 {file}").format(file=file)
        config = _replace(config, warnings=(note, *config.warnings))
    return config


def default_config(root: Path) -> Config:
    """Return the settings of a project without ``[tool.letters]``, rooted at *root*."""
    return _config(root, {}, None, "")


def _replace(config: Config, **changes: Any) -> Config:
    from dataclasses import replace

    return replace(config, **changes)


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
    bad = [f for f in formats if f not in writers.names()]
    if bad:
        raise UsageError(
            _("letters: {where} 的 formats 只能包含 {choices}（实际：{found}）").format(
                where=where, choices=join(writers.names()), found=bad
            )
        )
    if not formats:
        raise UsageError(
            _("letters: {where} 的 formats 只能包含 {choices}（实际：空）").format(
                where=where, choices=join(writers.names())
            )
        )
    templates = _strings(table, "templates", [], where)
    exclude = _strings(table, "exclude", [], where)
    batches_raw = table.get("batches", [])
    if not isinstance(batches_raw, list):
        raise UsageError(
            _("letters: {where} 的 batches 应为表的列表，如 [{{ base = …, clients = … }}]").format(
                where=where
            )
        )
    batches = [_batch(root, b, i, where, pattern) for i, b in enumerate(batches_raw)]
    strict = table.get("strict", False)
    if not isinstance(strict, bool):
        raise UsageError(_("letters: {where} 的 strict 应为 true 或 false").format(where=where))
    blanks = _strings(table, "blanks", [], where)
    if blanks:
        from . import kinds
        from .contract import unknown_kind

        for kind in blanks:
            if kind not in kinds.names():  # the names only: every command reads the config
                raise UsageError(
                    _("letters: {where} 的 blanks：{problem}").format(
                        where=where, problem=unknown_kind(kind)
                    )
                )
    return Config(
        root=root,
        sources=tuple(root / s for s in sources),
        output=root / output,
        formats=tuple(dict.fromkeys(formats)),
        templates=tuple(root / t for t in templates),
        batches=tuple(batches),
        file=file,
        warnings=tuple(warnings),
        exclude=tuple(exclude),
        keys=frozenset(table),
        strict=strict,
        blanks=tuple(dict.fromkeys(blanks)),
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
