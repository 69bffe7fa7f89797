"""PDF letters (--to pdf, letters/writers/pdf.py), read back with poppler.

Every example letter: every font embedded, CJK fonts among them, the same text as its
Markdown letter (normalised: the characters, since a PDF reads tables cell by cell), the page
count LibreOffice prints in its own footer; PDF/A-2b when asked; a batch of 100 letters with
--jobs 2 in under two minutes; a conversion that hangs is killed, retried once and reported
against its letter while the others are written; no LibreOffice is a usage error naming the
package; build --check compares PDFs by text and page count.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from conftest import REPO

from letters.cli import main

CONTRACTS = sorted((REPO / "contracts").glob("*.yaml"))
needs_tools = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("soffice", "pdffonts", "pdftotext", "pdfinfo")),
    reason="LibreOffice and poppler are not installed",
)
pytestmark = needs_tools


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    args = ["render", *map(str, CONTRACTS), "-o", str(out), "--to", "pdf,md"]
    assert main(args) == 0
    return out


def _run(*args: str | Path) -> str:
    return subprocess.run(list(map(str, args)), capture_output=True, text=True, check=True).stdout


def _normal(text: str) -> Counter[str]:
    text = re.sub(r"<br>|\\\\|第\s*\d+\s*[页頁]\s*共\s*\d+\s*[页頁]", "", text)
    text = re.sub(r"（以下无正文）|（本页无正文，为《[^》]+》之签署页）", "", text)
    return Counter(re.sub(r"[^\u4e00-\u9fff0-9A-Za-z%]", "", text))


@pytest.mark.parametrize("spec", CONTRACTS, ids=lambda p: p.stem)
def test_fonts_text_and_pages(pdfs: Path, spec: Path) -> None:
    pdf = pdfs / f"{spec.stem}.pdf"
    rows = _run("pdffonts", pdf).splitlines()[2:]
    assert rows and all(r.split()[-5] == "yes" for r in rows), rows  # the "emb" column
    assert any("CJK" in r for r in rows), rows
    text = _run("pdftotext", pdf, "-")
    md = (pdfs / f"{spec.stem}.md").read_text(encoding="utf-8")
    pdf_chars, md_chars = _normal(text), _normal(md)
    assert not md_chars - pdf_chars  # nothing of the letter is missing from the PDF
    # and nothing added but the header rows a table repeats on the pages it continues on
    headers = "".join(
        line
        for line, nxt in zip(md.splitlines(), md.splitlines()[1:], strict=False)
        if re.match(r"\|\s*:?-", nxt)
    )
    assert set(pdf_chars - md_chars) <= set(_normal(headers)), pdf_chars - md_chars
    pages = int(re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", pdf), re.M).group(1))
    printed = {int(n) for n in re.findall(r"共\s*(\d+)\s*页", text)}
    assert printed == {pages}  # every footer names the page count LibreOffice laid out


def test_pdf_a(tmp_path: Path) -> None:
    spec = REPO / "contracts" / "sla-response.yaml"
    assert main(["render", str(spec), "-o", str(tmp_path), "--to", "pdf", "--pdf-a"]) == 0
    data = (tmp_path / "sla-response.pdf").read_bytes()
    xmp = re.search(rb"<x:xmpmeta.*?</x:xmpmeta>", data, re.S)
    assert xmp is not None
    assert re.search(rb"pdfaid:part(>|=\")2", xmp.group())
    assert re.search(rb"pdfaid:conformance(>|=\")B", xmp.group())


def test_fallback_fonts_are_said_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from letters import rendering

    rendering._FALLBACK_TOLD.clear()
    specs = [str(REPO / "contracts" / f"{n}.yaml") for n in ("sla-response", "continuity")]
    assert main(["render", *specs, "-o", str(tmp_path), "--to", "pdf"]) == 0
    out = capsys.readouterr().out
    assert out.count("warning[font-fallback]") == 1 and "Noto" in out


def _clients(path: Path, n: int, hang: int | None = None) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["client.name", "letter.number"])
        for i in range(n):
            number = f"YQ-{i:03d}" + ("-HANG" if i == hang else "")
            w.writerow([f"测试客户{i:03d}有限公司", number])
    return path


def _pdf_batch(table: Path, out: Path) -> int:
    """Run ``letters batch`` of the sla-response example over *table* to PDF with two jobs."""
    base = REPO / "contracts" / "sla-response.yaml"
    return main(
        ["batch", str(base), "--clients", str(table), "-o", str(out), "--to", "pdf", "--jobs", "2"]
    )


def test_a_hundred_letters_with_two_jobs(tmp_path: Path) -> None:
    table = _clients(tmp_path / "clients.csv", 100)
    start = time.perf_counter()
    code = _pdf_batch(table, tmp_path / "o")
    elapsed = time.perf_counter() - start
    assert code == 0
    assert len(list((tmp_path / "o").glob("*.pdf"))) == 100
    assert elapsed < 120, f"{elapsed:.0f} s"


FAKE = """#!/bin/sh
# a LibreOffice that hangs on the letters named *HANG*, and on the first run for *ONCE*
for a in "$@"; do case $a in *HANG*) exec sleep 600;; *ONCE*) if [ ! -e "{marker}" ]; then touch "{marker}"; exec sleep 600; fi;; esac; done
exec "{soffice}" "$@"
"""


def test_a_hang_is_killed_retried_and_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = tmp_path / "soffice"
    fake.write_text(
        FAKE.format(marker=tmp_path / "once", soffice=shutil.which("soffice")), encoding="utf-8"
    )
    fake.chmod(0o755)
    monkeypatch.setenv("LETTERS_SOFFICE", str(fake))
    monkeypatch.setenv("LETTERS_PDF_TIMEOUT", "4")
    table = _clients(tmp_path / "clients.csv", 4, hang=2)
    with table.open("a", encoding="utf-8", newline="") as f:
        csv.writer(f).writerow(["重试客户有限公司", "YQ-ONCE"])
    start = time.perf_counter()
    code = _pdf_batch(table, tmp_path / "o")
    assert time.perf_counter() - start < 60
    assert code == 2
    written = sorted(p.name for p in (tmp_path / "o").glob("*.pdf"))
    assert len(written) == 4 and not any("HANG" in n for n in written)
    assert any("ONCE" in n for n in written)  # hung once, converted on the retry
    err = capsys.readouterr().err
    assert re.search(r"clients\.csv:4: .*YQ-002-HANG.*超过 4 秒未完成", err), err
    assert not _running("sleep\x00600")  # the hung conversions were killed, not left behind


def _running(command: str) -> bool:
    found = False
    for p in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            found |= command in p.read_bytes().decode("latin-1")
        except OSError:  # the process ended meanwhile
            continue
    return found


def test_no_libreoffice_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("LETTERS_SOFFICE", raising=False)
    spec = REPO / "contracts" / "sla-response.yaml"
    assert main(["render", str(spec), "-o", str(tmp_path / "o"), "--to", "pdf"]) == 2
    err = capsys.readouterr().err
    assert "LibreOffice" in err and "libreoffice-writer-nogui" in err
    assert not (tmp_path / "o").exists()  # refused before anything was written


def test_build_check_compares_pdfs_by_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "contracts").mkdir()
    shutil.copy(REPO / "contracts" / "sla-response.yaml", tmp_path / "contracts")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.letters]\nsources = ["contracts"]\noutput = "out"\nformats = ["md", "pdf"]\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 0
    first = (tmp_path / "out" / "sla-response.pdf").read_bytes()
    time.sleep(1.1)  # another second in LibreOffice's date stamp
    assert main(["build", "--check"]) == 0  # the PDF made again differs in bytes, not in text
    assert (tmp_path / "out" / "sla-response.pdf").read_bytes() == first
    text = (tmp_path / "contracts" / "sla-response.yaml").read_text(encoding="utf-8")
    (tmp_path / "contracts" / "sla-response.yaml").write_text(
        text.replace("penalty_per_hour: 0.5%", "penalty_per_hour: 0.6%"), encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["build", "--check", "--format", "json"]) == 1  # the PDF's text changed
    outdated = {d["file"] for d in json.loads(capsys.readouterr().out)}
    assert outdated == {"out/sla-response.md", "out/sla-response.pdf"}


if sys.platform != "linux":  # pragma: no cover - the hang test reads /proc
    test_a_hang_is_killed_retried_and_reported = pytest.mark.skip("needs /proc")(
        test_a_hang_is_killed_retried_and_reported
    )
