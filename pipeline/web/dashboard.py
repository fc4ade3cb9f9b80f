"""The dashboard: one static page served by the worker's web server, reading /claims and /updates.

The page is plain HTML, CSS and JavaScript from `pipeline/web/static/` (no build step). Its chart library
is plotly.js as shipped inside the pinned `plotly` Python package (`plotly/package_data/plotly.min.js`),
served straight from site-packages, so `pip install` is the only set-up and nothing is vendored.

Assets are served from a fixed allow-list, never by joining a request path to a directory, so a
name like `../app.py` or `%2e%2e/settings.py` cannot reach any other file.
"""

from __future__ import annotations

import functools
import gzip
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

import faust
from faust.web import Request, Response, View

AssetOrigin = Literal["static", "plotly"]

# Name in the URL -> (where the file lives, its media type).
ASSETS: dict[str, tuple[AssetOrigin, str]] = {
    "app.js": ("static", "text/javascript; charset=utf-8"),
    "style.css": ("static", "text/css; charset=utf-8"),
    "plotly.min.js": ("plotly", "text/javascript; charset=utf-8"),
}
INDEX = "index.html"
# Our own files may change with each deploy; the chart library only with the pinned package.
OWN_CACHE_CONTROL = "no-cache"
LIBRARY_CACHE_CONTROL = "public, max-age=86400"


@dataclass(frozen=True)
class Asset:
    """One file the dashboard serves, ready to send."""

    name: str
    body: bytes
    content_type: str
    cache_control: str
    gzipped: bytes | None = None  # the same body gzip-compressed, for large files


# Beside this module, not via importlib.resources: an editable install can make `pipeline` a
# namespace package, for which importlib.resources.files() raises NotADirectoryError.
STATIC_DIR = Path(__file__).resolve().parent / "static"


def _static_bytes(name: str) -> bytes:
    return (STATIC_DIR / name).read_bytes()


@functools.lru_cache(maxsize=1)
def _plotly_asset() -> Asset:
    # 4.8 MB minified, about 1.4 MB gzipped: read and compress once per process.
    body = (resources.files("plotly") / "package_data" / "plotly.min.js").read_bytes()
    return Asset(
        "plotly.min.js", body, ASSETS["plotly.min.js"][1], LIBRARY_CACHE_CONTROL, gzip.compress(body, compresslevel=6)
    )


def static_asset(name: str) -> Asset | None:
    """The asset served at /static/{name}, or None when the name is not on the allow-list."""
    known = ASSETS.get(name)
    if known is None:
        return None
    origin, content_type = known
    if origin == "plotly":
        return _plotly_asset()
    return Asset(name, _static_bytes(name), content_type, OWN_CACHE_CONTROL)


def index_page() -> Asset:
    """The dashboard page itself."""
    return Asset(INDEX, _static_bytes(INDEX), "text/html; charset=utf-8", OWN_CACHE_CONTROL)


def accepts_gzip(accept_encoding: str) -> bool:
    """True when an Accept-Encoding header allows gzip (and does not refuse it with q=0)."""
    for part in accept_encoding.split(","):
        coding, _, params = part.partition(";")
        if coding.strip().lower() not in ("gzip", "*"):
            continue
        quality = params.strip().lower()
        if not quality.startswith("q="):
            return True
        try:
            return float(quality[2:]) > 0
        except ValueError:
            return False
    return False


def _send(web: View, asset: Asset, request: Request) -> Response:
    # Content-Type goes in the headers: aiohttp refuses a charset inside its content_type argument.
    headers = {
        "Content-Type": asset.content_type,
        "Cache-Control": asset.cache_control,
        "X-Content-Type-Options": "nosniff",
    }
    if asset.gzipped is not None and accepts_gzip(request.headers.get("Accept-Encoding", "")):
        headers.update({"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
        return web.bytes(asset.gzipped, headers=headers)
    return web.bytes(asset.body, headers=headers)


def register(app: faust.App) -> None:
    """Add the dashboard routes: `/` (the page) and `/static/{name}` (its script, styles and plotly.js)."""

    # Registered before Faust's own blueprints (applied when the server starts), so this "/" wins
    # over Faust's production index, which aiohttp tries later in registration order.
    @app.page("/", name="dashboard")
    async def dashboard_view(web: View, request: Request) -> Response:
        return _send(web, index_page(), request)

    @app.page("/static/{name}", name="dashboard_static")
    async def static_view(web: View, request: Request, name: str) -> Response:
        asset = static_asset(name)
        if asset is None:
            return web.json({"error": f"no dashboard asset named {name[:80]!r}"}, status=404)
        return _send(web, asset, request)
