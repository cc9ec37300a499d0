"""Many small builds, fast: import Pelican once, then fork one process per build.

A build's own work is a few tenths of a second; starting Python and importing
Pelican and the plugins takes longer. `run_builds` starts one driver process
(`python -m tests.site.forked_builds`) that imports everything once, then
forks a child per build, two at a time. Each child is exactly `pelican …`
on the command line (same argv, environment, working directory, exit code,
stdout and stderr), minus the imports.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.conftest import REPO, Build

PARALLEL = max(2, os.cpu_count() or 2)


def pelican_argv(content: Path, output: Path, args: tuple[str, ...] = ()) -> list:
    """The command line `run_build` uses, without the interpreter."""
    return [
        str(content),
        "-o",
        str(output),
        "-s",
        str(REPO / "pelicanconf.py"),
        "--log-handler",
        "plain",
        *args,
    ]


def run_builds(jobs: list[dict]) -> list[Build]:
    """Run builds {content, output, env?, args?} in parallel; return each Build."""
    with tempfile.TemporaryDirectory() as logs:
        specs = [
            {
                "argv": pelican_argv(
                    job["content"], job["output"], job.get("args", ())
                ),
                "env": job.get("env", {}),
                "log": os.path.join(logs, f"{index}.log"),
            }
            for index, job in enumerate(jobs)
        ]
        env = {**os.environ, "LANG": "C", "LC_ALL": "C"}
        driver = subprocess.run(
            [sys.executable, "-m", "tests.site.forked_builds"],
            input=json.dumps(specs),
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert driver.returncode == 0, driver.stderr
        codes = json.loads(driver.stdout)
        return [
            Build(
                Path(job["output"]),
                code,
                Path(spec["log"]).read_text(encoding="utf-8"),
            )
            for job, spec, code in zip(jobs, specs, codes, strict=True)
        ]


def _child(spec: dict) -> None:
    """In the forked child: become `pelican <argv>` and exit with its code."""
    log = os.open(spec["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.environ.update(spec["env"])
    code = 0
    try:
        import pelican  # noqa: PLC0415 - already imported by the driver

        sys.argv = ["pelican", *spec["argv"]]
        pelican.main(spec["argv"])
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:
        import traceback  # noqa: PLC0415

        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _drive() -> None:
    """Read the builds on stdin, fork them PARALLEL at a time, print exit codes."""
    sys.path.insert(0, str(REPO / "plugins"))
    import pelican  # noqa: F401, PLC0415 - imported once, before forking
    import validation  # noqa: F401, PLC0415

    specs = json.load(sys.stdin)
    codes: dict[int, int] = {}
    running: dict[int, int] = {}
    pending = list(enumerate(specs))
    while pending or running:
        while pending and len(running) < PARALLEL:
            index, spec = pending.pop(0)
            sys.stdout.flush()
            pid = os.fork()
            if pid == 0:
                _child(spec)
            running[pid] = index
        pid, status = os.wait()
        codes[running.pop(pid)] = os.waitstatus_to_exitcode(status)
    print(json.dumps([codes[index] for index in range(len(specs))]))


if __name__ == "__main__":
    _drive()
