"""Signing on the attendee's own phone over the venue's network: personal links (``links``)
and the web service that serves the phone page (``service``, aiohttp; no Qt)."""
