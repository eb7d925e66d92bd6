"""The identity provider's endpoints, read from its OpenID Connect discovery document."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass

WELL_KNOWN = "/.well-known/openid-configuration"


@dataclass(frozen=True)
class Endpoints:
    authorize_url: str
    token_url: str
    userdata_url: str
    logout_url: str | None


def discover(issuer_or_document: str, timeout_s: float = 10.0) -> Endpoints:
    """Endpoints of the provider at ``issuer_or_document`` (its issuer URL, or the discovery document's URL).

    Raises SystemExit with one line naming the URL when the provider cannot be reached or its document lacks an
    endpoint: the hub cannot sign anyone in without them, so it should not start.
    """
    url = issuer_or_document if issuer_or_document.endswith(WELL_KNOWN) else issuer_or_document.rstrip("/") + WELL_KNOWN
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response:
            document = json.load(response)
    except (OSError, urllib.error.URLError, json.JSONDecodeError) as error:
        raise SystemExit(
            f"error: {url}: cannot read the OpenID Connect discovery document: {error} "
            "(hint: check SIMKIT_OIDC_ISSUER and that the provider answers)"
        ) from None
    try:
        return Endpoints(
            authorize_url=document["authorization_endpoint"],
            token_url=document["token_endpoint"],
            userdata_url=document["userinfo_endpoint"],
            logout_url=document.get("end_session_endpoint"),
        )
    except (KeyError, TypeError) as error:
        raise SystemExit(
            f"error: {url}: the discovery document names no {error} (hint: is SIMKIT_OIDC_ISSUER an OpenID provider?)"
        ) from None
