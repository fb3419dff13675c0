"""Property-based fuzzing of the roster reader (hypothesis): whatever the bytes, ``plan_import``
answers with a plan or a RosterFileError whose Indonesian message names the file, never with
another exception, and quickly.

Three sources of files: workbooks built from random rows, cell references and row numbers
(huge ones included), valid workbooks with random bytes flipped or cut off, and random CSV
text. The whole run is bounded (``max_examples`` and a per-example deadline) so that it stays
within about a minute; bench/bench_hostile_rosters.py runs 1,000 generated files with size
bombs and reports time and memory.
"""

from __future__ import annotations

import io
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="hypothesis is in the test extra")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from events.roster_import import RosterFileError, plan_import  # noqa: E402
from tests.xlsx_parts import FLAGS, NS, VERSION, package, patch_headers  # noqa: E402

SECONDS = 10  # the longest any one file may take to be answered
FUZZ = settings(max_examples=120, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])



columns = st.one_of(st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=9),
                    st.text(min_size=0, max_size=4))
row_numbers = st.one_of(st.integers(1, 60), st.integers(-5, 10**20),
                        st.sampled_from([1_048_576, 1_048_577, 2**31, 2**63, 10**30]))
values = st.one_of(st.text(max_size=30), st.integers(), st.floats(allow_nan=True),
                   st.sampled_from(["=1+1", "_x0001_", "\x00", "&amp;", "]]>", "<t>"]))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def sheets(draw) -> bytes:
    rows = ['<row r="1"><c r="A1" t="inlineStr"><is><t>No</t></is></c><c r="B1" '
            't="inlineStr"><is><t>Nama</t></is></c></row>']
    for _ in range(draw(st.integers(0, 12))):
        r = draw(row_numbers)
        cells = []
        for _ in range(draw(st.integers(0, 5))):
            ref = f"{draw(columns)}{r}"
            value = draw(values)
            kind = draw(st.sampled_from(["inlineStr", "s", "n", "b", "e", "str", "d", ""]))
            if kind == "inlineStr":
                cells.append(f'<c r="{_escape(ref)}" t="inlineStr"><is><t>'
                             f"{_escape(str(value))}</t></is></c>")
            else:
                cells.append(f'<c r="{_escape(ref)}" t="{kind}"><v>{_escape(str(value))}</v></c>')
        rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    shared = None
    if draw(st.booleans()):
        items = draw(st.lists(st.text(max_size=20), max_size=20))
        shared = f'<sst xmlns="{NS}">' + "".join(f"<si><t>{_escape(t)}</t></si>"
                                                 for t in items) + "</sst>"
    return package("".join(rows), shared=shared)


@st.composite
def damaged(draw) -> bytes:
    data = bytearray(draw(sheets()))
    for _ in range(draw(st.integers(1, 20))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[:draw(st.integers(0, len(data)))]
    return bytes(data)


csv_texts = st.text(alphabet=st.sampled_from(list("ab1 ;,\t|\"'\n\r=+-@é\u200b\x00\x01")),
                    max_size=3000)


def answered(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"daftar{suffix}"
        path.write_bytes(data)
        start = time.perf_counter()
        try:
            plan_import(path)
        except RosterFileError as error:
            assert error.message and path.name in error.message
        assert time.perf_counter() - start < SECONDS


@FUZZ
@given(sheets())
def test_any_workbook_is_answered(data: bytes) -> None:
    answered(data, ".xlsx")


@FUZZ
@given(damaged())
def test_any_damaged_workbook_is_answered(data: bytes) -> None:
    answered(data, ".xlsx")


@FUZZ
@given(csv_texts, st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_any_csv_is_answered(text: str, encoding: str) -> None:
    answered(text.encode(encoding, "ignore"), ".csv")


@pytest.mark.parametrize("version", [64, 99, 0xFFFF])
def test_a_zip_of_a_version_zipfile_lacks_is_refused_with_a_message(version: int) -> None:
    data = patch_headers(
        package('<row r="1"><c r="A1" t="inlineStr"><is><t>Nama</t></is></c></row>'), VERSION,
        version)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "versi.xlsx"
        path.write_bytes(data)
        with pytest.raises(RosterFileError) as info:
            plan_import(path)
    assert info.value.code == "file_unreadable"
    assert "dipadatkan dengan cara yang tidak dikenal" in info.value.message


def test_an_entity_expansion_bomb_is_refused_before_it_grows() -> None:
    """Nine nested entities of ten each: a billion characters from a few hundred bytes. Excel
    never writes a document type declaration, so a part with one is refused as it is read."""
    import tracemalloc

    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    sheet = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Nama</t></is></c></row>'
             '<row r="2"><c r="A2" t="inlineStr"><is><t>&i;</t></is></c></row>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package(sheet))) as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            part = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                part = f'<?xml version="1.0"?><!DOCTYPE w [{entities}]>'.encode() + part
            target.writestr(name, part)
    data = buffer.getvalue()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bom.xlsx"
        path.write_bytes(data)
        tracemalloc.start()
        try:
            with pytest.raises(RosterFileError) as info:
                plan_import(path)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert info.value.code == "file_format"
    assert peak < 50 * 1024 * 1024


@pytest.mark.parametrize("flag", [0x20, 0x40])
def test_zip_features_zipfile_lacks_are_refused_with_a_message(flag: int) -> None:
    data = patch_headers(
        package('<row r="1"><c r="A1" t="inlineStr"><is><t>Nama</t></is></c></row>'), FLAGS, flag,
        add_bits=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fitur.xlsx"
        path.write_bytes(data)
        with pytest.raises(RosterFileError) as info:
            plan_import(path)
    assert info.value.code == "file_unreadable"
