"""Messages in two languages: Chinese by default, English with ``--lang en`` / ``LETTERS_LANG``.

The catalogs (letters/locale) are checked against the code: every message id the code uses is
in the template, every one has a translation in both catalogs with the same placeholders, and
the compiled .mo files are those of the .po files.  A message added without running
``scripts/i18n`` fails here.
"""

from __future__ import annotations

import ast
import atexit
import io
import json
import os
import re
import shutil
import string
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from conftest import REPO, cli_env

from letters import i18n
from letters.cli import main
from letters.units import parse_duration

LOCALE = REPO / "letters" / "locale"
LANGS = ("zh_CN", "en")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
# Specs with one error each, made from the project's own example (which has no warning): the
# acceptance specs carry legal-soundness warnings that would blur one-finding assertions.
_CLEAN = (REPO / "contracts" / "sla-response.yaml").read_text(encoding="utf-8")
_INVALID = Path(tempfile.mkdtemp(prefix="letters-i18n-"))
atexit.register(shutil.rmtree, _INVALID, True)
SHARES = _INVALID / "shares-sum.yaml"
SHARES.write_text(_CLEAN.replace("share: 10%", "share: 15%"), encoding="utf-8")
(_INVALID / "response-order.yaml").write_text(
    _CLEAN.replace("response: 5min", "response: 20min"), encoding="utf-8"
)


def _key(msgid: str | tuple[str, ...] | list[str]) -> str | tuple[str, ...]:
    return msgid if isinstance(msgid, str) else tuple(msgid)


def _catalog(lang: str):
    with open(LOCALE / lang / "LC_MESSAGES" / "letters.po", "rb") as fh:
        return read_po(fh, locale=lang, domain="letters")


def _template_ids() -> set[str | tuple[str, ...]]:
    with open(LOCALE / "letters.pot", "rb") as fh:
        return {_key(m.id) for m in read_po(fh) if m.id}


def _fields(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


# ------------------------------------------------------------------ the catalogs


def test_template_is_up_to_date_with_the_code() -> None:
    """Extract the message ids from the code as scripts/i18n does; they must be the .pot's."""
    method_map = [
        (m.group(2).strip(), m.group(1))
        for m in re.finditer(r"^\[(\w+):\s*(.+)\]$", (REPO / "babel.cfg").read_text(), re.M)
    ]
    assert method_map == [("letters/**.py", "python")]
    found = {
        _key(message)
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(REPO), method_map=method_map, keywords=DEFAULT_KEYWORDS
        )
    }
    template = _template_ids()
    new, gone = sorted(map(str, found - template)), sorted(map(str, template - found))
    assert not new, f"run scripts/i18n: messages missing from letters.pot: {new}"
    assert not gone, f"run scripts/i18n: messages no longer used in letters.pot: {gone}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_has_a_translation(lang: str) -> None:
    catalog = _catalog(lang)
    entries = {_key(m.id): m for m in catalog if m.id}
    template = _template_ids()
    assert set(entries) == template, f"run scripts/i18n: {lang} catalog differs from letters.pot"
    for key, msg in entries.items():
        ids = key if isinstance(key, tuple) else (key,)
        forms = msg.string if isinstance(msg.string, (tuple, list)) else (msg.string,)
        assert not msg.fuzzy, f"{lang}: fuzzy translation of {key!r}"
        assert len(forms) == catalog.num_plurals if msg.pluralizable else len(forms) == 1
        for i, form in enumerate(forms):
            assert form and form.strip(), f"{lang}: no translation of {key!r}"
            source = ids[min(i, len(ids) - 1)]
            assert _fields(form) == _fields(source), (
                f"{lang}: placeholders differ for {key!r}: {form!r}"
            )
            # the translation formats with the same names as the code passes
            form.format(**dict.fromkeys(_fields(source), "x"))


def test_chinese_catalog_is_the_source_text() -> None:
    for msg in _catalog("zh_CN"):
        if msg.id:
            assert msg.string == ((msg.id[0],) if msg.pluralizable else msg.id)


def test_english_catalog_is_english() -> None:
    """English messages hold no Chinese of their own (placeholders bring in the user's text).

    The exceptions quote the Chinese that a user writes or reads: duration units a spec may use
    (15分钟, ≤2小时), the role 法定代表人 that a signatory must be given, the 「」 marks that
    reference a defined term, the party labels and forums a spec writes (服务提供方, 甲方,
    杭州仲裁委员会), the two words 罚款 / 罚金 that a rule tells the user not to write, and the
    wording a rule asks for or refuses in a spec's own Chinese text (提前72小时书面通知,
    本服务水平协议 rather than 本协议).
    """
    allowed = {
        "15分钟",
        "4小时",
        "2小时",
        "30天",
        "1个工作日",
        "法定代表人",
        "「",
        "」",
        "服务提供方",
        "服务接受方",
        "甲方住所地人民法院",
        "杭州仲裁委员会",
        "甲方",
        "接收方",
        "罚款",
        "罚金",
        "提前72小时书面通知",
        "每月累计不超过4小时",
        "主协议",
        "本服务水平协议",
        "本承诺书",
        "本协议",
        "本附件",
        "按本协议约定提前通知",
    }
    for msg in _catalog("en"):
        if not msg.id:
            continue
        forms = msg.string if msg.pluralizable else (msg.string,)
        for form in forms:
            rest = form
            for word in sorted(allowed, key=len, reverse=True):  # the longest first
                rest = rest.replace(word, "")
            assert not CJK.search(rest), f"Chinese left in the English of {msg.id!r}: {form!r}"


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalogs_match_the_po_files(lang: str) -> None:
    catalog = _catalog(lang)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    fresh = read_mo(compiled)
    with open(LOCALE / lang / "LC_MESSAGES" / "letters.mo", "rb") as fh:
        committed = read_mo(fh)

    def messages(cat) -> dict[object, object]:
        return {_key(m.id): m.string for m in cat if m.id}

    assert messages(committed) == messages(fresh), f"run scripts/i18n: {lang} letters.mo is stale"
    assert len(messages(committed)) == len(_template_ids())


def test_package_data_ships_the_compiled_catalogs() -> None:
    """pyproject's package data must match the .mo files, so a plain install has both languages."""
    patterns = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"
    ]
    shipped = {p for pattern in patterns["letters"] for p in (REPO / "letters").glob(pattern)}
    for lang in LANGS:
        assert LOCALE / lang / "LC_MESSAGES" / "letters.mo" in shipped


def _i18n_check(repo: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHON": sys.executable}  # Babel of this interpreter, PATH or not
    return subprocess.run(
        ["bash", str(repo / "scripts" / "i18n"), "--check"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_i18n_script_check_passes() -> None:
    done = _i18n_check(REPO)
    assert done.returncode == 0, done.stderr


def _copy_catalog_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    for part in ("letters", "scripts", "templates", "babel.cfg"):
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, repo / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            repo.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, repo / part)
    return repo


def test_i18n_check_ignores_the_headers_another_babel_writes(tmp_path: Path) -> None:
    """Babel 2.19 writes another Generated-By line than 2.18: that is not a stale catalog."""
    repo = _copy_catalog_repo(tmp_path)
    for lang in LANGS:
        po = repo / "letters" / "locale" / lang / "LC_MESSAGES" / "letters.po"
        text = re.sub(
            r'"Generated-By: [^"]*"', r'"Generated-By: Babel 9.99.0\\n"', po.read_text("utf-8")
        )
        text = re.sub(
            r'"PO-Revision-Date: [^"]*"', r'"PO-Revision-Date: 2031-01-01 00:00+0000\\n"', text
        )
        po.write_text(text, "utf-8")
    done = _i18n_check(repo)
    assert done.returncode == 0, done.stderr


def test_i18n_check_finds_a_changed_translation(tmp_path: Path) -> None:
    """The .po is where translations are written: one changed there makes the .mo stale."""
    repo = _copy_catalog_repo(tmp_path)
    po = repo / "letters" / "locale" / "en" / "LC_MESSAGES" / "letters.po"
    text = po.read_text("utf-8")
    first = re.search(r'^msgstr "(.+)"$', text, re.M)
    assert first
    po.write_text(text.replace(first.group(0), 'msgstr "changed"', 1), "utf-8")
    done = _i18n_check(repo)
    assert done.returncode == 1 and "en/LC_MESSAGES/letters.mo" in done.stderr, done.stderr


def test_i18n_check_finds_a_message_missing_from_the_catalogs(tmp_path: Path) -> None:
    repo = _copy_catalog_repo(tmp_path)
    pot = repo / "letters" / "locale" / "letters.pot"
    text = pot.read_text("utf-8")
    entry = re.search(r'^(#.*\n)*msgid "嵌套超过 \{limit\} 层"\nmsgstr ""\n\n', text, re.M)
    assert entry, "the .pot holds the message"
    pot.write_text(text.replace(entry.group(0), ""), "utf-8")
    done = _i18n_check(repo)
    assert done.returncode == 1 and "letters/locale/letters.pot" in done.stderr, done.stderr


# ------------------------------------------------------------------ how the code uses _()


def _package_calls() -> list[tuple[Path, ast.Call, ast.AST | None]]:
    out = []
    for path in sorted((REPO / "letters").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            is_call = isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            if is_call and node.func.id in ("_", "N_", "ngettext"):  # type: ignore[attr-defined]
                out.append((path, node, parents.get(node)))
    return out


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def test_message_ids_are_literals_with_named_placeholders() -> None:
    calls = _package_calls()
    assert len(calls) > 200
    for path, call, parent in calls:
        where = f"{path.relative_to(REPO)}:{call.lineno}"
        name = call.func.id  # type: ignore[attr-defined]
        assert not call.keywords, where
        args = call.args[:2] if name == "ngettext" else call.args
        assert len(args) == (2 if name == "ngettext" else 1), where
        for arg in args:
            assert not isinstance(arg, ast.JoinedStr), f"{where}: f-string inside {name}()"
            assert not isinstance(arg, ast.BinOp), (
                f"{where}: built string inside {name}() (use .format)"
            )
            text = _literal(arg)
            if text is None:
                # _(CONSTANT): translating a text marked with N_() where it was defined
                assert name == "_" and isinstance(arg, (ast.Name, ast.Attribute, ast.Subscript)), (
                    where
                )
                continue
            assert text.strip(), f"{where}: empty message id"
            fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
            for field in fields:
                assert field.isidentifier(), (
                    f"{where}: placeholder {{{field}}} must be named, e.g. {{total}}"
                )
            if name == "N_":
                assert "{" not in text and "}" not in text, (
                    f"{where}: N_() texts are shown without .format"
                )
            elif fields or "{{" in text:
                formatted = isinstance(parent, ast.Attribute) and parent.attr == "format"
                assert formatted, f"{where}: a message with placeholders must be .format()ted"


# ------------------------------------------------------------------ choosing the language


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = cli_env()
    full.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "letters", *args],
        cwd=REPO,
        env=full,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def _finding(stdout: str) -> tuple[str, str]:
    line, _summary = stdout.splitlines()  # the finding, then the summary (on stdout, as ruff's)
    m = re.match(r"^.+?:\d+:\d+: error\[(?P<code>[a-z-]+)\] tiers: (?P<message>.+)$", line)
    assert m, line
    return m["code"], m["message"]


ENGLISH = "tier shares add up to 105% (60% + 30% + 15%); they must add up to exactly 100%"
CHINESE = "各级占比合计 105%（60% + 30% + 15%），应恰好为 100%"


def test_default_is_chinese() -> None:
    done = _run("check", str(SHARES))
    assert done.returncode == 1
    assert _finding(done.stdout) == ("share-sum", CHINESE)
    assert done.stdout.splitlines()[-1] == "检查了 1 个文件：1 个错误，0 个警告。"
    assert done.stderr == ""


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--lang", "en", str(SHARES)),
        ("--lang", "en", "check", str(SHARES)),
        ("check", str(SHARES), "--lang=en"),
        ("--lang=en_US", "check", str(SHARES)),
    ],
)
def test_lang_en_anywhere_on_the_line(args: tuple[str, ...]) -> None:
    done = _run(*args)
    assert done.returncode == 1, done.stderr
    code, message = _finding(done.stdout)
    assert code == "share-sum"  # codes are English slugs in every language
    assert message == ENGLISH
    assert not CJK.search(message)
    assert done.stdout.splitlines()[-1] == "Checked 1 file: 1 error, 0 warnings."


def test_letters_lang_environment() -> None:
    done = _run("check", str(SHARES), env={"LETTERS_LANG": "en"})
    assert _finding(done.stdout) == ("share-sum", ENGLISH)
    utf8 = _run("check", str(SHARES), env={"LETTERS_LANG": "en_GB.UTF-8"})
    assert _finding(utf8.stdout) == ("share-sum", ENGLISH)


def test_lang_option_wins_over_the_environment() -> None:
    done = _run("check", "--lang", "zh", str(SHARES), env={"LETTERS_LANG": "en"})
    assert _finding(done.stdout) == ("share-sum", CHINESE)
    done = _run("check", "--lang", "en", str(SHARES), env={"LETTERS_LANG": "zh_CN"})
    assert _finding(done.stdout) == ("share-sum", ENGLISH)


def test_json_output_in_english() -> None:
    done = _run("check", "--format", "json", "--lang", "en", str(SHARES))
    (item,) = json.loads(done.stdout)
    assert item["code"] == "share-sum" and item["message"] == ENGLISH
    assert done.stderr == ""


def test_plural_summary_in_english() -> None:
    done = _run("--lang", "en", "check", str(SHARES.parent))
    summary = done.stdout.splitlines()[-1]
    assert re.fullmatch(r"Checked \d+ files: \d+ errors, 0 warnings\.", summary), done.stdout


@pytest.mark.parametrize(
    ("args", "env", "shown"),
    [
        (("--lang", "xx", "check"), {}, "xx"),
        (("check", "--lang=fr"), {}, "fr"),
        (("check",), {"LETTERS_LANG": "klingon"}, "klingon"),
    ],
)
def test_unknown_language_is_a_usage_error(
    args: tuple[str, ...], env: dict[str, str], shown: str
) -> None:
    done = _run(*args, str(SHARES), env=env)
    assert done.returncode == 2
    assert done.stdout == ""
    assert f"“{shown}”" in done.stderr and "zh_CN" in done.stderr and "en" in done.stderr
    assert "Traceback" not in done.stderr


def test_lang_without_value_is_a_usage_error() -> None:
    done = _run("check", str(SHARES), "--lang")
    assert done.returncode == 2 and "--lang" in done.stderr


def test_help_documents_lang() -> None:
    done = _run("--help")
    assert "--lang" in done.stdout and "LETTERS_LANG" in done.stdout
    english = _run("--lang", "en", "--help")
    assert "language of the messages" in english.stdout
    assert "check specs" in english.stdout


def test_rules_in_english() -> None:
    done = _run("--lang", "en", "rules", "tier-order")
    assert done.returncode == 0, done.stderr
    assert "tier-order (consistency rule; error; applies to: sla-response)" in done.stdout
    assert "Why it matters:" in done.stdout
    assert (
        "→ error[tier-order] tiers[1].response: L2 response time 45min is not faster than"
        in done.stdout
    )


def test_load_problem_in_english(tmp_path: Path) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text("template: sla-respones\n", encoding="utf-8")
    done = _run("--lang", "en", "check", str(spec))
    assert done.returncode == 1
    assert (
        'error[unknown-template] template: unknown letter kind "sla-respones". Did you mean "sla-response"?'
        in done.stdout
    )
    assert "sla-response (service response-time commitment letter)" in done.stdout


def test_main_restores_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    """An in-process run with --lang leaves the process as it found it (tests, editor plugins)."""
    assert "LETTERS_LANG" not in os.environ
    assert main(["check", "--lang", "en", str(SHARES)]) == 1
    assert ENGLISH in capsys.readouterr().out
    assert i18n.language() == "zh_CN"
    assert "LETTERS_LANG" not in os.environ
    assert main(["check", str(SHARES)]) == 1
    assert CHINESE in capsys.readouterr().out


# ------------------------------------------------------------------ the i18n module


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("LETTERS_LANG", raising=False)
    i18n.set_language("en")
    yield
    i18n.set_language(None)


def test_set_language_exports_the_environment(english, monkeypatch: pytest.MonkeyPatch) -> None:
    assert i18n.language() == "en"
    assert os.environ["LETTERS_LANG"] == "en"  # so that worker processes speak it too
    assert i18n._("各级占比合计 {total}（{parts}），应恰好为 100%").startswith("tier shares")
    i18n.set_language("zh_CN")
    assert i18n.language() == "zh_CN"
    assert i18n._("文件为空") == "文件为空"


@pytest.mark.parametrize(
    ("raw", "lang"),
    [
        ("en", "en"),
        ("EN", "en"),
        ("en_US.UTF-8", "en"),
        ("en-GB", "en"),
        ("zh", "zh_CN"),
        ("zh_CN", "zh_CN"),
        ("zh-CN", "zh_CN"),
        ("zh_CN.UTF-8", "zh_CN"),
        ("fr", None),
        ("", None),
    ],
)
def test_normalize(raw: str, lang: str | None) -> None:
    assert i18n.normalize(raw) == lang


def test_unknown_language_raises() -> None:
    with pytest.raises(ValueError):
        i18n.set_language("xx")


def test_environment_is_read_when_nothing_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LETTERS_LANG", "en")
    assert i18n.language() == "en"
    monkeypatch.setenv("LETTERS_LANG", "de")  # the CLI refuses it; the library falls back
    assert i18n.language() == "zh_CN"
    assert i18n.env_language() == "de"


def test_rule_summaries_translate_where_shown(english) -> None:
    from letters.checks import RULES

    summary = RULES["share-sum"].summary
    assert summary == "各响应级别的预计占比合计必须恰好为 100%"  # the message id, as defined
    assert (
        i18n._(summary) == "the expected shares of the response tiers must add up to exactly 100%"
    )


def test_describe_translates_at_use_time(english) -> None:
    from letters.modeling import describe

    assert describe(str) == "text"
    i18n.set_language("zh")
    assert describe(str) == "文字"


def test_durations_in_messages(english) -> None:
    assert parse_duration("15分钟").text() == "15min"
    assert parse_duration("1个工作日").text() == "1workday"
    assert parse_duration("3workdays").text() == "3workdays"
    assert str(parse_duration("15min")) == "15分钟"  # the letter's own wording never changes
    i18n.set_language(None)
    assert parse_duration("15min").text() == "15分钟"


def test_import_stays_cheap() -> None:
    """Importing letters must not load gettext catalogs; a check loads exactly one."""
    code = (
        "import sys\n"
        "import letters.i18n as i\n"
        "import letters\n"
        "assert not i._catalogs, i._catalogs\n"
        "from letters.cli import main\n"
        f"main(['check', {str(SHARES)!r}])\n"
        "assert list(i._catalogs) == ['zh_CN'], i._catalogs\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=cli_env(), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
