"""Test loading a spec into a Contract: ``extends`` overlays and where findings point."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import line_of

from letters.contract import load
from letters.diagnostics import SpecError

CODE = "91330106MA2H3K7P6X"  # the provider's valid credit code in the acceptance spec
BAD_CODE = "91330106MA2H3K7P6Y"  # same code, wrong check character

# ------------------------------------------------------------------------------------ extends


@pytest.fixture
def base_file(tmp_path: Path, base_texts: dict[str, str]) -> Path:
    """Write the acceptance sla-response spec as ``base.yaml``."""
    path = tmp_path / "base.yaml"
    path.write_text(base_texts["sla-response.yaml"], encoding="utf-8")
    return path


def child(tmp_path: Path, text: str, name: str = "child.yaml") -> Path:
    """Write a spec *text* next to the base and return its path."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_mappings_merge_and_lists_replace(base_file: Path, tmp_path: Path) -> None:
    c = child(
        tmp_path,
        "extends: base.yaml\n"
        "client:\n  name: 新客户有限公司\n"
        "annexes:\n  - 唯一附件\n"
        "disputes:\n  - forum: 向服务所在地人民法院提起诉讼\n",
    )
    model = load(c).model
    assert model.client.name == "新客户有限公司"
    assert model.client.industry == "金融"  # merged from the base's client mapping
    assert model.provider.name == "杭州云栖数据服务有限公司"  # untouched mapping kept
    assert model.annexes == ("唯一附件",)  # the base's five annexes are replaced, not extended
    assert len(model.disputes) == 1 and model.disputes[0].up_to is None
    assert len(model.tiers) == 3


def test_bad_value_in_the_base_points_at_the_base(base_file: Path, tmp_path: Path) -> None:
    from letters.checks import check

    text = base_file.read_text(encoding="utf-8").replace(CODE, BAD_CODE)
    base_file.write_text(text, encoding="utf-8")
    c = child(tmp_path, "extends: base.yaml\nclient:\n  name: 新客户有限公司\n")
    found = [d for d in check(load(c)) if d.code == "credit-code"]
    assert len(found) == 1
    assert found[0].mark.file == str(base_file)
    assert found[0].mark.line == line_of(text, BAD_CODE)


def test_bad_value_in_the_child_points_at_the_child(base_file: Path, tmp_path: Path) -> None:
    from letters.checks import check

    text = f"extends: base.yaml\n\nprovider:\n  credit_code: {BAD_CODE}\n"
    c = child(tmp_path, text)
    found = [d for d in check(load(c)) if d.code == "credit-code"]
    assert len(found) == 1
    assert (found[0].mark.file, found[0].mark.line) == (str(c), 4)


def test_unparsable_value_points_at_whichever_file_holds_it(
    base_file: Path, tmp_path: Path
) -> None:
    text = base_file.read_text(encoding="utf-8").replace("total: 1200000.00", "total: 一百二十万")
    base_file.write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as exc:
        load(child(tmp_path, "extends: base.yaml\nclient:\n  name: 甲\n"))
    (d,) = [d for d in exc.value.diagnostics if d.path == ("agreement", "total")]
    assert (d.mark.file, d.mark.line) == (str(base_file), line_of(text, "一百二十万"))
    # the child overrides the bad total: now the error is gone, and a new bad one is the child's
    c = child(tmp_path, "extends: base.yaml\nagreement:\n  total: 九十万\n")
    with pytest.raises(SpecError) as exc:
        load(c)
    (d,) = [d for d in exc.value.diagnostics if d.path == ("agreement", "total")]
    assert (d.mark.file, d.mark.line) == (str(c), 3)


def test_extends_chains_of_three(base_file: Path, tmp_path: Path) -> None:
    child(tmp_path, "extends: base.yaml\nclient:\n  name: 中间层\n", "mid.yaml")
    top = child(tmp_path, "extends: mid.yaml\nclient:\n  industry: 医疗\n", "top.yaml")
    model = load(top).model
    assert (model.client.name, model.client.industry) == ("中间层", "医疗")


@pytest.mark.parametrize("layout", ["self", "pair", "triangle"])
def test_extends_cycles_are_an_error(tmp_path: Path, layout: str) -> None:
    names = {"self": ["a"], "pair": ["a", "b"], "triangle": ["a", "b", "c"]}[layout]
    for i, n in enumerate(names):
        nxt = names[(i + 1) % len(names)]
        child(tmp_path, f"template: sla-response\nextends: {nxt}.yaml\n", f"{n}.yaml")
    with pytest.raises(SpecError) as exc:
        load(tmp_path / "a.yaml")
    (d,) = exc.value.diagnostics
    assert d.code == "extends" and "循环" in d.message
    assert d.mark.line == 2


def test_missing_base_is_an_error_at_extends(tmp_path: Path) -> None:
    c = child(tmp_path, "template: sla-response\nextends: nowhere.yaml\n")
    with pytest.raises(SpecError) as exc:
        load(c)
    (d,) = exc.value.diagnostics
    assert (d.code, d.mark.file, d.mark.line) == ("extends", str(c), 2)


def test_a_base_below_the_current_folder_is_named_relative_to_it(
    base_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Findings in a base name it as the user would (GitHub annotations need relative paths)."""
    from letters.checks import check

    text = base_file.read_text(encoding="utf-8").replace(CODE, BAD_CODE)
    base_file.write_text(text, encoding="utf-8")
    c = child(tmp_path, "extends: base.yaml\nclient:\n  name: 新客户有限公司\n")
    monkeypatch.chdir(tmp_path)
    (found,) = [d for d in check(load(c.name)) if d.code == "credit-code"]
    assert found.mark.file == "base.yaml"
