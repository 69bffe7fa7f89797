"""``letters batch`` and ``letters build`` in English: findings, summaries, status lines, help.

Codes, rows and columns are the same in every language; only the wording changes.  The Chinese
wording is asserted by tests/test_batch.py and tests/test_build.py.
"""

from __future__ import annotations

import ast
import csv
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, run_letters

from letters import i18n
from letters.batch import DEFAULT_PATTERN
from letters.cli import main
from letters.config import load_config
from letters.diagnostics import UsageError

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
MODULES = (
    *(f"batch/{p.name}" for p in sorted((REPO / "letters" / "batch").glob("*.py"))),
    "build.py",
    "config.py",
    "cli_batch.py",
    "output.py",
)


def rows_of(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


@pytest.fixture
def base() -> Path:
    return REPO / "contracts" / "sla-response.yaml"  # no warnings: the summaries stand alone


@pytest.fixture
def clients(acceptance: Path) -> Path:
    return acceptance / "clients.csv"


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("LETTERS_LANG", raising=False)
    i18n.set_language("en")
    yield
    i18n.set_language(None)


# ------------------------------------------------------------------------------------ the code


def test_no_chinese_outside_messages() -> None:
    """Every Chinese text of these modules goes through _(), N_() or ngettext()."""
    for name in MODULES:
        path = REPO / "letters" / name
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            if not CJK.search(node.value) or isinstance(parents.get(node), ast.Expr):  # docstrings
                continue
            call = parents.get(node)
            translated = isinstance(call, ast.Call) and getattr(call.func, "id", None) in (
                "_",
                "N_",
                "ngettext",
            )
            assert translated, f"letters/{name}:{node.lineno}: untranslated text {node.value!r}"


# ------------------------------------------------------------------------------------ batch


def test_bad_cell_in_english(base: Path, clients: Path, tmp_path: Path) -> None:
    """Worker processes (-j 2) speak the language of the command line too."""
    rows = rows_of(clients)
    rows[2][3] = "56万"  # the 2nd client's agreement.total: row 3, column 4
    table = write_csv(tmp_path / "clients.csv", rows)
    out = tmp_path / "out"
    done = run_letters("batch", base, "--clients", table, "-o", out, "-j", "2", "--lang", "en")
    assert done.returncode == 1, done.stderr
    (line,) = [x for x in done.stdout.splitlines() if "error[" in x]
    prefix = f"{table}:3:4: error[invalid-value] agreement.total: "
    assert line.startswith(prefix)
    message = line[len(prefix) :]
    assert message.startswith('"56万" is not an amount'), message
    assert not CJK.search(message.replace("56万", ""))
    assert re.fullmatch(
        rf"Rendered 3 letters, 1 failed, in \d+\.\d s \(output in {re.escape(str(out))}\)",
        done.stdout.splitlines()[-1],
    ), done.stdout


def test_bad_cell_in_chinese_by_default(base: Path, clients: Path, tmp_path: Path) -> None:
    rows = rows_of(clients)
    rows[2][3] = "56万"
    table = write_csv(tmp_path / "clients.csv", rows)
    out = tmp_path / "out"
    done = run_letters("batch", base, "--clients", table, "-o", out, "-j", "1")
    assert f"{table}:3:4: error[invalid-value] agreement.total: “56万”不是金额" in done.stdout
    assert re.fullmatch(
        rf"生成 3 份，失败 1 份，用时 \d+\.\d s（输出到 {re.escape(str(out))}）",
        done.stdout.splitlines()[-1],
    )


def test_singular_summary(
    base: Path, clients: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = write_csv(tmp_path / "one.csv", rows_of(clients)[:2])
    assert (
        main(
            ["batch", str(base), "--clients", str(table), "-o", str(tmp_path / "o"), "--lang", "en"]
        )
        == 0
    )
    assert capsys.readouterr().out.startswith("Rendered 1 letter, 0 failed, in ")


def test_unknown_column_in_english(
    base: Path, clients: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = rows_of(clients)
    rows[0][1] = "client.industri"
    table = write_csv(tmp_path / "clients.csv", rows)
    assert (
        main(
            ["batch", str(base), "--clients", str(table), "-o", str(tmp_path / "o"), "--lang", "en"]
        )
        == 1
    )
    out, _err = capsys.readouterr()
    assert out.splitlines() == [
        f"{table}:1:2: error[unknown-column] "
        'unknown column "client.industri": client has no field "industri". Did you mean "client.industry"?',
        "The column headers of the client table are wrong; no letters were rendered.",
    ]


def test_missing_item_in_english(
    base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = write_csv(tmp_path / "t.csv", [["client.name", "tiers[9].share"], ["甲公司", "5%"]])
    assert (
        main(
            ["batch", str(base), "--clients", str(table), "-o", str(tmp_path / "o"), "--lang", "en"]
        )
        == 1
    )
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{table}:2:2: error[missing-item] tiers[9].share: tiers in the base spec has only 3 items, "
        "so there is no tiers[9]; a table can only change list items the base spec already has"
    )


def test_row_of_a_finding_in_the_base_in_english(
    acceptance: Path, clients: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = acceptance / "sla-response.yaml"  # it has a minimum, which the small total undercuts
    rows = rows_of(clients)
    rows[3][3] = "1000"  # the base's minimum compensation now exceeds the cap
    table = write_csv(tmp_path / "clients.csv", rows)
    args = [
        "batch",
        str(base),
        "--clients",
        str(table),
        "-o",
        str(tmp_path / "o"),
        "--format",
        "json",
    ]
    assert main([*args, "--lang", "en"]) == 1
    (cap,) = [d for d in json.loads(capsys.readouterr().out) if d["code"] == "compensation-cap"]
    assert cap["file"] == str(base)
    assert cap["message"].endswith(f" ({table}, row 4)")
    assert not CJK.search(cap["message"])


def test_name_pattern_errors_in_english(base: Path, clients: Path, tmp_path: Path, capsys) -> None:
    out = str(tmp_path / "o")
    assert (
        main(
            [
                "batch",
                str(base),
                "--clients",
                str(clients),
                "-o",
                out,
                "--name",
                "{client.nam}",
                "--lang",
                "en",
            ]
        )
        == 2
    )
    assert capsys.readouterr().err.strip() == (
        'letters: {client.nam} in --name is invalid: client has no field "nam". Did you mean "client.name"?'
    )
    assert (
        main(
            [
                "batch",
                str(base),
                "--clients",
                str(clients),
                "-o",
                out,
                "--name",
                "{x",
                "--lang",
                "en",
            ]
        )
        == 2
    )
    assert capsys.readouterr().err.strip() == (
        "letters: unmatched brace in --name: {x (write a literal brace as {{ or }})"
    )
    assert main(["batch", str(base), "--clients", str(clients), "-o", out, "--name", "{x"]) == 2
    assert (
        capsys.readouterr().err.strip()
        == "letters: --name 中有不成对的花括号：{x（字面花括号写作 {{ 或 }}）"
    )


def test_batch_help_in_english() -> None:
    done = run_letters("batch", "--help", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "check and render one letter per row" in done.stdout
    assert "client table (.csv or .xlsx)" in done.stdout
    assert f"(default: {DEFAULT_PATTERN})" in " ".join(done.stdout.split())
    assert not CJK.search(done.stdout)
    chinese = run_letters("batch", "--help")
    assert "客户表（.csv 或 .xlsx）" in chinese.stdout
    assert f"（默认{DEFAULT_PATTERN}）" in "".join(chinese.stdout.split())


def test_build_help_and_bad_jobs_in_english() -> None:
    done = run_letters("build", "--help", "--lang", "en")
    assert "write nothing; exit with 1 if an output is missing" in done.stdout
    assert not CJK.search(done.stdout)
    bad = run_letters("build", "--jobs", "0", "--lang", "en")
    assert bad.returncode == 2
    assert "argument --jobs/-j: must be a positive integer: 0" in bad.stderr


# ------------------------------------------------------------------------------------ build


Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def letters(capsys: pytest.CaptureFixture[str]) -> Run:
    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_build_check_in_english(project: Path, letters: Run) -> None:
    code, out, err = letters("build", "--check", "--lang", "en")
    assert code == 1
    *lines, summary = out.splitlines()  # summaries are on stdout, after the list
    assert len(lines) == 12 and all(line.startswith("missing: build/letters/") for line in lines)
    assert re.fullmatch(
        r"12 files are out of date \(run letters build to update them\), checked in \d+\.\d s",
        summary,
    ), out

    code, out, err = letters("build", "--jobs", "1", "--lang", "en")
    assert code == 0, err
    assert out.splitlines()[0] == "wrote build/letters/continuity.docx"
    assert re.fullmatch(
        r"Rendered 6 letters, 0 failed: 12 files updated, 0 unchanged, 0 stale removed, in \d+\.\d s",
        out.splitlines()[-1],
    ), out

    code, out, err = letters("build", "--check", "--lang", "en")
    assert (code, err) == (0, "")
    assert re.fullmatch(r"All 12 files are up to date, checked in \d+\.\d s", out.strip()), out

    text = (project / "contracts" / "continuity.yaml").read_text(encoding="utf-8")
    (project / "contracts" / "continuity.yaml").write_text(
        text.replace("latency: 50ms", "latency: 40ms"), encoding="utf-8"
    )
    (project / "build" / "letters" / "old.md").write_text("旧文书\n", encoding="utf-8")
    code, out, err = letters("build", "--check", "--lang", "en")
    assert code == 1
    assert out.splitlines()[:-1] == [
        "out of date: build/letters/continuity.docx",
        "out of date: build/letters/continuity.md",
        "stale: build/letters/old.md",
    ]
    assert out.splitlines()[-1].startswith(
        "3 files are out of date (run letters build to update them)"
    )

    code, out, _ = letters("build", "--check", "--format", "github", "--lang", "en")
    assert out.splitlines()[0] == (
        "::error file=build/letters/continuity.docx,title=letters build --check::"
        "out of date (run letters build to update)"
    )

    code, out, _ = letters("build", "--diff", "--lang", "en")
    assert "DOCX differs: build/letters/continuity.docx" in out.splitlines()

    code, out, _ = letters("build", "--check")  # and Chinese again without --lang
    assert out.splitlines()[0] == "需要更新：build/letters/continuity.docx"

    code, out, _ = letters("build", "--lang", "en")
    assert code == 0
    assert "removed stale file build/letters/old.md" in out.splitlines()
    assert ": 2 files updated, 10 unchanged, 1 stale removed, in " in out


def test_config_errors_in_english(tmp_path: Path, english) -> None:
    cfg = tmp_path / "pyproject.toml"
    cases = {
        '[tool.letters]\nformats = ["odt"]\n': "formats in {file} [tool.letters] may only contain docx, md, pdf (found: ['odt'])",
        "[tool.letters]\nformats = []\n": "formats in {file} [tool.letters] may only contain docx, md, pdf (found: none)",
        '[tool.letters]\nbatches = [{ base = "a", clients = "b", nme = "c" }]\n': 'unknown key "nme" in {file} [tool.letters] batches[0]; did you mean "name"?',
        '[tool.letters]\nbatches = [{ base = "a", clients = "b", zzz = "c" }]\n': 'unknown key "zzz" in {file} [tool.letters] batches[0]; the keys are: base, clients, name, output',
        '[tool.letters]\nbatches = [{ base = "a" }]\n': "{file} [tool.letters] batches[0] has no clients (a file path)",
        "[tool.letters\n": "configuration file {file} is not valid TOML: ",
    }
    for text, expected in cases.items():
        cfg.write_text(text, encoding="utf-8")
        with pytest.raises(UsageError) as exc:
            load_config(cfg)
        assert str(exc.value).startswith("letters: " + expected.format(file=cfg)), str(exc.value)
    cfg.write_text('[tool.letters]\nsourcs = ["x"]\n', encoding="utf-8")
    assert load_config(cfg).warnings == (
        f'letters: ignored unknown key "sourcs" in {cfg} [tool.letters]; did you mean "sources"?',
    )
