"""The forms of xAPI 1.0.3's parts (xAPI-Data.md, part two: 2.2, 2.4.2–2.4.4, 4.1–4.4): each check yields one
line per problem, naming where it is. ``xapi_check`` puts them together for whole statements.

IRIs get the best-effort check the specification allows an LRS (an absolute IRI: a scheme, no spaces).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

IFIS = ("mbox", "mbox_sha1sum", "openid", "account")
# 4.4: the standard string form is required; RFC 4122's variant only recommended (the specification's own example
# id, 12345678-1234-5678-1234-567812345678, is not of it).
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
# RFC 5646 langtag (well-formed, not registry-checked), or a private-use tag; grandfathered tags are not accepted.
LANGUAGE_TAG = re.compile(
    r"^(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?"
    r"(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[\da-wyz](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?"
    r"|x(?:-[a-z\d]{1,8})+)$",
    re.IGNORECASE,
)


def nulls(value: Any, where: str) -> Iterable[str]:
    """2.2: no null values, except inside extensions."""
    if value is None:
        yield f"{where}: null is not allowed"
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if key != "extensions":
                yield from nulls(item, f"{where}.{key}")
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from nulls(item, f"{where}[{number}]")


def iri(value: Any, where: str) -> Iterable[str]:
    if not isinstance(value, str) or not IRI.match(value):
        yield f"{where}: {value!r} is not an absolute IRI"


def irl(value: Any, where: str) -> Iterable[str]:
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        yield f"{where}: {value!r} is not an http(s) IRL"


def language_map(value: Any, where: str) -> Iterable[str]:
    if not isinstance(value, Mapping) or not value:
        yield f"{where}: a language map must be a non-empty object"
        return
    for tag, text in value.items():
        if not LANGUAGE_TAG.match(tag):
            yield f"{where}: {tag!r} is not an RFC 5646 language tag"
        if not isinstance(text, str):
            yield f"{where}.{tag}: must be a string"


def extensions(value: Any, where: str) -> Iterable[str]:
    if not isinstance(value, Mapping):
        yield f"{where}: must be an object"
        return
    for key in value:
        yield from iri(key, f"{where} key")


def agent(value: Any, where: str) -> Iterable[str]:
    """2.4.2: an Agent has exactly one inverse functional identifier; an identified Group one, an anonymous one
    lists its members."""
    if not isinstance(value, Mapping):
        yield f"{where}: must be an Agent or Group object"
        return
    kind = value.get("objectType", "Agent")
    identifiers = [name for name in IFIS if name in value]
    if kind == "Agent" and len(identifiers) != 1:
        yield f"{where}: an Agent needs exactly one inverse functional identifier, has {len(identifiers)}"
    elif kind == "Group" and not identifiers and not isinstance(value.get("member"), list):
        yield f"{where}: an anonymous Group needs a member list"
    elif kind == "Group" and len(identifiers) > 1:
        yield f"{where}: a Group has at most one inverse functional identifier"
    elif kind not in ("Agent", "Group"):
        yield f"{where}.objectType: {kind!r} is neither Agent nor Group"
    if "mbox" in value and not (isinstance(value["mbox"], str) and value["mbox"].startswith("mailto:")):
        yield f"{where}.mbox: must be a mailto IRI"
    if "mbox_sha1sum" in value and not re.fullmatch(r"[0-9a-f]{40}", str(value["mbox_sha1sum"])):
        yield f"{where}.mbox_sha1sum: must be a hex SHA-1"
    if "openid" in value:
        yield from iri(value["openid"], f"{where}.openid")
    if "account" in value:
        yield from account(value["account"], f"{where}.account")


def account(value: Any, where: str) -> Iterable[str]:
    if not isinstance(value, Mapping) or set(value) != {"homePage", "name"}:
        yield f"{where}: must have exactly homePage and name"
        return
    yield from irl(value["homePage"], f"{where}.homePage")
    if not isinstance(value["name"], str) or not value["name"]:
        yield f"{where}.name: must be a non-empty string"


def verb(value: Any, where: str) -> Iterable[str]:
    if not isinstance(value, Mapping) or "id" not in value:
        yield f"{where}: must be an object with an id"
        return
    yield from iri(value["id"], f"{where}.id")
    if "display" in value:
        yield from language_map(value["display"], f"{where}.display")


def activity(value: Mapping[str, Any], where: str) -> Iterable[str]:
    yield from iri(value.get("id"), f"{where}.id")
    definition = value.get("definition", {})
    for key in ("name", "description"):
        if key in definition:
            yield from language_map(definition[key], f"{where}.definition.{key}")
    if "type" in definition:
        yield from iri(definition["type"], f"{where}.definition.type")
    if "moreInfo" in definition:
        yield from irl(definition["moreInfo"], f"{where}.definition.moreInfo")
    if "extensions" in definition:
        yield from extensions(definition["extensions"], f"{where}.definition.extensions")


def statement_ref(value: Any, where: str) -> Iterable[str]:
    if not isinstance(value, Mapping) or value.get("objectType") != "StatementRef":
        yield f"{where}: must be a StatementRef"
    elif set(value) != {"objectType", "id"} or not UUID.match(str(value["id"])):
        yield f"{where}: a StatementRef has exactly objectType and a UUID id"
