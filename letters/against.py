"""Redlines of a project's letters against an earlier git revision (``--against REV``).

``letters build --against REV`` and ``letters batch … --against REV`` compare each letter they
would produce with the same letter as the project stood at *REV*: the spec files, the
``extends`` bases, the client tables, the custom template folders and ``[tool.letters]`` itself
are all read from *REV* (``git archive`` into a temporary folder), the working tree gives the
new side.  Letters are matched by their output name (``east/a``, ``batch/HT-1-甲公司``), so a
row that moved in the client table is still the same client's letter.  For every letter whose
text changed, :func:`letters.redline.redline` writes ``<name>-redline.docx`` / ``.md``;
unchanged letters write nothing; letters only on one side are listed as added or removed.

The ``letters`` package itself (its built-in kinds and templates) is the installed one on both
sides: a redline shows what the project's own files changed, not what upgrading letters did.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .diagnostics import Diagnostic, LettersError, SpecError, UsageError
from .i18n import _

if TYPE_CHECKING:
    from .config import Config
    from .source import Source

SUFFIX = "-redline"  # <name>-redline.docx / .md, as `letters redline` names its output


@dataclass
class Tree:
    """Hold a revision checked out into a temporary folder, and the repository it came from."""

    rev: str
    top: Path  # the repository's top level (the working tree)
    root: Path  # the same files at *rev*

    def at(self, path: Path) -> Path:
        """Return where *path* of the working tree lies in the tree of the revision."""
        full = Path(os.path.abspath(path))
        try:
            rel = full.relative_to(self.top)
        except ValueError:
            raise UsageError(
                _("letters: {path} 不在 git 仓库 {repo} 中，无法读取它在 {rev} 的版本").format(
                    path=path, repo=self.top, rev=self.rev
                )
            ) from None
        return self.root / rel


def _git(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    if shutil.which("git") is None:
        raise UsageError(_("letters: --against 需要 git，但找不到 git 命令"))
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)


@contextmanager
def checkout(rev: str, start: Path | None = None) -> Iterator[Tree]:
    """Yield the files of revision *rev* of the repository holding *start* (default: the
    current folder) in a temporary folder, removed afterwards.  Raise UsageError when there is
    no git, no repository or no such revision."""
    here = Path(os.path.abspath(start or Path.cwd()))
    top = _git(["rev-parse", "--show-toplevel"], here)
    if top.returncode != 0:
        raise UsageError(
            _("letters: {folder} 不在 git 仓库中，无法使用 --against").format(folder=here)
        )
    commit = _git(
        ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], here
    )
    if commit.returncode != 0 or rev.startswith("-"):
        raise UsageError(_("letters: git 中找不到修订版本 {rev}").format(rev=rev))
    archive = _git(["archive", "--format=tar", commit.stdout.decode().strip()], here)
    if archive.returncode != 0:
        error = archive.stderr.decode(errors="replace").strip()
        raise UsageError(_("letters: 无法读取修订版本 {rev}：{error}").format(rev=rev, error=error))
    with tempfile.TemporaryDirectory(prefix="letters-against-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(tmp, filter="data")  # no absolute paths, links out or devices
        yield Tree(rev, Path(top.stdout.decode().strip()), Path(tmp))


# ------------------------------------------------------------------ the letters of a project


def config_at(config: Config, tree: Tree) -> Config:
    """Return the project's ``[tool.letters]`` as it was in *tree* (the defaults where the
    file or the table did not exist yet); source folders that did not exist hold no letters."""
    from dataclasses import replace

    from .config import default_config, load_config

    if config.file is not None:
        file = tree.at(config.file)
        old = load_config(file) if file.is_file() else default_config(file.parent)
    else:
        old = default_config(tree.at(Path.cwd()))
    return replace(old, sources=tuple(s for s in old.sources if s.exists()))


@dataclass
class Side:
    """Hold the letters of one side: output name → the spec source, and what could not be read."""

    sources: dict[str, Source] = field(default_factory=dict)
    problems: dict[str, list[Diagnostic]] = field(default_factory=dict)  # name → findings
    failures: list[str] = field(default_factory=list)  # a whole input that could not be read
    broken: list[str] = field(default_factory=list)  # prefixes of batches that failed whole
    templates: tuple[str, ...] = ()


def project_letters(config: Config) -> Side:
    """Return every letter ``letters build`` would produce for *config*, by output name."""
    from .build import discover
    from .contract import load_source

    side = Side(templates=tuple(str(t) for t in config.templates))
    specs, _bases = discover(config)
    for path, rel in specs:
        name = rel.as_posix()
        try:
            side.sources[name] = load_source(path)
        except SpecError as exc:
            side.problems[name] = exc.diagnostics
    for b in config.batches:
        batch_letters(b.base, b.clients, b.name, side, prefix=f"{b.output}/")
    return side


def batch_letters(base: Path, clients: Path, pattern: str, side: Side, prefix: str = "") -> None:
    """Add the letter of every row of a batch to *side*, named ``<prefix><stem>``."""
    from .batch import prepare

    try:
        batch = prepare(base, clients, Path(), pattern, mode="none")
    except LettersError as exc:
        side.broken.append(prefix)
        if isinstance(exc, SpecError):
            side.problems[f"{prefix}{clients.name}"] = exc.diagnostics
        else:
            side.failures.append(str(exc))
        return
    if batch.problems:
        side.broken.append(prefix)
        side.problems[f"{prefix}{clients.name}"] = batch.problems
        return
    for _index, row, cells, stem in batch.tasks():
        source, problems = batch.plan.overlay.source(row, cells)
        if source is None:
            side.problems[f"{prefix}{stem}"] = problems
        else:
            side.sources[f"{prefix}{stem}"] = source


# ------------------------------------------------------------------ the redlines


@dataclass
class Outcome:
    """Hold what ``--against`` did: findings, the redlines written and the letters compared."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unreadable_old: list[str] = field(default_factory=list)  # refused at REV: nothing to compare
    removed_stale: list[Path] = field(default_factory=list)
    exit_code: int = 0


def compare_sides(
    old: Side,
    new: Side,
    outdir: Path,
    formats: Sequence[str],
    author: str | None = None,
    locale: str | None = None,
) -> Outcome:
    """Write a redline into *outdir* for each letter of *new* that differs from *old*.

    The new side's findings are reported as ``letters check`` reports them (an error refuses
    that letter, exit 1); a letter that could not be read or had errors at the revision is
    named in ``unreadable_old`` and has no redline.  Earlier ``*-redline`` files in *outdir*
    that this run does not write are removed, so the folder holds exactly this comparison.
    """
    from . import writers
    from .checks import check
    from .contract import from_source
    from .output import write_atomic
    from .redline import redline

    done = Outcome()
    for problems in new.problems.values():
        done.diagnostics.extend(problems)
        if any(d.is_error for d in problems):
            done.exit_code = 1
    for name, source in new.sources.items():
        try:
            contract = from_source(source).with_locale(locale)
        except SpecError as exc:
            done.diagnostics.extend(exc.diagnostics)
            done.exit_code = max(done.exit_code, 1, exc.exit_code)
            continue
        found = check(contract)
        done.diagnostics.extend(found)
        if any(d.is_error for d in found):
            done.exit_code = max(done.exit_code, 1)
            continue
        if name not in old.sources:
            (done.unreadable_old if name in old.problems else done.added).append(name)
            continue
        try:
            before = from_source(old.sources[name]).with_locale(locale)
        except SpecError:
            done.unreadable_old.append(name)
            continue
        if any(d.is_error for d in check(before)):
            done.unreadable_old.append(name)
            continue
        result = redline(before, contract, formats, author, new.templates, old.templates)
        if result.identical:
            done.unchanged += 1
            continue
        done.changed.append(name)
        folder, _sep, stem = name.rpartition("/")
        for fmt in formats:
            file = f"{stem}{SUFFIX}{writers.get(fmt).suffix}"
            write_atomic(outdir / folder, file, result.outputs[fmt])
            done.written.append(outdir / folder / file)
    done.removed = sorted(
        n
        for n in old.sources
        if n not in new.sources
        and n not in new.problems
        and not any(n.startswith(p) for p in new.broken)  # unknown: its batch failed now
    )
    done.removed_stale = _sweep(outdir, set(done.written))
    return done


def _sweep(outdir: Path, keep: set[Path]) -> list[Path]:
    """Remove ``*-redline.*`` files under *outdir* that this run did not write."""
    from . import writers

    if not outdir.is_dir():
        return []
    gone = []
    suffixes = writers.suffixes()
    for p in sorted(outdir.rglob(f"*{SUFFIX}.*")):
        if p.suffix in suffixes and p.stem.endswith(SUFFIX) and p.is_file() and p not in keep:
            p.unlink()
            gone.append(p)
    for folder in sorted({p.parent for p in gone}, key=lambda f: -len(f.parts)):
        while folder != outdir and folder.is_relative_to(outdir) and not any(folder.iterdir()):
            folder.rmdir()  # a folder the removed redlines leave empty
            folder = folder.parent
    return gone
