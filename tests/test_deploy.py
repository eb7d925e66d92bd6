"""The Kubernetes files (deploy/docker/, deploy/z2jh/) agree with each other and with the project's names.

Docker, Helm and a cluster are not available to the tests, so what is checked is what can be without them: the
learner's image copies no scenario library, every file the images copy exists, the commands agree with the hub's
configuration, the Helm values use the contract's names and hold no secret. (The values were also checked against
the chart's own values.schema.yaml, chart 4.4.0, when they were written; the chart is not part of the project.)
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import re
import subprocess
import sys
import urllib.parse
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


def manifests(name: str = "grading-service.yaml") -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all((Z2JH / name).read_text("utf-8")) if doc]


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


SECRET_NAMES = re.compile(r"(secret|password|token|api_?key|private)", re.I)
REFERENCES = ("_url", "secretname", "secretkeyref", "existingsecret")  # names of Secrets, or endpoints (any case)


def inline_secrets(node: Any, path: str = "") -> list[str]:
    """Places where a key named like a secret holds a value written out (a reference to a Secret is fine)."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            place = f"{path}.{key}"
            named = SECRET_NAMES.search(str(key)) and not str(key).lower().endswith(REFERENCES)
            if named and isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
                found.append(place)
            found += inline_secrets(value, place)
    elif isinstance(node, list):
        for number, item in enumerate(node):
            found += inline_secrets(item, f"{path}[{number}]")
    elif isinstance(node, str) and (re.search(r"://[^/\s:@]+:[^/\s@]+@", node) or "PRIVATE KEY-----" in node):
        found.append(path)  # a URL with a password, or a key in PEM
    return found


def test_no_secret_value_is_written_in_the_values_or_the_manifest() -> None:
    assert inline_secrets(values()) == []
    assert inline_secrets(manifests()) == []
    assert inline_secrets({"hub": {"cookieSecret": "abc"}, "db": "postgresql://u:p@h/db"}) == [
        ".hub.cookieSecret",
        ".db",
    ]  # the check itself finds what it looks for
    assert inline_secrets({"SIMKIT_LTI_PRIVATE_KEY": "k", "pem": "-----BEGIN PRIVATE KEY-----\nMII"}) == [
        ".SIMKIT_LTI_PRIVATE_KEY",
        ".pem",
    ]
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


# --- the hub's image: what it installs from the lock, for both authenticators ---------------------------------

HUB_NAMES = DOCKER / "hub-requirements.in"
LOCK = ROOT / "requirements.lock"
AUTHENTICATORS = ("simkit.hub.auth", "simkit.lti.launch")
# simkit's dependencies for the course app and the trainers' tools, which the hub never imports.
LEARNER_SIDE = {"jupyterlab", "voila", "ipywidgets", "ipykernel", "nbconvert", "matplotlib", "simpy", "openpyxl"}


@functools.cache
def lock_subset() -> Any:
    """tools/lock_subset.py, the script the hub image's build runs (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location("lock_subset", ROOT / "tools" / "lock_subset.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def hub_packages() -> tuple[set[str], set[str]]:
    """(what the hub's image installs from the lock; what the chart's image provides, by the lock's notes)."""
    tool = lock_subset()
    pins = tool.read_lock(LOCK.read_text("utf-8"))
    wanted, provided = tool.read_names(HUB_NAMES.read_text("utf-8"))
    return set(tool.closure(pins, wanted, provided)), set(tool.closure(pins, sorted(provided)))


def test_the_lock_subset_takes_the_named_packages_and_their_dependencies_with_hashes() -> None:
    tool = lock_subset()
    lock = (
        "a==1.0 \\\n    --hash=sha256:aa\n    # via simkit (pyproject.toml)\n"
        "b-c==2.0 \\\n    --hash=sha256:bb\n    # via\n    #   a\n    #   hub\n"
        "d==3.0 \\\n    --hash=sha256:dd\n    # via b-c\n"
        "hub==5.0 \\\n    --hash=sha256:hh\n    # via a\n"
        "only-hub==1.0 \\\n    --hash=sha256:oo\n    # via hub\n"
        "other==1.0 \\\n    --hash=sha256:xx\n    # via simkit (pyproject.toml)\n"
    )
    names = "# top-level\nA[extra]  # an extra is read as its distribution\nprovided: hub\n"
    assert tool.subset(lock, names) == (
        "a==1.0 \\\n    --hash=sha256:aa\n    # via simkit (pyproject.toml)\n"
        "b-c==2.0 \\\n    --hash=sha256:bb\n    # via\n    #   a\n    #   hub\n"
        "d==3.0 \\\n    --hash=sha256:dd\n    # via b-c\n"
    )
    with pytest.raises(KeyError, match="not in the lock: missing"):
        tool.subset(lock, "a\nmissing\n")


def test_the_hub_image_installs_the_hashed_subset_of_the_lock_then_simkit_alone() -> None:
    wheel, final = stages(DOCKER / "Dockerfile.hub")
    assert any(
        sources == ["tools/lock_subset.py", "deploy/docker/hub-requirements.in"] for _, sources, _ in copies(wheel)
    )
    assert any("lock_subset.py requirements.lock hub-requirements.in" in run for run in wheel.all("RUN"))
    [install] = final.all("RUN")
    assert "--require-hashes --no-deps -r /tmp/wheels/hub-requirements.txt" in install
    assert "--no-deps /tmp/wheels/simkit-" in install and "pip check" in install
    # The build imports the modules of both authenticator classes the values name.
    imported = re.search(r'python -c "import ([^"]+)"', install).group(1)  # type: ignore[union-attr]
    assert {name.strip() for name in imported.split(",")} == set(AUTHENTICATORS)
    classes = {values()["hub"]["config"]["JupyterHub"]["authenticator_class"]}
    classes.add(lti_values()["hub"]["config"]["JupyterHub"]["authenticator_class"])
    assert {name.rpartition(".")[0] for name in classes} == set(AUTHENTICATORS)
    installed, provided = hub_packages()
    assert "simkit" not in installed and "jupyterhub" not in installed and "jupyterhub" in provided
    assert not installed & LEARNER_SIDE and not provided & LEARNER_SIDE  # none of the course app's libraries


# Imports both authenticators in a fresh interpreter that can import only the standard library, simkit and the
# distributions named in argv[1] (as the hub's image has only those), and does what the hub does with them at start
# and at the first launch: the tool's key and keyset, the gradebook opened and migrated, PostgreSQL's driver. Prints
# the distributions of every module loaded. A package that imports another only if it is there (mako's pygments,
# oauthlib's blinker) goes on without it, as in the image.
TRACE = """
import importlib.abc, importlib.metadata, json, re, sys, tempfile
canonical = lambda name: re.sub(r"[-_.]+", "-", name).lower()
allowed, owners = set(json.loads(sys.argv[1])) | {"simkit"}, importlib.metadata.packages_distributions()

class OnlyTheImages(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        found = {canonical(owner) for owner in owners.get(name.partition(".")[0], [])}
        if found and not found & allowed:
            raise ModuleNotFoundError(f"{name} is not in the hub's image", name=name)
        return None

sys.meta_path.insert(0, OnlyTheImages())
before = set(sys.modules)
import sqlalchemy
import simkit.hub.auth
import simkit.lti.launch
with tempfile.TemporaryDirectory() as folder:
    lti = simkit.lti.launch.SimkitLTIAuthenticator(
        gradebook=f"sqlite:///{folder}/gradebook.sqlite", key_file=f"{folder}/key.pem"
    )
    lti.get_handlers(None)
    lti.engine.dispose()
simkit.hub.auth.SimkitOIDCAuthenticator()
sqlalchemy.create_engine("postgresql+psycopg://simkit@db.example.kz/simkit")
loaded = {name.partition(".")[0] for name in set(sys.modules) - before} - set(sys.stdlib_module_names)
print(json.dumps(sorted({canonical(owner) for name in loaded for owner in owners.get(name, [])})))
"""


def test_everything_the_authenticators_import_is_in_the_hub_image() -> None:
    pytest.importorskip("ltiauthenticator")
    pytest.importorskip("oauthenticator")
    installed, provided = hub_packages()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-c", TRACE, json.dumps(sorted(installed | provided))],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr  # e.g. "ModuleNotFoundError: … is not in the hub's image"
    imported = set(json.loads(run.stdout)) - {"simkit"}
    assert imported <= installed | provided
    # … and the names file lists nothing the authenticators do not use.
    wanted, _ = lock_subset().read_names(HUB_NAMES.read_text("utf-8"))
    assert set(wanted) <= imported


# --- LTI 1.3 on Kubernetes: values-lti.yaml (the hub), lti.yaml (the grading service's passback) -----------------

LTI_CLASS = "simkit.lti.launch.SimkitLTIAuthenticator"
LTI_SECRET = {"name": "simkit-lti", "key": "private-key.pem"}


def helm_merged(base: dict[str, Any], later: dict[str, Any]) -> dict[str, Any]:
    """Two values files as Helm merges them (`--values a --values b`): tables key by key, anything else replaced."""
    merged = dict(base)
    for key, value in later.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = helm_merged(merged[key], value)
        else:
            merged[key] = value
    return merged


def lti_values() -> dict[str, Any]:
    return yaml.safe_load((Z2JH / "values-lti.yaml").read_text("utf-8"))


def with_lti() -> dict[str, Any]:
    return helm_merged(values(), lti_values())


def platform_configmap() -> dict[str, str]:
    [configmap] = [doc for doc in manifests("lti.yaml") if doc["kind"] == "ConfigMap"]
    assert configmap["metadata"]["name"] == "simkit-lti"
    return configmap["data"]


def container_env() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    deployment = next(doc for doc in manifests() if doc["kind"] == "Deployment")
    [container] = deployment["spec"]["template"]["spec"]["containers"]
    return {item["name"]: item for item in container["env"]}, container.get("envFrom", [])


# Loads deploy/jupyterhub/jupyterhub_config.py (the one-machine hub) with the LTI settings in its environment and
# prints what it configures that the Helm values must agree with.
HUB_CONFIG = """
import json, sys
from traitlets.config import Config
config, path = Config(), sys.argv[1]
exec(compile(open(path, encoding="utf-8").read(), path, "exec"), {"get_config": lambda: config, "__file__": path})
plain = lambda value: sorted(value) if isinstance(value, set | frozenset) else repr(value)
print(json.dumps({
    "lti": dict(config.SimkitLTIAuthenticator),
    "hub": {name: config.JupyterHub[name] for name in
            ("authenticator_class", "custom_scopes", "load_roles", "services", "extra_user_scopes")},
    "server_token_scopes": config.Spawner.server_token_scopes,
}, default=plain))
"""


@pytest.fixture(scope="module")
def one_machine_hub(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    state = tmp_path_factory.mktemp("hub-state")
    env = {name: value for name, value in os.environ.items() if not name.startswith(("SIMKIT_", "JUPYTERHUB_"))}
    env |= platform_configmap() | {
        "PYTHONPATH": str(ROOT),
        "SIMKIT_HUB_URL": f"https://{values()['ingress']['hosts'][0]}",
        "SIMKIT_HUB_STATE": str(state),
        "SIMKIT_GRADEBOOK": f"sqlite:///{state / 'gradebook.sqlite'}",
    }
    config = ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
    run = subprocess.run(
        [sys.executable, "-c", HUB_CONFIG, str(config)], env=env, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.splitlines()[-1])


def test_the_lti_values_parse_and_name_the_authenticator_simkit_ships() -> None:
    launch = pytest.importorskip("simkit.lti.launch")
    config = with_lti()["hub"]["config"]
    assert config["JupyterHub"]["authenticator_class"] == LTI_CLASS
    module, _, name = LTI_CLASS.rpartition(".")
    assert module == launch.__name__
    authenticator = getattr(launch, name)
    # Every setting given is one the class has (a misspelt one would only be a warning in the hub's log).
    assert set(config[name]) <= set(authenticator.class_traits(config=True))
    # The rest of the values stay as values.yaml has them: only the sign-in changes.
    assert {key: value for key, value in with_lti().items() if key != "hub"} == {
        key: value for key, value in values().items() if key != "hub"
    }
    assert set(lti_values()["hub"]) == {"config", "extraEnv"}


def test_the_lti_values_configure_the_authenticator_as_the_one_machine_hub_does(
    one_machine_hub: dict[str, Any],
) -> None:
    given = with_lti()["hub"]["config"]["SimkitLTIAuthenticator"]
    expected = {name: value for name, value in one_machine_hub["lti"].items() if name not in {"gradebook", "key_file"}}
    normalised = {name: sorted(value) if isinstance(value, list) else value for name, value in given.items()}
    assert normalised == expected  # from the same platform registration (lti.yaml's ConfigMap)
    assert one_machine_hub["hub"]["authenticator_class"] == LTI_CLASS
    # In Kubernetes the gradebook and the key come from the environment (Secrets), never from the values.
    assert not {"gradebook", "key_file"} & set(given)


def test_the_hubs_scopes_services_and_roles_agree_with_the_one_machine_hub(one_machine_hub: dict[str, Any]) -> None:
    hub = with_lti()["hub"]
    machine = one_machine_hub["hub"]
    assert set(hub["config"]["JupyterHub"]["custom_scopes"]) == set(machine["custom_scopes"])
    [service] = [item for item in machine["services"] if item["name"] == SERVICE]
    assert set(hub["services"]) == {SERVICE}
    assert hub["services"][SERVICE]["oauth_client_allowed_scopes"] == service["oauth_client_allowed_scopes"]
    assert set(hub["config"]["Spawner"]["server_token_scopes"]) == set(one_machine_hub["server_token_scopes"])
    assert set(machine["extra_user_scopes"]) <= set(hub["loadRoles"]["user"]["scopes"])
    for role in machine["load_roles"]:
        if "groups" in role:
            given = hub["loadRoles"][role["name"]]
            assert (set(given["groups"]), set(given["scopes"])) == (set(role["groups"]), set(role["scopes"]))
    # The one-machine hub's grading service gets the platform's registration, as lti.yaml gives it in Kubernetes.
    assert platform_configmap().items() <= service["environment"].items()


def test_the_platforms_registration_is_read_by_simkit_and_names_every_setting() -> None:
    config = pytest.importorskip("simkit.lti.config")
    data = platform_configmap()
    names = {config.ISSUER, config.DEPLOYMENTS, config.USERNAME_CLAIM, *config.NAMES.values()}
    assert names <= set(data)
    assert set(data) - names <= {"SIMKIT_LTI_POLL_S", "SIMKIT_LTI_RETRY_S"}
    assert all(isinstance(value, str) for value in data.values())  # a ConfigMap holds strings only


def test_the_hub_and_the_grading_service_read_one_key_and_one_gradebook_from_secrets() -> None:
    hub_env = with_lti()["hub"]["extraEnv"]
    env, env_from = container_env()
    assert hub_env["SIMKIT_LTI_PRIVATE_KEY"]["valueFrom"]["secretKeyRef"] == LTI_SECRET
    assert env["SIMKIT_LTI_PRIVATE_KEY"]["valueFrom"]["secretKeyRef"] == {**LTI_SECRET, "optional": True}
    assert hub_env["SIMKIT_GRADEBOOK"]["valueFrom"] == env["SIMKIT_GRADEBOOK"]["valueFrom"]
    # The service takes the platform's registration whole, when there is one (an OIDC deployment has none).
    assert env_from == [{"configMapRef": {"name": "simkit-lti", "optional": True}}]
    # An LTI hub does not wait for the OIDC client's Secret, which such a deployment does not have.
    assert "simkit-oidc" not in json.dumps(with_lti())
    assert {hub_env[name] for name in ("OAUTH_CLIENT_ID", "OAUTH_CLIENT_SECRET")} == {""}


def test_the_lti_files_hold_no_secret_value() -> None:
    assert inline_secrets(lti_values()) == []
    assert inline_secrets(manifests("lti.yaml")) == []
    for path in sorted((ROOT / "deploy").rglob("*")):
        if path.is_file():
            assert "PRIVATE KEY-----" not in path.read_text("utf-8"), path


def test_the_grading_service_may_reach_the_platform_with_lti() -> None:
    [policy] = [doc for doc in manifests("lti.yaml") if doc["kind"] == "NetworkPolicy"]
    deployment = next(doc for doc in manifests() if doc["kind"] == "Deployment")
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert policy["spec"]["podSelector"]["matchLabels"].items() <= labels.items()
    assert policy["spec"]["policyTypes"] == ["Egress"]
    assert [rule["ports"] for rule in policy["spec"]["egress"]] == [[{"port": 443}]]
    host = urllib.parse.urlsplit(platform_configmap()["SIMKIT_LTI_TOKEN_URL"])
    assert host.scheme == "https" and host.port is None  # the token endpoint and the scores, on port 443


def test_the_docs_give_moodle_the_urls_the_lti_authenticator_serves() -> None:
    launch = pytest.importorskip("simkit.lti.launch")
    authenticator = launch.SimkitLTIAuthenticator()
    hub = f"https://{values()['ingress']['hosts'][0]}/hub/"  # the chart's hub.baseUrl is /
    urls = [authenticator.login_url(hub), authenticator.callback_url(hub), authenticator.jwks_url(hub)]
    doc = (ROOT / "docs" / "kubernetes.md").read_text("utf-8")
    section = doc.split("## LTI 1.3 on Kubernetes", 1)[1].split("\n## ", 1)[0]
    assert all(f"`{url}`" in section for url in urls)
    assert "lti.md#registering-simkit-in-moodle-step-by-step" in section
    assert "values-lti.yaml" in section and "lti.yaml" in section and "private-key.pem" in section
