"""Which specs ``letters check`` reads, and which ``pyproject.toml`` configures a run.

The configuration is found upward from the current folder (as ruff and pytest find theirs);
folders are searched without entering hidden folders, virtualenvs, ``node_modules`` …;
``--force-exclude`` is what the pre-commit hook passes; ``-`` is standard input; summaries go
to stdout and ``--format json`` prints only JSON there.
"""

from __future__ import annotations

import atexit
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from conftest import REPO, cli_env, run_letters

from letters.cli import build_parser, main
from letters.config import DEFAULT_OUTPUT, Config, find_config, load_config
from letters.diagnostics import UsageError

# The project's own example (valid, no warnings), and a copy of it with one share-sum error:
# the acceptance specs carry legal-soundness warnings that would blur the counts below.
GOOD = REPO / "contracts" / "sla-response.yaml"
_BAD_DIR = Path(tempfile.mkdtemp(prefix="letters-config-"))
atexit.register(shutil.rmtree, _BAD_DIR, True)
BAD = _BAD_DIR / "shares-sum.yaml"
_text = GOOD.read_text(encoding="utf-8")
assert _text.count("share: 10%") == 1
BAD.write_text(_text.replace("share: 10%", "share: 15%"), encoding="utf-8")
TIERS = (
    _text.splitlines().index("tiers:                             # 分级响应，从轻到重") + 1
)  # share-sum's line
SUMMARY = re.compile(r"^检查了 (\d+) 个文件：(\d+) 个错误，(\d+) 个警告。$")


def check(
    *args: str | Path, cwd: Path, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``letters check ARGS`` in *cwd*; assert no traceback and a known exit code."""
    if stdin is None:
        done = run_letters("check", *args, cwd=cwd)
    else:
        done = subprocess.run(
            [sys.executable, "-m", "letters", "check", *map(str, args)],
            cwd=cwd,
            env=cli_env(),
            input=stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            check=False,
        )
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    assert done.returncode in (0, 1, 2), done.stderr
    return done


def summary(done: subprocess.CompletedProcess[str]) -> tuple[int, int, int]:
    """Return (files, errors, warnings) of the summary, the last line of stdout."""
    m = SUMMARY.match(done.stdout.splitlines()[-1])
    assert m, done.stdout
    return int(m[1]), int(m[2]), int(m[3])


def files_in(done: subprocess.CompletedProcess[str]) -> set[str]:
    """Return the file names that the findings of a ``--format json`` run name."""
    return {d["file"] for d in json.loads(done.stdout)}


def put(path: Path, text: str | Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, Path):
        shutil.copy(text, path)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ the configuration file


def test_check_without_paths_reads_the_configured_sources(tmp_path: Path) -> None:
    put(tmp_path / "pyproject.toml", '[tool.letters]\nsources = ["specs", "one.yaml"]\n')
    put(tmp_path / "specs" / "a.yaml", BAD)
    put(tmp_path / "one.yaml", BAD)
    put(tmp_path / "contracts" / "ignored.yaml", "not: a spec\n")  # not a source
    done = check("--format", "json", cwd=tmp_path)
    assert done.returncode == 1
    assert files_in(done) == {str(Path("specs/a.yaml")), "one.yaml"}
    assert done.stderr == ""  # the config is in the current folder: nothing to say


def test_config_is_found_in_a_parent_folder_and_named(tmp_path: Path) -> None:
    put(tmp_path / "pyproject.toml", '[tool.letters]\nsources = ["specs"]\n')
    put(tmp_path / "specs" / "a.yaml", BAD)
    sub = tmp_path / "specs" / "deeper"
    sub.mkdir()
    done = check(cwd=sub)
    assert done.returncode == 1
    first, _summary = done.stdout.splitlines()
    # paths in the config are relative to its folder, shown relative to the current one
    assert first.startswith(str(Path("../../specs/a.yaml")) + f":{TIERS}:1: error[share-sum]"), (
        first
    )
    assert done.stderr.strip() == f"letters: 使用配置文件 {Path('../../pyproject.toml')}"


def test_a_pyproject_without_the_table_is_passed_over(tmp_path: Path) -> None:
    put(tmp_path / "pyproject.toml", '[tool.letters]\nsources = ["specs"]\noutput = "out"\n')
    put(tmp_path / "pkg" / "pyproject.toml", '[project]\nname = "other"\n[tool.ruff]\n')
    found = find_config(tmp_path / "pkg")
    assert found is not None and found.resolve() == (tmp_path / "pyproject.toml").resolve()
    put(tmp_path / "pkg" / "pyproject.toml", '[tool.letters]\nsources = ["here"]\n')
    found = find_config(tmp_path / "pkg")
    assert found is not None and found.resolve() == (tmp_path / "pkg" / "pyproject.toml").resolve()


def test_paths_are_relative_to_the_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(
        tmp_path / "pyproject.toml",
        '[tool.letters]\nsources = ["specs"]\noutput = "out"\ntemplates = ["tpl"]\n'
        'batches = [{ base = "b.yaml", clients = "c.csv" }]\n',
    )
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    cfg = load_config()
    assert cfg.file == Path("../../pyproject.toml")
    assert cfg.sources == (Path("../../specs"),)
    assert cfg.output == Path("../../out")
    assert cfg.templates == (Path("../../tpl"),)
    assert cfg.batches[0].base == Path("../../b.yaml")
    assert cfg.warnings == ("letters: 使用配置文件 ../../pyproject.toml",)
    monkeypatch.chdir(tmp_path)
    assert load_config().warnings == ()  # in the current folder: no note
    assert load_config().sources == (Path("specs"),)


def test_no_config_anywhere_gives_the_defaults_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if find_config(tmp_path) is not None:
        pytest.skip("a pyproject.toml with [tool.letters] above the temporary folder")
    monkeypatch.chdir(tmp_path)
    cfg = load_config()
    assert (cfg.file, cfg.sources, cfg.output, cfg.warnings) == (
        None,
        (Path("contracts"),),
        Path(DEFAULT_OUTPUT),
        (),
    )
    done = check(cwd=tmp_path)
    assert done.returncode == 2
    assert "contracts" in done.stderr and "[tool.letters]" in done.stderr  # says how to fix it


def test_config_errors_name_the_file(tmp_path: Path) -> None:
    put(tmp_path / "pyproject.toml", "[tool.letters\n")
    sub = tmp_path / "sub"
    sub.mkdir()
    done = check(GOOD, cwd=sub)
    assert done.returncode == 2
    assert str(Path("../pyproject.toml")) in done.stderr and "TOML" in done.stderr
    put(tmp_path / "pyproject.toml", '[tool.letters]\nformats = ["pdf"]\n')
    done = check(cwd=sub)
    assert done.returncode == 2 and str(Path("../pyproject.toml")) in done.stderr


def test_a_missing_configured_source_names_the_config(tmp_path: Path) -> None:
    put(tmp_path / "pyproject.toml", '[tool.letters]\nsources = ["nowhere"]\n')
    done = check(cwd=tmp_path)
    assert done.returncode == 2
    assert "nowhere" in done.stderr and "pyproject.toml" in done.stderr and "sources" in done.stderr


def test_build_and_templates_find_the_config_upward(tmp_path: Path) -> None:
    put(
        tmp_path / "pyproject.toml",
        '[tool.letters]\nsources = ["specs"]\noutput = "out"\ntemplates = ["tpl"]\n',
    )
    put(tmp_path / "specs" / "a.yaml", GOOD)
    (tmp_path / "tpl").mkdir()
    put(tmp_path / "tpl" / "mine.md.j2", "{# 我的模板 #}\n# 标题\n")
    sub = tmp_path / "specs"
    done = run_letters("build", cwd=sub)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "a.docx").is_file() and (tmp_path / "out" / "a.md").is_file()
    assert not (sub / "out").exists() and not (sub / "build").exists()
    assert "使用配置文件" in done.stderr and "pyproject.toml" in done.stderr
    listed = run_letters("templates", cwd=sub)
    assert listed.returncode == 0, listed.stderr
    assert "mine" in listed.stdout  # the custom template folder of the parent's config


def test_the_repository_config_is_used_from_a_sub_folder() -> None:
    here = check(cwd=REPO)
    below = check(cwd=REPO / "contracts")
    assert here.returncode == below.returncode == 0
    assert summary(here) == summary(below) and summary(here)[0] >= 2


# ------------------------------------------------------------------ what a folder search skips


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A repository of specs with every kind of YAML that is not a spec around them."""
    put(
        tmp_path / "pyproject.toml",
        '[tool.letters]\nsources = ["contracts"]\n'
        'exclude = ["mkdocs.yml", "contracts/drafts", "*.draft.yaml", "cache/"]\n',
    )
    put(tmp_path / "contracts" / "good.yaml", GOOD)
    put(tmp_path / "contracts" / "east" / "bad.yaml", BAD)
    junk = "not: a spec\n"
    for name in (
        ".git/config.yaml",
        ".github/workflows/ci.yml",
        ".pre-commit-config.yaml",
        ".venv/lib/x.yaml",
        "venv/lib/site.yaml",  # a virtualenv without a dot: it holds pyvenv.cfg
        "env3/pyvenv.cfg",
        "env3/x.yaml",
        "node_modules/pkg/package.yaml",
        "contracts/__pycache__/x.yaml",
        "contracts/.hidden/x.yaml",
        "contracts/.draft.yaml",
        "contracts/drafts/wip.yaml",
        "contracts/east/new.draft.yaml",
        "contracts/cache/x.yaml",
        "mkdocs.yml",
        "lib/site-packages/x.yaml",
    ):
        put(tmp_path / name, junk)
    put(tmp_path / "venv" / "pyvenv.cfg", "home = /usr/bin\n")
    put(tmp_path / "cache.yaml", junk)  # not excluded: found by `letters check .`
    return tmp_path


def test_folder_search_skips_hidden_venv_node_modules_and_excludes(project: Path) -> None:
    done = check(".", "--format", "json", cwd=project)
    assert done.returncode == 1, done.stdout
    assert files_in(done) == {str(Path("contracts/east/bad.yaml")), "cache.yaml"}
    text = check(".", cwd=project)
    assert summary(text) == (3, 2, 0)  # good.yaml, bad.yaml, cache.yaml (not a spec)
    assert summary(check(cwd=project)) == (2, 1, 0)  # the sources: contracts/ minus excludes


def test_a_file_named_explicitly_is_always_checked(project: Path) -> None:
    for name in ("mkdocs.yml", ".github/workflows/ci.yml", "contracts/drafts/wip.yaml"):
        done = check(name, "--format", "json", cwd=project)
        assert done.returncode == 1 and files_in(done) == {str(Path(name))}, name


def test_a_folder_named_explicitly_is_searched(project: Path) -> None:
    done = check("contracts/drafts", cwd=project)
    assert summary(done) == (1, 1, 0)
    done = check("contracts/.hidden", cwd=project)
    assert summary(done) == (1, 1, 0)


def test_force_exclude_skips_what_check_alone_would_skip(project: Path) -> None:
    staged = [
        "mkdocs.yml",
        ".pre-commit-config.yaml",
        ".github/workflows/ci.yml",
        "contracts/drafts/wip.yaml",
        "contracts/east/new.draft.yaml",
        "node_modules/pkg/package.yaml",
        "cache.yaml",  # not excluded, but outside the sources
        "contracts/good.yaml",
    ]
    done = check("--force-exclude", *staged, cwd=project)
    assert done.returncode == 0, done.stdout
    assert summary(done) == (1, 0, 0)  # only contracts/good.yaml
    done = check("--force-exclude", *staged, "contracts/east/bad.yaml", cwd=project)
    assert done.returncode == 1 and summary(done) == (2, 1, 0)


def test_force_exclude_skipping_everything_is_a_clean_run(project: Path) -> None:
    done = check("--force-exclude", "mkdocs.yml", ".github/workflows/ci.yml", cwd=project)
    assert done.returncode == 0
    assert summary(done) == (0, 0, 0)
    done = check("--force-exclude", "--format", "json", "mkdocs.yml", cwd=project)
    assert done.returncode == 0 and json.loads(done.stdout) == []


def test_force_exclude_on_a_folder_checks_only_the_sources(project: Path) -> None:
    assert summary(check("--force-exclude", ".", cwd=project)) == (2, 1, 0)


def test_force_exclude_without_declared_sources_still_checks_a_named_spec(tmp_path: Path) -> None:
    """A repository without [tool.letters] sources: the hook must not pass over broken specs."""
    (tmp_path / "specs").mkdir()
    shutil.copy(BAD, tmp_path / "specs" / "bad.yaml")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "ci.yml").write_text("on: push\n", encoding="utf-8")
    done = check("--force-exclude", "specs/bad.yaml", ".github/ci.yml", cwd=tmp_path)
    assert done.returncode == 1 and summary(done) == (1, 1, 0), done.stdout


def test_force_exclude_agrees_with_check_when_the_source_folder_is_excluded(tmp_path: Path) -> None:
    (tmp_path / "contracts").mkdir()
    shutil.copy(GOOD, tmp_path / "contracts" / "a.yaml")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.letters]\nsources = ["contracts"]\nexclude = ["contracts"]\n', encoding="utf-8"
    )
    alone = check(cwd=tmp_path)
    forced = check("--force-exclude", "contracts/a.yaml", cwd=tmp_path)
    assert summary(alone) == summary(forced) == (1, 0, 0)


@pytest.mark.parametrize(
    ("pattern", "path", "excluded"),
    [
        ("mkdocs.yml", "mkdocs.yml", True),
        ("mkdocs.yml", "docs/mkdocs.yml", True),  # no "/": a name at any depth
        ("drafts", "contracts/drafts/a.yaml", True),  # a folder excludes what is below it
        ("*.draft.yaml", "contracts/a.draft.yaml", True),
        ("*.draft.yaml", "contracts/a.yaml", False),
        ("contracts/old", "contracts/old/x/y.yaml", True),
        ("contracts/old", "other/contracts/old/y.yaml", False),  # with "/": from the root
        ("/contracts/old", "contracts/old/y.yaml", True),
        ("/drafts", "drafts/a.yaml", True),  # a leading "/" anchors at the config folder
        ("/drafts", "contracts/drafts/a.yaml", False),
        ("contracts/*.yaml", "contracts/a.yaml", True),
        ("contracts/*.yaml", "contracts/sub/a.yaml", False),  # "*" stays within one name
        ("contracts/**/tmp-*.yaml", "contracts/a/b/tmp-1.yaml", True),
        ("contracts/**/tmp-*.yaml", "contracts/tmp-1.yaml", True),
        ("tmp/", "tmp", False),  # a trailing "/": folders only (tmp is a file here)
        ("tmp/", "x/tmp/a.yaml", True),
        ("[ab].yaml", "contracts/a.yaml", True),
        ("[!ab].yaml", "contracts/a.yaml", False),
        ("?.yaml", "contracts/c.yaml", True),
    ],
)
def test_exclude_patterns(tmp_path: Path, pattern: str, path: str, excluded: bool) -> None:
    config = Config(root=tmp_path, exclude=(pattern,))
    assert config.excluded(tmp_path / path) is excluded


def test_defaults_exclude_without_any_pattern(tmp_path: Path) -> None:
    config = Config(root=tmp_path)
    assert config.excluded(tmp_path / ".git" / "x.yaml")
    assert config.excluded(tmp_path / "a" / "node_modules" / "x.yaml")
    assert config.excluded(tmp_path / "__pycache__" / "x.yaml")
    assert not config.excluded(tmp_path / "contracts" / "x.yaml")
    put(tmp_path / "env" / "pyvenv.cfg", "")
    assert config.excluded(tmp_path / "env" / "lib" / "x.yaml")
    # only the parts below a folder named on the command line are tested
    hidden = tmp_path / ".specs"
    assert not config.excluded(hidden / "a.yaml", below=hidden)
    # outside the config folder only the name counts (a temporary folder may be hidden)
    outside = Config(root=tmp_path / "project")
    assert not outside.excluded(tmp_path / ".x" / "a.yaml")
    assert outside.excluded(tmp_path / ".x" / ".a.yaml")


def test_exclude_must_be_a_list_of_text(tmp_path: Path) -> None:
    put(tmp_path / "pyproject.toml", "[tool.letters]\nexclude = [1]\n")
    with pytest.raises(UsageError, match="exclude"):
        load_config(tmp_path / "pyproject.toml")
    put(tmp_path / "pyproject.toml", '[tool.letters]\nexclude = "drafts"\n')
    assert load_config(tmp_path / "pyproject.toml").exclude == ("drafts",)
    assert not load_config(tmp_path / "pyproject.toml").warnings  # a known key


# ------------------------------------------------------------------ standard input


def test_stdin_is_read_with_dash(tmp_path: Path) -> None:
    done = check("-", cwd=tmp_path, stdin=GOOD.read_text(encoding="utf-8"))
    assert done.returncode == 0 and summary(done) == (1, 0, 0)
    done = check("-", "--format", "json", cwd=tmp_path, stdin=BAD.read_text(encoding="utf-8"))
    assert done.returncode == 1
    (finding,) = json.loads(done.stdout)
    assert (finding["file"], finding["line"], finding["code"]) == ("-", TIERS, "share-sum")
    done = check("-", cwd=tmp_path, stdin=BAD.read_text(encoding="utf-8"))
    assert done.stdout.startswith(f"-:{TIERS}:1: error[share-sum] tiers: ")


def test_stdin_extends_resolves_against_the_current_folder(tmp_path: Path) -> None:
    put(tmp_path / "specs" / "base.yaml", GOOD)
    text = "extends: specs/base.yaml\nclient:\n  name: 新客户有限公司\n"
    done = check("-", cwd=tmp_path, stdin=text)
    assert done.returncode == 0, done.stdout
    done = check("-", cwd=tmp_path / "specs", stdin=text)
    assert done.returncode == 1 and "error[extends]" in done.stdout


def test_stdin_problems_are_findings(tmp_path: Path) -> None:
    done = check("-", "--format", "json", cwd=tmp_path, stdin="")
    assert [(d["file"], d["code"]) for d in json.loads(done.stdout)] == [("-", "empty-file")]


def test_stdin_in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(BAD.read_text(encoding="utf-8")))
    assert main(["check", "-"]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"-:{TIERS}:1: error[share-sum]")


def test_dash_is_not_stdin_for_render(tmp_path: Path) -> None:
    done = run_letters("render", "-", "-o", tmp_path / "o", cwd=tmp_path)
    assert done.returncode == 2 and not (tmp_path / "o").exists()


# ------------------------------------------------------------------ summaries and JSON


def test_summary_is_on_stdout_after_the_findings(tmp_path: Path) -> None:
    done = check(BAD, GOOD, cwd=REPO)
    lines = done.stdout.splitlines()
    assert "error[share-sum]" in lines[0]
    assert SUMMARY.match(lines[-1]) and summary(done) == (2, 1, 0)
    assert done.stderr == ""


def test_json_stdout_is_only_json(tmp_path: Path) -> None:
    for args in ((BAD, GOOD), (GOOD,), (tmp_path / "gone.yaml",)):
        done = check("--format", "json", *args, cwd=REPO)
        assert isinstance(json.loads(done.stdout), list)  # the whole of stdout is one array
        assert "检查了" not in done.stdout + done.stderr


def test_github_format_has_no_summary() -> None:
    done = check("--format", "github", BAD, cwd=REPO)
    assert all(line.startswith("::") for line in done.stdout.splitlines())


def test_a_missing_file_is_not_counted_as_checked(tmp_path: Path) -> None:
    done = check(tmp_path / "gone.yaml", cwd=REPO)
    assert done.returncode == 2
    assert summary(done) == (0, 1, 0)
    assert "error[file-missing]" in done.stdout
    done = check(tmp_path / "gone.yaml", GOOD, cwd=REPO)
    assert done.returncode == 2 and summary(done) == (1, 1, 0)


def test_a_file_named_twice_is_checked_once() -> None:
    done = check(BAD, BAD, BAD.parent, cwd=REPO)
    assert sum("error[share-sum]" in line for line in done.stdout.splitlines()) == 1


# ------------------------------------------------------------------ the pre-commit hooks


HOOKS_FILE = REPO / ".pre-commit-hooks.yaml"


def _hooks() -> dict[str, dict[str, object]]:
    return {h["id"]: h for h in yaml.safe_load(HOOKS_FILE.read_text(encoding="utf-8"))}


def _hooks_comment() -> str:
    lines = HOOKS_FILE.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if line.startswith("#"))


def test_hooks_comment_is_true() -> None:
    comment = _hooks_comment()
    hooks = _hooks()
    named = set(re.findall(r"- id: ([\w-]+)", comment))
    assert named and named <= set(hooks), named
    for rev in re.findall(r"rev: (\S.*)", comment):
        if not rev.startswith("<"):  # a placeholder, or a tag that exists
            tags = subprocess.run(
                ["git", "tag", "--list"], cwd=REPO, capture_output=True, text=True, check=False
            ).stdout.split()
            assert rev.strip() in tags, f"rev: {rev} is not a tag of this repository"
    # every output folder the comment names is the default or this repository's own
    repo_output = load_config(REPO / "pyproject.toml").output.relative_to(REPO).as_posix()
    for folder in re.findall(r"\b(build/letters|rendered)/?", comment):
        assert folder in (DEFAULT_OUTPUT, repo_output), folder
    assert f"default {DEFAULT_OUTPUT}" in comment
    assert f"this repository's is {repo_output}/" in comment
    for hook in hooks.values():  # what the comment says each hook runs is its entry
        assert f"`{hook['entry']}`" in comment, hook["entry"]


def test_hook_entries_are_valid_command_lines() -> None:
    parser = build_parser()
    for hook in _hooks().values():
        entry = str(hook["entry"]).split()
        assert entry[0] == "letters"
        parser.parse_args(entry[1:])  # a UsageError if an option were unknown


def test_letters_check_hook_passes_on_non_spec_yaml(project: Path) -> None:
    """Run the hook's entry as pre-commit does: with the staged files matching ``files``."""
    hook = _hooks()["letters-check"]
    staged = [
        p.relative_to(project).as_posix()
        for p in sorted(project.rglob("*"))
        if p.is_file() and re.search(str(hook["files"]), p.relative_to(project).as_posix())
    ]
    assert "mkdocs.yml" in staged and ".github/workflows/ci.yml" in staged
    args = str(hook["entry"]).split()[1:]
    ok = [s for s in staged if s != "contracts/east/bad.yaml"]
    done = run_letters(*args, *ok, cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr
    done = run_letters(*args, *staged, cwd=project)
    assert done.returncode == 1 and f"contracts/east/bad.yaml:{TIERS}:1" in done.stdout.replace(
        "\\", "/"
    )


def test_letters_build_check_hook_runs(tmp_path: Path) -> None:
    put(tmp_path / "pyproject.toml", '[tool.letters]\nsources = ["specs"]\noutput = "out"\n')
    put(tmp_path / "specs" / "a.yaml", GOOD)
    args = str(_hooks()["letters-build-check"]["entry"]).split()[1:]
    assert run_letters(*args, cwd=tmp_path).returncode == 1  # nothing built yet
    assert run_letters("build", cwd=tmp_path).returncode == 0
    done = run_letters(*args, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
