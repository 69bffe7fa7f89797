"""Make argparse speak the chosen language: its own English texts go through our catalogs.

argparse translates its texts (``usage: ``, ``options``, ``invalid choice: …``) with the
module-level ``_`` and ``ngettext`` that it imports from :mod:`gettext`.  :func:`speaking`
swaps them, for the duration of one command-line run, for :func:`gettext` and
:func:`ngettext` here: each English text is looked up in :data:`MESSAGES` (English → Chinese
message id, marked with ``N_`` so that ``scripts/i18n`` extracts it) and translated with
:mod:`letters.i18n`, so Chinese by default and English again through the en catalog.  An
English text that is not in the table, or not translated yet, is shown as argparse wrote it.

The placeholders are argparse's own (``%s``, ``%r``, ``%(prog)s`` …), because argparse formats
the text it gets back: every translation must keep them exactly.  The table covers every
``_()``/``ngettext()`` text of Python 3.11's argparse and those newer versions added
(tests/test_cli_usage.py checks it against the running Python).
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterable, Iterator

from . import i18n
from .i18n import N_, _

MESSAGES: dict[str, str] = {
    # help
    "usage: ": N_("用法："),
    "positional arguments": N_("位置参数"),
    "options": N_("选项"),
    "subcommands": N_("子命令"),
    "%(heading)s:": N_("%(heading)s："),
    "show this help message and exit": N_("显示此帮助信息并退出"),
    "show program's version number and exit": N_("显示程序版本号并退出"),
    " (default: %(default)s)": N_("（默认：%(default)s）"),
    # usage errors
    "%(prog)s: error: %(message)s\n": N_("%(prog)s：错误：%(message)s\n"),
    "%(prog)s: warning: %(message)s\n": N_("%(prog)s：警告：%(message)s\n"),
    "argument %(argument_name)s: %(message)s": N_("参数 %(argument_name)s：%(message)s"),
    "unrecognized arguments: %s": N_("无法识别的参数：%s"),
    "the following arguments are required: %s": N_("缺少必需的参数：%s"),
    "one of the arguments %s is required": N_("必须给出参数 %s 中的一个"),
    "not allowed with argument %s": N_("不能与参数 %s 同时使用"),
    "ignored explicit argument %r": N_("不接受值 %r"),
    "ambiguous option: %(option)s could match %(matches)s": N_(
        "选项有歧义：%(option)s 可以是 %(matches)s"
    ),
    "unexpected option string: %s": N_("意外的选项：%s"),
    "expected one argument": N_("需要一个值"),
    "expected at most one argument": N_("最多只能给一个值"),
    "expected at least one argument": N_("至少需要一个值"),
    "invalid %(type)s value: %(value)r": N_("无效的 %(type)s 值：“%(value)s”"),
    "invalid choice: %(value)r (choose from %(choices)s)": N_(
        "无效的选择：“%(value)s”（可选：%(choices)s）"
    ),
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)": N_(
        "无效的选择：“%(value)s”，您是否想写“%(closest)s”？（可选：%(choices)s）"
    ),
    "unknown parser %(parser_name)r (choices: %(choices)s)": N_(
        "未知的子命令 %(parser_name)r（可选：%(choices)s）"
    ),
    "command '%(parser_name)s' is deprecated": N_("命令“%(parser_name)s”已弃用"),
    "option '%(option)s' is deprecated": N_("选项“%(option)s”已弃用"),
    "argument '%(argument_name)s' is deprecated": N_("参数“%(argument_name)s”已弃用"),
    'argument "-" with mode %r': N_("参数“-”不支持模式 %r"),
    "can't open '%(filename)s': %(error)s": N_("无法打开“%(filename)s”：%(error)s"),
    # mistakes in a parser definition (never reach a user, translated for completeness)
    ".__call__() not defined": N_("未定义 .__call__()"),
    "'required' is an invalid argument for positionals": N_("位置参数不能使用 'required'"),
    "mutually exclusive arguments must be optional": N_("互斥的参数必须是可选参数"),
    "%r is not callable": N_("%r 不可调用"),
    "cannot merge actions - two groups are named %r": N_("无法合并参数：两个参数组都名为 %r"),
    "invalid option string %(option)r: must start with a character %(prefix_chars)r": N_(
        "无效的选项 %(option)r：必须以字符 %(prefix_chars)r 开头"
    ),
    "dest= is required for options like %r": N_("%r 这样的选项需要 dest="),
    "invalid conflict_resolution value: %r": N_("无效的 conflict_resolution 值：%r"),
    "cannot have multiple subparser arguments": N_("不能有多个子命令参数"),
    "conflicting subparser: %s": N_("子命令冲突：%s"),
    "conflicting subparser alias: %s": N_("子命令别名冲突：%s"),
}

# The plural texts: (singular, plural) of argparse → our ngettext() call.
PLURALS = ("expected %s argument", "conflicting option string: %s")

# Our own suggestion for a mistyped choice reuses this text (Python 3.14 prints it too).
MAYBE = "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)"


def gettext(message: str) -> str:
    """Return argparse's English *message* in the current language (unknown texts unchanged)."""
    source = MESSAGES.get(message)
    if source is None:
        return message
    text = _(source)
    return message if text == source and i18n.language() != i18n.DEFAULT else text


def ngettext(singular: str, plural: str, n: int) -> str:
    """Return the form of argparse's English *singular*/*plural* for *n*, in the current language."""
    if singular == "expected %s argument":
        text = i18n.ngettext("需要 %s 个值", "需要 %s 个值", n)
    elif singular == "conflicting option string: %s":
        text = i18n.ngettext("选项冲突：%s", "选项冲突：%s", n)
    else:
        return singular if n == 1 else plural
    if i18n.language() != i18n.DEFAULT and not text.isascii():  # Chinese: not translated yet
        return singular if n == 1 else plural
    return text


@contextlib.contextmanager
def speaking() -> Iterator[None]:
    """Route argparse's texts through :func:`gettext`/:func:`ngettext`; restore them afterwards."""
    module = vars(argparse)
    saved = module["_"], module["ngettext"]
    module["_"], module["ngettext"] = gettext, ngettext
    try:
        yield
    finally:
        module["_"], module["ngettext"] = saved


def nearest(word: str, choices: Iterable[str]) -> str | None:
    """Return the choice closest to *word*, ignoring case (``CHECK`` → ``check``), or None."""
    by_lower: dict[str, str] = {}
    for choice in choices:
        by_lower.setdefault(choice.lower(), choice)
    key = word.lower()
    if key in by_lower:
        return by_lower[key]
    import difflib

    close = difflib.get_close_matches(key, list(by_lower), n=1, cutoff=0.6)
    return by_lower[close[0]] if close else None
