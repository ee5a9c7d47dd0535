"""Typed async client for the Leaseweb Public Cloud VPS API.

Imports nothing from the UI, the simulator or Textual, so it can be used on its own.
"""

from .base import (
    DEFAULT_BASE_URL,
    DEFAULT_DEADLINE,
    DEFAULT_TIMEOUT,
    USER_AGENT,
    RequestRecord,
    RetryWait,
    validate_api_key,
)
from .bodies import MAX_RESPONSE_BYTES
from .client import ImageFilters, LeasewebClient, ReinstallImageFilters, VpsFilters
from .errors import (
    ApiConnectionError,
    ApiError,
    InvalidResponseError,
    ReadOnlyError,
    flatten_error_details,
)
from .models import (
    Accepted,
    Console,
    Credential,
    CredentialWithPassword,
    Image,
    Ip,
    IpDetails,
    IsoImage,
    ItemList,
    MarketApp,
    Metadata,
    Page,
    Region,
    Snapshot,
    TrafficMetrics,
    VpsDetails,
    VpsSummary,
)
from .pagination import paginate
from .redact import redacted_url
from .safe_text import safe_text

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_DEADLINE",
    "DEFAULT_TIMEOUT",
    "MAX_RESPONSE_BYTES",
    "USER_AGENT",
    "Accepted",
    "ApiConnectionError",
    "ApiError",
    "Console",
    "Credential",
    "CredentialWithPassword",
    "Image",
    "ImageFilters",
    "InvalidResponseError",
    "Ip",
    "IpDetails",
    "IsoImage",
    "ItemList",
    "LeasewebClient",
    "MarketApp",
    "Metadata",
    "Page",
    "ReadOnlyError",
    "Region",
    "ReinstallImageFilters",
    "RequestRecord",
    "RetryWait",
    "Snapshot",
    "TrafficMetrics",
    "VpsDetails",
    "VpsFilters",
    "VpsSummary",
    "flatten_error_details",
    "paginate",
    "redacted_url",
    "safe_text",
    "validate_api_key",
]
