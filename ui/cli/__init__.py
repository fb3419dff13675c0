"""The headless commands: every one works without a screen and without Qt.

    python main.py event create --name NAME --date YYYY-MM-DD [...] [--json]
    python main.py event list [--all] [--json]
    python main.py event show EVENT [--json]
    python main.py event archive EVENT [--undo] [--json]
    python main.py event push EVENT --to URL [--replace] [--json]
    python main.py event pull EVENT --from URL [--replace] [--json]
    python main.py roster import EVENT FILE [--dry-run] [--json]
    python main.py roster list EVENT [--json]
    python main.py demo [--json]
    python main.py checkin EVENT (--nip NIP | --token TOKEN | --name TEXT) [--desk NAME]
                   [--operator NAME] [--json]
    python main.py checkin-undo EVENT (--nip NIP | --token TOKEN | --name TEXT) --reason TEXT
                   [--desk NAME] [--operator NAME] [--json]
    python main.py invitations EVENT --out FILE.pdf [--nip NIP ...] [--json]
    python main.py export EVENT --what certificates|attendance|attendance-pdf|attendance-blank|
                   minutes|public|public-csv --out PATH [--combined]
                   [--pades [--p12 FILE.p12] | --no-pades] [--json]
    python main.py pledge list [--json]
    python main.py pledge show EVENT [--json]
    python main.py pledge use EVENT TEMPLATE [--json]
    python main.py signature list EVENT [--json]
    python main.py signature render EVENT (ATTENDEE_ID | saksi) --out FILE.png
                   [--width PX] [--background transparent|white] [--json]
    python main.py key create [--label TEXT] [--json]
    python main.py key list [--json]
    python main.py key export --out FILE.pem [--json]
    python main.py key import FILE.pem [--label TEXT] [--json]
    python main.py seal EVENT [--json]
    python main.py verify FILE|-|--code ABCDE-FGHIJ [--key PUBLIC_KEY.pem] [--json]
    python main.py audit verify EVENT [--head HASH] [--key PUBLIC_KEY.pem] [--json]
    python main.py audit checkpoint EVENT [--json]
    python main.py audit show EVENT [--json]

EVENT is an event's id or its exact name. ``--db PATH_OR_URL`` chooses the database.
The seal key's passphrase comes from IKRAR_KEY_PASSPHRASE, else it is asked on the terminal;
a .p12 file's (``export --pades --p12``) from IKRAR_P12_PASSPHRASE, else the terminal.
Exit codes: 0 done, 1 failed (e.g. not signed yet), 2 bad command line, 3 already checked in;
``verify``: 0 authentic, 1 unreadable, 3 altered, 4 unknown key, 5 unproven (a PDF without
the organizer's digital signature); ``audit verify``: 0 intact,
3 broken.

``run`` holds the parser and the dispatch; ``common`` what every command shares (the errors, the
answer as text or JSON, the passphrase, opening the store); one module per command group:
``event``, ``roster``, ``desk``, ``documents``, ``pledge``, ``evidence``. The domain is imported
inside each command, so that starting the GUI or asking for ``--help`` stays quick.
"""
