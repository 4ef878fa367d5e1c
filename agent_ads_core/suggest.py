"""The one "did you mean" rule, for mistyped commands, flags and enum values alike.

Edit distance alone misses what people actually type: ``age`` for ``AGE_BUCKET`` (a
part of the name), ``asc`` for ``ASCENDING`` (a prefix), ``ad_account`` for
``ADVERTISER`` (another platform's word for it). So candidates are found in this order:
a declared synonym, then names containing what was typed (or contained in it), then
close spellings. Comparison ignores case and treats ``-`` and ``_`` alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

LIMIT = 3
CUTOFF = 0.6
MIN_PART = 2  # "ad" may hint at AD_ACCOUNT, but one letter hints at everything


def _fold(text: str) -> str:
    return text.casefold().replace("-", "_").lstrip("_")


def closest(typed: str, candidates: Iterable[str], *, synonyms: Mapping[str, str] | None = None,
            limit: int = LIMIT) -> list[str]:
    """Up to ``limit`` candidates nearest to ``typed``, best first (empty when nothing is near)."""
    import difflib  # only a mistake pays for it

    names = list(dict.fromkeys(str(c) for c in candidates))
    by_fold = {_fold(name): name for name in names}
    key = _fold(typed)
    found: list[str] = []
    for word, target in (synonyms or {}).items():
        if _fold(word) == key and _fold(target) in by_fold:
            found.append(by_fold[_fold(target)])
    if len(key) >= MIN_PART:
        parts = [name for folded, name in by_fold.items() if key in folded or (len(folded) >= 3 and folded in key)]
        found += sorted(parts, key=lambda name: (not _fold(name).startswith(key), len(name)))
    found += [by_fold[m] for m in difflib.get_close_matches(key, by_fold, n=limit, cutoff=CUTOFF)]
    return list(dict.fromkeys(found))[:limit]


def canonical(value: str, allowed: Iterable[str]) -> str | None:
    """``value`` in the spelling of ``allowed`` when it names exactly one of them, ignoring case."""
    names = [str(a) for a in allowed]
    if value in names:
        return value
    folded = [name for name in names if name.casefold() == value.casefold()]
    return folded[0] if len(folded) == 1 else None


def did_you_mean(typed: str, candidates: Iterable[str], **kwargs: object) -> str:
    """``" (did you mean X or Y?)"``, or ``""`` when there is nothing to suggest."""
    found = closest(typed, candidates, **kwargs)  # type: ignore[arg-type]
    if not found:
        return ""
    options = found[0] if len(found) == 1 else f"{', '.join(found[:-1])} or {found[-1]}"
    return f" (did you mean {options}?)"
