"""The terminal count line: throttled redraws, the final count always shown, cleared at the end."""

from __future__ import annotations

import io
import threading

from hfeval.cli.count_line import CountLine


def test_redraws_are_throttled_but_the_last_count_is_shown() -> None:
    stream = io.StringIO()
    with CountLine("Planned", stream, every=3600, enabled=True) as line:
        for done in range(1, 101):
            line(done, 100)
        drawn = stream.getvalue()
    assert drawn == "\rPlanned: 1/100 repos\rPlanned: 100/100 repos"
    assert stream.getvalue() == drawn + "\r" + " " * len("Planned: 100/100 repos") + "\r"


def test_nothing_is_written_when_nothing_was_counted() -> None:
    stream = io.StringIO()
    with CountLine("Planned", stream, enabled=True):
        pass
    assert stream.getvalue() == ""


def test_counts_from_many_threads_draw_whole_lines() -> None:
    stream = io.StringIO()
    with CountLine("Planned", stream, every=0, enabled=True) as line:

        def count() -> None:
            for done in range(1, 501):
                line(done, 500)

        threads = [threading.Thread(target=count) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    drawn = stream.getvalue().rstrip("\r ").split("\r")[1:]
    assert len(drawn) == 2000
    assert all(text.startswith("Planned: ") and text.endswith("/500 repos") for text in drawn)


def test_off_a_terminal_nothing_is_drawn() -> None:
    stream = io.StringIO()  # not a terminal: a pipe or a CI log
    with CountLine("Planned", stream) as line:
        line(1, 2)
        line(2, 2)
    assert stream.getvalue() == ""
