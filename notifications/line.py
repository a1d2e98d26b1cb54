"""LINE Messaging API through line-bot-sdk v3: push a short text; read the webhook (signature checked)."""

from __future__ import annotations

import uuid

from django.conf import settings
from linebot.v3 import WebhookParser
from linebot.v3.exceptions import InvalidSignatureError
from linebot.v3.messaging import ApiClient, ApiException, Configuration, MessagingApi, PushMessageRequest, TextMessage
from linebot.v3.webhooks import MessageEvent, TextMessageContent

RETRY_NAMESPACE = uuid.UUID("5f0d6a4e-7c1b-4d8e-9a51-3c0e2b7d9f10")


def enabled() -> bool:
    return bool(settings.LINE_CHANNEL_SECRET and settings.LINE_CHANNEL_ACCESS_TOKEN)


def retry_key(delivery_id: int) -> str:
    """The same key for every attempt of one delivery: LINE accepts it once (X-Line-Retry-Key)."""
    return str(uuid.uuid5(RETRY_NAMESPACE, f"delivery:{delivery_id}"))


def push(*, to: str, text: str, delivery_id: int) -> None:
    """Send one text message; raises on any refusal (the caller retries with the same key)."""
    config = Configuration(host=settings.LINE_API_BASE, access_token=settings.LINE_CHANNEL_ACCESS_TOKEN)
    with ApiClient(config) as client:
        try:
            MessagingApi(client).push_message(
                PushMessageRequest(to=to, messages=[TextMessage(text=text[:4900])]),
                x_line_retry_key=retry_key(delivery_id),
            )
        except ApiException as exc:
            if exc.status == 409:  # this retry key was accepted before: the message already went
                return
            raise


def text_messages(body: str, signature: str) -> list[tuple[str, str]]:
    """``[(LINE user id, text)]`` of the webhook's text messages; ``InvalidSignatureError`` when forged."""
    events = WebhookParser(settings.LINE_CHANNEL_SECRET).parse(body, signature)
    found = []
    for event in events:
        if isinstance(event, MessageEvent) and isinstance(event.message, TextMessageContent):
            user_id = getattr(event.source, "user_id", None)
            if user_id:
                found.append((user_id, event.message.text))
    return found


__all__ = ["InvalidSignatureError", "enabled", "push", "retry_key", "text_messages"]
