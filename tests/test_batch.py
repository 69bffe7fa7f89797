"""Test ``letters batch``: one letter per client row, from CSV or XLSX, safely named and written."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, cli_env

from letters.batch import (
    UniqueNames,
    parse_path,
    path_problem,
    prepare,
    xlsx_text,
)
from letters.cli import main
from letters.kinds.sla_response.model import SlaSpec

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "batch"
HEADER = ["client.name", "client.industry", "agreement.number", "agreement.total", "letter.number"]


@pytest.fixture
def base(acceptance: Path) -> Path:
    """Return the acceptance sla-response spec (the batch base)."""
    return acceptance / "sla-response.yaml"


@pytest.fixture
def clients(acceptance: Path) -> Path:
    """Return the acceptance client table (four clients)."""
    return acceptance / "clients.csv"


def rows_of(path: Path) -> list[list[str]]:
    """Return the rows of a CSV file, header included."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def write_csv(path: Path, rows: list[list[str]], bom: bool = False) -> Path:
    """Write *rows* as a UTF-8 CSV (optionally with the BOM Excel writes)."""
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def batch(*args: str | Path) -> int:
    """Run ``letters batch ARGS`` in this process; return the exit code."""
    return main(["batch", *map(str, args)])


def files_in(folder: Path) -> list[str]:
    """Return the sorted names of the files in *folder*."""
    return sorted(p.name for p in folder.iterdir())


# ------------------------------------------------------------------------------------ acceptance


def test_acceptance_table_gives_four_letters(
    base: Path, clients: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "out"
    assert batch(base, "--clients", clients, "-o", out, "--jobs", "1") == 0
    rows = rows_of(clients)[1:]
    expected = sorted(f"{r[4]}-{r[0]}.{ext}" for r in rows for ext in ("docx", "md"))
    assert files_in(out) == expected
    for name, _industry, number, total, letter in rows:
        md = (out / f"{letter}-{name}.md").read_text(encoding="utf-8")
        assert name in md and number in md
        whole, cents = total.split(".")
        assert f"{int(whole):,}.{cents}" in md  # the client's own contract total
        assert zipfile.ZipFile(out / f"{letter}-{name}.docx").testzip() is None
    second = (out / "YQ-CN-2026-0201-宁波海曙精密制造集团有限公司.md").read_text(encoding="utf-8")
    # 560,000.00 × 0.3% = 1,680.00 per hour, on the L1 line
    assert any("0.3%" in line and "1,680.00元/小时" in line for line in second.splitlines())
    captured = capsys.readouterr()
    *warnings, summary = captured.out.splitlines()
    assert summary.startswith("生成 4 份，失败 0 份，用时")  # the summary is on stdout, last
    # the acceptance spec's legal-soundness warnings, reported per row; never an error
    assert warnings and all(": warning[" in w for w in warnings)
    assert captured.err == ""


def test_xlsx_gives_the_same_letters_as_csv(base: Path, clients: Path, tmp_path: Path) -> None:
    import openpyxl  # a runtime dependency: never skipped

    rows = rows_of(clients)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(rows[0])
    for r in rows[1:]:
        ws.append([r[0], r[1], r[2], float(r[3]), r[4]])  # totals as numbers, as Excel keeps them
    xlsx = tmp_path / "clients.xlsx"
    wb.save(xlsx)
    assert batch(base, "--clients", clients, "-o", tmp_path / "csv", "-j", "1") == 0
    assert batch(base, "--clients", xlsx, "-o", tmp_path / "xlsx", "-j", "1") == 0
    assert files_in(tmp_path / "csv") == files_in(tmp_path / "xlsx")
    for md in (tmp_path / "csv").glob("*.md"):
        assert (tmp_path / "xlsx" / md.name).read_bytes() == md.read_bytes()


def test_bom_csv_is_read_like_plain_utf8(base: Path, clients: Path, tmp_path: Path) -> None:
    bom = write_csv(tmp_path / "bom.csv", rows_of(clients), bom=True)
    assert bom.read_bytes().startswith(b"\xef\xbb\xbf")
    assert batch(base, "--clients", clients, "-o", tmp_path / "a", "-j", "1", "--to", "md") == 0
    assert batch(base, "--clients", bom, "-o", tmp_path / "b", "-j", "1", "--to", "md") == 0
    for md in (tmp_path / "a").iterdir():
        assert (tmp_path / "b" / md.name).read_bytes() == md.read_bytes()


def test_jobs_2_gives_the_same_bytes_as_jobs_1(base: Path, clients: Path, tmp_path: Path) -> None:
    assert batch(base, "--clients", clients, "-o", tmp_path / "one", "--jobs", "1") == 0
    assert batch(base, "--clients", clients, "-o", tmp_path / "two", "--jobs", "2") == 0
    assert files_in(tmp_path / "one") == files_in(tmp_path / "two")
    for f in (tmp_path / "one").iterdir():
        assert (tmp_path / "two" / f.name).read_bytes() == f.read_bytes()


# ------------------------------------------------------------------------------------ findings


def test_bad_cell_is_reported_at_its_row_and_column(
    base: Path, clients: Path, tmp_path: Path, capsys
) -> None:
    rows = rows_of(clients)
    rows[2][3] = "56万"  # the 2nd client's agreement.total: row 3, column 4
    table = write_csv(tmp_path / "clients.csv", rows)
    out = tmp_path / "out"
    assert batch(base, "--clients", table, "-o", out, "-j", "2") == 1
    captured = capsys.readouterr()
    lines = [line for line in captured.out.splitlines() if "error[" in line]
    assert len(lines) == 1
    assert lines[0].startswith(f"{table}:3:4: error[invalid-value] agreement.total: ")
    assert len(files_in(out)) == 6  # the three good rows still render
    assert not any("宁波" in n for n in files_in(out))
    assert captured.out.splitlines()[-1].startswith("生成 3 份，失败 1 份")


def test_rule_finding_in_the_base_names_the_row(
    base: Path, clients: Path, tmp_path: Path, capsys
) -> None:
    rows = rows_of(clients)
    rows[3][3] = "1000"  # total so small that the base's minimum compensation exceeds the cap
    table = write_csv(tmp_path / "clients.csv", rows)
    assert (
        batch(base, "--clients", table, "-o", tmp_path / "out", "-j", "1", "--format", "json") == 1
    )
    import json

    found = json.loads(capsys.readouterr().out)
    cap = [d for d in found if d["code"] == "compensation-cap"]
    assert cap and cap[0]["file"] == str(base)  # the value that clashes lives in the base
    assert f"{table} 第 4 行" in cap[0]["message"]


def test_unknown_column_is_an_error_at_the_header(
    base: Path, clients: Path, tmp_path: Path, capsys
) -> None:
    rows = rows_of(clients)
    rows[0][1] = "client.industri"
    table = write_csv(tmp_path / "clients.csv", rows)
    out = tmp_path / "out"
    assert batch(base, "--clients", table, "-o", out) == 1
    text = capsys.readouterr().out
    assert f"{table}:1:2: error[unknown-column]" in text
    assert "client.industry" in text  # did you mean
    assert not out.exists()


def test_missing_list_item_is_an_error_at_its_cell(base: Path, tmp_path: Path, capsys) -> None:
    table = write_csv(
        tmp_path / "t.csv",
        [
            ["client.name", "tiers[0].share", "tiers[7].share", "letter.number"],
            ["甲公司", "", "", "N1"],
            ["乙公司", "", "5%", "N2"],
        ],
    )
    assert batch(base, "--clients", table, "-o", tmp_path / "out", "-j", "1") == 1
    out = capsys.readouterr().out
    assert f"{table}:3:3: error[missing-item] tiers[7].share:" in out
    assert len(files_in(tmp_path / "out")) == 2  # the first row (empty cells keep the base) renders


def test_empty_cells_keep_the_base_values(base: Path, tmp_path: Path) -> None:
    table = write_csv(tmp_path / "t.csv", [["client.name", "client.industry"], ["甲公司", ""]])
    out = tmp_path / "out"
    assert batch(base, "--clients", table, "-o", out, "--to", "md", "--name", "{client.name}") == 0
    md = (out / "甲公司.md").read_text(encoding="utf-8")
    assert "甲公司" in md and "1,200,000.00" in md  # the base's total


def test_unknown_path_in_name_is_a_usage_error_before_any_work(
    base: Path, clients: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "out"
    assert batch(base, "--clients", clients, "-o", out, "--name", "{client.nmae}") == 2
    assert "client.name" in capsys.readouterr().err
    assert not out.exists()


def test_gbk_csv_is_a_finding_like_a_gbk_spec(base: Path, tmp_path: Path, capsys) -> None:
    """Bad content gives exit 1 and a finding at the first bad byte, in a spec or a table."""
    table = tmp_path / "gbk.csv"
    table.write_bytes("client.name\n温州康宁医院\n".encode("gbk"))
    assert batch(base, "--clients", table, "-o", tmp_path / "out") == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{table}:2:1: error[encoding] ")
    assert "GBK" in out and "CSV UTF-8" in out
    assert not (tmp_path / "out").exists()
    spec = tmp_path / "gbk.yaml"
    spec.write_bytes(base.read_text(encoding="utf-8").encode("gbk"))
    assert main(["check", str(spec)]) == 1
    assert "error[encoding]" in capsys.readouterr().out


def test_missing_table_is_exit_2_like_a_missing_spec(base: Path, tmp_path: Path, capsys) -> None:
    table = tmp_path / "nope.csv"
    assert batch(base, "--clients", table, "-o", tmp_path / "out") == 2
    assert capsys.readouterr().out == f"{table}:1:1: error[file-missing] 找不到文件\n"


# ------------------------------------------------------------------------------------ names


HOSTILE = ["../../逃逸", "con", "a/b\\c:*?", "../../逃逸", "CON", ".hidden", "/etc/passwd"]


@pytest.mark.parametrize(
    "pattern",
    ["{client.name}", "{letter.number}-{client.name}", "../{client.name}/..", "{client.name}/x"],
)
def test_hostile_names_never_escape_and_stay_unique(
    base: Path, tmp_path: Path, pattern: str
) -> None:
    rows = [["client.name", "letter.number"], *([n, f"N{i}"] for i, n in enumerate(HOSTILE))]
    table = write_csv(tmp_path / "t.csv", rows)
    out = tmp_path / "deep" / "out"
    assert (
        batch(base, "--clients", table, "-o", out, "--name", pattern, "-j", "1", "--to", "md") == 0
    )
    root = out.resolve()
    written = [Path(d) / f for d, _, fs in os.walk(tmp_path) for f in fs]
    outputs = [p for p in written if p.suffix == ".md"]
    assert len(outputs) == len(HOSTILE)
    for p in outputs:
        assert p.resolve().parent == root, p
        assert not p.name.startswith(".")
        assert not any(ch in p.name for ch in '<>:"/\\|?*')
        assert p.stem.split(".")[0].lower() not in ("con", "prn", "aux", "nul")
    assert len({p.name.casefold() for p in outputs}) == len(HOSTILE)
    assert {p for p in written if p.suffix != ".md"} == {tmp_path / "t.csv"}


@pytest.mark.parametrize("pattern", ["{letter.number}", "{letter.number}-{client.name}"])
def test_hostile_fixture_rows_stay_inside(base: Path, tmp_path: Path, pattern: str) -> None:
    out = tmp_path / "out"
    table = FIXTURES / "hostile.csv"
    assert (
        batch(base, "--clients", table, "-o", out, "--name", pattern, "-j", "2", "--to", "md") == 0
    )
    names = files_in(out)
    assert len(names) == len(rows_of(table)) - 1
    assert all((out / n).resolve().parent == out.resolve() for n in names)
    assert [p for p in tmp_path.rglob("*") if p.is_file() and out not in p.parents] == []
    if pattern == "{letter.number}":
        assert names == sorted(["COM1_.md", "NUL_.md", "_.md", "____etc.md", "____etc-2.md"])


def test_unique_names_are_case_insensitive_and_ordered() -> None:
    names = UniqueNames()
    assert [names.take(s) for s in ["a", "A", "a", "a-2", "b"]] == ["a", "A-2", "a-3", "a-2-2", "b"]


def test_names_do_not_depend_on_other_rows_failing(base: Path, tmp_path: Path) -> None:
    table = write_csv(
        tmp_path / "t.csv",
        [
            ["client.name", "agreement.total", "letter.number"],
            ["甲", "坏", "N1"],
            ["甲", "100000", "N2"],
        ],
    )
    assert (
        batch(
            base,
            "--clients",
            table,
            "-o",
            tmp_path / "out",
            "--name",
            "{client.name}",
            "--to",
            "md",
        )
        == 1
    )
    assert files_in(tmp_path / "out") == ["甲-2.md"]


# ------------------------------------------------------------------------------------ units


def test_parse_path() -> None:
    assert parse_path("client.name") == ("client", "name")
    assert parse_path(" tiers[0].share ") == ("tiers", 0, "share")
    assert parse_path("tiers[0].scenarios[2]") == ("tiers", 0, "scenarios", 2)
    assert parse_path("client..name") is None
    assert parse_path("客户.名称") is None


def test_path_problem() -> None:
    assert path_problem(SlaSpec, ("agreement", "total")) is None
    assert path_problem(SlaSpec, ("tiers", 1, "penalty_per_hour")) is None
    assert path_problem(SlaSpec, ("annexes", 0)) is None
    assert "client.name" in (path_problem(SlaSpec, ("client", "nam")) or "")
    assert "映射" in (path_problem(SlaSpec, ("client",)) or "")
    assert "列表" in (path_problem(SlaSpec, ("tiers",)) or "")
    assert path_problem(SlaSpec, ("template",))
    assert path_problem(SlaSpec, ("client", 0))


def test_xlsx_cell_text() -> None:
    import datetime as dt

    assert xlsx_text(1200000) == "1200000"
    assert xlsx_text(560000.0) == "560000.0"
    assert xlsx_text(0.1 + 0.2) == "0.30000000000000004"  # exact repr, never rounded silently
    assert xlsx_text(1e16) == "10000000000000000"
    assert xlsx_text(0.003, "0.0%") == "0.3%"
    assert xlsx_text(0.6, "0%") == "60%"
    assert xlsx_text(dt.datetime(2026, 11, 22)) == "2026-11-22"
    assert xlsx_text(dt.time(9, 0)) == "09:00"
    assert xlsx_text(True) == "true"
    assert xlsx_text("  文字 ") == "文字"
    assert xlsx_text("") is None and xlsx_text(None) is None


def test_xlsx_findings_point_at_the_sheet_cell(base: Path, tmp_path: Path, capsys) -> None:
    import openpyxl  # a runtime dependency: never skipped

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["client.name", "tiers[0].penalty_per_hour", "letter.number"])
    ws.append(["甲公司", "0.3%", "N1"])
    ws.append(["乙公司", 0.003, "N2"])  # a plain number: not a percentage
    ws.append(["丙公司", 0.003, "N3"])
    ws["B4"].number_format = "0.0%"  # shown as 0.3% in Excel: taken as 0.3%
    xlsx = tmp_path / "t.xlsx"
    wb.save(xlsx)
    out = tmp_path / "out"
    assert batch(base, "--clients", xlsx, "-o", out, "--name", "{client.name}", "--to", "md") == 1
    assert f"{xlsx}:3:2: error[invalid-value] tiers[0].penalty_per_hour" in capsys.readouterr().out
    assert files_in(out) == ["丙公司.md", "甲公司.md"]
    same = (out / "丙公司.md").read_text(encoding="utf-8").replace("丙", "甲").replace("N3", "N1")
    assert same == (out / "甲公司.md").read_text(encoding="utf-8")


def test_prepare_names_every_row_in_order(base: Path, clients: Path, tmp_path: Path) -> None:
    b = prepare(base, clients, tmp_path, "{agreement.number}")
    tasks = list(b.tasks())
    assert len(b) == len(tasks) == 4
    assert [t[3] for t in tasks] == [r[2] for r in rows_of(clients)[1:]]
    assert [t[1] for t in tasks] == [2, 3, 4, 5]
    assert not (tmp_path / "HT-2026-0117.docx").exists()  # preparing writes nothing


# ------------------------------------------------------------------------------------ interrupt


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_interrupt_leaves_no_partial_file(
    base: Path, clients: Path, tmp_path: Path, jobs: str
) -> None:
    first = rows_of(clients)[1]
    rows = [HEADER] + [
        [f"{first[0]}{i}", first[1], first[2], first[3], f"N{i:05d}"] for i in range(3000)
    ]
    table = write_csv(tmp_path / "big.csv", rows)
    out = tmp_path / "out"
    cmd = [
        sys.executable,
        "-m",
        "letters",
        "batch",
        str(base),
        "--clients",
        str(table),
        "-o",
        str(out),
        "-j",
        jobs,
    ]
    proc = subprocess.Popen(
        cmd, cwd=REPO, env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(list(out.glob("*.docx"))) < 4:
            time.sleep(0.02)
        assert proc.poll() is None, "the batch finished before it could be interrupted"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err.decode("utf-8", "replace")
    assert "已中断" in err.decode("utf-8")
    names = files_in(out)
    assert not [n for n in names if n.endswith(".tmp") or n.startswith(".")]
    docx = [out / n for n in names if n.endswith(".docx")]
    assert 4 <= len(docx) < 3000
    for p in docx:
        with zipfile.ZipFile(p) as z:
            assert z.testzip() is None


def test_control_character_in_a_cell_is_refused_there(base: Path, tmp_path: Path, capsys) -> None:
    table = write_csv(
        tmp_path / "t.csv",
        [["client.name", "letter.number"], ["甲\x01公司", "N1"], ["乙公司", "N2"]],
    )
    assert batch(base, "--clients", table, "-o", tmp_path / "out", "--to", "md") == 1
    assert f"{table}:2:1: error[control-character] client.name" in capsys.readouterr().out
    assert len(files_in(tmp_path / "out")) == 1
