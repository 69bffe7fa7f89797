"""Add the ``letters batch`` and ``letters build`` sub-commands (printing lives here only).

``letters batch BASE.yaml --clients FILE -o DIR`` renders one letter per table row;
``letters build [--check] [--diff]`` renders what ``[tool.letters]`` declares.  Nothing heavy is
imported at module level: the handlers import the library when they run.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from .diagnostics import Diagnostic, SpecError, UsageError
from .i18n import _, ngettext

_LIST_LIMIT = 20  # files named one per line after a build before "… 以及另外 N 个"


def register(sub: Any) -> dict[str, Callable[[argparse.Namespace], int]]:
    """Add ``batch`` and ``build`` to the sub-command parsers *sub*; return their handlers."""
    from .cli_common import draft_arg, format_arg, formats_help, locale_arg, pdf_a_arg

    b = sub.add_parser(
        "batch",
        help=_("按客户表批量生成承诺函：每行一份"),
        description=_(
            "把客户表（CSV 或 XLSX，列标题为规格路径）的每一行叠加到基础规格上，"
            "逐份校验并生成承诺函。空单元格沿用基础规格的值。"
        ),
    )
    b.add_argument("base", metavar="BASE.yaml", help=_("基础规格文件"))
    b.add_argument("--clients", required=True, metavar="FILE", help=_("客户表（.csv 或 .xlsx）"))
    b.add_argument("-o", "--output", required=True, metavar="DIR", help=_("输出文件夹"))
    b.add_argument(
        "--name",
        default=None,
        metavar="PATTERN",
        help=_("文件名模式，花括号内为规格路径（默认 {pattern}）").format(
            pattern="{letter.number}-{client.name}"  # batch.DEFAULT_PATTERN (importing it is heavy)
        ),
    )
    b.add_argument("--to", default=None, help=formats_help())
    b.add_argument(
        "--jobs", "-j", type=_jobs, default=None, metavar="N", help=_("并行进程数（默认 CPU 数）")
    )
    format_arg(b)
    b.add_argument(
        "--templates", action="append", default=[], metavar="DIR", help=_("自定义模板文件夹")
    )
    locale_arg(b)
    draft_arg(b)
    pdf_a_arg(b)
    _against_args(b)

    u = sub.add_parser(
        "build",
        help=_("按 pyproject.toml 的 [tool.letters] 生成全部承诺函（--check 供 CI 使用）"),
        description=_(
            "生成 [tool.letters] 声明的全部承诺函；--check 只检查输出是否最新（不写入）。"
        ),
    )
    u.add_argument(
        "--check", action="store_true", help=_("不写入；输出缺失、不同或多余时退出码为 1")
    )
    u.add_argument("--diff", action="store_true", help=_("不写入；打印 Markdown 输出的统一差异"))
    u.add_argument(
        "--config",
        default=None,
        metavar="FILE",
        help=_("配置文件（默认：从当前文件夹向上查找第一个含 [tool.letters] 的 pyproject.toml）"),
    )
    u.add_argument(
        "--jobs", "-j", type=_jobs, default=None, metavar="N", help=_("批量生成的并行进程数")
    )
    format_arg(u)
    u.add_argument(
        "--strict",
        action="store_true",
        help=_("警告也视为失败，退出码为 1（[tool.letters] 的 strict = true 同此）"),
    )
    locale_arg(u)
    draft_arg(u)
    pdf_a_arg(u)
    _against_args(u)
    u.add_argument(
        "--redlines",
        default=None,
        metavar="DIR",
        help=_("--against 的修订稿输出文件夹（默认：项目文件夹下的 redlines）"),
    )
    return {"batch": cmd_batch, "build": cmd_build}


def _against_args(p: Any) -> None:
    p.add_argument(
        "--against",
        default=None,
        metavar="REV",
        help=_(
            "不生成承诺函，改为生成修订稿：与 git 修订版本 REV（如 main、HEAD~1、标签）"
            "相比有变化的每份承诺函，标出全部差异"
        ),
    )
    p.add_argument(
        "--author", default=None, metavar="NAME", help=_("修订与批注的作者（默认：承诺方）")
    )


def _jobs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("应为正整数：{value}").format(value=text)) from None
    if n < 1:
        raise argparse.ArgumentTypeError(_("应为正整数：{value}").format(value=text))
    return n


# ------------------------------------------------------------------------------------ progress


class Progress:
    """Draw a one-line ``\\r`` progress bar on a terminal; stay silent otherwise."""

    def __init__(self, total: int, stream: TextIO = sys.stderr) -> None:
        self.total = total
        self.stream = stream
        self.done = 0
        self.live = total > 1 and _isatty(stream)
        self.start = time.perf_counter()
        self._drawn = 0.0

    def step(self) -> None:
        """Count one finished item and redraw (at most ten times a second)."""
        self.done += 1
        now = time.perf_counter()
        if self.live and (now - self._drawn >= 0.1 or self.done == self.total):
            self._drawn = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        width = 24
        filled = width * self.done // max(self.total, 1)
        rate = self.done / max(now - self.start, 1e-9)
        bar = "█" * filled + "░" * (width - filled)
        speed = _("{rate} 份/秒").format(rate=f"{rate:.1f}")
        self.stream.write(f"\r{bar} {self.done}/{self.total}  {speed}\x1b[K")
        self.stream.flush()

    def clear(self) -> None:
        """Erase the bar (before other output, and at the end)."""
        if self.live and self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = 0.0


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# ------------------------------------------------------------------------------------ batch


def cmd_batch(args: argparse.Namespace) -> int:
    """Run ``letters batch``; return 0 (all rows rendered), 1 (a row failed), 2 or 130."""
    from .cli_common import pdf_a

    with pdf_a(args.pdf_a):
        return _cmd_batch(args)


def _cmd_batch(args: argparse.Namespace) -> int:
    from contextlib import closing

    from .batch import DEFAULT_PATTERN, prepare, run
    from .cli_common import formats_arg

    formats = formats_arg(args.to)
    outdir = Path(args.output)
    if outdir.exists() and not outdir.is_dir():
        raise UsageError(_("letters: 输出路径 {path} 不是文件夹").format(path=outdir))
    if args.against is not None:
        return _batch_against(args, formats, outdir)
    human = _human(args.format)
    start = time.perf_counter()
    try:
        batch = prepare(
            Path(args.base),
            Path(args.clients),
            outdir,
            args.name or DEFAULT_PATTERN,
            formats,
            args.templates,
            locale=args.locale,
            draft=args.draft,
        )
    except SpecError as exc:  # the base spec or the table's content: findings in --format
        _print_diags(exc.diagnostics, args.format)
        return exc.exit_code
    if batch.problems:
        _print_diags(batch.problems, args.format)
        print(_("客户表的列标题有误，未生成任何文书。"), file=human)
        return 1
    progress = Progress(len(batch))
    made = failed = worst = 0
    collected: list[Diagnostic] = []
    try:
        with closing(run(batch, args.jobs)) as results:
            for r in results:
                if r.diagnostics or r.failure:
                    progress.clear()
                    if args.format == "json":
                        collected.extend(r.diagnostics)
                    elif r.diagnostics:
                        _print_diags(r.diagnostics, args.format)
                    if r.failure:
                        print(f"{batch.table_file}:{r.row}: {r.failure}", file=sys.stderr)
                made += r.ok
                failed += not r.ok
                worst = max(worst, r.exit_code)
                progress.step()
    except KeyboardInterrupt:
        progress.clear()
        print(
            ngettext(
                "已中断：已生成 {count} 份；未完成的文件已清理。",
                "已中断：已生成 {count} 份；未完成的文件已清理。",
                made,
            ).format(count=made),
            file=sys.stderr,
        )
        return 130
    progress.clear()
    if args.format == "json":
        _print_diags(collected, "json")
    elapsed = time.perf_counter() - start
    print(
        _("生成 {made}，失败 {failed} 份，用时 {seconds} s（输出到 {folder}）").format(
            made=_letters(made), failed=failed, seconds=f"{elapsed:.1f}", folder=outdir
        ),
        file=human,
    )
    return worst


def _human(fmt: str) -> TextIO:
    """Return where status lines and summaries go: stdout for text, stderr for json and github.

    Like ruff and mypy, a human reading the text output finds the summary after the findings
    on stdout; the machine formats keep stdout for what a program parses (JSON, annotations).
    Progress bars and error messages always go to stderr.
    """
    return sys.stdout if fmt == "text" else sys.stderr


def _letters(n: int) -> str:
    """Return "4 份" / "4 letters": a count of letters inside a summary."""
    return ngettext("{count} 份", "{count} 份", n).format(count=n)


def _print_diags(diags: Sequence[Diagnostic], fmt: str) -> None:
    from .cli_common import emit

    emit(diags, fmt)
    sys.stdout.flush()


# ------------------------------------------------------------------------------------ build


def cmd_build(args: argparse.Namespace) -> int:
    """Run ``letters build``; return 0 (built / up to date), 1 (errors or out of date), 2, 130."""
    from .cli_common import pdf_a

    with pdf_a(args.pdf_a):
        return _cmd_build(args)


def _cmd_build(args: argparse.Namespace) -> int:
    from .build import build
    from .config import load_config

    config = load_config(Path(args.config) if args.config else None)
    for w in config.warnings:
        print(w, file=sys.stderr)
    from . import writers

    writers.require(config.formats)
    if args.against is not None:
        if args.check or args.diff:
            raise UsageError(_("letters: --against 不能与 --check 或 --diff 同用"))
        return _build_against(args, config)
    if args.redlines is not None:
        raise UsageError(_("letters: --redlines 只能与 --against 同用"))
    mode = "diff" if args.diff else "check" if args.check else "write"
    start = time.perf_counter()
    try:
        report = build(config, mode, args.jobs, locale=args.locale, draft=args.draft)
    except KeyboardInterrupt:
        print(_("已中断；未完成的文件已清理。"), file=sys.stderr)
        return 130
    elapsed = time.perf_counter() - start
    found = list(report.diagnostics)
    if mode != "write" and args.format == "json":  # out-of-date outputs are findings too
        found.extend(report.output_findings())
    _print_diags(found, args.format)
    for f in report.failures:
        print(f, file=sys.stderr)
    if (args.strict or config.strict) and any(not d.is_error for d in report.diagnostics):
        report.fail(1)
        print(_("letters: 严格模式（strict）下警告也视为失败"), file=sys.stderr)
    if mode == "write":
        _report_write(report, elapsed, _human(args.format))
    else:
        _report_check(report, mode, elapsed, args.format)
    return report.exit_code


def _report_write(report: Any, elapsed: float, out: TextIO) -> None:
    written = [p for p, s in report.files if s == "written"]
    unchanged = sum(s == "unchanged" for _p, s in report.files)
    for p in written[:_LIST_LIMIT]:
        print(_("已生成 {path}").format(path=p), file=out)
    for p in report.stale[:_LIST_LIMIT]:
        print(_("已删除多余文件 {path}").format(path=p), file=out)
    more = max(0, len(written) - _LIST_LIMIT) + max(0, len(report.stale) - _LIST_LIMIT)
    if more:
        print(
            ngettext("… 以及另外 {count} 个文件", "… 以及另外 {count} 个文件", more).format(
                count=more
            ),
            file=out,
        )
    print(
        _(
            "生成 {made}，失败 {failed} 份：更新 {written}，{unchanged} 个未变，"
            "删除多余 {stale} 个，用时 {seconds} s"
        ).format(
            made=_letters(report.letters),
            failed=report.failed,
            written=ngettext("{count} 个文件", "{count} 个文件", len(written)).format(
                count=len(written)
            ),
            unchanged=unchanged,
            stale=len(report.stale),
            seconds=f"{elapsed:.1f}",
        ),
        file=out,
    )


def _report_check(report: Any, mode: str, elapsed: float, fmt: str = "text") -> None:
    """Print the diffs, one line per output that is not current (text, github), a summary.

    In JSON the outputs are findings (printed by the caller) and the diffs go to stderr: stdout
    holds the JSON only.
    """
    import difflib

    from . import writers

    out = sys.stderr if fmt == "json" else sys.stdout  # keep stdout pure JSON
    human = _human(fmt)
    # TRANSLATORS: the status of an output file in "letters build --check" (需要更新：path)
    label = {"differs": _("需要更新"), "missing": _("缺少")}
    lines: list[tuple[Path, str]] = []
    if mode == "diff":
        for path, old, new in report.diffs:
            name = path.as_posix()
            out.writelines(
                difflib.unified_diff(
                    old.splitlines(keepends=True),
                    new.splitlines(keepends=True),
                    fromfile=f"a/{name}",
                    tofile=f"b/{name}",
                )
            )
        for path, status in report.changed():
            writer = writers.for_file(path.name)
            if writer is not None and not writer.text:  # no diff to show: one line instead
                if status == "differs":
                    what = _("{format} 不同").format(format=writer.title)
                else:
                    what = _("{format} 缺少").format(format=writer.title)
                lines.append((path, what))
    else:
        lines.extend((path, label[status]) for path, status in report.changed())
    # TRANSLATORS: an output file that nothing produces any more (多余：path)
    stale = _("多余")
    lines.extend((path, stale) for path in report.stale)
    for path, what in lines if fmt != "json" else ():
        if fmt == "github":
            title = _("{status}（运行 letters build 更新）").format(status=what)
            print(f"::error file={path.as_posix()},title=letters build --check::{title}")
        else:
            print(_("{status}：{path}").format(status=what, path=path))
    n = len(report.changed()) + len(report.stale)
    seconds = f"{elapsed:.1f}"
    if n:
        print(
            ngettext(
                "{count} 个文件不是最新（运行 letters build 更新），用时 {seconds} s",
                "{count} 个文件不是最新（运行 letters build 更新），用时 {seconds} s",
                n,
            ).format(count=n, seconds=seconds),
            file=human,
        )
    elif not report.exit_code:
        total = len(report.files)
        print(
            ngettext(
                "全部 {count} 个文件都是最新的，用时 {seconds} s",
                "全部 {count} 个文件都是最新的，用时 {seconds} s",
                total,
            ).format(count=total, seconds=seconds),
            file=human,
        )


# ------------------------------------------------------------------------------------ --against


def _build_against(args: argparse.Namespace, config: Any) -> int:
    """Write the redline of every letter of the project that changed since ``--against``."""
    from .against import checkout, compare_sides, config_at, project_letters

    outdir = Path(args.redlines) if args.redlines else config.root / "redlines"
    if outdir.exists() and not outdir.is_dir():
        raise UsageError(_("letters: 输出路径 {path} 不是文件夹").format(path=outdir))
    if any(outdir.resolve().is_relative_to(s.resolve()) for s in config.sources):
        raise UsageError(
            _("letters: 修订稿文件夹 {path} 在规格源文件夹中；请用 --redlines 另选").format(
                path=outdir
            )
        )
    new = project_letters(config)
    with checkout(args.against, config.root) as tree:  # the old templates are read in there
        old = project_letters(config_at(config, tree))
        outcome = compare_sides(old, new, outdir, config.formats, args.author, args.locale)
    for f in new.failures:
        print(f, file=sys.stderr)
        outcome.exit_code = max(outcome.exit_code, 2)
    if (args.strict or config.strict) and any(not d.is_error for d in outcome.diagnostics):
        outcome.exit_code = max(outcome.exit_code, 1)
    _report_against(outcome, args.against, args.format)
    return outcome.exit_code


def _batch_against(args: argparse.Namespace, formats: Sequence[str], outdir: Path) -> int:
    """Write the redline of every row's letter that changed since ``--against``."""
    from .against import Side, batch_letters, checkout, compare_sides
    from .batch import DEFAULT_PATTERN

    pattern = args.name or DEFAULT_PATTERN
    base, clients = Path(args.base), Path(args.clients)
    new = Side(templates=tuple(args.templates))
    batch_letters(base, clients, pattern, new)
    for f in new.failures:  # the table or the base cannot be read now: nothing to compare
        raise UsageError(f)
    with checkout(args.against) as tree:
        old = Side(templates=tuple(str(tree.at(Path(t))) for t in args.templates))
        batch_letters(tree.at(base), tree.at(clients), pattern, old)
        outcome = compare_sides(old, new, outdir, formats, args.author, args.locale)
    _report_against(outcome, args.against, args.format)
    return outcome.exit_code


def _report_against(outcome: Any, rev: str, fmt: str) -> None:
    _print_diags(outcome.diagnostics, fmt)
    out = _human(fmt)
    for p in outcome.written[:_LIST_LIMIT]:
        print(_("已生成 {path}").format(path=p), file=out)
    for p in outcome.removed_stale[:_LIST_LIMIT]:
        print(_("已删除过期的修订稿 {path}").format(path=p), file=out)
    for name in outcome.added[:_LIST_LIMIT]:
        print(_("新增：{name}（{rev} 中没有这份承诺函）").format(name=name, rev=rev), file=out)
    for name in outcome.removed[:_LIST_LIMIT]:
        print(_("删除：{name}（只在 {rev} 中有）").format(name=name, rev=rev), file=out)
    for name in outcome.unreadable_old[:_LIST_LIMIT]:
        print(_("未比较：{name} 在 {rev} 中无法读取或有错误").format(name=name, rev=rev), file=out)
    print(
        _(
            "与 {rev} 相比：{changed}有变化，{unchanged} 份未变，新增 {added} 份，删除 {removed} 份"
        ).format(
            rev=rev,
            changed=_letters(len(outcome.changed)),
            unchanged=outcome.unchanged,
            added=len(outcome.added),
            removed=len(outcome.removed),
        ),
        file=out,
    )
