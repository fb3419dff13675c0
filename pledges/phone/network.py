"""This machine's own network addresses, and which of them the phone service answers on.

On the day the phones and the laptop share one Wi-Fi (README, "Tanda Tangan lewat Ponsel"):
the organizer reads here the addresses to put in the QR, and :func:`answering` asks the
service's ``/ping`` on each of them (connections to this machine only), so a firewall that
drops the port shows up before the first guest scans.
"""

from __future__ import annotations

import ipaddress
import json
import shutil
import socket
import subprocess
import urllib.error
import urllib.request

__all__ = ["answering", "local_addresses"]


def _from_ip_command() -> list[str]:
    ip = shutil.which("ip")
    if ip is None:
        return []
    try:
        done = subprocess.run([ip, "-j", "-4", "addr", "show"], capture_output=True,
                              text=True, timeout=3, check=True)
        interfaces = json.loads(done.stdout)
    except (OSError, subprocess.SubprocessError, ValueError):
        return []
    found = []
    for interface in interfaces:
        for info in interface.get("addr_info", []):
            if info.get("family") == "inet" and info.get("local"):
                found.append(str(info["local"]))
    return found


def local_addresses(include_loopback: bool = False) -> list[str]:
    """This machine's IPv4 addresses (the LAN's first), loopback only when asked."""
    found = _from_ip_command()
    if not found:
        try:
            found = [str(info[4][0]) for info in socket.getaddrinfo(
                socket.gethostname(), None, socket.AF_INET)]
        except OSError:
            found = []
    out = []
    for text in dict.fromkeys(found):
        address = ipaddress.ip_address(text)
        if address.is_loopback and not include_loopback:
            continue
        out.append(text)
    out.sort(key=lambda a: (ipaddress.ip_address(a).is_loopback,
                            not ipaddress.ip_address(a).is_private))
    return out


def answering(hosts: list[str], port: int, timeout: float = 1.0) -> dict[str, bool]:
    """host -> whether the service answers its ``/ping`` there (hosts of this machine)."""
    result = {}
    for host in hosts:
        url = f"http://[{host}]:{port}/ping" if ":" in host else f"http://{host}:{port}/ping"
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
                result[host] = response.status == 200 and json.load(response).get("ok") is True
        except (OSError, urllib.error.URLError, ValueError):
            result[host] = False
    return result
