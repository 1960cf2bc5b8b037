"""The Slack adapter: slack-bolt's AsyncApp over Socket Mode or signed HTTP requests."""
