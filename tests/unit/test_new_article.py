"""`make article`: a new post with a filled header, never over an old one."""

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from markdown_reader.headers import parse_source
from markdown_reader.metadata import parse_date

from tools import new_article

REPO = Path(__file__).resolve().parents[2]
SETTINGS = str(REPO / "pelicanconf.py")
NOW = dt.datetime(2026, 3, 1, 23, 30, tzinfo=ZoneInfo("Europe/Paris"))


@pytest.fixture
def content(tmp_path):
    authors = tmp_path / "content" / "authors"
    authors.mkdir(parents=True)
    for author_id in ("claire-fontaine", "thomas-guerin"):
        (authors / f"{author_id}.md").write_text("Name: X\n", encoding="utf-8")
    return tmp_path / "content"


def run(content, *args, answers=(), capsys=None):
    replies = iter(answers)

    def ask(prompt):
        try:
            return next(replies)
        except StopIteration:
            raise EOFError from None

    code = new_article.main(
        ["--content", str(content), "--settings", SETTINGS, *args], ask=ask, now=NOW
    )
    return code, capsys.readouterr() if capsys else None


def test_writes_a_filled_header_with_a_permanent_id(content, capsys):
    code, out = run(
        content,
        "--title",
        "Hameçonnage : cinq réflexes !",
        "--author",
        "claire-fontaine",
        "--category",
        "tribune",
        capsys=capsys,
    )
    assert code == 0
    path = content / "posts" / "2026" / "hameconnage-cinq-reflexes.md"
    assert str(path) in out.out
    parsed = parse_source(path.read_text(encoding="utf-8"))
    assert parsed.problems == []
    assert parsed.value("title") == "Hameçonnage : cinq réflexes !"
    assert parse_date(parsed.value("date"), "Europe/Paris") == NOW
    assert parsed.value("author") == "claire-fontaine"
    assert parsed.value("category") == "Tribune"
    assert parsed.value("id") == "2026/hameconnage-cinq-reflexes"
    assert parsed.body.strip()


def test_several_authors_and_the_default_category(content):
    code, _ = run(
        content, "--title", "À deux", "--author", "claire-fontaine, thomas-guerin"
    )
    assert code == 0
    parsed = parse_source((content / "posts/2026/a-deux.md").read_text("utf-8"))
    assert parsed.value("authors") == "claire-fontaine, thomas-guerin"
    assert parsed.value("category") == "Actualité"


def test_asks_for_what_is_missing(content):
    code, _ = run(content, answers=["Une question", "thomas-guerin", ""])
    assert code == 0
    assert (content / "posts/2026/une-question.md").is_file()


def test_takes_make_variables_from_the_environment(content, monkeypatch):
    monkeypatch.setenv("TITLE", "Par make")
    monkeypatch.setenv("AUTHOR", "thomas-guerin")
    monkeypatch.setenv("SLUG", "nom-choisi")
    assert run(content)[0] == 0
    assert (content / "posts/2026/nom-choisi.md").is_file()


def test_refuses_to_overwrite(content, capsys):
    args = ("--title", "Deux fois", "--author", "thomas-guerin")
    assert run(content, *args)[0] == 0
    path = content / "posts/2026/deux-fois.md"
    path.write_text("Mon texte précieux", encoding="utf-8")
    code, out = run(content, *args, capsys=capsys)
    assert code == 1
    assert "existe déjà" in out.err
    assert path.read_text(encoding="utf-8") == "Mon texte précieux"


@pytest.mark.parametrize(
    ("args", "answers", "words"),
    [
        (("--title", "T", "--author", "claire-fontain"), (), "« claire-fontaine »"),
        (
            ("--title", "T", "--author", "thomas-guerin", "--category", "X"),
            (),
            "Tribune",
        ),
        (("--title", "🙂🙂", "--author", "thomas-guerin"), (), "SLUG="),
        (("--title", "   ", "--author", "thomas-guerin"), (), "il faut un titre"),
        ((), ("Un titre",), "une réponse manque"),
    ],
)
def test_refusals_say_what_to_do(content, capsys, args, answers, words):
    code, out = run(content, *args, answers=answers, capsys=capsys)
    assert code == 1
    assert out.err.startswith("Article non créé : ")
    assert words in out.err
    assert not (content / "posts").exists() or not list((content / "posts").rglob("*"))


def test_french_elisions_keep_words_apart():
    assert (
        new_article.article_slug("L'hôpital d’aujourd'hui") == "l-hopital-d-aujourd-hui"
    )


def test_long_titles_give_a_readable_slug():
    slug = new_article.article_slug("mot " * 60)
    assert len(slug) <= new_article.MAX_SLUG
    assert not slug.endswith("-")
    assert new_article.one_line("a\nb\x0bc") == "a b c"
