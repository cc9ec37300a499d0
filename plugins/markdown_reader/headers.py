"""Split a content file into its header fields and its Markdown body.

Two header formats are accepted (see CONTRACT.md): Pelican's `Key: value`
lines, ended by a blank line, and a YAML front-matter block between `---`
lines. Keys are case-insensitive. Each field keeps the line it was read
from, so that every problem can be reported as `path:line: message`.
"""

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

# Python-Markdown's meta extension rules: a key line, then indented continuations.
# Keys may hold accented letters (`Catégorie:`), so that a French key is read as
# a key, and named as unknown, instead of silently starting the body.
KEY_LINE = re.compile(r"^[ ]{0,3}(?P<key>[\w-]+):[ \t]*(?P<value>.*)$")
CONTINUATION_LINE = re.compile(r"^[ ]{4,}(?P<value>.*)$")
YAML_FENCE = "---"
YAML_END = ("---", "...")
YAML_TOP_KEY = re.compile(r"^(?P<key>[\w-]+)[ \t]*:(?P<rest>.*)$")
# An unquoted value that starts with `#` is a YAML comment: the hashtag would vanish.
YAML_HASH_VALUE = re.compile(r"^(?P<head>[\w-]+[ \t]*:[ \t]*)(?P<value>#.*)$")


@dataclass(frozen=True)
class HeaderField:
    """One header key as written, its value and the line it starts on."""

    name: str
    value: Any
    line: int


@dataclass(frozen=True)
class Problem:
    """Something wrong in a file: the 1-based line and a French message.

    `anchor` names the section of docs/guide-redaction.md that explains it;
    a `warning` does not stop the build (unless STRICT=1).
    """

    line: int
    message: str
    anchor: str = ""
    warning: bool = False


@dataclass
class ParsedSource:
    """The header fields (by lower-case key), the body and what went wrong."""

    fields: dict[str, HeaderField] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    header_format: str = "pelican"
    problems: list[Problem] = field(default_factory=list)

    def value(self, key: str, default: Any = None) -> Any:
        """Return the value of a header key (lower case), or `default`."""
        found = self.fields.get(key)
        return default if found is None else found.value

    def line(self, key: str) -> int:
        """Return the line of a header key, or 1 when it is absent."""
        found = self.fields.get(key)
        return 1 if found is None else found.line


def normalise_newlines(text: str) -> str:
    """Drop a byte-order mark and turn CRLF and CR line ends into LF."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def parse_source(text: str) -> ParsedSource:
    """Parse a whole content file (already decoded) into header and body."""
    text = normalise_newlines(text)
    lines = text.split("\n")
    if lines and lines[0].rstrip() == YAML_FENCE:
        return _parse_yaml(lines)
    return _parse_key_values(lines)


def _add_field(parsed: ParsedSource, name: str, value: Any, line: int) -> None:
    """Record a field, or a problem when its key was already given."""
    key = name.lower()
    earlier = parsed.fields.get(key)
    if earlier is not None:
        parsed.problems.append(
            Problem(
                line,
                f"la clé « {name} » est déjà donnée ligne {earlier.line} : "
                "gardez une seule de ces deux lignes.",
                "en-tete",
            )
        )
        return
    parsed.fields[key] = HeaderField(name, value, line)


def _parse_key_values(lines: list[str]) -> ParsedSource:
    """Read Pelican's `Key: value` header, ended by the first blank line."""
    parsed = ParsedSource(header_format="pelican")
    current: tuple[str, list[str], int] | None = None
    index = 0
    for index, line in enumerate(lines):
        if not line.strip():
            break
        key_match = KEY_LINE.match(line)
        continuation = CONTINUATION_LINE.match(line)
        if key_match:
            if current:
                _add_field(parsed, current[0], " ".join(current[1]), current[2])
            current = (key_match["key"], [key_match["value"].strip()], index + 1)
        elif continuation and current:
            current[1].append(continuation["value"].strip())
        else:
            break
    else:
        index = len(lines)
    if current:
        _add_field(parsed, current[0], " ".join(current[1]), current[2])
    if not parsed.fields:
        index = 0
    parsed.body = "\n".join(lines[index:])
    parsed.body_line = index + 1
    return parsed


def _quote_hash_values(block: list[str]) -> list[str]:
    """Quote top-level values starting with `#`, which YAML reads as comments."""
    quoted = []
    for line in block:
        match = YAML_HASH_VALUE.match(line)
        if match:
            value = match["value"].rstrip().replace("\\", "\\\\").replace('"', '\\"')
            quoted.append(f'{match["head"]}"{value}"')
        else:
            quoted.append(line)
    return quoted


def _parse_yaml(lines: list[str]) -> ParsedSource:
    """Read a YAML front-matter block that starts on line 1."""
    parsed = ParsedSource(header_format="yaml")
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in YAML_END), None)
    if end is None:
        parsed.problems.append(
            Problem(
                1,
                "l'en-tête YAML ouvert par « --- » n'est jamais fermé : "
                "ajoutez une ligne « --- » après la dernière clé.",
                "en-tete",
            )
        )
        return parsed
    block = lines[1:end]
    parsed.body = "\n".join(lines[end + 1 :])
    parsed.body_line = end + 2
    try:
        data = yaml.safe_load("\n".join(_quote_hash_values(block)))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = getattr(error, "problem", None) or "syntaxe invalide"
        parsed.problems.append(
            Problem(
                line,
                f"en-tête YAML illisible ({reason}) : vérifiez les « : » et "
                "mettez entre guillemets une valeur qui contient « : » ou « # ».",
                "en-tete",
            )
        )
        return parsed
    except (ValueError, OverflowError, RecursionError):
        # PyYAML builds dates itself: `date: 2025-02-30` fails outside YAMLError.
        parsed.problems.append(
            Problem(
                1,
                "une valeur de l'en-tête YAML est impossible (souvent une date qui "
                "n'existe pas, comme un 30 février) : corrigez-la, ou mettez-la "
                "entre guillemets.",
                "en-tete",
            )
        )
        return parsed
    if data is None:
        return parsed
    if not isinstance(data, dict):
        parsed.problems.append(
            Problem(
                2,
                "l'en-tête YAML doit être une liste de lignes « clé: valeur ».",
                "en-tete",
            )
        )
        return parsed
    key_lines = _yaml_key_lines(block, parsed)
    for name, value in data.items():
        _add_field(parsed, str(name), value, key_lines.get(str(name).lower(), 2))
    return parsed


def _yaml_key_lines(block: list[str], parsed: ParsedSource) -> dict[str, int]:
    """Map each top-level YAML key (lower case) to its line; flag repeated keys."""
    found: dict[str, int] = {}
    for offset, line in enumerate(block):
        match = YAML_TOP_KEY.match(line)
        if not match:
            continue
        key, line_number = match["key"].lower(), offset + 2
        if key in found:
            parsed.problems.append(
                Problem(
                    line_number,
                    f"la clé « {match['key']} » est déjà donnée ligne {found[key]} : "
                    "gardez une seule de ces deux lignes.",
                    "en-tete",
                )
            )
        else:
            found[key] = line_number
    return found
