"""User-facing surfaces over the answer engine: the CLI, the HTTP API and web page."""
