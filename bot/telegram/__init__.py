"""The Telegram adapter: python-telegram-bot 22 started inside the service's event loop."""
