"""Build into a folder next to output/, then swap it in: never half a site.

The staging folder sits beside the output folder (same file system, so a
rename is instant and never a copy). On success the old output is renamed
away, the new one renamed in, and the old one deleted: a reader of output/
sees either the whole old site or the whole new one. On failure the staging
folder is deleted and output/ is not touched at all.

While the posts are read, a thread makes the former site's folders in the
staging folder (a `Skeleton`), so that the writer finds them made; those the
new site leaves empty are removed before the swap.
"""

import errno
import os
import shutil
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

# Deleting a site is thousands of unlink and rmdir calls, which release the
# GIL: two threads (the machine's cores) delete its top entries side by side.
REMOVAL_THREADS = 2


class Skeleton:
    """The former site's folders, made in the staging folder by a thread.

    Pelican makes each folder when it writes the first file in it: some 1,800
    mkdir calls for 1,000 posts, on the writer's path. mkdir releases the GIL,
    so a thread makes them while the posts are read.
    """

    def __init__(self, staging: str, model: str, skipped: list[str]):
        """Prepare to copy the folders of `model` but `skipped` into `staging`."""
        self.staging = staging
        self.model = model
        self.skipped = set(skipped)
        self.made: list[str] = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._make, daemon=True)

    def _folders(self) -> Iterator[str]:
        """The model's folders, relative, each before the folders it holds."""
        pending = [""]
        while pending:
            relative = pending.pop()
            with os.scandir(os.path.join(self.model, relative)) as entries:
                for entry in entries:
                    if not entry.is_dir(follow_symlinks=False):
                        continue
                    if not relative and entry.name in self.skipped:
                        continue  # OUTPUT_RETENTION: swap_in copies them whole
                    folder = os.path.join(relative, entry.name)
                    pending.append(folder)
                    yield folder

    def _make(self) -> None:
        """Make the folders; stop when asked or when the staging folder is gone."""
        try:
            for folder in self._folders():
                if self.stopping.is_set():
                    return
                target = os.path.join(self.staging, folder)
                try:
                    os.mkdir(target)
                except FileExistsError:
                    continue  # the writer was first
                self.made.append(target)
        except OSError:
            return  # the staging folder (or the model) went away: nothing to do

    def stop(self) -> None:
        """Stop making folders and wait for the thread (before a removal)."""
        self.stopping.set()
        self.thread.join()

    def prune(self) -> None:
        """Wait for the thread, then remove the folders it made that stayed empty."""
        self.thread.join()
        for folder in reversed(self.made):  # the folders it holds first
            try:
                os.rmdir(folder)
            except OSError as error:
                if error.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                    raise


# Skeletons being made, by staging folder: whatever ends the build (swap,
# failure, check) goes through swap_in() or remove_tree(), which wait for it.
_skeletons: dict[str, Skeleton] = {}


def start_skeleton(staging: str, output_path: str, retained: list[str] = ()) -> None:
    """Start making the folders of the current output/ in `staging`."""
    if os.path.isdir(output_path) and staging not in _skeletons:
        os.makedirs(staging, exist_ok=True)
        skeleton = Skeleton(staging, output_path, list(retained))
        _skeletons[staging] = skeleton
        skeleton.thread.start()


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
    skeleton = _skeletons.pop(path, None)
    if skeleton is not None:
        skeleton.stop()
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
    skeleton = _skeletons.pop(staging, None)
    if skeleton is not None:
        skeleton.prune()
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
