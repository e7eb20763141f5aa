"""A tiny OpenAI-compatible chat server on 127.0.0.1 for offline tests and the demo.

It answers `POST /v1/chat/completions` (plain JSON, or server-sent events when the request asks
to stream) by evaluating the arithmetic question in the last user message, so a local inspect
task gets real, checkable answers; `wrong` lists questions it answers off by one. Every response
carries `usage`, as a real server's does.
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_QUESTION = re.compile(r"What is (\d+) ([-+*]) (\d+)\?")


def answer(prompt: str, wrong: frozenset[str] = frozenset()) -> str:
    found = _QUESTION.search(prompt)
    if found is None:
        return "I do not know."
    left, op, right = int(found.group(1)), found.group(2), int(found.group(3))
    value = {"+": left + right, "-": left - right, "*": left * right}[op]
    if found.group(0) in wrong:
        value += 1
    return str(value)


class ChatServer:
    """Serves until `stop()`; `url` is the OpenAI base URL (ending in /v1); `requests` counts."""

    def __init__(self, *, wrong: frozenset[str] = frozenset(), port: int = 0) -> None:
        server = self
        self.requests: list[dict[str, Any]] = []

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                return None

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.requests.append(body)
                if self.path.rstrip("/") != "/v1/chat/completions":
                    self.send_error(404)
                    return
                prompt = str(body["messages"][-1]["content"])
                text = answer(prompt, wrong)
                usage = {"prompt_tokens": 12, "completion_tokens": 1, "total_tokens": 13}
                base = {"id": "chatcmpl-1", "created": int(time.time()), "model": body["model"]}
                if body.get("stream"):
                    self._stream(base, text, usage)
                    return
                reply = {
                    **base,
                    "object": "chat.completion",
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": text},
                            "finish_reason": "stop",
                        }
                    ],
                    "usage": usage,
                }
                data = json.dumps(reply).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, base: dict[str, Any], text: str, usage: dict[str, int]) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                chunk = {"object": "chat.completion.chunk", **base}
                events = [
                    {
                        **chunk,
                        "choices": [{"index": 0, "delta": {"role": "assistant", "content": text}}],
                    },
                    {**chunk, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]},
                    {**chunk, "choices": [], "usage": usage},
                ]
                for event in events:
                    self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
                self.wfile.write(b"data: [DONE]\n\n")

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
