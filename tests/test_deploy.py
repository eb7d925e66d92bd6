"""The Kubernetes files (deploy/docker/, deploy/z2jh/) agree with each other and with the project's names.

Docker, Helm and a cluster are not available to the tests, so what is checked is what can be without them: the
learner's image copies no scenario library, every file the images copy exists, the commands agree with the hub's
configuration, the Helm values use the contract's names and hold no secret. (The values were also checked against
the chart's own values.schema.yaml, chart 4.4.0, when they were written; the chart is not part of the project.)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DOCKER = ROOT / "deploy" / "docker"
Z2JH = ROOT / "deploy" / "z2jh"
SERVICE = "simkit-grading"
TRAINER_SCOPE, HR_SCOPE = "custom:simkit:trainer", "custom:simkit:hr"
ACCESS = f"access:services!service={SERVICE}"


@dataclass
class Stage:
    name: str
    base: str
    instructions: list[tuple[str, str]] = field(default_factory=list)

    def all(self, keyword: str) -> list[str]:
        return [argument for instruction, argument in self.instructions if instruction == keyword]


def stages(dockerfile: Path) -> list[Stage]:
    """A Dockerfile's build stages and their instructions, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", dockerfile.read_text("utf-8"))
    found: list[Stage] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        instruction, _, argument = line.partition(" ")
        if instruction.upper() == "FROM":
            words = argument.split()
            found.append(Stage(words[2] if len(words) > 2 and words[1].upper() == "AS" else "", words[0]))
        elif found:
            found[-1].instructions.append((instruction.upper(), argument.strip()))
    return found


def copies(stage: Stage) -> list[tuple[str | None, list[str], str]]:
    """(the stage copied from, or None for the build context; sources; destination) of each COPY."""
    result = []
    for argument in stage.all("COPY"):
        words = argument.split()
        origin = next((word.split("=", 1)[1] for word in words if word.startswith("--from=")), None)
        paths = [word for word in words if not word.startswith("--")]
        result.append((origin, paths[:-1], paths[-1]))
    return result


def values() -> dict[str, Any]:
    return yaml.safe_load((Z2JH / "values.yaml").read_text("utf-8"))


def manifests() -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all((Z2JH / "grading-service.yaml").read_text("utf-8")) if doc]


def test_the_learners_image_copies_no_scenario_library_only_the_released_bundles() -> None:
    course = stages(DOCKER / "Dockerfile.course")
    final = course[-1]
    by_name = {stage.name: stage for stage in course}
    library_copies = [(stage.name, src) for stage in course for origin, src, _ in copies(stage) if "scenarios/" in src]
    assert library_copies == [("release", ["scenarios/"])]  # only in the stage that makes the bundles
    # The final image is built on a stage that never saw the library, and takes only /release/ from that one.
    chain, base = [], final.base
    while base in by_name:
        chain.append(base)
        base = by_name[base].base
    assert "release" not in chain
    assert [src for origin, src, _ in copies(final) if origin == "release"] == [["/release/"]]
    assert all(origin != "release" or src == ["/release/"] for stage in course for origin, src, _ in copies(stage))
    assert any("simkit audit-keys" in run for run in by_name["release"].all("RUN"))
    assert any("--require-hashes" in run and "requirements.lock" in run for run in by_name["environment"].all("RUN"))
    assert final.all("USER") == ["1000:100"]


def test_every_file_the_images_copy_from_the_project_exists() -> None:
    missing = sorted(
        {
            source
            for name in ("Dockerfile.course", "Dockerfile.service", "Dockerfile.hub")
            for stage in stages(DOCKER / name)
            for origin, sources, _ in copies(stage)
            if origin is None
            for source in sources
            if not (ROOT / source).exists()
        }
    )
    if missing == ["deploy/jupyterhub/course_server_config.py"] and not (ROOT / "deploy" / "jupyterhub").exists():
        pytest.skip("the hub's configuration (deploy/jupyterhub/) is not in this checkout yet")
    assert missing == []


def test_the_service_image_holds_the_library_and_runs_the_grading_service() -> None:
    final = stages(DOCKER / "Dockerfile.service")[-1]
    assert any(sources == ["scenarios/"] for origin, sources, _ in copies(final) if origin is None)
    assert json.loads(final.all("CMD")[0]) == ["python", "-m", "simkit.service"]


def test_the_learners_server_command_is_the_images_and_serves_the_course_page_alone() -> None:
    singleuser = values()["singleuser"]
    final = stages(DOCKER / "Dockerfile.course")[-1]
    assert singleuser["cmd"] == json.loads(final.all("CMD")[0])
    page_folder = values()["hub"]["config"]["KubeSpawner"]["notebook_dir"]
    page = singleuser["defaultUrl"].removeprefix("/voila/render/")
    assert (ROOT / "notebooks" / page).is_file()
    assert any(
        sources == [f"notebooks/{page}"] and dest == f"{page_folder}/{page}" for _, sources, dest in copies(final)
    )
    config = singleuser["cmd"][-1].removeprefix("--config=")
    assert any(dest == config for _, _, dest in copies(final))


def test_the_learners_server_matches_the_hubs_course_only_server() -> None:
    spawn = pytest.importorskip("simkit.hub.spawn", reason="the hub's spawn rules (simkit.hub) are not merged yet")
    singleuser = values()["singleuser"]
    config = f"--config=/srv/simkit/{spawn.COURSE_SERVER_CONFIG.name}"
    assert singleuser["cmd"] == ["python", "-m", spawn.COURSE_MODULE, config]
    assert singleuser["defaultUrl"] == f"/voila/render/{spawn.PAGES['learner']}"
    auth = pytest.importorskip("simkit.hub.auth")
    module, _, name = values()["hub"]["config"]["JupyterHub"]["authenticator_class"].rpartition(".")
    assert module == auth.__name__ and hasattr(auth, name)


def test_scopes_roles_and_groups_use_the_contracts_names() -> None:
    hub = values()["hub"]
    assert set(hub["config"]["JupyterHub"]["custom_scopes"]) == {TRAINER_SCOPE, HR_SCOPE}
    assert hub["config"]["JupyterHub"]["authenticator_class"] == "simkit.hub.auth.SimkitOIDCAuthenticator"
    service = hub["services"][SERVICE]
    assert set(service["oauth_client_allowed_scopes"]) == {TRAINER_SCOPE, HR_SCOPE}
    roles = hub["loadRoles"]
    granted = {
        (group, scope) for role in roles.values() for group in role.get("groups", []) for scope in role["scopes"]
    }
    assert {("trainers", TRAINER_SCOPE), ("hr", HR_SCOPE), ("trainers", ACCESS), ("hr", ACCESS)} <= granted
    assert ("trainers", HR_SCOPE) not in granted and ("hr", TRAINER_SCOPE) not in granted
    assert ACCESS in roles["user"]["scopes"] and not {TRAINER_SCOPE, HR_SCOPE} & set(roles["user"]["scopes"])
    assert ACCESS in hub["config"]["Spawner"]["server_token_scopes"]


def test_the_grading_service_manifest_and_the_values_point_at_each_other() -> None:
    documents = {document["kind"]: document for document in manifests()}
    deployment, service = documents["Deployment"], documents["Service"]
    assert deployment["metadata"]["name"] == service["metadata"]["name"] == SERVICE
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= labels.items()
    assert labels["hub.jupyter.org/network-access-hub"] == "true"  # the chart admits it to the hub's API
    [container] = deployment["spec"]["template"]["spec"]["containers"]
    env = {item["name"]: item for item in container["env"]}
    assert env["JUPYTERHUB_SERVICE_NAME"]["value"] == SERVICE
    assert env["JUPYTERHUB_SERVICE_PREFIX"]["value"] == f"/services/{SERVICE}/"
    assert env["JUPYTERHUB_API_TOKEN"]["valueFrom"]["secretKeyRef"] == {
        "name": "hub",
        "key": f"hub.services.{SERVICE}.apiToken",
    }
    assert "secretKeyRef" in env["SIMKIT_GRADEBOOK"]["valueFrom"]
    port = service["spec"]["ports"][0]["port"]
    assert values()["hub"]["services"][SERVICE]["url"] == f"http://{SERVICE}:{port}"
    assert values()["singleuser"]["extraEnv"]["SIMKIT_SERVICE_URL"] == f"http://{SERVICE}:{port}/services/{SERVICE}/"
    [egress] = values()["singleuser"]["networkPolicy"]["egress"]
    assert egress["ports"] == [{"port": port}]
    assert egress["to"][0]["podSelector"]["matchLabels"].items() <= labels.items()


SECRET_NAMES = re.compile(r"(secret|password|token|api_?key)", re.I)
REFERENCES = ("_url", "secretName", "secretKeyRef", "existingSecret")  # names of Secrets, or endpoints


def inline_secrets(node: Any, path: str = "") -> list[str]:
    """Places where a key named like a secret holds a value written out (a reference to a Secret is fine)."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            place = f"{path}.{key}"
            named = SECRET_NAMES.search(str(key)) and not str(key).endswith(REFERENCES)
            if named and isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
                found.append(place)
            found += inline_secrets(value, place)
    elif isinstance(node, list):
        for number, item in enumerate(node):
            found += inline_secrets(item, f"{path}[{number}]")
    elif isinstance(node, str) and re.search(r"://[^/\s:@]+:[^/\s@]+@", node):  # a URL with a password
        found.append(path)
    return found


def test_no_secret_value_is_written_in_the_values_or_the_manifest() -> None:
    assert inline_secrets(values()) == []
    assert inline_secrets(manifests()) == []
    assert inline_secrets({"hub": {"cookieSecret": "abc"}, "db": "postgresql://u:p@h/db"}) == [
        ".hub.cookieSecret",
        ".db",
    ]  # the check itself finds what it looks for
    oidc = values()["hub"]["extraEnv"]
    assert {oidc[name]["valueFrom"]["secretKeyRef"]["name"] for name in ("OAUTH_CLIENT_ID", "OAUTH_CLIENT_SECRET")} == {
        "simkit-oidc"
    }


def test_the_memory_guarantee_covers_the_measured_learner_and_the_docs_say_how_many_fit() -> None:
    text = (Z2JH / "values.yaml").read_text("utf-8")
    assert text.count("# from benchmarks/hub.py: hub.mib_per_learner") == 2
    memory = values()["singleuser"]["memory"]
    guarantee, limit = (int(str(memory[name]).removesuffix("M")) for name in ("guarantee", "limit"))
    doc = (ROOT / "docs" / "kubernetes.md").read_text("utf-8")
    measured = float(re.search(r"hub\.mib_per_learner: ([\d.]+)", doc).group(1))  # type: ignore[union-attr]
    assert measured <= guarantee and limit == 2 * guarantee
    assert f"(16384 − 1500) / {guarantee}` ≈ **{(16384 - 1500) // guarantee} learners" in doc
