"""How long each chapter takes to run top to bottom on ONE core, as a Binder reader's "Run all".

Run from the repository root:  .venv/bin/python benchmarks/chapter_times.py [--lang en zh] [--pages 07 10]
This process and the kernels it starts are pinned to one CPU (``sched_setaffinity``,
inherited by the kernel) and BLAS uses one thread, as on Binder's one core. For each
page it prints the kernel start-up time and the time from the first cell to the last
(target: ≤ 20 s), each page in a fresh kernel. Asserts nothing.
"""
import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import jupytext  # noqa: E402
from nbclient import NotebookClient  # noqa: E402

TARGET_S = 20.0


def run(path: Path) -> tuple[float, float]:
    """(kernel start-up seconds, seconds from the first cell to the last) for one page."""
    nb = jupytext.read(path)
    client = NotebookClient(nb, timeout=1800, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    t0 = time.perf_counter()
    with client.setup_kernel():
        t1 = time.perf_counter()
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        t2 = time.perf_counter()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.output_type == "error" and "raises-exception" not in c.metadata.get("tags", [])]
    if errors:
        print(f"   {path.name}: {len(errors)} cell error(s), first: {errors[0].ename}: {errors[0].evalue}")
    return t1 - t0, t2 - t1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", nargs="+", default=["en", "zh"], choices=["en", "zh"])
    parser.add_argument("--pages", nargs="*", default=None, help="page number prefixes, e.g. 07 10")
    parser.add_argument("--cpu", type=int, default=0, help="the CPU to pin to")
    args = parser.parse_args()
    os.sched_setaffinity(0, {args.cpu})
    print(f"pinned to CPU {args.cpu} (of {os.cpu_count()}); target ≤ {TARGET_S:.0f} s per page")
    print(f"{'page':32} {'kernel start':>12} {'run all':>9}")
    worst = 0.0
    for lang in args.lang:
        for path in sorted((ROOT / "chapters" / lang).glob("*.md")):
            if args.pages and not any(path.name.startswith(p) for p in args.pages):
                continue
            start, body = run(path)
            worst = max(worst, body)
            flag = "" if body <= TARGET_S else "  over target"
            print(f"{lang + '/' + path.name:32} {start:11.1f}s {body:8.1f}s{flag}", flush=True)
    print(f"slowest page: {worst:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
