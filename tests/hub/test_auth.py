"""The hub's usernames are learner ids: the authenticator applies the project's one rule to the provider's claim."""

from __future__ import annotations

import pytest
from tornado import web

from simkit.hub.auth import SimkitOIDCAuthenticator
from simkit.hub.ids import hub_username


@pytest.mark.parametrize(
    ("claim", "username"),
    [(" Aigerim.S ", "aigerim.s"), ("ＩＶＡＮＯＶ.Ａ", "ivanov.a"), ("a.b@gov.kz", "a.b@gov.kz")],
)
def test_the_claim_becomes_the_learner_id(claim: str, username: str) -> None:
    authenticator = SimkitOIDCAuthenticator(username_claim="preferred_username")
    assert authenticator.user_info_to_username({"preferred_username": claim}) == username
    assert hub_username(claim) == username


@pytest.mark.parametrize("claim", ["Иван Петров", "a/b", "-leading", "x" * 65, "100%s"])
def test_a_claim_the_rule_refuses_is_a_403_that_says_why(claim: str) -> None:
    authenticator = SimkitOIDCAuthenticator(username_claim="preferred_username")
    with pytest.raises(web.HTTPError) as refused:
        authenticator.user_info_to_username({"preferred_username": claim})
    assert refused.value.status_code == 403
    assert "cannot be used as a learner id" in refused.value.jupyterhub_message  # type: ignore[attr-defined]
    assert not authenticator.validate_username(claim)
