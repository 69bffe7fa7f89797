"""Provide the ``letters`` command line: a thin layer over the public API.

Exit codes follow ruff and mypy: 0 clean (warnings allowed), 1 findings or refusal, 2 usage,
I/O or internal error.  No traceback ever reaches the user (set ``LETTERS_DEBUG=1`` to see one).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from . import i18n
from .diagnostics import Diagnostic, LettersError, SpecError, UsageError, format_all
from .i18n import _, ngettext

SPEC_SUFFIXES = (".yaml", ".yml")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(_("{prog}: 用法错误：{message}\n（用 {prog} --help 查看用法）").format(prog=self.prog, message=message))


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``letters`` command."""
    p = _Parser(prog="letters", description=_("从 YAML 合同规格生成经过校验的中文承诺函（DOCX 与 Markdown）。"))
    p.add_argument("--version", action="version", version="letters 0.1.0")
    p.add_argument(
        "--lang",
        metavar="{zh,en}",
        help=_("消息语言：zh（中文，默认）或 en（英文）；可写在命令行任意位置，优先于环境变量 LETTERS_LANG"),
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    c = sub.add_parser("check", help=_("校验规格：字段、类型与数字之间的一致性"))
    c.add_argument("paths", nargs="*", metavar="PATH", help=_("规格文件或文件夹（默认 contracts/）"))
    c.add_argument("--format", choices=("text", "json", "github"), default="text", help=_("输出格式"))

    r = sub.add_parser("render", help=_("校验并生成承诺函（DOCX / Markdown）"))
    r.add_argument("specs", nargs="+", metavar="SPEC", help=_("规格文件或文件夹"))
    r.add_argument("-o", "--output", required=True, metavar="DIR", help=_("输出文件夹"))
    r.add_argument("--to", default="docx,md", help=_("输出格式，逗号分隔：docx,md（默认两者）"))
    r.add_argument("--format", choices=("text", "json", "github"), default="text", help=_("诊断输出格式"))
    r.add_argument("--templates", action="append", default=[], metavar="DIR", help=_("自定义模板文件夹（优先于内置模板）"))
    for module in _EXTENSIONS:
        _HANDLERS.update(importlib.import_module(module).register(sub))
    return p


# Command modules that add their own sub-commands: each has ``register(subparsers)`` returning
# ``{command: handler(args) -> exit code}``.  They must import nothing heavy at module level.
_EXTENSIONS = ("letters.cli_batch", "letters.cli_authoring")
_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv*; return the exit code.

    ``--lang`` (anywhere on the line) chooses the language of the messages for this run only:
    the language and ``LETTERS_LANG`` are restored afterwards, so in-process callers (tests, an
    editor integration) are not switched for good.
    """
    saved = i18n.snapshot()
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    finally:
        i18n.restore(saved)


def _main(argv: list[str]) -> int:
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
            print(_("letters：输入/输出错误：{error}").format(error=exc.strerror or exc), file=sys.stderr)
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
                raise UsageError(_("letters: --lang 需要一个值：zh、zh_CN 或 en"))
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
                _("letters: 不支持的语言“{lang}”（{where}；可选 zh、zh_CN、en）").format(
                    lang=bad, where=i18n.ENV
                )
            )
    return rest


def _set_language(lang: str, where: str) -> None:
    try:
        i18n.set_language(lang)
    except ValueError:
        raise UsageError(
            _("letters: 不支持的语言“{lang}”（{where}；可选 zh、zh_CN、en）").format(lang=lang, where=where)
        ) from None


def _run(argv: list[str]) -> int:
    parser = build_parser()
    if not argv:
        parser.print_help()
        return 2
    args = parser.parse_args(argv)
    if args.lang is not None:  # only an abbreviation (--la en) gets this far
        _set_language(args.lang, "--lang")
    if args.command == "check":
        return cmd_check(args.paths or ["contracts"], args.format)
    if args.command == "render":
        formats = _formats(args.to)
        templates = args.templates or _config_templates()
        return cmd_render(args.specs, Path(args.output), formats, args.format, templates)
    if args.command in _HANDLERS:
        return _HANDLERS[args.command](args)
    parser.print_help()
    return 2


def _config_templates() -> list[str]:
    """Return the template folders of ``[tool.letters] templates`` in ./pyproject.toml."""
    from .config import load_config

    return [str(p) for p in load_config().templates]


def formats_arg(text: str) -> tuple[str, ...]:
    """Parse a ``--to docx,md`` value; raise UsageError for unknown formats."""
    return _formats(text)


def _formats(text: str) -> tuple[str, ...]:
    formats = tuple(x.strip() for x in text.split(",") if x.strip())
    bad = [x for x in formats if x not in ("docx", "md")]
    if bad or not formats:
        raise UsageError(
            _("letters: 不支持的输出格式：{formats}（可选 docx、md）").format(formats=", ".join(bad) or text)
        )
    return formats


def spec_files(paths: Iterable[str]) -> list[Path]:
    """Expand files and folders into a sorted list of spec files; raise UsageError if none."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.suffix in SPEC_SUFFIXES and q.is_file()))
        elif p.exists() or p.suffix in SPEC_SUFFIXES:
            out.append(p)
        else:
            raise UsageError(_("letters: 找不到 {path}").format(path=raw))
    if not out:
        raise UsageError(_("letters: 没有找到规格文件（*.yaml）"))
    return out


def emit(diags: Sequence[Diagnostic], fmt: str) -> None:
    """Print *diags* to stdout in *fmt* (text, json or github)."""
    if fmt == "json":
        print(format_all(diags, "json"))
    elif diags:
        print(format_all(diags, fmt))


def _summary(files: int, diags: Sequence[Diagnostic]) -> None:
    errors = sum(d.is_error for d in diags)
    warnings = len(diags) - errors
    print(
        _("检查了 {files}：{errors}，{warnings}。").format(
            files=ngettext("{count} 个文件", "{count} 个文件", files).format(count=files),
            errors=ngettext("{count} 个错误", "{count} 个错误", errors).format(count=errors),
            warnings=ngettext("{count} 个警告", "{count} 个警告", warnings).format(count=warnings),
        ),
        file=sys.stderr,
    )


def collect(path: Path) -> tuple[list[Diagnostic], int]:
    """Load and check one spec; return its findings and the worst exit code it implies."""
    from .checks import check
    from .spec import load

    try:
        contract = load(path)
    except SpecError as exc:
        return exc.diagnostics, exc.exit_code
    diags = check(contract)
    return diags, 1 if any(d.is_error for d in diags) else 0


def cmd_check(paths: Sequence[str], fmt: str) -> int:
    """Check every spec under *paths*; print findings; return 0, 1 or 2."""
    files = spec_files(paths)
    found: list[Diagnostic] = []
    worst = 0
    for path in files:
        diags, code = collect(path)
        found.extend(diags)
        worst = max(worst, code)
    emit(found, fmt)
    if fmt == "text":
        _summary(len(files), found)
    return worst


def cmd_render(
    specs: Sequence[str],
    outdir: Path,
    formats: tuple[str, ...],
    fmt: str,
    templates: Sequence[str] = (),
) -> int:
    """Check and render every spec; refuse (exit 1, nothing written) a spec with errors."""
    from .checks import check
    from .output import write_atomic
    from .rendering import render_contract
    from .spec import load

    files = spec_files(specs)
    stems: dict[str, Path] = {}
    for path in files:
        other = stems.setdefault(path.stem, path)
        if other != path:
            raise UsageError(
                _("letters: {first} 与 {second} 会写出同名文件 {stem}.*；请分两次生成到不同文件夹").format(
                    first=other, second=path, stem=path.stem
                )
            )
    found: list[Diagnostic] = []
    worst = 0
    written: list[Path] = []
    for path in files:
        try:
            contract = load(path)
        except SpecError as exc:
            found.extend(exc.diagnostics)
            worst = max(worst, exc.exit_code)
            continue
        diags = check(contract)
        found.extend(diags)
        if any(d.is_error for d in diags):
            worst = max(worst, 1)
            continue
        outputs = render_contract(contract, formats, templates)
        for ext, data in outputs.items():
            written.append(write_atomic(outdir, f"{contract.stem}.{ext}", data))
    emit(found, fmt)
    for w in written:
        print(_("已生成 {path}").format(path=w), file=sys.stderr)
    if worst:
        print(_("存在错误的规格未生成文书。"), file=sys.stderr)
    return worst
