"""The licence of a corpus text, as the catalogue gives it, and whether it lets us redistribute.

The corpus holds third-party texts (press pieces, interviews, essays). The graph cites them
(quotes at offsets, under the right of quotation) but a release carries a whole text only
when that text's own licence lets anyone redistribute it, for any purpose, with attribution
at most. The catalogue's `license` field names that licence, as an SPDX identifier
(`CC-BY-4.0`) or a URL (`https://creativecommons.org/licenses/by/4.0/`); both spellings of
the same licence mean the same thing here, so a URL of a Creative Commons licence or
dedication is read as its SPDX identifier.

Which licences count as redistributable (`REDISTRIBUTABLE`), and why these only:

- public-domain dedications and marks: CC0-1.0, PDDL-1.0;
- attribution-only licences: CC-BY (2.0 to 4.0), ODC-By-1.0, the French Licence Ouverte
  (etalab-2.0) and the UK Open Government Licence (OGL-UK-3.0);
- share-alike licences whose copies may be given to anyone: CC-BY-SA (2.0 to 4.0), ODbL-1.0.

Non-commercial (NC) and no-derivatives (ND) licences are left out: the release itself is
CC-BY 4.0, which allows commercial reuse, so a text under NC could not travel with it; no
licence at all (the common case for press) means all rights reserved.
"""

from __future__ import annotations

import re

SPDX_BASE = "https://spdx.org/licenses/"
"""Where an SPDX identifier becomes an IRI (`https://spdx.org/licenses/CC-BY-4.0`)."""

REDISTRIBUTABLE = frozenset(
    {
        "CC0-1.0",
        "PDDL-1.0",
        "CC-BY-2.0",
        "CC-BY-2.5",
        "CC-BY-3.0",
        "CC-BY-4.0",
        "CC-BY-SA-2.0",
        "CC-BY-SA-2.5",
        "CC-BY-SA-3.0",
        "CC-BY-SA-4.0",
        "ODC-By-1.0",
        "ODbL-1.0",
        "etalab-2.0",
        "OGL-UK-3.0",
    }
)
"""SPDX identifiers of the licences under which a text may travel with a release."""

_SPDX_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+-]*")
_CC_URL = re.compile(
    r"https?://(?:www\.)?creativecommons\.org/"
    r"(?:licenses/(?P<kind>by(?:-sa|-nc|-nd|-nc-sa|-nc-nd)?)/(?P<version>\d\.\d)"
    r"|publicdomain/(?P<pd>zero)/1\.0)"
    r"(?:/[^?#]*)?/?$",
    re.IGNORECASE,
)
_SPDX_URL = re.compile(r"https?://spdx\.org/licenses/(?P<id>[A-Za-z0-9.+-]+?)(?:\.html)?$")


def spdx_id(value: str) -> str | None:
    """The SPDX identifier a catalogue `license` value names, if it names one.

    >>> spdx_id("CC-BY-4.0"), spdx_id("https://creativecommons.org/licenses/by-sa/4.0/deed.fr")
    ('CC-BY-4.0', 'CC-BY-SA-4.0')
    >>> spdx_id("http://creativecommons.org/publicdomain/zero/1.0/"), spdx_id("https://example.org/terms")
    ('CC0-1.0', None)
    """
    value = value.strip()
    if match := _CC_URL.match(value):
        if match["pd"]:
            return "CC0-1.0"
        return f"CC-{match['kind'].upper()}-{match['version']}"
    if match := _SPDX_URL.match(value):
        return match["id"]
    if "/" not in value and ":" not in value and _SPDX_ID.fullmatch(value):
        return value
    return None


def licence_iri(value: str) -> str:
    """The IRI the graph gives a catalogue `license`: SPDX's for an identifier, else the URL.

    >>> licence_iri("CC-BY-4.0")
    'https://spdx.org/licenses/CC-BY-4.0'
    >>> licence_iri("https://www.lemonde.fr/licence")
    'https://www.lemonde.fr/licence'
    """
    identifier = spdx_id(value)
    return SPDX_BASE + identifier if identifier else value.strip()


def allows_redistribution(value: str | None) -> bool:
    """True when a text under this licence (catalogue value or IRI) may travel with a release.

    >>> allows_redistribution("CC-BY-4.0"), allows_redistribution("CC-BY-NC-4.0")
    (True, False)
    >>> allows_redistribution(None), allows_redistribution("https://spdx.org/licenses/CC0-1.0")
    (False, True)
    """
    if not value:
        return False
    identifier = spdx_id(value)
    return identifier is not None and identifier.lower() in {r.lower() for r in REDISTRIBUTABLE}
