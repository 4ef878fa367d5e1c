"""What every agent-ads API simulator does the same way, written once (standard library only).

A simulator (``agent_ads_pinterest_simulator``, ``agent_ads_meta_simulator``) keeps its
platform's facts: which requests are valid, what the answers and errors look like, which
headers carry ids. This kit holds the rest:

* :mod:`.http_server` - serving on loopback in a background thread (``BackgroundServer``) and
  the request handler base that routes ``/_sim/`` controls apart and writes answers.
* :mod:`.command_line` - the ``python -m <simulator>`` runner: address checks, one JSON line,
  run until SIGTERM/SIGINT.
* :mod:`.request_log` - the bounded log of requests and the full list of violations.
* :mod:`.fault_board` - armed faults, consumed by count and path.
* :mod:`.controls` - the ``/_sim/`` control route table.
"""
