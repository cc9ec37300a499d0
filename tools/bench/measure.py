"""Time one command: wall seconds, CPU seconds and peak memory (public APIs only)."""

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from tools.bench.variants import Command

LOG_TAIL_LINES = 20


@dataclass(frozen=True)
class Sample:
    """One run: wall and CPU (user + system) seconds, peak resident memory."""

    wall: float
    cpu: float
    peak_kib: int


class RunFailed(Exception):
    """A measured command exited with an error: its figures mean nothing."""


def measure(command: Command, log: Path) -> Sample:
    """Run the command, its output into `log`, and return its figures.

    `os.wait4` gives the resource usage of this child alone (with its own
    children), so the peak memory of one run is not mixed with earlier ones
    as `getrusage(RUSAGE_CHILDREN)` would.
    """
    env = {**os.environ, **command.env}
    with log.open("wb") as sink:
        start = time.perf_counter()
        process = subprocess.Popen(
            command.argv,
            cwd=command.cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()
        raise RunFailed(
            f"{' '.join(command.argv)} exited with {process.returncode}:\n"
            + "\n".join(tail[-LOG_TAIL_LINES:])
        )
    # On Linux ru_maxrss is in KiB.
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def machine_load() -> tuple[float, float, float]:
    """Return the 1, 5 and 15 minute load averages."""
    return os.getloadavg()
