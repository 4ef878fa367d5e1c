"""A local Meta Graph / Marketing API simulator for end-to-end tests, benchmarks and demos.

It is an independent oracle: it uses only the standard library and ``agent_ads_simulator_kit``
(what both simulators share), imports nothing from ``agent_ads_core`` or a provider, checks
every request against Meta's own machine-readable API description (``shared/meta``, read at
start-up) and serves deterministic seeded data.

Python API: ``Simulator(description_dir=None, seed=0, report_polls=2, host="127.0.0.1", port=0,
require_appsecret_proof=False)`` with ``start()`` (returns self, sets ``url``/``port``),
``stop()``, context manager, ``reset()``, ``requests()``, ``violations()``,
``add_fault(kind, count=1, path=None, **params)`` (kinds in :mod:`.fault_board`),
``expire_token()`` and ``set_latency(seconds)``. CLI: ``python -m agent_ads_meta_simulator``.

Constants (the data ids hold for seed 0, the default):

* ``ACCESS_TOKEN = "demo-meta-access-token"``: the only token accepted (``access_token``
  parameter or ``Authorization: Bearer``).
* ``APP_SECRET = "demo-meta-app-secret"``: ``appsecret_proof`` must be hex HMAC-SHA256 of the
  token keyed by it (checked when sent; required with ``require_appsecret_proof=True``).
* ``AD_ACCOUNT_ID = "act_503127677370884"``: the first seeded ad account, owned by ``BUSINESS_ID``.
* ``BUSINESS_ID = "1547108014974562"``: the first business; the second account is its client account.
* ``CAMPAIGN_ID = "120251706749000012"``: the first campaign of ``AD_ACCOUNT_ID`` (ACTIVE, with an
  ACTIVE ad set and ad).

``appsecret_proof(token)`` computes the proof for a token. Modules: :mod:`.dataset` (what is
seeded), :mod:`.request_checks` (what is a violation), :mod:`.cursors` (paging, short pages),
:mod:`.insights_rows`, :mod:`.report_jobs`, :mod:`.usage_headers`, :mod:`.fault_board`.
"""

from .server import Simulator
from .tokens import ACCESS_TOKEN, APP_SECRET, appsecret_proof

AD_ACCOUNT_ID = "act_503127677370884"
BUSINESS_ID = "1547108014974562"
CAMPAIGN_ID = "120251706749000012"

__all__ = [
    "ACCESS_TOKEN",
    "AD_ACCOUNT_ID",
    "APP_SECRET",
    "BUSINESS_ID",
    "CAMPAIGN_ID",
    "Simulator",
    "appsecret_proof",
]
