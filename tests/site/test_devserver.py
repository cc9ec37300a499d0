"""`make devserver`: errors are shown, the server keeps serving, a fix rebuilds."""

import http.client
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

from tests.conftest import REPO, build_files, write_files

GOOD = {
    "authors/ana.md": "Name: Ana\n\nBio.\n",
    "posts/2025/bon.md": "Title: Bon\nDate: 2025-03-01\nAuthor: ana\n"
    "Hashtags: #Vigie\n\nLe texte.\n",
}
TIMEOUT = 90


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    """Status and text of a page; Pelican's server hangs up on a missing one."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except http.client.RemoteDisconnected:
        return 404, ""


class Console:
    """What the server prints, read line by line in the background."""

    def __init__(self, process: subprocess.Popen):
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, args=(process,), daemon=True).start()

    def _read(self, process):
        for line in process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, words: str) -> str:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                continue
            self.seen.append(line)
            if words in line:
                return line
        raise AssertionError(f"never saw {words!r} in:\n" + "\n".join(self.seen))


def wait_until_served(url: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        try:
            if fetch(url)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} never answered")


def test_devserver_shows_errors_keeps_serving_and_rebuilds(tmp_path):
    first = build_files(tmp_path, GOOD)
    assert first.returncode == 0, first.log
    content = tmp_path / "content"
    write_files(content, {"posts/2025/neuf.md": "Title: Neuf\nDate: 02/03/2025\n"})
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pelican",
            str(content),
            "-o",
            str(first.output),
            "-s",
            str(REPO / "pelicanconf.py"),
            "--listen",
            "--autoreload",
            "-b",
            "127.0.0.1",
            "-p",
            str(port),
            "--log-handler",
            "plain",
        ],
        cwd=REPO,
        env={**os.environ, "LANG": "C", "LC_ALL": "C"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    console = Console(process)
    site = f"http://127.0.0.1:{port}"
    try:
        console.wait_for("content/posts/2025/neuf.md:2: la date « 02/03/2025 »")
        console.wait_for("erreurs dans 1 fichier : le site de ")
        wait_until_served(site + "/")
        assert process.poll() is None
        assert fetch(site + "/2025/bon/")[0] == 200
        assert fetch(site + "/2025/neuf/")[0] == 404

        write_files(
            content,
            {
                "posts/2025/neuf.md": "Title: Neuf\nDate: 2025-03-02\nAuthor: ana\n"
                "Hashtags: #Vigie\n\nCorrigé.\n"
            },
        )
        console.wait_for("Site construit dans ")
        status, page = fetch(site + "/2025/neuf/")
        assert status == 200 and "Corrigé." in page
        assert process.poll() is None
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    assert not any("Traceback" in line for line in console.seen)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".output-build.json",  # the publishing plugin's build state
        "content",
        "output",
    ]
