"""Voilà servers and headless Chromium, as a learner meets them: shared by the browser tests and the player benchmark.

A server is started with the options `make run` uses (simkit.player.serving.VOILA_OPTIONS), on a free loopback
port, in its own process group. Chromium is Debian's package (/usr/bin/chromium) driven by Playwright, whose own
browser builds are never installed: `apt-get install chromium` is the one step a machine needs.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import nbformat
import psutil
from playwright.sync_api import Browser, Locator, Page, Playwright

from simkit.player.serving import VOILA_OPTIONS

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
# No sandbox: CI and containers run as root, where Chromium refuses its sandbox. The rest keeps Chromium from
# reaching out to the network or spending the machine's two cores on anything but the page.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--no-first-run",
]
# ipywidgets 8 puts the class on a button itself and on the box around an input, a select or a text area.
CONTROLS = ", ".join(
    f"{selector}:enabled"
    for selector in (
        "button.jupyter-widgets",
        ".jupyter-widgets button",
        ".jupyter-widgets input",
        ".jupyter-widgets select",
        ".jupyter-widgets textarea",
    )
)
# A kernel's start and a notebook's run take seconds on two busy cores; these only bound a hang.
SERVER_START_S = 120.0
FIRST_CONTROL_S = 120.0
STOP_S = 20.0


def voila_options() -> list[str]:
    """The Voilà options of `make run` (`simkit serve`), so tests and benchmarks serve pages as learners get them."""
    return list(VOILA_OPTIONS)


def preheats(options: list[str]) -> bool:
    return "--preheat_kernel=True" in options


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def write_notebook(path: Path, *sources: str) -> Path:
    """A notebook of one code cell per source, with the kernel Voilà should start."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    nbformat.write(notebook, path)
    return path


def bare_button_notebook(path: Path) -> Path:
    """The least a Voilà page with a widget can be: the floor the course page's load time is compared with."""
    return write_notebook(path, "import ipywidgets as widgets\n\nwidgets.Button(description='Go')")


@dataclass
class VoilaServer:
    process: subprocess.Popen[bytes]
    url: str
    log_path: Path
    log: IO[bytes]

    def log_text(self) -> str:
        if not self.log.closed:
            self.log.flush()
        return self.log_path.read_text(errors="replace")

    def answers(self) -> bool:
        # Any path but "/" answers without starting a kernel: it would take one from the pre-heated pool.
        try:
            with urllib.request.urlopen(self.url + "voila/static/", timeout=5):
                return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            return False

    def wait_until_answering(self, timeout_s: float = SERVER_START_S) -> None:
        deadline = time.monotonic() + timeout_s
        while not self.answers():
            if self.process.poll() is not None:
                raise RuntimeError(f"Voilà exited with {self.process.returncode}:\n{self.log_text()}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"Voilà did not answer at {self.url} within {timeout_s:.0f} s:\n{self.log_text()}")
            time.sleep(0.2)

    def pools_filled(self) -> int:
        """How many times the pre-heated pool was (re)filled: once at start and once after each page load."""
        return self.log_text().count(" is filled with ")

    def stop(self) -> None:
        """SIGTERM lets Voilà shut its kernels down (they run in sessions of their own); then the group goes."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(STOP_S)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.log.close()


def start_voila(notebook: Path, env: dict[str, str], log_path: Path, options: list[str] | None = None) -> VoilaServer:
    """Voilà serving one notebook on a free loopback port, logging to ``log_path``; ``env`` adds to ours."""
    port = free_port()
    command = [sys.executable, "-m", "voila", str(notebook), "--Voila.ip=127.0.0.1", f"--port={port}"]
    # No retries: on a port taken meanwhile Voilà would quietly serve elsewhere, and the caller wait in vain.
    command += ["--no-browser", "--Voila.port_retries=0", *(voila_options() if options is None else options)]
    log = log_path.open("wb")
    process = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    return VoilaServer(process, f"http://127.0.0.1:{port}/", log_path, log)


def tree_cpu_s(pid: int) -> float:
    """CPU seconds used so far by a process and all its descendants (kernels included)."""
    total = 0.0
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return total
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def wait_until_quiet(pids: list[int], timeout_s: float = SERVER_START_S, window_s: float = 1.0) -> None:
    """Until the processes' trees use under 5 % of a core over a whole window: pre-heated kernels have run."""
    deadline = time.monotonic() + timeout_s
    before = sum(tree_cpu_s(pid) for pid in pids)
    while time.monotonic() < deadline:
        time.sleep(window_s)
        after = sum(tree_cpu_s(pid) for pid in pids)
        if after - before < 0.05 * window_s:
            return
        before = after
    raise TimeoutError(f"the servers were still busy after {timeout_s:.0f} s")


def launch_chromium(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)


def first_control(page: Page, timeout_s: float = FIRST_CONTROL_S) -> Locator:
    """The first enabled ipywidgets control a learner can see, once the kernel's widgets have rendered."""
    control = page.locator(CONTROLS).filter(visible=True).first
    control.wait_for(state="visible", timeout=timeout_s * 1000)
    return control
