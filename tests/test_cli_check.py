"""``letters check``: output formats, exit codes, folders, the default path and speed."""

from __future__ import annotations

import json
import re
import shutil
import statistics
import subprocess
import time
from pathlib import Path

import pytest

TEXT_LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): (?P<severity>error|warning)"
    r"\[(?P<code>[a-z0-9]+(?:-[a-z0-9]+)*)\] (?:(?P<path>[\w\[\].]+): )?(?P<message>\S.*)$"
)
JSON_KEYS = {"file", "line", "column", "path", "severity", "code", "message"}
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def letters(cli):
    """Run the CLI and check what must hold for every run: no traceback, a known exit code."""

    def run(*args, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
        proc = cli(*args, cwd=cwd)
        assert "Traceback" not in proc.stdout and "Traceback" not in proc.stderr, proc.stderr
        assert proc.returncode in (0, 1, 2), (proc.returncode, proc.stderr)
        return proc

    return run


@pytest.fixture
def invalid_dir(acceptance: Path) -> Path:
    return acceptance / "invalid"


@pytest.fixture
def warning_only(mutant) -> Path:
    """A spec whose only finding is a warning (letter dated after the agreement took effect)."""
    return mutant(
        "contracts/sla-response.yaml", ("date: 2026-11-22 ", "date: 2026-12-05 "), name="late.yaml"
    )


# ----------------------------------------------------------------------------- text format


def test_text_format(letters, invalid_dir: Path) -> None:
    proc = letters("check", invalid_dir)
    assert proc.returncode == 1
    *lines, summary = proc.stdout.splitlines()
    assert len(lines) >= 7
    for line in lines:
        m = TEXT_LINE.match(line)
        assert m, f"not file:line:col: severity[code] path: message -> {line!r}"
        assert Path(m["file"]).is_file()
        assert m["path"], line  # every rule finding names its spec path
    assert any(
        re.search(r"shares-sum\.yaml:42:1: error\[share-sum\] tiers: .*105%", line)
        for line in lines
    )
    assert re.fullmatch(r"检查了 \d+ 个文件：\d+ 个错误，\d+ 个警告。", summary)
    assert proc.stderr == ""


def test_text_format_without_a_path(letters, tmp_path: Path) -> None:
    bad = tmp_path / "empty.yaml"
    bad.write_text("", encoding="utf-8")
    proc = letters("check", bad)
    assert proc.returncode == 1
    line, _summary = proc.stdout.splitlines()
    m = TEXT_LINE.match(line)
    assert m and m["code"] == "empty-file" and m["line"] == "1" and m["col"] == "1"


def test_one_line_per_finding_even_with_line_breaks_in_keys_and_values(letters, mutant) -> None:
    spec = mutant(
        "continuity.yaml",
        ("investment: 10%", '"invest\\nment": 10%\n"extra\\rkey": 1'),
        ("  total: 20", "  total: |\n    20\n    21"),
    )
    proc = letters("check", spec)
    assert proc.returncode == 1
    *lines, _summary = proc.stdout.splitlines()
    assert len(lines) == 3, proc.stdout
    for line in lines:
        assert TEXT_LINE.match(line), line
    assert any("invest\\nment" in line for line in lines)
    assert len(letters("check", spec, "--format", "github").stdout.splitlines()) == 3
    assert len(json.loads(letters("check", spec, "--format", "json").stdout)) == 3


def test_clean_text_output_is_only_the_summary(letters, clean: Path) -> None:
    proc = letters("check", clean / "sla-response.yaml")
    assert proc.returncode == 0
    assert proc.stdout == "检查了 1 个文件：0 个错误，0 个警告。\n"
    assert proc.stderr == ""


# ----------------------------------------------------------------------------- json format


def test_json_format(letters, invalid_dir: Path) -> None:
    proc = letters("check", invalid_dir, "--format", "json")
    assert proc.returncode == 1
    diags = json.loads(proc.stdout)
    assert isinstance(diags, list) and len(diags) >= 7
    for d in diags:
        assert set(d) == JSON_KEYS
        assert isinstance(d["line"], int) and d["line"] >= 1
        assert isinstance(d["column"], int) and d["column"] >= 1
        assert d["severity"] in ("error", "warning")
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", d["code"])
        assert isinstance(d["path"], str) and isinstance(d["message"], str) and d["message"]
    staffing = next(d for d in diags if d["file"].endswith("staffing-sum.yaml"))
    assert (staffing["line"], staffing["column"], staffing["path"]) == (57, 10, "staffing.total")
    assert staffing["code"] == "staffing-sum"


def test_json_for_a_clean_spec_is_an_empty_list(letters, clean: Path) -> None:
    proc = letters("check", clean / "continuity.yaml", "--format", "json")
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == []


def test_json_keeps_chinese_readable(letters, invalid_dir: Path) -> None:
    proc = letters("check", invalid_dir / "staffing-sum.yaml", "--format", "json")
    assert "专业人员总数" in proc.stdout  # not \\u escapes


# ----------------------------------------------------------------------------- github format


def test_github_format(letters, invalid_dir: Path, warning_only: Path) -> None:
    proc = letters("check", invalid_dir, "--format", "github")
    assert proc.returncode == 1
    lines = [line for line in proc.stdout.splitlines() if line.startswith("::error")]
    assert len(lines) >= 7
    for line in lines:
        assert re.match(r"::error file=[^,]+,line=\d+,col=\d+,title=[a-z0-9-]+::\S", line), line
    assert any("%25" in line for line in lines)  # "%" is escaped in the message
    proc = letters("check", warning_only, "--format", "github")
    assert proc.returncode == 0
    (line,) = proc.stdout.splitlines()
    assert line.startswith("::warning file=") and "title=letter-date" in line


def test_github_escapes_commas_and_colons_in_the_file_name(
    letters, acceptance: Path, tmp_path
) -> None:
    odd = tmp_path / "a,b:c"
    odd.mkdir()
    shutil.copy(acceptance / "invalid" / "shares-sum.yaml", odd / "spec.yaml")
    proc = letters("check", odd / "spec.yaml", "--format", "github")
    (line,) = [x for x in proc.stdout.splitlines() if x.startswith("::error")]
    assert "a%2Cb%3Ac" in line
    assert re.match(r"::error file=[^,]+,line=42,col=1,title=share-sum::", line), line


# ----------------------------------------------------------------------------- exit codes


def test_exit_0_for_valid_specs(letters, acceptance: Path) -> None:
    proc = letters("check", acceptance / "sla-response.yaml", acceptance / "continuity.yaml")
    assert proc.returncode == 0, proc.stdout


def test_exit_1_for_findings(letters, invalid_dir: Path) -> None:
    assert letters("check", invalid_dir / "shares-sum.yaml").returncode == 1


def test_warnings_alone_exit_0(letters, warning_only: Path) -> None:
    proc = letters("check", warning_only)
    assert proc.returncode == 0
    assert "warning[letter-date] letter.date" in proc.stdout
    assert "0 个错误，1 个警告" in proc.stdout


@pytest.mark.parametrize("missing", ["no-such-file.yaml", "no-such-folder", "no/such/dir/x.yml"])
def test_exit_2_for_a_missing_path(letters, tmp_path: Path, missing: str) -> None:
    proc = letters("check", tmp_path / missing)
    assert proc.returncode == 2
    assert "找不到" in proc.stdout + proc.stderr


def test_exit_2_wins_over_findings(letters, tmp_path: Path, invalid_dir: Path) -> None:
    proc = letters("check", invalid_dir / "shares-sum.yaml", tmp_path / "gone.yaml")
    assert proc.returncode == 2


def test_missing_file_in_json_is_still_json(letters, tmp_path: Path) -> None:
    proc = letters("check", tmp_path / "gone.yaml", "--format", "json")
    assert proc.returncode == 2
    (d,) = json.loads(proc.stdout)
    assert set(d) == JSON_KEYS and d["code"] == "file-missing"


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--bogus"),
        ("check", "--format", "xml", "contracts"),
        ("check", "--format"),
        ("frobnicate",),
        (),
    ],
    ids=["unknown-option", "unknown-format", "format-without-value", "unknown-command", "no-args"],
)
def test_exit_2_for_bad_usage(letters, args) -> None:
    proc = letters(*args)
    assert proc.returncode == 2
    assert proc.stderr or proc.stdout


def test_empty_folder_is_exit_2(letters, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("no specs here", encoding="utf-8")
    proc = letters("check", tmp_path)
    assert proc.returncode == 2
    assert "没有找到规格文件" in proc.stderr


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_exit_0(letters, flag: str) -> None:
    proc = letters(flag)
    assert proc.returncode == 0 and proc.stdout


@pytest.mark.parametrize(
    "raw, code",
    [
        (b"", "empty-file"),
        (b"- a\n- b\n", "not-a-mapping"),
        ("template: sla-response\nname: 中文\n".encode("gbk"), "encoding"),
        ("template: x\n".encode("utf-16"), "encoding"),
        (b"\x00\x01\x02\xff\xfe" * 50, "encoding"),
        (b"a: [1, 2\n", "yaml-syntax"),
        (b"a: !!python/object/apply:os.system [echo hi]\n", "yaml-tag"),
    ],
    ids=["empty", "list", "gbk", "utf16", "binary", "syntax", "python-tag"],
)
def test_broken_files_are_findings_not_crashes(
    letters, tmp_path: Path, raw: bytes, code: str
) -> None:
    spec = tmp_path / "broken.yaml"
    spec.write_bytes(raw)
    proc = letters("check", spec, "--format", "json")
    assert proc.returncode == 1
    assert [d["code"] for d in json.loads(proc.stdout)] == [code]


# ----------------------------------------------------------------------------- folders, default


def test_folder_argument_recurses(letters, tmp_path: Path, acceptance: Path, clean: Path) -> None:
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    shutil.copy(acceptance / "invalid" / "staffing-sum.yaml", deep / "bad.yaml")
    shutil.copy(clean / "sla-response.yaml", tmp_path / "a" / "good.yml")
    (tmp_path / "a" / "README.md").write_text("not: a spec", encoding="utf-8")
    proc = letters("check", tmp_path, "--format", "json")
    assert proc.returncode == 1
    diags = json.loads(proc.stdout)
    assert {Path(d["file"]).name for d in diags} == {"bad.yaml"}
    assert Path(diags[0]["file"]).parent == deep
    text = letters("check", tmp_path)
    assert "检查了 2 个文件" in text.stdout  # .yaml and .yml; README.md skipped


def test_default_path_is_contracts_in_the_repo_root(letters) -> None:
    default = letters("check")
    explicit = letters("check", "contracts")
    assert default.returncode == explicit.returncode == 0
    assert default.stdout == explicit.stdout
    assert default.stderr == explicit.stderr
    assert re.search(r"检查了 [1-9]\d* 个文件", default.stdout)


def test_default_path_reads_contracts_of_the_working_folder(
    letters, tmp_path: Path, acceptance: Path
) -> None:
    (tmp_path / "contracts").mkdir()
    shutil.copy(acceptance / "invalid" / "recovery-order.yaml", tmp_path / "contracts" / "x.yaml")
    proc = letters("check", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1
    (d,) = [x for x in json.loads(proc.stdout) if x["severity"] == "error"]
    assert Path(d["file"]) == Path("contracts") / "x.yaml"
    assert (d["path"], d["line"]) == ("recovery.core", 48)


def test_no_contracts_folder_is_exit_2(letters, tmp_path: Path) -> None:
    proc = letters("check", cwd=tmp_path)
    assert proc.returncode == 2


def test_internal_errors_never_show_a_traceback(letters, tmp_path: Path) -> None:
    """Whatever goes wrong inside, the user sees one line and exit 2 (or a finding)."""
    spec = tmp_path / "child.yaml"
    spec.write_text(f"extends: {'a' * 300}.yaml\ntemplate: sla-response\n", encoding="utf-8")
    proc = letters("check", spec)
    assert proc.returncode in (1, 2)


# ----------------------------------------------------------------------------- speed


def test_cold_check_of_one_spec_is_fast(cli, capsys) -> None:
    spec = Path("contracts") / "sla-response.yaml"
    assert (REPO / spec).is_file()
    times = []
    for _ in range(5):
        start = time.perf_counter()
        proc = cli("check", spec)
        times.append(time.perf_counter() - start)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    median = statistics.median(times)
    with capsys.disabled():
        print(
            f"\ncold `letters check {spec}`: median {median * 1000:.0f} ms of 5 runs "
            f"({', '.join(f'{t * 1000:.0f}' for t in times)} ms)"
        )
    assert median < 0.5, f"cold check took {median:.2f} s (median of 5)"
