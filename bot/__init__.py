"""User-facing surfaces over the answer engine: the CLI now; HTTP and Slack to come."""
