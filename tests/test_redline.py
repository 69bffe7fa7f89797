"""Redlines proven by an independent reader: pandoc accepts them into NEW and rejects them into OLD.

A seeded generator mutates the two richest example specs (figures, dates, names, list items,
tiers, optional sections, free text) into at least 200 valid pairs; for each pair the redline
must read, with every tracked change accepted, exactly as NEW's letter reads, and with every
change rejected exactly as OLD's.  pandoc runs three times in all: it reads many DOCX files in
one call and concatenates them, with a separator letter between them.
"""

from __future__ import annotations

import copy
import io
import random
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from letters.checks import check
from letters.contract import from_data, load
from letters.document import Document, Meta, Paragraph, Text
from letters.redline import daxie, redline, segments, spec_changes, tokens
from letters.rendering import render_contract
from letters.writers.docx import write_docx

REPO = Path(__file__).resolve().parents[1]
BASES = ("contracts/sla-response.yaml", "contracts/continuity.yaml")
CASES = 200
SEED = 20261201

# ------------------------------------------------------------------ the mutations

_COMPANIES = [
    "上海明德信息技术有限公司",
    "深圳华芯数据服务有限公司",
    "杭州云栖数据服务股份有限公司",
]
_PEOPLE = ["张伟", "李娜", "王芳", "刘洋", "陈静怡"]
_PHRASES = ["及相关配套服务", "（含远程支持）", "按季度复核", "经双方书面确认"]
_OPTIONAL = (
    "support_system",
    "staffing",
    "quality",
    "value_added",
    "dispute_deadlines",
    "security",
    "reporting",
    "annexes",
    "adjustments",
    "legal_basis",
    "investment",
    "amendment_notice",
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in _paths(v, (*prefix, k))]
    if isinstance(data, list):
        return [(*prefix, "[]")] + [p for k, v in enumerate(data) for p in _paths(v, (*prefix, k))]
    return [prefix]


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for k in path:
        data = data[k]
    return data


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value


def _mutate(rng: random.Random, data: dict[str, Any]) -> str:
    """Apply one random change to *data*; return what it was."""
    kind = rng.choice(
        ["number", "percent", "date", "name", "text", "list", "optional", "tier", "money"]
    )
    scalars = [p for p in _paths(data) if p and p[-1] != "[]" and isinstance(_get(data, p), str)]
    if kind == "money":
        if "total" in data["agreement"]:
            data["agreement"]["total"] = f"{rng.randrange(50, 500) * 10000}.00"
        else:
            fee = rng.randrange(20, 200) * 1000
            data["agreement"]["monthly_fee"] = f"{fee}.00"
            data["agreement"]["annual_total"] = f"{fee * 12}.00"
        return kind
    if kind == "number":
        picks = [p for p in scalars if re.fullmatch(r"\d+", _get(data, p))]
        p = rng.choice(picks)
        _set(data, p, str(max(1, int(_get(data, p)) + rng.choice([-2, -1, 1, 2, 5]))))
        return f"{kind} {p}"
    if kind == "percent":
        picks = [p for p in scalars if re.fullmatch(r"\d+(\.\d+)?%", _get(data, p))]
        p = rng.choice(picks)
        value = float(_get(data, p)[:-1])
        _set(data, p, f"{round(value * rng.choice([0.5, 0.8, 1.2, 2]), 2):g}%")
        return f"{kind} {p}"
    if kind == "date":
        picks = [p for p in scalars if re.fullmatch(r"\d{4}-\d{2}-\d{2}", _get(data, p))]
        p = rng.choice(picks)
        y, m, d = map(int, _get(data, p).split("-"))
        _set(data, p, f"{y}-{m:02d}-{max(1, min(28, d + rng.choice([-3, -1, 1, 2]))):02d}")
        return f"{kind} {p}"
    if kind == "name":
        where = rng.choice(["provider", "client", "sign", "contact"])
        if where == "sign":
            rng.choice(data["signatories"])["name"] = rng.choice(_PEOPLE)
        elif where == "contact":
            data["provider"]["contact"] = rng.choice(_PEOPLE)
        else:
            data[where]["name"] = rng.choice(_COMPANIES)
        return f"{kind} {where}"
    if kind == "text":
        picks = [p for p in scalars if re.search(r"[\u4e00-\u9fff]{6,}", _get(data, p))]
        p = rng.choice(picks)
        text = _get(data, p)
        cut = rng.randrange(2, len(text) - 1)
        if rng.random() < 0.5:
            text = text[:cut] + rng.choice(_PHRASES) + text[cut:]
        else:
            text = text[:cut] + text[cut + rng.randrange(1, 4) :]
        _set(data, p, text)
        return f"{kind} {p}"
    if kind == "list":
        lists = [p[:-1] for p in _paths(data) if p and p[-1] == "[]"]
        lists = [p for p in lists if all(isinstance(x, str) for x in _get(data, p))]
        p = rng.choice(lists)
        items = _get(data, p)
        r = rng.random()
        if r < 0.4 and len(items) > 1:
            items.pop(rng.randrange(len(items)))
        elif r < 0.8:
            items.insert(
                rng.randrange(len(items) + 1),
                rng.choice(["应急演练记录", "服务质量月报", "备份恢复测试"]),
            )
        else:
            k = rng.randrange(len(items))
            items[k] = items[k] + "（修订版）"
        return f"{kind} {p}"
    if kind == "optional":
        present = [k for k in _OPTIONAL if k in data]
        if present:
            del data[rng.choice(present)]
            return kind
        return "none"
    # tiers / fault levels: rename, or drop one
    rows: list[Any] = data.get("tiers") or data["fault_levels"]
    k = rng.randrange(len(rows))
    if rng.random() < 0.5 and "tiers" in data and len(rows) > 2:
        gone = rows.pop(k)
        share = int(gone["share"][:-1]) + int(rows[0]["share"][:-1])
        rows[0]["share"] = f"{share}%"
        return "tier removed"
    field = "name" if "name" in rows[k] else "criteria"
    rows[k][field] = rows[k][field] + rng.choice(["类", "（含突发）"])
    return "tier renamed"


def _cases() -> list[tuple[Any, Any, str]]:
    """Return at least CASES valid (old contract, new contract, description) pairs."""
    rng = random.Random(SEED)
    bases = [load(REPO / b) for b in BASES]
    out: list[tuple[Any, Any, str]] = []
    attempts = 0
    while len(out) < CASES and attempts < 4 * CASES:
        attempts += 1
        base = bases[attempts % 2]
        data = copy.deepcopy(base.source.data)
        what = [_mutate(rng, data) for _ in range(rng.choice([1, 1, 2, 3]))]
        try:
            mutant = from_data(data, Path(base.file).name)
        except Exception:  # a mutation the model refuses: not a case
            continue
        if any(d.is_error for d in check(mutant)):
            continue
        pair = (base, mutant) if rng.random() < 0.5 else (mutant, base)
        out.append((*pair, "; ".join(what)))
    assert len(out) >= CASES, f"only {len(out)} valid mutants in {attempts} attempts"
    return out


# ------------------------------------------------------------------ pandoc, batched

_SEP = "SEPARATOR-LETTER-{n}"


def _separator(n: int) -> bytes:
    return write_docx(Document(Meta("sep"), (Paragraph((Text(_SEP.format(n=n)),)),)))


def _pandoc(files: list[bytes], tmp: Path, mode: str) -> list[str]:
    """Return pandoc's plain text of each DOCX in *files* (one pandoc run)."""
    names: list[str] = []
    for k, data in enumerate(files):
        f = tmp / f"{mode}-{k}.docx"
        f.write_bytes(data)
        s = tmp / f"sep-{k}.docx"
        if not s.exists():
            s.write_bytes(_separator(k))
        names += [str(f), str(s)]
    args = ["pandoc", "-f", "docx", "-t", "plain", "--columns=10000"]
    if mode != "plain":
        args.append(f"--track-changes={mode}")
    text = subprocess.run([*args, *names], capture_output=True, text=True, check=True).stdout
    parts = re.split(r"^SEPARATOR-LETTER-\d+$", text, flags=re.M)
    assert len(parts) == len(files) + 1
    return [_normal(p) for p in parts[:-1]]


def _normal(text: str) -> str:
    """Return pandoc's text with table rulers and padding (column widths) taken out.

    pandoc does not read row-level revisions (``w:trPr/w:ins|w:del``, which Word and
    LibreOffice honour): a deleted row's text goes on accept but the row stays, as a line of
    spaces.  Lines of spaces are dropped and runs of blank lines become one.
    """
    lines: list[str] = []
    for line in text.splitlines():
        if (re.fullmatch(r"[\s-]*", line) and "-" in line) or (line and not line.strip()):
            continue
        line = re.sub(r" {2,}", " | ", line.strip())
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip()


needs_pandoc = pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    cases = _cases()
    redlines, olds, news = [], [], []
    for old, new, _what in cases:
        redlines.append(redline(old, new, ("docx",)))
        olds.append(render_contract(old, ["docx"])["docx"])
        news.append(render_contract(new, ["docx"])["docx"])
    return {
        "cases": cases,
        "redlines": redlines,
        "olds": olds,
        "news": news,
        "tmp": tmp_path_factory.mktemp("rl"),
    }


@needs_pandoc
def test_accept_gives_new_and_reject_gives_old(generated: dict[str, Any]) -> None:
    tmp = generated["tmp"]
    docs = [r.outputs["docx"] for r in generated["redlines"]]
    accepted = _pandoc(docs, tmp, "accept")
    rejected = _pandoc(docs, tmp, "reject")
    letters = _pandoc(generated["news"] + generated["olds"], tmp, "plain")
    n = len(docs)
    news, olds = letters[:n], letters[n:]
    changed = sum(not r.identical for r in generated["redlines"])
    assert changed >= CASES * 9 // 10  # almost every mutation changes the letter
    bad = [
        (k, generated["cases"][k][2])
        for k in range(n)
        if accepted[k] != news[k] or rejected[k] != olds[k]
    ]
    assert not bad, bad[:5]


_PATH = re.compile(r"[A-Za-z_]+(?:\[\d+\])?(?:\.[A-Za-z_]+(?:\[\d+\])?)*: ")
_CHANGED = re.compile(r"<w:(ins|del) [^>]*>(.*?)</w:\1>", re.S)


def test_every_changed_figure_has_a_comment_naming_a_spec_path(generated: dict[str, Any]) -> None:
    checked = 0
    for r in generated["redlines"]:
        if r.identical:
            continue
        with zipfile.ZipFile(io.BytesIO(r.outputs["docx"])) as z:
            body = z.read("word/document.xml").decode()
            names = z.namelist()
            comments = z.read("word/comments.xml").decode() if "word/comments.xml" in names else ""
        for p in re.findall(r"<w:p>.*?</w:p>", body, re.S):
            p = re.sub(r"^.*?<w:tab/></w:r>(</w:ins>|</w:del>)?", "", p, flags=re.S)  # list labels
            texts = "".join(re.sub(r"<[^>]+>", "", m.group(2)) for m in _CHANGED.finditer(p))
            if re.search(r"[0-9壹贰叁肆伍陆柒捌玖]", texts):
                checked += 1
                assert "<w:commentReference" in p, texts
        for text in re.findall(r"<w:comment [^>]*>(.*?)</w:comment>", comments, re.S):
            assert _PATH.search(re.sub(r"<[^>]+>", "", text)), text
    assert checked >= 100


def test_two_runs_give_identical_bytes(generated: dict[str, Any]) -> None:
    for old, new, _what in generated["cases"][:25]:
        assert redline(old, new).outputs == redline(old, new).outputs


def test_tracked_changes_use_author_and_letter_date() -> None:
    base = load(REPO / BASES[0])
    data = copy.deepcopy(base.source.data)
    data["tiers"][1]["penalty_per_hour"] = "0.6%"
    data["annexes"].append("应急预案")
    new = from_data(data, "sla-response.yaml")
    r = redline(base, new, ("docx", "md"), author="法务部")
    with zipfile.ZipFile(io.BytesIO(r.outputs["docx"])) as z:
        body = z.read("word/document.xml").decode()
        comments = z.read("word/comments.xml").decode()
        assert "word/comments.xml" in z.read("[Content_Types].xml").decode()
        assert "comments.xml" in z.read("word/_rels/document.xml.rels").decode()
    assert 'w:author="法务部" w:date="2026-11-22T00:00:00Z"' in body
    assert "tiers[1].penalty_per_hour: 0.5% → 0.6%" in comments
    md = r.outputs["md"].decode()
    assert "<del>0.5%</del><ins>0.6%</ins>[^1]" in md
    assert "<del>6,000.00</del><ins>7,200.00</ins>" in md
    assert "\n3. <ins>应急预案</ins>\n" in md  # an inserted list item keeps its list marker
    assert "[^1]: tiers\\[1\\].penalty\\_per\\_hour: 0.5% → 0.6%" in md


def test_tokens_and_segments() -> None:
    assert tokens("即3,600.00元/小时，编号HT-2026-0388") == [
        "即",
        "3,600.00",
        "元",
        "/",
        "小",
        "时",
        "，",
        "编",
        "号",
        "HT-2026-0388",
    ]
    assert "壹佰贰拾万元整" in tokens("人民币壹佰贰拾万元整）")
    assert (
        daxie("叁万元零柒角整") == daxie("叁万元零柒角") and str(daxie("壹万零伍元整")) == "10005"
    )
    # a changed phrase is one change, not one per character
    assert segments("我方提供书面解决方案", "我方提供口头答复方案") == [
        ("equal", "我方提供", "我方提供"),
        ("change", "书面解决", "口头答复"),
        ("equal", "方案", "方案"),
    ]
    # two changes one character apart are merged
    assert [s for s in segments("甲乙丙丁戊", "子乙寅丁戊") if s[0] == "change"] == [
        ("change", "甲乙丙", "子乙寅")
    ]


def test_spec_changes_flatten_both_specs() -> None:
    old = {"tiers": [{"rate": "0.5%"}, {"rate": "1%"}], "a": {"b": "x"}}
    new = {"tiers": [{"rate": "0.5%"}, {"rate": "2%"}], "c": "y"}
    got = [c.text() for c in spec_changes(old, new)]
    assert got == ["tiers[1].rate: 1% → 2%", "a.b: x → （无）", "c: （无） → y"]


# ------------------------------------------------------------------ LibreOffice


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_redlines(generated: dict[str, Any], tmp_path: Path) -> None:
    picked = [r for r in generated["redlines"] if not r.identical][:4]
    files = []
    for k, r in enumerate(picked):
        f = tmp_path / f"redline-{k}.docx"
        f.write_bytes(r.outputs["docx"])
        files.append(str(f))
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *files,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    for name in files:
        assert Path(name).with_suffix(".pdf").stat().st_size > 1000


def test_redline_costs_less_than_two_renders(tmp_path: Path) -> None:
    """`letters redline` in process (two specs checked, two letters composed and diffed, one
    written) against `letters render` (one checked, composed and written): medians of runs
    taken in turn, so a slow moment of the machine hits both."""
    import contextlib
    import statistics
    import time

    from letters.cli import main

    spec = REPO / "contracts" / "sla-response.yaml"
    old = tmp_path / "old.yaml"
    old.write_text(
        spec.read_text(encoding="utf-8").replace(
            "penalty_per_hour: 0.5%", "penalty_per_hour: 0.4%"
        ),
        encoding="utf-8",
    )
    commands = [
        ["render", str(spec), "-o", str(tmp_path / "render")],
        ["redline", str(old), str(spec), "-o", str(tmp_path / "redline")],
    ]
    import gc

    times: list[list[float]] = [[], []]
    gc.collect()
    gc.disable()  # the rest of the suite's heap would make collections weigh on the larger one
    try:
        for k in range(12):
            for i, args in enumerate(commands):
                start = time.perf_counter()
                with contextlib.redirect_stdout(io.StringIO()):
                    assert main(args) == 0
                if k:
                    times[i].append(time.perf_counter() - start)
    finally:
        gc.enable()
    render, redline_ = (statistics.median(t) for t in times)
    assert redline_ < 2 * render, f"redline {redline_ * 1000:.1f} ms, render {render * 1000:.1f} ms"
