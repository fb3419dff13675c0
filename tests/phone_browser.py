"""Headless Chromium (Debian's package) driven through its DevTools protocol over a websocket:
a 360 px phone with touch input, for the phone signing page's tests."""

from __future__ import annotations

import asyncio
import json
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

import aiohttp

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Phone:
    """``async with Phone() as phone``: a headless Chromium emulating a 360 x 740 phone."""

    def __init__(self, width: int = 360, height: int = 740):
        self.width, self.height = width, height
        self.n = 0

    async def __aenter__(self) -> Phone:
        # Chromium's helper processes may still write to the profile as it is removed.
        self.profile = tempfile.TemporaryDirectory(prefix="ikrar-chromium-",
                                                   ignore_cleanup_errors=True)
        port = free_port()
        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu",
             "--no-first-run", "--disable-extensions", f"--remote-debugging-port={port}",
             f"--user-data-dir={self.profile.name}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        tabs = None
        deadline = time.monotonic() + 30
        while tabs is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json", timeout=2) as r:
                    tabs = [t for t in json.load(r) if t["type"] == "page"]
            except OSError:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.2)
        self.session = aiohttp.ClientSession()
        self.ws = await self.session.ws_connect(tabs[0]["webSocketDebuggerUrl"], max_msg_size=0)
        await self.cmd("Emulation.setDeviceMetricsOverride", width=self.width,
                       height=self.height, deviceScaleFactor=2, mobile=True)
        await self.cmd("Emulation.setTouchEmulationEnabled", enabled=True, maxTouchPoints=1)
        await self.cmd("Page.enable")
        return self

    async def __aexit__(self, *exc) -> None:
        await self.ws.close()
        await self.session.close()
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.profile.cleanup()

    async def cmd(self, method: str, **params):
        self.n += 1
        mine = self.n
        await self.ws.send_json({"id": mine, "method": method, "params": params})
        while True:
            message = json.loads((await self.ws.receive(timeout=30)).data)
            if message.get("id") == mine:
                if "error" in message:
                    raise RuntimeError(message["error"])
                return message.get("result", {})

    async def js(self, expression: str):
        result = await self.cmd("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    async def wait_for(self, expression: str, timeout: float = 15.0):
        deadline = time.monotonic() + timeout
        while True:
            value = await self.js(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(expression)
            await asyncio.sleep(0.1)

    async def open(self, url: str) -> None:
        await self.cmd("Page.navigate", url=url)

    async def stroke(self, points: list[tuple[float, float]], force: float = 0.6) -> None:
        """One finger stroke through the points (page coordinates of the viewport)."""
        x, y = points[0]
        await self.cmd("Input.dispatchTouchEvent", type="touchStart",
                       touchPoints=[{"x": x, "y": y, "force": force}])
        for x, y in points[1:]:
            await self.cmd("Input.dispatchTouchEvent", type="touchMove",
                           touchPoints=[{"x": x, "y": y, "force": force}])
        await self.cmd("Input.dispatchTouchEvent", type="touchEnd", touchPoints=[])

    async def tap(self, element_id: str) -> None:
        box = await self.js(f"(function(){{var e=document.getElementById('{element_id}');"
                            "e.scrollIntoView({block:'center'});var r=e.getBoundingClientRect();"
                            "return [r.left+r.width/2, r.top+r.height/2];})()")
        await self.stroke([tuple(box)])
