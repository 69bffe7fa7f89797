"""Add the authoring sub-commands: ``schema``, ``templates``, ``new`` and ``rules``.

:func:`register` only adds parsers (the CLI calls it on every run); each handler imports what
it needs when it runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .i18n import N_, _, join

Handler = Callable[[argparse.Namespace], int]

_SEVERITY = {"error": N_("错误"), "warning": N_("警告")}  # translated when shown


def register(sub: Any) -> dict[str, Handler]:
    """Add this module's sub-commands to *sub*; return their handlers."""
    s = sub.add_parser(
        "schema",
        help=_("输出规格的 JSON Schema（供编辑器补全与校验）"),
        description=_(
            "输出由模型生成的 JSON Schema（draft 2020-12）。不给 TEMPLATE 时输出按 template 切换的合并版本。"
        ),
    )
    s.add_argument(
        "template", nargs="?", metavar="TEMPLATE", help=_("文书类型（默认：全部类型合并）")
    )

    t = sub.add_parser(
        "templates",
        help=_("列出可用的文书类型（含自定义模板）"),
        description=_("列出内置文书类型及自定义模板文件夹中的模板。"),
    )
    t.add_argument(
        "--templates",
        action="append",
        default=[],
        metavar="DIR",
        help=_(
            "自定义模板文件夹（优先于内置模板；默认读取 pyproject.toml 的 [tool.letters] templates）"
        ),
    )

    n = sub.add_parser(
        "new",
        help=_("生成一份带注释的起始规格"),
        description=_("生成一份带中文注释、可直接通过 letters check 的起始规格。"),
    )
    n.add_argument("template", metavar="TEMPLATE", help=_("文书类型（letters templates 列出全部）"))
    n.add_argument("-o", "--output", metavar="FILE", help=_("写入文件（默认输出到标准输出）"))
    n.add_argument("--force", action="store_true", help=_("覆盖已存在的文件"))

    r = sub.add_parser(
        "rules",
        help=_("列出或解释一致性规则与问题代码"),
        description=_(
            "不给 CODE 时列出全部代码；给出 CODE 时解释该规则，并附上经过验证的反例与正例。"
        ),
    )
    r.add_argument("code", nargs="?", metavar="CODE", help=_("规则代码，如 tier-order"))
    return {"schema": cmd_schema, "templates": cmd_templates, "new": cmd_new, "rules": cmd_rules}


# ------------------------------------------------------------------ schema


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of one letter kind, or the combined one."""
    from . import kinds
    from .json_schema import schema_text

    if args.template is not None and kinds.find(args.template) is None:
        from .scaffold import unknown_kind

        raise unknown_kind(args.template)
    sys.stdout.write(schema_text(args.template))
    return 0


# ------------------------------------------------------------------ templates


def configured_templates() -> list[str]:
    """Return ``[tool.letters] templates`` of ./pyproject.toml (as ``letters build`` reads it)."""
    from .config import load_config

    return [str(p) for p in load_config().templates]


def _template_note(path: Path) -> str:
    """Return the text of a leading ``{# … #}`` comment of a template file, or ""."""
    try:
        head = path.read_text(encoding="utf-8")[:500].lstrip()
    except (OSError, UnicodeDecodeError):
        return ""
    if not head.startswith("{#"):
        return ""
    end = head.find("#}")
    if end < 0:
        return ""
    body = head[2:end].strip("-+ \n")
    return body.splitlines()[0].strip() if body else ""


def template_rows(extra: Sequence[str]) -> list[tuple[str, str, str]]:
    """Return (name, description, where) for every letter kind; *where* names custom files."""
    from . import kinds
    from .compose import TEMPLATE_SUFFIX, builtin_folders, search_path

    builtin = {Path(f).resolve() for f in builtin_folders()}
    found: dict[str, Path] = {}
    for folder in search_path(extra):
        if Path(folder).resolve() in builtin:
            continue
        for p in sorted(Path(folder).glob("*" + TEMPLATE_SUFFIX)):
            found.setdefault(p.name[: -len(TEMPLATE_SUFFIX)], p)
    rows: list[tuple[str, str, str]] = []
    for name, kind in kinds.all_kinds().items():
        where = _("自定义模板：{path}").format(path=found[name]) if name in found else ""
        rows.append((name, _(kind.title), where))
    for name, path in found.items():
        if kinds.find(name) is None:
            note = _template_note(path) or _("（自定义模板，无说明）")
            rows.append((name, note, _("自定义模板：{path}").format(path=path)))
    return rows


def cmd_templates(args: argparse.Namespace) -> int:
    """List the letter kinds: built-in ones with their description, then custom templates."""
    extra = args.templates or configured_templates()
    for folder in extra:
        if not Path(folder).is_dir():
            from .diagnostics import UsageError

            raise UsageError(_("letters: 找不到模板文件夹 {folder}").format(folder=folder))
    rows = template_rows(extra)
    width = max(len(r[0]) for r in rows)
    for name, about, where in rows:
        tail = f"  [{where}]" if where else ""
        print(f"{name.ljust(width)}  {about}{tail}")
    return 0


# ------------------------------------------------------------------ new


def cmd_new(args: argparse.Namespace) -> int:
    """Print or write the commented starting spec of a letter kind."""
    from .scaffold import kinds, scaffold_text, unknown_kind, write_scaffold

    if args.template not in kinds():
        raise unknown_kind(args.template)
    if args.output is None:
        sys.stdout.write(scaffold_text(args.template))
        return 0
    path = write_scaffold(args.template, args.output, force=args.force)
    print(
        _("已生成 {path}。修改示例值后运行：letters check {path}").format(path=path),
        file=sys.stderr,
    )
    return 0


# ------------------------------------------------------------------ rules


def cmd_rules(args: argparse.Namespace) -> int:
    """List every finding code, or explain one with a verified failing and passing example."""
    if args.code is None:
        _list_rules()
        return 0
    from . import explain
    from .diagnostics import UsageError

    code = {c.lower(): c for c in explain.all_codes()}.get(
        args.code.lower(), args.code
    )  # TIER-ORDER
    try:
        info = explain.info(code)
    except KeyError:
        close = explain.suggest(args.code.lower())  # the codes are lower-case slugs
        hint = _("您是否想写：{codes}？").format(codes=join(close)) if close else ""
        raise UsageError(
            _("letters: 未知的规则代码“{code}”。{hint}（letters rules 列出全部代码）").format(
                code=args.code, hint=hint
            )
        ) from None
    _explain(info)
    return 0


def _kinds_text(templates: Sequence[str] | None) -> str:
    """Return the kinds a code applies to; None (a shared rule or problem): every kind."""
    return _("全部文书类型") if templates is None else join(templates)


def _list_rules() -> None:
    from . import explain
    from .checks import RULES

    rows = [(r.code, r.severity, _kinds_text(r.kinds), _(r.summary)) for r in RULES.values()]
    load = [
        (code, lc.severity, _kinds_text(lc.templates), _(lc.summary))
        for code, lc in explain.LOAD_CODES.items()
    ]
    batch = [
        (code, bc.severity, _kinds_text(bc.templates), _(bc.summary))
        for code, bc in explain.BATCH_CODES.items()
    ]
    verify = [
        (code, vc.severity, _kinds_text(vc.templates), _(vc.summary))
        for code, vc in explain.VERIFY_CODES.items()
    ]
    width = max(len(r[0]) for r in rows + load + batch + verify)
    print(_("一致性规则（letters check 在规格读入后检查）："))
    for code, sev, kinds, summary in rows:
        print(f"  {code.ljust(width)}  {sev.ljust(7)}  {_pad(kinds, 12)}  {summary}")
    print()
    print(_("读入问题（规格无法读取或建模时报告）："))
    for code, sev, kinds, summary in load:
        print(f"  {code.ljust(width)}  {sev.ljust(7)}  {_pad(kinds, 12)}  {summary}")
    print()
    print(_("客户表与输出问题（letters batch、letters build 报告）："))
    for code, sev, kinds, summary in batch:
        print(f"  {code.ljust(width)}  {sev.ljust(7)}  {_pad(kinds, 12)}  {summary}")
    print()
    print(_("承诺函核对问题（letters verify 报告）："))
    for code, sev, kinds, summary in verify:
        print(f"  {code.ljust(width)}  {sev.ljust(7)}  {_pad(kinds, 12)}  {summary}")
    print()
    print(_("用 letters rules CODE 查看某条规则的说明和示例。"))


def _pad(text: str, width: int) -> str:
    from .formatting import display_width

    return text + " " * max(width - display_width(text), 0)


def _explain(info: Any) -> None:
    from . import explain

    kind = (
        _("一致性规则")
        if info.is_rule
        else _("承诺函核对问题")
        if info.code in explain.VERIFY_CODES
        else _("客户表与输出问题")
        if info.is_batch
        else _("读入问题")
    )
    severity = _(_SEVERITY[info.severity]) if info.severity in _SEVERITY else info.severity
    print(
        _("{code}（{kind}；{severity}；适用于：{kinds}）").format(
            code=info.code, kind=kind, severity=severity, kinds=_kinds_text(info.templates)
        )
    )
    print()
    print(_(info.summary))
    if info.doc.why:
        print()
        print(_("为什么重要："))
        print(f"  {_(info.doc.why)}")
    ex = explain.example(info.code)
    if ex is None:
        return
    print()
    if ex.table:
        print(
            _("不通过的客户表 {table}（基础规格为 letters new {kind} 的起始规格）：").format(
                table=explain.TABLE_NAME, kind=ex.base
            )
        )
    else:
        print(_("不通过的写法（以 letters new {kind} 的起始规格为基础）：").format(kind=ex.base))
    print()
    for line in ex.failing:
        print(f"    {line}")
    print()
    for d in ex.found:
        print(f"  → {explain.finding_line(d, position=ex.table)}")
    print()
    print(_("通过的客户表：") if ex.table else _("通过的写法："))
    print()
    for line in ex.passing:
        print(f"    {line}")
