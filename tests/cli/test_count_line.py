"""The terminal count line: throttled redraws, the final count always shown, cleared at the end."""

from __future__ import annotations

import io
import threading

from hfeval.cli.count_line import CountLine


def test_redraws_are_throttled_but_the_last_count_is_shown() -> None:
    stream = io.StringIO()
    with CountLine("Planned", stream, every=3600) as line:
        for done in range(1, 101):
            line(done, 100)
        drawn = stream.getvalue()
    assert drawn == "\rPlanned: 1/100 repos\rPlanned: 100/100 repos"
    assert stream.getvalue() == drawn + "\r" + " " * len("Planned: 100/100 repos") + "\r"


def test_nothing_is_written_when_nothing_was_counted() -> None:
    stream = io.StringIO()
    with CountLine("Planned", stream):
        pass
    assert stream.getvalue() == ""


def test_counts_from_many_threads_draw_whole_lines() -> None:
    stream = io.StringIO()
    with CountLine("Planned", stream, every=0) as line:

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
