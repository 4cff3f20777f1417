"""Shared parts of the browser tests and the UI benchmark: a kiosk process on a temporary data folder,
pseudo-terminal scanners, MRZ lines with correct check digits, and a headless Chromium.

Nothing here talks to the kiosk other than a shop would: the command line to set up accounts and the
hotlist, bytes written to a pseudo-terminal for scans, and a real browser for the page.
"""
import json
import os
import socket
import ssl
import subprocess
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("KIOSK_BIN", os.path.join(ROOT, ".build", "debug", "counter-kiosk"))

STAFF = ("Anna", "1234")
OWNER = ("Piet", "908172")
TECHNICIAN = ("Tom", "5555")
STOLEN = ["SN-STOLEN-0001", "C02XK1ZAJGH5", "WD-991-TEST"]


def cli(data, *args, stdin=None):
    """Runs a counter-kiosk command on the data folder; fails loudly with its stderr."""
    result = subprocess.run([BIN, *args, "--data", data], capture_output=True, text=True, input=stdin, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(f"counter-kiosk {' '.join(args)} failed ({result.returncode}): {result.stderr}")
    return result.stdout


# ---------------------------------------------------------------- MRZ with real check digits

def check_digit(text):
    weights = (7, 3, 1)
    total = 0
    for i, ch in enumerate(text):
        if ch.isdigit():
            value = int(ch)
        elif ch.isalpha():
            value = ord(ch) - 55
        else:
            value = 0
        total += value * weights[i % 3]
    return str(total % 10)


def td1(surname, given, number, birth, expiry, sex="F", country="NLD"):
    """A Dutch identity card MRZ (3 × 30). Dates as YYMMDD; optional data left empty (no BSN)."""
    line1 = f"I<{country}{number}{check_digit(number)}" + "<" * 15
    head = f"{birth}{check_digit(birth)}{sex}{expiry}{check_digit(expiry)}{country}" + "<" * 11
    composite = line1[5:30] + head[0:7] + head[8:15] + head[18:29]
    line2 = head + check_digit(composite)
    name = (surname.replace(" ", "<") + "<<" + given.replace(" ", "<"))[:30].ljust(30, "<")
    assert len(line1) == len(line2) == len(name) == 30
    return [line1, line2, name]


# ---------------------------------------------------------------- Kiosk process and scanners

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PTYScanner:
    """A serial scanner: the kiosk opens the pseudo-terminal's slave; the test writes to the master."""

    def __init__(self):
        self.master, self.slave = os.openpty()
        self.path = os.ttyname(self.slave)

    def scan(self, text, suffix=b"\r"):
        """Writes one scan and returns the wall-clock time (ms) of its last byte."""
        os.write(self.master, text.encode() + suffix)
        return time.time() * 1000

    def close(self):
        os.close(self.master)
        os.close(self.slave)


class Kiosk:
    """counter-kiosk run on a fresh data folder with accounts, a hotlist and two pty scanners."""

    def __init__(self, hotlist_rows=None, extra_args=(), config=None, accounts=True, host="127.0.0.1", prepare=None,
                 shop=True):
        self.folder = tempfile.TemporaryDirectory(prefix="counter-ui-")
        self.data = self.folder.name
        if shop:  # a shop that is set up, as the technician's config.json or the first-start page leaves it
            config = {"shop": SHOP, **(config or {})}
        if config is not None:
            with open(os.path.join(self.data, "config.json"), "w") as f:
                json.dump(config, f)
        self.tls = bool(config and config.get("kiosk", {}).get("tlsCertificate"))
        for role, (name, pin) in (("staff", STAFF), ("owner", OWNER), ("technician", TECHNICIAN)) if accounts else ():
            cli(self.data, "users", "add", "--role", role, "--name", name, "--pin", pin)
        feed = os.path.join(self.data, "feed.csv")
        with open(feed, "w") as f:
            f.write("serial,brand,model,object,reportedOn,source\n")
            for serial in STOLEN:
                f.write(f"{serial},Apple,MacBook Pro,laptop,2026-11-02,politie\n")
            for row in hotlist_rows or ():
                f.write(row)
        cli(self.data, "hotlist", "import", feed)
        if prepare:
            prepare(self.data)
        self.scanner = PTYScanner()
        self.reader = PTYScanner()
        self.port = free_port()
        self.url = f"{'https' if self.tls else 'http'}://{host}:{self.port}/"
        if host != "127.0.0.1":
            extra_args = ("--host", host, *extra_args)
        self.log = open(os.path.join(self.data, "kiosk.log"), "w")
        self.started = time.time()
        self.process = subprocess.Popen(
            [BIN, "run", "--data", self.data, "--port", str(self.port),
             "--scanner", f"serial:{self.scanner.path}", "--reader", f"serial:{self.reader.path}", *extra_args],
            stdout=self.log, stderr=subprocess.STDOUT)
        self.ready_after = self.wait_ready()

    def wait_ready(self, timeout=20):
        """Seconds from start until the first page is served."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"kiosk exited with {self.process.returncode}: {open(self.log.name).read()}")
            try:
                with urllib.request.urlopen(self.url, timeout=1, context=ssl._create_unverified_context()) as response:
                    if response.status == 200:
                        return time.time() - self.started
            except OSError:
                time.sleep(0.005)
        raise RuntimeError("kiosk did not serve its page within 20 s")

    def rss_kib(self):
        with open(f"/proc/{self.process.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return None

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.scanner.close()
        self.reader.close()
        self.log.close()
        self.folder.cleanup()


SHOP = {"name": "Goud & Zo", "kvkNumber": "12345678", "branch": "000012345678", "municipality": "Deventer"}


def browser(language="nl", size=(1366, 900)):
    opts = webdriver.ChromeOptions()
    opts.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", f"--window-size={size[0]},{size[1]}",
                 f"--lang={language}"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=opts)
    driver.set_page_load_timeout(20)
    return driver


def wait(driver, seconds=10):
    return WebDriverWait(driver, seconds, poll_frequency=0.02)


def sign_in(driver, url, account):
    driver.get(url)
    user = wait(driver).until(EC.visibility_of_element_located((By.NAME, "user")))
    user.clear()
    user.send_keys(account[0])
    pin = driver.find_element(By.NAME, "pin")
    pin.send_keys(account[1])
    pin.send_keys(Keys.ENTER)
    wait(driver).until(EC.visibility_of_element_located((By.ID, "topbar")))
    wait(driver).until(lambda d: d.find_element(By.ID, "who-name").text == account[0])


def sign_out(driver):
    driver.find_element(By.ID, "logout").click()
    wait(driver).until(EC.visibility_of_element_located((By.NAME, "user")))


# ---------------------------------------------------------------- PostgreSQL for the pages that need it

class PostgresCluster:
    """A throw-away PostgreSQL cluster on a free loopback port (Debian's postgresql), as the Swift tests start
    one: initdb in a temporary folder with trust authentication; as root, the folder belongs to nobody and the
    programs run as nobody (setpriv)."""

    BIN = "/usr/lib/postgresql/15/bin"

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="counter-pg-ui-")
        self.port = free_port()
        self.user = "counter"
        as_nobody = []
        if os.geteuid() == 0:
            os.chown(self.folder, 65534, 65534)
            as_nobody = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
        data = os.path.join(self.folder, "data")
        subprocess.run([*as_nobody, f"{self.BIN}/initdb", "-D", data, "-U", self.user, "--auth=trust", "-E", "UTF8",
                        "--no-sync", "--locale=C"], check=True, capture_output=True, timeout=120)
        self.server = subprocess.Popen(
            [*as_nobody, f"{self.BIN}/postgres", "-D", data, "-p", str(self.port), "-k", self.folder,
             "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 30
        while subprocess.run([f"{self.BIN}/pg_isready", "-h", "127.0.0.1", "-p", str(self.port)],
                             capture_output=True).returncode != 0:
            if time.time() > deadline or self.server.poll() is not None:
                raise RuntimeError("postgres did not start")
            time.sleep(0.05)
        self.url = f"postgres://{self.user}@127.0.0.1:{self.port}/postgres?sslmode=disable"

    def stop(self):
        self.server.terminate()
        try:
            self.server.wait(20)
        except subprocess.TimeoutExpired:
            self.server.kill()
        subprocess.run(["rm", "-rf", self.folder])
