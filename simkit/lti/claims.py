"""What simkit takes from a verified launch (an LTI 1.3 id_token): who, in which role, which course, and where the
platform wants the score. A launch simkit cannot use is refused here with a reason, never half-taken."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from simkit.hub.spawn import TRAINERS
from simkit.submissions.ids import normalise_learner_id

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
CUSTOM = LTI + "custom"
ROLES = LTI + "roles"
DEPLOYMENT = LTI + "deployment_id"
RESOURCE_LINK = LTI + "resource_link"
AGS = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
# Instructor as a context role (full or short form, and its sub-roles) or as an institution role: a trainer.
INSTRUCTOR = (
    "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor",
    "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#",
    "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor",
    "Instructor",
)
COURSE_PARAMETER = "course"  # custom parameter course=<simkit course id> on the platform's activity


class LaunchRefused(Exception):
    """A verified launch simkit cannot take; ``en`` and ``ru`` say why, for the refusal page."""

    def __init__(self, status: int, en: str, ru: str) -> None:
        super().__init__(en)
        self.status, self.en, self.ru = status, en, ru


@dataclass(frozen=True)
class Launch:
    learner: str  # the learner id, by the project's one rule
    trainer: bool
    issuer: str
    client_id: str
    deployment_id: str
    lti_user: str  # sub
    resource_link: str
    course_id: str | None
    lineitem: str | None
    scopes: tuple[str, ...]

    @property
    def groups(self) -> list[str]:
        return [TRAINERS] if self.trainer else []


def claim(token: Mapping[str, Any], name: str) -> Any:
    """A claim by the authenticator's naming: ``custom_x`` is the custom parameter x, anything else top-level."""
    if name.startswith("custom_"):
        return (token.get(CUSTOM) or {}).get(name.removeprefix("custom_"))
    return token.get(name)


def is_instructor(roles: Any) -> bool:
    return isinstance(roles, list) and any(
        isinstance(role, str) and (role in INSTRUCTOR or role.startswith(INSTRUCTOR[1])) for role in roles
    )


def read_launch(token: Mapping[str, Any], username_claim: str, deployments: frozenset[str]) -> Launch:
    deployment = str(token.get(DEPLOYMENT, ""))
    if deployment not in deployments:
        raise LaunchRefused(
            403,
            f"the platform's deployment {deployment!r} is not registered with this tool",
            f"развёртывание {deployment!r} платформы не зарегистрировано в simkit",
        )
    name = claim(token, username_claim)
    if not isinstance(name, str) or not name.strip():
        raise LaunchRefused(
            400,
            f"the launch carries no {username_claim!r} to use as the learner id (the activity needs the custom "
            "parameter username=$User.username)",
            f"в запуске нет {username_claim!r} — идентификатора слушателя (нужен параметр username=$User.username)",
        )
    try:
        learner = normalise_learner_id(name)
    except ValueError as error:
        raise LaunchRefused(403, str(error), f"логин {name!r} не подходит как идентификатор слушателя") from None
    course = claim(token, f"custom_{COURSE_PARAMETER}")
    if course is not None and not isinstance(course, str):
        course = None
    ags = token.get(AGS) or {}
    lineitem = ags.get("lineitem") if isinstance(ags, dict) else None
    scopes = tuple(s for s in (ags.get("scope") or []) if isinstance(s, str)) if isinstance(ags, dict) else ()
    if lineitem and not course:
        raise LaunchRefused(
            400,
            "the activity keeps a grade but names no simkit course (add the custom parameter course=<course id>)",
            "задание ведёт оценку, но не называет курс simkit (добавьте параметр course=<id курса>)",
        )
    audience = token.get("aud")
    client_id = str(token.get("azp") or (audience[0] if isinstance(audience, list) else audience))
    return Launch(
        learner=learner,
        trainer=is_instructor(token.get(ROLES)),
        issuer=str(token["iss"]),
        client_id=client_id,
        deployment_id=deployment,
        lti_user=str(token.get("sub", "")),
        resource_link=str((token.get(RESOURCE_LINK) or {}).get("id", "")),
        course_id=course.strip() if course else None,
        lineitem=lineitem if isinstance(lineitem, str) else None,
        scopes=scopes,
    )
