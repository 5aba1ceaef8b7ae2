"""The Slack bot: a Bolt app whose listeners call the core answer() and render with pure block builders."""
