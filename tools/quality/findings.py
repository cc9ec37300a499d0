"""What a gate reports: failures, one readable line each, and a summary."""

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Failure:
    """One defect: which gate found it, on which page, under which rule, where."""

    gate: str
    page: str
    rule: str
    target: str
    message: str

    def line(self) -> str:
        """Return the failure as one line: gate, page, rule, target, message."""
        return f"{self.gate}: {self.page}: {self.rule}: {self.target}: {self.message}"


@dataclass
class GateResult:
    """The outcome of one gate run over a site."""

    gate: str
    checked: int
    unit: str
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    note: str = ""

    def summary(self) -> str:
        """Return the one-line summary: counts and seconds."""
        verdict = "ok" if not self.failures else f"{len(self.failures)} failure(s)"
        note = f" ({self.note})" if self.note else ""
        return (
            f"{self.gate}: {self.checked} {self.unit} checked{note}, {verdict}, "
            f"{self.seconds:.1f} s"
        )


def page_of_file(root: Path, html_file: Path) -> str:
    """Return the URL path a file is served at: `a/index.html` is `/a/`."""
    relative = html_file.relative_to(root).as_posix()
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return "/" + relative.removesuffix("index.html")
    return "/" + relative


def html_files(root: Path) -> list[Path]:
    """Return every `.html` file under `root`, sorted."""
    return sorted(path for path in root.rglob("*.html") if path.is_file())
