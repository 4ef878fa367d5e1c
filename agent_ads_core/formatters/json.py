"""``--format json`` (the default): one JSON value; streams become one array written page by page."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from agent_ads_core.formatters.base import Formatter, dumps, pages_of, trailer
from agent_ads_core.result import Result


class JsonFormatter(Formatter):
    name = "json"

    def write(self, result: Result, out: TextIO) -> None:
        if self.envelope:
            self._envelope(result, out)
        elif result.is_stream:
            self._array(pages_of(result), out)
            out.write("\n")  # like every other output: `| wc -l` counts it, stderr is not glued on
        else:
            out.write(dumps(result.data, self.pretty) + "\n")

    def _array(self, pages: Iterable[list[Any]], out: TextIO, indent: str = "") -> None:
        sep = ",\n" + indent + "  " if self.pretty else ","
        out.write("[")
        first = True
        for page in pages:
            for item in page:
                out.write(("\n" + indent + "  " if self.pretty else "") if first else sep)
                text = dumps(item, self.pretty)
                out.write(text.replace("\n", "\n" + indent + "  ") if self.pretty else text)
                first = False
            out.flush()
        out.write(("\n" + indent if self.pretty and not first else "") + "]")

    def _envelope(self, result: Result, out: TextIO) -> None:
        nl, ind = ("\n", "  ") if self.pretty else ("", "")
        out.write("{" + nl + ind + '"data":' + (" " if self.pretty else ""))
        if result.is_stream:
            self._array(pages_of(result), out, ind)
        else:
            out.write(dumps(result.data, self.pretty).replace("\n", "\n" + ind))
        for key, value in trailer(result).items():
            text = dumps(value, self.pretty).replace("\n", "\n" + ind)
            out.write("," + nl + ind + json.dumps(key) + ":" + (" " if self.pretty else "") + text)
        out.write(nl + "}\n")
