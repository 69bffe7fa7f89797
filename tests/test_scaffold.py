"""Check ``letters new`` (the commented starting specs) and ``letters schema`` on the command line."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from letters import kinds as registry
from letters.modeling import Model, fields_of
from letters.scaffold import kinds, scaffold_text

REPO = Path(__file__).resolve().parents[1]
KINDS = registry.names()
Run = Callable[..., subprocess.CompletedProcess[str]]


def test_every_kind_has_a_scaffold() -> None:
    assert kinds() == KINDS


@pytest.mark.parametrize("kind", KINDS)
def test_new_prints_the_scaffold(cli: Run, kind: str) -> None:
    done = cli("new", kind)
    assert done.returncode == 0, done.stderr
    assert done.stdout == scaffold_text(kind)
    assert done.stdout.startswith("# ")


@pytest.mark.parametrize("kind", KINDS)
def test_new_output_passes_check_without_findings(cli: Run, kind: str, tmp_path: Path) -> None:
    target = tmp_path / "specs" / f"{kind}.yaml"
    done = cli("new", kind, "-o", target)
    assert done.returncode == 0, done.stderr
    assert target.read_text(encoding="utf-8") == scaffold_text(kind)
    checked = cli("check", target, "--format", "json")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert json.loads(checked.stdout) == []


@pytest.mark.parametrize("kind", KINDS)
def test_new_output_renders(kind: str, tmp_path: Path) -> None:
    from letters.rendering import render

    path = tmp_path / f"{kind}.yaml"
    path.write_text(scaffold_text(kind), encoding="utf-8")
    text = render(path, to="md")
    assert "示例信息技术有限公司" in text


@pytest.mark.parametrize("kind", KINDS)
def test_new_output_validates_against_the_schema(cli: Run, kind: str) -> None:
    done = cli("new", kind)

    def as_editor(x: Any) -> Any:  # dates are strings to a YAML language server
        if isinstance(x, dict):
            return {k: as_editor(v) for k, v in x.items()}
        if isinstance(x, list):
            return [as_editor(v) for v in x]
        return x.isoformat() if isinstance(x, dt.date) else x

    data = as_editor(yaml.safe_load(done.stdout))
    schema = json.loads((REPO / "schemas" / "letters.schema.json").read_text(encoding="utf-8"))
    v = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert [e.message for e in v.iter_errors(data)] == []


def test_new_refuses_to_overwrite(cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("template: continuity\n", encoding="utf-8")
    done = cli("new", "sla-response", "-o", target)
    assert done.returncode == 1
    assert "已存在" in done.stderr and "--force" in done.stderr
    assert target.read_text(encoding="utf-8") == "template: continuity\n"
    forced = cli("new", "sla-response", "-o", target, "--force")
    assert forced.returncode == 0, forced.stderr
    assert target.read_text(encoding="utf-8") == scaffold_text("sla-response")


def test_new_refuses_a_folder(cli: Run, tmp_path: Path) -> None:
    done = cli("new", "continuity", "-o", tmp_path)
    assert done.returncode == 2
    assert "文件夹" in done.stderr


def test_new_unknown_kind_lists_the_available_ones(cli: Run) -> None:
    done = cli("new", "sla-respons")
    assert done.returncode == 2
    assert "sla-response" in done.stderr and "continuity" in done.stderr
    assert "您是否想写“sla-response”" in done.stderr
    assert "Traceback" not in done.stderr


# ------------------------------------------------------------------ every field explained


def _fields(cls: type, prefix: str = "") -> list[tuple[str, str]]:
    """Return (dotted path, field name) of every field, list items as ``[0]``."""
    out: list[tuple[str, str]] = []
    for name, tp, _fld in fields_of(cls):
        path = f"{prefix}{name}"
        out.append((path, name))
        target = tp
        if typing.get_origin(tp) in (typing.Union, types.UnionType):
            target = next(a for a in typing.get_args(tp) if a is not type(None))
        if typing.get_origin(target) is list:
            (item,) = typing.get_args(target)
            if isinstance(item, type) and issubclass(item, Model):
                out.extend(_fields(item, f"{path}[0]."))
        elif isinstance(target, type) and issubclass(target, Model):
            out.extend(_fields(target, f"{path}."))
    return out


def _lookup(data: Any, path: str) -> bool:
    node = data
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        if part.startswith("["):
            if not isinstance(node, list) or not node:
                return False
            node = node[int(part[1:-1])]
        else:
            if not isinstance(node, dict) or part not in node:
                return False
            node = node[part]
    return True


@pytest.mark.parametrize("kind", KINDS)
def test_scaffold_shows_every_field(kind: str) -> None:
    text = scaffold_text(kind)
    data = yaml.safe_load(text)
    missing = []
    for path, name in _fields(registry.get(kind).model):
        commented = re.search(rf"^\s*#\s*-?\s*{re.escape(name)}:", text, re.M)
        if not _lookup(data, path) and not commented:
            missing.append(path)
    assert missing == [], "fields the scaffold does not show (add them, commented if need be)"


@pytest.mark.parametrize("kind", KINDS)
def test_scaffold_explains_every_field_in_chinese(kind: str) -> None:
    text = scaffold_text(kind)
    unexplained = []
    for _path, name in _fields(registry.get(kind).model):
        line = re.compile(rf"^[#\s-]*{re.escape(name)}:.*#.*[\u4e00-\u9fff]", re.M)
        if not line.search(text):
            unexplained.append(name)
    assert unexplained == []


@pytest.mark.parametrize("kind", KINDS)
def test_scaffold_marks_the_optional_blocks(kind: str) -> None:
    text = scaffold_text(kind)
    marker = text.index("以下各段均为可选")
    for name, _tp, fld in fields_of(registry.get(kind).model):
        if fld.default is not None:  # required, or optional with a non-empty default
            continue
        m = re.search(rf"^#?\s*{name}:.*$", text, re.M)
        assert m, name
        assert "可选" in m.group(0) or m.start() > marker, f"{name} is not marked optional"


# ------------------------------------------------------------------ letters schema


@pytest.mark.parametrize("template", [None, *KINDS])
def test_schema_command_prints_the_committed_schema(cli: Run, template: str | None) -> None:
    args = ("schema",) if template is None else ("schema", template)
    done = cli(*args)
    assert done.returncode == 0, done.stderr
    name = f"{template or 'letters'}.schema.json"
    assert done.stdout == (REPO / "schemas" / name).read_text(encoding="utf-8")


def test_schema_command_unknown_kind(cli: Run) -> None:
    done = cli("schema", "nda")
    assert done.returncode == 2
    assert "sla-response" in done.stderr and "continuity" in done.stderr


def test_gen_schema_check_passes_on_the_committed_files() -> None:
    import os

    done = subprocess.run(
        ["bash", str(REPO / "scripts" / "gen-schema"), "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHON": sys.executable},
    )
    assert done.returncode == 0, done.stderr


def test_authoring_commands_import_nothing_heavy() -> None:
    code = (
        "import sys, letters.cli as c; c.build_parser(); "
        "print(sorted(m for m in ('jsonschema', 'letters.json_schema', 'letters.explain', "
        "'letters.scaffold', 'tomllib', 'jinja2') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
