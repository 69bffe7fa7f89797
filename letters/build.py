"""Build every letter a project declares (``[tool.letters]``), or check that they are current.

What is built:

* every spec (``*.yaml``/``*.yml``) under the ``sources`` folders, searched recursively
  (hidden folders skipped), into ``output`` mirroring its sub-folder:
  ``contracts/east/a.yaml`` → ``build/letters/east/a.docx`` and ``.md``;
* every ``batches`` entry, into ``output/<batch output>/<name>.docx`` and ``.md``;
* every kind of ``blanks``, its blank form (:mod:`letters.blank`) into
  ``output/blanks/<kind>-blank.docx`` and ``.md`` — kept current when a template changes.

A *base* is not rendered by itself: a file that another spec under the sources ``extends``, or
that a batch uses as its ``base``.  Every other file is rendered, and one that cannot be (a YAML
error, no ``template`` …) is reported as an error, never silently skipped.

Rendering is byte-for-byte deterministic, which is what makes ``check`` possible:

* ``write`` writes each output whose bytes changed (atomically; unchanged files are left
  alone) and removes *stale* files: ``.docx``/``.md`` files in the output folder that nothing
  produces any more.  The output folder belongs to letters; other files there are left alone.
* ``check`` writes nothing and lists each output that is missing, differs or is stale.
* ``diff`` is ``check`` plus a unified diff of every Markdown output that would change.

Outputs of a spec or batch that fails keep their old files (neither rewritten nor stale).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import writers
from .config import BatchConfig, Config
from .diagnostics import Diagnostic, LettersError, SpecError, UsageError
from .i18n import _

CHANGED = ("differs", "missing")


@dataclass
class BuildReport:
    """Hold the outcome of a build or check: findings, file statuses, stale files, diffs."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    files: list[tuple[Path, str]] = field(default_factory=list)  # (path, status)
    stale: list[Path] = field(default_factory=list)
    diffs: list[tuple[Path, str, str]] = field(default_factory=list)  # (md path, old, new)
    bases: list[Path] = field(default_factory=list)
    letters: int = 0
    failed: int = 0
    exit_code: int = 0

    def changed(self) -> list[tuple[Path, str]]:
        """Return the outputs that are missing or differ (in check and diff mode)."""
        return [(p, s) for p, s in self.files if s in CHANGED]

    def fail(self, code: int) -> None:
        """Raise the exit code to at least *code*."""
        self.exit_code = max(self.exit_code, code)

    def output_findings(self) -> list[Diagnostic]:
        """Return a finding for each output that is missing, differs or is stale (check, diff).

        Codes: ``missing-output``, ``outdated-output`` and ``extra-output`` (a ``.docx``/``.md``
        file in the output folder that nothing produces any more), at line 1 of the output file.
        """
        from .diagnostics import Mark

        missing = _("缺少此输出文件（运行 letters build 生成）")
        outdated = _("输出文件不是最新的（运行 letters build 更新）")
        found = [
            Diagnostic("missing-output", "error", (), missing, Mark(path.as_posix()))
            if status == "missing"
            else Diagnostic("outdated-output", "error", (), outdated, Mark(path.as_posix()))
            for path, status in self.changed()
        ]
        extra = _("多余的输出文件：没有规格或客户表再生成它（运行 letters build 删除）")
        found.extend(
            Diagnostic("extra-output", "error", (), extra, Mark(p.as_posix())) for p in self.stale
        )
        return found


def discover(config: Config) -> tuple[list[tuple[Path, Path]], list[Path]]:
    """Return (spec file, output path without suffix) for each spec to render, and the bases.

    Raise UsageError if a source folder does not exist.
    """
    from .source import load_path

    found: list[tuple[Path, Path]] = []
    for src in config.sources:
        if src.is_dir():
            # the same files `letters check` finds: no hidden folders, virtualenvs,
            # node_modules … and nothing [tool.letters] exclude names
            found.extend(
                (p, p.relative_to(src).with_suffix("")) for p in config.spec_files_below(src)
            )
        elif src.is_file():
            found.append((src, Path(src.stem)))
        else:
            raise UsageError(_("letters: 找不到源文件夹 {folder}").format(folder=src))
    bases = {b.base.resolve() for b in config.batches}
    for path, _rel in found:
        try:
            ref = load_path(path).data.get("extends")
        except SpecError:
            continue  # reported when the file itself is rendered
        if isinstance(ref, str):
            bases.add((path.parent / ref).resolve())
    keep = [(p, o) for p, o in found if p.resolve() not in bases]
    return keep, [p for p, _rel in found if p.resolve() in bases]


class _Outputs:
    """Track every output path of the build, to find collisions and stale files."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.owner: dict[str, str] = {}
        self.protected: list[Path] = []

    def claim(self, path: Path, owner: str) -> str | None:
        """Reserve *path* for *owner*; return a message if another input already produces it."""
        key = path.relative_to(self.root).as_posix().casefold()
        if key in self.owner and self.owner[key] != owner:
            return _("letters: 输出文件 {path} 重名：{first} 与 {second} 都会生成它").format(
                path=path, first=self.owner[key], second=owner
            )
        self.owner[key] = owner
        return None

    def claim_all(self, folder: Path, stem: str, formats: Sequence[str], owner: str) -> str | None:
        """:meth:`claim` ``folder/<stem><suffix>`` of every format; return the first clash."""
        for fmt in formats:
            clash = self.claim(folder / f"{stem}{writers.get(fmt).suffix}", owner)
            if clash:
                return clash
        return None

    def stale(self) -> list[Path]:
        """Return output-like files under the root that nothing produces (sorted).

        Output-like: the suffix of any registered format (:mod:`letters.writers`), whether
        this project's ``formats`` name it or not.
        """
        if not self.root.is_dir():
            return []
        out = []
        suffixes = writers.suffixes()
        for p in sorted(self.root.rglob("*")):
            if p.suffix not in suffixes or p.name.startswith(".") or not p.is_file():
                continue
            if p.relative_to(self.root).as_posix().casefold() in self.owner:
                continue
            if any(p.is_relative_to(d) for d in self.protected):
                continue
            out.append(p)
        return out


def build(
    config: Config,
    mode: str = "write",
    jobs: int | None = None,
    on_row: Callable[[], None] | None = None,
    locale: str | None = None,
    draft: bool = False,
) -> BuildReport:
    """Build (``write``) or compare (``check``, ``diff``) every output of *config*.

    Raise UsageError when the configuration points at missing source folders; every other
    problem is collected in the returned report.  *locale* (``--locale``) writes every letter
    in that locale.
    """
    if mode not in ("write", "check", "diff"):
        raise ValueError(f"unknown build mode {mode!r}")
    report = BuildReport()
    outputs = _Outputs(config.output)
    _check_patterns(config)  # a bad --name pattern stops the build before anything is written
    specs, report.bases = discover(config)
    for path, rel in specs:
        _spec(config, path, rel, mode, outputs, report, locale, draft)
        if on_row:
            on_row()
    for b in config.batches:
        _batch(config, b, mode, jobs, outputs, report, on_row, locale, draft)
    for kind in config.blanks:
        _blank(config, kind, mode, outputs, report, locale)
    report.stale = outputs.stale()
    if mode == "write":
        for p in report.stale:
            _remove(p, config.output)
    elif report.stale or report.changed():
        report.fail(1)
    return report


def _check_patterns(config: Config) -> None:
    """Raise UsageError for the first batch whose name pattern does not fit its base spec.

    A base that cannot be read is left for the batch itself to report with its location.
    """
    from .batch import model_class, parse_pattern
    from .contract import load_source

    for b in config.batches:
        try:
            cls = model_class(load_source(b.base))
        except SpecError:
            continue
        parse_pattern(b.name, cls)


def _spec(
    config: Config,
    path: Path,
    rel: Path,
    mode: str,
    outputs: _Outputs,
    report: BuildReport,
    locale: str | None = None,
    draft: bool = False,
) -> None:
    from .rendering import produce

    folder = config.output / rel.parent
    clash = outputs.claim_all(folder, rel.name, config.formats, str(path))
    if clash:
        report.failures.append(clash)
        report.fail(2)
        return
    done = produce(
        path,
        config.formats,
        config.templates,
        folder=folder,
        stem=rel.name,
        mode=mode,
        locale=locale,
        draft=draft,
    )
    report.diagnostics.extend(done.diagnostics)
    report.files.extend((folder / name, status) for name, status in done.files)
    if done.error is not None:
        report.failures.append(f"{path}: {done.error}")
    if not done.ok:
        report.failed += 1
        report.fail(done.exit_code)
        return
    report.diffs.extend((folder / n, old, new) for n, old, new in done.diffs)
    report.letters += 1


def _batch(
    config: Config,
    b: BatchConfig,
    mode: str,
    jobs: int | None,
    outputs: _Outputs,
    report: BuildReport,
    on_row: Callable[[], None] | None,
    locale: str | None = None,
    draft: bool = False,
) -> None:
    from contextlib import closing

    from .batch import prepare, run

    folder = config.output / b.output
    try:
        batch = prepare(
            b.base, b.clients, folder, b.name, config.formats, config.templates, mode, locale, draft
        )
    except LettersError as exc:
        outputs.protected.append(folder)
        if isinstance(exc, SpecError):
            report.diagnostics.extend(exc.diagnostics)
        else:
            report.failures.append(str(exc))
        report.fail(max(1, exc.exit_code))
        return
    if batch.problems:
        outputs.protected.append(folder)
        report.diagnostics.extend(batch.problems)
        report.failed += len(batch)
        report.fail(1)
        return
    for name in batch.names():
        clash = outputs.claim(folder / name, str(b.clients))
        if clash:
            outputs.protected.append(folder)
            report.failures.append(clash)
            report.fail(2)
            return
    with closing(run(batch, jobs)) as results:
        for r in results:
            report.diagnostics.extend(r.diagnostics)
            report.files.extend((folder / n, s) for n, s in r.files)
            report.diffs.extend((folder / n, old, new) for n, old, new in r.diffs)
            if r.failure:
                report.failures.append(f"{b.clients}:{r.row}: {r.failure}")
            report.letters += r.ok
            report.failed += not r.ok
            report.fail(r.exit_code)
            if on_row:
                on_row()


def _blank(
    config: Config,
    kind: str,
    mode: str,
    outputs: _Outputs,
    report: BuildReport,
    locale: str | None = None,
) -> None:
    from .blank import file_stem, produce_blank
    from .config import BLANKS_FOLDER

    folder = config.output / BLANKS_FOLDER
    owner = f"blanks: {kind}"
    clash = outputs.claim_all(folder, file_stem(kind), config.formats, owner)
    if clash:
        report.failures.append(clash)
        report.failed += 1
        report.fail(2)
        return
    try:
        files, diffs = produce_blank(kind, config.formats, config.templates, folder, mode, locale)
    except LettersError as exc:
        report.failures.append(f"{owner}: {exc}")
        report.failed += 1
        report.fail(max(1, exc.exit_code))
        outputs.protected.append(folder)
        return
    report.files.extend((folder / name, status) for name, status in files)
    report.diffs.extend((folder / n, old, new) for n, old, new in diffs)


def _remove(path: Path, root: Path) -> None:
    """Delete a stale output and any folder it leaves empty (never *root* itself)."""
    try:
        path.unlink()
    except OSError as exc:
        raise UsageError(
            _("letters: 无法删除多余文件 {path}：{error}").format(path=path, error=exc.strerror)
        ) from None
    parent = path.parent
    while parent != root and parent.is_relative_to(root):
        try:
            os.rmdir(parent)
        except OSError:
            break
        parent = parent.parent
