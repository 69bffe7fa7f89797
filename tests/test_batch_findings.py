"""Batch and build findings: duplicate letter numbers, JSON-only stdout, and consistent exit codes.

* Two letters of one batch with the same ``letter.number`` are an error at every such row; those
  rows are not rendered, the others are (``letters batch`` and ``letters build`` alike).
* ``--format json`` prints one JSON array with the keys of ``letters check`` and nothing else on
  stdout; out-of-date outputs of ``build --check`` are findings too.  Text summaries are on stdout.
* A table whose content is bad (encoding, malformed, too large) is a finding and exit 1, like a
  spec; a missing or unreadable table, or an unsupported kind of file, is exit 2.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO

from letters.batch import readers as batch_module
from letters.cli import main

KEYS = {"file", "line", "column", "path", "severity", "code", "message"}
Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def base() -> Path:
    return REPO / "contracts" / "sla-response.yaml"  # warning-free: findings are only the table's


@pytest.fixture
def letters(capsys: pytest.CaptureFixture[str]) -> Run:
    """Return a runner: ``letters(*args)`` → (exit code, stdout, stderr), in this process."""

    def run(*args: str | Path) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def findings(out: str) -> list[dict[str, object]]:
    """Parse stdout as the JSON array of findings, asserting the keys of ``letters check``."""
    data = json.loads(out)  # raises if anything but JSON is on stdout
    assert isinstance(data, list)
    assert all(set(d) == KEYS for d in data)
    return data


def errors(out: str) -> list[str]:
    return [line for line in out.splitlines() if "error[" in line]


def base_number(base: Path) -> str:
    from letters.contract import load

    return load(base).model.letter.number  # type: ignore[attr-defined, no-any-return]


# ------------------------------------------------------------------------------------ duplicates


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_duplicate_letter_numbers_are_errors_at_both_rows(
    base: Path, tmp_path: Path, letters: Run, jobs: str
) -> None:
    table = write_csv(
        tmp_path / "clients.csv",
        [
            ["client.name", "letter.number"],
            ["甲公司", "YQ-1"],
            ["乙公司", "YQ-2"],
            ["丙公司", "YQ-1"],
            ["丁公司", "YQ-3"],
        ],
    )
    out = tmp_path / "out"
    code, stdout, _ = letters(
        "batch", base, "--clients", table, "-o", out, "--to", "md", "-j", jobs
    )
    assert code == 1
    found = errors(stdout)
    assert [f.split(" letter.number: ")[0] for f in found] == [
        f"{table}:2:2: error[duplicate-letter-number]",
        f"{table}:4:2: error[duplicate-letter-number]",
    ]
    assert "“YQ-1”与第 4 行重复" in found[0] and "“YQ-1”与第 2 行重复" in found[1]
    assert sorted(p.name for p in out.iterdir()) == ["YQ-2-乙公司.md", "YQ-3-丁公司.md"]
    assert stdout.splitlines()[-1].startswith("生成 2 份，失败 2 份")


def test_rows_without_a_number_keep_the_base_number_and_clash(
    base: Path, tmp_path: Path, letters: Run
) -> None:
    """The issue: an empty letter.number cell silently reused the base's number."""
    number = base_number(base)
    table = write_csv(
        tmp_path / "clients.csv",
        [
            ["client.name", "client.industry", "letter.number"],
            ["甲公司", "金融", ""],  # keeps the base's number …
            ["乙公司", "金融", number],  # … which another row types
            ["丙公司", "金融", "YQ-9"],
        ],
    )
    out = tmp_path / "out"
    code, stdout, _ = letters("batch", base, "--clients", table, "-o", out, "--to", "md")
    assert code == 1
    first, second = errors(stdout)
    assert first.startswith(f"{table}:2:3: error[duplicate-letter-number] letter.number: ")
    assert f"沿用了基础规格的承诺函编号“{number}”，与第 3 行重复" in first
    assert second.startswith(f"{table}:3:3: error[duplicate-letter-number] letter.number: ")
    assert f"承诺函编号“{number}”与第 2 行重复" in second
    assert [p.name for p in out.iterdir()] == ["YQ-9-丙公司.md"]


def test_a_table_without_a_number_column_clashes_at_column_1(
    base: Path, tmp_path: Path, letters: Run
) -> None:
    rows = [["client.name"]] + [[f"客户{i}"] for i in range(8)]
    table = write_csv(tmp_path / "clients.csv", rows)
    code, stdout, _ = letters(
        "batch", base, "--clients", table, "-o", tmp_path / "out", "--format", "json"
    )
    assert code == 1
    found = findings(stdout)
    assert [(d["line"], d["column"], d["code"], d["path"]) for d in found] == [
        (row, 1, "duplicate-letter-number", "letter.number") for row in range(2, 10)
    ]
    assert "等共 7 行" in str(found[0]["message"])  # long lists of rows are shortened
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_duplicate_row_reports_its_other_findings_too(
    base: Path, tmp_path: Path, letters: Run
) -> None:
    table = write_csv(
        tmp_path / "clients.csv",
        [["agreement.total", "letter.number"], ["56万", "YQ-1"], ["100000", "YQ-1"]],
    )
    code, stdout, _ = letters("batch", base, "--clients", table, "-o", tmp_path / "o")
    assert code == 1
    assert [line.split(" ")[:2] for line in errors(stdout)] == [
        [f"{table}:2:1:", "error[invalid-value]"],
        [f"{table}:2:2:", "error[duplicate-letter-number]"],
        [f"{table}:3:2:", "error[duplicate-letter-number]"],
    ]


def test_build_refuses_duplicate_numbers_in_its_batch(project: Path, letters: Run) -> None:
    table = project / "batches" / "clients.csv"
    rows = list(csv.reader(table.open(encoding="utf-8-sig", newline="")))
    column = rows[0].index("letter.number")
    rows[3][column] = rows[1][column]  # the third client takes the first one's number
    write_csv(table, rows)
    code, stdout, _ = letters("build", "--jobs", "1")
    assert code == 1
    assert [line.split(" ")[0] for line in errors(stdout)] == [
        f"batches/clients.csv:2:{column + 1}:",
        f"batches/clients.csv:4:{column + 1}:",
    ]
    built = sorted(p.stem for p in (project / "build" / "letters" / "clients").iterdir())
    assert built == sorted(  # the two clients whose numbers are their own, in both formats
        2 * ["YQ-CN-2026-0201-宁波海曙精密制造集团有限公司", "YQ-CN-2026-0250-嘉兴禾润物流有限公司"]
    )
    assert (project / "build" / "letters" / "continuity.md").exists()  # the rest is built


# ------------------------------------------------------------------------------------ JSON


def test_build_check_json_is_only_json_with_a_finding_per_output(
    project: Path, letters: Run
) -> None:
    code, stdout, stderr = letters("build", "--check", "--format", "json")
    assert code == 1
    found = findings(stdout)
    assert len(found) == 12
    assert {d["code"] for d in found} == {"missing-output"}
    first = next(d for d in found if d["file"] == "build/letters/continuity.docx")
    assert (first["line"], first["column"], first["path"], first["severity"]) == (1, 1, "", "error")
    assert "12 个文件不是最新" in stderr  # the summary is not on stdout

    assert letters("build")[0] == 0
    code, stdout, stderr = letters("build", "--check", "--format", "json")
    assert (code, findings(stdout)) == (0, [])
    assert "都是最新的" in stderr

    spec = project / "contracts" / "continuity.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("latency: 50ms", "latency: 40ms"))
    (project / "build" / "letters" / "old.md").write_text("旧文书\n", encoding="utf-8")
    code, stdout, stderr = letters("build", "--check", "--format", "json")
    assert code == 1
    assert sorted((d["file"], d["code"]) for d in findings(stdout)) == [
        ("build/letters/continuity.docx", "outdated-output"),
        ("build/letters/continuity.md", "outdated-output"),
        ("build/letters/old.md", "extra-output"),
    ]
    code, stdout, stderr = letters("build", "--diff", "--format", "json")
    assert code == 1 and len(findings(stdout)) == 3
    assert "+++ b/build/letters/continuity.md" in stderr  # the diff is not on stdout


def test_build_json_holds_spec_findings_and_nothing_else(project: Path, letters: Run) -> None:
    (project / "contracts" / "notes.yaml").write_text("letter:\n  number: X\n", encoding="utf-8")
    code, stdout, stderr = letters("build", "--format", "json")
    assert code == 1
    found = findings(stdout)
    assert [(d["file"], d["code"]) for d in found] == [("contracts/notes.yaml", "unknown-template")]
    assert "已生成 build/letters/continuity.docx" in stderr
    code, stdout, _ = letters("build", "--check", "--format", "json")
    assert code == 1
    assert [d["code"] for d in findings(stdout)] == ["unknown-template"]


def test_build_text_summaries_are_on_stdout(project: Path, letters: Run) -> None:
    code, stdout, stderr = letters("build")
    assert code == 0 and stderr == ""
    assert stdout.splitlines()[0] == "已生成 build/letters/continuity.docx"
    assert stdout.splitlines()[-1].startswith("生成 6 份，失败 0 份：更新 12 个文件")


def test_batch_json_is_only_json_whatever_goes_wrong(
    base: Path, tmp_path: Path, letters: Run
) -> None:
    out = tmp_path / "out"
    good = write_csv(tmp_path / "good.csv", [["client.name", "letter.number"], ["甲", "N1"]])
    code, stdout, stderr = letters("batch", base, "--clients", good, "-o", out, "--format", "json")
    assert (code, findings(stdout)) == (0, [])
    assert stderr.startswith("生成 1 份，失败 0 份")

    header = write_csv(tmp_path / "header.csv", [["client.nmae"], ["甲"]])
    code, stdout, stderr = letters(
        "batch", base, "--clients", header, "-o", out, "--format", "json"
    )
    assert code == 1 and [d["code"] for d in findings(stdout)] == ["unknown-column"]
    assert "列标题有误" in stderr

    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes("client.name\n温州康宁医院\n".encode("gbk"))
    code, stdout, _ = letters("batch", base, "--clients", gbk, "-o", out, "--format", "json")
    assert code == 1
    (d,) = findings(stdout)
    assert (d["file"], d["line"], d["column"], d["code"]) == (str(gbk), 2, 1, "encoding")

    bad_base = tmp_path / "base.yaml"
    bad_base.write_text("template: sla-respones\n", encoding="utf-8")
    code, stdout, _ = letters("batch", bad_base, "--clients", good, "-o", out, "--format", "json")
    assert code == 1 and [d["code"] for d in findings(stdout)] == ["unknown-template"]


# ------------------------------------------------------------------------------------ exit codes


def test_malformed_csv_is_a_finding_at_its_line(base: Path, tmp_path: Path, letters: Run) -> None:
    table = tmp_path / "clients.csv"
    huge = "甲" * 200_000  # more than the csv module accepts in one field
    table.write_text(f"client.name,letter.number\n乙,N1\n{huge},N2\n", encoding="utf-8")
    code, stdout, _ = letters("batch", base, "--clients", table, "-o", tmp_path / "o")
    assert code == 1
    assert stdout.startswith(f"{table}:3:1: error[malformed-table] 无法解析 CSV：")


def test_excel_content_named_csv_is_a_finding(base: Path, tmp_path: Path, letters: Run) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["client.name"])
    wb.save(tmp_path / "clients.xlsx")
    table = tmp_path / "clients.csv"
    shutil.copy(tmp_path / "clients.xlsx", table)
    code, stdout, _ = letters("batch", base, "--clients", table, "-o", tmp_path / "o")
    assert code == 1
    assert stdout.startswith(f"{table}:1:1: error[malformed-table] ")
    assert ".xlsx" in stdout


def test_damaged_xlsx_is_a_finding(base: Path, tmp_path: Path, letters: Run) -> None:
    table = tmp_path / "clients.xlsx"
    table.write_bytes(b"PK\x03\x04 this is not a workbook")
    code, stdout, stderr = letters("batch", base, "--clients", table, "-o", tmp_path / "o")
    assert code == 1, stderr
    assert stdout.startswith(f"{table}:1:1: error[malformed-table] 不是有效的 Excel（.xlsx）文件")


def test_too_large_table_is_a_finding(
    base: Path, tmp_path: Path, letters: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch_module, "MAX_TABLE_BYTES", 100)
    table = write_csv(tmp_path / "clients.csv", [["client.name"], ["甲" * 200]])
    code, stdout, _ = letters("batch", base, "--clients", table, "-o", tmp_path / "o")
    assert code == 1
    assert stdout.startswith(f"{table}:1:1: error[file-too-large] ")


@pytest.mark.parametrize(
    ("kind", "expected"), [("missing", "file-missing"), ("folder", "file-unreadable")]
)
def test_missing_or_unreadable_table_is_exit_2_like_a_spec(
    base: Path, tmp_path: Path, letters: Run, kind: str, expected: str
) -> None:
    table = tmp_path / "clients.csv"
    spec = tmp_path / "spec.yaml"
    if kind == "folder":
        table.mkdir()
    args = ("-o", tmp_path / "o", "--format", "json")
    code, stdout, _ = letters("batch", base, "--clients", table, *args)
    assert code == 2
    (d,) = findings(stdout)
    assert (d["file"], d["line"], d["column"], d["code"]) == (str(table), 1, 1, expected)
    if kind == "missing":  # the same as for a spec (a folder named on `check` is searched)
        code, stdout, _ = letters("check", spec, "--format", "json")
        assert code == 2
        assert [d["code"] for d in findings(stdout)] == [expected]


def test_an_old_xls_is_a_usage_error(base: Path, tmp_path: Path, letters: Run) -> None:
    table = tmp_path / "clients.xls"
    table.write_bytes(b"\xd0\xcf\x11\xe0")
    code, stdout, stderr = letters(
        "batch", base, "--clients", table, "-o", tmp_path / "o", "--format", "json"
    )
    assert (code, stdout) == (2, "")
    assert stderr.startswith("letters: 不支持旧版 Excel 文件")


def test_build_reports_a_bad_table_like_a_bad_spec(project: Path, letters: Run) -> None:
    table = project / "batches" / "clients.csv"
    table.write_bytes(table.read_text(encoding="utf-8-sig").encode("gbk"))
    code, stdout, _ = letters("build", "--format", "json")
    assert code == 1
    assert [(d["file"], d["code"]) for d in findings(stdout)] == [
        ("batches/clients.csv", "encoding")
    ]
    assert (project / "build" / "letters" / "continuity.md").exists()


# ------------------------------------------------------------------------------ wording, review


def test_an_empty_table_is_an_empty_file(base: Path, tmp_path: Path, letters: Run) -> None:
    empty = tmp_path / "clients.csv"
    empty.write_text("", encoding="utf-8")
    code, out, _ = letters("batch", base, "--clients", empty, "-o", tmp_path / "out")
    assert code == 1
    assert f"{empty}:1:1: error[empty-file] 客户表为空" in out


def test_a_column_in_another_case_suggests_the_whole_path(
    base: Path, tmp_path: Path, letters: Run
) -> None:
    table = write_csv(tmp_path / "clients.csv", [["Letter.Number", "client.nam"], ["X-1", "甲"]])
    code, out, _ = letters("batch", base, "--clients", table, "-o", tmp_path / "out")
    assert code == 1
    assert "规格没有字段“Letter”。您是否想写“letter.number”？" in out  # no stray space, whole path
    assert "client 没有字段“nam”。您是否想写“client.name”？" in out


def test_a_damaged_workbook_is_explained_in_chinese(
    base: Path, tmp_path: Path, letters: Run
) -> None:
    book = tmp_path / "clients.xlsx"
    book.write_bytes(b"not a zip at all")
    code, out, _ = letters("batch", base, "--clients", book, "-o", tmp_path / "out")
    assert code == 1
    assert "error[malformed-table]" in out and "文件已损坏" in out
    assert "zip" not in out.lower()
