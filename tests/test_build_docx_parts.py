"""`letters build --check` compares DOCX files by their parts, not by deflate bytes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import letters
from letters.output import store

ROOT = Path(__file__).resolve().parents[1]


def _recompress(data: bytes, level: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename), zipfile.ZIP_DEFLATED, level)
    return out.getvalue()


def test_same_parts_other_deflate_bytes_count_as_up_to_date(tmp_path: Path) -> None:
    data = letters.render(ROOT / "contracts" / "continuity.yaml", to="docx")
    assert isinstance(data, bytes)
    other = _recompress(data, 1)
    assert other != data
    (tmp_path / "x.docx").write_bytes(other)
    assert store(tmp_path, "x.docx", data, "check", []) == "same"
    assert store(tmp_path, "x.docx", data, "write", []) == "unchanged"
    assert (tmp_path / "x.docx").read_bytes() == other  # not rewritten


def test_changed_parts_are_reported(tmp_path: Path) -> None:
    a = letters.render(ROOT / "contracts" / "continuity.yaml", to="docx")
    b = letters.render(ROOT / "contracts" / "sla-response.yaml", to="docx")
    assert isinstance(a, bytes) and isinstance(b, bytes)
    (tmp_path / "x.docx").write_bytes(a)
    assert store(tmp_path, "x.docx", b, "check", []) == "differs"
    (tmp_path / "y.docx").write_bytes(b"not a zip")
    assert store(tmp_path, "y.docx", b, "check", []) == "differs"
