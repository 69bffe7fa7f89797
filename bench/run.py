"""Measure how fast letters are produced and print a Markdown table of figure / measured / target.

Usage (from anywhere; the checkout this file belongs to is imported)::

    python bench/run.py                      # 1,000 letters; RSS of 1,000 and 10,000 (~1.5 min)
    python bench/run.py --letters 200 --rss-letters 200,2000 --cold-runs 5 --repeat 1
    python bench/run.py --tmp /var/tmp       # where the outputs go (file creation speed varies)

Figures, all from one run on generated client rows over ``contracts/sla-response.yaml`` (speed
figures are the best of ``--repeat`` runs; other work on the machine skews them):

* **floor** — the plain cost of producing the same DOCX bytes: for each letter, render
  ``word/document.xml`` (and ``docProps/core.xml``) with a trivial Jinja template whose only
  ``{{ }}`` slots are the text nodes and attribute values (table column widths) that differ
  between letters, then zip the same parts with zipfile deflate.  Its output is checked byte for
  byte against the pipeline's DOCX files.
* **pipeline** — ``letters batch --jobs 1`` in this process (overlay + model + check + render
  DOCX and Markdown + atomic writes), per letter, and its ratio to the floor;
* throughput with ``--jobs 1`` and ``--jobs 2``;
* peak memory of ``letters batch`` subprocesses of two sizes (largest process ``ru_maxrss`` and
  the peak PSS summed over the whole process tree), to show it is flat;
* cold ``letters render`` and ``letters check`` of one spec: the median of several runs.

A second table splits the per-letter time into the pipeline's stages.
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

BASE = REPO / "contracts" / "sla-response.yaml"
HEADER = ["client.name", "client.industry", "agreement.number", "agreement.total", "letter.number"]
INDUSTRIES = ["金融", "制造", "医疗", "物流", "零售", "能源", "教育", "政务"]
SUFFIXES = ["有限公司", "股份有限公司", "集团有限公司", "医院", "研究院"]


@dataclass
class Row:
    """Hold one line of the result table."""

    figure: str
    measured: str
    target: str = ""
    ok: bool | None = None


def write_clients(path: Path, n: int, seed: int = 0) -> Path:
    """Write a CSV of *n* generated clients (deterministic for a *seed*) to *path*."""
    rnd = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for i in range(n):
            total = rnd.randrange(50_000, 5_000_000) * 100 // 100
            w.writerow(
                [
                    f"测试客户{i:05d}{rnd.choice(SUFFIXES)}",
                    rnd.choice(INDUSTRIES),
                    f"HT-2026-{i:05d}",
                    f"{total}.{rnd.randrange(100):02d}",
                    f"YQ-CN-2026-{i:05d}",
                ]
            )
    return path


def env() -> dict[str, str]:
    """Return an environment in which ``python -m letters`` imports this checkout."""
    e = {k: v for k, v in os.environ.items() if k != "LETTERS_DEBUG"}
    e["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), e.get("PYTHONPATH", "")) if p)
    e["PYTHONIOENCODING"] = "utf-8"
    return e


# ------------------------------------------------------------------------------------ pipeline


def pipeline(clients: Path, out: Path, jobs: int, repeat: int = 1) -> float:
    """Render the whole batch into *out* with *jobs* processes; return the best seconds.

    Each of the *repeat* runs starts from an empty *out* (the last run's files are kept).
    """
    from letters.batch import render_batch

    best = float("inf")
    for _ in range(repeat):
        shutil.rmtree(out, ignore_errors=True)
        start = time.perf_counter()
        _, failed, _ = render_batch(BASE, clients, out, jobs=jobs)
        best = min(best, time.perf_counter() - start)
        if failed:
            raise SystemExit(f"bench: {failed} rows failed")
    return best


def pipeline_in_memory(clients: Path, repeat: int = 1, locale: str | None = None) -> float:
    """Return seconds per letter of the pipeline producing DOCX and Markdown bytes, no writes
    (every letter in *locale* when given, as ``--locale`` does)."""
    from dataclasses import replace

    from letters.batch import prepare, process

    batch = prepare(BASE, clients, Path(tempfile.gettempdir()), locale=locale)
    plan = replace(batch.plan, mode="none")
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        n = sum(process(plan, task).ok for task in batch.tasks())
        best = min(best, (time.perf_counter() - start) / max(n, 1))
    return best


def stages(clients: Path, limit: int, where: str | None = None) -> list[tuple[str, float]]:
    """Return the mean milliseconds per letter of each pipeline stage over *limit* rows."""
    from letters.batch import prepare
    from letters.checks import check
    from letters.compose import compose
    from letters.contract import from_source
    from letters.output import store
    from letters.writers.docx import write_docx
    from letters.writers.markdown import write_markdown

    tmp = Path(tempfile.mkdtemp(prefix="letters-bench-stages-", dir=where))
    try:
        batch = prepare(BASE, clients, tmp)
        tasks = list(itertools.islice(batch.tasks(), limit))
        names = [
            "overlay (row → source)",
            "model build (from_source)",
            "check",
            "compose (Jinja + parse)",
            "Markdown writer",
            "DOCX writer",
            "atomic writes (2 files)",
        ]
        total = dict.fromkeys(names, 0.0)
        clock = time.perf_counter
        for _, row, cells, stem in tasks:
            t0 = clock()
            source, _ = batch.plan.overlay.source(row, cells)
            t1 = clock()
            contract = from_source(source)  # type: ignore[arg-type]
            t2 = clock()
            check(contract)
            t3 = clock()
            doc = compose(contract)
            t4 = clock()
            md = write_markdown(doc).encode("utf-8")
            t5 = clock()
            docx = write_docx(doc)
            t6 = clock()
            store(tmp, f"{stem}.docx", docx, "write", [])
            store(tmp, f"{stem}.md", md, "write", [])
            t7 = clock()
            for name, dt in zip(
                names, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, t7 - t6), strict=True
            ):
                total[name] += dt
        return [(k, 1000 * v / max(len(tasks), 1)) for k, v in total.items()]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# ------------------------------------------------------------------------------------ floor

_TEXT = re.compile(r"((?<=>)[^<]*(?=<)|(?<==\")[^\"]*(?=\"))")  # text nodes, attribute values


def _template_source(pieces: Sequence[str], slots: set[int]) -> str:
    """Return Jinja source: markup and constant text verbatim, ``{{ s[i] }}`` for each slot."""
    out = []
    for i, piece in enumerate(pieces):
        if i % 2 == 1 and i in slots:
            out.append(f"{{{{ s[{i}] }}}}")
        elif "{" in piece or "%}" in piece or "#}" in piece:
            out.append("{% raw %}" + piece + "{% endraw %}")
        else:
            out.append(piece)
    return "".join(out)


class Floor:
    """Produce DOCX bytes the plainest way: Jinja over the XML of a rendered letter + zipfile."""

    def __init__(self, files: Sequence[Path]) -> None:
        """Learn the parts, zip settings and per-letter text slots from rendered *files*."""
        from jinja2 import Environment

        with zipfile.ZipFile(files[0]) as z:
            self.infos = [self._info(i) for i in z.infolist()]
            first = {i.filename: z.read(i.filename) for i in z.infolist()}
        letters = [first]
        for f in files[1:]:
            with zipfile.ZipFile(f) as z:
                letters.append({n: z.read(n) for n in first})
        self.static: dict[str, bytes] = {}
        # per part, one template per markup shape: a long client name or a page-break marker
        # legitimately changes the markup of some letters, so letters are grouped by it
        self.templates: dict[str, list[object]] = {}
        self.shape: list[dict[str, int]] = [{} for _ in letters]
        self.values: list[dict[str, list[str]]] = [{} for _ in letters]
        jinja = Environment(autoescape=False, keep_trailing_newline=True)
        for name, data in first.items():
            if all(letter[name] == data for letter in letters):
                self.static[name] = data
                continue
            split = [_TEXT.split(letter[name].decode("utf-8")) for letter in letters]
            groups: dict[tuple[str, ...], list[int]] = {}
            for k, p in enumerate(split):
                groups.setdefault(tuple(p[0::2]), []).append(k)
            self.templates[name] = []
            for members in groups.values():
                # even indices: markup; odd indices: text nodes and attribute values
                head = split[members[0]]
                slots = {
                    i
                    for i in range(1, len(head), 2)
                    if any(split[k][i] != head[i] for k in members) or len(members) == 1
                }
                for k in members:
                    self.shape[k][name] = len(self.templates[name])
                    self.values[k][name] = [
                        split[k][i] if i in slots else "" for i in range(len(head))
                    ]
                self.templates[name].append(jinja.from_string(_template_source(head, slots)))

    @staticmethod
    def _info(src: zipfile.ZipInfo) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(src.filename, date_time=src.date_time)
        info.compress_type = src.compress_type
        info.create_system = src.create_system
        info.external_attr = src.external_attr
        return info

    def make(self, k: int) -> bytes:
        """Return the DOCX bytes of letter *k*: render its varying parts, zip every part."""
        buf = io.BytesIO()
        values = self.values[k]
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for info in self.infos:
                name = info.filename
                data = self.static.get(name)
                if data is None:
                    template = self.templates[name][self.shape[k][name]]
                    data = template.render(s=values[name]).encode("utf-8")  # type: ignore[attr-defined]
                zf.writestr(info, data, compresslevel=6)
        return buf.getvalue()


def file_cost(folder: Path, n: int = 300) -> float:
    """Return the seconds to create, write and rename one 20 KB file in *folder* (a disk figure)."""
    folder.mkdir()
    data = os.urandom(20_000)
    start = time.perf_counter()
    for i in range(n):
        tmp = folder / f".~{i}.tmp"
        tmp.write_bytes(data)
        os.replace(tmp, folder / f"{i}.docx")
    elapsed = (time.perf_counter() - start) / n
    shutil.rmtree(folder)
    return elapsed


def floor(files: Sequence[Path], repeat: int = 1) -> tuple[float, bool]:
    """Return (seconds per letter of the floor, whether every floor DOCX equals the pipeline's).

    The time is the best of *repeat* passes over all letters.
    """
    f = Floor(files)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for k in range(len(files)):
            f.make(k)
        best = min(best, time.perf_counter() - start)
    same = all(f.make(k) == p.read_bytes() for k, p in enumerate(files))
    return best / len(files), same


# ------------------------------------------------------------------------------------ memory


def _tree_pss_kb(root: int) -> int:
    """Return the summed PSS (kB) of the descendants of *root* (0 where /proc is missing)."""
    children: dict[int, list[int]] = {}
    try:
        pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", "rb") as fh:
                ppid = int(fh.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(pid)
    total, todo = 0, list(children.get(root, []))
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            pass
    return total


# A small launcher: a process started from this (large) one inherits its peak RSS through
# fork/vfork + exec, so ``letters batch`` is started from a fresh interpreter, which reports the
# largest peak RSS among its children (``letters batch`` and its workers).
_LAUNCHER = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)
print("MAXRSS", resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(code)
"""


def batch_memory(clients: Path, out: Path, jobs: int | None = None) -> tuple[float, float, float]:
    """Run ``letters batch`` in a subprocess; return (seconds, max RSS MB, peak tree PSS MB)."""
    cmd = [
        sys.executable,
        "-m",
        "letters",
        "batch",
        str(BASE),
        "--clients",
        str(clients),
        "-o",
        str(out),
    ]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", _LAUNCHER, *cmd],
        env=env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    peak = 0
    stop = threading.Event()

    def poll() -> None:
        nonlocal peak
        while not stop.wait(0.05):
            peak = max(peak, _tree_pss_kb(proc.pid))

    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    out_text, err = proc.communicate()
    stop.set()
    watcher.join()
    elapsed = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(
            f"bench: letters batch exited {proc.returncode}: {err.decode('utf-8', 'replace')}"
        )
    maxrss_kb = int(out_text.decode().split("MAXRSS")[1].split()[0])
    return elapsed, maxrss_kb / 1024, peak / 1024


# ------------------------------------------------------------------------------------ cold


def cold(args: Sequence[str], runs: int, cwd: Path) -> float:
    """Return the median wall-clock seconds of ``python -m letters ARGS`` over *runs* runs."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "letters", *args],
            cwd=cwd,
            env=env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=True,
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def warm_commands(tmp: Path, runs: int = 21) -> tuple[float, float, float, float]:
    """Return the median seconds of ``letters render``, ``letters redline``, ``letters verify``
    of one spec and ``letters blank`` of its kind, run in this process (imports and template
    compilation done), interleaved.

    The redline's OLD is the example with the L2 tier's rate lowered (0.5% → 0.4%): a rate, its
    hourly amount and their comments change."""
    import contextlib

    from letters.cli import main as cli

    old = tmp / "old.yaml"
    old.write_text(
        BASE.read_text(encoding="utf-8").replace(
            "penalty_per_hour: 0.5%", "penalty_per_hour: 0.4%"
        ),
        encoding="utf-8",
    )
    commands = [
        ["render", str(BASE), "-o", str(tmp / "warm-render")],
        ["redline", str(old), str(BASE), "-o", str(tmp / "warm-redline")],
        ["verify", str(tmp / "warm-render" / "sla-response.docx"), str(BASE)],
        ["blank", "sla-response", "-o", str(tmp / "warm-blank")],
    ]
    times: list[list[float]] = [[] for _ in commands]
    for k in range(runs + 1):
        for i, args in enumerate(commands):
            start = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()):
                code = cli(args)
            if code != 0:
                raise RuntimeError(f"letters {' '.join(args)} exited {code}")
            if k:  # the first round warms up
                times[i].append(time.perf_counter() - start)
    r, rl, v, b = (statistics.median(t) for t in times)
    return r, rl, v, b


# ------------------------------------------------------------------------------------ main


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def _table(
    rows: Sequence[Row], head: Sequence[str] = ("figure", "measured", "target", "ok")
) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        mark = "" if r.ok is None else ("yes" if r.ok else "**no**")
        lines.append(f"| {r.figure} | {r.measured} | {r.target} | {mark} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its tables; return 1 with --strict if a target is missed."""
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--letters", type=int, default=1000, help="letters for speed figures (1000)")
    p.add_argument(
        "--rss-letters",
        default="1000,10000",
        help="two batch sizes for the memory figures, or 'none' (1000,10000)",
    )
    p.add_argument("--cold-runs", type=int, default=7, help="runs per cold command (7)")
    p.add_argument("--stage-letters", type=int, default=200, help="letters for the stage table")
    p.add_argument(
        "--repeat", type=int, default=2, help="runs per speed figure; the best is kept (2)"
    )
    p.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    p.add_argument(
        "--tmp",
        default=None,
        metavar="DIR",
        help="where outputs are written and deleted (default: the system temp folder, "
        "$TMPDIR); file creation speed differs a lot between folders",
    )
    a = p.parse_args(argv)
    say: Callable[[str], None] = lambda s: print(s, file=sys.stderr, flush=True)  # noqa: E731
    tmp = Path(tempfile.mkdtemp(prefix="letters-bench-", dir=a.tmp))
    load_start = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    rows: list[Row] = []
    try:
        clients = write_clients(tmp / "clients.csv", a.letters)
        rows.append(
            Row(
                "create + write + rename one 20 KB file in the output folder",
                _ms(file_cost(tmp / "files")),
            )
        )
        warm = write_clients(tmp / "warm.csv", 5, seed=1)
        pipeline(warm, tmp / "warm", 1)  # imports, template compilation: not per-letter costs
        say(f"bench: pipeline --jobs 1, {a.letters} letters …")
        t1 = pipeline(clients, tmp / "j1", 1, a.repeat)
        per = t1 / a.letters
        say("bench: floor …")
        docx = sorted((tmp / "j1").glob("*.docx"))
        floor_per, same = floor(docx, a.repeat)
        ratio = per / floor_per
        in_memory = pipeline_in_memory(clients, a.repeat)
        say("bench: Traditional letters …")
        pipeline_in_memory(warm, 1, "zh-Hant-TW")  # OpenCC's dictionaries load once per process
        hant = pipeline_in_memory(clients, a.repeat, "zh-Hant-TW")
        rows += [
            Row("floor: same DOCX bytes via Jinja + zipfile, per letter", _ms(floor_per), "", None),
            Row(
                "floor output identical to the pipeline's DOCX",
                "yes" if same else "NO",
                "yes",
                same,
            ),
            Row("pipeline `--jobs 1` (load+merge+check+DOCX+MD+write), per letter", _ms(per)),
            Row("pipeline / floor", f"{ratio:.2f}×", "≤ 1.3×", ratio <= 1.3),
            Row(
                "pipeline without writes (DOCX + MD bytes), per letter",
                _ms(in_memory),
                f"floor × {in_memory / floor_per:.2f}",
            ),
            Row(
                "the same in Traditional script (`--locale zh-Hant-TW`), per letter",
                f"{_ms(hant)} (+{(hant / in_memory - 1) * 100:.0f}%)",
                "< +20%",
                hant < 1.2 * in_memory,
            ),
        ]
        say("bench: pipeline --jobs 2 …")
        t2 = pipeline(clients, tmp / "j2", 2, a.repeat)
        identical = all(
            (tmp / "j2" / f.name).read_bytes() == f.read_bytes()
            for f in sorted((tmp / "j1").iterdir())
        )
        speedup = t1 / t2
        rows += [
            Row("throughput `--jobs 1`", f"{a.letters / t1:.0f} letters/s"),
            Row("throughput `--jobs 2`", f"{a.letters / t2:.0f} letters/s"),
            Row(
                "speed-up `--jobs 2` / `--jobs 1`",
                f"{speedup:.2f}×",
                "≥ 1.7× (2 cores)",
                speedup >= 1.7,
            ),
            Row(
                "`--jobs 2` files identical to `--jobs 1`",
                "yes" if identical else "NO",
                "yes",
                identical,
            ),
        ]
        shutil.rmtree(tmp / "j1")
        shutil.rmtree(tmp / "j2")
        if a.rss_letters != "none":
            sizes = [int(x) for x in a.rss_letters.split(",")]
            mem: list[tuple[int, float, float, float]] = []
            for n in sizes:
                say(f"bench: memory of a {n}-letter batch …")
                csv_n = write_clients(tmp / f"rss-{n}.csv", n, seed=2)
                secs, maxrss, pss = batch_memory(csv_n, tmp / f"rss-{n}")
                shutil.rmtree(tmp / f"rss-{n}")
                mem.append((n, secs, maxrss, pss))
                rows.append(
                    Row(
                        f"peak RSS, {n:,} letters (largest process / PSS of all)",
                        f"{maxrss:.1f} MB / {pss:.1f} MB ({n / secs:.0f} letters/s)",
                        "< 200 MB",
                        maxrss < 200 and (pss == 0 or pss < 200),
                    )
                )
            if len(mem) >= 2:
                (n0, _, r0, _), (n1, _, r1, _) = mem[0], mem[-1]
                growth = r1 - r0
                rows.append(
                    Row(
                        f"RSS growth {n0:,} → {n1:,} letters",
                        f"{growth:+.1f} MB",
                        "flat (< 10 MB)",
                        growth < 10,
                    )
                )
        say("bench: cold commands …")
        spec = str(BASE.relative_to(REPO))
        r = cold(["render", spec, "-o", str(tmp / "cold")], a.cold_runs, REPO)
        c = cold(["check", spec], a.cold_runs, REPO)
        rows += [
            Row(
                f"cold `letters render` of one spec (median of {a.cold_runs})",
                _ms(r),
                "< 300 ms",
                r < 0.3,
            ),
            Row(
                f"cold `letters check` of one spec (median of {a.cold_runs})",
                _ms(c),
                "< 200 ms",
                c < 0.2,
            ),
        ]
        say("bench: redline and verify …")
        w_render, w_redline, w_verify, w_blank = warm_commands(tmp)
        old_spec = str(tmp / "old.yaml")
        rl = cold(["redline", old_spec, spec, "-o", str(tmp / "cold-redline")], a.cold_runs, REPO)
        rows += [
            Row("warm `letters render` of one spec, in process (median)", _ms(w_render)),
            Row(
                "warm `letters redline` / warm `letters render`",
                f"{w_redline / w_render:.2f}× ({_ms(w_redline)})",
                "< 2×",
                w_redline < 2 * w_render,
            ),
            Row(
                f"cold `letters redline` / cold `letters render` (median of {a.cold_runs})",
                f"{rl / r:.2f}× ({_ms(rl)})",
                "< 2×",
                rl < 2 * r,
            ),
            Row(
                "warm `letters verify` of one DOCX letter, in process (median)",
                _ms(w_verify),
                "< 100 ms",
                w_verify < 0.1,
            ),
            Row(  # two compositions (with and without the optional fields) and their diff
                "warm `letters blank` of the kind / warm `letters render`",
                f"{w_blank / w_render:.2f}× ({_ms(w_blank)})",
                "< 3×",
                w_blank < 3 * w_render,
            ),
        ]
        split = stages(clients, min(a.stage_letters, a.letters), a.tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"letters bench — Python {platform.python_version()}, {cpus} CPUs, "
        f"load average {load_start:.2f} at start / {load:.2f} at end (other work on the machine "
        f"skews the figures), {a.letters} letters, outputs under {tmp.parent}\n"
    )
    print(_table(rows))
    total = sum(ms for _, ms in split)
    print()
    print("| stage (per letter, `--jobs 1`) | ms | share |\n|---|---|---|")
    for name, ms in split:
        print(f"| {name} | {ms:.2f} | {100 * ms / total:.0f}% |")
    print(f"| **total** | {total:.2f} | 100% |")
    missed = [r.figure for r in rows if r.ok is False]
    return 1 if a.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
