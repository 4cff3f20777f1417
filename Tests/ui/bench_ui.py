"""`make bench`, kiosk part: scan-to-warning latency in a real browser, cold start, and memory with a
10 M-key hotlist. Writes its section of docs/benchmarks.md (between the ui-bench markers).

- Warning latency: the test takes the wall clock when it writes the last byte of a hotlisted serial to the
  scanner's pseudo-terminal; the page records Date.now() when the full-screen warning is in the DOM and
  visible (window.counterWarningShownAt). Same machine, same clock.
- Cold start: from starting `counter-kiosk run` to the first page served (HTTP 200 for /).
- RSS: VmRSS of the kiosk process after the warnings, with 10 M hotlist keys loaded.
- Shutdown: from SIGTERM to the process's exit, with a signed-in page's WebSocket open.
- Late hit: on a small shop, from the end of `hotlist import --delta` (another process) naming an item on hold
  to the owner's badge visible in the open owner page.
"""
import datetime
import http.client
import json
import threading
import os
import platform
import re
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk as k  # noqa: E402

ROWS = int(os.environ.get("UI_BENCH_ROWS", "10000000"))
ROUNDS = int(os.environ.get("UI_BENCH_ROUNDS", "200"))
STARTS = 5


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def hotlist_rows():
    for i in range(ROWS):
        yield f"BENCH{i:09d}X,Brand{i % 97},Model,laptop,2026-10-01,bench\n"


DECIDE = """
const [owner, pin, done] = arguments;
fetch('/api/session').then(r => r.json()).then(s => fetch('/api/till/hit', {method: 'POST',
  headers: {'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf},
  body: JSON.stringify({itemID: document.getElementById('hit-warning').dataset.itemId, outcome: 'notBought',
                        owner, pin, reason: 'bench: niet gekocht'})}))
  .then(r => done(r.status));
"""


def start(kiosk):
    kiosk.started = time.time()
    kiosk.process = k.subprocess.Popen(
        [k.BIN, "run", "--data", kiosk.data, "--port", str(kiosk.port),
         "--scanner", f"serial:{kiosk.scanner.path}", "--reader", f"serial:{kiosk.reader.path}"],
        stdout=kiosk.log, stderr=k.subprocess.STDOUT)
    return kiosk.wait_ready()


def shutdown_with_page_open(kiosk, driver, signed_in=False):
    """Signs a page in (its WebSocket open), then SIGTERM: seconds until the process has exited."""
    if not signed_in:
        k.sign_in(driver, kiosk.url, k.STAFF)
    time.sleep(0.3)
    stopped = time.time()
    kiosk.process.terminate()
    try:
        kiosk.process.wait(30)
    except k.subprocess.TimeoutExpired:
        # A stop that hangs is a defect: keep the threads' stacks for whoever fixes it.
        os.system(f"gdb -p {kiosk.process.pid} -batch -ex 'thread apply all bt 16' > {kiosk.data}/../counter-hang-bt.txt 2>&1")
        raise
    return time.time() - stopped


def late_hits(rounds=5):
    """Seconds from the end of another process's hotlist import to the owner's badge, per round."""
    kiosk = k.Kiosk()
    driver = k.browser()
    seconds = []
    try:
        k.sign_in(driver, kiosk.url, k.OWNER)
        driver.find_element(k.By.CSS_SELECTOR, "#topbar [data-view=owner]").click()
        k.wait(driver).until(k.EC.visibility_of_element_located((k.By.ID, "view-owner")))
        intake = json.loads(open(os.path.join(k.ROOT, "docs", "examples", "intake.json")).read())
        for i in range(rounds):
            imei = luhn(f"49015420323{i:03d}")
            intake["items"][0]["imei"] = imei
            k.cli(kiosk.data, "intake", "add", stdin=json.dumps(intake))
            feed = os.path.join(kiosk.data, f"late-{i}.csv")
            with open(feed, "w") as f:
                f.write(f"serial,brand\n{imei},Apple\n")
            k.cli(kiosk.data, "hotlist", "import", feed, "--delta")
            imported = time.time()
            k.wait(driver, 10).until(lambda d: d.find_element(k.By.ID, "owner-badge").text == str(i + 1))
            seconds.append(time.time() - imported)
    finally:
        driver.quit()
        kiosk.stop()
    return seconds


def sign_in_flood(attempters=16, samples=400):
    """Issue 12: other requests while 16 clients try PINs as fast as the kiosk answers. A signed-in page's
    GET /api/till, one after another, without and then with the flood; p99 of each (ms)."""
    kiosk = k.Kiosk()
    try:
        host = {"Host": f"127.0.0.1:{kiosk.port}"}

        def connect():
            return http.client.HTTPConnection("127.0.0.1", kiosk.port, timeout=30)

        login = connect()
        login.request("POST", "/api/login", body=json.dumps({"user": k.STAFF[0], "pin": k.STAFF[1]}),
                      headers={**host, "Content-Type": "application/json"})
        answer = login.getresponse()
        assert answer.status == 200, answer.status
        cookie = answer.getheader("Set-Cookie").split(";")[0]
        answer.read()

        def till_latencies(n):
            c = connect()
            out = []
            for _ in range(n):
                t0 = time.perf_counter()
                c.request("GET", "/api/till", headers={**host, "Cookie": cookie})
                r = c.getresponse()
                r.read()
                assert r.status == 200, r.status
                out.append((time.perf_counter() - t0) * 1000)
            return out

        quiet = till_latencies(samples)
        stop = threading.Event()
        attempts = [0] * attempters

        def attack(i):
            c = connect()
            n = 0
            while not stop.is_set():
                # An unknown name each time: the stand-in hash, and no lockout to stop the flood early.
                c.request("POST", "/api/login", body=json.dumps({"user": f"nobody-{i}-{n}", "pin": "0000"}),
                          headers={**host, "Content-Type": "application/json"})
                c.getresponse().read()
                n += 1
                attempts[i] = n
        threads = [threading.Thread(target=attack, args=(i,), daemon=True) for i in range(attempters)]
        for t in threads:
            t.start()
        time.sleep(1.0)  # the flood is at full speed
        flood_started = time.time()
        before = sum(attempts)
        flooded = till_latencies(samples)
        time.sleep(max(0.0, 3.0 - (time.time() - flood_started)))  # long enough to count answered sign-ins
        flood_seconds = time.time() - flood_started
        rate = (sum(attempts) - before) / flood_seconds
        stop.set()
        for t in threads:
            t.join(30)
        return quiet, flooded, rate, flood_seconds
    finally:
        kiosk.stop()


def luhn(body):
    digits = [int(c) for c in body]
    total = sum(d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2) for i, d in enumerate(digits))
    return body + str((10 - total % 10) % 10)


def main():
    started = time.time()
    print(f"ui bench: building a {ROWS:,}-row hotlist and starting the kiosk …", flush=True)
    kiosk = k.Kiosk(hotlist_rows=hotlist_rows())
    setup_seconds = time.time() - started
    driver = k.browser()
    starts = [kiosk.ready_after]
    shutdowns = []
    for _ in range(STARTS - 1):
        shutdowns.append(shutdown_with_page_open(kiosk, driver))
        starts.append(start(kiosk))
    time.sleep(0.5)   # the scanners open their ptys

    latencies = []
    try:
        k.sign_in(driver, kiosk.url, k.STAFF)
        stolen = f"BENCH{ROWS // 2:09d}X"
        for _ in range(ROUNDS):
            driver.execute_script("window.counterWarningShownAt = 0;")
            written = kiosk.scanner.scan(stolen)
            shown = k.wait(driver, 10).until(lambda d: d.execute_script("return window.counterWarningShownAt || 0") or None)
            latencies.append(shown - written)
            # The owner decides "not bought" (outside the measurement), so the next scan opens a new hit.
            status = driver.execute_async_script(DECIDE, k.OWNER[0], k.OWNER[1])
            assert status == 200, status
            k.wait(driver, 10).until(lambda d: not d.find_element(k.By.ID, "hit-warning").is_displayed())
        rss_mib = kiosk.rss_kib() / 1024
        shutdowns.append(shutdown_with_page_open(kiosk, driver, signed_in=True))
    finally:
        driver.quit()
        kiosk.stop()
    late = late_hits()
    quiet, flooded, sign_in_rate, _ = sign_in_flood()

    machine = f"{cpu_model()}, {os.cpu_count()} cores, Linux {platform.release()}"
    section = "\n".join([
        "<!-- ui-bench:start -->",
        "## Latest kiosk benchmark (`make bench`, Tests/ui/bench_ui.py)",
        "",
        f"- Date: {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        f"- Machine: {machine}",
        f"- Build: release; headless Chromium {driver.capabilities.get('browserVersion', '?')}; hotlist {ROWS:,} rows "
        f"(set-up incl. import {setup_seconds:.0f} s)",
        "- The checks run in the engine (CounterSession): scan → router → hotlist → till event → WebSocket → page.",
        "",
        "| measure | value | goal | note |",
        "|---|---|---|---|",
        f"| Last scanner byte on the pty → hit warning visible, p50 | {statistics.median(latencies):.1f} ms |  | {ROUNDS} scans |",
        f"| Last scanner byte on the pty → hit warning visible, p99 | {percentile(latencies, 99):.1f} ms | ≤ 16.7 ms | max {max(latencies):.1f} ms |",
        f"| Kiosk cold start → first page served, median | {statistics.median(starts) * 1000:.0f} ms | ≤ 1000 ms | "
        f"max {max(starts) * 1000:.0f} ms over {STARTS} starts |",
        f"| Kiosk RSS with the hotlist loaded, after the scans | {rss_mib:.1f} MiB | ≤ 60 MB | VmRSS of counter-kiosk run |",
        f"| SIGTERM → process exited, a signed-in page open, max | {max(shutdowns) * 1000:.0f} ms | ≤ 2000 ms | "
        f"median {statistics.median(shutdowns) * 1000:.0f} ms over {len(shutdowns)} stops |",
        f"| Late hit: another process's import done → owner's badge visible, max | {max(late) * 1000:.0f} ms | ≤ 2000 ms | "
        f"median {statistics.median(late) * 1000:.0f} ms over {len(late)} imports |",
        f"| Other requests (GET /api/till) during a 16-way sign-in flood, p99 | {percentile(flooded, 99):.1f} ms | ≤ 50 ms | "
        f"without the flood p99 {percentile(quiet, 99):.1f} ms; {len(flooded)} requests; "
        f"{sign_in_rate:.0f} wrong sign-ins/s answered meanwhile |",
        "",
        "<!-- ui-bench:end -->",
        "",
    ])
    path = os.path.join(k.ROOT, "docs", "benchmarks.md")
    text = open(path).read() if os.path.exists(path) else "# Benchmarks\n\n"
    if "<!-- ui-bench:start -->" in text:
        text = re.sub(r"<!-- ui-bench:start -->.*?<!-- ui-bench:end -->\n?", lambda _: section, text, flags=re.S)
    else:
        text += "\n" + section
    with open(path, "w") as f:
        f.write(text)
    print(section)


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


if __name__ == "__main__":
    main()
