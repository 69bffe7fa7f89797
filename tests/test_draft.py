"""Drafts (status: draft or --draft): a diagonal 草稿 on every page of the DOCX and PDF, 草稿 in
the core properties and at the top of the Markdown, the date under the signatures left blank;
a final letter has none of it and says 定稿.  letters verify and build --check see the status.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import REPO

from letters.cli import main
from letters.contract import load
from letters.rendering import render_contract
from letters.verify import verify

SPEC = REPO / "contracts" / "continuity.yaml"


def _parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist()}


def test_a_draft_and_a_final_letter() -> None:
    final = render_contract(load(SPEC), ("docx", "md"))
    draft = render_contract(load(SPEC).as_draft(), ("docx", "md"))
    f, d = _parts(final["docx"]), _parts(draft["docx"])
    assert "word/header1.xml" not in f and "headerReference" not in f["word/document.xml"]
    assert "<cp:contentStatus>定稿</cp:contentStatus>" in f["docProps/core.xml"]
    assert 'string="草稿"' in d["word/header1.xml"] and "rotation:315" in d["word/header1.xml"]
    assert '<w:headerReference w:type="default" r:id="rIdHeader1"/>' in d["word/document.xml"]
    assert 'Target="header1.xml"' in d["word/_rels/document.xml.rels"]
    assert "/word/header1.xml" in d["[Content_Types].xml"]
    assert "<cp:contentStatus>草稿</cp:contentStatus>" in d["docProps/core.xml"]
    md = draft["md"].decode("utf-8")
    assert md.startswith("> **草稿**：本文为草稿，不得作为签署文本。\n\n# ")
    assert "2026年11月22日" in final["md"].decode("utf-8") and "2026年11月22日" not in md
    assert md.rstrip().endswith("　　　　年　　月　　日")  # the letter's date left blank
    assert final["md"].decode("utf-8").startswith("# ")


def test_status_in_the_spec_is_the_same_as_draft(tmp_path: Path) -> None:
    text = SPEC.read_text(encoding="utf-8").replace("locale: zh_CN", "locale: zh_CN\nstatus: draft")
    (tmp_path / "continuity.yaml").write_text(text, encoding="utf-8")
    assert (
        main(["render", str(tmp_path / "continuity.yaml"), "-o", str(tmp_path / "a"), "--to", "md"])
        == 0
    )
    assert main(["render", str(SPEC), "-o", str(tmp_path / "b"), "--to", "md", "--draft"]) == 0
    a = (tmp_path / "a" / "continuity.md").read_bytes()
    assert a == (tmp_path / "b" / "continuity.md").read_bytes()
    assert a.startswith("> **草稿**".encode())


def test_a_traditional_draft(tmp_path: Path) -> None:
    md = render_contract(load(SPEC).as_draft().with_locale("zh-Hant-HK"), ("md",))["md"]
    assert md.decode("utf-8").startswith("> **草稿**：本文為草稿，不得作為簽署文本。")


def test_verify_and_build_check_see_the_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = render_contract(load(SPEC).as_draft(), ("docx", "md"))
    (tmp_path / "d.docx").write_bytes(draft["docx"])
    (tmp_path / "d.md").write_bytes(draft["md"])
    for letter in ("d.docx", "d.md"):
        found = verify(tmp_path / letter, SPEC).diagnostics
        assert found, letter  # a draft is not the final letter the spec makes
    docx = {d.message for d in verify(tmp_path / "d.docx", SPEC).diagnostics}
    assert any("草稿" in m and "定稿" in m for m in docx), docx
    # build --check: a spec that became a draft leaves the committed letters outdated
    (tmp_path / "p" / "contracts").mkdir(parents=True)
    shutil.copy(SPEC, tmp_path / "p" / "contracts")
    (tmp_path / "p" / "pyproject.toml").write_text(
        '[tool.letters]\nsources = ["contracts"]\noutput = "out"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path / "p")
    assert main(["build"]) == 0
    assert main(["build", "--check"]) == 0
    assert main(["build", "--check", "--draft"]) == 1
    capsys.readouterr()


@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftoppm")), reason="LibreOffice and poppler"
)
def test_the_watermark_is_on_every_page_of_a_draft_pdf(tmp_path: Path) -> None:
    assert main(["render", str(SPEC), "-o", str(tmp_path / "final"), "--to", "pdf"]) == 0
    assert main(["render", str(SPEC), "-o", str(tmp_path / "draft"), "--to", "pdf", "--draft"]) == 0

    def light(pdf: Path) -> list[int]:
        """Return, per page, how many pixels are the watermark's light grey."""
        out = tmp_path / pdf.parent.name
        subprocess.run(["pdftoppm", "-gray", "-r", "20", str(pdf), str(out / "p")], check=True)
        counts = []
        for page in sorted(out.glob("p-*.pgm")):
            data = page.read_bytes()
            header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
            assert header is not None
            pixels = data[header.end() :]
            counts.append(sum(1 for v in pixels if 200 <= v <= 240))
        return counts

    final, draft = (
        light(tmp_path / "final" / "continuity.pdf"),
        light(tmp_path / "draft" / "continuity.pdf"),
    )
    assert len(final) == len(draft)
    assert all(d > f + 150 for f, d in zip(final, draft, strict=True)), (final, draft)
