"""The benchmark's command line: `python -m tools.bench {run,profile,report} -h`."""

import argparse
import logging
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

from tools.bench import harness, profile
from tools.bench.measure import RunFailed, machine_load
from tools.bench.report import HEADERS, format_table, summarize, table_rows
from tools.bench.workspace import REPO, BenchSetupError, Workspace, shared_dir

logger = logging.getLogger("tools.bench")
DEFAULT_CACHE = Path(
    os.environ.get("BENCH_CACHE") or Path.home() / ".cache" / "vigie-bench"
)


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="time every variant, print the table")
    profile_command = commands.add_parser("profile", help="cProfile our cold build")
    for sub in (run, profile_command):
        sub.add_argument("--posts", type=int, default=1000, help="corpus size")
        sub.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="folder")
    run.add_argument("--runs", type=int, default=3, help="runs per variant")
    run.add_argument(
        "--only",
        default=",".join(harness.GROUPS),
        help=f"comma-separated groups among {', '.join(harness.GROUPS)}",
    )
    report = commands.add_parser("report", help="report on a cProfile stats file")
    report.add_argument("stats", type=Path)
    for sub in (profile_command, report):
        sub.add_argument("--top", type=int, default=25, help="functions per list")
    return parser.parse_args(argv)


def run_command(args: argparse.Namespace) -> str:
    """Run the benchmark and return its report: context, table, load."""
    groups = [group.strip() for group in args.only.split(",") if group.strip()]
    unknown = sorted(set(groups) - set(harness.GROUPS))
    if unknown or args.runs < 1 or args.posts < 1:
        raise BenchSetupError(f"bad --only, --runs or --posts: {unknown or ''}")
    workspace = Workspace(args.cache, args.posts, shared_dir())
    load_before = machine_load()
    samples = harness.run_bench(workspace, args.runs, groups)
    load_after = machine_load()
    results = [(row, summarize(found)) for row, found in samples.items() if found]
    rows = table_rows(results, args.posts, harness.VANILLA, harness.OURS_COLD)
    return "\n".join(
        [
            f"make bench: {args.posts} posts, {args.runs} alternating runs per variant",
            _machine(),
            f"load before: {_load(load_before)}",
            "",
            format_table(HEADERS, rows),
            "",
            f"load after: {_load(load_after)}",
        ]
    )


def profile_command(args: argparse.Namespace) -> str:
    """Profile our cold build and return the report."""
    workspace = Workspace(args.cache, args.posts, shared_dir())
    content = workspace.corpus("vigie")
    scratch = workspace.scratch()
    stats_file = args.cache / f"profile-{args.posts}.pstats"
    load_before = machine_load()
    try:
        sample = profile.profile_build(
            content, scratch / "output", stats_file, scratch / "build.log"
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return "\n".join(
        [
            f"make bench-profile: our cold build of {args.posts} posts under cProfile",
            _machine(),
            f"load before: {_load(load_before)}, after: {_load(machine_load())}",
            f"wall {sample.wall:.2f} s, CPU {sample.cpu:.2f} s, "
            f"peak {sample.peak_kib / 1024:.0f} MiB (cProfile slows the build)",
            "",
            profile.format_report(stats_file, args.top),
        ]
    )


def _machine() -> str:
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return (
        f"machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"commit {commit or 'unknown'}"
    )


def _load(load: tuple[float, float, float]) -> str:
    return " / ".join(f"{value:.2f}" for value in load) + " (1 / 5 / 15 min)"


def main(argv: list[str] | None = None) -> int:
    """Run one command; setup errors and failed builds exit with status 1."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO, format="bench: %(message)s")
    try:
        if args.command == "run":
            print(run_command(args))
        elif args.command == "profile":
            print(profile_command(args))
        else:
            print(profile.format_report(args.stats, args.top))
    except (BenchSetupError, RunFailed, subprocess.CalledProcessError) as error:
        logger.error("%s", error)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
