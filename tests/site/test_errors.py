"""A bad file fails the build with French `path:line:` messages, output/ untouched.

Each case is a small good site plus one mistake. Every case starts from a copy
of the good site's output/, and must leave it byte-identical. The cases are
built in parallel, once per module, so that the suite stays fast.
"""

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from validation.rules import ANCHORS

from tests.conftest import Build, run_build
from tests.site.forked_builds import run_builds

AUTHOR = "Name: Ana Duval\n\nAna écrit.\n"
CAMPAIGN = "Title: Tous cyber-vigilants\nHashtag: #TOUSCYBERVIGILANTS\n\nLa campagne.\n"
GOOD_POST = (
    "Title: Un bon article\nDate: 2025-03-01 10:00\nAuthor: ana\n"
    "Category: Tribune\nHashtags: #TOUSCYBERVIGILANTS\n\nLe texte.\n"
)
GOOD_SITE = {
    "authors/ana.md": AUTHOR,
    "campaigns/touscybervigilants.md": CAMPAIGN,
    "posts/2025/bon.md": GOOD_POST,
    "pages/a-propos.md": "Title: À propos\n\nL'association.\n",
}


def post(*header_lines, body="Le texte.\n"):
    """A post whose header is exactly these lines."""
    return "\n".join(header_lines) + "\n\n" + body


TITLE, DATE, AUTHOR_ANA = "Title: Mauvais", "Date: 2025-04-01", "Author: ana"
TAGS = "Hashtags: #TOUSCYBERVIGILANTS"

# name: (files added to the good site, file in error, line, words of the message)
CASES = {
    "missing-title": (
        {"posts/2025/x.md": post(DATE, AUTHOR_ANA, TAGS)},
        "content/posts/2025/x.md",
        1,
        "il manque le titre",
    ),
    "missing-date": (
        {"posts/2025/x.md": post(TITLE, AUTHOR_ANA, TAGS)},
        "content/posts/2025/x.md",
        1,
        "il manque la date",
    ),
    "missing-author": (
        {"posts/2025/x.md": post(TITLE, DATE, TAGS)},
        "content/posts/2025/x.md",
        1,
        "il manque l'auteur",
    ),
    "bad-date": (
        {"posts/2025/x.md": post(TITLE, "Date: 02/03/2025", AUTHOR_ANA, TAGS)},
        "content/posts/2025/x.md",
        2,
        "écrivez-la AAAA-MM-JJ ou AAAA-MM-JJ HH:MM",
    ),
    "bad-modified": (
        {"posts/2025/x.md": post(TITLE, DATE, AUTHOR_ANA, "Modified: hier", TAGS)},
        "content/posts/2025/x.md",
        4,
        "la date « hier » n'est pas reconnue",
    ),
    "unknown-author": (
        {"posts/2025/x.md": post(TITLE, DATE, "Author: anna", TAGS)},
        "content/posts/2025/x.md",
        3,
        "vouliez-vous dire « ana »",
    ),
    "unknown-category": (
        {"posts/2025/x.md": post(TITLE, DATE, AUTHOR_ANA, "Category: Billets", TAGS)},
        "content/posts/2025/x.md",
        4,
        "la rubrique « Billets » n'existe pas",
    ),
    "unknown-status": (
        {"posts/2025/x.md": post(TITLE, DATE, AUTHOR_ANA, "Status: publish", TAGS)},
        "content/posts/2025/x.md",
        4,
        "le statut « publish » n'existe pas",
    ),
    "statut-brouillon": (
        {"posts/2025/x.md": post(TITLE, DATE, AUTHOR_ANA, "Statut: brouillon", TAGS)},
        "content/posts/2025/x.md",
        4,
        "écrivez « Status: draft »",
    ),
    "unsafe-slug": (
        {"posts/2025/x.md": post(TITLE, DATE, AUTHOR_ANA, "Slug: ../../index", TAGS)},
        "content/posts/2025/x.md",
        4,
        "n'est pas un nom d'adresse sûr",
    ),
    "unsafe-alias": (
        {"posts/2025/x.md": post(TITLE, DATE, AUTHOR_ANA, TAGS, "Aliases: /../etc/")},
        "content/posts/2025/x.md",
        5,
        "l'ancienne adresse « /../etc/ » n'est pas sûre",
    ),
    "same-url": (
        {"posts/2024/bon.md": post(TITLE, "Date: 2025-05-01", AUTHOR_ANA, TAGS)},
        "content/posts/2024/bon.md",
        1,
        "l'adresse /2025/bon/ est aussi celle de content/posts/2025/bon.md",
    ),
    "same-url-by-slug": (
        {"posts/2025/x.md": post(TITLE, DATE, AUTHOR_ANA, TAGS, "Slug: bon")},
        "content/posts/2025/bon.md",
        1,
        "est aussi celle de content/posts/2025/x.md",
    ),
    "page-on-a-site-page": (
        {"pages/campagnes.md": "Title: Nos campagnes\n\nTexte.\n"},
        "content/pages/campagnes.md",
        1,
        "l'adresse /campagnes/ est aussi celle de la liste des campagnes",
    ),
    "alias-onto-a-post": (
        {"posts/2025/x.md": post(TITLE, DATE, AUTHOR_ANA, TAGS, "Aliases: /2025/bon/")},
        "content/posts/2025/x.md",
        5,
        "l'ancienne adresse /2025/bon/ (Aliases) est aussi celle de "
        "content/posts/2025/bon.md",
    ),
    "alias-onto-an-author-page": (
        {
            "posts/2025/x.md": post(
                TITLE, DATE, AUTHOR_ANA, TAGS, "Aliases: /auteurs/ana/"
            )
        },
        "content/posts/2025/x.md",
        5,
        "est aussi celle de la page de l'auteur Ana Duval",
    ),
    "alias-onto-a-campaign-feed": (
        {
            "posts/2025/x.md": post(
                TITLE,
                DATE,
                AUTHOR_ANA,
                TAGS,
                "Aliases: /campagnes/touscybervigilants/rss.xml",
            )
        },
        "content/posts/2025/x.md",
        5,
        "est aussi celle du flux de la campagne #TOUSCYBERVIGILANTS",
    ),
    "page-on-a-reserved-address": (
        {"pages/recherche.md": "Title: Chercher\n\nTexte.\n"},
        "content/pages/recherche.md",
        1,
        "l'adresse /recherche/ est aussi celle de la page de recherche",
    ),
    "not-utf8": (
        {"posts/2025/x.md": post(TITLE, DATE, AUTHOR_ANA).encode() + b"Caf\xe9\n"},
        "content/posts/2025/x.md",
        6,
        "n'est pas en UTF-8 (octet 0xe9 à la position",
    ),
    "empty-file": (
        {"posts/2025/x.md": "\n  \n"},
        "content/posts/2025/x.md",
        1,
        "le fichier est vide",
    ),
    "misspelt-key": (
        {"posts/2025/x.md": post("Titel: Mauvais", DATE, AUTHOR_ANA, TAGS)},
        "content/posts/2025/x.md",
        1,
        "la clé « Titel » n'existe pas : vouliez-vous dire « Title » ?",
    ),
    "french-key": (
        {"posts/2025/x.md": post(TITLE, DATE, "Auteur: ana", TAGS)},
        "content/posts/2025/x.md",
        3,
        "vouliez-vous dire « Author » ?",
    ),
    "reserved-key": (
        {"posts/2025/x.md": post(TITLE, DATE, AUTHOR_ANA, TAGS, "Save_as: index.html")},
        "content/posts/2025/x.md",
        5,
        "la clé « Save_as » est réservée",
    ),
    "repeated-key": (
        {"posts/2025/x.md": post(TITLE, DATE, "Title: Autre", AUTHOR_ANA, TAGS)},
        "content/posts/2025/x.md",
        3,
        "la clé « Title » est déjà donnée ligne 1",
    ),
    "yaml-never-closed": (
        {"posts/2025/x.md": "---\ntitle: T\ndate: 2025-01-01\n\nTexte.\n"},
        "content/posts/2025/x.md",
        1,
        "n'est jamais fermé",
    ),
    "campaign-file": (
        {"campaigns/autre.md": "Title: Autre\nHashtag: #Différente\n\nx\n"},
        "content/campaigns/autre.md",
        2,
        "renommez le fichier en differente.md",
    ),
    "author-file": (
        {"authors/bob.md": "Role: RSSI\n\nBob.\n"},
        "content/authors/bob.md",
        1,
        "il manque le nom de l'auteur",
    ),
    "not-markdown": (
        {"posts/2025/notes.txt": "Des notes.\n"},
        "content/posts/2025/notes.txt",
        1,
        "seuls les fichiers Markdown (.md) sont publiés",
    ),
    "duplicate-id": (
        {"posts/2025/x.md": post(TITLE, DATE, AUTHOR_ANA, TAGS, "Id: 2025/bon")},
        "content/posts/2025/x.md",
        5,
        "l'Id « 2025/bon » est aussi celui de content/posts/2025/bon.md",
    ),
}
GUIDE_POINTER = re.compile(r"\(voir docs/guide-redaction\.md#([a-z-]+)\)")


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write a content tree; bytes are written as they are."""
    for relative, data in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return root


def tree_hash(root: Path) -> str:
    """One hash for every file name and byte under root."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        digest.update(str(path.relative_to(root)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


class Attempt:
    """A build over a copy of a good output/: its result and the tree before."""

    def __init__(self, root: Path, files: dict, good_output: Path, **job):
        self.root = root
        content = write_tree(root / "content", {**GOOD_SITE, **files})
        output = root / "output"
        shutil.copytree(good_output, output)
        self.before = tree_hash(output)
        self.job = {"content": content, "output": output, **job}
        self.build: Build | None = None

    def finish(self, build: Build) -> "Attempt":
        """Keep the build's result and what output/ and its folder hold now."""
        self.build = build
        self.after = tree_hash(build.output)
        # The publishing plugin's build state lives beside output/ by design.
        self.neighbours = sorted(
            p.name for p in self.root.iterdir() if p.name != ".output-build.json"
        )
        return self


@pytest.fixture(scope="module")
def good_output(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("good")
    build = run_build(write_tree(root / "content", GOOD_SITE), root / "output")
    assert build.returncode == 0, build.log
    return build.output


def attempt_all(tmp_path_factory, good_output, cases: dict) -> dict[str, Attempt]:
    """Build every case (files, or (files, job options)) in parallel."""
    attempts = {}
    for name, case in cases.items():
        files, job = case if isinstance(case, tuple) else (case, {})
        attempts[name] = Attempt(
            tmp_path_factory.mktemp(name), files, good_output, **job
        )
    builds = run_builds([attempt.job for attempt in attempts.values()])
    for attempt, build in zip(attempts.values(), builds, strict=True):
        attempt.finish(build)
    return attempts


@pytest.fixture(scope="module")
def attempts(tmp_path_factory, good_output) -> dict[str, Attempt]:
    return attempt_all(
        tmp_path_factory,
        good_output,
        {name: files for name, (files, *_) in CASES.items()},
    )


def assert_failed_cleanly(attempt: Attempt) -> None:
    """Exit 1, no traceback, output/ byte-identical, no folder left beside it."""
    log = attempt.build.log
    assert attempt.build.returncode == 1, log
    assert "Traceback" not in log
    assert "Could not process" not in log
    assert "Done: Processed" not in log
    assert attempt.after == attempt.before
    assert attempt.neighbours == ["content", "output"]
    assert set(GUIDE_POINTER.findall(log)) <= ANCHORS


@pytest.mark.parametrize("case", CASES)
def test_one_mistake_fails_with_its_french_message(attempts, case):
    _, path, line, words = CASES[case]
    attempt = attempts[case]
    assert_failed_cleanly(attempt)
    lines = attempt.build.log.splitlines()
    mine = [text for text in lines if text.startswith(f"{path}:{line}: ")]
    assert any(words in text for text in mine), attempt.build.log
    assert any(text.endswith(")") and "(voir docs/" in text for text in mine)
    assert re.search(r"^\d+ erreurs? dans \d+ fichiers? : ", attempt.build.log, re.M)


def test_several_bad_files_are_all_listed_in_one_run(tmp_path_factory, good_output):
    files = {}
    for case in ("missing-title", "bad-date", "not-utf8", "campaign-file"):
        for name, data in CASES[case][0].items():
            files[name.replace("x.md", f"{case}.md")] = data
    attempt = attempt_all(tmp_path_factory, good_output, {"several": files})["several"]
    assert_failed_cleanly(attempt)
    listed = [
        re.match(r"^(content/\S+?):(\d+): ", text)
        for text in attempt.build.log.splitlines()
    ]
    listed = [(m[1], int(m[2])) for m in listed if m]
    assert listed == sorted(listed)
    assert {path for path, _ in listed} == {
        "content/campaigns/autre.md",
        "content/posts/2025/bad-date.md",
        "content/posts/2025/missing-title.md",
        "content/posts/2025/not-utf8.md",
    }
    assert "4 erreurs dans 4 fichiers : le site de " in attempt.build.log


def test_a_good_site_ends_with_the_french_report(good_output):
    assert (good_output / "2025" / "bon" / "index.html").is_file()
    assert not list(good_output.parent.glob("*-staging-*"))


def test_report_counts_every_post_in_one_state(tmp_path_factory, good_output):
    files = {
        "posts/2025/brouillon.md": post(TITLE, DATE, AUTHOR_ANA, TAGS, "Status: draft"),
        "posts/2025/masque.md": post(TITLE, DATE, AUTHOR_ANA, TAGS, "Status: hidden"),
        "posts/2099/futur.md": post(TITLE, "Date: 2099-02-15 09:00", AUTHOR_ANA, TAGS),
    }
    attempt = attempt_all(tmp_path_factory, good_output, {"states": files})["states"]
    assert attempt.build.returncode == 0, attempt.build.log
    assert re.search(
        r"^Site construit dans .+/ en \d+,\d s : 1 article publié, 1 brouillon, "
        r"1 masqué, 1 programmé \(le 15 février 2099\), 1 page, 1 campagne, "
        r"1 auteur\.$",
        attempt.build.log,
        re.M,
    ), attempt.build.log
    assert "Done: Processed" not in attempt.build.log
    assert attempt.after != attempt.before
    assert attempt.neighbours == ["content", "output"]


def test_warnings_do_not_fail_unless_strict(tmp_path_factory, good_output):
    files = {
        "posts/2025/x.md": post(
            TITLE, DATE, AUTHOR_ANA, "Image: /images/absente.png", body="Sans dièse.\n"
        )
    }
    attempts = attempt_all(
        tmp_path_factory,
        good_output,
        {"warned": files, "strict": (files, {"env": {"VIGIE_STRICT": "1"}})},
    )
    warned = attempts["warned"].build
    assert warned.returncode == 0, warned.log
    assert "content/posts/2025/x.md:1: attention : l'article n'a aucun mot-dièse" in (
        warned.log
    )
    assert "content/posts/2025/x.md:4: attention : l'image « /images/absente.png »" in (
        warned.log
    )
    assert "; 2 avertissements (voir plus haut)." in warned.log
    assert (warned.output / "2025" / "x" / "index.html").is_file()

    strict = attempts["strict"]
    assert_failed_cleanly(strict)
    assert "2 erreurs dans 1 fichier (dont 2 avertissements" in strict.build.log


def test_check_mode_writes_nothing(tmp_path_factory):
    root = tmp_path_factory.mktemp("check")
    content = write_tree(root / "content", GOOD_SITE)
    check = ("-e", "VALIDATION_CHECK_ONLY=true")
    good = run_build(content, root / "output", args=check)
    assert good.returncode == 0, good.log
    assert good.log.startswith("Aucune erreur (vérification seule) : 1 article publié")
    assert not (root / "output").exists()
    write_tree(content, CASES["bad-date"][0])
    bad = run_build(content, root / "output", args=check)
    assert bad.returncode == 1
    assert "content/posts/2025/x.md:2: la date « 02/03/2025 »" in bad.log
    assert "Traceback" not in bad.log
    assert sorted(p.name for p in root.iterdir()) == ["content"]
