"""Whether a table generated from another library's data still speaks for the installed one.

Phone number shapes and country names ship as tables generated from phonenumbers and
pycountry (loading those libraries' own data costs a fresh process a tenth of a second).
A table is used only while the library it was generated from is installed in that very
version; after an upgrade orderkit asks the library itself, so its answers never drift from
the installed library's, and ``python -m tests.static_tables`` writes the tables again.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

__all__ = ["generated_from"]


@cache
def generated_from(distribution: str, version: str) -> bool:
    """Whether ``distribution`` is installed in ``version`` (told by its ``.dist-info``
    folder beside the package, without importing it). Any other layout is "no": the
    library is then asked itself, which is slower but never wrong."""
    try:
        spec = importlib.util.find_spec(distribution)
    except (ImportError, ValueError):
        return False
    if spec is None or spec.origin is None:
        return False
    site = Path(spec.origin).parent.parent
    return (site / f"{distribution}-{version}.dist-info").is_dir()
