"""The demo loader's progress bar."""

from io import StringIO

import pytest
from django.core.management.base import OutputWrapper

from home.demo.progress import progress


class TerminalStream(StringIO):
    def isatty(self):
        return True


def test_on_a_terminal_the_bar_redraws_one_line_and_ends_with_a_summary():
    stream = TerminalStream()

    items = list(progress(range(3), total=3, label="Products", stream=stream))

    output = stream.getvalue()
    assert items == [0, 1, 2]
    assert output.count("\n") == 1
    assert output.startswith("\rProducts [------------------------------] 0/3")
    assert "Products [##############################] 3/3" in output
    last_line = output.rsplit("\r", 1)[-1]
    assert last_line.rstrip().startswith("Products: 3 done in ")
    assert last_line.endswith("\n")


def test_off_a_terminal_only_the_summary_is_written():
    stream = StringIO()

    for _ in progress(["a", "b"], total=2, label="Accounts", stream=stream):
        pass

    assert stream.getvalue().startswith("Accounts: 2 done in ")
    assert stream.getvalue().count("\n") == 1
    assert "\r" not in stream.getvalue()


def test_the_summary_counts_what_was_done_when_the_loop_fails():
    stream = StringIO()

    with pytest.raises(RuntimeError):
        for item in progress(range(5), total=5, label="Products", stream=stream):
            if item == 2:
                raise RuntimeError("boom")

    assert stream.getvalue().startswith("Products: 2 done in ")


def test_a_command_stdout_does_not_break_the_bar_into_lines():
    # OutputWrapper appends a newline to each write unless told not to.
    terminal = TerminalStream()
    stream = OutputWrapper(terminal)

    list(progress(range(2), total=2, label="Pages", stream=stream))

    assert terminal.getvalue().count("\n") == 1


def test_an_empty_loop_still_reports():
    stream = TerminalStream()

    list(progress([], total=0, label="Products", stream=stream))

    assert "Products: 0 done in " in stream.getvalue()
