"""`make article`: start a post with a filled header; never overwrite one.

Asks for the title, the author(s) and the category, or takes them from
`make article TITLE=… AUTHOR=… [CATEGORY=…] [SLUG=…]` (environment variables,
or `--title`, `--author`, `--category`, `--slug`). Writes
`content/posts/<year>/<slug>.md` with today's date (Paris time) and a
permanent `Id: <year>/<slug>`, the post's id in every feed reader.
"""

import argparse
import datetime as dt
import difflib
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.settings import DEFAULT_CONFIG, read_settings
from pelican.utils import slugify

# Longest slug written: a URL stays readable, cut between two words.
MAX_SLUG = 80
BODY = (
    "Écrivez ici le texte de l'article, en Markdown. Le premier paragraphe\n"
    "sert de résumé si la ligne Summary reste vide. Voir docs/guide-redaction.md.\n"
)


class ArticleError(Exception):
    """A French message saying why the post was not created."""


def article_slug(title: str, regex_subs=None) -> str:
    """The file and URL name Pelican would give this title, at most MAX_SLUG long."""
    subs = regex_subs or DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]
    # French elision: « l'hôpital » gives `l-hopital`, not `lhopital`.
    slug = slugify(re.sub(r"['’]", " ", title), regex_subs=subs)
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0]
    return slug


def one_line(text: str) -> str:
    """A header value on one line, without control characters."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def post_text(
    title: str, author_ids: Sequence[str], category: str, now: dt.datetime, slug: str
) -> str:
    """The new file: a filled header, then a line to replace with the text."""
    author_key = "Author" if len(author_ids) == 1 else "Authors"
    header = [
        f"Title: {title}",
        f"Date: {now:%Y-%m-%d %H:%M}",
        f"{author_key}: {', '.join(author_ids)}",
        f"Category: {category}",
        "Hashtags:",
        "Summary:",
        f"Id: {now:%Y}/{slug}",
    ]
    return "\n".join(header) + "\n\n" + BODY


def check_authors(author_ids: Sequence[str], known: Sequence[str]) -> None:
    """Refuse an author id with no file in content/authors/, suggesting one."""
    if not author_ids:
        raise ArticleError("il faut au moins un auteur : AUTHOR=identifiant.")
    for author_id in author_ids:
        if author_id in known:
            continue
        near = difflib.get_close_matches(author_id.lower(), known, n=1, cutoff=0.6)
        hint = f" Vouliez-vous dire « {near[0]} » ?" if near else ""
        raise ArticleError(
            f"l'auteur « {author_id} » n'a pas de fiche dans content/authors/.{hint} "
            f"Auteurs : {', '.join(known) or 'aucun'}."
        )


def pick_category(category: str, allowed: Sequence[str], default: str) -> str:
    """The category as the site spells it (`tribune` → `Tribune`), or refuse it."""
    category = one_line(category) or default
    if not allowed:
        return category
    for name in allowed:
        if name.casefold() == category.casefold():
            return name
    raise ArticleError(
        f"la rubrique « {category} » n'existe pas : choisissez parmi "
        f"{', '.join(allowed)}."
    )


def create_post(
    content: Path,
    title: str,
    author_ids: Sequence[str],
    *,
    category: str,
    now: dt.datetime,
    settings: dict,
    slug: str = "",
) -> Path:
    """Write the new post and return its path; ArticleError if it cannot."""
    title = one_line(title)
    if not title:
        raise ArticleError('il faut un titre : TITLE="Le titre de l\'article".')
    check_authors(author_ids, author_ids_in(content, settings))
    category = pick_category(
        category,
        settings.get("VALIDATION_CATEGORIES") or (),
        settings.get("DEFAULT_CATEGORY", ""),
    )
    regex_subs = settings.get("SLUG_REGEX_SUBSTITUTIONS")
    slug = article_slug(one_line(slug) or title, regex_subs)
    if not slug:
        raise ArticleError(
            "ce titre ne donne pas de nom de fichier (pas de lettre) : "
            'ajoutez SLUG="nom-de-l-article".'
        )
    posts_dir = content / settings.get("ARTICLE_PATHS", ["posts"])[0]
    path = posts_dir / f"{now:%Y}" / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as new_file:
            new_file.write(post_text(title, author_ids, category, now, slug))
    except FileExistsError:
        raise ArticleError(
            f"{path} existe déjà : il n'est pas remplacé. Choisissez un autre "
            'titre, ou un autre nom avec SLUG="autre-nom".'
        ) from None
    return path


def author_ids_in(content: Path, settings: dict) -> list[str]:
    """The author ids: the file names of content/authors/, without `.md`."""
    authors_dir = content / settings.get("AUTHORS_PATH", "authors")
    return sorted(path.stem for path in authors_dir.glob("*.md"))


def main(
    argv: Sequence[str] | None = None,
    ask: Callable[[str], str] = input,
    now: dt.datetime | None = None,
) -> int:
    """Run `make article`; return the exit code."""
    parser = argparse.ArgumentParser(description="Créer un nouvel article.")
    parser.add_argument("--content", default="content")
    parser.add_argument("--settings", default="pelicanconf.py")
    for name in ("title", "author", "category", "slug"):
        parser.add_argument(f"--{name}", default=os.environ.get(name.upper(), ""))
    args = parser.parse_args(argv)
    settings = read_settings(args.settings)
    content = Path(args.content)
    known = author_ids_in(content, settings)
    interactive = not (args.title and args.author)
    try:
        title = args.title or ask("Titre de l'article : ")
        author = args.author or ask(
            f"Auteur(s), séparés par des virgules ({', '.join(known)}) : "
        )
        author_ids = [a.strip() for a in author.split(",") if a.strip()]
        check_authors(author_ids, known)
        category = args.category
        if not category and interactive:
            category = ask("Rubrique (Entrée pour la rubrique par défaut) : ")
        path = create_post(
            content,
            title,
            author_ids,
            category=category,
            now=now or dt.datetime.now(ZoneInfo(settings["TIMEZONE"])),
            settings=settings,
            slug=args.slug,
        )
    except ArticleError as error:
        print(f"Article non créé : {error}", file=sys.stderr)
        return 1
    except EOFError:
        print("Article non créé : une réponse manque.", file=sys.stderr)
        return 1
    print(f"Article créé : {path}. Écrivez-le, puis « make devserver » pour le voir.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
