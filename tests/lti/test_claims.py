"""What simkit takes from a verified launch: the learner id by the rule from the configured claim (never `sub`
in its place), Instructor in any of its forms as trainer, the course and line item; a launch it cannot use is
refused with a reason."""

from __future__ import annotations

from typing import Any

import pytest

from simkit.lti.claims import AGS, CUSTOM, DEPLOYMENT, ROLES, SCORE_SCOPE, LaunchRefused, read_launch

DEPLOYMENTS = frozenset({"3"})
MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership#"


def token(**given: Any) -> dict[str, Any]:
    claims: dict[str, Any] = {
        "iss": "https://moodle.example.kz",
        "aud": "client-1",
        "sub": "17",
        DEPLOYMENT: "3",
        ROLES: [MEMBERSHIP + "Learner"],
        CUSTOM: {"username": " Aigerim.S ", "course": "onboarding"},
        AGS: {"scope": [SCORE_SCOPE], "lineitem": "https://moodle.example.kz/lineitem?type_id=1"},
    }
    return claims | given


def test_the_learner_id_is_the_platforms_login_by_the_rule() -> None:
    launch = read_launch(token(), "custom_username", DEPLOYMENTS)
    assert launch.learner == "aigerim.s" and launch.lti_user == "17" and not launch.trainer
    assert launch.course_id == "onboarding" and (launch.lineitem or "").endswith("?type_id=1")
    assert launch.client_id == "client-1" and launch.groups == []


@pytest.mark.parametrize(
    "role",
    [
        MEMBERSHIP + "Instructor",
        "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant",
        "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor",
        "Instructor",
    ],
)
def test_instructor_in_any_form_is_a_trainer(role: str) -> None:
    assert read_launch(token(**{ROLES: [MEMBERSHIP + "Learner", role]}), "custom_username", DEPLOYMENTS).trainer


@pytest.mark.parametrize(
    "role",
    [
        MEMBERSHIP + "Learner",
        MEMBERSHIP + "Mentor",
        "http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator",
    ],
)
def test_other_roles_are_learners(role: str) -> None:
    assert not read_launch(token(**{ROLES: [role]}), "custom_username", DEPLOYMENTS).trainer


def test_no_login_claim_is_refused_and_sub_never_stands_in() -> None:
    with pytest.raises(LaunchRefused, match="no 'custom_username'") as refused:
        read_launch(token(**{CUSTOM: {"course": "onboarding"}}), "custom_username", DEPLOYMENTS)
    assert refused.value.status == 400 and "username=$User.username" in refused.value.en


def test_a_login_the_rule_refuses_an_unregistered_deployment_and_a_grade_without_a_course_are_refused() -> None:
    with pytest.raises(LaunchRefused, match="not a usable learner id"):
        read_launch(token(**{CUSTOM: {"username": "Иван Петров"}}), "custom_username", DEPLOYMENTS)
    with pytest.raises(LaunchRefused, match="'9' is not registered"):
        read_launch(token(**{DEPLOYMENT: "9"}), "custom_username", DEPLOYMENTS)
    with pytest.raises(LaunchRefused, match="names no simkit course"):
        read_launch(token(**{CUSTOM: {"username": "ann"}}), "custom_username", DEPLOYMENTS)


def test_a_top_level_claim_may_be_the_login() -> None:
    assert read_launch(token(email="Ann.K@Example.kz"), "email", DEPLOYMENTS).learner == "ann.k@example.kz"
