"""The streaming report parser: any chunking gives what json.loads/csv give on the whole file."""

from __future__ import annotations

import gzip
import json

import pytest

from agent_ads_core.downloads import decompressed
from agent_ads_core.errors import TransportError
from agent_ads_pinterest.report_files import ReportFileError, iter_json_entries, iter_report_rows

REPORT = {
    "626700000001": [{"DATE": "2024-05-01", "SPEND_IN_DOLLAR": 12345, "NAME": "caf\u00e9 \"quoted\" \\ ,]}"},
                     {"DATE": "2024-05-02", "SPEND_IN_DOLLAR": -1.5e-3, "NESTED": {"a": [1, None, True]}}],
    "empty": [],
    "626700000002": [{"DATE": "2024-05-01", "SPEND_IN_DOLLAR": 0, "ENTITY_ID": "own"}],
    "single": {"DATE": "2024-05-03"},
}


def chunked(data, size: int) -> list:
    return [data[i:i + size] for i in range(0, len(data), size)]


def expected_entries(report: dict) -> list[tuple[str, object]]:
    return [(key, row) for key, value in report.items() for row in (value if isinstance(value, list) else [value])]


@pytest.mark.parametrize("indent", [None, 2])
def test_json_entries_survive_every_chunk_size(indent) -> None:
    text = json.dumps(REPORT, indent=indent, ensure_ascii=False)
    want = expected_entries(json.loads(text))
    for size in range(1, 51):
        assert list(iter_json_entries(chunked(text, size))) == want, size


def test_rows_split_inside_multibyte_characters_and_numbers() -> None:
    data = json.dumps({"1": [{"N": 1234567890123, "S": "\u00e9\u6f22"}]}, ensure_ascii=False).encode()
    want = [{"ENTITY_ID": "1", "N": 1234567890123, "S": "\u00e9\u6f22"}]
    for size in range(1, 12):
        assert list(iter_report_rows(chunked(data, size))) == want, size


def test_rows_carry_their_entity_id_unless_they_have_one() -> None:
    rows = list(iter_report_rows([json.dumps(REPORT).encode()]))
    assert [row["ENTITY_ID"] for row in rows] == ["626700000001", "626700000001", "own", "single"]
    assert list(rows[0])[0] == "ENTITY_ID"


@pytest.mark.parametrize("body", [b"{}", b" \n{ }\n", b"", b"\xef\xbb\xbf{}"])
def test_empty_reports_have_no_rows(body: bytes) -> None:
    assert list(iter_report_rows([body])) == []


def test_gzip_detected_by_magic_bytes_in_any_chunking() -> None:
    data = gzip.compress(json.dumps(REPORT).encode())
    want = list(iter_report_rows([json.dumps(REPORT).encode()]))
    for size in (1, 2, 3, 7, 64, len(data)):
        assert list(iter_report_rows(chunked(data, size))) == want, size


def test_concatenated_gzip_members_and_truncation() -> None:
    data = gzip.compress(b"ab") + gzip.compress(b"cd")
    assert b"".join(decompressed(chunked(data, 5))) == b"abcd"
    with pytest.raises(TransportError):
        b"".join(decompressed([gzip.compress(b"x" * 1000)[:-12]]))


def test_plain_bytes_pass_through_even_a_lone_magic_byte() -> None:
    assert b"".join(decompressed([b"\x1f"])) == b"\x1f"
    assert b"".join(decompressed([b"a", b"bc"])) == b"abc"


def test_csv_report_rows_keep_quoted_newlines_across_chunks() -> None:
    data = b'CAMPAIGN_ID,NAME,CTR\r\n1,"two\nlines",0.5\r\n2,plain,"1,5"\n'
    want = [{"CAMPAIGN_ID": "1", "NAME": "two\nlines", "CTR": "0.5"},
            {"CAMPAIGN_ID": "2", "NAME": "plain", "CTR": "1,5"}]
    for size in range(1, 20):
        assert list(iter_report_rows(chunked(data, size))) == want, size


@pytest.mark.parametrize("body", [b'{"1": [{"a": 1}', b'{"1": [1}', b'{"1": [{"a": 1}]} x', b'{"1" [1]}',
                                  b'{"1": [{"a": 1}, 2]}'])
def test_invalid_json_reports_raise(body: bytes) -> None:
    with pytest.raises(ReportFileError):
        list(iter_report_rows(chunked(body, 3)))
