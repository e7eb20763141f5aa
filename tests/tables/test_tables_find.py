"""Finding and numbering tables: one sequence for pipe and HTML, code and front matter skipped."""

from __future__ import annotations

from hfeval.tables import find_tables

DOCUMENT = """\
---
title: "| a | b |"
x: |
  | c | d |
  |---|---|
---

# Top

Intro text
| A | B |
|---|---|
| 1 | 2 |

```
| In | Code |
|----|------|
```

<!-- | In | Comment |
|---|---| -->

## Section two

<table>
<tr><td>outer</td><td>
<table><tr><th>X</th></tr><tr><td>1</td></tr></table>
</td></tr>
</table>

no | outer | pipes
:-- | :-: | --:
1 | 2 | 3

Heading underlined
------------------

<table><tr><th>Y</th></tr></table>
"""


def test_numbering_shares_one_sequence_and_skips_code_and_front_matter() -> None:
    tables = find_tables(DOCUMENT)
    assert [(t.number, t.kind, t.line) for t in tables] == [
        (1, "pipe", 11),
        (2, "html", 26),
        (3, "html", 27),
        (4, "pipe", 31),
        (5, "html", 38),
    ]


def test_headings_are_the_nearest_above() -> None:
    headings = [table.heading for table in find_tables(DOCUMENT)]
    assert headings == ["Top", "Section two", "Section two", "Section two", "Heading underlined"]


def test_nested_table_text_stays_out_of_the_outer_cell() -> None:
    outer, inner = find_tables(DOCUMENT)[1:3]
    assert outer.header == (("outer", ""),)
    assert inner.header == (("X",),)
    assert inner.rows == (("1",),)


def test_pipe_table_needs_a_matching_delimiter_row() -> None:
    text = "| a | b |\n| --- |\n| 1 | 2 |\n\n| a | b |\n|:-:|--:|\n"
    tables = find_tables(text)
    assert len(tables) == 1
    assert tables[0].line == 5
    assert tables[0].rows == ()


def test_delimiter_looking_row_inside_a_body_is_a_row() -> None:
    text = "| a | b |\n|---|---|\n| 1 | 2 |\n|---|---|\n| 3 | 4 |\n"
    tables = find_tables(text)
    assert len(tables) == 1
    assert tables[0].rows == (("1", "2"), ("---", "---"), ("3", "4"))


def test_short_and_long_rows_are_padded_and_cut_to_the_header() -> None:
    text = "| a | b | c |\n|---|---|---|\n| 1 |\n| 1 | 2 | 3 | 4 |\n"
    assert find_tables(text)[0].rows == (("1", "", ""), ("1", "2", "3"))


def test_escaped_pipes_and_tabs_stay_inside_cells() -> None:
    text = "| name | v |\n|---|---|\n| a \\| b\t| 1\t|\n"
    assert find_tables(text)[0].rows == (("a | b", "1"),)


def test_html_colspan_and_rowspan_fill_the_grid() -> None:
    text = (
        "<table><tr><th rowspan=2>M</th><th colspan=2>G</th></tr>"
        "<tr><th>a</th><th>b</th></tr><tr><td>x</td><td>1</td><td>2</td></tr></table>"
    )
    table = find_tables(text)[0]
    assert table.header == (("M", "G", "G"), ("M", "a", "b"))
    assert table.rows == (("x", "1", "2"),)
    assert table.header_rows[0][2].spanned


def test_html_without_th_uses_the_first_row_as_header() -> None:
    text = (
        "<table>\n<tr><td><strong>Bench</strong></td><td>M</td></tr>\n"
        "<tr><td>A</td><td>1</td></tr>\n</table>"
    )
    table = find_tables(text)[0]
    assert table.line == 2
    assert table.header == (("Bench", "M"),)
    assert table.rows == (("A", "1"),)


def test_unclosed_html_table_and_crlf_do_not_break_numbering() -> None:
    text = "| a | b |\r\n|---|---|\r\n| 1 | 2 |\r\n\r\n<table><tr><td>x"
    tables = find_tables(text)
    assert [(t.kind, t.line) for t in tables] == [("pipe", 1), ("html", 5)]
    assert tables[0].rows == (("1", "2"),)


def test_tables_inside_block_quotes_are_found() -> None:
    text = "> | a | b |\n> |---|---|\n> | 1 | 2 |\n"
    tables = find_tables(text)
    assert len(tables) == 1
    assert tables[0].rows == (("1", "2"),)
