"""The command line's usage layer: did-you-mean, --version, and argparse in the chosen language.

argparse's own English texts (``usage:``, ``options``, ``invalid choice`` …) go through our
catalogs (:mod:`letters.argparse_i18n`), so ``--help`` and usage errors are Chinese by default
and English with ``--lang en`` / ``LETTERS_LANG=en``.
"""

from __future__ import annotations

import argparse
import ast
import gettext
import inspect
import re
import tomllib

import pytest
from conftest import REPO, run_letters

import letters
from letters import argparse_i18n, i18n
from letters.cli import build_parser, main

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
# What argparse writes in English when nobody translates it.
ARGPARSE_ENGLISH = (
    "usage:",
    "options",
    "positional arguments",
    "show this help",
    "show program",
    "error:",
)
COMMANDS = sorted(
    next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)).choices
)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _subparsers(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


# ------------------------------------------------------------------ did you mean


@pytest.mark.parametrize("typed", ["chek", "CHECK", "Check", "chekc"])
def test_misspelt_command_suggests_the_nearest(
    capsys: pytest.CaptureFixture[str], typed: str
) -> None:
    code, out, err = _run(capsys, typed)
    assert code == 2 and out == ""
    assert f"无效的选择：“{typed}”，您是否想写“check”？" in err
    assert "Traceback" not in err


def test_misspelt_command_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "--lang", "en", "chek")
    assert code == 2 and out == ""
    assert "argument COMMAND: invalid choice: 'chek', maybe you meant 'check'?" in err
    assert not CJK.search(err), err


def test_letters_lang_environment_speaks_english(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LETTERS_LANG", "en")
    code, _, err = _run(capsys, "rendr")
    assert code == 2
    assert "maybe you meant 'render'?" in err and not CJK.search(err)


def test_misspelt_choice_of_an_option_suggests_too(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "check", "--format", "JSON", "contracts")
    assert code == 2
    assert "参数 --format：无效的选择：“JSON”，您是否想写“json”？" in err


def test_unrelated_command_lists_the_commands_without_a_guess(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = _run(capsys, "frobnicate")
    assert code == 2
    assert "无效的选择：“frobnicate”（可选：" in err and "您是否想写" not in err
    assert all(name in err for name in COMMANDS)


def test_usage_error_exit_code_from_the_console(tmp_path) -> None:
    done = run_letters("chek")
    assert done.returncode == 2 and done.stdout == ""
    assert "“check”" in done.stderr


@pytest.mark.parametrize("typed", ["TIER-ORDER", "Tier-Order", "tier-order"])
def test_rules_code_ignores_case(capsys: pytest.CaptureFixture[str], typed: str) -> None:
    code, out, err = _run(capsys, "rules", typed)
    assert code == 0, err
    assert out.startswith("tier-order（一致性规则；错误；")


@pytest.mark.parametrize("typed", ["TIER-ORDR", "tier_order", "Tierorder"])
def test_unknown_rules_code_suggests_the_nearest_ignoring_case(
    capsys: pytest.CaptureFixture[str], typed: str
) -> None:
    code, out, err = _run(capsys, "rules", typed)
    assert code == 2 and out == ""
    assert f"未知的规则代码“{typed}”" in err
    assert "您是否想写：tier-order" in err


# ------------------------------------------------------------------ --version


def _project_version() -> str:
    return str(
        tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    )


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version(capsys: pytest.CaptureFixture[str], flag: str) -> None:
    code, out, err = _run(capsys, flag)
    assert (code, out, err) == (0, f"letters {_project_version()}\n", "")


def test_version_has_one_source() -> None:
    """pyproject.toml's version is what -V prints; letters.__version__ must not drift from it."""
    assert letters.__version__ == _project_version()
    done = run_letters("-V")
    assert done.returncode == 0 and done.stdout == f"letters {_project_version()}\n"


# ------------------------------------------------------------------ --help and usage errors


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_is_chinese_by_default(
    capsys: pytest.CaptureFixture[str], command: str | None
) -> None:
    code, out, err = _run(capsys, *([command] if command else []), "--help")
    assert code == 0 and err == ""
    assert out.startswith("用法：letters")
    assert "显示此帮助信息并退出" in out and "选项" in out
    for word in ARGPARSE_ENGLISH:
        assert word not in out, f"{word!r} in letters {command} --help"


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_is_english_with_lang_en(
    capsys: pytest.CaptureFixture[str], command: str | None
) -> None:
    code, out, _ = _run(capsys, "--lang", "en", *([command] if command else []), "--help")
    assert code == 0
    assert out.startswith("usage: letters")
    assert "options:" in out and "show this help message and exit" in out
    assert "用法" not in out and "显示此帮助信息" not in out


def test_top_level_help_lists_version(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "--help")
    assert "-V, --version" in out and "显示程序版本号并退出" in out
    _, out, _ = _run(capsys, "--lang", "en", "--help")
    assert "show program's version number and exit" in out


@pytest.mark.parametrize(
    ("args", "chinese", "english"),
    [
        (
            ("render", "contracts"),
            "缺少必需的参数：-o/--output",
            "the following arguments are required: -o/--output",
        ),
        (("check", "--bogus"), "无法识别的参数：--bogus", "unrecognized arguments: --bogus"),
        (
            ("check", "--format"),
            "参数 --format：需要一个值",
            "argument --format: expected one argument",
        ),
        (
            ("render",),
            "缺少必需的参数：SPEC, -o/--output",
            "the following arguments are required: SPEC, -o/--output",
        ),
    ],
    ids=["required", "unrecognized", "expected-one", "required-two"],
)
def test_usage_errors_speak_the_chosen_language(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], chinese: str, english: str
) -> None:
    code, out, err = _run(capsys, *args)
    assert code == 2 and out == ""
    assert chinese in err
    for word in ARGPARSE_ENGLISH:
        assert word not in err
    code, out, err = _run(capsys, "--lang", "en", *args)
    assert code == 2 and out == ""
    assert english in err and not CJK.search(err), err


def test_every_subcommand_has_a_one_line_description_and_help() -> None:
    sub = _subparsers(build_parser())
    helps = {a.dest: a.help for a in sub._get_subactions()}
    assert sorted(helps) == COMMANDS
    for name, parser in sub.choices.items():
        for text in (parser.description, helps[name]):
            assert text and text.strip() and "\n" not in text, name
            assert CJK.search(text), f"{name}: {text!r} is not in the default language (Chinese)"


def test_english_help_has_no_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    """Every --help in English mode, descriptions included (needs the en catalog up to date)."""
    for command in [None, *COMMANDS]:
        code, out, _ = _run(capsys, "--lang", "en", *([command] if command else []), "--help")
        assert code == 0
        assert not CJK.search(out), f"letters {command} --help: {CJK.findall(out)}"


def test_description_shows_in_subcommand_help(capsys: pytest.CaptureFixture[str]) -> None:
    sub = _subparsers(build_parser())
    for name, parser in sub.choices.items():
        _, out, _ = _run(capsys, name, "--help")
        assert " ".join(parser.description.split()) in " ".join(out.split()), name


# ------------------------------------------------------------------ the argparse table


def _argparse_texts() -> tuple[set[str], set[str]]:
    """Return the literal texts the running argparse passes to _() and to ngettext()."""
    singles: set[str] = set()
    plurals: set[str] = set()
    for node in ast.walk(ast.parse(inspect.getsource(argparse))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                if node.func.id == "_":
                    singles.add(first.value)
                elif node.func.id == "ngettext":
                    plurals.add(first.value)
    return singles, plurals


def test_every_argparse_text_is_translated() -> None:
    singles, plurals = _argparse_texts()
    assert {"usage: ", "options", "expected one argument"} <= singles  # the scan works
    assert singles - set(argparse_i18n.MESSAGES) == set()
    assert plurals - set(argparse_i18n.PLURALS) == set()


def _placeholders(text: str) -> list[str]:
    """Return the %-placeholders of *text*; a named %(x)r may become “%(x)s” in Chinese quotes."""
    return sorted(
        p[:-1] + "s" if p.startswith("%(") else p for p in re.findall(r"%(?:\(\w+\))?[sr]", text)
    )


@pytest.mark.parametrize("english", sorted(argparse_i18n.MESSAGES))
def test_translations_keep_argparse_placeholders(english: str) -> None:
    chinese = argparse_i18n.MESSAGES[english]
    assert _placeholders(chinese) == _placeholders(english)
    assert chinese.endswith("\n") == english.endswith("\n")
    assert CJK.search(chinese), chinese


@pytest.mark.parametrize("english", [*sorted(argparse_i18n.MESSAGES), *argparse_i18n.PLURALS])
def test_argparse_texts_in_both_languages(english: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LETTERS_LANG", raising=False)
    try:
        for n in (1, 2):
            plural = english in argparse_i18n.PLURALS
            shown = (
                argparse_i18n.ngettext(english, english + "s", n)
                if plural
                else argparse_i18n.gettext(english)
            )
            assert CJK.search(shown) and _placeholders(shown) == _placeholders(english), shown
        i18n.set_language("en")
        for n in (1, 2):
            shown = (
                argparse_i18n.ngettext(english, english, n)
                if plural
                else argparse_i18n.gettext(english)
            )
            assert not CJK.search(shown) and _placeholders(shown) == _placeholders(english), shown
    finally:
        i18n.set_language(None)


def test_unknown_argparse_text_is_left_alone() -> None:
    assert (
        argparse_i18n.gettext("some text a newer argparse added")
        == "some text a newer argparse added"
    )
    assert argparse_i18n.ngettext("%s new thing", "%s new things", 2) == "%s new things"


def test_argparse_is_restored_after_a_run(capsys: pytest.CaptureFixture[str]) -> None:
    """In-process callers keep argparse's own gettext: the switch lasts for one run only."""
    for args in (
        ["chek"],
        ["--help"],
        ["-V"],
        ["--lang", "en", "check", "--help"],
        ["--lang", "xx"],
    ):
        main(args)
        assert vars(argparse)["_"] is gettext.gettext
        assert vars(argparse)["ngettext"] is gettext.ngettext
    capsys.readouterr()
    assert argparse.ArgumentParser(prog="x").format_usage().startswith("usage: x")


def test_nearest() -> None:
    assert argparse_i18n.nearest("CHECK", ["check", "render"]) == "check"
    assert argparse_i18n.nearest("rendr", ["check", "render"]) == "render"
    assert argparse_i18n.nearest("zzz", ["check", "render"]) is None
