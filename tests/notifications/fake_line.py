"""A small stand-in for the LINE Messaging API on 127.0.0.1, started by the test (real HTTP, not a mock).

It answers ``POST /v2/bot/message/push`` like LINE: checks the bearer token,
records the body and headers, refuses a retry key it has already accepted with
409, and can be told to fail the first n pushes with 500. ``sign`` makes the
``X-Line-Signature`` LINE puts on its webhook calls.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SECRET = "fake-channel-secret"
TOKEN = "fake-channel-token"


def sign(body: bytes, secret: str = SECRET) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


class FakeLine:
    def __init__(self, fail_first: int = 0):
        self.fail_remaining = fail_first
        self.accepted: list[dict] = []  # pushes LINE would deliver
        self.attempt_keys: list[str] = []  # the retry key of every attempt, failed or not
        self._seen_keys: set[str] = set()
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _reply(self, status: int, payload: dict) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if self.path != "/v2/bot/message/push":
                    return self._reply(404, {"message": "Not found"})
                if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                    return self._reply(401, {"message": "Authentication failed"})
                key = self.headers.get("X-Line-Retry-Key", "")
                with fake._lock:
                    fake.attempt_keys.append(key)
                    if fake.fail_remaining > 0:
                        fake.fail_remaining -= 1
                        return self._reply(500, {"message": "temporary failure"})
                    if key and key in fake._seen_keys:
                        return self._reply(409, {"message": "The retry key is already accepted"})
                    fake._seen_keys.add(key)
                    fake.accepted.append({"key": key, "body": json.loads(body)})
                return self._reply(200, {"sentMessages": [{"id": str(len(fake.accepted)), "quoteToken": "q"}]})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeLine:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def texts_to(self, line_user_id: str) -> list[str]:
        return [m["text"] for p in self.accepted if p["body"]["to"] == line_user_id for m in p["body"]["messages"]]


def webhook_body(line_user_id: str, text: str) -> bytes:
    """What LINE posts when a user sends ``text`` to the official account."""
    event = {
        "type": "message",
        "mode": "active",
        "timestamp": 1767225600000,
        "source": {"type": "user", "userId": line_user_id},
        "webhookEventId": "01HZZZZZZZZZZZZZZZZZZZZZZZ",
        "deliveryContext": {"isRedelivery": False},
        "replyToken": "reply-token",
        "message": {"id": "468789577898262530", "type": "text", "text": text, "quoteToken": "q"},
    }
    return json.dumps({"destination": "Uofficial", "events": [event]}).encode()
