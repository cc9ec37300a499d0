"""Profile our cold build with cProfile and say where its time goes.

The report groups time by owner (each of our plugins, our templates,
Pelican, Jinja, Markdown, …), gives the inclusive time of the build's
phases, then the top functions by cumulative and by own time.
"""

import pstats
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from tools.bench import variants
from tools.bench.measure import Sample, measure
from tools.bench.workspace import REPO

# pstats keys: (file name, line, function); values: (primitive calls,
# calls, own time, cumulative time, callers).
FunctionKey = tuple[str, int, str]

BUILTIN = "~"
SITE_PACKAGES = re.compile(r"[/\\]site-packages[/\\]([^/\\]+)")
# Third-party packages reported under a common owner.
PACKAGE_GROUPS = {"markupsafe": "jinja2"}
# Who calls into a plugin on the build's behalf (see plugin_entries).
DRIVERS = frozenset({"pelican", "blinker", "jinja2", "our templates"})
# The build's phases: (label, file name ending, function); the time of every
# matching function is added up, so list functions that do not nest.
PHASES = (
    ("reading (Readers.read_file)", "pelican/readers.py", "read_file"),
    ("  Markdown convert", "markdown/core.py", "convert"),
    ("writing (generate_output)", "pelican/generators.py", "generate_output"),
    ("  Writer.write_file", "pelican/writers.py", "write_file"),
    ("  Jinja Template.render", "jinja2/environment.py", "render"),
    ("Content URLs (get_url_setting)", "pelican/contents.py", "get_url_setting"),
    ("tag/author/category URLs", "pelican/urlwrappers.py", "_from_settings"),
    ("Content.get_content (link rewrite)", "pelican/contents.py", "get_content"),
    ("Content summaries", "pelican/contents.py", "get_summary"),
    ("Babel Locale.parse", "babel/core.py", "parse"),
)
# Builtin calls that touch the disk.
FILE_IO = re.compile(
    r"built-in method (io\.open|posix\.(mkdir|stat|lstat|unlink|rmdir|scandir|remove))"
    r"|method '(write|read)' of '_io\."
)
# Entry points called once per build are not worth a line of the top lists.
WRAPPER_SHARE = 0.98


def profile_build(content: Path, output: Path, stats_file: Path, log: Path) -> Sample:
    """Run our cold build under cProfile, writing its stats to `stats_file`."""
    command = variants.our_cold_build(content, output)
    python, *rest = command.argv
    profiled = [python, "-m", "cProfile", "-o", str(stats_file), *rest]
    return measure(variants.Command(profiled, command.cwd, command.env), log)


def owner(filename: str, repo: Path = REPO) -> str:
    """Return who owns a profiled function's file: a plugin, a library, stdlib."""
    if filename == BUILTIN:
        return "builtins"
    package = SITE_PACKAGES.search(filename)
    if package:
        name = package.group(1).removesuffix(".py")
        return PACKAGE_GROUPS.get(name, name)
    path = Path(filename)
    if path.is_relative_to(repo / "plugins"):
        return "plugin " + path.relative_to(repo / "plugins").parts[0]
    if path.is_relative_to(repo / "theme"):
        return "our templates"
    if path.is_relative_to(repo):
        return "ours (other)"
    return "stdlib"


def own_time_by_owner(stats: dict, repo: Path = REPO) -> dict[str, float]:
    """Add up own time per owner; a builtin's time goes to its callers' owners."""
    totals: dict[str, float] = defaultdict(float)
    for (filename, _, _), (_, _, own, _, callers) in stats.items():
        if filename != BUILTIN or not callers:
            totals[owner(filename, repo)] += own
            continue
        for (caller_file, _, _), edge in callers.items():
            totals[owner(caller_file, repo)] += edge[2]
    return dict(totals)


def plugin_entries(
    stats: dict, repo: Path = REPO
) -> dict[str, list[tuple[str, float]]]:
    """Return, per plugin, the functions the build calls in it, and their time.

    The time is the cumulative time of the calls made by the build's drivers
    (Pelican, its signals, Jinja, our templates, another plugin), plus the
    import of the plugin's package. Calls back from a library the plugin
    uses (a feed writer's callbacks from feedgenerator) are inside that time
    already and are not counted twice.
    """
    entries: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for key, (_, _, _, cumulative, callers) in stats.items():
        plugin = owner(key[0], repo)
        if not plugin.startswith("plugin "):
            continue
        if key[2] == "<module>":
            # Importing the package imports its modules: count the package once.
            inbound = cumulative if Path(key[0]).name == "__init__.py" else 0.0
        else:
            inbound = sum(
                edge[3]
                for caller, edge in callers.items()
                if _drives(caller, plugin, repo)
            )
        if inbound > 0:
            entries[plugin].append((label(key, repo), inbound))
    return {
        name: sorted(found, key=lambda item: -item[1])
        for name, found in entries.items()
    }


def _drives(caller: FunctionKey, plugin: str, repo: Path) -> bool:
    """Tell whether a call from this function enters the plugin from the build."""
    name = owner(caller[0], repo)
    return name in DRIVERS or (name.startswith("plugin ") and name != plugin)


def phase_times(stats: dict) -> list[tuple[str, int, float]]:
    """Return (phase, calls, cumulative seconds) for each phase that ran."""
    found = []
    for name, ending, function in PHASES:
        calls, seconds = 0, 0.0
        for (filename, _, funcname), (_, count, _, cumulative, _) in stats.items():
            if funcname == function and filename.replace("\\", "/").endswith(ending):
                calls, seconds = calls + count, seconds + cumulative
        if calls:
            found.append((name, calls, seconds))
    io_seconds = sum(
        values[2] for key, values in stats.items() if FILE_IO.search(key[2])
    )
    found.append(("file I/O (open, write, mkdir, stat)", 0, io_seconds))
    return found


def label(key: FunctionKey, repo: Path = REPO) -> str:
    """Return `path:line(function)`, the path short: from site-packages or the repo."""
    filename, line, function = key
    if filename == BUILTIN:
        return function
    package = SITE_PACKAGES.search(filename)
    if package:
        filename = filename[package.start(1) :]
    elif Path(filename).is_relative_to(repo):
        filename = str(Path(filename).relative_to(repo))
    return f"{filename}:{line}({function})"


def format_report(stats_file: Path, top: int = 25, repo: Path = REPO) -> str:
    """Return the profile report of a cProfile stats file."""
    stats = pstats.Stats(str(stats_file)).stats
    total = max(values[3] for values in stats.values())
    lines = [f"profile: {stats_file} — {total:.2f} s under cProfile", ""]
    lines += ["## Phases (inclusive time; nested lines are part of the one above)"]
    for name, calls, seconds in phase_times(stats):
        count = f"{calls:>7} calls" if calls else " " * 13
        lines.append(f"{seconds:8.2f} s {_share(seconds, total)} {count}  {name}")
    lines += ["", "## Our plugins (inclusive time of the calls into each plugin)"]
    for plugin, entries in sorted(
        plugin_entries(stats, repo).items(), key=lambda item: -_sum(item[1])
    ):
        seconds = _sum(entries)
        lines.append(f"{seconds:8.2f} s {_share(seconds, total)}  {plugin}")
        lines += [f"{'':12}{spent:8.2f} s  {name}" for name, spent in entries[:4]]
    lines += ["", "## Own time by owner (builtins charged to their callers)"]
    for name, seconds in sorted(
        own_time_by_owner(stats, repo).items(), key=lambda item: -item[1]
    ):
        lines.append(f"{seconds:8.2f} s {_share(seconds, total)}  {name}")
    for order, column in (("cumulative", 3), ("own time", 2)):
        lines += ["", f"## Top {top} functions by {order}", _TOP_HEADER]
        ranked = sorted(stats.items(), key=lambda item: -item[1][column])
        shown = [
            item for item in ranked if item[1][3] < WRAPPER_SHARE * total or column == 2
        ]
        lines += [_top_line(key, values, repo) for key, values in shown[:top]]
    return "\n".join(lines)


_TOP_HEADER = f"{'calls':>9} {'own s':>8} {'cum s':>8}  {'owner':<20} function"


def _top_line(key: FunctionKey, values: tuple, repo: Path) -> str:
    _, calls, own, cumulative, _ = values
    return (
        f"{calls:>9} {own:8.2f} {cumulative:8.2f}  "
        f"{owner(key[0], repo):<20} {label(key, repo)}"
    )


def _share(seconds: float, total: float) -> str:
    return f"{100 * seconds / total:5.1f} %" if total else "    - %"


def _sum(entries: Iterable[tuple[str, float]]) -> float:
    return sum(seconds for _, seconds in entries)
