"""``letters verify`` on the command line: formats, exit codes, refusals and unreadable files.

The verification itself is tested in ``tests/test_verify.py``; its fixtures are shared here.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from conftest import REPO

from letters.cli import main
from letters.contract import load
from letters.rendering import render_contract


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a folder holding the sla-response letter as rendered (DOCX and Markdown)."""
    folder = tmp_path_factory.mktemp("letters")
    rendered = render_contract(load(REPO / "contracts" / "sla-response.yaml"), ("docx", "md"))
    (folder / "sla-response.docx").write_bytes(rendered["docx"])
    (folder / "sla-response.md").write_bytes(rendered["md"])
    return folder


# ------------------------------------------------------------------ (d) the command line


@pytest.fixture
def edited(written: Path, tmp_path: Path) -> Path:
    data = (written / "sla-response.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"6,000.00", b"5,000.00", 1)
    target = tmp_path / "edited.docx"
    with zipfile.ZipFile(target, "w") as z:
        for n, d in parts.items():
            z.writestr(n, d)
    return target


SPEC = str(REPO / "contracts" / "sla-response.yaml")


def test_cli_clean_letter(written: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(written / "sla-response.docx"), SPEC]) == 0
    assert capsys.readouterr().out.endswith("一致。\n")


def test_cli_text(edited: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(edited), SPEC]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{edited}:表1第3行第6列: error[hand-edit] tiers[1]: 应为“6,000.00元”，实为“5,000.00元”",
        f"{edited} 与 {SPEC} 有 1 处不一致。",
    ]


def test_cli_json_and_github(edited: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(edited), SPEC, "--format", "json"]) == 1
    (item,) = json.loads(capsys.readouterr().out)
    assert item["location"] == "表1第3行第6列" and item["code"] == "hand-edit"
    assert item["path"] == "tiers[1]"  # the hourly amount is computed from that tier
    assert set(item) == {
        "file",
        "line",
        "column",
        "path",
        "severity",
        "code",
        "message",
        "location",
    }
    assert main(["verify", str(edited), SPEC, "--format", "github"]) == 1
    line = capsys.readouterr().out.strip()
    assert (
        line.startswith("::error file=")
        and "title=hand-edit::表1第3行第6列: tiers[1]: 应为" in line
    )


def test_cli_spec_with_errors_is_refused(written: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = REPO / "tests" / "fixtures" / "acceptance" / "invalid" / "response-order.yaml"
    if not bad.is_file():
        pytest.skip("acceptance fixture missing")
    assert main(["verify", str(written / "sla-response.docx"), str(bad)]) == 1
    assert "error[tier-order]" in capsys.readouterr().out


@pytest.mark.parametrize(
    "content",
    [b"", b"not a zip", b"PK\x03\x04broken", "word/document.xml missing"],
    ids=["empty", "text", "zip", "part"],
)
def test_cli_corrupt_docx_is_a_usage_error(
    content: bytes | str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    letter = tmp_path / "letter.docx"
    if isinstance(content, str):
        with zipfile.ZipFile(letter, "w") as z:
            z.writestr("word/other.xml", "<x/>")
    else:
        letter.write_bytes(content)
    assert main(["verify", str(letter), SPEC]) == 2
    err = capsys.readouterr().err
    assert "不是有效的 DOCX 文件" in err and "Traceback" not in err


def test_cli_broken_xml_and_missing_files(
    written: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    letter = tmp_path / "letter.docx"
    with zipfile.ZipFile(letter, "w") as z:
        z.writestr("word/document.xml", "<w:document><w:body>")
    assert main(["verify", str(letter), SPEC]) == 2
    assert main(["verify", str(tmp_path / "nope.docx"), SPEC]) == 2
    assert main(["verify", str(written / "sla-response.docx"), str(tmp_path / "nope.yaml")]) == 2
    assert main(["verify", str(tmp_path / "letter.pdf"), SPEC]) == 2
    err = capsys.readouterr().err
    assert "找不到" in err and "不是 .docx 或 .md 文件" in err
