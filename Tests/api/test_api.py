"""The machine API (/v1) against a running kiosk, as other shop software uses it (issue 18).

1. schemathesis generates requests from docs/kiosk-api.yaml for every /v1 operation (examples, coverage and
   fuzzing phases) and checks each answer: no 5xx, a documented status, content type and headers, and a body
   that matches the schema.
2. Then, by hand, what a schema cannot say: an intake registered with a token arrives as a server-sent event and
   in the day log as made by that integration; revoking the token with the CLI (another process) refuses its
   next request at once and ends its open event stream.

Run by scripts/test-api.sh (make test) with the debug binary; needs nothing but the kiosk and schemathesis.
"""
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("KIOSK_BIN", os.path.join(ROOT, ".build", "debug", "counter-kiosk"))
SCHEMATHESIS = os.environ.get("SCHEMATHESIS", os.path.join(ROOT, ".venv-api", "bin", "schemathesis"))
SPEC = os.path.join(ROOT, "docs", "kiosk-api.yaml")
SHOP = {"name": "Goud & Zo", "kvkNumber": "12345678", "branch": "000012345678", "municipality": "Deventer"}
INTAKE = {
    "kind": "purchase", "paymentMethod": "bankTransfer", "priceCents": 27500,
    "seller": {"surname": "De Vries", "givenNames": "Jan Willem", "birthDate": "1985-03-14",
               "address": {"street": "Kerkstraat", "houseNumber": "12A", "postcode": "1017 GC", "city": "Amsterdam"},
               "document": {"kind": "identityCard", "number": "IXR12PN74", "issuingCountry": "NLD", "expiryDate": "2031-06-30"}},
    "items": [{"category": "mobilePhone", "brand": "Apple", "model": "iPhone 13", "description": "iPhone 13 128 GB",
               "imei": "356938035643809", "priceCents": 27500}],
}


def cli(data, *args):
    result = subprocess.run([BIN, *args, "--data", data], capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(f"counter-kiosk {' '.join(args)} failed ({result.returncode}): {result.stderr}")
    return result.stdout


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Kiosk:
    """counter-kiosk run on a fresh data folder: the shop set up, an owner, a hotlist, two integrations."""

    def __init__(self):
        self.folder = tempfile.TemporaryDirectory(prefix="counter-api-")
        self.data = self.folder.name
        with open(os.path.join(self.data, "config.json"), "w") as f:
            json.dump({"shop": SHOP}, f)
        cli(self.data, "users", "add", "--role", "owner", "--name", "Piet", "--pin", "908172")
        feed = os.path.join(self.data, "feed.csv")
        with open(feed, "w") as f:
            f.write("serial,brand,model,object,reportedOn,source\nSN-STOLEN-0001,Apple,MacBook Pro,laptop,2026-11-02,politie\n")
        cli(self.data, "hotlist", "import", feed)
        self.tokens = {name: cli(self.data, "users", "add", "--role", "integration", "--name", name).strip()
                       for name in ("Kassa-POS", "Webwinkel", "Fuzzer")}
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(os.path.join(self.data, "kiosk.log"), "w")
        # A high rate for the fuzzer, so it explores the API instead of meeting 429s; the rate itself is a Swift test.
        self.process = subprocess.Popen([BIN, "run", "--data", self.data, "--port", str(self.port), "--api-rate", "1000"],
                                        stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"kiosk exited: {open(self.log.name).read()}")
            try:
                with urllib.request.urlopen(self.base + "/", timeout=1):
                    break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.05)

    def request(self, method, path, token, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        all_headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json", **(headers or {})}
        connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=all_headers)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response.status, (json.loads(data) if data else None)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        self.folder.cleanup()


class MachineAPI(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.kiosk = Kiosk()
        # Entry 1, so the fuzzer's GET /v1/entries/1 reaches an entry, not only 404s.
        status, _ = cls.kiosk.request("POST", "/v1/intakes", cls.kiosk.tokens["Webwinkel"], INTAKE, {"Idempotency-Key": "setup-1"})
        assert status == 201, status

    @classmethod
    def tearDownClass(cls):
        cls.kiosk.stop()

    def test_1_contract(self):
        """schemathesis: every /v1 answer matches docs/kiosk-api.yaml, and none is a 5xx."""
        report = os.path.join(self.kiosk.data, "junit.xml")
        command = [
            SCHEMATHESIS, "run", SPEC, "--url", self.kiosk.base,
            "--header", f"Authorization: Bearer {self.kiosk.tokens['Fuzzer']}",
            "--include-path-regex", "^/v1/",
            # The event stream never ends by itself: its own test is below.
            "--exclude-path", "/v1/events",
            "--checks", "all",
            # The register's rules (an adult seller, a valid IMEI, a brand for phones …) cannot all be written as a
            # schema, so a request the schema allows may rightly be refused (422, in words).
            "--exclude-checks", "positive_data_acceptance",
            "--max-examples", os.environ.get("API_EXAMPLES", "40"),
            # One worker: CPython 3.11.7's ast.parse (hypothesis describes its filters with it) is not thread-safe.
            "--workers", "1",
            "--report", "junit", "--report-junit-path", report,
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=1200,
                                env={**os.environ, "NO_COLOR": "1", "SCHEMATHESIS_TELEMETRY": "false"})
        sys.stdout.write(result.stdout[-6000:])
        if result.returncode != 0:
            sys.stdout.write(result.stderr[-3000:])
            sys.stdout.write("\n--- kiosk log (tail) ---\n" + open(self.kiosk.log.name).read()[-3000:])
        self.assertEqual(result.returncode, 0, "schemathesis found answers that break the contract (see above)")
        status, _ = self.kiosk.request("GET", "/v1/uploads", self.kiosk.tokens["Fuzzer"])
        self.assertEqual(status, 200, "the kiosk still answers after the fuzzing")

    def test_2_events_day_log_and_revocation(self):
        """An intake by token arrives as an event and in the day log as the integration's; revoking ends it all at once."""
        kiosk = self.kiosk
        token = kiosk.tokens["Kassa-POS"]
        stream = http.client.HTTPConnection("127.0.0.1", kiosk.port, timeout=20)
        stream.request("GET", "/v1/events", headers={"Authorization": f"Bearer {token}"})
        events = stream.getresponse()
        self.assertEqual(events.status, 200)
        self.assertTrue(events.getheader("Content-Type").startswith("text/event-stream"))
        self.assertTrue(events.readline().startswith(b"retry: "))
        self.assertTrue(events.readline().startswith(b": connected as Kassa-POS"))

        status, entry = kiosk.request("POST", "/v1/intakes", token, INTAKE, {"Idempotency-Key": "bon-2026-0001"})
        self.assertEqual(status, 201, entry)
        number = entry["entryNumber"]
        self.assertEqual(entry["checks"], ["clear"])
        block = b""
        while b"event: registered" not in block or not block.endswith(b"\n\n"):
            block += events.readline()
        data = json.loads(block.split(b"data: ", 1)[1].split(b"\n", 1)[0])
        self.assertEqual(data["entryNumber"], number)

        # The day log, as the owner exports it, names the integration as the clerk.
        day_log = json.loads(cli(kiosk.data, "log", "--format", "json"))
        row = next(row for row in day_log["rows"] if row["entryNumber"] == number)
        self.assertEqual(row["clerk"], "Kassa-POS")
        audit = subprocess.run(["sqlite3", os.path.join(kiosk.data, "register.sqlite"),
                                f"SELECT actor, detail FROM audit_event WHERE action = 'intake.register' AND subject = 'entry {number}'"],
                               capture_output=True, text=True, check=True).stdout.strip()
        self.assertEqual(audit, "Kassa-POS|integration Kassa-POS")

        # Revoked by the owner with the CLI, in another process: refused at the very next request.
        cli(kiosk.data, "users", "disable", "--name", "Kassa-POS")
        status, refusal = kiosk.request("GET", "/v1/uploads", token)
        self.assertEqual(status, 401)
        self.assertEqual(refusal["code"], "api.tokenRefused")
        # Its open stream ends at the next event (another integration's registration), not at some later time.
        status, _ = kiosk.request("POST", "/v1/intakes", kiosk.tokens["Webwinkel"],
                                  {**INTAKE, "items": [{**INTAKE["items"][0], "imei": "490154203237518"}]},
                                  {"Idempotency-Key": "web-1"})
        self.assertEqual(status, 201)
        rest = events.read()
        self.assertNotIn(b"event: registered", rest)
        stream.close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
