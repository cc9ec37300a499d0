"""Headless Chromium driven over the DevTools protocol on a pipe (no extra package).

`--dump-dom` with a virtual-time budget races Pagefind's own timers; here the
test waits, in real time, for what the page says it has finished.
"""

import json
import os
import shutil
import subprocess
import time


class Chromium:
    """One headless Chromium; `page_html` opens a URL and returns its final DOM."""

    def __init__(self, profile_dir):
        executable = shutil.which("chromium") or shutil.which("chromium-browser")
        if executable is None:
            raise RuntimeError("Chromium is needed: apt-get install chromium")
        # Chromium reads commands on fd 3 and writes replies on fd 4: the pipes
        # are moved there in the child only, the test's own fds 3 and 4 stay.
        commands_read, self._commands = os.pipe()
        self._replies, replies_write = os.pipe()

        def move_pipes():
            os.dup2(commands_read, 3)
            os.dup2(replies_write, 4)

        self._process = subprocess.Popen(
            [
                executable,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                f"--user-data-dir={profile_dir}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            pass_fds=(3, 4),
            preexec_fn=move_pipes,  # noqa: PLW1509 - only dup2, before exec
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(commands_read)
        os.close(replies_write)
        self._buffer = b""
        self._next_id = 0
        target = self._call("Target.createTarget", {"url": "about:blank"})
        self._session = self._call(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}
        )["sessionId"]

    def _call(self, method, params=None, session=None):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self._buffer:
                chunk = os.read(self._replies, 1 << 16)
                if not chunk:
                    raise RuntimeError("Chromium closed its pipe")
                self._buffer += chunk
            raw, self._buffer = self._buffer.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]

    def evaluate(self, expression):
        """The value of a JavaScript expression in the open page."""
        result = self._call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True},
            self._session,
        )
        return result["result"].get("value")

    def page_html(self, url, ready, timeout=60):
        """Open `url`, wait until the expression `ready` is true, return the DOM."""
        self._call("Page.navigate", {"url": url}, self._session)
        deadline = time.monotonic() + timeout
        while not self.evaluate(f"Boolean({ready})"):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url}: still not ready after {timeout} s")
            time.sleep(0.1)
        return self.evaluate("document.documentElement.outerHTML")

    def close(self):
        """Stop the browser."""
        os.close(self._commands)
        os.close(self._replies)
        self._process.terminate()
        self._process.wait(timeout=30)
