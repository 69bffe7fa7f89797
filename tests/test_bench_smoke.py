"""Smoke-test the benchmark: a tiny run proves every figure can be measured (no 10,000 run)."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO, cli_env


def test_bench_runs_and_prints_its_tables() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "run.py"),
            "--letters",
            "20",
            "--rss-letters",
            "10,20",
            "--cold-runs",
            "1",
            "--stage-letters",
            "5",
            "--repeat",
            "1",
        ],
        cwd=REPO / "tests",  # the script must not depend on the working directory
        env=cli_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "| figure | measured | target | ok |" in out
    for figure in (
        "floor: same DOCX bytes",
        "pipeline / floor",
        "speed-up `--jobs 2`",
        "peak RSS, 20 letters",
        "RSS growth 10 → 20 letters",
        "cold `letters render`",
        "cold `letters check`",
    ):
        assert figure in out, figure
    # the floor really produces the pipeline's bytes, and --jobs 2 the same files as --jobs 1
    assert "| floor output identical to the pipeline's DOCX | yes | yes | yes |" in out
    assert "| `--jobs 2` files identical to `--jobs 1` | yes | yes | yes |" in out
    assert "| **total** |" in out
