"""Dashboard routes and page: allow-listed assets only, plotly.js from the pinned package, semantic HTML.

The routes are exercised through Faust's own aiohttp web app in process (no broker needed: the
views only read files), so the path-traversal checks go through the real router and URL decoding.
"""

from __future__ import annotations

import asyncio
import gzip
import re
from html.parser import HTMLParser
from typing import Any

import faust
import pytest
from aiohttp.test_utils import TestClient, TestServer

from pipeline.web import dashboard


def fetch(paths: list[str], headers: dict[str, str] | None = None) -> list[tuple[int, str, bytes]]:
    """GET each path from a Faust app with only the dashboard (and Faust's own blueprints) routed."""

    async def run() -> list[tuple[int, str, bytes]]:
        app = faust.App("dashboard-unit", web_enabled=True)
        dashboard.register(app)
        app.web.init_server()  # applies Faust's blueprints, including its JSON index at "/"
        results = []
        async with TestClient(TestServer(app.web.web_app)) as client:
            for path in paths:
                response = await client.get(path, headers=headers or {}, auto_decompress=False)
                results.append((response.status, response.headers.get("Content-Type", ""), await response.read()))
        return results

    return asyncio.run(run())


@pytest.mark.parametrize(
    "name",
    [
        "../app.py",
        "..",
        "../../pyproject.toml",
        "/etc/passwd",
        "dashboard.py",
        "index.html",
        "app.js.map",
        "",
        "APP.JS",
        "app.js/",
        "static/app.js",
        "..\\app.py",
        "app.js\x00",
    ],
)
def test_static_asset_refuses_anything_not_on_the_allow_list(name: str) -> None:
    assert dashboard.static_asset(name) is None


def test_static_route_answers_404_to_traversal_and_unknown_files() -> None:
    paths = [
        "/static/../app.py",
        "/static/..%2Fapp.py",
        "/static/%2e%2e%2fsettings.py",
        "/static/..%5capp.py",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "/static/nope.js",
        "/static/dashboard.py",
        "/static/",
    ]
    for path, (status, _, body) in zip(paths, fetch(paths), strict=True):
        assert status == 404, path
        assert b"import" not in body and b"[project]" not in body, path


def test_page_and_assets_are_served_with_their_types() -> None:
    (page, js, css) = fetch(["/", "/static/app.js", "/static/style.css"])
    assert page[0] == 200 and page[1].startswith("text/html") and b'id="claims-table"' in page[2]
    assert js[0] == 200 and js[1].startswith("text/javascript") and b"POLL_MS" in js[2]
    assert css[0] == 200 and css[1].startswith("text/css")


def test_plotly_comes_from_the_installed_package_gzipped_when_asked() -> None:
    from importlib.metadata import version

    asset = dashboard.static_asset("plotly.min.js")
    assert asset is not None and asset.gzipped is not None
    assert asset.body.lstrip().startswith(b"/**\n* plotly.js v")
    assert gzip.decompress(asset.gzipped) == asset.body
    assert version("plotly")  # the pinned package, not a copy in the repository
    ((status, ctype, body),) = fetch(["/static/plotly.min.js"], {"Accept-Encoding": "gzip, deflate"})
    assert status == 200 and ctype.startswith("text/javascript") and body == asset.gzipped


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip, deflate, br", True),
        ("br;q=1.0, gzip;q=0.8", True),
        ("*", True),
        ("", False),
        ("deflate", False),
        ("gzip;q=0", False),
        ("gzip;q=0.000", False),
        ("gzip;q=oops", False),
    ],
)
def test_accepts_gzip(header: str, expected: bool) -> None:
    assert dashboard.accepts_gzip(header) is expected


class _Outline(HTMLParser):
    """Collects what the accessibility checks need from index.html."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.header_cells: list[dict[str, Any]] = []
        self.inputs: list[dict[str, Any]] = []
        self.label_for: set[str] = set()
        self.live: list[dict[str, Any]] = []
        self.srcs: list[str] = []
        self.html_lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.html_lang = values.get("lang")
        if tag == "th" and "thead" in self.stack:
            self.header_cells.append(values)
        if tag in ("input", "select", "textarea"):
            self.inputs.append(values)
        if tag == "label" and values.get("for"):
            self.label_for.add(str(values["for"]))
        if values.get("aria-live"):
            self.live.append(values)
        for name in ("src", "href"):
            if str(values.get(name) or "").startswith("/static/"):
                self.srcs.append(str(values[name]))
        if tag not in ("input", "link", "meta", "br", "img"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            del self.stack[len(self.stack) - 1 - self.stack[::-1].index(tag) :]


def outline() -> _Outline:
    parsed = _Outline()
    parsed.feed(dashboard.index_page().body.decode("utf-8"))
    return parsed


def test_page_is_semantic_html() -> None:
    page = outline()
    assert page.html_lang == "en"
    assert page.header_cells and all(cell.get("scope") == "col" for cell in page.header_cells)
    assert page.inputs and all(i.get("id") in page.label_for for i in page.inputs), "every input has a label"
    assert any(region.get("id") == "updates" and region["aria-live"] == "polite" for region in page.live)


def test_page_references_only_served_assets() -> None:
    script = (dashboard.STATIC_DIR / "app.js").read_text(encoding="utf-8")
    referenced = set(outline().srcs) | set(re.findall(r"/static/[\w.\-]+", script))
    assert referenced == {"/static/style.css", "/static/app.js", "/static/plotly.min.js"}
    assert all(dashboard.static_asset(path.removeprefix("/static/")) is not None for path in referenced)
