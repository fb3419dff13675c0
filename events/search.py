"""Search as you type over an event's roster, for the check-in desk. No Qt.

What a typed query finds (issue 3, point 1):

- Case- and accent-insensitive; apostrophes are ignored ("ma'ruf" = "maruf", "des" finds "Désy").
- Every typed word must match the start of a *distinct* word of the person: "bud san" finds
  "Dr. H. Budi Santoso, M.Si.", in any order ("san bud" too), but "bu bud" needs two words.
- Academic, professional and religious titles are not words: before the name (Dr., Drs., Dra.,
  Prof., Ir., H., Hj., Ns., apt. ...), and after it (S.Sos., M.Si., S.E., A.Md., Lc., MPA ...;
  after the first comma, anything with a dot). See :func:`name_words`.
- A typed title that is not the last word is skipped ("dr budi" finds every Budi); the last word
  is never skipped, since it may be the start of a name still being typed ("h" -> "Hesti").
- Digits: a query made only of digits, spaces, dots and dashes is also a NIP/NIK: with 4 or more
  digits it finds every NIP or NIK containing them (those starting with them first).
- Words of the unit (Unit Kerja) or institution match too, below every name match; a person
  may match some typed words by name and others by unit ("budi kesehatan").

Ranking, best first:

0. the name (without titles) starts with the query as typed: "budi san" -> "Budi Santoso";
1. every typed word starts a word of the name: the earlier the words, the better (sum of the
   word positions), words in typed order before the same words out of order;
2. NIP/NIK digits: prefix before substring;
3. some typed word matched only the unit or institution.

Ties are broken alphabetically by the name without titles (then by id, so the order is stable).

An empty query (or one without any letter or digit) finds nobody: at the desk an empty field
means "ready for the next person", and Enter on it must not check in whoever happens to be first.

Cost: normalised words are computed once per attendee; word prefixes of 1-3 characters map
straight to sets of ids (by word position for names), longer prefixes are found by bisecting a
sorted vocabulary. A keystroke intersects one set per typed word and ranks only as many people
as it returns.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from bisect import bisect_left, insort
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from events.ids import digits
from events.model import Attendee

# Titles written before a name, without dots, lower case.
LEADING_TITLES = frozenset({
    "dr", "drs", "dra", "drg", "drh", "prof", "ir", "h", "hj", "kh", "ns", "apt", "hc", "tgh",
    "ust", "ustadz", "ustadzah",
})
# Degrees and professional titles written after a name, without dots, lower case.
DEGREES = frozenset({
    # sarjana
    "se", "sh", "st", "ssos", "skom", "spd", "sip", "sag", "ssi", "skm", "sked", "skep", "sfarm",
    "sgz", "sak", "sp", "spt", "shut", "stp", "spi", "spsi", "shum", "ssn", "sds", "sikom",
    "sth", "spdi", "shi", "sei", "sthi", "ssy", "sksos", "sst", "str", "strkes", "sn", "sos",
    "sstp", "sik", "skg", "sko", "sosi",
    # magister, doktor
    "msi", "mm", "mpd", "mh", "mt", "mkes", "mkom", "mag", "mak", "mhum", "mpsi", "mpa", "mph",
    "mkn", "msc", "mba", "ma", "meng", "mars", "mkm", "mtp", "mip", "mpdi", "mhi", "mei", "map",
    "me", "msp", "mp", "ms", "mbiomed", "mkp", "msm", "mim", "phd", "dsc", "llm",
    # diploma
    "amd", "amdkep", "amdkeb", "amdkes", "amdkom", "amdfarm", "amk", "amkeb", "amkep", "amg",
    "amf", "amak", "ampd",
    # profesi and others
    "ners", "apt", "ak", "ca", "cpa", "cia", "qia", "lc", "ba", "bsc", "bba",
    # dokter spesialis
    "sppd", "spog", "spa", "spb", "sprad", "spkj", "spm", "spthtkl", "sps", "sppk", "spjp",
    "spkk", "spot", "span", "spu", "sprm", "spf", "spkfr", "spbs",
})
_TITLES = LEADING_TITLES | DEGREES

_APOSTROPHES = str.maketrans("", "", "'\u2019\u2018`\u02bc")
_WORD = re.compile(r"[^\W_]+")
_DIGIT_QUERY = re.compile(r"[\d\s.\-/]+")
_SHORT = 3  # prefixes up to this length map straight to id sets


def fold(text: str) -> str:
    """Lower case without accents or apostrophes: "Ma'rüf" -> "maruf"."""
    text = text.translate(_APOSTROPHES)
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return text.lower()


def words(text: str) -> list[str]:
    """The folded words of a text: letters and digits, split at anything else."""
    return _WORD.findall(fold(text))


def _key(chunk: str) -> str:
    return "".join(_WORD.findall(chunk))


def _split_head(chunk: str) -> list[str]:
    """One space-separated piece of a name before its first comma, as title-sized pieces:
    "s.sos" stays whole (a degree), "dr.h.budi" and "hj.siti" come apart, "moh.ali" too."""
    key = _key(chunk)
    if key in _TITLES or "." not in chunk.strip("."):
        return [chunk]
    parts = [p for p in chunk.split(".") if _key(p)]
    if parts and _key(parts[0]) not in LEADING_TITLES and len(parts) >= 3 \
            and all(len(_key(p)) <= 4 for p in parts):
        return [chunk]  # "s.tr.kes", "s.sos.m.si": glued degrees, not a name
    return parts


def name_words(name: str) -> list[str]:
    """The words of a person's name that search matches: folded, without titles.

    Titles go from the front while they are leading titles ("Prof. Dr. Ir. H."), and from the
    back while they are degrees ("S.E. M.M.", "SE MM"); everything after the first comma is a
    title when it is a known one or has a dot in it. A real name part that looks like a title
    in the middle of the name stays ("Budi H. Santoso"), and so does everything when the name
    is nothing but titles. Matches whole pieces, so "Irfan" is never mistaken for "Ir.".

    >>> name_words("Dr. H. Budi Santoso, M.Si.")
    ['budi', 'santoso']
    """
    folded = fold(name)
    head, _comma, tail = folded.partition(",")
    pieces = [p for chunk in head.split() for p in _split_head(chunk)]
    start, end = 0, len(pieces)
    while start < end and _key(pieces[start]) in LEADING_TITLES:
        start += 1
    while end - 1 > start and _is_trailing_title(pieces[end - 1]):
        end -= 1
    found = [w for p in pieces[start:end] for w in _WORD.findall(p)]
    for chunk in tail.split():
        if "." in chunk or _key(chunk) in _TITLES:
            continue
        found.extend(_WORD.findall(chunk))
    return found or _WORD.findall(folded)


def _is_trailing_title(piece: str) -> bool:
    key = _key(piece)
    return key in DEGREES or (piece.strip(".").count(".") >= 2 and len(key) <= 10)


_digits = digits


@dataclass(frozen=True, slots=True)
class _Entry:
    attendee: Attendee
    id: int  # the attendee's id, known to be set
    name: tuple[str, ...]  # name words, titles removed
    unit: tuple[str, ...]  # unit and institution words
    key: str  # name words joined by spaces: the sort key and the full-name-start test
    digits: tuple[str, ...]  # NIP and NIK, digits only


class SearchIndex:
    """The desk's search over one event's attendees (see the module docstring for the rules).

    Attendees are identified by ``Attendee.id``, which must be set.
    """

    def __init__(self, attendees: Iterable[Attendee] = ()) -> None:
        self._entries: dict[int, _Entry] = {}
        self._order: list[tuple[str, int]] = []  # (key, id), alphabetical
        # name word prefixes of 1-3 characters -> ids by word position, and any position
        self._name_pos: dict[str, list[set[int]]] = {}
        self._name_any: dict[str, set[int]] = {}
        self._name_words: dict[str, dict[int, int]] = {}  # word -> {id: first position}
        self._name_vocab: list[str] = []  # sorted keys of _name_words
        self._unit_any: dict[str, set[int]] = {}
        self._unit_words: dict[str, set[int]] = {}
        self._unit_vocab: list[str] = []
        self._blob: tuple[str, int, list[int]] | None = None  # NIP/NIK slots, width, ids
        for attendee in {a.id: a for a in attendees}.values():  # the last copy of an id wins
            entry = self._index(attendee)
            self._order.append((entry.key, entry.id))
        self._order.sort()
        self._name_vocab = sorted(self._name_words)
        self._unit_vocab = sorted(self._unit_words)
        self._digit_matches("0")  # builds the NIP/NIK text now, not on the first keystroke

    # -- contents --------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, attendee_id: object) -> bool:
        return attendee_id in self._entries

    def get(self, attendee_id: int) -> Attendee | None:
        entry = self._entries.get(attendee_id)
        return entry.attendee if entry else None

    def attendees(self) -> list[Attendee]:
        """Everyone, in the order they were added (roster order)."""
        return [e.attendee for e in self._entries.values()]

    def add(self, attendee: Attendee) -> None:
        """Add a person (a walk-in); an id already known is updated instead."""
        if attendee.id in self._entries:
            self.update(attendee)
            return
        entry = self._index(attendee)
        insort(self._order, (entry.key, entry.id))
        self._add_vocab(entry)

    def update(self, attendee: Attendee) -> None:
        """Replace a person's data (name, unit, NIP ... changed), keeping their roster place."""
        old = self._entries.get(attendee.id) if attendee.id is not None else None
        if old is None:
            self.add(attendee)
            return
        self._unindex(old)
        entry = self._index(attendee)
        insort(self._order, (entry.key, entry.id))
        self._add_vocab(entry)

    def remove(self, attendee_id: int) -> None:
        """Forget a person; an unknown id is ignored."""
        entry = self._entries.pop(attendee_id, None)
        if entry is not None:
            self._unindex(entry)

    # -- search ----------------------------------------------------------------------------------

    def search(self, text: str, limit: int | None = 50) -> list[Attendee]:
        """The people matching ``text``, best first, at most ``limit`` (None: all)."""
        return [self._entries[i].attendee for i in self.search_ids(text, limit)]

    def search_ids(self, text: str, limit: int | None = 50) -> list[int]:
        """Like :meth:`search`, the attendee ids only."""
        limit = len(self._entries) if limit is None else limit
        typed = _query_words(text)
        digit_query = _DIGIT_QUERY.fullmatch(text.strip()) is not None if text else False
        if limit <= 0 or not typed:
            return []
        found: list[int] = []
        seen: set[int] = set()

        def take(ids: Iterable[int]) -> bool:
            """Append ids not yet found; True when the limit is reached."""
            for i in ids:
                if i not in seen:
                    seen.add(i)
                    found.append(i)
                    if len(found) >= limit:
                        return True
            return False

        # 0: the name starts with the query as typed (alphabetical already)
        if take(self._name_starts(" ".join(typed), limit)):
            return found
        # 1: every typed word starts a distinct word of the name
        if take(self._by_name(typed, seen, limit - len(found))):
            return found
        # 2: NIP/NIK digits
        digits = _digits(text) if digit_query else ""
        if len(digits) >= 4:
            prefix, inside = self._digit_matches(digits)
            if take(self._alphabetical(prefix - seen, limit - len(found))):
                return found
            if take(self._alphabetical(inside - seen, limit - len(found))):
                return found
        # 3: unit or institution words (some typed words may match the name)
        take(self._by_unit(typed, seen, limit - len(found)))
        return found

    def _name_starts(self, text: str, limit: int) -> Iterable[int]:
        order = self._order
        i = bisect_left(order, (text,))
        stop = min(len(order), i + limit)
        while i < stop and order[i][0].startswith(text):
            yield order[i][1]
            i += 1

    def _by_name(self, typed: list[str], seen: set[int], need: int) -> list[int]:
        if len(typed) == 1:
            # The position sets give the order straight away: no per-person work.
            out: list[int] = []
            for group in self._name_positions(typed[0])[1:]:
                if len(out) >= need:
                    break
                out.extend(self._alphabetical(group - seen - set(out), need - len(out)))
            return out
        sets = sorted((self._name_set(w) for w in typed), key=len)
        candidates = set.intersection(*sets) - seen if sets[0] else set()
        distinct = _needs_distinct(typed)
        ranked = []
        for i in candidates:
            entry = self._entries[i]
            if distinct and not _assignable(typed, entry.name):
                continue
            positions = [_first_start(entry.name, w) for w in typed]
            out_of_order = any(a > b for a, b in zip(positions, positions[1:], strict=False))
            ranked.append((sum(positions), out_of_order, entry.key, i))
        return [r[3] for r in heapq.nsmallest(need, ranked)]

    def _by_unit(self, typed: list[str], seen: set[int], need: int) -> list[int]:
        sets = [self._unit_set(w) for w in typed]
        if len(typed) == 1:
            return self._alphabetical(sets[0] - seen, need)
        if not any(sets):
            return []
        sets = sorted((self._name_set(w) | u for w, u in zip(typed, sets, strict=True)), key=len)
        candidates = set.intersection(*sets) - seen
        if not _needs_distinct(typed):
            return self._alphabetical(candidates, need)

        def valid(i: int) -> bool:
            entry = self._entries[i]
            return _assignable(typed, entry.name + entry.unit)

        return self._alphabetical(candidates, need, valid)

    def _alphabetical(self, group: set[int], need: int,
                      valid: Callable[[int], bool] | None = None) -> list[int]:
        """The first ``need`` ids of ``group`` in name order (those ``valid`` accepts)."""
        if need <= 0 or not group:
            return []
        out: list[int] = []
        if len(group) * len(group) > need * len(self._order):
            # A large share of everyone: walk the alphabetical list until enough are found.
            for _key_text, i in self._order:
                if i in group and (valid is None or valid(i)):
                    out.append(i)
                    if len(out) >= need:
                        break
            return out
        entries = self._entries
        for i in sorted(group, key=lambda i: (entries[i].key, i)):
            if valid is None or valid(i):
                out.append(i)
                if len(out) >= need:
                    break
        return out

    def _digit_matches(self, digits: str) -> tuple[set[int], set[int]]:
        """Ids whose NIP/NIK starts with ``digits``, and those that only contain them."""
        if self._blob is None:
            # Every NIP/NIK in a slot of the same width, so a match's place gives its owner.
            values = [(i, v) for i, e in self._entries.items() for v in e.digits]
            width = max((len(v) for _i, v in values), default=0) + 1
            self._blob = ("".join(v.ljust(width, "\n") for _i, v in values),
                          width, [i for i, _v in values])
        blob, width, owners = self._blob
        prefix: set[int] = set()
        inside: set[int] = set()
        for match in re.finditer(digits, blob):
            slot, offset = divmod(match.start(), width)
            (inside if offset else prefix).add(owners[slot])
        return prefix, inside - prefix

    # -- prefix lookups --------------------------------------------------------------------------

    def _name_positions(self, prefix: str) -> list[set[int]]:
        """Ids whose name word at position p starts with ``prefix``, for each p."""
        if len(prefix) <= _SHORT:
            return self._name_pos.get(prefix, [])
        buckets: list[set[int]] = []
        for word in _vocab_range(self._name_vocab, prefix):
            for i, pos in self._name_words[word].items():
                while len(buckets) <= pos:
                    buckets.append(set())
                buckets[pos].add(i)
        return buckets

    def _name_set(self, prefix: str) -> set[int]:
        return _prefix_set(prefix, self._name_any, self._name_vocab, self._name_words)

    def _unit_set(self, prefix: str) -> set[int]:
        return _prefix_set(prefix, self._unit_any, self._unit_vocab, self._unit_words)

    # -- maintenance -----------------------------------------------------------------------------

    def _index(self, attendee: Attendee) -> _Entry:
        """Store an entry and its prefixes; the caller keeps _order and the vocabularies."""
        i = attendee.id
        if i is None:
            raise ValueError(f"an attendee needs an id to be searched: {attendee.name!r}")
        name = tuple(name_words(attendee.name))
        unit = tuple(dict.fromkeys(words(attendee.unit) + words(attendee.institution)))
        digits = tuple(d for d in (_digits(attendee.nip), _digits(attendee.nik)) if d)
        entry = _Entry(attendee, i, name, unit, " ".join(name), digits)
        self._entries[i] = entry
        self._blob = None
        for pos, word in enumerate(name):
            self._name_words.setdefault(word, {}).setdefault(i, pos)
            for n in range(1, min(_SHORT, len(word)) + 1):
                prefix = word[:n]
                buckets = self._name_pos.setdefault(prefix, [])
                while len(buckets) <= pos:
                    buckets.append(set())
                buckets[pos].add(i)
                self._name_any.setdefault(prefix, set()).add(i)
        for word in unit:
            self._unit_words.setdefault(word, set()).add(i)
            for n in range(1, min(_SHORT, len(word)) + 1):
                self._unit_any.setdefault(word[:n], set()).add(i)
        return entry

    def _add_vocab(self, entry: _Entry) -> None:
        for vocab, new in ((self._name_vocab, entry.name), (self._unit_vocab, entry.unit)):
            for word in new:
                k = bisect_left(vocab, word)
                if k == len(vocab) or vocab[k] != word:
                    vocab.insert(k, word)

    def _unindex(self, entry: _Entry) -> None:
        i = entry.id
        self._blob = None
        k = bisect_left(self._order, (entry.key, i))
        if k < len(self._order) and self._order[k] == (entry.key, i):
            del self._order[k]
        for pos, word in enumerate(entry.name):
            postings = self._name_words.get(word, {})
            postings.pop(i, None)
            if not postings:
                self._name_words.pop(word, None)
                _vocab_discard(self._name_vocab, word)
            for n in range(1, min(_SHORT, len(word)) + 1):
                prefix = word[:n]
                self._name_pos[prefix][pos].discard(i)
                self._name_any[prefix].discard(i)
        for word in entry.unit:
            holders = self._unit_words.get(word, set())
            holders.discard(i)
            if not holders:
                self._unit_words.pop(word, None)
                _vocab_discard(self._unit_vocab, word)
            for n in range(1, min(_SHORT, len(word)) + 1):
                self._unit_any[word[:n]].discard(i)


def _query_words(text: str) -> list[str]:
    """The typed words; a title that is not the last word is dropped ("dr budi" -> "budi")."""
    typed = words(text or "")
    if len(typed) > 1:
        kept = [w for w in typed[:-1] if w not in _TITLES]
        typed = kept + typed[-1:]
    return typed


def _vocab_range(vocab: list[str], prefix: str) -> Iterable[str]:
    k = bisect_left(vocab, prefix)
    while k < len(vocab) and vocab[k].startswith(prefix):
        yield vocab[k]
        k += 1


def _vocab_discard(vocab: list[str], word: str) -> None:
    k = bisect_left(vocab, word)
    if k < len(vocab) and vocab[k] == word:
        del vocab[k]


def _prefix_set(prefix: str, short: Mapping[str, set[int]], vocab: list[str],
                postings: Mapping[str, Iterable[int]]) -> set[int]:
    """Ids with a word starting with ``prefix``: straight from ``short`` for a short prefix
    (the stored set itself: not to be changed), else from every ``vocab`` word it starts."""
    if len(prefix) <= _SHORT:
        return short.get(prefix, set())
    out: set[int] = set()
    for word in _vocab_range(vocab, prefix):
        out.update(postings[word])
    return out


def _first_start(name: tuple[str, ...], prefix: str) -> int:
    for pos, word in enumerate(name):
        if word.startswith(prefix):
            return pos
    return len(name)


def _needs_distinct(typed: list[str]) -> bool:
    """True when one typed word could match the same word as another: one is a prefix of the
    other. Otherwise every word a typed word matches is matched by no other typed word."""
    return any(a.startswith(b) or b.startswith(a)
               for k, a in enumerate(typed) for b in typed[k + 1:])


def _assignable(typed: list[str], person: tuple[str, ...]) -> bool:
    """Whether each typed word can start a different word of ``person`` (bipartite matching)."""
    options = [[k for k, word in enumerate(person) if word.startswith(t)] for t in typed]
    owner: dict[int, int] = {}

    def place(t: int, tried: set[int]) -> bool:
        for k in options[t]:
            if k in tried:
                continue
            tried.add(k)
            if k not in owner or place(owner[k], tried):
                owner[k] = t
                return True
        return False

    return all(place(t, set()) for t in sorted(range(len(typed)), key=lambda t: len(options[t])))
