"""Roster reader against malformed and hostile files: 1,000 generated files (size bombs
included: rows and columns numbered in the billions, a million shared strings, parts that
unpack a thousandfold, ten thousand zip members, packing methods Python lacks, truncated and
bit-flipped workbooks, entity bombs, CSVs with endless fields, binary noise, a 100,000 x 200
cell sheet), each given to ``plan_import`` as the ``roster import`` command does.

Counts the answers (a roster, or a RosterFileError with its Indonesian message) and anything
else (a traceback), the slowest answer, and the peak resident memory of the process.

Run: .venv/bin/python bench/bench_hostile_rosters.py [--files 1000] [--seed 14]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import common  # noqa: F401  (the repository on the import path)

from events.roster_import import RosterFileError, plan_import
from tests.xlsx_parts import FLAGS, HEADER, METHOD, NS, VERSION, package, patch_headers


def letters(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(n))


# Each kind: (rng) -> (suffix, bytes). Size bombs first; then malformed ones.
def huge_row(rng):
    r = rng.choice([1_048_577, 2_000_000_000, 10**12, 2**63, 10**30])
    return ".xlsx", package(HEADER + f'<row r="{r}"><c r="B{r}" t="inlineStr"><is><t>Budi</t>'
                            "</is></c></row>")


def huge_column(rng):
    return ".xlsx", package(HEADER + f'<row r="3"><c r="{letters(rng, rng.randint(3, 9))}3" '
                            't="inlineStr"><is><t>x</t></is></c></row>')


def many_strings(rng):
    n = rng.choice([1_000_001, 1_500_000])
    shared = f'<sst xmlns="{NS}">' + "<si><t>a</t></si>" * n + "</sst>"
    return ".xlsx", package(HEADER, shared=shared)


def big_strings_part(rng):
    shared = f'<sst xmlns="{NS}">' + "".join(
        f"<si><t>{'x' * rng.randint(1, 40)}{i}</t></si>" for i in range(30_000)) + "</sst>"
    return ".xlsx", package(HEADER, shared=shared)


def ratio_bomb(rng):
    filler = " " * rng.choice([20, 60, 200]) * 1024 * 1024
    return ".xlsx", package(HEADER + f"<!--{filler}-->")


def many_members(rng):
    extra = {f"xl/media/x{i}.bin": b"" for i in range(rng.choice([10_001, 20_000]))}
    return ".xlsx", package(HEADER, extra=extra, method=zipfile.ZIP_STORED)


def odd_method(rng):
    return ".xlsx", patch_headers(package(HEADER), METHOD, rng.choice([1, 6, 9, 97, 98, 99]))


def zip_version(rng):
    return ".xlsx", patch_headers(package(HEADER), VERSION, rng.choice([64, 99, 0xFFFF]))


def encrypted_flag(rng):
    return ".xlsx", patch_headers(package(HEADER), FLAGS, 1, add_bits=True)


def truncated(rng):
    data = package(HEADER * 3)
    return ".xlsx", data[:rng.randint(0, len(data) - 1)]


def bit_flipped(rng):
    data = bytearray(package(HEADER * 3))
    for _ in range(rng.randint(1, 30)):
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    return ".xlsx", bytes(data)


def entity_bomb(rng):
    prolog = ('<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
              + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'
                        for i in range(8)) + "]>")
    return ".xlsx", package(HEADER + '<row r="3"><c r="B3" t="inlineStr"><is><t>&i;</t></is>'
                            "</c></row>", prolog=prolog)


def huge_merge(rng):
    merges = '<mergeCells count="1"><mergeCell ref="A1:{}{}"/></mergeCells>'.format(
        rng.choice(["GR", "XFD", "ZZZZ"]), rng.choice([100_000, 1_048_576, 2_000_000_000]))
    return ".xlsx", package(HEADER, merges=merges)


def deep_xml(rng):
    depth = rng.choice([10_000, 100_000])
    return ".xlsx", package(HEADER + '<row r="3"><c r="B3" t="inlineStr"><is>'
                            + "<r>" * depth + "</r>" * depth + "</is></c></row>")


def full_grid(rng):
    """A sheet inside the row and column limits whose every cell holds a value."""
    cols = rng.choice([50, 200])
    rows = rng.choice([20_000, 100_000])
    row = '<c t="s"><v>0</v></c>' * cols

    def body() -> Iterator[str]:
        yield HEADER
        for r in range(3, rows):
            yield f'<row r="{r}">{row}</row>'
    shared = f'<sst xmlns="{NS}"><si><t>x</t></si></sst>'
    return ".xlsx", package(body, shared=shared)


def not_a_zip(rng):
    return rng.choice([".xlsx", ".xls", ".csv"]), rng.randbytes(rng.randint(0, 5000))


def csv_long_field(rng):
    return ".csv", ("No;Nama;NIP\n1;" + "x" * rng.choice([140_000, 3_000_000]) + ";1\n").encode()


def csv_noise(rng):
    text = "".join(rng.choice("ab;,\t|\"\n\r\x00é\u200b=+-@") for _ in range(rng.randint(1, 20000)))
    return ".csv", text.encode(rng.choice(["utf-8", "utf-16", "latin-1"]), "ignore")


def csv_many_columns(rng):
    return ".csv", ("No;Nama;" + ";".join("x" for _ in range(rng.choice([1000, 300_000])))
                    + "\n1;Ani\n").encode()


def csv_many_rows(rng):
    rows = rng.choice([49_990, 50_001, 400_000])
    return ".csv", ("No;Nama\n" + "".join(f"{i};Peserta {i}\n" for i in range(rows))).encode()


def csv_big(rng):
    return ".csv", b"No;Nama\n" + b"1;" + b"a" * (51 * 1024 * 1024) + b"\n"


KINDS: list[tuple[str, Callable[[random.Random], tuple[str, bytes]], int]] = [
    # name, generator, weight (how many of the files)
    ("row numbered in the billions", huge_row, 50),
    ("column beyond ZZZ", huge_column, 50),
    ("a million shared strings", many_strings, 20),
    ("large shared-strings part", big_strings_part, 30),
    ("part unpacking 1,000-fold", ratio_bomb, 20),
    ("10,000+ zip members", many_members, 10),
    ("packing method Python lacks", odd_method, 60),
    ("zip version Python lacks", zip_version, 30),
    ("encrypted member flag", encrypted_flag, 40),
    ("truncated workbook", truncated, 150),
    ("bit-flipped workbook", bit_flipped, 220),
    ("entity expansion bomb", entity_bomb, 20),
    ("merge over the whole sheet", huge_merge, 30),
    ("100,000-deep XML", deep_xml, 20),
    ("full grid within the limits", full_grid, 10),
    ("not a workbook at all", not_a_zip, 100),
    ("CSV with an endless field", csv_long_field, 30),
    ("CSV noise", csv_noise, 70),
    ("CSV with 300,000 columns", csv_many_columns, 10),
    ("CSV at or over 50,000 rows", csv_many_rows, 6),
    ("CSV over 50 MB", csv_big, 4),
]


def peak_mb() -> float:
    """The process's peak resident memory (VmHWM: of this program image only; getrusage's
    ru_maxrss would also count the parent's memory at the fork before exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def read_all(folder: Path) -> None:
    """The reading process: every file of ``folder`` in turn, one JSON line per file (its
    answer, the time, and the process's peak memory so far)."""
    for path in sorted(folder.iterdir(), key=lambda p: int(p.stem.split("-")[0])):
        start, cpu = time.perf_counter(), time.process_time()
        try:
            plan_import(path)
            answer = "read as a roster"
        except RosterFileError as error:
            answer = f"refused: {error.code}"
            if not (error.message and path.name in error.message):
                answer = "refused without naming the file"
        except Exception:  # noqa: BLE001 (what the benchmark counts)
            lines = traceback.format_exc().strip().splitlines()
            answer = "TRACEBACK " + " | ".join(lines[-3:])
        print(json.dumps({"file": path.name, "answer": answer,
                          "seconds": time.perf_counter() - start,
                          "cpu": time.process_time() - cpu, "peak_mb": peak_mb()}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--read", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.read:
        read_all(Path(args.read))
        return
    rng = random.Random(args.seed)
    plan = [kind for kind in KINDS for _ in range(kind[2])]
    rng.shuffle(plan)
    plan = (plan * (args.files // len(plan) + 1))[:args.files]
    kinds: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for index, (name, make, _weight) in enumerate(plan):  # written first, then read by a
            suffix, data = make(rng)                           # process that only reads
            path = folder / f"{index}-daftar{suffix}"
            path.write_bytes(data)
            kinds[path.name] = name
        done = subprocess.run([sys.executable, __file__, "--read", tmp], capture_output=True,
                              text=True, check=False)
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    answers = Counter(r["answer"] if not r["answer"].startswith("TRACEBACK") else "TRACEBACK"
                      for r in rows)
    grew: dict[str, float] = {}
    before = 0.0
    for r in rows:
        if r["peak_mb"] > before:
            grew[kinds[r["file"]]] = max(grew.get(kinds[r["file"]], 0), r["peak_mb"])
            before = r["peak_mb"]
    slowest = max(rows, key=lambda r: r["seconds"])
    busiest = max(rows, key=lambda r: r["cpu"])
    print(f"{len(plan)} hostile roster files, {len(KINDS)} kinds (seed {args.seed}); "
          f"answered {len(rows)}" + (f"; reader ended with {done.returncode}: "
                                     f"{done.stderr[-300:]}" if done.returncode else ""))
    for answer, count in sorted(answers.items()):
        print(f"  {answer:<40} {count:>5}")
    for r in rows:
        if r["answer"].startswith("TRACEBACK"):
            print(f"  {kinds[r['file']]}: {r['answer'][:300]}")
    print(f"slowest answer (wall clock):              {slowest['seconds']:7.2f} s "
          f"({kinds[slowest['file']]})")
    print(f"most processor time for one answer:       {busiest['cpu']:7.2f} s "
          f"({kinds[busiest['file']]})")
    over = sum(1 for r in rows if r["seconds"] >= 10)
    print(f"answers taking 10 s or more (wall clock): {over:>5}")
    print(f"peak resident memory of the reader:       {max(r['peak_mb'] for r in rows):7.0f} MB")
    print("  raised by: " + ", ".join(f"{k} ({v:.0f} MB)" for k, v in
                                      sorted(grew.items(), key=lambda kv: -kv[1])[:4]))


if __name__ == "__main__":
    main()
