"""The rules a content file must follow: plain values in, French problems out.

Every function here takes header fields (`{lower-case key: HeaderField}`, as
`markdown_reader.headers.parse_source` gives them) or plain strings, and
returns `Problem`s: the line concerned, a French message that says what to
do, and the anchor of the section of the writer's guide that explains it.
No Pelican, no I/O: what a rule needs to know about the site (the author
ids, whether a picture exists, how Pelican makes slugs) is passed in.
"""

import difflib
import posixpath
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import unquote

from markdown_reader.headers import HeaderField, Problem
from markdown_reader.metadata import as_text, split_list
from unidecode import unidecode

GUIDE = "docs/guide-redaction.md"
# The sections of the guide that messages point to (tests check each exists).
ANCHORS = frozenset(
    {
        "en-tete",
        "cles",
        "titre",
        "dates",
        "auteurs",
        "rubriques",
        "mots-dieses",
        "campagnes",
        "statut",
        "adresses",
        "images",
        "identifiant",
        "encodage",
        "fichier-vide",
        "fichiers",
        "erreurs",
    }
)

# The header keys of each kind of file (CONTRACT.md).
KEYS = {
    "post": frozenset(
        {
            *("title", "date", "author", "authors", "category", "hashtags"),
            *("summary", "modified", "slug", "aliases", "status", "image", "id"),
        }
    ),
    "page": frozenset(
        {"title", "summary", "date", "modified", "slug", "aliases", "status", "image"}
    ),
    "author": frozenset({"name", "role", "organization", "photo", "links"}),
    "campaign": frozenset(
        {"title", "hashtag", "start", "end", "summary", "image", "share"}
    ),
}
# How each key is written in messages and in the guide.
KEY_NAMES = {
    key: key.capitalize() for keys in KEYS.values() for key in keys if key != "id"
} | {"id": "Id"}
# French (or Pelican) words writers use for our keys, without accents.
KEY_SYNONYMS = {
    "titre": "title",
    "auteur": "author",
    "auteurs": "authors",
    "categorie": "category",
    "rubrique": "category",
    "tags": "hashtags",
    "tag": "hashtags",
    "motsdieses": "hashtags",
    "mots-dieses": "hashtags",
    "mots-cles": "hashtags",
    "resume": "summary",
    "chapeau": "summary",
    "modifie": "modified",
    "modification": "modified",
    "mise-a-jour": "modified",
    "statut": "status",
    "etat": "status",
    "alias": "aliases",
    "identifiant": "id",
    "nom": "name",
    "fonction": "role",
    "organisation": "organization",
    "etablissement": "organization",
    "liens": "links",
    "debut": "start",
    "fin": "end",
    "partage": "share",
}
KEY_CUTOFF = 0.75
# Keys Pelican itself acts on: they would move a page, change its template or
# language, or overwrite what the build computes.
PELICAN_KEYS = frozenset(
    {
        *("template", "lang", "translation", "save_as", "url", "path", "reader"),
        *("settings", "metadata", "source_path", "locale_date", "locale_modified"),
        *("in_default_lang", "translations", "date_format", "tags", "author_ids"),
        *("header_lines", "reading"),
    }
)

STATUSES = ("published", "draft", "hidden")
STATUS_SYNONYMS = {
    "publie": "published",
    "publiee": "published",
    "publication": "published",
    "en-ligne": "published",
    "brouillon": "draft",
    "ebauche": "draft",
    "masque": "hidden",
    "masquee": "hidden",
    "cache": "hidden",
    "cachee": "hidden",
}
DEFAULT_CATEGORIES = ("Tribune", "Actualité", "Communiqué")
# Up to this many author ids are listed when none is close to a wrong one.
LISTED_AUTHORS = 12

SAFE_SLUG = re.compile(r"[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?")
SAFE_SEGMENT = re.compile(r"[A-Za-z0-9_~-][A-Za-z0-9._~-]*")
URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _plain(text: str) -> str:
    """Lower case, no accents, no spaces: how two spellings are compared."""
    return re.sub(r"[\s_]+", "-", unidecode(text).casefold().strip())


def closest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate closest to `word` (accents and case ignored), if close enough."""
    by_plain = {_plain(candidate): candidate for candidate in candidates}
    plain = _plain(word)
    if plain in by_plain:
        return by_plain[plain]
    found = difflib.get_close_matches(plain, list(by_plain), n=1, cutoff=cutoff)
    return by_plain[found[0]] if found else None


def key_name(key: str) -> str:
    """A key as the guide writes it: `Title`, `Hashtags`, `Id`."""
    return KEY_NAMES.get(key, key.capitalize())


# --- Header keys ----------------------------------------------------------------


def suggest_key(key: str, known: Iterable[str]) -> str | None:
    """The known key a misspelt or French key most likely means, or None."""
    known = set(known)
    synonym = KEY_SYNONYMS.get(_plain(key))
    if synonym in known:
        return synonym
    match = difflib.get_close_matches(_plain(key), sorted(known), 1, KEY_CUTOFF)
    return match[0] if match else None


def status_value(value: object) -> str | None:
    """The status a value means (`brouillon` → `draft`), or None."""
    plain = _plain(as_text(value))
    if plain in STATUSES:
        return plain
    return STATUS_SYNONYMS.get(plain)


def check_keys(
    kind: str,
    fields: Mapping[str, HeaderField],
    extra_keys: Iterable[str] = (),
    reserved: Iterable[str] = (),
) -> list[Problem]:
    """Misspelt keys are errors (with the right one); other unknown keys, warnings.

    A key Pelican acts on (`Template`, `Save_as`, `Lang`, …, anything in
    `reserved`) is an error: it would silently move or break the page.
    """
    known = KEYS[kind] | {key.lower() for key in extra_keys}
    reserved = PELICAN_KEYS | set(reserved)
    names = ", ".join(key_name(key) for key in sorted(known))
    problems = []
    for key, field in fields.items():
        if key in known:
            continue
        suggestion = suggest_key(key, known)
        if suggestion == "status" and status_value(field.value):
            message = (
                f"la clé « {field.name} » n'existe pas : écrivez "
                f"« Status: {status_value(field.value)} »."
            )
        elif suggestion:
            message = (
                f"la clé « {field.name} » n'existe pas : "
                f"vouliez-vous dire « {key_name(suggestion)} » ?"
            )
        elif key in reserved or key.startswith("_"):
            message = (
                f"la clé « {field.name} » est réservée au moteur du site "
                f"et changerait l'adresse ou la mise en page : retirez-la "
                f"(clés possibles : {names})."
            )
        else:
            problems.append(
                Problem(
                    field.line,
                    f"la clé « {field.name} » est inconnue, elle ne sert à rien "
                    f"(clés possibles : {names}).",
                    "cles",
                    warning=True,
                )
            )
            continue
        problems.append(Problem(field.line, message, "cles"))
    return problems


def check_required(kind: str, fields: Mapping[str, HeaderField]) -> list[Problem]:
    """Title, Date and Author(s) of a post, Title of a page: present and filled."""
    required = {"post": ("title", "date", "author"), "page": ("title",)}.get(kind, ())
    help_text = {
        "title": ("le titre", "« Title: Le titre de l'article »", "titre"),
        "date": ("la date", "« Date: 2025-06-04 13:10 »", "dates"),
        "author": ("l'auteur", "« Author: identifiant-de-l-auteur »", "auteurs"),
    }
    problems = []
    for key in required:
        what, example, anchor = help_text[key]
        present = [fields[k] for k in (key, f"{key}s") if k in fields]
        misspelt = [
            k
            for k in fields
            if k not in KEYS[kind] and suggest_key(k, KEYS[kind]) in (key, f"{key}s")
        ]
        if not present and misspelt:
            # `Titel:` is named by check_keys, with the key to write instead.
            continue
        if key == "author" and len(present) == 2:
            problems.append(
                Problem(
                    present[1].line,
                    "Author et Authors sont donnés tous les deux : gardez une seule "
                    "ligne « Authors: id1, id2 ».",
                    anchor,
                )
            )
        if not present:
            problems.append(
                Problem(1, f"il manque {what} : ajoutez une ligne {example}.", anchor)
            )
        elif not any(as_text(field.value) for field in present):
            problems.append(
                Problem(
                    present[0].line,
                    f"{what} est vide : complétez la ligne, par exemple {example}.",
                    anchor,
                )
            )
    return problems


# --- Values ---------------------------------------------------------------------


def check_authors(
    fields: Mapping[str, HeaderField], known_ids: Iterable[str], authors_dir: str
) -> list[Problem]:
    """Every author id names a file of content/authors/ (else: the closest id)."""
    known_ids = sorted(known_ids)
    problems = []
    for key in ("author", "authors"):
        field = fields.get(key)
        if field is None:
            continue
        for author_id in split_list(field.value):
            if author_id in known_ids:
                continue
            near = closest(author_id, known_ids)
            if near:
                hint = f"vouliez-vous dire « {near} » ? Sinon, créez"
            elif 0 < len(known_ids) <= LISTED_AUTHORS:
                hint = f"les auteurs sont {', '.join(known_ids)} ; sinon, créez"
            else:
                hint = "créez"
            problems.append(
                Problem(
                    field.line,
                    f"l'auteur « {author_id} » n'a pas de fiche dans "
                    f"{authors_dir}/ : {hint} le fichier {authors_dir}/{author_id}.md.",
                    "auteurs",
                )
            )
    return problems


def check_category(
    fields: Mapping[str, HeaderField],
    allowed: Iterable[str],
    slugify: Callable[[str], str],
) -> list[Problem]:
    """A Category is one of `allowed` when a list is set, and never empty."""
    field = fields.get("category")
    if field is None:
        return []
    allowed = list(allowed or ())
    name = as_text(field.value)
    listed = f" (rubriques : {', '.join(allowed)})" if allowed else ""
    if not slugify(name):
        return [
            Problem(
                field.line,
                f"la rubrique est vide ou sans lettre : écrivez-en une{listed}, "
                "ou retirez la ligne pour la rubrique par défaut.",
                "rubriques",
            )
        ]
    if not allowed or name in allowed:
        return []
    near = closest(name, allowed)
    hint = f"écrivez « Category: {near} »" if near else "choisissez-en une"
    return [
        Problem(
            field.line,
            f"la rubrique « {name} » n'existe pas : {hint}{listed}.",
            "rubriques",
        )
    ]


def check_status(fields: Mapping[str, HeaderField]) -> list[Problem]:
    """Status is published, draft or hidden; a French word gets its translation."""
    field = fields.get("status")
    if field is None:
        return []
    written = as_text(field.value)
    if written in STATUSES:
        return []
    meant = status_value(written)
    if meant:
        message = f"le statut « {written} » s'écrit « Status: {meant} »."
    else:
        message = (
            f"le statut « {written} » n'existe pas : écrivez « Status: draft » "
            "(brouillon), « Status: hidden » (masqué) ou retirez la ligne "
            "pour publier."
        )
    return [Problem(field.line, message, "statut")]


def slug_problem(slug: str) -> str | None:
    """Why a Slug is not a safe URL name (French), or None when it is."""
    if not slug:
        return "il est vide"
    if slug.startswith("/") or URL_SCHEME.match(slug):
        return "c'est une adresse complète, pas un nom"
    if "/" in slug or "\\" in slug:
        return "il contient « / » : un Slug est un seul nom"
    if ".." in slug:
        return "« .. » sortirait du site"
    if not SAFE_SLUG.fullmatch(slug):
        return "seuls les minuscules sans accent, les chiffres et « - » sont permis"
    return None


def check_slug(
    fields: Mapping[str, HeaderField], slugify: Callable[[str], str]
) -> list[Problem]:
    """An explicit Slug is a single safe name: `a-z`, `0-9`, `-`, `_`."""
    field = fields.get("slug")
    if field is None:
        return []
    slug = as_text(field.value)
    reason = slug_problem(slug)
    if reason is None:
        return []
    suggestion = slugify(slug.replace("/", " ").replace(".", " "))
    fix = (
        f"écrivez par exemple « Slug: {suggestion} »"
        if suggestion
        else "retirez la ligne (l'adresse vient alors du nom du fichier)"
    )
    return [
        Problem(
            field.line,
            f"le Slug « {slug} » n'est pas un nom d'adresse sûr ({reason}) : {fix}.",
            "adresses",
        )
    ]


def check_file_name(file_name: str, slugify: Callable[[str], str]) -> list[Problem]:
    """A file with no Slug gets its address from its name: it needs letters."""
    stem = posixpath.splitext(posixpath.basename(file_name))[0]
    if slugify(stem):
        return []
    return [
        Problem(
            1,
            f"le nom du fichier « {posixpath.basename(file_name)} » ne donne pas "
            "d'adresse : renommez-le avec des lettres sans accent et des tirets "
            "(par exemple mon-article.md), ou ajoutez « Slug: mon-article ».",
            "adresses",
        )
    ]


def alias_problem(alias: str) -> str | None:
    """Why an Aliases entry is not a safe path on this site (French), or None."""
    if URL_SCHEME.match(alias) or alias.startswith("//"):
        return "c'est une adresse complète : gardez seulement le chemin"
    path = alias.strip("/")
    if not path:
        return "c'est la racine du site"
    for segment in path.split("/"):
        if segment in ("", ".", ".."):
            return f"« {segment or '//'} » n'est pas un nom de dossier"
        if not SAFE_SEGMENT.fullmatch(segment):
            return (
                "seuls les lettres sans accent, les chiffres, « - », « _ » "
                "et « . » sont permis"
            )
    return None


def check_aliases(fields: Mapping[str, HeaderField]) -> list[Problem]:
    """Each former address is a safe path: no `..`, no scheme, no odd characters."""
    field = fields.get("aliases")
    if field is None:
        return []
    problems = []
    for alias in split_list(field.value):
        reason = alias_problem(alias)
        if reason:
            problems.append(
                Problem(
                    field.line,
                    f"l'ancienne adresse « {alias} » n'est pas sûre ({reason}) : "
                    "écrivez un chemin du site, par exemple /2024/ancien-nom/.",
                    "adresses",
                )
            )
    return problems


def check_id(fields: Mapping[str, HeaderField]) -> list[Problem]:
    """An explicit Id is not empty (it names the post in every feed reader)."""
    field = fields.get("id")
    if field is None or as_text(field.value):
        return []
    return [
        Problem(
            field.line,
            "l'Id est vide : retirez la ligne, ou remettez l'Id que l'article "
            "avait (il ne doit jamais changer).",
            "identifiant",
        )
    ]


# --- Pictures -------------------------------------------------------------------

_PELICAN_LINK = re.compile(r"^\{(?:static|attach|filename)\}")


def local_image_path(reference: str, source_dir: str) -> str | None:
    """The content-relative path a picture reference points to, or None if remote.

    `/images/x.png` and `{static}/images/x.png` are read from the content
    folder; `{static}x.png` from the file's own folder (`source_dir`). A plain
    relative reference (`images/x.png`) gives '': on the site it would be read
    from the post's own address, where there is no picture.
    """
    reference = unquote(reference.strip().split("#")[0].split("?")[0])
    if not reference or URL_SCHEME.match(reference) or reference.startswith("//"):
        return None
    pelican_link = _PELICAN_LINK.match(reference)
    if pelican_link:
        reference = reference[pelican_link.end() :]
        if not reference.startswith("/"):
            return posixpath.normpath(posixpath.join(source_dir, reference))
    elif not reference.startswith("/"):
        return ""
    return posixpath.normpath(reference.lstrip("/"))


def check_image(
    reference: str, line: int, source_dir: str, exists: Callable[[str], bool]
) -> list[Problem]:
    """A warning when a local picture does not exist in the content folder."""
    path = local_image_path(reference, source_dir)
    if path is None or (path and exists(path)):
        return []
    if path:
        message = (
            f"l'image « {reference} » est introuvable (cherchée dans content/{path}) "
            ": ajoutez-la dans content/images/ et écrivez /images/nom-du-fichier.png."
        )
    else:
        message = (
            f"l'image « {reference} » n'a pas de « / » au début : le site la "
            "chercherait à l'adresse de l'article ; écrivez /images/nom-du-fichier.png."
        )
    return [Problem(line, message, "images", warning=True)]


def check_hashtags_present(has_hashtag: bool, line: int) -> list[Problem]:
    """A warning for a post that belongs to no campaign."""
    if has_hashtag:
        return []
    return [
        Problem(
            line,
            "l'article n'a aucun mot-dièse : ajoutez une ligne "
            "« Hashtags: #TOUSCYBERVIGILANTS » (ou un #MotDièse dans le texte) "
            "pour le rattacher à une campagne.",
            "mots-dieses",
            warning=True,
        )
    ]


# --- Several files --------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    """One output file something means to write, and who wants it.

    `path` is the content file to report on (None for the site's own pages),
    `owner` how a message names the claimant, `line` the header line to point
    to, `alias` whether the claim comes from an Aliases entry.
    """

    save_as: str
    owner: str
    path: str | None = None
    line: int = 1
    alias: bool = False


def alias_save_as(alias: str) -> str:
    """The file a redirect from a former address is written to."""
    path = alias.strip("/")
    return path if "." in path.rsplit("/", 1)[-1] else f"{path}/index.html"


def url_of(save_as: str) -> str:
    """The address a reader types for an output file (`a/index.html` → `/a/`)."""
    if save_as == "index.html":
        return "/"
    if save_as.endswith("/index.html"):
        return "/" + save_as[: -len("index.html")]
    return "/" + save_as


def of(names: Iterable[str]) -> str:
    """« de X et de Y », with French contractions: « du flux », « des archives »."""
    parts = []
    for name in names:
        if name.startswith("le "):
            parts.append("du " + name[3:])
        elif name.startswith("les "):
            parts.append("des " + name[4:])
        else:
            parts.append("de " + name)
    return " et ".join(parts)


def _same_file_key(save_as: str) -> str:
    """Output files that would be one file (`a/../b`, case on macOS/Windows)."""
    return posixpath.normpath(save_as.lstrip("/")).casefold()


def find_collisions(claims: Iterable[Claim]) -> list[tuple[str, Problem]]:
    """Every content file that shares an output file with something else."""
    by_file: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_file[_same_file_key(claim.save_as)].append(claim)
    found = []
    for group in by_file.values():
        if len(group) < 2:
            continue
        for claim in group:
            if claim.path is None:
                continue
            others = [
                "ce même fichier" if other.path == claim.path else other.owner
                for other in group
                if other is not claim
            ]
            url = url_of(claim.save_as)
            if claim.alias:
                message = (
                    f"l'ancienne adresse {url} (Aliases) est aussi celle "
                    f"{of(others)} : retirez-la de la ligne Aliases."
                )
            else:
                message = (
                    f"l'adresse {url} est aussi celle {of(others)} : "
                    "deux contenus ne peuvent pas partager une adresse ; renommez "
                    "le fichier ou donnez-lui un autre « Slug: »."
                )
            found.append((claim.path, Problem(claim.line, message, "adresses")))
    return found


def find_duplicate_ids(
    posts: Iterable[tuple[str, str, int, bool]],
) -> list[tuple[str, Problem]]:
    """Posts sharing a feed Id: (path, id, line, written in the header) each."""
    by_id: dict[str, list[tuple[str, str, int, bool]]] = defaultdict(list)
    for post in posts:
        by_id[post[1]].append(post)
    found = []
    for group in by_id.values():
        for path, post_id, line, explicit in group:
            others = [other[0] for other in group if other[0] != path]
            if explicit and others:
                found.append(
                    (
                        path,
                        Problem(
                            line,
                            f"l'Id « {post_id} » est aussi celui {of(others)} : "
                            "chaque article garde son "
                            "propre Id ; retirez cette ligne si l'article est neuf.",
                            "identifiant",
                        ),
                    )
                )
    return found
