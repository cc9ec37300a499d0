import pickle

from markdown_reader.content_cache import ContentCache, code_key


def counting(calls, value):
    """A computation that notes each time it runs."""

    def compute():
        calls.append(value)
        return value

    return compute


def test_a_result_is_computed_once_per_input(tmp_path):
    cache = ContentCache(str(tmp_path), "key")
    calls = []
    assert cache.fetch("corps", counting(calls, ["un", 1])) == ["un", 1]
    assert cache.fetch(b"corps", counting(calls, "jamais")) == ["un", 1]
    assert cache.fetch("autre", counting(calls, None)) is None
    assert cache.fetch("autre", counting(calls, "jamais")) is None
    assert calls == [["un", 1], None]


def test_another_code_key_never_reads_an_entry(tmp_path):
    calls = []
    ContentCache(str(tmp_path), "v1").fetch("corps", counting(calls, "ancien"))
    fresh = ContentCache(str(tmp_path), "v2").fetch("corps", counting(calls, "neuf"))
    assert fresh == "neuf"
    assert calls == ["ancien", "neuf"]


def test_a_damaged_entry_is_computed_again(tmp_path):
    cache = ContentCache(str(tmp_path), "key")
    cache.fetch("corps", lambda: "bon")
    (entry,) = tmp_path.rglob("*.pickle")
    entry.write_bytes(pickle.dumps("bon")[:5])
    assert cache.fetch("corps", lambda: "refait") == "refait"
    assert cache.fetch("corps", lambda: "jamais") == "refait"
    assert not list(tmp_path.rglob("*.tmp"))


def test_code_key_follows_code_settings_and_versions(tmp_path):
    code = tmp_path / "code.py"
    code.write_text("A = 1\n")
    first = code_key("réglages", [code], ("markdown",))
    assert code_key("réglages", [code], ("markdown",)) == first
    assert code_key("autres", [code], ("markdown",)) != first
    assert code_key("réglages", [code]) != first
    code.write_text("A = 2\n")
    assert code_key("réglages", [code], ("markdown",)) != first
