#!/usr/bin/env python3
"""Times PyPI `mrz`'s checkers on the documents counter-bench passes on stdin (FORMAT<TAB>lines with \\n).
Prints FORMAT<TAB>median microseconds per document. Run with a venv that has `pip install mrz`."""
import sys, time
from mrz.checker.td1 import TD1CodeChecker
from mrz.checker.td2 import TD2CodeChecker
from mrz.checker.td3 import TD3CodeChecker
from mrz.checker.mrva import MRVACodeChecker
from mrz.checker.mrvb import MRVBCodeChecker

checkers = {"TD1": TD1CodeChecker, "TD2": TD2CodeChecker, "TD3": TD3CodeChecker, "MRVA": MRVACodeChecker, "MRVB": MRVBCodeChecker}
for line in sys.stdin.read().splitlines():
    fmt, text = line.split("\t")
    text = text.replace("\\n", "\n")
    checker = checkers[fmt]
    samples = []
    for _ in range(50):
        start = time.perf_counter()
        for _ in range(20):
            checker(text)
        samples.append((time.perf_counter() - start) / 20 * 1e6)
    samples.sort()
    print(f"{fmt}\t{samples[len(samples) // 2]:.3f}")
