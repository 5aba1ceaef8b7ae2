"""The HTTP service's configuration: where it listens, who may call it, how much (CBCF_* variables)."""

from __future__ import annotations

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.links import check_base_url


class HTTPSettings(BaseSettings):
    """Listening address, access, limits and start-up behaviour of `cbcf serve`."""

    model_config = SettingsConfigDict(env_prefix="CBCF_", extra="ignore")

    host: str = Field("127.0.0.1", description="Address `cbcf serve` listens on.")
    port: int = Field(8000, ge=1, le=65535, description="Port `cbcf serve` listens on.")
    api_keys: str = Field("", description="Comma-separated bearer tokens for read endpoints; empty = open.")
    admin_token: str = Field("", description="Bearer token for document uploads and deletes; empty = disabled.")
    rate_limit_per_minute: int = Field(120, ge=0, description="Requests per client per minute; 0 = no limit.")
    auth_failures_per_minute: int = Field(
        10, ge=0, description="Failed authentications per client address per minute before 429; 0 = no limit."
    )
    rate_limit_storage: str = Field(
        "memory://", description="Where the limits count: memory:// (this process) or a shared redis:// store."
    )
    forwarded_allow_ips: str = Field(
        "", description="Proxies trusted to set X-Forwarded-For (comma-separated IPs or *); empty = trust none."
    )
    max_body_bytes: int = Field(65536, ge=1024, description="Largest JSON request body.")
    max_upload_bytes: int = Field(10_485_760, ge=1024, description="Largest uploaded statement file.")
    max_upload_units: int = Field(
        20_000, ge=1, description="Most sentences in one uploaded statement (422 beyond, nothing indexed)."
    )
    auto_ingest: bool = Field(True, description="Ingest the bundled statements at start-up if the index is empty.")
    public_base_url: str = Field(
        "",
        description="The service's public URL (https://host[/prefix]): citation links become absolute and Slack's "
        "sources link to the statement page; empty = relative links, none in Slack.",
    )

    @field_validator("public_base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        return check_base_url(value)

    @property
    def api_key_set(self) -> frozenset[str]:
        """The configured read API keys."""
        return frozenset(k.strip() for k in self.api_keys.split(",") if k.strip())
