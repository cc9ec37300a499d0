"""Whether a build may be skipped: inputs digest, output signature, record."""

import datetime as dt
import os

import pytest
from incremental.uptodate import (
    BuildRecord,
    first_expiry,
    inputs_digest,
    is_up_to_date,
    output_signature,
    read_record,
    record_path,
    site_today,
    write_record,
)

NOW = dt.datetime(2026, 11, 29, 12, tzinfo=dt.UTC)


def digest_of(folder, **changes):
    arguments = {
        "content": str(folder),
        "pages_fingerprint": "réglages, thème, extensions, jour",
        "strict": False,
        **changes,
    }
    return inputs_digest(**arguments)


@pytest.fixture
def content(tmp_path):
    root = tmp_path / "content"
    (root / "posts").mkdir(parents=True)
    (root / "posts/a.md").write_text("Title: A\n\nCorps.\n", "utf-8")
    (root / "posts/b.md").write_text("Title: B\n\nCorps.\n", "utf-8")
    return root


def test_the_same_inputs_give_the_same_digest(content):
    assert digest_of(content) == digest_of(content)


@pytest.mark.parametrize(
    "change",
    [
        lambda root: (root / "posts/a.md").write_text("Title: A\n\nCorps!\n"),
        lambda root: (root / "posts/a.md").rename(root / "posts/c.md"),
        lambda root: (root / "posts/b.md").unlink(),
        lambda root: (root / "posts/d.md").write_text(""),
        lambda root: (
            (root / "images").mkdir() or (root / "images/x.png").write_bytes(b"x")
        ),
    ],
)
def test_any_file_change_changes_the_digest(content, change):
    before = digest_of(content)
    change(content)
    assert digest_of(content) != before


def test_what_every_page_depends_on_and_strictness_count(content):
    base = digest_of(content)
    assert digest_of(content, pages_fingerprint="autres réglages") != base
    assert digest_of(content, strict=True) != base


def test_skipped_folders_and_bytecode_do_not_count(content):
    base = digest_of(content, skipped=frozenset({os.path.realpath(content / "out")}))
    (content / "out").mkdir()
    (content / "out/index.html").write_text("<p>x</p>")
    (content / "__pycache__").mkdir()
    (content / "__pycache__/x.pyc").write_bytes(b"\0")
    skipped = frozenset({os.path.realpath(content / "out")})
    assert digest_of(content, skipped=skipped) == base


def test_output_signature_sees_any_touch(tmp_path):
    output = tmp_path / "output"
    (output / "a").mkdir(parents=True)
    page = output / "a/index.html"
    page.write_text("<p>x</p>")
    state = tmp_path / ".output-build.json"
    state.write_text('{"state": "complete"}')
    base = output_signature(str(output), str(state))
    assert output_signature(str(output), str(state)) == base
    os.utime(page, ns=(1, 1))
    touched = output_signature(str(output), str(state))
    assert touched != base
    state.write_text('{"state": "started"}')
    assert output_signature(str(output), str(state)) != touched


def test_records_round_trip_and_bad_ones_are_ignored(tmp_path):
    path = record_path(str(tmp_path / "cache"), str(tmp_path / "output"))
    assert read_record(path) is None
    record = BuildRecord("entrées", "sortie", None, ["a.md:1: attention"], "1 article")
    write_record(path, record)
    assert read_record(path) == record
    for garbage in ("", "[]", "{}", '{"version": 0, "inputs": "x"}', "\xff"):
        with open(path, "w", encoding="utf-8") as out:
            out.write(garbage)
        assert read_record(path) is None


def test_records_are_per_output_folder(tmp_path):
    cache = str(tmp_path / "cache")
    assert record_path(cache, "/a/output") != record_path(cache, "/a/other")


def test_up_to_date_needs_equal_inputs_and_output_and_no_expiry():
    record = BuildRecord("in", "out")
    assert is_up_to_date(record, "in", "out", NOW)
    assert not is_up_to_date(None, "in", "out", NOW)
    assert not is_up_to_date(record, "other", "out", NOW)
    assert not is_up_to_date(record, "in", "other", NOW)
    later = BuildRecord("in", "out", expires="2026-11-29T13:00:00+00:00")
    assert is_up_to_date(later, "in", "out", NOW)
    assert not is_up_to_date(later, "in", "out", NOW + dt.timedelta(hours=1))
    for bad in ("demain", "2026-12-01T00:00:00"):
        assert not is_up_to_date(BuildRecord("in", "out", bad), "in", "out", NOW)


def test_first_expiry_is_the_earliest_scheduled_post():
    paris = dt.timezone(dt.timedelta(hours=1))
    moments = [
        dt.datetime(2027, 2, 15, 9, tzinfo=paris),
        dt.datetime(2027, 1, 10, 9, tzinfo=paris),
        dt.datetime(2027, 3, 1, 9),
    ]
    assert first_expiry(moments) == "2027-01-10T09:00:00+01:00"
    assert first_expiry([]) is None


def test_today_is_the_sites_not_the_machines():
    late_utc = dt.datetime(2026, 11, 29, 23, 30, tzinfo=dt.UTC)
    assert site_today("Europe/Paris", late_utc) == dt.date(2026, 11, 30)
    assert site_today("UTC", late_utc) == dt.date(2026, 11, 29)
