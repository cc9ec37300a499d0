"""Parsing files ahead on every core: the same results as one by one."""

import hashlib
from pathlib import Path

import pytest
from markdown_reader import read_ahead
from markdown_reader.read_ahead import MIN_FILES, file_digest, parse_ahead


def shout(raw: bytes) -> tuple:
    """A stand-in parser: fails on files that say so."""
    if raw.startswith(b"boom"):
        raise ValueError("boom")
    return (raw.decode().upper(),)


@pytest.fixture
def files(tmp_path):
    paths = []
    for number in range(MIN_FILES + 5):
        path = tmp_path / f"billet-{number}.md"
        path.write_text(f"boom {number}" if number == 3 else f"texte {number}")
        paths.append(str(path))
    return paths


def test_every_file_is_parsed_by_digest(files, monkeypatch):
    monkeypatch.setattr(read_ahead, "usable_cores", lambda: 2)
    results = parse_ahead(files, shout)
    expected = {}
    for path in files:
        raw = Path(path).read_bytes()
        if not raw.startswith(b"boom"):
            expected[hashlib.sha256(raw).hexdigest()] = shout(raw)
    assert results == expected  # the failing file is left to the reader
    assert file_digest(b"x") == hashlib.sha256(b"x").hexdigest()


def test_too_few_files_or_one_core_parse_nothing_ahead(files, monkeypatch):
    monkeypatch.setattr(read_ahead, "usable_cores", lambda: 2)
    assert parse_ahead(files[: MIN_FILES - 1], shout) == {}
    monkeypatch.setattr(read_ahead, "usable_cores", lambda: 1)
    assert parse_ahead(files, shout) == {}
