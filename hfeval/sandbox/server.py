"""The sandbox Hub's HTTP server and its Python handle, `start_sandbox(...) -> Sandbox`.

    with start_sandbox(tmp_path / "hub", seed_dir=Path("seed")) as hub:
        api = HfApi(endpoint=hub.url)
        hub.store.create_repo("me/model", {"README.md": "---\\nlicense: mit\\n---\\n"})
        hub.faults.add(method="POST", path_prefix="/api/models/me/model/commit", status=429)

The server is a standard-library `ThreadingHTTPServer` running in a daemon thread. It speaks
HTTP/1.1 with keep-alive (every answer carries Content-Length) and reads the raw request target,
so percent-encoded slashes in revisions survive routing.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import struct
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any

from hfeval.sandbox.app import HubApp
from hfeval.sandbox.auth import SandboxConfig
from hfeval.sandbox.discussions import DiscussionStore
from hfeval.sandbox.fault_effects import RESET_STATUS
from hfeval.sandbox.faults import FaultRegistry
from hfeval.sandbox.jobs import JobStore
from hfeval.sandbox.routing import Request, Response, Services
from hfeval.sandbox.seed import seed_repos
from hfeval.sandbox.store import HubStore

logger = logging.getLogger(__name__)


class _HubHTTPServer(ThreadingHTTPServer):
    """Keeps track of open connections so `stop()` can close idle keep-alive sockets too."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], app: HubApp) -> None:
        self.app = app
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(address, _RequestHandler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.connections_lock:
            self.connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self.connections_lock:
            self.connections.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], BrokenPipeError | ConnectionResetError):
            return  # the client went away mid-answer (killed, or a fault dropped it): not a bug
        super().handle_error(request, client_address)

    def close_connections(self) -> None:
        with self.connections_lock:
            open_connections = list(self.connections)
        for connection in open_connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "hfeval-sandbox"
    # Headers and body go out as separate writes; with Nagle on, each answer waits ~40 ms.
    disable_nagle_algorithm = True
    server: _HubHTTPServer

    def do_GET(self) -> None:
        self._serve()

    do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_GET

    def _serve(self) -> None:
        try:
            body = self._read_body()
        except ValueError as error:
            self._send(Response.json({"error": str(error)}, status=400), close=True)
            return
        host = self.headers.get("Host") or "{}:{}".format(*self.server.server_address[:2])
        request = Request.parse(
            self.command, self.path, dict(self.headers.items()), body, f"http://{host}"
        )
        self._send(self.server.app.handle(request))

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        length = self.headers.get("Content-Length")
        if not length:
            return b""
        if not length.isdigit():
            raise ValueError(f"Invalid Content-Length {length!r}")
        return self.rfile.read(int(length))

    def _read_chunked(self) -> bytes:
        chunks: list[bytes] = []
        while True:
            size_line = self.rfile.readline().split(b";", 1)[0].strip()
            size = int(size_line or b"0", 16)
            if size == 0:
                while self.rfile.readline().strip():
                    pass  # trailers end with an empty line
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline()

    def _send(self, response: Response, *, close: bool = False) -> None:
        if response.status == RESET_STATUS:
            self._reset()
            return
        if response.stream is not None:
            self._send_stream(response)
            return
        self.send_response(response.status)
        for name, value in response.headers.items():
            if name.lower() != "content-length":
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    def _reset(self) -> None:
        """Drop the connection unanswered (an injected fault): the client sees a reset."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            # Linger 0: close() sends a TCP RST instead of a graceful FIN.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()

    def _send_stream(self, response: Response) -> None:
        """A chunked answer written as the stream produces it; ends when the client leaves."""
        assert response.stream is not None
        self.send_response(response.status)
        for name, value in response.headers.items():
            if name.lower() not in ("content-length", "transfer-encoding"):
                self.send_header(name, value)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunks = iter(response.stream)
        try:
            if self.command == "HEAD":
                return
            for chunk in chunks:
                if chunk:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    self.wfile.flush()
            self.wfile.write(b"0\r\n\r\n")
        except OSError:
            self.close_connection = True  # the client went away mid-stream
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s - %s", self.address_string(), format % args)


class Sandbox:
    """A running sandbox Hub. `url` is what to pass as `HfApi(endpoint=...)` or HF_ENDPOINT."""

    def __init__(self, server: _HubHTTPServer, app: HubApp, thread: threading.Thread) -> None:
        self._server = server
        self._thread = thread
        self.app = app
        host, port = server.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else host
        shown_host = "127.0.0.1" if host in ("0.0.0.0", "") else host
        self.url = f"http://{shown_host}:{port}"
        self.port = int(port)

    @property
    def store(self) -> HubStore:
        return self.app.services.store

    @property
    def discussions(self) -> DiscussionStore:
        return self.app.services.discussions

    @property
    def faults(self) -> FaultRegistry:
        return self.app.faults

    @property
    def config(self) -> SandboxConfig:
        return self.app.services.config

    @property
    def jobs(self) -> JobStore:
        return self.app.services.jobs

    def stop(self) -> None:
        """Stop serving and close every connection; the data directory stays as it is."""
        self.jobs.shutdown()
        self._server.shutdown()
        self._server.close_connections()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def start_sandbox(
    data_dir: Path | str,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    seed_dir: Path | str | None = None,
    config: SandboxConfig | None = None,
) -> Sandbox:
    """Start a sandbox Hub in a daemon thread (`port=0` picks a free port) and return its handle.

    `data_dir` is created if needed and keeps every repo across restarts; `seed_dir` adds the
    repos it holds that the data directory lacks.
    """
    store = HubStore(Path(data_dir))
    if seed_dir is not None:
        created = seed_repos(store, Path(seed_dir))
        logger.info("seeded %d repo(s) from %s", len(created), seed_dir)
    config = config or SandboxConfig()
    services = Services(
        store=store,
        discussions=DiscussionStore(store),
        config=config,
        jobs=JobStore(Path(data_dir) / "jobs", config.jobs),
    )
    app = HubApp(services, FaultRegistry())
    server = _HubHTTPServer((host, port), app)
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.05},
        name="hfeval-sandbox",
        daemon=True,
    )
    thread.start()
    return Sandbox(server, app, thread)
