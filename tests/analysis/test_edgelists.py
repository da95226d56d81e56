"""Edge CSVs: columns, groups, merged duplicates, and errors with file and line."""

from __future__ import annotations

import pytest

from blocwatch.analysis.edgelists import read_edge_csv
from blocwatch.errors import InputError


def test_groups_and_duplicates(write):
    path = write("e.csv", "graph,state1,state2,sign,weight\n"
                          "a,USA,KOR,1,2\na,KOR,USA,1,3\na,RUS,UKR,-1,\nb,X,Y,1,1\nb,Y,X,-1,3\nb,Z,Z,1,1\n")
    nets = read_edge_csv(path, group_by="graph")
    assert list(nets) == ["a", "b"]
    a, b = nets["a"], nets["b"]
    assert [(e.source, e.target, e.sign, e.weight) for e in a.edges] == [("KOR", "USA", 1, 3.0),
                                                                         ("RUS", "UKR", -1, 1.0)]
    assert a.meta["merged"] == 1
    assert [(e.source, e.target, e.sign, e.weight) for e in b.edges] == [("X", "Y", -1, 2.0)]
    assert b.nodes == ("X", "Y", "Z")
    one = read_edge_csv(write("f.csv", "source,target,sign\np,q,-3\n"))
    assert list(one) == [""] and one[""].edges[0].sign == -1 and one[""].label == "f"


@pytest.mark.parametrize("text, message, line", [
    ("from,to,sign\na,b,1\n", "expected columns", 1),
    ("source,target,sign\na,b,yes\n", "not a number", 2),
    ("source,target,sign\na,b,1\na,,1\n", "empty", 3),
    ("source,target,sign,weight\na,b,1,-2\n", "negative", 2),
    ("source,target,sign\na,b,inf\n", "finite", 2),
    ("source,target,sign\na,b,1\n\nc,d,x\n", "not a number", 4),  # a blank line is a line of the file
    ('source,target,sign\n"a\nb",c,1\nc,d,x\n', "not a number", 4),  # so is a quoted line break
])
def test_errors_name_file_and_line(write, text, message, line):
    path = write("bad.csv", text)
    with pytest.raises(InputError, match=message) as exc:
        read_edge_csv(path)
    assert exc.value.file == str(path) and exc.value.line == line


def test_missing_empty_and_group_column(write, tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_edge_csv(tmp_path / "none.csv")
    with pytest.raises(InputError, match="no edges"):
        read_edge_csv(write("h.csv", "source,target,sign\n"))
    with pytest.raises(InputError, match="group_by: no column"):
        read_edge_csv(write("g.csv", "source,target,sign\na,b,1\n"), group_by="year")


def test_short_rows_and_repeated_columns_read_as_a_dict_reader_would(write):
    """A row short of the header has empty cells; a column named twice is its last one."""
    nets = read_edge_csv(write("s.csv", "source,target,sign,weight\na,b,1\nb,c,-1,2\n"))
    assert [(e.source, e.target, e.sign, e.weight) for e in nets[""].edges] == [("a", "b", 1, 1.0),
                                                                               ("b", "c", -1, 2.0)]
    twice = read_edge_csv(write("t.csv", "source,target,sign,sign\na,b,1,-1\n"))
    assert twice[""].edges[0].sign == -1
