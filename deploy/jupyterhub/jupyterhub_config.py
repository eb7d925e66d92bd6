# JupyterHub configuration for simkit: the courses served to an agency's staff.
#
# Run:  jupyterhub -f deploy/jupyterhub/jupyterhub_config.py   (or `make hub` for a trial on one machine)
# Everything site-specific comes from these environment variables (docs/deployment.md explains each):
#
#   SIMKIT_HUB_URL             public URL the proxy binds, default http://127.0.0.1:8000 (loopback; put TLS in front)
#   SIMKIT_HUB_STATE           folder for the hub's database, cookie secret, users' homes; default ./hub-state
#   SIMKIT_HUB_API_PORT        the hub's internal API port on 127.0.0.1, default 8081
#   SIMKIT_PROXY_API_PORT      configurable-http-proxy's API port on 127.0.0.1, default 8001
#   SIMKIT_SERVICE_PORT        the grading service's port on 127.0.0.1, default 10101
#   SIMKIT_CHP                 configurable-http-proxy executable, default .tools/node/node_modules/.bin/… (make)
#   SIMKIT_OIDC_ISSUER         the identity provider's issuer URL (or its /.well-known/openid-configuration URL)
#   SIMKIT_OIDC_CLIENT_ID      the hub's client id at the provider
#   SIMKIT_OIDC_CLIENT_SECRET  its secret
#   SIMKIT_OIDC_USERNAME_CLAIM claim holding the login, default preferred_username
#   SIMKIT_OIDC_GROUPS_CLAIM   claim listing the user's groups, default groups
#   SIMKIT_OIDC_TRAINER_GROUP  the provider's group for trainers, default trainers
#   SIMKIT_OIDC_HR_GROUP       the provider's group for HR, default hr
#   SIMKIT_OIDC_SCOPES         scopes asked for, default "openid profile email"
#   SIMKIT_LTI_ISSUER          set: learners come by LTI 1.3 launches from this learning platform instead of OIDC
#   SIMKIT_LTI_CLIENT_ID, SIMKIT_LTI_AUTH_URL, SIMKIT_LTI_JWKS_URL, SIMKIT_LTI_TOKEN_URL, SIMKIT_LTI_DEPLOYMENT_IDS
#                              the platform's registration of the tool (docs/lti.md: where Moodle shows each)
#   SIMKIT_LTI_USERNAME_CLAIM  the launch claim that is the learner id, default custom_username
#   SIMKIT_LTI_KEY_FILE        the tool's private key, default $SIMKIT_HUB_STATE/simkit_lti_key.pem (made 0600);
#                              or SIMKIT_LTI_PRIVATE_KEY holding the PEM (a Kubernetes Secret)
#   SIMKIT_LTI_POLL_S, SIMKIT_LTI_RETRY_S  grade passback: how often the queue is read (10 s), first retry (30 s)
#   SIMKIT_GRADEBOOK           gradebook URL (PostgreSQL in a deployment); trainers, HR and the service get it
#   SIMKIT_SCENARIOS           the keyed scenario library: only the grading service and trainers get it
#   SIMKIT_RELEASE             the learner bundles (simkit release --to …), default $SIMKIT_HUB_STATE/release
#   SIMKIT_NOTEBOOKS           the project's notebooks folder, default notebooks/ beside deploy/
#   SIMKIT_KERNEL_CULL_S       a page's kernel stops this long after its page closed, default 120
#   SIMKIT_SERVER_CULL_S       a user's server stops after this long without activity, default 3600
#   SIMKIT_MEM_LIMIT           per-user memory limit, e.g. 512M: enforced by spawners that can (see the docs)
#   SIMKIT_HUB_ADMIN_TOKEN     optional: a token for an admin service "simkit-admin" (monitoring, tests)
import importlib.util
import os
import sys
from pathlib import Path

from simkit.hub.oidc import discover
from simkit.hub.spawn import HR, TRAINERS, SpawnRules, prepare_pages
from simkit.lti.config import Platform
from simkit.lti.keys import tool_key

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parents[1]


def setting(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, "").strip() or default
    if value is None:
        sys.exit(f"error: {name} is not set (hint: see the top of {__file__} and docs/deployment.md)")
    return value


hub_url = setting("SIMKIT_HUB_URL", "http://127.0.0.1:8000").rstrip("/")
state = Path(setting("SIMKIT_HUB_STATE", "hub-state")).resolve()
state.mkdir(parents=True, exist_ok=True)
service_port = int(setting("SIMKIT_SERVICE_PORT", "10101"))

# --- the hub, the proxy, and where they keep their state -------------------------------------------------------
c.JupyterHub.bind_url = hub_url + "/"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(setting("SIMKIT_HUB_API_PORT", "8081"))
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{int(setting('SIMKIT_PROXY_API_PORT', '8001'))}"
c.ConfigurableHTTPProxy.command = [
    setting("SIMKIT_CHP", str(PROJECT / ".tools/node/node_modules/.bin/configurable-http-proxy"))
]
c.ConfigurableHTTPProxy.pid_file = str(state / "configurable-http-proxy.pid")

# --- sign-in: the agency's OpenID Connect provider, or launches from its learning platform (LTI 1.3) -------------
gradebook = os.environ.get("SIMKIT_GRADEBOOK", "").strip() or None
try:
    lti = Platform.from_environment(default_key_file=state / "simkit_lti_key.pem")
except ValueError as error:
    sys.exit(f"error: {error}")
trainer_group = setting("SIMKIT_OIDC_TRAINER_GROUP", TRAINERS)
hr_group = setting("SIMKIT_OIDC_HR_GROUP", HR)
groups_claim = setting("SIMKIT_OIDC_GROUPS_CLAIM", "groups")


def hub_groups(auth_state: dict) -> list[str]:
    """The provider's groups that mean something here, as the hub's groups `trainers` and `hr`; others are ignored."""
    claimed = (auth_state.get("oauth_user") or {}).get(groups_claim) or []
    mapping = {trainer_group: TRAINERS, hr_group: HR}
    return sorted({mapping[name] for name in claimed if name in mapping})


if lti is not None:
    # Learners and trainers arrive from the platform's course (docs/lti.md): Instructor is a trainer, Learner a
    # learner; the learner id is the claim SIMKIT_LTI_USERNAME_CLAIM, by the learner-id rule.
    if gradebook is None:
        sys.exit("error: SIMKIT_LTI_ISSUER is set but SIMKIT_GRADEBOOK is not: launches are kept in the gradebook")
    try:
        tool_key(lti.key_file)  # made now, before the grading service (which signs with it) starts
    except ValueError as error:
        sys.exit(f"error: {error}")
    c.JupyterHub.authenticator_class = "simkit.lti.launch.SimkitLTIAuthenticator"
    c.SimkitLTIAuthenticator.issuer = lti.issuer
    c.SimkitLTIAuthenticator.client_id = {lti.client_id}
    c.SimkitLTIAuthenticator.authorize_url = lti.auth_url
    c.SimkitLTIAuthenticator.jwks_endpoint = lti.jwks_url
    c.SimkitLTIAuthenticator.deployment_ids = set(lti.deployment_ids)
    c.SimkitLTIAuthenticator.username_key = lti.username_claim
    c.SimkitLTIAuthenticator.gradebook = gradebook
    c.SimkitLTIAuthenticator.key_file = str(lti.key_file)
    c.SimkitLTIAuthenticator.uri_scheme = "https" if hub_url.startswith("https:") else "http"
    c.SimkitLTIAuthenticator.tool_name = "simkit"
    c.SimkitLTIAuthenticator.allow_all = True
    c.SimkitLTIAuthenticator.manage_groups = True  # the launch's roles are the truth, set again at each launch
    c.SimkitLTIAuthenticator.enable_auth_state = False
else:
    endpoints = discover(setting("SIMKIT_OIDC_ISSUER"))
    c.JupyterHub.authenticator_class = "simkit.hub.auth.SimkitOIDCAuthenticator"
    c.SimkitOIDCAuthenticator.client_id = setting("SIMKIT_OIDC_CLIENT_ID")
    c.SimkitOIDCAuthenticator.client_secret = setting("SIMKIT_OIDC_CLIENT_SECRET")
    c.SimkitOIDCAuthenticator.oauth_callback_url = hub_url + "/hub/oauth_callback"
    c.SimkitOIDCAuthenticator.authorize_url = endpoints.authorize_url
    c.SimkitOIDCAuthenticator.token_url = endpoints.token_url
    c.SimkitOIDCAuthenticator.userdata_url = endpoints.userdata_url
    c.SimkitOIDCAuthenticator.logout_redirect_url = endpoints.logout_url or ""
    c.SimkitOIDCAuthenticator.scope = setting("SIMKIT_OIDC_SCOPES", "openid profile email").split()
    c.SimkitOIDCAuthenticator.username_claim = setting("SIMKIT_OIDC_USERNAME_CLAIM", "preferred_username")
    c.SimkitOIDCAuthenticator.login_service = "the agency's sign-in"
    # Whoever the provider signs in (and whose login passes the learner-id rule) may take the courses.
    c.SimkitOIDCAuthenticator.allow_all = True
    # The provider's groups are the truth: memberships are set again at each sign-in.
    c.SimkitOIDCAuthenticator.manage_groups = True
    c.SimkitOIDCAuthenticator.auth_state_groups_key = hub_groups
    c.SimkitOIDCAuthenticator.enable_auth_state = False

# --- permissions: trainers and HR by group, learners nothing beyond their own server ------------------------------
c.JupyterHub.custom_scopes = {
    "custom:simkit:trainer": {"description": "Open the trainers' pages of the grading service (review queue)."},
    "custom:simkit:hr": {"description": "Open HR's pages of the grading service (compliance)."},
}
grading_access = "access:services!service=simkit-grading"
c.JupyterHub.load_roles = [
    {"name": "simkit-trainers", "groups": [TRAINERS], "scopes": ["custom:simkit:trainer", grading_access]},
    {"name": "simkit-hr", "groups": [HR], "scopes": ["custom:simkit:hr", grading_access]},
    {
        "name": "idle-culler",
        "services": ["idle-culler"],
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    },
]
# Every signed-in user may reach the grading service (a learner's certificate link goes there) …
c.JupyterHub.extra_user_scopes = {grading_access}
# … and so may a server's own token, for the course page to save answers through the service.
c.Spawner.server_token_scopes = ["users:activity!user", "access:servers!server", grading_access]

# --- the users' servers ----------------------------------------------------------------------------------------
# One process per user on this machine, run as the hub's own system user, in a home of its own under the state
# folder. For a deployment across machines use KubeSpawner (docs/kubernetes.md).
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(state / "homes" / "{username}")
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 120
# Declared for spawners that enforce it (KubeSpawner, SystemdSpawner); the local spawner only passes it on as
# MEM_LIMIT to the server.
if mem_limit := os.environ.get("SIMKIT_MEM_LIMIT", "").strip():
    c.Spawner.mem_limit = mem_limit
c.JupyterHub.redirect_to_server = True
c.JupyterHub.implicit_spawn_seconds = 0.5  # straight from sign-in to one's own course page

notebooks = Path(setting("SIMKIT_NOTEBOOKS", str(PROJECT / "notebooks"))).resolve()
release = Path(setting("SIMKIT_RELEASE", str(state / "release"))).resolve()
scenarios = Path(setting("SIMKIT_SCENARIOS", str(PROJECT / "scenarios"))).resolve()
service_url = hub_url + "/services/simkit-grading/"
c.Spawner.pre_spawn_hook = SpawnRules(
    state=state,
    release=release,
    notebooks=notebooks,
    pages=prepare_pages(state, notebooks),
    gradebook=gradebook,
    scenarios=scenarios,
    service_url=service_url,
    extra_env={"SIMKIT_KERNEL_CULL_S": setting("SIMKIT_KERNEL_CULL_S", "120")},
)

# --- managed services ------------------------------------------------------------------------------------------
services = [
    {
        # Stops servers nobody has used for SIMKIT_SERVER_CULL_S; their confirmed answers are already saved.
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={setting('SIMKIT_SERVER_CULL_S', '3600')}",
        ],
    },
]
if importlib.util.find_spec("simkit.service") is not None:
    # The pages' sign-in cookies are signed with a key kept beside the hub's own, so a restart signs nobody out.
    service_env = {
        "SIMKIT_SCENARIOS": str(scenarios),
        "SIMKIT_SERVICE_COOKIE_SECRET_FILE": str(state / "simkit_grading_cookie_secret"),
    }
    if python_path := os.environ.get("PYTHONPATH"):  # a source checkout run without installing
        service_env["PYTHONPATH"] = python_path
    if gradebook:
        service_env["SIMKIT_GRADEBOOK"] = gradebook
    if lti is not None:  # the service passes scores back to the platform, signing with the tool's key
        service_env |= lti.environment()
        for name in ("SIMKIT_LTI_PRIVATE_KEY", "SIMKIT_LTI_POLL_S", "SIMKIT_LTI_RETRY_S"):
            if value := os.environ.get(name, "").strip():
                service_env[name] = value
    services.append(
        {
            # Records answers in the gradebook and grades exams; the only holder of the keyed library.
            "name": "simkit-grading",
            "url": f"http://127.0.0.1:{service_port}",
            "command": [sys.executable, "-m", "simkit.service"],
            "environment": service_env,
            "oauth_client_allowed_scopes": ["custom:simkit:trainer", "custom:simkit:hr"],
            "oauth_no_confirm": True,
        }
    )
else:
    print("simkit.service is not installed: the hub runs without the grading service", file=sys.stderr)
# An admin service for monitoring and the tests: it manages users, groups, servers and tokens, and may call the
# grading service (which tells a service's token that only a learner has answers, and shows it no one's).
if admin_token := os.environ.get("SIMKIT_HUB_ADMIN_TOKEN", "").strip():
    services.append({"name": "simkit-admin", "api_token": admin_token})
    c.JupyterHub.load_roles.append(
        {
            "name": "simkit-admin",
            "services": ["simkit-admin"],
            "scopes": ["admin:users", "admin:servers", "access:servers", "admin:groups", "tokens", grading_access],
        }
    )
c.JupyterHub.services = services
