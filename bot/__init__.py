"""riskbot's outer layer: settings, storage, feeds, delivery, chat adapters and the CLI."""

__version__ = "0.1.0"
