# Configuration of a course-only single-user server (learners, and HR's compliance report): jupyter_server with
# Voilà as its only extension. The hub starts it as `python -m simkit.hub.course_main --config=<this file>`; see
# simkit/hub/course_server.py for what it refuses and why, and docs/deployment.md.
import os

from simkit.hub.course_server import COURSE_MESSAGE_TYPES

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

# Voilà only: no JupyterLab, no classic notebook, no terminals, no language server.
c.ServerApp.jpserver_extensions = {
    "voila.server_extension": True,
    "simkit.hub.course_server": True,  # gives freed memory back to the system now and then
    "jupyterlab": False,
    "notebook": False,
    "notebook_shim": False,
    "nbclassic": False,
    "jupyter_lsp": False,
    "jupyter_server_terminals": False,
}
c.ServerApp.terminals_enabled = False
c.ServerApp.authorizer_class = "simkit.hub.course_server.CourseOnlyAuthorizer"
# The page may drive widgets but never run code in the kernel.
c.MappingKernelManager.allowed_message_types = COURSE_MESSAGE_TYPES
c.VoilaConfiguration.show_tracebacks = False

# A page's kernel is shut down once no page has been connected to it for SIMKIT_KERNEL_CULL_S seconds (Voilà's
# own shutdown beacon is refused for lack of an XSRF token); an open page keeps its kernel however long it idles.
cull_s = int(os.environ.get("SIMKIT_KERNEL_CULL_S", "120"))
c.MappingKernelManager.cull_idle_timeout = cull_s
c.MappingKernelManager.cull_interval = max(1, min(60, cull_s // 2))
c.MappingKernelManager.cull_connected = False
