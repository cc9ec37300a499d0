"""CommonMark ATX headings: `# Titre` is a heading, `#Mot` stays a paragraph."""

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from markdown.blockprocessors import HashHeaderProcessor
from markdown_reader.headings import (
    CommonMarkHashHeaderProcessor,
    CommonMarkHeadingsExtension,
)


def render(source, extensions=("extra",)):
    md = markdown.Markdown(extensions=[*extensions, CommonMarkHeadingsExtension()])
    return md.convert(source)


def blocks(rendered):
    """The top-level elements as (tag, text) pairs: what a reader sees."""
    soup = BeautifulSoup(rendered, "html.parser")
    return [(el.name, el.get_text()) for el in soup.find_all(recursive=False)]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("# Titre", [("h1", "Titre")]),
        ("## Titre", [("h2", "Titre")]),
        ("###### Six", [("h6", "Six")]),
        ("#Mot en début de ligne", [("p", "#Mot en début de ligne")]),
        ("##double", [("p", "##double")]),
        ("#2025 fut une année", [("p", "#2025 fut une année")]),
        ("####### Sept", [("p", "####### Sept")]),  # seven `#` are too many
        ("#\tTabulation", [("h1", "Tabulation")]),
        ("#", [("h1", "")]),
        ("### ###", [("h3", "")]),
        ("## Bilan #CyberMois", [("h2", "Bilan #CyberMois")]),
        ("# Titre ##", [("h1", "Titre")]),  # closing sequence
        ("# Titre #   ", [("h1", "Titre")]),
        ("# Apprendre le C#", [("h1", "Apprendre le C#")]),  # needs a space
        ("# Titre #suite", [("h1", "Titre #suite")]),
        ("# Titre \\#", [("h1", "Titre #")]),
        ("texte\n#Mot", [("p", "texte\n#Mot")]),
        ("texte\n# Titre\nsuite", [("p", "texte"), ("h1", "Titre"), ("p", "suite")]),
        ("    # code", [("pre", "# code\n")]),
        ("Titre\n=====", [("h1", "Titre")]),  # setext, untouched
        ("Sous-titre\n----------", [("h2", "Sous-titre")]),
        ("#Mot\n===", [("h1", "#Mot")]),  # setext wins, as in CommonMark
    ],
)
def test_atx_headings(source, expected):
    assert blocks(render(source)) == expected


def test_headings_in_lists_and_quotes():
    soup = BeautifulSoup(render("- #Mot\n- # Titre\n\n> #Cite"), "html.parser")
    items = soup.select("li")
    assert items[0].get_text(strip=True) == "#Mot"
    assert items[0].find("h1") is None
    assert items[1].h1.get_text() == "Titre"
    assert soup.blockquote.p.get_text() == "#Cite"


def test_replaces_the_builtin_processor_at_its_priority():
    md = markdown.Markdown(extensions=[CommonMarkHeadingsExtension()])
    processors = md.parser.blockprocessors
    assert isinstance(processors["hashheader"], CommonMarkHashHeaderProcessor)
    assert sum(isinstance(p, HashHeaderProcessor) for p in processors) == 1
    priorities = {item.name: item.priority for item in processors._priority}
    assert priorities["hashheader"] == 70
    assert priorities["code"] > 70 > priorities["setextheader"]


def test_loads_by_module_name():
    md = markdown.Markdown(extensions=["markdown_reader.headings"])
    assert md.convert("#Mot\n\n# Titre") == "<p>#Mot</p>\n<h1>Titre</h1>"


def test_toc_and_attr_list_still_work():
    rendered = render(
        "[TOC]\n\n# Un\n\n## Deux #Tag {#ancre}\n\n#Mot", extensions=("extra", "toc")
    )
    soup = BeautifulSoup(rendered, "html.parser")
    assert soup.h1["id"] == "un"
    assert soup.h2["id"] == "ancre"
    assert soup.h2.get_text() == "Deux #Tag"
    toc = [(a["href"], a.get_text()) for a in soup.select(".toc a")]
    assert toc == [("#un", "Un"), ("#ancre", "Deux #Tag")]
    assert soup.find_all("p")[-1].get_text() == "#Mot"


def test_fenced_code_keeps_its_hashes():
    soup = BeautifulSoup(
        render("```\n#include <stdio.h>\n# define\n```"), "html.parser"
    )
    assert soup.pre.code.get_text() == "#include <stdio.h>\n# define\n"
    assert soup.find("h1") is None


words = st.text(
    alphabet=st.characters(
        codec="utf-8",
        exclude_characters="#\\`*_[]<>&{}\n\r",
        exclude_categories=["Cc", "Cs"],
    ),
    min_size=1,
    max_size=20,
).filter(lambda w: w.strip())


@given(st.integers(1, 6), words)
def test_spaced_headings_render_as_python_markdown_does(level, title):
    # With a space after the `#`s, nothing changes from the built-in reader.
    source = f"{'#' * level} {title}"
    assert render(source, extensions=()) == markdown.markdown(source)
