"""Build into a folder next to output/, then swap it in: never half a site.

The staging folder sits beside the output folder (same file system, so a
rename is instant and never a copy). On success the old output is renamed
away, the new one renamed in, and the old one deleted: a reader of output/
sees either the whole old site or the whole new one. On failure the staging
folder is deleted and output/ is not touched at all.
"""

import os
import shutil
from concurrent.futures import ThreadPoolExecutor

# Deleting a site is thousands of unlink and rmdir calls, which release the
# GIL: two threads (the machine's cores) delete its top entries side by side.
REMOVAL_THREADS = 2


def staging_path(output_path: str) -> str:
    """The folder this process builds into, beside the real output folder."""
    return f"{os.path.realpath(output_path)}-staging-{os.getpid()}"


def _remove_entry(path: str) -> None:
    """Delete one file, link or folder."""
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    else:
        os.remove(path)


def remove_tree(path: str) -> None:
    """Delete a folder and what it holds, if it is there."""
    if os.path.isdir(path) and not os.path.islink(path):
        with os.scandir(path) as found:
            entries = [entry.path for entry in found]
        with ThreadPoolExecutor(REMOVAL_THREADS) as pool:
            # list() waits for every entry and raises the first failure.
            list(pool.map(_remove_entry, entries))
        os.rmdir(path)
    elif os.path.lexists(path):
        os.remove(path)


def _keep(retained: list[str], old: str, new: str) -> None:
    """Copy OUTPUT_RETENTION entries (a `.git`, a CNAME…) into the new site."""
    for name in retained:
        source, target = os.path.join(old, name), os.path.join(new, name)
        if not os.path.lexists(source) or os.path.lexists(target):
            continue
        if os.path.isdir(source) and not os.path.islink(source):
            shutil.copytree(source, target, symlinks=True)
        else:
            shutil.copy2(source, target, follow_symlinks=False)


def swap_in(staging: str, output_path: str, retained: list[str] = ()) -> None:
    """Make `staging` the output folder; the former one goes away."""
    target = os.path.realpath(output_path)
    os.makedirs(staging, exist_ok=True)
    if not os.path.lexists(target):
        os.rename(staging, target)
        return
    _keep(list(retained), target, staging)
    former = f"{target}-former-{os.getpid()}"
    remove_tree(former)
    os.rename(target, former)
    try:
        os.rename(staging, target)
    except OSError:
        os.rename(former, target)
        raise
    remove_tree(former)
