"""Parse many Markdown files on every core before Pelican reads them one by one.

Pelican reads posts one after the other, in one process, and converting
Markdown is most of a cold build. Before the first post is read, the files
whose result is not cached yet are parsed by a pool of forked processes, one
per core; the reader then finds each result by the file's digest. The result
is that of the same pure function (`VigieMarkdownReader.parse_file`), so the
site does not change; a file that fails in a worker is simply read again by
the reader, which reports the failure as usual.
"""

import hashlib
import logging
import multiprocessing
import os
import pickle
import sys
from collections.abc import Callable, Iterable

# Below this many files to parse, starting processes costs more than it saves.
MIN_FILES = 32
# Files handed to a worker at a time: few round trips, an even spread.
CHUNK_SIZE = 8

# The worker process's parser, set once per worker by _start_worker (in the
# parent this stays None).
_worker_parse: Callable[[bytes], tuple] | None = None


def usable_cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0))


def file_digest(raw: bytes) -> str:
    """The key of a file's result: the SHA-256 of its bytes, as the reader's."""
    return hashlib.sha256(raw).hexdigest()


def _start_worker(parse: Callable[[bytes], tuple]) -> None:
    """Keep this worker's parser (inherited by the fork: nothing is pickled).

    A worker says nothing: Pelican's status line runs in a thread of the
    parent, which may hold the console's or stderr's lock at the instant of
    the fork; a worker that never logs nor writes to the inherited streams
    never waits for such a lock.
    """
    global _worker_parse  # noqa: PLW0603 - one parser per worker process
    _worker_parse = parse
    logging.disable(logging.CRITICAL)
    sys.stdout = sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


def _parse(path: str) -> tuple[str, bytes | None]:
    """(digest, pickled result) of one file in a worker; None if parsing failed.

    The result travels pickled by us, to be unpickled by the parent's main
    thread: unpickled by the pool's result thread, its large strings would
    live in that thread's malloc arena, which the rest of the build cannot
    reuse (+67 MiB at 10,000 posts).
    """
    with open(path, "rb") as source:
        raw = source.read()
    try:
        result = _worker_parse(raw)
    except Exception:  # the reader parses it again and reports the failure
        return file_digest(raw), None
    return file_digest(raw), pickle.dumps(result, pickle.HIGHEST_PROTOCOL)


def parse_ahead(
    paths: Iterable[str], parse: Callable[[bytes], tuple]
) -> dict[str, tuple]:
    """Results of `parse(bytes)` by file digest, for `paths`, on every core.

    Returns {} when there are too few files or a single core: the reader
    then parses each file itself, as it would have anyway.
    """
    paths = list(paths)
    cores = usable_cores()
    if len(paths) < MIN_FILES or cores < 2:
        return {}
    context = multiprocessing.get_context("fork")
    with context.Pool(cores, _start_worker, (parse,)) as pool:
        return {
            digest: pickle.loads(result)
            for digest, result in pool.imap_unordered(_parse, paths, CHUNK_SIZE)
            if result is not None
        }
