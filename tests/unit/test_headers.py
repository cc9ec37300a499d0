import pytest
from markdown_reader.headers import parse_source


def test_pelican_header_fields_lines_and_body():
    parsed = parse_source(
        "Title: Un titre\nDate: 2025-06-04 13:10\nAuthors: a, b\n\nLe corps.\n"
    )
    assert parsed.header_format == "pelican"
    assert parsed.value("title") == "Un titre"
    assert parsed.line("date") == 2
    assert parsed.value("authors") == "a, b"
    assert parsed.body.strip() == "Le corps."
    assert parsed.body_line == 4
    assert parsed.problems == []


def test_keys_are_case_insensitive():
    parsed = parse_source("TITLE: A\ndate: 2025-01-01\n\nx")
    assert parsed.value("title") == "A"
    assert parsed.value("date") == "2025-01-01"


def test_continuation_lines_join_the_value():
    parsed = parse_source("Summary: début\n    et suite\nTitle: T\n\ncorps")
    assert parsed.value("summary") == "début et suite"
    assert parsed.value("title") == "T"


def test_duplicate_key_is_a_problem_on_its_line():
    parsed = parse_source("Title: A\nDate: 2025-01-01\nTitle: B\n\nx")
    assert parsed.value("title") == "A"
    assert [(p.line, "ligne 1" in p.message) for p in parsed.problems] == [(3, True)]


def test_file_without_header_is_all_body():
    parsed = parse_source("Juste du texte\n\nsuite")
    assert parsed.fields == {}
    assert parsed.body.startswith("Juste du texte")
    assert parsed.body_line == 1


def test_header_running_to_end_of_file():
    parsed = parse_source("Title: A")
    assert parsed.value("title") == "A"
    assert parsed.body == ""


def test_crlf_and_bom_are_normalised():
    parsed = parse_source("\ufeffTitle: A\r\nDate: 2025-01-01\r\n\r\ncorps\r\n")
    assert parsed.value("title") == "A"
    assert parsed.value("date") == "2025-01-01"
    assert "\r" not in parsed.body


def test_yaml_front_matter_with_lines():
    parsed = parse_source(
        "---\ntitle: Un titre\ndate: 2025-06-04 13:10\nauthors:\n  - a\n  - b\n"
        "---\nLe corps.\n"
    )
    assert parsed.header_format == "yaml"
    assert parsed.value("title") == "Un titre"
    assert parsed.value("authors") == ["a", "b"]
    assert parsed.line("title") == 2
    assert parsed.line("authors") == 4
    assert parsed.body.strip() == "Le corps."
    assert parsed.body_line == 8


@pytest.mark.parametrize(
    "line",
    [
        "hashtags: #TOUSCYBERVIGILANTS #Hameçonnage",
        "Hashtags: #TOUSCYBERVIGILANTS, #Hameçonnage",
    ],
)
def test_yaml_unquoted_hashtags_are_not_lost_as_a_comment(line):
    parsed = parse_source(f"---\ntitle: T\n{line}\n---\nx")
    assert "#TOUSCYBERVIGILANTS" in parsed.value("hashtags")
    assert "#Hameçonnage" in parsed.value("hashtags")


def test_yaml_duplicate_key_is_a_problem():
    parsed = parse_source("---\ntitle: A\ntitle: B\n---\nx")
    assert [p.line for p in parsed.problems] == [3]


def test_unclosed_yaml_is_a_problem():
    parsed = parse_source("---\ntitle: A\n\ncorps sans fin d'en-tête")
    assert [p.line for p in parsed.problems] == [1]
    assert "« --- »" in parsed.problems[0].message


def test_invalid_yaml_reports_its_line():
    parsed = parse_source("---\ntitle: A\ndate: [2025\n---\nx")
    assert parsed.problems
    assert parsed.problems[0].line in (3, 4)


def test_yaml_that_is_not_a_mapping_is_a_problem():
    parsed = parse_source("---\n- a\n- b\n---\nx")
    assert [p.line for p in parsed.problems] == [2]
