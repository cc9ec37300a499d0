"""How the build calls Pagefind, and how it reads its report."""

from search.pagefind import indexed_pages, pagefind_command


def test_command_indexes_the_folder_it_is_given():
    command = pagefind_command("/bin/pagefind", "/tmp/build-123")
    assert command[0] == "/bin/pagefind"
    assert command[command.index("--site") + 1] == "/tmp/build-123"
    assert command[command.index("--output-subdir") + 1] == "pagefind"


def test_indexed_pages_from_the_report():
    report = "Total:\n  Indexed 1 language\n  Indexed 17 pages\n  Indexed 2400 words\n"
    assert indexed_pages(report) == 17
    assert indexed_pages("Indexed 1 page") == 1
    assert indexed_pages("nothing") is None
