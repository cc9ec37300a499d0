"""`make publish` on a fixture site: sitemap, cards, redirects, headers, deploy."""

import gzip
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.conftest import REPO, Build, build_files, run_build, write_files

SITE = "https://vigie.example.org"
PUBLISH_ENV = {"VIGIE_PUBLIC_SITEURL": SITE, "VIGIE_DRAFTS": "1"}

FILES = {
    "authors/ana.md": (
        "Name: Ana Duval\nRole: RSSI\nOrganization: CH de Valmont\n\nAna protège.\n"
    ),
    "authors/bob.md": "Name: Bob Martin\n\nBob écrit.\n",
    "campaigns/touscybervigilants.md": (
        "Title: Tous cyber-vigilants\nHashtag: #TOUSCYBERVIGILANTS\n"
        "Start: 2020-10-01\nSummary: Quinze mois pour la vigilance.\n"
        "Image: /images/campagne.png\n\nLa campagne.\n"
    ),
    "images/campagne.png": "pas vraiment une image",
    "images/une.png": "pas vraiment une image non plus",
    "posts/2025/lancement.md": (
        "Title: Lancement de la campagne\nDate: 2025-10-01 08:00\n"
        "Modified: 2025-10-05 09:30\nAuthors: ana, bob\nCategory: Communiqué\n"
        "Hashtags: #TOUSCYBERVIGILANTS #Hameçonnage\nImage: /images/une.png\n"
        "Summary: Le lancement.\n"
        "Aliases: /2019/ancien-lancement/, ancien.html, /vieux/chemin\n\n"
        "Texte.\n"
    ),
    "posts/2024/tableau.md": (
        "Title: Un tableau </script><!-- et & des « guillemets »\n"
        "Date: 2024-03-12 07:45\nAuthor: bob\n\n"
        "| Équipement | Nombre |\n|---|---:|\n| Pompes | 120 |\n"
    ),
    "posts/2025/masque.md": (
        "Title: Masqué\nDate: 2025-02-01\nAuthor: ana\nStatus: hidden\n"
        "Aliases: /ancien-masque/\n\nCaché.\n"
    ),
    "posts/2025/brouillon.md": (
        "Title: Brouillon\nDate: 2025-02-02\nAuthor: ana\nStatus: draft\n"
        "Aliases: /ancien-brouillon/\n\nPas fini.\n"
    ),
    "posts/2099/futur.md": (
        "Title: Plus tard\nDate: 2099-01-01\nAuthor: ana\n\nBientôt.\n"
    ),
    "pages/a-propos.md": "Title: À propos\n\nL'association.\n",
}
# What the sitemap must list, and nothing else.
PUBLISHED = {
    "/",
    "/abonnement/",
    "/recherche/",
    "/2025/lancement/",
    "/2024/tableau/",
    "/a-propos/",
    "/archives/",
    "/auteurs/",
    "/auteurs/ana/",
    "/auteurs/bob/",
    "/campagnes/",
    "/campagnes/touscybervigilants/",
    "/campagnes/hameconnage/",
    "/rubriques/",
    "/rubriques/communique/",
    "/rubriques/actualite/",
}
ALIASES = {
    "/2019/ancien-lancement/": ("2019/ancien-lancement/index.html", "/2025/lancement/"),
    "/ancien.html": ("ancien.html", "/2025/lancement/"),
    "/vieux/chemin/": ("vieux/chemin/index.html", "/2025/lancement/"),
    "/ancien-masque/": ("ancien-masque/index.html", "/2025/masque/"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Build:
    build = build_files(
        tmp_path_factory.mktemp("publish"),
        FILES,
        settings="publishconf.py",
        env=PUBLISH_ENV,
    )
    assert build.returncode == 0, build.log
    return build


def html_pages(build: Build) -> list[Path]:
    return sorted(build.output.rglob("*.html"))


def alias_pages(build: Build) -> set[Path]:
    return {build.output / name for name, _ in ALIASES.values()}


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def url_of(build: Build, path: Path) -> str:
    relative = path.relative_to(build.output).as_posix()
    return "/" + (
        relative[: -len("index.html")] if relative.endswith("index.html") else relative
    )


def meta(soup: BeautifulSoup, key: str) -> list[str]:
    found = soup.find_all("meta", attrs={"property": key}) or soup.find_all(
        "meta", attrs={"name": key}
    )
    return [tag["content"] for tag in found]


def test_publish_build_is_recorded_with_its_public_address(site):
    marker = json.loads((site.output / ".vigie-build.json").read_text())
    assert marker["kind"] == "publish"
    assert marker["siteurl"] == SITE


def test_drafts_stay_out_even_with_drafts_asked(site):
    assert not (site.output / "brouillons").exists()
    assert not (site.output / "2025" / "brouillon").exists()
    assert not (site.output / "ancien-brouillon").exists()
    assert not (site.output / "2099").exists()


def test_no_local_address_anywhere(site):
    for path in site.output.rglob("*"):
        if path.suffix in (".html", ".xml", ".txt", ".json") or path.name.startswith(
            ("_", ".")
        ):
            text = path.read_text(encoding="utf-8") if path.is_file() else ""
            assert "127.0.0.1" not in text, path
            assert "localhost" not in text, path


def test_sitemap_lists_exactly_the_published_content(site):
    root = BeautifulSoup((site.output / "sitemap.xml").read_bytes(), "xml")
    locs = [loc.get_text() for loc in root.find_all("loc")]
    assert all(loc.startswith(SITE + "/") for loc in locs)
    assert {loc.removeprefix(SITE) for loc in locs} == PUBLISHED
    assert len(locs) == len(PUBLISHED)
    by_loc = {url.loc.get_text(): url.lastmod for url in root.find_all("url")}
    assert by_loc[f"{SITE}/2025/lancement/"].get_text() == "2025-10-05T09:30:00+02:00"
    assert by_loc[f"{SITE}/2024/tableau/"].get_text() == "2024-03-12T07:45:00+01:00"
    assert by_loc[f"{SITE}/"].get_text() == "2025-10-05T09:30:00+02:00"


def test_robots_points_to_the_absolute_sitemap(site):
    robots = (site.output / "robots.txt").read_text()
    assert f"Sitemap: {SITE}/sitemap.xml" in robots.splitlines()


def test_every_page_has_one_absolute_canonical_link_to_itself(site):
    for path in html_pages(site):
        links = parse(path).find_all("link", rel="canonical")
        assert len(links) == 1, path
        if path not in alias_pages(site):
            assert links[0]["href"] == SITE + url_of(site, path), path


def test_post_has_open_graph_and_twitter_cards(site):
    soup = site.html("/2025/lancement/")
    assert meta(soup, "og:type") == ["article"]
    assert meta(soup, "og:title") == ["Lancement de la campagne"]
    assert meta(soup, "og:description") == ["Le lancement."]
    assert meta(soup, "og:url") == [f"{SITE}/2025/lancement/"]
    assert meta(soup, "og:image") == [f"{SITE}/images/une.png"]
    assert meta(soup, "article:published_time") == ["2025-10-01T08:00:00+02:00"]
    assert meta(soup, "article:modified_time") == ["2025-10-05T09:30:00+02:00"]
    assert meta(soup, "article:author") == [
        f"{SITE}/auteurs/ana/",
        f"{SITE}/auteurs/bob/",
    ]
    assert meta(soup, "article:tag") == ["TOUSCYBERVIGILANTS", "Hameçonnage"]
    assert meta(soup, "twitter:card") == ["summary_large_image"]
    assert meta(soup, "twitter:image") == [f"{SITE}/images/une.png"]


def test_post_without_image_gets_the_site_picture(site):
    soup = site.html("/2024/tableau/")
    (image,) = meta(soup, "og:image")
    assert image.startswith(SITE + "/")
    assert (site.output / urlsplit(image).path.lstrip("/")).is_file()
    assert meta(soup, "og:image:alt")


def json_ld(soup: BeautifulSoup, kind: str = "Article") -> dict:
    """The page's JSON-LD block of one schema.org type (a post also has its trail)."""
    blocks = soup.find_all("script", type="application/ld+json")
    (data,) = [d for d in (json.loads(b.string) for b in blocks) if d["@type"] == kind]
    return data


def test_article_json_ld_parses_and_has_the_fields(site):
    data = json_ld(site.html("/2025/lancement/"))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Article"
    assert data["headline"] == "Lancement de la campagne"
    assert data["datePublished"] == "2025-10-01T08:00:00+02:00"
    assert data["dateModified"] == "2025-10-05T09:30:00+02:00"
    assert data["keywords"] == ["TOUSCYBERVIGILANTS", "Hameçonnage"]
    assert data["image"] == [f"{SITE}/images/une.png"]
    ana, bob = data["author"]
    assert ana == {
        "@type": "Person",
        "name": "Ana Duval",
        "url": f"{SITE}/auteurs/ana/",
        "jobTitle": "RSSI",
        "affiliation": {"@type": "Organization", "name": "CH de Valmont"},
    }
    assert bob["name"] == "Bob Martin"
    assert "affiliation" not in bob
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["logo"]["url"].startswith(SITE + "/")
    assert data["mainEntityOfPage"]["@id"] == f"{SITE}/2025/lancement/"


def test_json_ld_cannot_close_its_script_element(site):
    page = (site.output / "2024" / "tableau" / "index.html").read_text()
    blocks = [
        part.split("</script>", 1)[0]
        for part in page.split('<script type="application/ld+json">')[1:]
    ]
    assert blocks and all("<" not in block for block in blocks)
    assert json.loads(blocks[0])["headline"] == (
        "Un tableau </script><!-- et & des « guillemets »"
    )


def test_campaign_page_has_its_own_card(site):
    soup = site.html("/campagnes/touscybervigilants/")
    assert meta(soup, "og:type") == ["website"]
    assert meta(soup, "og:image") == [f"{SITE}/images/campagne.png"]
    assert meta(soup, "og:description") == ["Quinze mois pour la vigilance."]
    assert meta(soup, "og:title")[0].startswith("Tous cyber-vigilants")


def test_hidden_post_is_not_indexed(site):
    assert meta(site.html("/2025/masque/"), "robots") == ["noindex"]
    assert meta(site.html("/2025/lancement/"), "robots") == []


def test_each_alias_is_a_french_page_that_redirects_to_its_post(site):
    for alias, (name, target) in ALIASES.items():
        soup = parse(site.output / name)
        assert soup.html["lang"] == "fr", alias
        refresh = soup.find("meta", attrs={"http-equiv": "refresh"})["content"]
        assert refresh == f"0; url={SITE}{target}", alias
        assert soup.find("link", rel="canonical")["href"] == SITE + target
        assert soup.find("a", href=SITE + target), alias
        assert "changé d'adresse" in soup.get_text()


def test_aliases_are_listed_for_hosts_that_redirect(site):
    redirects = (site.output / "_redirects").read_text().splitlines()
    rules = {tuple(line.split()) for line in redirects if not line.startswith("#")}
    assert rules == {(alias, target, "301") for alias, (_, target) in ALIASES.items()}
    htaccess = (site.output / ".htaccess").read_text()
    for alias, (_, target) in ALIASES.items():
        escaped = re.escape(alias.rstrip("/"))
        assert re.search(
            rf'RedirectMatch 301 "\^{re.escape(escaped)}.*" "{target}"', htaccess
        )


def header_values(build: Build, name: str) -> list[str]:
    prefix = f"  {name}: "
    lines = (build.output / "_headers").read_text().splitlines()
    return [line.removeprefix(prefix) for line in lines if line.startswith(prefix)]


def test_headers_carry_the_meta_policy_and_the_security_headers(site):
    (policy,) = header_values(site, "Content-Security-Policy")
    assert "frame-ancestors 'none'" in policy
    meta_policy = "; ".join(
        d for d in policy.split("; ") if not d.startswith("frame-ancestors")
    )
    for path in html_pages(site):
        tag = parse(path).find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert tag is not None and tag["content"] == meta_policy, path
    assert header_values(site, "X-Content-Type-Options") == ["nosniff"]
    assert header_values(site, "Referrer-Policy") == ["strict-origin-when-cross-origin"]
    (permissions,) = header_values(site, "Permissions-Policy")
    assert "camera=()" in permissions
    htaccess = (site.output / ".htaccess").read_text()
    assert f'Content-Security-Policy "{policy}"' in htaccess


def test_cache_rules_never_overlap_and_fingerprints_last_a_year(site):
    lines = (site.output / "_headers").read_text().splitlines()
    rules = {}
    for index, line in enumerate(lines):
        if line.startswith("  Cache-Control: "):
            rules[lines[index - 1]] = line.removeprefix("  Cache-Control: ")
    (stylesheet,) = site.html("/").find_all("link", rel="stylesheet")
    assert rules[urlsplit(stylesheet["href"]).path] == (
        "public, max-age=31536000, immutable"
    )
    assert rules["/2025/*"] == "public, max-age=600"
    assert rules["/sitemap.xml"] == "public, max-age=600"
    assert "/theme/*" not in rules


def test_pages_use_only_same_origin_files_and_no_inline_code(site):
    for path in html_pages(site):
        soup = parse(path)
        assert not soup.find_all("style"), path
        assert not soup.select("[style]"), path
        for tag in soup.find_all(True):
            assert not [a for a in tag.attrs if a.lower().startswith("on")], path
        for script in soup.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json"
        used = [t["href"] for t in soup.find_all("link", rel="stylesheet")]
        used += [t["src"] for t in soup.find_all(["img", "script"], src=True)]
        for url in used:
            parts = urlsplit(url)
            assert not parts.netloc or f"{parts.scheme}://{parts.netloc}" == SITE, url
            assert (site.output / parts.path.lstrip("/")).is_file(), (path, url)


def test_stylesheet_name_carries_its_content_hash(site):
    (stylesheet,) = site.html("/404.html").find_all("link", rel="stylesheet")
    name = urlsplit(stylesheet["href"]).path
    match = re.fullmatch(r"/theme/css/vigie\.([0-9a-f]{8})\.css", name)
    assert match, name
    data = (site.output / name.lstrip("/")).read_bytes()
    assert hashlib.sha256(data).hexdigest()[:8] == match.group(1)
    assert data == (REPO / "theme" / "static" / "css" / "vigie.css").read_bytes()
    assert not (site.output / "theme" / "css" / "vigie.css").exists()


def test_aligned_table_columns_use_classes(site):
    cells = site.html("/2024/tableau/").select("td.align-right")
    assert [cell.get_text() for cell in cells] == ["120"]


def test_not_found_page_is_french_and_works_at_any_depth(site):
    soup = site.html("/404.html")
    assert soup.h1.get_text() == "Page introuvable"
    for tag in soup.find_all(["a", "link", "img", "script"]):
        url = tag.get("href") or tag.get("src")
        if url and not url.startswith("#"):
            assert url.startswith((f"{SITE}/", "/")), url


def tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file()
    }


def make(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    """Run a make target with this interpreter's tools, never installing .venv."""
    return subprocess.run(
        [
            "make",
            "-s",
            "-o",
            ".venv/.installed",
            f"BIN={Path(sys.executable).parent}",
            *args,
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def published(site, tmp_path) -> Path:
    """A copy of the publish build, with its state file, that a test may spoil."""
    output = tmp_path / "output"
    shutil.copytree(site.output, output)
    state = site.output.parent / f".{site.output.name}-build.json"
    shutil.copy(state, tmp_path / ".output-build.json")
    return output


def test_deploy_rsync_copies_the_tree_and_deletes_stale_files(published, tmp_path):
    dest = tmp_path / "www"
    write_files(dest, {"ancien/index.html": "périmé"})
    result = make("deploy-rsync", f"OUTPUTDIR={published}", f"DEST={dest}")
    assert result.returncode == 0, result.stderr
    assert tree(dest) == tree(published)


def test_deploy_git_pushes_the_tree_to_a_branch(published, tmp_path):
    bare = tmp_path / "pages.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    for _ in range(2):
        result = make("deploy-git", f"OUTPUTDIR={published}", f"REMOTE={bare}")
        assert result.returncode == 0, result.stderr
    listing = subprocess.run(
        ["git", "-C", str(bare), "ls-tree", "-r", "--name-only", "gh-pages"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert sorted(listing) == sorted(tree(published))
    for name in ("index.html", "_headers", ".htaccess", "sitemap.xml"):
        blob = subprocess.run(
            ["git", "-C", str(bare), "show", f"gh-pages:{name}"],
            capture_output=True,
            check=True,
        ).stdout
        assert blob == (published / name).read_bytes()
    log = subprocess.run(
        ["git", "-C", str(bare), "log", "--oneline", "gh-pages"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert len(log) == 2


def test_deploy_refuses_a_local_build(tmp_path):
    build = build_files(tmp_path, {"authors/ana.md": FILES["authors/ana.md"]})
    assert build.returncode == 0, build.log
    dest = tmp_path / "www"
    result = make("deploy-rsync", f"OUTPUTDIR={build.output}", f"DEST={dest}")
    assert result.returncode != 0
    assert "make html" in result.stderr
    assert not dest.exists()
    result = make("deploy-git", f"OUTPUTDIR={build.output}", f"REMOTE={tmp_path}/x.git")
    assert result.returncode != 0
    assert "Déploiement refusé" in result.stderr


def test_deploy_refuses_a_failed_build(published, tmp_path):
    content = write_files(
        tmp_path / "bad", {"posts/sans-date.md": "Title: Oups\n\nx\n"}
    )
    failed = run_build(content, published, settings="publishconf.py", env=PUBLISH_ENV)
    assert failed.returncode != 0
    result = make("deploy-rsync", f"OUTPUTDIR={published}", f"DEST={tmp_path}/www")
    assert result.returncode != 0
    assert "Déploiement refusé" in result.stderr
    assert not (tmp_path / "www").exists()


def test_deploy_refuses_a_missing_output(tmp_path):
    result = make("deploy-rsync", f"OUTPUTDIR={tmp_path}/rien", f"DEST={tmp_path}/www")
    assert result.returncode != 0
    assert "n'existe pas" in result.stderr


def test_precompress_writes_gzip_copies(tmp_path):
    files = {key: FILES[key] for key in ("authors/ana.md", "pages/a-propos.md")}
    build = build_files(
        tmp_path,
        files,
        settings="publishconf.py",
        env={**PUBLISH_ENV, "VIGIE_PRECOMPRESS": "1"},
    )
    assert build.returncode == 0, build.log
    for name in ("index.html", "sitemap.xml", "a-propos/index.html"):
        packed = build.output / f"{name}.gz"
        assert (
            gzip.decompress(packed.read_bytes()) == (build.output / name).read_bytes()
        )


@pytest.mark.parametrize("aliases", ["../../hors-du-site/", "/a-propos/"])
def test_bad_alias_fails_the_build_and_writes_nothing_outside(tmp_path, aliases):
    files = {
        "authors/ana.md": FILES["authors/ana.md"],
        "pages/a-propos.md": FILES["pages/a-propos.md"],
        "posts/x.md": (
            f"Title: X\nDate: 2025-01-01\nAuthor: ana\nAliases: {aliases}\n\nx\n"
        ),
    }
    build = build_files(tmp_path, files)
    assert build.returncode != 0
    assert aliases.strip("/.") in build.log
    assert not (tmp_path / "hors-du-site").exists()
    if (build.output / "a-propos" / "index.html").exists():
        assert "changé d'adresse" not in build.page("/a-propos/").read_text()
