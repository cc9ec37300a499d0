"""Author profiles: `content/authors/<author-id>.md` read into plain values."""

from dataclasses import dataclass, field

from markdown_reader.headers import Problem, parse_source
from markdown_reader.metadata import as_text, split_list

PROFILE_KEYS = ("name", "role", "organization", "photo", "links")


@dataclass(frozen=True)
class AuthorProfile:
    """Who an author is, as shown in the author box and on the author page."""

    author_id: str
    name: str
    role: str = ""
    organization: str = ""
    photo: str = ""
    links: tuple[str, ...] = field(default_factory=tuple)
    bio_markdown: str = ""


def parse_profile(
    author_id: str, text: str
) -> tuple[AuthorProfile | None, list[Problem]]:
    """Read an author file's text; return the profile, or None and the problems."""
    parsed = parse_source(text)
    problems = list(parsed.problems)
    name = as_text(parsed.value("name"))
    if not name:
        problems.append(
            Problem(
                1,
                "il manque le nom de l'auteur : "
                "ajoutez une ligne « Name: Prénom Nom ».",
            )
        )
    if problems:
        return None, problems
    profile = AuthorProfile(
        author_id=author_id,
        name=name,
        role=as_text(parsed.value("role")),
        organization=as_text(parsed.value("organization")),
        photo=as_text(parsed.value("photo")),
        links=tuple(split_list(parsed.value("links"))),
        bio_markdown=parsed.body.strip(),
    )
    return profile, []
