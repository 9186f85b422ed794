"""Screenshots of the docs site for the README: an entry page and a search, light and dark.

    python3 docs/screenshots/take.py

Builds the site, serves it on 127.0.0.1 under /tfexplain/ and drives Debian's
Chromium with Playwright, like tests/test_browser.py; writes the PNGs beside
this script.
"""

from __future__ import annotations

import functools
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from explainer.site import build  # noqa: E402

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
QUERY = (
    "InvalidArgumentError: {{function_node __wrapped__MatMul_device_/job:localhost/replica:0/task:0/device:CPU:0}} "
    "Matrix size-incompatible: In[0]: [2,2], In[1]: [3,2] [Op:MatMul] name:"
)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp) / "www" / "tfexplain")
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(Path(tmp) / "www")))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/tfexplain/"
        try:
            with sync_playwright() as p:
                ctx = p.chromium.launch_persistent_context(
                    str(Path(tmp) / "profile"),
                    executable_path="/usr/bin/chromium",
                    args=ARGS,
                    headless=True,
                    viewport={"width": 1000, "height": 1100},
                )
                page = ctx.new_page()
                page.goto(base + "index.html")
                page.fill("#q", QUERY)
                page.press("#q", "Enter")
                page.screenshot(path=str(HERE / "search.png"))
                page.goto(base + "entries/matmul-inner-dim/index.html")
                page.screenshot(path=str(HERE / "entry.png"), full_page=True)
                page.emulate_media(color_scheme="dark")
                page.set_viewport_size({"width": 390, "height": 844})
                page.goto(base + "entries/label-out-of-range-sparse-ce/index.html")
                page.screenshot(path=str(HERE / "entry-phone-dark.png"))
                ctx.close()
        finally:
            server.shutdown()
    for name in ("search.png", "entry.png", "entry-phone-dark.png"):
        print(HERE / name)


if __name__ == "__main__":
    main()
