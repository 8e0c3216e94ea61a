"""Count every stage's tests from their JUnit reports and print the one summary line of the CI run.

A stage that ended badly without a failing test in its report (lint, a crash, a server that never
started) counts as one failed test, so a run that executed nothing can never look green.
"""

import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path


def count(report: Path) -> tuple[int, int]:
    passed = failed = 0
    for case in ElementTree.parse(report).getroot().iter("testcase"):  # noqa: S314 (our own tools wrote it)
        outcomes = {child.tag for child in case}
        if outcomes & {"failure", "error"}:
            failed += 1
        elif "skipped" not in outcomes:
            passed += 1
    return passed, failed


def main(folder: Path) -> int:
    exits = dict(line.rsplit(" ", 1) for line in (folder / "exits").read_text().splitlines())
    passed = failed = 0
    for stage, code in exits.items():
        stage_passed = stage_failed = 0
        for report in sorted(folder.glob(f"{stage}*.xml")):
            p, f = count(report)
            stage_passed, stage_failed = stage_passed + p, stage_failed + f
        if code != "0" and stage_failed == 0:
            stage_failed = 1
        print(f"{stage}: {stage_passed} passed, {stage_failed} failed (exit {code})")
        passed, failed = passed + stage_passed, failed + stage_failed
    print(f"ci: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
