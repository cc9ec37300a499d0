"""Each quality gate passes a clean site and reports each known defect, exactly.

These run the real tools (Chromium, axe-core, vnu.jar, linkchecker), so they
need tools/quality/setup.sh to have run; they are part of `make test`.
"""

import base64
import struct
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tools.quality import bench, gate, links, nu
from tools.quality.browser import take_screenshots
from tools.quality.findings import Failure, page_of_file
from tools.quality.server import serve

REPO = Path(__file__).resolve().parents[2]
STRICT_CSP = "default-src 'none'; style-src 'self'; img-src 'self'"
# 1x1 transparent PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)
HEAD = (
    '<link rel="stylesheet" href="/theme/style.css">'
    '<link rel="alternate" type="application/atom+xml" title="Vigie" '
    'href="/feeds/atom.xml">'
)
ATOM = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<feed xmlns="http://www.w3.org/2005/Atom"><title>Vigie</title></feed>'
)


def page(title: str, body: str = "", head: str = HEAD) -> str:
    """A valid, accessible French page around `body`."""
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title} – Vigie</title>\n{head}\n</head>\n<body>\n"
        f"<main>\n<h1>{title}</h1>\n{body}\n</main>\n</body>\n</html>\n"
    )


CLEAN_SITE = {
    "index.html": page(
        "Accueil",
        '<p><a href="/2025/propre/">Un billet</a>, '
        '<a href="/2025/propre/#suite">sa suite</a>.</p>',
    ),
    "2025/propre/index.html": page(
        "Un billet",
        '<p><img src="/images/logo.png" alt="Logo de Vigie" width="1" height="1">'
        '</p>\n<h2 id="suite">Suite</h2>\n<p><a href="/">Accueil</a></p>',
    ),
    "404.html": page("Page introuvable", '<p><a href="/">Retour à l’accueil</a></p>'),
    "theme/style.css": "body { font-family: sans-serif; margin: 0 1rem; }\n",
    "feeds/atom.xml": ATOM,
    "images/logo.png": PNG,
}

DEFECTS = {
    "sans-alt/index.html": page("Sans alt", '<p><img src="/images/logo.png"></p>'),
    "lien-casse/index.html": page(
        "Liens cassés",
        '<p><a href="/nulle-part/">Nulle part</a>, '
        '<a href="/2025/propre/#absente">une ancre absente</a>.</p>',
    ),
    "invalide/index.html": page("Invalide", "<span><div>bloc</div></span>"),
    "csp/index.html": page(
        "CSP",
        "<script>document.title = 'modifié';</script>",
        head=HEAD + '<meta http-equiv="Content-Security-Policy" '
        "content=\"script-src 'self'\">",
    ),
    "large/index.html": page(
        "Trop large", '<div class="large" style="width: 600px">Trop large</div>'
    ),
}
# The clean pages pass in the first test; here each page has one defect.
DEFECT_PAGES = [
    "/absente/",
    *(f"/{name.removesuffix('index.html')}" for name in DEFECTS),
]


def write_site(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def defective_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("defective")
    return write_site(root, CLEAN_SITE | DEFECTS)


@pytest.fixture(scope="module")
def defect_failures(defective_site):
    results = gate.run_gates(defective_site, DEFECT_PAGES)
    return [failure for result in results for failure in result.failures]


def found(failures, gate_name):
    return {(f.page, f.rule, f.target) for f in failures if f.gate == gate_name}


def test_clean_site_passes_every_gate_from_the_command_line(tmp_path):
    root = write_site(tmp_path, CLEAN_SITE)
    # A strict CSP header proves the checks themselves (axe) trip no violation.
    completed = subprocess.run(
        [
            *(sys.executable, "-m", "tools.quality.gate", "--root", str(root)),
            *("--csp", STRICT_CSP, "--pages", "/", "/2025/propre/", "/404.html"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    lines = completed.stdout.splitlines()
    assert lines[0].startswith("browser: 3 pages checked, ok, ")
    assert lines[1].startswith("html: 3 files checked, ok, ")
    assert lines[2].startswith("links: ")
    assert ", ok, " in lines[2]
    assert lines[3].startswith("quality: all gates passed in ")


def test_axe_reports_the_image_without_alt_and_nothing_else(defect_failures):
    assert found(defect_failures, "axe") == {("/sans-alt/", "image-alt", "img")}


def test_links_report_the_broken_link_and_the_missing_anchor(defect_failures):
    assert found(defect_failures, "links") == {
        ("/absente/", "broken-link", "/absente/"),
        ("/lien-casse/", "broken-link", "/nulle-part/"),
        ("/lien-casse/", "missing-anchor", "/2025/propre/#absente"),
    }


def test_vnu_reports_the_invalid_element(defect_failures):
    html = [f for f in defect_failures if f.gate == "html"]
    # The image without alt is invalid HTML too; nothing else is.
    assert {f.page for f in html} == {"/invalide/", "/sans-alt/"}
    (invalid,) = [f for f in html if f.page == "/invalide/"]
    assert invalid.rule == "nu-error"
    assert "“div” not allowed as child of element “span”" in invalid.message
    assert invalid.target.startswith("line 12:")


def test_browser_reports_the_csp_violation(defect_failures):
    (violation,) = [f for f in defect_failures if f.gate == "csp"]
    assert (violation.page, violation.rule) == ("/csp/", "csp-violation")
    assert "script-src 'self'" in violation.message
    assert "inline script" in violation.message


def test_browser_reports_horizontal_scroll_at_320_px(defect_failures):
    (wide,) = [f for f in defect_failures if f.gate == "reflow"]
    assert (wide.page, wide.rule) == ("/large/", "horizontal-scroll")
    assert wide.target.startswith("main > div.large (600 px)")
    assert "in a 320 px viewport" in wide.message


def test_browser_reports_a_listed_page_that_does_not_exist(defect_failures):
    assert found(defect_failures, "page") == {("/absente/", "http-status", "/absente/")}


def test_command_line_exits_non_zero_with_one_line_per_failure(defective_site, capsys):
    status = gate.main(["--root", str(defective_site), "--gates", "links"])
    out = capsys.readouterr().out.splitlines()
    assert status == 1
    assert out[0] == (
        "links: /lien-casse/: broken-link: /nulle-part/: 404 File not found "
        "(line 12, column 4)"
    )
    assert out[1].startswith(
        "links: /lien-casse/: missing-anchor: /2025/propre/#absente: "
        "Anchor `absente' (decoded: `absente') not found."
    )
    assert out[2].startswith("links: ")
    assert "2 failure(s)" in out[2]
    assert out[3].startswith("quality: 2 failure(s) in ")


def test_command_line_rejects_unknown_gates_and_relative_pages(tmp_path):
    with pytest.raises(SystemExit):
        gate.parse_args(["--root", str(tmp_path), "--gates", "axe"])
    with pytest.raises(SystemExit):
        gate.parse_args(["--root", str(tmp_path), "--pages", "index.html"])


def test_missing_site_is_an_error_not_a_pass(tmp_path, capsys):
    assert gate.main(["--root", str(tmp_path / "output")]) == 2
    assert "no built site at" in capsys.readouterr().err


def png_width(path: Path) -> int:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">I", data[16:20])[0]


def test_screenshots_are_full_pngs_at_375_and_1280_px(tmp_path):
    root = write_site(tmp_path / "site", CLEAN_SITE)
    with serve(root) as base_url:
        files = take_screenshots(base_url, ["/2025/propre/"], tmp_path / "png")
    assert {f.name: png_width(f) for f in files} == {
        "2025-propre-375.png": 375,
        "2025-propre-1280.png": 1280,
    }


def fetch(url: str) -> tuple[int, str, dict]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def test_server_serves_folders_and_the_sites_own_404(tmp_path):
    root = write_site(tmp_path, CLEAN_SITE)
    with serve(root, csp=STRICT_CSP) as base_url:
        folder = fetch(base_url + "2025/propre/")
        missing = fetch(base_url + "nulle-part/")
        no_index = fetch(base_url + "2025/")
    assert folder[0] == 200
    assert "<h1>Un billet</h1>" in folder[1]
    assert folder[2]["Content-Security-Policy"] == STRICT_CSP
    assert missing[0] == 404
    assert "<h1>Page introuvable</h1>" in missing[1]
    # A folder without index.html is not listed, as on static hosting.
    assert no_index[0] == 404
    assert "<h1>Page introuvable</h1>" in no_index[1]


@pytest.mark.parametrize(
    ("relative", "page"),
    [
        ("index.html", "/"),
        ("2025/x/index.html", "/2025/x/"),
        ("404.html", "/404.html"),
        ("abonnement/vigie.html", "/abonnement/vigie.html"),
    ],
)
def test_page_of_file(relative, page):
    assert page_of_file(Path("/site"), Path("/site") / relative) == page


LINKCHECKER_CSV = """\
# created by LinkChecker at 2026-01-01 00:00:00+000
urlname;parentname;base;result;warningstring;infostring;valid;url;line;column;name;dltime;size;checktime;cached;level;modified
#haut;http://127.0.0.1:9/;;200 OK;Anchor `haut' (decoded: `haut') not found.;;True;http://127.0.0.1:9/#haut;5;3;t;0;1;0;0;1;
/a/;http://127.0.0.1:9/;;200 OK;;;True;http://127.0.0.1:9/a/;6;1;a;0;1;0;0;1;
http://127.0.0.1:8000/feeds/rss.xml;http://127.0.0.1:9/;;filtered;;;True;http://127.0.0.1:8000/feeds/rss.xml;3;1;;-1;-1;0;0;1;
mailto:a@b.fr;http://127.0.0.1:9/;;filtered;;;True;mailto:a@b.fr;7;1;;-1;-1;0;0;1;
# Stopped checking at 2026-01-01 00:00:01+000 (1 seconds)
"""


def test_link_report_keeps_anchor_rows_and_flags_other_local_servers():
    report = links.read_report(LINKCHECKER_CSV, "http://127.0.0.1:9/")
    assert (report.checked, report.skipped) == (2, 2)
    assert [(f.page, f.rule, f.target) for f in report.failures] == [
        ("/", "missing-anchor", "#haut"),
        ("/", "other-local-server", "http://127.0.0.1:8000/feeds/rss.xml"),
    ]


def test_vnu_report_names_pages_by_url_path(tmp_path):
    report = {
        "messages": [
            {
                "type": "error",
                "url": (tmp_path / "2025/x/index.html").as_uri(),
                "lastLine": 4,
                "firstColumn": 2,
                "message": "Stray end tag “p”.",
                "extract": "x</p>",
            },
            {"type": "info", "url": (tmp_path / "index.html").as_uri()},
        ]
    }
    assert nu.failures_from_report(tmp_path, report) == [
        Failure("html", "/2025/x/", "nu-error", "line 4:2 x</p>", "Stray end tag “p”.")
    ]


def test_failure_line_is_gate_page_rule_target_message():
    failure = Failure("axe", "/", "image-alt", "img", "Images must have alt text")
    assert failure.line() == "axe: /: image-alt: img: Images must have alt text"


def test_lighthouse_report_gives_four_scores_and_the_audits_that_lost_points():
    def category(score, *refs):
        return {"score": score, "auditRefs": [{"id": i, "weight": 1} for i in refs]}

    report = {
        "categories": {
            "performance": category(0.99, "lcp"),
            "accessibility": category(1, "image-alt"),
            "best-practices": category(0.96, "errors-in-console"),
            "seo": category(None, "meta-description"),
        },
        "audits": {
            "lcp": {"score": 0.9},
            "image-alt": {"score": 1},
            "errors-in-console": {"score": 0},
            "meta-description": {"score": None},
        },
    }
    assert bench.read_scores(report).lines("/") == [
        "lighthouse /: performance 99, accessibility 100, best-practices 96, seo n/a",
        "  points lost: best-practices: errors-in-console; seo: meta-description",
    ]
