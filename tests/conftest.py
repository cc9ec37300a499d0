"""Shared helpers: build a site the way `make html` does, into tmp_path."""

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Build:
    """The result of one build: where it wrote, its exit code and its log."""

    output: Path
    returncode: int
    log: str

    def page(self, url_path: str) -> Path:
        """The file served for a URL path such as `/2025/x/`."""
        relative = url_path.lstrip("/")
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        return self.output / relative

    def html(self, url_path: str):
        """The parsed page served at a URL path."""
        from bs4 import BeautifulSoup  # noqa: PLC0415 - only site tests need it

        return BeautifulSoup(self.page(url_path).read_text(encoding="utf-8"), "lxml")


def run_build(
    content: Path,
    output: Path,
    *,
    settings: str = "pelicanconf.py",
    env: dict[str, str] | None = None,
    overrides: dict[str, object] | None = None,
    args: tuple[str, ...] = (),
) -> Build:
    """Run Pelican on `content` with the repo's settings, as `make html` does.

    `overrides` are extra settings, passed as Pelican's `-e KEY=json`; `args`
    adds command-line options, e.g. `("-e", "VALIDATION_CHECK_ONLY=true")` for
    `make check`.
    """
    full_env = {**os.environ, "LANG": "C", "LC_ALL": "C", **(env or {})}
    extra = [f"{key}={json.dumps(value)}" for key, value in (overrides or {}).items()]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            str(content),
            "-o",
            str(output),
            "-s",
            str(REPO / settings),
            "--log-handler",
            "plain",
            *(["-e", *extra] if extra else []),
            *args,
        ],
        cwd=REPO,
        env=full_env,
        capture_output=True,
        text=True,
        check=False,
    )
    return Build(output, result.returncode, result.stdout + result.stderr)


def write_files(root: Path, files: dict[str, str]) -> Path:
    """Write a small content tree (`{"posts/a.md": "Title: …"}`) under root."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="session", autouse=True)
def build_cache(tmp_path_factory):
    """Builds keep their caches in a temporary folder, never in the repo."""
    with pytest.MonkeyPatch.context() as patch:
        folder = tmp_path_factory.mktemp("build-cache")
        patch.setenv("VIGIE_CACHE_PATH", str(folder))
        yield folder


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Build:
    """The repository's own sample content, built once for the session."""
    build = run_build(REPO / "content", tmp_path_factory.mktemp("sample") / "output")
    assert build.returncode == 0, build.log
    return build


def build_files(root: Path, files: dict[str, str], **kwargs) -> Build:
    """Write `files` as a content tree under root, build it into root/output."""
    content = write_files(root / "content", files)
    return run_build(content, root / "output", **kwargs)


@pytest.fixture
def build_site(tmp_path):
    """Build a small site from a dict of content files; return the Build."""

    def build(files: dict[str, str], **kwargs) -> Build:
        return build_files(tmp_path, files, **kwargs)

    return build
