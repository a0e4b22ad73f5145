"""How politely and how far the fetcher goes: one object, filled from CLI options or code."""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FetchSettings", "AGENT_TOKEN", "VERSION"]

AGENT_TOKEN = "vndiplo"  # the name robots.txt rules address
VERSION = "0.1.0"


@dataclass
class FetchSettings:
    delay: float = 2.0  # seconds between two requests to the same host (robots.txt may ask for more)
    max_crawl_delay: float = 60.0  # a robots.txt Crawl-delay above this is cut to it
    timeout: float = 20.0  # seconds to connect, or to wait for the next bytes
    max_time: float = 120.0  # seconds for a whole response, however slowly it trickles in
    retries: int = 3  # further tries after a 429, a 5xx, a timeout or a dropped connection
    backoff: float = 2.0  # first wait before a retry; doubles each time
    max_retry_wait: float = 300.0  # a Retry-After longer than this gives up on the page instead
    max_bytes: int = 5 * 1024 * 1024  # refused above this, counted after decompression
    max_redirects: int = 5
    contact: str | None = None  # a URL or address for site owners, put in the User-Agent
    respect_robots: bool = True
    proxy: str | None = None  # an HTTP proxy for every request (also read from HTTP_PROXY)

    @property
    def user_agent(self) -> str:
        contact = f"; +{self.contact}" if self.contact else ""
        return f"{AGENT_TOKEN}/{VERSION} (Vietnamese foreign-affairs news reader{contact})"
