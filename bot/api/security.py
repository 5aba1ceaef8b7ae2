"""Response headers that keep browsers safe on the page and the API: no inline script, no sniffing, no framing."""

from __future__ import annotations

# The page loads its script and styles from /static only. The API docs page (/docs) is FastAPI's Swagger UI,
# whose start-up script is inline, so it alone may run inline script.
PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"
)
DOCS_POLICY = PAGE_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)


def security_headers(path: str) -> list[tuple[bytes, bytes]]:
    """The headers added to every response of a path."""
    policy = DOCS_POLICY if path == "/docs" else PAGE_POLICY
    return [
        (b"content-security-policy", policy.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"no-referrer"),
    ]
