"""The planner's core on the standard TOPTW benchmark files, run as the benchmark entry point and checked
independently.

For every instance in ../shared/benchmarks/toptw/instances and m = 1..4 routes: the score, the best known
(bks.csv: proven optima at m = 1), the gap, and the wall seconds of the whole command
(`python -m tourism.planner.toptw FILE --routes M --time-limit T`), beside the wall seconds of a bare
`python -c pass` measured in the same run; each solution is recomputed by the benchmark's own checker.
Averages at the end: m = 1, and m = 1..4.

    .venv/bin/python bench/toptw.py [--time-limit 10] [--routes 1 2 3 4] [--seeds 0] [--files c101.txt ...]
                                    [--core lns|ortools]
"""

import argparse
import csv
import importlib.util
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "benchmarks" / "toptw"


def load_checker():
    spec = importlib.util.spec_from_file_location("toptw_check", BENCH / "check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def best_known() -> dict:
    with open(BENCH / "bks.csv") as handle:
        return {(row["file"], int(row["m"])): float(row["bks"]) for row in csv.DictReader(handle)}


def wall(command: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    out = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=True)  # noqa: S603
    return time.perf_counter() - started, out.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--routes", type=int, nargs="+", default=[1, 2, 3, 4])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--files", nargs="*")
    parser.add_argument("--core", choices=("lns", "ortools"), default="lns")
    args = parser.parse_args()
    checker, bks = load_checker(), best_known()
    paths = [BENCH / "instances" / name for name in args.files] if args.files else \
        sorted((BENCH / "instances").glob("*.txt"))
    python_start, _out = wall([sys.executable, "-c", "pass"])
    print(f"core {args.core}; time limit {args.time_limit:g} s; "
          f"a bare Python start takes {python_start:.2f} s on this machine")
    print(f"{'instance':<10} {'m':>2} {'seed':>4} {'score':>6} {'best':>6} {'gap %':>6} {'wall s':>7}  check")
    gaps: dict[int, list[float]] = {}
    walls = []
    for m in args.routes:
        for path in paths:
            for seed in args.seeds:
                seconds, out = wall([sys.executable, "-m", "tourism.planner.toptw", str(path), "--routes", str(m),
                                     "--time-limit", str(args.time_limit), "--seed", str(seed),
                                     "--core", args.core])
                result = json.loads(out)
                score, errors = checker.check(checker.read_instance(str(path)), result["routes"], m,
                                              checker.decimals_for(str(path)))
                known = bks.get((path.name, m))
                gap = 100 * (known - score) / known if known else None
                if gap is not None:
                    gaps.setdefault(m, []).append(gap)
                walls.append(seconds)
                verdict = "feasible" if not errors and score == result["score"] else f"WRONG: {errors[:1]}"
                print(f"{path.name:<10} {m:>2} {seed:>4} {score:>6.0f} {known or '—':>6} "
                      f"{(f'{gap:.2f}' if gap is not None else '—'):>6} {seconds:>7.2f}  {verdict}")
    for m, values in sorted(gaps.items()):
        print(f"m = {m}: average gap {statistics.mean(values):.2f}% over {len(values)} runs")
    everything = [g for values in gaps.values() for g in values]
    if everything:
        print(f"m = {min(gaps)}..{max(gaps)}: average gap {statistics.mean(everything):.2f}%")
    print(f"wall seconds: max {max(walls):.2f}, mean {statistics.mean(walls):.2f} "
          f"(limit {args.time_limit:g}; max / limit {max(walls) / args.time_limit:.3f})")


if __name__ == "__main__":
    main()
