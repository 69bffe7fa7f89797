"""Provide the ``letters`` command line: a thin layer over the public API.

Exit codes follow ruff and mypy: 0 clean (warnings allowed), 1 findings or refusal, 2 usage,
I/O or internal error.  No traceback ever reaches the user (set ``LETTERS_DEBUG=1`` to see one).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import argparse_i18n, i18n
from .cli_common import (
    draft_arg,
    emit,
    format_arg,
    formats_arg,
    formats_help,
    locale_arg,
    pdf_a,
    pdf_a_arg,
    templates_arg,
)
from .diagnostics import Diagnostic, LettersError, SpecError, UsageError
from .i18n import _, ngettext

if TYPE_CHECKING:
    from .config import Config


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(
            _("{prog}: 用法错误：{message}\n（用 {prog} --help 查看用法）").format(
                prog=self.prog, message=message
            )
        )

    def _check_value(self, action: argparse.Action, value: object) -> None:
        """Refuse a value outside the choices, suggesting the nearest one (ignoring case)."""
        choices = action.choices
        if choices is not None and value not in choices and isinstance(value, str):
            close = argparse_i18n.nearest(value, (str(c) for c in choices))
            if close is not None:
                args = {"value": value, "closest": close, "choices": ", ".join(map(str, choices))}
                raise argparse.ArgumentError(
                    action, argparse_i18n.gettext(argparse_i18n.MAYBE) % args
                )
        super()._check_value(action, value)


class _Version(argparse.Action):
    """Print ``letters VERSION`` and exit (the version is looked up only when asked for)."""

    def __init__(
        self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, help: str | None = None
    ) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        print(f"letters {version()}")
        parser.exit()


def version() -> str:
    """Return the version of ``letters``: ``[project] version`` of pyproject.toml, its one source.

    From a source checkout (editable install or none) pyproject.toml itself is read; an
    installed package answers from its metadata, which was built from the same field.
    """
    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    if pyproject.is_file():
        import tomllib

        with contextlib.suppress(OSError, ValueError, TypeError):
            project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
            if project.get("name") == "letters" and isinstance(project.get("version"), str):
                return str(project["version"])
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("letters")
    except PackageNotFoundError:
        return _("（未知版本）")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``letters`` command."""
    p = _Parser(
        prog="letters",
        description=_("从 YAML 合同规格生成经过校验的中文承诺函（DOCX 与 Markdown）。"),
    )
    version_help = "show program's version number and exit"  # argparse's text, not a msgid
    p.add_argument("-V", "--version", action=_Version, help=argparse_i18n.gettext(version_help))
    p.add_argument(
        "--lang",
        metavar="{zh,zh-Hant,en}",
        help=_(
            "消息语言：zh（中文，默认）、zh-Hant（繁体中文）或 en（英文）；可写在命令行任意位置，"
            "优先于环境变量 LETTERS_LANG"
        ),
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    c = sub.add_parser(
        "check",
        help=_("校验规格：字段、类型与数字之间的一致性"),
        description=_("读入并校验规格：字段、类型以及数字之间的一致性，每个问题输出一行。"),
    )
    c.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=_(
            "规格文件或文件夹，- 表示从标准输入读入一份规格（默认：[tool.letters] 的 sources，未配置时为 contracts/）"
        ),
    )
    c.add_argument(
        "--format", choices=("text", "json", "github"), default="text", help=_("输出格式")
    )
    c.add_argument(
        "--strict",
        action="store_true",
        help=_("警告也视为失败，退出码为 1（[tool.letters] 的 strict = true 同此）"),
    )
    c.add_argument(
        "--force-exclude",
        action="store_true",
        help=_("命令行上明确给出的文件若被排除或不在 sources 之下，也跳过（供 pre-commit 使用）"),
    )

    r = sub.add_parser(
        "render",
        help=_("校验并生成承诺函（DOCX / Markdown）"),
        description=_(
            "先校验每份规格，再生成 DOCX 与 Markdown 承诺函；有错误的规格不生成任何文件。"
        ),
    )
    r.add_argument("specs", nargs="+", metavar="SPEC", help=_("规格文件或文件夹"))
    r.add_argument("-o", "--output", required=True, metavar="DIR", help=_("输出文件夹"))
    r.add_argument("--to", default=None, help=formats_help())
    format_arg(r)
    templates_arg(r)
    locale_arg(r)
    draft_arg(r)
    pdf_a_arg(r)
    # The command modules that add their own sub-commands, imported statically: each has
    # ``register(subparsers)`` returning ``{command: handler(args) -> exit code}`` and imports
    # nothing heavy (nor this module) at module level.
    from . import cli_authoring, cli_batch, cli_blank, cli_redline, cli_verify

    for module in (cli_batch, cli_authoring, cli_redline, cli_verify, cli_blank):
        _HANDLERS.update(module.register(sub))
    return p


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv*; return the exit code.

    ``--lang`` (anywhere on the line) chooses the language of the messages for this run only:
    the language and ``LETTERS_LANG`` are restored afterwards, so in-process callers (tests, an
    editor integration) are not switched for good.
    """
    saved = i18n.snapshot()
    try:
        with argparse_i18n.speaking():  # argparse's own texts in the chosen language, this run only
            return _main(list(sys.argv[1:] if argv is None else argv))
    finally:
        i18n.restore(saved)


def _show_warning(
    message: Any, category: Any, filename: str, lineno: int, file: Any = None, line: Any = None
) -> None:
    """Show a warning of letters (a kind skipped, a catalog missing) as one plain line."""
    print(str(message), file=sys.stderr)


def _main(argv: list[str]) -> int:
    import warnings

    saved = warnings.showwarning
    warnings.showwarning = _show_warning
    try:
        return _guarded(argv)
    finally:
        warnings.showwarning = saved


def _guarded(argv: list[str]) -> int:
    try:
        return _run(_choose_language(argv))
    except LettersError as exc:
        if isinstance(exc, SpecError):
            emit(exc.diagnostics, "text")
        else:
            print(str(exc), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(_("已中断。"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # e.g. stdout on a full disk: an I/O error, not an internal fault
        with contextlib.suppress(OSError):
            print(
                _("letters：输入/输出错误：{error}").format(error=exc.strerror or exc),
                file=sys.stderr,
            )
        return 2
    except Exception as exc:  # the CLI's top level: no traceback reaches a user
        if os.environ.get("LETTERS_DEBUG"):
            raise
        print(
            _("letters：内部错误（{error}）。请设置 LETTERS_DEBUG=1 重试并报告此问题。").format(
                error=f"{type(exc).__name__}: {exc}"
            ),
            file=sys.stderr,
        )
        return 2


def _choose_language(argv: list[str]) -> list[str]:
    """Take ``--lang X`` / ``--lang=X`` out of *argv* (anywhere before ``--``) and apply it.

    ``--lang`` wins over ``LETTERS_LANG``; an unknown language in either is a usage error.
    """
    rest: list[str] = []
    lang: str | None = None
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest.extend(argv[i:])
            break
        if arg == "--lang":
            if i + 1 == len(argv):
                raise UsageError(_("letters: --lang 需要一个值：zh、zh_CN、zh-Hant 或 en"))
            lang = argv[i + 1]
            i += 2
            continue
        if arg.startswith("--lang="):
            lang = arg[len("--lang=") :]
        else:
            rest.append(arg)
        i += 1
    if lang is not None:
        _set_language(lang, "--lang")
    else:
        bad = i18n.env_language()
        if bad is not None:
            raise UsageError(
                _("letters: 不支持的语言“{lang}”（{where}；可选 zh、zh_CN、zh-Hant、en）").format(
                    lang=bad, where=i18n.ENV
                )
            )
    return rest


def _set_language(lang: str, where: str) -> None:
    try:
        i18n.set_language(lang)
    except ValueError:
        raise UsageError(
            _("letters: 不支持的语言“{lang}”（{where}；可选 zh、zh_CN、zh-Hant、en）").format(
                lang=lang, where=where
            )
        ) from None


def _run(argv: list[str]) -> int:
    parser = build_parser()
    if not argv:
        parser.print_help()
        return 2
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help and --version print, then stop here
        return exc.code if isinstance(exc.code, int) else 0
    if args.lang is not None:  # only an abbreviation (--la en) gets this far
        _set_language(args.lang, "--lang")
    if args.command == "check":
        return cmd_check(args.paths, args.format, args.force_exclude, args.strict)
    if args.command == "render":
        formats = formats_arg(args.to)
        templates = args.templates or _config_templates()
        with pdf_a(args.pdf_a):
            return cmd_render(
                args.specs,
                Path(args.output),
                formats,
                args.format,
                templates,
                args.locale,
                args.draft,
            )
    if args.command in _HANDLERS:
        return _HANDLERS[args.command](args)
    parser.print_help()
    return 2


def _config_templates() -> list[str]:
    """Return the template folders of ``[tool.letters] templates`` (see :func:`load_config`)."""
    from .config import load_config

    return [str(p) for p in load_config().templates]


def spec_files(
    paths: Iterable[str],
    config: Config | None = None,
    force_exclude: bool = False,
    stdin: bool = False,
) -> list[Path]:
    """Expand files and folders into the spec files to read, each once, folders sorted.

    A folder is searched recursively, skipping what *config* excludes (without a config: the
    defaults, :data:`letters.config.DEFAULT_EXCLUDE` and virtualenvs).  A file named explicitly
    is always taken, unless *force_exclude*: then it is taken only if ``letters check``
    without paths would check it (:meth:`Config.force_excluded`), and finding nothing is not
    an error.  With *stdin*, ``-`` is one spec read from standard input.  Raise UsageError for a
    missing path, or when no spec is found.
    """
    from .config import SPEC_SUFFIXES, Config

    cfg = config or Config(root=Path())
    out: list[Path] = []
    for raw in paths:
        if stdin and raw == "-":
            out.append(Path("-"))
            continue
        p = Path(raw)
        if p.is_dir():
            found = cfg.spec_files_below(p)
            out.extend(q for q in found if not force_exclude or not cfg.force_excluded(q))
        elif force_exclude and cfg.force_excluded(p):
            continue
        elif p.exists() or p.suffix in SPEC_SUFFIXES:
            out.append(p)
        else:
            raise UsageError(_("letters: 找不到 {path}").format(path=raw))
    if not out and not force_exclude:
        raise UsageError(_("letters: 没有找到规格文件（*.yaml）"))
    return list(dict.fromkeys(out))


def _summary(files: int, diags: Sequence[Diagnostic]) -> None:
    errors = sum(d.is_error for d in diags)
    warnings = len(diags) - errors
    print(
        _("检查了 {files}：{errors}，{warnings}。").format(
            files=ngettext("{count} 个文件", "{count} 个文件", files).format(count=files),
            errors=ngettext("{count} 个错误", "{count} 个错误", errors).format(count=errors),
            warnings=ngettext("{count} 个警告", "{count} 个警告", warnings).format(count=warnings),
        )
    )


def collect(path: Path) -> tuple[list[Diagnostic], int]:
    """Load and check one spec; return its findings and the worst exit code it implies."""
    from .checks import check
    from .contract import load

    try:
        contract = load(path)
    except SpecError as exc:
        return exc.diagnostics, exc.exit_code
    diags = check(contract)
    return diags, 1 if any(d.is_error for d in diags) else 0


# A file with one of these findings could not be read: it is not counted as checked.
_UNREAD = frozenset({"file-missing", "file-unreadable"})


def cmd_check(
    paths: Sequence[str], fmt: str, force_exclude: bool = False, strict: bool = False
) -> int:
    """Check every spec under *paths* (default: the configured sources); return 0, 1 or 2.

    With *strict* (``--strict``, or ``strict = true`` in ``[tool.letters]``) a warning fails
    the check (exit 1) as an error does.

    Findings go to stdout, then (text format only) the summary, as ruff and mypy print theirs;
    notes about the configuration go to stderr.
    """
    from .config import load_config

    config = load_config()
    for w in config.warnings:
        print(w, file=sys.stderr)
    if not paths:  # the sources themselves are never excluded, only what lies below them
        paths, force_exclude = [str(s) for s in config.sources], False
        for source in config.sources:
            if not source.exists():
                raise UsageError(_missing_source(source, config.file, "sources" in config.keys))
    files = spec_files(paths, config, force_exclude, stdin=True)
    found: list[Diagnostic] = []
    worst = 0
    read = 0
    for path in files:
        diags, code = collect(path)
        found.extend(diags)
        worst = max(worst, code)
        read += not any(d.code in _UNREAD for d in diags)
    emit(found, fmt)
    if fmt == "text":
        _summary(read, found)
    if (strict or config.strict) and any(not d.is_error for d in found):
        worst = max(worst, 1)
    return worst


def _missing_source(source: Path, file: Path | None, configured: bool) -> str:
    if configured:
        return _("letters: 找不到 {path}（{file} 中 [tool.letters] 的 sources）").format(
            path=source, file=file
        )
    return _(
        "letters: 找不到 {path}（默认的规格文件夹）；请在命令行给出规格文件或文件夹，"
        "或在 pyproject.toml 的 [tool.letters] 中设置 sources"
    ).format(path=source)


def cmd_render(
    specs: Sequence[str],
    outdir: Path,
    formats: tuple[str, ...],
    fmt: str,
    templates: Sequence[str] = (),
    locale: str | None = None,
    draft: bool = False,
) -> int:
    """Check and render every spec (in *locale* when given); refuse (exit 1, nothing written) a
    spec with errors."""
    from .rendering import produce

    files = spec_files(specs)
    stems: dict[str, Path] = {}
    for path in files:
        other = stems.setdefault(path.stem, path)
        if other != path:
            raise UsageError(
                _(
                    "letters: {first} 与 {second} 会写出同名文件 {stem}.*；请分两次生成到不同文件夹"
                ).format(first=other, second=path, stem=path.stem)
            )
    found: list[Diagnostic] = []
    worst = 0
    written: list[Path] = []
    for path in files:
        done = produce(
            path, formats, templates, folder=outdir, mode="overwrite", locale=locale, draft=draft
        )
        found.extend(done.diagnostics)
        if done.error is not None:  # a template or the output folder: stop, as for a usage error
            raise done.error
        worst = max(worst, done.exit_code)
        written.extend(outdir / name for name, _status in done.files)
    emit(found, fmt)
    # status lines on stdout like check's summary; with json/github stdout holds only findings
    status = sys.stdout if fmt == "text" else sys.stderr
    for w in written:
        print(_("已生成 {path}").format(path=w), file=status)
    if worst:
        print(_("存在错误的规格未生成文书。"), file=status)
    return worst
