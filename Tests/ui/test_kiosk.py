"""Browser tests of the kiosk in real headless Chromium, driven by Selenium.

Scans come from pseudo-terminal serial scanners (`--scanner serial:/dev/pts/N`), exactly as from a USB
virtual-COM scanner; the ID card comes from a second pty acting as the document reader. Screenshots of
every screen go to $ARTIFACTS (default artifacts/ui); with UPDATE_DOCS=1 they are also copied to docs/images.
"""
import datetime
import zoneinfo
import http.client
import json
import os
import shutil
import struct
import subprocess
import ssl
import sys
import time
import tempfile
import unittest
import urllib.request
import zlib

from selenium.common.exceptions import ElementClickInterceptedException, NoAlertPresentException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk import BIN as KIOSK_BIN, OWNER, ROOT, SHOP, STAFF, STOLEN, TECHNICIAN, Kiosk, PostgresCluster, PTYScanner, browser, cli, free_port, sign_in, sign_out, td1, wait  # noqa: E402

ARTIFACTS = os.environ.get("ARTIFACTS", os.path.join(ROOT, "artifacts", "ui"))


def shop_today():
    """The shop's day, as the kiosk counts it: Amsterdam's, not the machine's (UTC on CI, where the two
    differ between 23:00 and 24:00 UTC), taken when asked so a run across midnight uses the new day."""
    return datetime.datetime.now(zoneinfo.ZoneInfo("Europe/Amsterdam")).date()


def write_png(path):
    """A valid 2×2 grey PNG, as a camera or phone upload would be."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\x80\x80\x80" * 2 for _ in range(2))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def fake_sysfs(root):
    """A sysfs tree with one Honeywell Voyager keyboard wedge on USB port 1-3 (/dev/input/event7)."""
    def write(path, text):
        os.makedirs(os.path.dirname(root + path), exist_ok=True)
        with open(root + path, "w") as f:
            f.write(text)
    device = "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-3"
    for name, value in (("idVendor", "0c2e"), ("idProduct", "0b81"), ("serial", "V1"), ("busnum", "1"), ("devnum", "5"),
                        ("manufacturer", "Honeywell"), ("product", "Voyager 1250g")):
        write(f"{device}/{name}", value + "\n")
    interface = device + "/1-3:1.0"
    write(interface + "/bInterfaceNumber", "00\n")
    write(interface + "/bInterfaceClass", "03\n")
    event = interface + "/0003:0C2E:0B81.0001/input/input7/event7"
    write(event + "/uevent", "DEVNAME=input/event7\n")
    for link, target in (("/sys/bus/usb/devices/1-3", "../../../devices/pci0000:00/0000:00:14.0/usb1/1-3"),
                         ("/sys/class/input/event7", "../../devices/pci0000:00/0000:00:14.0/usb1/1-3/1-3:1.0/0003:0C2E:0B81.0001/input/input7/event7")):
        os.makedirs(os.path.dirname(root + link), exist_ok=True)
        os.symlink(target, root + link)


class CounterPage:
    """What the tests do on the page: find, wait, scan, take in. Needs `self.driver` and `self.kiosk`."""

    # -------------------------------------------------------------- helpers

    def shot(self, name):
        path = os.path.join(ARTIFACTS, f"{name}.png")
        self.driver.save_screenshot(path)
        if os.environ.get("UPDATE_DOCS") == "1":
            os.makedirs(os.path.join(ROOT, "docs", "images"), exist_ok=True)
            shutil.copy(path, os.path.join(ROOT, "docs", "images", f"{name}.png"))

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def tap(self, target, seconds=10):
        """Touches an element as a clerk would: scrolled to the middle of the screen (the price bar stays at the
        bottom), found again if the page drew it anew meanwhile."""
        def attempt(_):
            try:
                element = self.find(target) if isinstance(target, str) else target
                self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
                element.click()
                return True
            except (StaleElementReferenceException, ElementClickInterceptedException):
                if not isinstance(target, str):
                    raise
                return False
        wait(self.driver, seconds).until(attempt)

    def visible(self, css, seconds=10):
        return wait(self.driver, seconds).until(EC.visibility_of_element_located((By.CSS_SELECTOR, css)))

    def choose_payment(self, method):
        """The clerk chooses how the seller is paid: the page has no default (the cash ban needs a choice)."""
        Select(self.find("#payment-form select[name=paymentMethod]")).select_by_value(method)

    def entry_number(self, seconds=30):
        """The number the page shows once the intake registered; when it does not, fails with what the page
        and the kiosk said (a bare timeout in CI says nothing)."""
        def outcome(_):
            done = self.driver.find_elements(By.CSS_SELECTOR, "#intake-done #entry-number")
            if done and done[0].is_displayed() and done[0].text:
                return ("done", done[0].text)
            error = self.driver.find_elements(By.ID, "intake-error")
            if error and error[0].is_displayed() and error[0].text:
                return ("error", error[0].text)
            return None
        try:
            kind, text = wait(self.driver, seconds).until(outcome)
        except Exception:
            with open(self.kiosk.log.name) as log:
                tail = log.read()[-3000:]
            self.fail(f"the intake showed neither an entry number nor an error in {seconds} s; kiosk log:\n{tail}")
        if kind == "error":
            approval = self.driver.find_elements(By.ID, "approval-text")
            self.fail(f"the intake was refused: {text} (approval: {approval[0].text if approval else '-'})")
        return text

    def item_cards(self):
        return self.driver.find_elements(By.CSS_SELECTOR, "#item-list li[data-item-id]")

    def wait_items(self, count):
        wait(self.driver).until(lambda d: len(self.item_cards()) == count)
        return self.item_cards()

    def wait_status(self, card, status):
        wait(self.driver).until(lambda d: card.get_attribute("data-check-status") == status)

    def type_into(self, css, text):
        element = self.find(css)
        element.clear()
        element.send_keys(text)

    def reset_counter(self):
        had_items = bool(self.item_cards())
        self.find("#new-seller").click()
        if had_items:  # with items on the counter the page asks first (issue 14): the clerk says yes
            wait(self.driver, 5).until(EC.alert_is_present()).accept()
        # The button is disabled until the till answered: a scan before that could reach the till first.
        wait(self.driver).until(lambda _: self.find("#new-seller").is_enabled())
        self.wait_items(0)

    def read_id_card(self, surname="DE VRIES", given="JANNEKE", number="XR47PN2K1", birth="850314", expiry="310630"):
        for line in td1(surname, given, number, birth, expiry):
            self.kiosk.reader.scan(line)

    def http(self, method, path, body=None, headers=None, host=None):
        """A request with the browser's session cookie, as another program on the machine would send it."""
        connection = http.client.HTTPConnection("127.0.0.1", self.kiosk.port, timeout=90)
        cookie = self.driver.get_cookie("counter_session")
        all_headers = {"Host": host or f"127.0.0.1:{self.kiosk.port}"}
        if cookie:
            all_headers["Cookie"] = f"counter_session={cookie['value']}"
        all_headers.update(headers or {})
        connection.request(method, path, body=body, headers=all_headers)
        return connection.getresponse()

    # Long but real values: the inputs must show them whole at a counter touch screen (issue 14, point 9).
    SAMPLES = {
        "#seller-form input[name=surname]": "VAN DEN BERGH-SCHIMMELPENNINCK",
        "#seller-form input[name=givenNames]": "JAN WILLEM FREDERIK",
        "#seller-form input[name=street]": "Burgemeester van Rappardlaan",
        "#seller-form input[name=city]": "Wijk bij Duurstede",
        "#seller-form input[name=documentNumber]": "NXR12PN74",
        "#seller-form input[name=postcode]": "1017 GC",
        "#item-list input[name=imei]": "356938035643809",
        "#item-list input[name=serialNumber]": "C02XK1ZAJGH5-ABCD",
    }

    def check_layout(self):
        """No input narrower than its sample value; the confirm button within one screen of scrolling."""
        d = self.driver
        narrow = []
        for css, sample in self.SAMPLES.items():
            for field in d.find_elements(By.CSS_SELECTOR, css):
                if not field.is_displayed():
                    continue
                fits = d.execute_script(
                    "const f = arguments[0], v = f.value; f.value = arguments[1];"
                    " const ok = f.scrollWidth <= f.clientWidth + 1; f.value = v; return ok;", field, sample)
                if not fits:
                    narrow.append(css)
        self.assertEqual(narrow, [], f"inputs narrower than their sample value at {d.get_window_size()}")
        top = d.execute_script("const r = document.querySelector('#confirm').getBoundingClientRect();"
                               " return r.bottom + window.scrollY - 2 * window.innerHeight;")
        self.assertLessEqual(top, 0, "the confirm button is more than one screen of scrolling down")

    def take_in_bicycle(self, number="SPECI2014", expiry="310630"):
        """Seller by document reader, address typed, one scanned item with price; confirms. Returns the entry number."""
        self.reset_counter()
        self.read_id_card(surname="JANSEN", given="KEES", number=number, birth="700101", expiry=expiry)
        wait(self.driver).until(
            lambda _: self.find("#seller-form input[name=documentNumber]").get_attribute("value") == number)
        self.type_into("#seller-form input[name=street]", "Dorpsweg")
        self.type_into("#seller-form input[name=houseNumber]", "3")
        self.type_into("#seller-form input[name=postcode]", "7411 AB")
        self.type_into("#seller-form input[name=city]", "Deventer")
        self.kiosk.scanner.scan("SN-OK-7731")
        card = self.wait_items(1)[0]
        self.wait_status(card, "clear")
        card.find_element(By.NAME, "brand").send_keys("Gazelle")
        card.find_element(By.NAME, "description").send_keys("Fiets, blauw")
        card.find_element(By.NAME, "price").send_keys("80")
        self.choose_payment("cash")
        self.find("#confirm").click()


class KioskInBrowser(CounterPage, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.makedirs(ARTIFACTS, exist_ok=True)
        cls.sysfs = tempfile.TemporaryDirectory(prefix="counter-sysfs-")
        fake_sysfs(cls.sysfs.name)
        cls.kiosk = Kiosk(extra_args=("--sysfs-root", cls.sysfs.name))
        cls.driver = browser()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.kiosk.stop()
        cls.sysfs.cleanup()

    # -------------------------------------------------------------- tests (run in name order)

    def test_1_sign_in_form_rejects_a_wrong_pin_and_submits_on_enter(self):
        d = self.driver
        d.get(self.kiosk.url)
        self.visible("#login-form input[name=user]").send_keys(STAFF[0])
        pin = self.find("#login-form input[name=pin]")
        pin.send_keys("0000")
        pin.send_keys(Keys.ENTER)
        error = self.visible("#login-error")
        self.assertIn("pincode", error.text.lower())
        self.assertFalse(self.find("#topbar").is_displayed())
        self.shot("01-sign-in")
        sign_in(d, self.kiosk.url, STAFF)
        self.assertTrue(self.find("#view-counter").is_displayed())
        # Staff see only the counter.
        self.assertFalse(self.find("#topbar [data-view=owner]").is_displayed())

    def test_2_full_intake_by_scanning_ends_in_the_day_log(self):
        d = self.driver
        self.read_id_card()
        wait(d).until(lambda _: self.find("#seller-form input[name=documentNumber]").get_attribute("value") == "XR47PN2K1")
        self.assertEqual(self.find("#seller-form input[name=surname]").get_attribute("value"), "DE VRIES")
        self.assertEqual(self.find("#seller-form input[name=birthDate]").get_attribute("value"), "14-03-1985")
        self.assertEqual(self.find("#seller-form input[name=issuingCountry]").get_attribute("value"), "NLD")
        self.assertIn("identiteitskaart XR47PN2K1", self.find("#document-status").text)
        self.assertEqual(self.find("#who-role").text, "medewerker")
        self.type_into("#seller-form input[name=street]", "Kerkstraat")
        self.type_into("#seller-form input[name=houseNumber]", "12A")
        self.type_into("#seller-form input[name=postcode]", "1017 GC")
        self.type_into("#seller-form input[name=city]", "Amsterdam")

        self.kiosk.scanner.scan("356938035643809")          # an IMEI with a valid Luhn digit
        card = self.wait_items(1)[0]
        self.wait_status(card, "clear")
        self.assertEqual(card.find_element(By.NAME, "imei").get_attribute("value"), "356938035643809")
        self.assertEqual(card.find_element(By.NAME, "category").get_attribute("value"), "mobilePhone")
        card.find_element(By.NAME, "brand").send_keys("Apple")
        card.find_element(By.NAME, "model").send_keys("iPhone 13")
        card.find_element(By.NAME, "description").send_keys("iPhone 13 128 GB blauw")
        card.find_element(By.NAME, "price").send_keys("275,00")
        wait(d).until(lambda _: self.find("#total").text == "€ 275,00")
        photo = os.path.join(self.kiosk.data, "item.png")
        write_png(photo)
        card.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(photo)
        wait(d).until(lambda _: len(card.find_elements(By.CSS_SELECTOR, ".photos img")) == 1)
        self.choose_payment("bankTransfer")
        self.shot("02-counter")
        self.find("#confirm").click()
        self.assertEqual(self.entry_number(), "1")
        self.assertEqual(len(self.item_cards()), 0)
        self.shot("03-registered")

        printed = self.http("GET", "/print/entry/1")
        self.assertEqual(printed.status, 200)
        page = printed.read().decode()
        self.assertIn("356938035643809", page)
        self.assertIn("/assets/print.css", page)

        log = cli(self.kiosk.data, "log", "--format", "json")
        self.assertIn("XR47PN2K1", log)
        self.assertIn("356938035643809", log)
        self.assertIn('"clerk":"Anna"', log.replace(" ", ""))

    def test_3_a_hit_takes_the_screen_until_the_owner_decides(self):
        d = self.driver
        self.reset_counter()
        self.kiosk.scanner.scan(STOLEN[0])
        warning = self.visible("[role=alertdialog][data-check-result=hit]")
        self.assertIn(STOLEN[0], warning.text)
        self.assertIn("0900-8844", warning.text)
        self.shot("04-hit-warning")

        # Escape does not close it, and Tab never leaves it: nothing behind it can be reached.
        d.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
        self.assertTrue(warning.is_displayed())
        for _ in range(45):
            d.switch_to.active_element.send_keys(Keys.TAB)
            self.assertTrue(d.execute_script("return document.getElementById('hit-warning').contains(document.activeElement)"))
        self.assertTrue(d.execute_script("return document.getElementById('view-counter').inert"))

        # A reload (F5) shows it again: the hit is the till's, on the server.
        d.refresh()
        warning = self.visible("[role=alertdialog][data-check-result=hit]")
        self.assertIn(STOLEN[0], warning.text)

        form = self.find("#hit-form")
        # A clerk's own PIN does not decide.
        form.find_element(By.NAME, "owner").send_keys(STAFF[0])
        form.find_element(By.NAME, "pin").send_keys(STAFF[1])
        form.find_element(By.NAME, "reason").send_keys("klant is al weg")
        form.find_element(By.NAME, "pin").send_keys(Keys.ENTER)
        self.visible("#hit-error")
        self.assertTrue(warning.is_displayed())
        # Bought on police instruction needs the police's reference.
        form.find_element(By.CSS_SELECTOR, "input[value=boughtOnPoliceInstruction]").click()
        form.find_element(By.NAME, "owner").clear()
        form.find_element(By.NAME, "owner").send_keys(OWNER[0])
        form.find_element(By.NAME, "pin").send_keys(OWNER[1])
        form.find_element(By.NAME, "pin").send_keys(Keys.ENTER)
        wait(d).until(lambda _: "politie" in self.find("#hit-error").text.lower())
        self.assertTrue(warning.is_displayed())
        # With it, the owner's decision closes the warning; the item stays, marked with the decision.
        form.find_element(By.NAME, "policeReference").send_keys("PL0900-2026-1")
        form.find_element(By.NAME, "pin").send_keys(OWNER[1])
        form.find_element(By.NAME, "pin").send_keys(Keys.ENTER)
        wait(d).until(EC.invisibility_of_element_located((By.ID, "hit-warning")))
        card = self.item_cards()[0]
        self.assertIn("Piet", card.text)
        self.assertIn("aanwijzing van de politie", card.text)
        audit = cli(self.kiosk.data, "log", "--format", "json")  # the register is untouched so far
        self.assertNotIn(STOLEN[0], audit)

    def test_3b_a_serial_edited_after_a_clean_scan_is_checked_and_the_purchase_refused(self):
        d = self.driver
        self.reset_counter()
        self.kiosk.scanner.scan("CLEAN-123")
        card = self.wait_items(1)[0]
        self.wait_status(card, "clear")
        serial = card.find_element(By.NAME, "serialNumber")
        serial.clear()
        serial.send_keys(STOLEN[1])
        serial.send_keys(Keys.TAB)                          # the change is checked at once
        warning = self.visible("[role=alertdialog][data-check-result=hit]")
        self.assertIn(STOLEN[1], warning.text)
        # The purchase cannot go on behind it; "not bought" by the owner takes the item off the counter.
        form = self.find("#hit-form")
        form.find_element(By.NAME, "owner").send_keys(OWNER[0])
        form.find_element(By.NAME, "pin").send_keys(OWNER[1])
        form.find_element(By.NAME, "reason").send_keys("niet gekocht, verkoper weg")
        form.find_element(By.NAME, "pin").send_keys(Keys.ENTER)
        wait(d).until(EC.invisibility_of_element_located((By.ID, "hit-warning")))
        self.wait_items(0)

    def test_9d_a_retried_confirm_with_the_same_key_is_one_entry(self):
        csrf = self.driver.execute_script("return fetch('/api/session').then(r => r.json()).then(j => j.csrf)")
        body = json.dumps({"idempotencyKey": "retry-test-0001", "intake": {
            "kind": "purchase", "paymentMethod": "cash", "priceCents": 1000,
            "seller": {"surname": "Jansen", "givenNames": "Kees", "birthDate": "1970-01-01",
                       "address": {"street": "Dorpsweg", "houseNumber": "3", "postcode": "7411 AB", "city": "Deventer"},
                       "document": {"kind": "passport", "number": "NX12345P6", "issuingCountry": "NLD", "expiryDate": "2031-01-01"}},
            "items": [{"category": "bicycle", "brand": "Gazelle", "description": "Fiets", "frameNumber": "FR-RETRY-1"}]}})
        headers = {"Content-Type": "application/json", "X-CSRF-Token": csrf}
        first = json.loads(self.http("POST", "/api/intakes", body, headers).read())
        self.assertIn("entryNumber", first, first)
        again = json.loads(self.http("POST", "/api/intakes", body, headers).read())
        self.assertEqual(first["entryNumber"], again["entryNumber"])
        self.assertFalse(first["replayed"])
        self.assertTrue(again["replayed"])
        rows = json.loads(cli(self.kiosk.data, "log", "--format", "json"))
        self.assertEqual(sum(1 for r in rows["rows"] if r["entryNumber"] == first["entryNumber"]), 1)

    def test_4_possible_and_not_checked_are_banners_not_clear(self):
        self.reset_counter()
        self.kiosk.scanner.scan("SNSTOLENOOO1")             # loose-key match of SN-STOLEN-0001
        banner = self.visible("[data-check-result=possible]")
        self.assertIn("SNSTOLENOOO1", banner.text)
        self.kiosk.scanner.scan("8712345678906")            # a GTIN: no serial to check
        banner = self.visible("[data-check-result=not-checked]")
        self.assertIn("8712345678906", banner.text)
        cards = self.wait_items(2)
        self.assertEqual(cards[0].get_attribute("data-check-status"), "possibleMatch")
        self.assertEqual(cards[1].get_attribute("data-check-status"), "notChecked")
        self.assertNotEqual(cards[1].find_element(By.CSS_SELECTOR, ".badge").text, "geen melding")
        self.assertFalse(self.find("#hit-warning").is_displayed())
        self.shot("05-banners")

    def test_5_script_in_a_scan_is_shown_as_text(self):
        d = self.driver
        self.reset_counter()
        payload = "<script>window.pwned=1</script><img src=x onerror=window.pwned=2>"
        self.kiosk.scanner.scan(payload)
        card = self.wait_items(1)[0]
        self.assertEqual(card.find_element(By.CSS_SELECTOR, ".scanned").text, payload)
        self.assertIsNone(d.execute_script("return window.pwned"))
        self.assertEqual(len(d.find_elements(By.CSS_SELECTOR, "#item-list script, #item-list img[src=x]")), 0)
        with self.assertRaises(NoAlertPresentException):
            d.switch_to.alert.text
        # The same through the page's own scan field.
        field = self.find("#scan-input")
        field.send_keys("<b>vet</b>")
        field.send_keys(Keys.ENTER)
        cards = self.wait_items(2)
        self.assertEqual(cards[1].find_element(By.CSS_SELECTOR, ".scanned").text, "<b>vet</b>")

    def test_6_owner_day_log_and_csv_export_match_the_store(self):
        d = self.driver
        self.reset_counter()
        sign_out(d)
        sign_in(d, self.kiosk.url, OWNER)
        self.find("#topbar [data-view=owner]").click()
        row = self.visible("#day-table tbody tr[data-entry='1']")
        self.assertIn("Anna", row.text)
        self.assertIn("275,00", row.text)
        self.assertIn("1 inschrijving, totaal € 275,00", self.find("#day-totals").text)
        self.shot("06-owner-day")
        csv = d.execute_async_script(
            "const done = arguments[0];"
            "fetch(document.getElementById('export-csv').getAttribute('href')).then(r => r.arrayBuffer())"
            ".then(b => done(new TextDecoder('utf-8', {ignoreBOM: true}).decode(b)))")
        expected = cli(self.kiosk.data, "log", "--format", "csv", "--date", shop_today().isoformat())
        self.assertEqual(csv.replace("\r\n", "\n").strip(), expected.replace("\r\n", "\n").strip())
        self.assertIn("XR47PN2K1", csv)
        # For Dutch Excel (issue 14, point 10): byte-order mark, `;`, Dutch headers, decimal comma.
        self.assertTrue(csv.startswith("\ufeffvolgnummer;datum;tijd;"), csv[:40])
        self.assertIn(";275,00;", csv)
        # The PDF comes from the print page through headless Chromium and holds the same entry.
        pdf = self.http("GET", f"/export/log.pdf?date={shop_today().isoformat()}")
        self.assertEqual(pdf.status, 200)
        body = pdf.read()
        self.assertTrue(body.startswith(b"%PDF"))
        text = subprocess.run(["pdftotext", "-", "-"], input=body, capture_output=True, check=True).stdout.decode()
        self.assertIn("XR47PN2K1", text)
        self.assertIn("Anna", text)

        self.find(".tab[data-tab=holding]").click()
        self.visible("#holding-table tbody tr")
        self.assertIn("356938035643809", self.find("#holding-table").text)
        self.shot("07-owner-holding")
        # A sale during the holding period is refused with the release date.
        item_id = self.find("#holding-table tbody tr code").text
        form = self.find("#sale-form")
        form.find_element(By.NAME, "itemID").send_keys(item_id)
        form.find_element(By.NAME, "buyerName").send_keys("B. Koper")
        form.find_element(By.NAME, "buyerName").send_keys(Keys.ENTER)
        self.assertIn("bewaartermijn", self.visible("#sale-error").text)

        self.find(".tab[data-tab=uploads]").click()
        self.visible("#upload-summary dd")
        self.assertIn("1", self.find("#upload-summary").text)
        self.shot("08-owner-uploads")
        self.find(".tab[data-tab=users]").click()
        self.visible("#user-table tbody tr")
        self.assertIn("Tom", self.find("#user-table").text)
        self.shot("09-owner-users")
        self.find(".tab[data-tab=audit]").click()
        wait(d).until(lambda _: "klant is al weg" in self.find("#audit-table").text)
        self.shot("10-owner-audit")

    def test_7_technician_sees_scanners_console_and_config(self):
        d = self.driver
        sign_out(d)
        sign_in(d, self.kiosk.url, TECHNICIAN)
        self.visible("#view-technician")
        wait(d).until(lambda _: self.kiosk.scanner.path in self.find("#scanner-table").text)
        self.assertIn(self.kiosk.reader.path, self.find("#scanner-table").text)
        def device_row(_):
            try:
                rows = d.find_elements(By.CSS_SELECTOR, "#device-table tr[data-node='/dev/input/event7']")
                return rows[0].text if rows else None
            except StaleElementReferenceException:   # the table is redrawn when the page reloads it
                return None
        device = wait(d).until(device_row)
        for expected in ("evdev", "0c2e:0b81", "Honeywell Voyager 1250g", "honeywell-voyager", "evdev:/dev/input/event7"):
            self.assertIn(expected, device)
        wait(d).until(lambda _: '"shop"' in self.find("#config-text").get_attribute("value"))
        # The console shows device, kind and length: never a serial, never a document's text.
        self.kiosk.scanner.scan("ABC-123-XYZ")
        wait(d).until(lambda _: "11 tekens" in self.find("#console").text)
        self.read_id_card()
        wait(d).until(lambda _: "documentlezer" in self.find("#console").text)
        console = self.find("#console").text
        self.assertNotIn("ABC-123-XYZ", console)
        self.assertNotIn("XR47PN2K1", console)
        self.assertNotIn("DE<VRIES", console)
        text = self.find("#config-text")
        text.send_keys(Keys.CONTROL, "a")
        text.send_keys('{"kiosk": {"port": 99999}}')
        self.find("#config-validate").click()
        wait(d).until(lambda _: "port" in self.find("#config-result").text)
        self.assertEqual(self.find("#config-result").get_attribute("class"), "error")
        self.shot("11-technician")
        # Technicians see no register data.
        self.assertFalse(self.find("#topbar [data-view=counter]").is_displayed())

    def test_8_english_switch(self):
        d = self.driver
        sign_out(d)
        self.find("#lang-switch-login").click()
        self.assertEqual(self.find("#login-form h1").text, "Sign in")
        sign_in(d, self.kiosk.url, STAFF)
        self.assertEqual(self.find("#seller h2").text, "1. Seller")
        self.shot("12-counter-english")
        self.find("#lang-switch").click()
        self.assertEqual(self.find("#seller h2").text, "1. Verkoper")

    def test_9_local_server_security(self):
        # Strict CSP and no framing on every answer.
        page = self.http("GET", "/")
        self.assertEqual(page.status, 200)
        csp = page.getheader("Content-Security-Policy")
        self.assertIn("script-src 'self'", csp)
        self.assertIn("frame-ancestors 'none'", csp)
        self.assertNotIn("unsafe-inline", csp)
        # DNS rebinding: another Host name is refused.
        self.assertEqual(self.http("GET", "/", host=f"evil.example:{self.kiosk.port}").status, 421)
        # The event WebSocket opens only for the kiosk's own page (Origin) with a live session.
        upgrade = {"Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13",
                   "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}
        own = self.http("GET", "/api/ws", headers={**upgrade, "Origin": f"http://127.0.0.1:{self.kiosk.port}"})
        self.assertEqual(own.status, 101)
        foreign = self.http("GET", "/api/ws", headers={**upgrade, "Origin": "http://evil.example"})
        self.assertIn(foreign.status, range(400, 500))
        # A state change without the CSRF token is refused, even with the session cookie.
        refused = self.http("POST", "/api/scan", body=json.dumps({"text": "X"}), headers={"Content-Type": "application/json"})
        self.assertEqual(refused.status, 403)
        self.assertEqual(json.loads(refused.read())["code"], "csrf")
        # Without a session: signed out.
        connection = http.client.HTTPConnection("127.0.0.1", self.kiosk.port, timeout=10)
        connection.request("GET", "/api/log", headers={"Host": f"127.0.0.1:{self.kiosk.port}"})
        self.assertEqual(connection.getresponse().status, 401)

    def test_9b_an_expired_document_needs_the_owners_pin_and_reason(self):
        d = self.driver
        sign_out(d)
        sign_in(d, self.kiosk.url, STAFF)
        self.visible("#view-counter")
        self.take_in_bicycle(expiry="240101")
        self.assertTrue(self.find("#approval").is_displayed())
        self.visible("#intake-error")
        self.assertFalse(self.find("#intake-done").is_displayed())
        # A wrong PIN does not approve; the owner's PIN and a reason do, and the intake goes through.
        form = self.find("#approval-form")
        form.find_element(By.NAME, "owner").send_keys(OWNER[0])
        form.find_element(By.NAME, "pin").send_keys("000000")
        form.find_element(By.NAME, "reason").send_keys("verlopen sinds januari, rijbewijs gezien")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait(d).until(lambda _: form.find_element(By.NAME, "pin").get_attribute("value") == "")
        self.assertTrue(form.is_displayed())
        form.find_element(By.NAME, "pin").send_keys(OWNER[1])
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait(d).until(lambda _: OWNER[0] in self.find("#approval-text").text)
        self.find("#confirm").click()
        number = int(self.entry_number())
        self.assertGreaterEqual(number, 1)
        log = json.loads(cli(self.kiosk.data, "log", "--format", "json"))
        row = [r for r in log["rows"] if r["entryNumber"] == number][0]
        self.assertIn("SPECI2014", row["idDocument"])
        # The register entry carries who allowed it and why; the audit log says so too.
        database = os.path.join(self.kiosk.data, "register.sqlite")
        content = subprocess.run(["sqlite3", database, f"SELECT CAST(content AS TEXT) FROM entry WHERE entry_number = {number}"],
                                 capture_output=True, text=True, check=True).stdout
        self.assertIn(OWNER[0], content)
        self.assertIn("rijbewijs gezien", content)
        audit = subprocess.run(["sqlite3", database, "SELECT actor, subject FROM audit_event WHERE action = 'override.seller'"],
                               capture_output=True, text=True, check=True).stdout
        self.assertEqual(audit.strip(), f"{OWNER[0]}|entry {number}")

    def test_9c_a_returning_seller_is_offered_their_last_address(self):
        self.reset_counter()
        self.read_id_card()        # the seller of test 2, same document number
        box = self.visible("#returning")
        self.assertIn("Kerkstraat 12A, 1017 GC Amsterdam", box.text)
        self.find("#returning-use").click()
        # The page fills the address from the server's answer (the till's state), not by itself.
        wait(self.driver).until(lambda _: self.find("#seller-form input[name=street]").get_attribute("value") == "Kerkstraat")
        self.assertEqual(self.find("#seller-form input[name=postcode]").get_attribute("value"), "1017 GC")
        self.reset_counter()
        self.read_id_card(surname="BAKKER", given="SANNE", number="NWSELLER1")
        wait(self.driver).until(lambda _: self.find("#seller-form input[name=documentNumber]").get_attribute("value") == "NWSELLER1")
        self.assertFalse(self.find("#returning").is_displayed())


class KioskFirstStart(unittest.TestCase):
    """`make run` on a new machine: no accounts yet, so the page makes the owner's account first."""

    def test_the_first_page_makes_the_owner_then_asks_for_the_shop_before_any_intake(self):
        """Issue 14, point 4: the shop's name, KvK number (8 digits, checked), vestigingsnummer (12 digits) and
        municipality come first; until then the counter cannot register, and a KvK number "1234" is refused."""
        kiosk = Kiosk(accounts=False, shop=False)
        driver = browser()
        try:
            driver.get(kiosk.url)
            setup = wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#setup-form")))
            setup.find_element(By.NAME, "user").send_keys(OWNER[0])
            setup.find_element(By.NAME, "pin").send_keys(OWNER[1])
            setup.find_element(By.NAME, "repeat").send_keys(OWNER[1] + Keys.ENTER)
            form = wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#shop-form")))
            self.assertIn("KvK-nummer", driver.find_element(By.ID, "shop-banner").text)
            form.find_element(By.NAME, "name").send_keys("Goud & Zo")
            form.find_element(By.NAME, "kvkNumber").send_keys("1234")
            form.find_element(By.NAME, "branch").send_keys("0000 1234 5678")
            form.find_element(By.NAME, "municipality").send_keys("Deventer" + Keys.ENTER)
            error = wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "#shop-form .field-error"))
            self.assertIn("8 cijfers", error.text)
            self.assertEqual(form.find_element(By.NAME, "kvkNumber").get_attribute("aria-invalid"), "true")
            driver.save_screenshot(os.path.join(ARTIFACTS, "42-first-start-shop.png"))
            kvk = form.find_element(By.NAME, "kvkNumber")
            kvk.clear()
            kvk.send_keys("1234 5678" + Keys.ENTER)
            wait(driver).until(lambda d: d.find_element(By.ID, "view-counter").is_displayed())
            self.assertFalse(driver.find_element(By.ID, "shop-banner").is_displayed())
            shown = cli(kiosk.data, "shop", "show")
            self.assertIn("Ready: entries carry 12345678/000012345678", shown)
            with open(os.path.join(ROOT, "docs", "examples", "intake.json")) as f:
                self.assertEqual(cli(kiosk.data, "intake", "add", stdin=f.read()).strip(), "1")
        finally:
            driver.quit()
            kiosk.stop()

    def test_the_first_page_makes_the_owner_and_then_only_signs_in(self):
        kiosk = Kiosk(accounts=False)
        driver = browser()
        try:
            driver.get(kiosk.url)
            setup = wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#setup-form")))
            self.assertFalse(driver.find_element(By.CSS_SELECTOR, "#login-form").is_displayed())
            setup.find_element(By.NAME, "user").send_keys(OWNER[0])
            setup.find_element(By.NAME, "pin").send_keys(OWNER[1])
            setup.find_element(By.NAME, "repeat").send_keys("111111")
            setup.find_element(By.NAME, "repeat").send_keys(Keys.ENTER)
            error = wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#setup-error")))
            self.assertIn("verschillen", error.text)
            setup.find_element(By.NAME, "pin").send_keys(OWNER[1])
            setup.find_element(By.NAME, "repeat").send_keys(OWNER[1])
            setup.find_element(By.NAME, "repeat").send_keys(Keys.ENTER)
            wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "#who-role").text == "eigenaar")
            self.assertTrue(driver.find_element(By.CSS_SELECTOR, "#topbar [data-view=owner]").is_displayed())
            self.assertIn(OWNER[0], cli(kiosk.data, "users", "list"))
            # From now on the page signs in; a second first-start account is refused.
            sign_out(driver)
            wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#login-form")))
            self.assertFalse(driver.find_element(By.CSS_SELECTOR, "#setup-form").is_displayed())
            connection = http.client.HTTPConnection("127.0.0.1", kiosk.port, timeout=10)
            connection.request("POST", "/api/setup", body=json.dumps({"user": "Mallory", "pin": "1234"}),
                               headers={"Host": f"127.0.0.1:{kiosk.port}", "Content-Type": "application/json"})
            self.assertEqual(connection.getresponse().status, 409)
        finally:
            driver.quit()
            kiosk.stop()


class KioskWithRegister(unittest.TestCase):
    """The upload worker of `run` against the register simulator, seen on the owner's upload page."""

    def test_a_rejected_upload_shows_the_registers_reason_and_can_be_sent_again(self):
        sim_data = tempfile.TemporaryDirectory(prefix="counter-sim-")
        simulator = subprocess.Popen([KIOSK_BIN, "register-sim", "--port", "0", "--data", sim_data.name,
                                      "--reject-field", "!policeReference"], stdout=subprocess.PIPE, text=True)
        kiosk = driver = None
        try:
            register = simulator.stdout.readline().split()[-1]
            self.assertTrue(register.startswith("http://127.0.0.1:"))
            kiosk = Kiosk(extra_args=("--register", register))
            with open(os.path.join(ROOT, "docs", "examples", "intake.json")) as f:
                self.assertEqual(cli(kiosk.data, "intake", "add", stdin=f.read()).strip(), "1")
            driver = browser()
            sign_in(driver, kiosk.url, OWNER)
            driver.find_element(By.CSS_SELECTOR, "#topbar [data-view=owner]").click()
            tab = wait(driver).until(EC.element_to_be_clickable((By.CSS_SELECTOR, ".tab[data-tab=uploads]")))

            def rejected_row(_):
                # Each click reloads the tab and redraws the table, so read the row's text at once.
                tab.click()
                try:
                    rows = driver.find_elements(By.CSS_SELECTOR, "#rejected-table tr[data-entry='1']")
                    return rows[0].text if rows else None
                except StaleElementReferenceException:
                    return None
            row = wait(driver, 30).until(rejected_row)
            self.assertIn("field policeReference is required", row)
            self.assertIn("inschrijving", row)
            status = json.loads(cli(kiosk.data, "queue", "status", "--json"))
            self.assertEqual((status["rejected"], status["acknowledged"]), (1, 0))
            # "Send again" queues it; the register refuses it again, and says so again.
            driver.find_element(By.ID, "upload-retry").click()
            wait(driver).until(lambda d: "1" in d.find_element(By.ID, "toast").text)
            audit = subprocess.run(["sqlite3", os.path.join(kiosk.data, "register.sqlite"),
                                    "SELECT actor FROM audit_event WHERE action = 'upload.retry'"],
                                   capture_output=True, text=True, check=True).stdout
            self.assertEqual(audit.strip(), OWNER[0])
            wait(driver, 30).until(rejected_row)
            held = json.loads(urllib.request.urlopen(register + "/sim/entries", timeout=10).read())
            self.assertEqual(held["entries"], [])
        finally:
            if driver:
                driver.quit()
            if kiosk:
                kiosk.stop()
            simulator.terminate()
            simulator.wait(10)
            sim_data.cleanup()


class KioskInTraining(CounterPage, unittest.TestCase):
    """`run --training`: a practice register, marked on screen, uploading to a simulator in the same process."""

    @classmethod
    def setUpClass(cls):
        cls.kiosk = Kiosk(extra_args=("--training",))
        cls.driver = browser()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.kiosk.stop()

    def test_practice_entries_stay_out_of_the_shops_register_and_reach_the_practice_simulator(self):
        sign_in(self.driver, self.kiosk.url, STAFF)
        self.visible("#training-banner")
        self.take_in_bicycle()
        self.assertEqual(self.entry_number(), "1")
        self.assertEqual(json.loads(cli(self.kiosk.data, "log", "--format", "json"))["count"], 0)
        practice = os.path.join(self.kiosk.data, "training", "register-sim", "register-sim.sqlite")

        def held(_):
            if not os.path.exists(practice):
                return None
            out = subprocess.run(["sqlite3", practice, "SELECT entry_number FROM sim_entry"],
                                 capture_output=True, text=True).stdout.split()
            return out or None
        self.assertEqual(wait(self.driver, 30).until(held), ["1"])
        with open(self.kiosk.log.name) as log:
            self.assertIn("practice register simulator on http://127.0.0.1:", log.read())


class KioskWithDamagedRegister(unittest.TestCase):
    """Issue 12: a register that cannot prove it is whole takes no new entries; the owner's page says what
    happened and what to do, and the day log can still be read."""

    def test_the_owner_is_shown_what_happened_and_what_to_do(self):
        def damage(data):
            with open(os.path.join(ROOT, "docs", "examples", "intake.json")) as f:
                intake = f.read()
            for _ in range(2):
                cli(data, "intake", "add", stdin=intake)
            # The anchor outside the file says the register went up to entry 7: entries 3–7 are gone.
            with open(os.path.join(data, "register.sqlite.anchor"), "a") as f:
                f.write("7 " + "ab" * 32 + "\n")
        kiosk = Kiosk(prepare=damage)
        driver = browser()
        try:
            sign_in(driver, kiosk.url, OWNER)
            banner = wait(driver).until(EC.visibility_of_element_located((By.ID, "damage-banner")))
            self.assertIn("niet aantonen dat het compleet is", banner.text)
            driver.find_element(By.CSS_SELECTOR, "#topbar [data-view=owner]").click()
            summary = wait(driver).until(EC.visibility_of_element_located((By.ID, "register-summary")))
            self.assertIn("3…7", summary.text)
            steps = driver.find_element(By.ID, "register-steps")
            self.assertTrue(steps.is_displayed())
            self.assertIn(os.path.join(kiosk.data, "register.sqlite"), steps.text)
            self.assertIn("politie", steps.text)
            self.assertIn("volgnummer 2", driver.find_element(By.ID, "register-head").text)
            self.assertIn("volgnummer 7", driver.find_element(By.ID, "register-anchored").text)
            # Issue 16: the PC's health as the server judges it (doctor's lines): above the tabs what is not OK
            # (no backup was ever made), and every line on the register tab, the register's as an error.
            problems = wait(driver).until(EC.visibility_of_element_located((By.ID, "pc-health-problems")))
            self.assertIn("nog nooit een back-up", problems.text)
            wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#pc-health [data-health=register].health-error"))
            self.assertIn("alleen leesbaar voor de kiosk",
                          driver.find_element(By.CSS_SELECTOR, "#pc-health [data-health=dataFolder]").text)
            # Reading still works: the day log shows the two entries.
            driver.find_element(By.CSS_SELECTOR, ".tab[data-tab=day]").click()
            wait(driver).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#day-table tr[data-entry]")) == 2)
            # A new entry is refused, from any path.
            with open(os.path.join(ROOT, "docs", "examples", "intake.json")) as f:
                result = subprocess.run([KIOSK_BIN, "intake", "add", "--data", kiosk.data], input=f.read(),
                                        capture_output=True, text=True, timeout=60)
            self.assertNotEqual(result.returncode, 0)
            self.assertEqual(json.loads(cli(kiosk.data, "log", "--format", "json"))["count"], 2)
        finally:
            driver.quit()
            kiosk.stop()


class KioskOnShopLAN(unittest.TestCase):
    """Off this machine the kiosk serves HTTPS only: PINs never cross the shop's network in clear text."""

    def test_a_lan_address_without_a_certificate_is_refused(self):
        with tempfile.TemporaryDirectory(prefix="counter-lan-") as data:
            result = subprocess.run([KIOSK_BIN, "run", "--data", data, "--host", "0.0.0.0", "--port", str(free_port())],
                                    capture_output=True, text=True, timeout=60)
            self.assertNotEqual(result.returncode, 0)
            self.assertIn("kiosk.tlsCertificate", result.stderr)

    @staticmethod
    def certificate(folder):
        cert, key = os.path.join(folder, "kiosk.pem"), os.path.join(folder, "kiosk.key")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                        "-keyout", key, "-out", cert], check=True, capture_output=True)
        return cert, key

    def test_on_a_lan_the_page_does_not_offer_the_first_account(self):
        certs = tempfile.TemporaryDirectory(prefix="counter-tls-")
        cert, key = self.certificate(certs.name)
        kiosk = Kiosk(config={"kiosk": {"tlsCertificate": cert, "tlsKey": key}}, accounts=False, host="0.0.0.0")
        try:
            headers = {"Host": f"0.0.0.0:{kiosk.port}", "Content-Type": "application/json"}
            connection = http.client.HTTPSConnection("0.0.0.0", kiosk.port, timeout=30, context=ssl._create_unverified_context())
            connection.request("GET", "/api/setup", headers=headers)
            self.assertEqual(json.loads(connection.getresponse().read()), {"needed": False})
            connection.request("POST", "/api/setup", body=json.dumps({"user": "Mallory", "pin": "1234"}), headers=headers)
            answer = connection.getresponse()
            self.assertEqual(answer.status, 403)
            self.assertIn("users add", json.loads(answer.read())["error"])
            self.assertNotIn("Mallory", cli(kiosk.data, "users", "list"))
        finally:
            kiosk.stop()
            certs.cleanup()

    def test_with_a_certificate_it_serves_https_with_a_secure_cookie(self):
        certs = tempfile.TemporaryDirectory(prefix="counter-tls-")
        cert, key = self.certificate(certs.name)
        kiosk = Kiosk(config={"kiosk": {"tlsCertificate": cert, "tlsKey": key}})
        try:
            self.assertTrue(kiosk.url.startswith("https://"))
            context = ssl.create_default_context(cafile=cert)
            context.check_hostname = False
            connection = http.client.HTTPSConnection("127.0.0.1", kiosk.port, timeout=30, context=context)
            host = f"127.0.0.1:{kiosk.port}"
            connection.request("POST", "/api/login", body=json.dumps({"user": STAFF[0], "pin": STAFF[1]}),
                               headers={"Host": host, "Content-Type": "application/json", "Origin": f"https://{host}"})
            answer = connection.getresponse()
            answer.read()
            self.assertEqual(answer.status, 200)
            cookie = answer.getheader("Set-Cookie")
            self.assertIn("Secure", cookie)
            self.assertIn("HttpOnly", cookie)
            # Plain HTTP on the same port gets no page.
            plain = http.client.HTTPConnection("127.0.0.1", kiosk.port, timeout=10)
            with self.assertRaises((http.client.HTTPException, OSError)):
                plain.request("GET", "/", headers={"Host": host})
                plain.getresponse().read()
        finally:
            kiosk.stop()
            certs.cleanup()


class KioskWithTwoTills(unittest.TestCase):
    """Two tills of one shop in one kiosk: each page works at its own till; the owner's page gets alerts."""

    @classmethod
    def setUpClass(cls):
        cls.second = PTYScanner()
        cls.kiosk = Kiosk(config={"tills": [{"name": "kassa-1"},
                                            {"name": "kassa-2", "scanners": [f"serial:{cls.second.path}"]}]})
        cls.one, cls.two = browser(), browser()

    @classmethod
    def tearDownClass(cls):
        cls.one.quit()
        cls.two.quit()
        if cls.kiosk.process.poll() is None:
            cls.kiosk.stop()
        cls.second.close()

    def sign_in_at(self, driver, account, till):
        driver.get(self.kiosk.url)
        wait(driver).until(EC.visibility_of_element_located((By.ID, "login-till")))
        Select(driver.find_element(By.ID, "login-till")).select_by_value(till)
        driver.find_element(By.NAME, "user").send_keys(account[0])
        pin = driver.find_element(By.NAME, "pin")
        pin.send_keys(account[1])
        pin.send_keys(Keys.ENTER)
        wait(driver).until(lambda d: d.find_element(By.ID, "who-till").text == till)

    def test_1_each_page_sees_only_its_own_till(self):
        self.sign_in_at(self.one, STAFF, "kassa-1")
        self.sign_in_at(self.two, OWNER, "kassa-2")
        self.second.scan(STOLEN[2])                          # a scanner of kassa-2
        warning = wait(self.two).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "[role=alertdialog][data-check-result=hit]")))
        self.assertIn(STOLEN[2], warning.text)
        self.kiosk.scanner.scan("ONLY-AT-ONE-1")             # a scanner of kassa-1
        wait(self.one).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#item-list li[data-item-id]")) == 1)
        self.assertFalse(self.one.find_element(By.ID, "hit-warning").is_displayed())
        self.assertNotIn(STOLEN[2], self.one.find_element(By.ID, "view-counter").text)
        self.assertEqual(len(self.two.find_elements(By.CSS_SELECTOR, "#item-list li[data-item-id]")), 1)
        # The owner decides at kassa-2; kassa-1's item is untouched.
        form = self.two.find_element(By.ID, "hit-form")
        form.find_element(By.NAME, "owner").send_keys(OWNER[0])
        form.find_element(By.NAME, "pin").send_keys(OWNER[1])
        form.find_element(By.NAME, "reason").send_keys("niet gekocht")
        form.find_element(By.NAME, "pin").send_keys(Keys.ENTER)
        wait(self.two).until(EC.invisibility_of_element_located((By.ID, "hit-warning")))
        self.assertEqual(len(self.one.find_elements(By.CSS_SELECTOR, "#item-list li[data-item-id]")), 1)

    def test_2_a_late_hit_found_by_another_process_reaches_the_owner_within_two_seconds(self):
        intake = json.loads(open(os.path.join(ROOT, "docs", "examples", "intake.json")).read())
        intake["items"][0]["imei"] = "490154203237518"
        cli(self.kiosk.data, "intake", "add", stdin=json.dumps(intake))
        self.two.find_element(By.CSS_SELECTOR, "#topbar [data-view=owner]").click()
        wait(self.two).until(EC.visibility_of_element_located((By.ID, "view-owner")))
        feed = os.path.join(self.kiosk.data, "late.csv")
        with open(feed, "w") as f:
            f.write("serial,brand\n490154203237518,Apple\n")
        cli(self.kiosk.data, "hotlist", "import", feed, "--delta")
        # How fast is measured by `make bench` (goal ≤ 2 s); here: it arrives, with the badge, without a reload.
        badge = wait(self.two, 10).until(EC.visibility_of_element_located((By.ID, "owner-badge")))
        self.assertEqual(badge.text, "1")

    def test_3_sigterm_with_pages_open_stops_cleanly(self):
        # How fast is measured by `make bench` (goal ≤ 2 s); here: open pages do not hold it up, exit code 0.
        self.assertIsNone(self.kiosk.process.poll())
        self.kiosk.process.terminate()
        try:
            self.kiosk.process.wait(10)
        except subprocess.TimeoutExpired:
            self.fail("the kiosk did not stop within 10 s; its log:\n" + open(self.kiosk.log.name).read()[-4000:])
        log = open(self.kiosk.log.name).read()
        self.assertIn("engine stopped", log)
        self.assertIn("web server stopped", log)
        # A part that hung was cancelled after 5 s (KioskShutdown): still a clean stop, but say which.
        for line in log.splitlines():
            if "was cancelled" in line:
                print(line, file=sys.stderr)
        self.assertEqual(self.kiosk.process.returncode, 0)
        self.kiosk.scanner.close()
        self.kiosk.reader.close()
        self.kiosk.log.close()
        self.kiosk.folder.cleanup()



class KioskPolice(CounterPage, unittest.TestCase):
    """Issue 13: the three written police workflows of art. 437 lid 1 Sr on the owner's page: a hold order
    (at most 14 days, blocks the sale, on the holding page), a written notice (checked at the counter like the
    hotlist, flags goods already bought), an information request (deadline on every owner page until answered,
    CSV and PDF answer)."""

    @classmethod
    def setUpClass(cls):
        def two_intakes(data):
            with open(os.path.join(ROOT, "docs", "examples", "intake.json")) as f:
                intake = json.load(f)
            cli(data, "intake", "add", stdin=json.dumps(intake))           # entry 1: IMEI 356938035643809, GS-7731-B
            intake["items"] = [{"category": "bicycle", "brand": "Gazelle", "frameNumber": "GZ4242ZZ",
                                "description": "Damesfiets Gazelle, zwart", "priceCents": 9000}]
            intake["priceCents"] = 9000
            cli(data, "intake", "add", stdin=json.dumps(intake))           # entry 2: frame GZ4242ZZ
        os.makedirs(ARTIFACTS, exist_ok=True)
        cls.kiosk = Kiosk(prepare=two_intakes)
        cls.driver = browser()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.kiosk.stop()

    def police_page(self):
        d = self.driver
        topbar = d.find_elements(By.CSS_SELECTOR, "#topbar")
        if not topbar or not topbar[0].is_displayed() or self.find("#who-role").text != "eigenaar":
            sign_in(d, self.kiosk.url, OWNER)
        self.find("#topbar [data-view=owner]").click()
        self.find(".tab[data-tab=police]").click()
        self.visible("#police-request-form")

    def submit(self, form_css, **fields):
        form = self.find(form_css)
        for name, value in fields.items():
            field = form.find_element(By.NAME, name)
            field.clear()
            field.send_keys(value)
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()

    def prompt(self, answer):
        alert = wait(self.driver).until(EC.alert_is_present())
        alert.send_keys(answer)
        alert.accept()

    def test_1_a_hold_order_of_at_most_14_days_blocks_the_sale_and_shows_on_the_holding_page(self):
        d = self.driver
        self.police_page()
        until = (shop_today() + datetime.timedelta(days=14)).strftime("%d-%m-%Y")   # typed day first (issue 14)
        self.submit("#police-hold-form", itemID="1-1", reference="PL0900-2026-77", officer="Agent 4711", until=until)
        self.assertIn("hoogstens 14 dagen", self.visible("#police-error").text)
        until = (shop_today() + datetime.timedelta(days=13)).strftime("%d-%m-%Y")
        self.submit("#police-hold-form", itemID="1-1", reference="PL0900-2026-77", officer="Agent 4711", until=until)
        row = self.visible("#police-holds tbody tr[data-hold]")
        self.assertIn("PL0900-2026-77", row.text)
        self.assertIn(until, row.text)
        self.shot("30-police-hold-order")
        self.find(".tab[data-tab=holding]").click()
        wait(d).until(lambda _: "bewaarlast PL0900-2026-77 t/m " + until in self.find("#holding-table").text)
        form = self.find("#sale-form")
        form.find_element(By.NAME, "itemID").send_keys("1-1")
        form.find_element(By.NAME, "buyerName").send_keys("B. Koper")
        form.find_element(By.NAME, "buyerName").send_keys(Keys.ENTER)
        error = self.visible("#sale-error").text
        self.assertIn("bewaarlast", error)
        self.assertIn("PL0900-2026-77", error)
        audit = subprocess.run(["sqlite3", os.path.join(self.kiosk.data, "register.sqlite"),
                                "SELECT actor, action, subject FROM audit_event WHERE action = 'police.hold'"],
                               capture_output=True, text=True, check=True).stdout
        self.assertIn(f"{OWNER[0]}|police.hold|item 1-1", audit)

    def test_2_a_written_notice_flags_the_good_in_the_shop_and_is_a_hit_at_the_counter(self):
        d = self.driver
        self.police_page()
        self.submit("#police-notice-form", reference="PL-MELD-9", officer="Agent 12", identifier="gz 4242 zz",
                    brand="Gazelle", description="zwarte damesfiets")
        self.assertIn("PL-MELD-9", self.visible("#police-notices tbody tr[data-notice]").text)
        # The bicycle bought before (entry 2) got a police flag at once.
        self.find(".tab[data-tab=holding]").click()
        # The table is drawn anew as its data comes in: read its rows by script, not through held elements.
        rows = lambda: d.execute_script("return [...document.querySelectorAll('#holding-table tbody tr')].map(r => r.innerText)")
        wait(d).until(lambda _: any("GZ4242ZZ" in r and "open melding" in r for r in rows()))
        self.shot("31-police-notice-flagged")
        # At the counter, the same number is a hit that names the police's notice.
        sign_out(d)
        sign_in(d, self.kiosk.url, STAFF)
        self.kiosk.scanner.scan("GZ4242ZZ")
        warning = self.visible("[role=alertdialog][data-check-result=hit]")
        self.assertIn("GZ4242ZZ", warning.text)
        self.assertIn("PL-MELD-9", warning.text)
        self.shot("32-police-notice-hit")
        form = self.find("#hit-form")
        form.find_element(By.NAME, "owner").send_keys(OWNER[0])
        form.find_element(By.NAME, "pin").send_keys(OWNER[1])
        form.find_element(By.NAME, "reason").send_keys("politie gebeld")
        form.find_element(By.CSS_SELECTOR, "input[value=notBoughtPoliceCalled]").click()
        form.find_element(By.NAME, "pin").send_keys(Keys.ENTER)
        wait(d).until(EC.invisibility_of_element_located((By.ID, "hit-warning")))
        sign_out(d)

    def test_3_an_information_request_shows_its_deadline_until_answered_and_exports_its_entries(self):
        d = self.driver
        self.police_page()
        deadline = (shop_today() + datetime.timedelta(days=7)).strftime("%d-%m-%Y")
        self.submit("#police-request-form", reference="PL-INFO-3", officer="Rechercheur Bos", deadline=deadline,
                    documentNumber="IXR12PN74")
        row = self.visible("#police-requests tbody tr[data-request]")
        self.assertIn("PL-INFO-3", row.text)
        self.assertIn(f"{deadline} (nog 7 dagen)", row.text)
        self.assertIn("document IXR12PN74", row.text)
        # The deadline shows on every owner page until the request is answered.
        self.find(".tab[data-tab=day]").click()
        banner = self.visible("#police-deadlines")
        self.assertIn("PL-INFO-3", banner.text)
        self.assertIn(deadline, banner.text)
        self.shot("33-police-request-deadline")
        self.find(".tab[data-tab=police]").click()
        row = self.visible("#police-requests tbody tr[data-request]")
        request_id = row.get_attribute("data-request")
        csv = d.execute_async_script(
            "const done = arguments[0];"
            f"fetch('/export/police-request/{request_id}/csv').then(r => r.text()).then(done)")
        self.assertIn("Jan Willem De Vries", csv)
        self.assertIn("Kerkstraat 12A", csv)
        self.assertEqual(csv.count("identiteitskaart IXR12PN74"), 2)
        pdf = self.http("GET", f"/export/police-request/{request_id}/pdf")
        self.assertEqual(pdf.status, 200)
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf.read(), capture_output=True, check=True).stdout.decode()
        self.assertIn("PL-INFO-3", text)
        self.assertIn("IXR12PN74", text)
        row.find_element(By.XPATH, ".//button[text()='Beantwoord']").click()
        self.prompt("per e-mail aan Rechercheur Bos")
        wait(d).until(lambda _: not d.find_elements(By.CSS_SELECTOR, "#police-requests tbody tr[data-request]"))
        self.assertFalse(self.find("#police-deadlines").is_displayed())
        audit = subprocess.run(["sqlite3", os.path.join(self.kiosk.data, "register.sqlite"),
                                "SELECT action FROM audit_event WHERE action LIKE 'police.request%' ORDER BY id"],
                               capture_output=True, text=True, check=True).stdout.split()
        self.assertEqual(audit, ["police.request", "police.request.export", "police.request.export", "police.request.answer"])



class KioskCounterComfort(CounterPage, unittest.TestCase):
    """Issue 14 at a 1024×768 counter touch screen: prices refused at the field, the half-done intake kept by
    the till through a reload, photos that come off again, "Nieuwe klant" that asks, the focus after the ID
    read, the registered number in view."""

    @classmethod
    def setUpClass(cls):
        os.makedirs(ARTIFACTS, exist_ok=True)
        cls.kiosk = Kiosk()
        cls.driver = browser(size=(1024, 768))

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.kiosk.stop()

    def field_error(self, css):
        """The message the engine put under a field, once it shows."""
        return wait(self.driver).until(lambda _: self.find(css).get_attribute("aria-invalid") == "true"
                                       and self.find(css).find_element(By.XPATH, "..").find_element(By.CLASS_NAME, "field-error").text)

    def test_1_a_bad_price_is_refused_at_its_field_and_the_intake_survives_a_reload(self):
        d = self.driver
        sign_in(d, self.kiosk.url, STAFF)
        self.read_id_card(surname="SUHARTO", given="")                     # one name only (point 5)
        wait(d).until(lambda _: self.find("#seller-form input[name=documentNumber]").get_attribute("value") == "XR47PN2K1")
        # After the ID read the focus is on the first field still needed: the street (point 11).
        wait(d).until(lambda _: d.switch_to.active_element.get_attribute("name") == "street")
        self.type_into("#seller-form input[name=street]", "Kerkstraat")
        self.type_into("#seller-form input[name=houseNumber]", "12A")
        self.type_into("#seller-form input[name=postcode]", "1017 GC")
        self.type_into("#seller-form input[name=city]", "Amsterdam")
        self.kiosk.scanner.scan("SN-COMFORT-1")
        card = self.wait_items(1)[0]
        card.find_element(By.NAME, "description").send_keys("Accuboormachine")
        card.find_element(By.NAME, "price").send_keys("12,3x")
        price = "#item-list li input[name=price]"
        self.assertIn("Geen geldig bedrag", self.field_error(price))     # point 1: at the field, in Dutch
        self.assertEqual(self.find("#total").text, "€ 0,00")
        self.shot("40-price-refused-1024")
        # A reload (or a session that timed out) finds the half-done intake on the till.
        time.sleep(0.4)
        d.refresh()
        wait(d).until(lambda _: self.find("#seller-form input[name=street]").get_attribute("value") == "Kerkstraat")
        self.assertEqual(self.find("#seller-form input[name=surname]").get_attribute("value"), "SUHARTO")
        card = self.wait_items(1)[0]
        wait(d).until(lambda _: card.find_element(By.NAME, "price").get_attribute("value") == "12,3x")
        self.assertEqual(card.find_element(By.NAME, "description").get_attribute("value"), "Accuboormachine")
        self.assertIn("Geen geldig bedrag", self.field_error(price))
        # Confirming anyway is refused at the same field; nothing is registered.
        self.choose_payment("bankTransfer")
        self.find("#confirm").click()
        self.visible("#intake-error")
        self.assertEqual(cli(self.kiosk.data, "log", "--format", "json").count('"entryNumber"'), 0)
        field = self.find(price)
        field.clear()
        field.send_keys("12,30")
        wait(d).until(lambda _: self.find("#total").text == "€ 12,30")
        wait(d).until(lambda _: self.find(price).get_attribute("aria-invalid") is None)

    def test_2_photos_come_off_and_new_customer_asks_first(self):
        d = self.driver
        card = self.wait_items(1)[0]
        photo = os.path.join(self.kiosk.data, "wrong.png")
        write_png(photo)
        card.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(photo)
        wait(d).until(lambda _: len(card.find_elements(By.CSS_SELECTOR, ".photos img")) == 1)
        self.tap(card.find_element(By.CSS_SELECTOR, ".photo-remove"))
        wait(d).until(lambda _: len(card.find_elements(By.CSS_SELECTOR, ".photos img")) == 0)
        d.refresh()                                                        # the till forgot it too
        card = self.wait_items(1)[0]
        time.sleep(0.5)
        self.assertEqual(len(card.find_elements(By.CSS_SELECTOR, ".photos img")), 0)
        # "Nieuwe klant" next to "Bevestigen": with items on the counter it asks, and "no" keeps everything.
        self.find("#new-seller").click()
        alert = wait(d, 5).until(EC.alert_is_present())
        self.assertIn("wissen", alert.text)
        alert.dismiss()
        time.sleep(0.3)
        self.assertEqual(len(self.item_cards()), 1)
        self.assertEqual(self.find("#seller-form input[name=street]").get_attribute("value"), "Kerkstraat")

    def test_3_the_registered_number_is_in_view_at_1024x768(self):
        d = self.driver
        self.find("#confirm").click()
        number = self.entry_number()
        done = self.find("#intake-done")
        top = d.execute_script("return arguments[0].getBoundingClientRect().top + window.scrollY", done)
        self.assertLess(top, 300, "the registered number sits at the top of the counter, under the scan field")
        entry = json.loads(cli(self.kiosk.data, "log", "--format", "json"))["rows"][0]
        self.assertEqual(entry["priceCents"], 1230)
        self.assertEqual(entry["sellerName"], "SUHARTO")
        self.assertEqual(str(entry["entryNumber"]), number)
        self.shot("41-registered-1024")
        # It stays until the next scan.
        time.sleep(0.5)
        self.assertTrue(done.is_displayed())
        self.kiosk.scanner.scan("SN-COMFORT-2")
        wait(d).until(lambda _: not self.find("#intake-done").is_displayed())

    def test_4_the_layout_holds_at_1024x768(self):
        self.wait_items(1)
        self.check_layout()
        self.shot("48-counter-1024")


class KioskOwnerRegister(CounterPage, unittest.TestCase):
    """Issue 14, points 10 and 11 at 1280×800: the owner searches the register (a loose serial finds the entry),
    opens an entry from the results and from the day log, reprints it, corrects it with the PIN and a reason
    (the corrected serial is checked again), and asks for one period's register for an inspector."""

    @classmethod
    def setUpClass(cls):
        os.makedirs(ARTIFACTS, exist_ok=True)
        cls.kiosk = Kiosk()
        with open(os.path.join(ROOT, "docs", "examples", "intake.json")) as f:
            example = f.read()
        cli(cls.kiosk.data, "intake", "add", stdin=example)
        cli(cls.kiosk.data, "intake", "add", stdin=example.replace("GS-7731-B", "GS-9999-X").replace("IXR12PN74", "NX1234567"))
        cls.driver = browser(size=(1280, 800))

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.kiosk.stop()

    def open_search(self):
        self.find("#topbar .nav[data-view=owner]").click()
        self.find(".tab[data-tab=search]").click()
        self.visible("#search-form")

    def test_1_a_loose_serial_finds_the_entry_and_the_detail_reprints_it(self):
        d = self.driver
        sign_in(d, self.kiosk.url, OWNER)
        self.open_search()
        self.type_into("#search-form input[name=serial]", "gs 7731-8")   # B typed as 8: alike, not the same
        self.find("#search-form button[type=submit]").click()
        wait(d).until(lambda _: len(d.find_elements(By.CSS_SELECTOR, "#search-table tbody tr[data-entry]")) == 1)
        row = self.find("#search-table tbody tr[data-entry]")
        self.assertEqual(row.get_attribute("data-entry"), "1")
        self.assertIn("nummer lijkt erop", row.text)
        self.assertEqual(self.find("#search-count").text, "1 inschrijving gevonden.")
        self.shot("43-search-1280")
        row.click()
        self.visible("#entry-detail")
        detail = self.find("#entry-detail").text
        self.assertIn("Inschrijving 1", detail)
        self.assertIn("Kerkstraat 12A, 1017 GC Amsterdam", detail)
        self.assertIn("GS-7731-B", detail)
        self.assertTrue(self.find("#entry-reprint").get_attribute("href").endswith("/print/entry/1"))
        # No criterion: the server's words, in Dutch, under the form.
        for name in ("serial",):
            self.find(f"#search-form input[name={name}]").clear()
        self.find("#search-form button[type=submit]").click()
        self.assertIn("Vul minstens één zoekveld in", self.visible("#search-error").text)

    def test_2_the_owner_corrects_an_entry_with_pin_and_reason(self):
        d = self.driver
        self.find(".tab[data-tab=day]").click()
        self.tap("#day-table tbody tr[data-entry='2']")                     # the day log leads to the detail too
        wait(d).until(lambda _: "Inschrijving 2" in self.find("#entry-detail").text)
        form = self.visible("#correction-form")
        serial = form.find_element(By.NAME, "items.1.serialNumber")
        self.assertEqual(serial.get_attribute("value"), "GS-9999-X")
        serial.clear()
        serial.send_keys(STOLEN[0])                                         # the corrected number is on the hotlist
        form.find_element(By.NAME, "reason").send_keys("serienummer verkeerd overgetypt")
        form.find_element(By.NAME, "pin").send_keys("000000")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait(d).until(lambda _: self.find("#correction-error").is_displayed())
        self.assertEqual(cli(self.kiosk.data, "search", "--from", "01-01-2020", "--json").count('"entryNumber"'), 2)
        form = self.find("#correction-form")
        form.find_element(By.NAME, "pin").send_keys(OWNER[1])
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait(d).until(lambda _: "Inschrijving 3" in self.find("#entry-detail").text)
        chain = self.find("#entry-chain").text
        self.assertIn("inschrijving 2", chain)
        self.assertIn("corrigeert 2: serienummer verkeerd overgetypt", chain)
        self.assertIn("TREFFER", self.find("#entry-items").text)            # checked again: a hit, and the owner is told
        self.assertEqual(len(d.find_elements(By.CSS_SELECTOR, "#correction-form")), 1)   # the newest can be corrected again
        self.shot("44-correction-1280")
        found = json.loads(cli(self.kiosk.data, "search", "--serial", STOLEN[0], "--json"))
        self.assertEqual([h["row"]["entryNumber"] for h in found["hits"]], [3])
        self.assertEqual(found["hits"][0]["row"]["corrects"], 2)

    def test_3_the_register_for_an_inspector(self):
        d = self.driver
        self.find(".tab[data-tab=search]").click()
        form = self.find("#register-export-form")
        today = shop_today().strftime("%d-%m-%Y")
        form.find_element(By.NAME, "from").send_keys("01-01-2020")
        form.find_element(By.NAME, "to").send_keys(today)
        self.find("#register-csv").click()
        self.assertIn("hoogstens 366 dagen", self.visible("#register-export-error").text)
        # The same period the link asks for, fetched as the browser does: Dutch Excel's CSV.
        form.find_element(By.NAME, "from").clear()
        form.find_element(By.NAME, "from").send_keys(today)
        href = self.find("#register-csv").get_attribute("href")
        response = self.http("GET", href[href.index("/export"):])
        body = response.read()
        self.assertEqual(response.status, 200)
        self.assertTrue(body.startswith(b"\xef\xbb\xbf"))
        text = body.decode("utf-8-sig")
        self.assertEqual(text.count("\r\n"), 1 + 6 + 1)                     # header, 3 entries × 2 items, summary
        self.assertIn(";Kerkstraat 12A, 1017 GC Amsterdam;14-03-1985;", text)
        self.assertIn(f";{STOLEN[0]};", text)
        # The same register from the command line, as a PDF: landscape, page numbers, the head hash on the last page.
        pdf = os.path.join(self.kiosk.data, "register.pdf")
        cli(self.kiosk.data, "register", "export", "--from", today, "--to", today, "--format", "pdf", "--output", pdf)
        pages = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
        self.assertIn(f"Inkoopregister {today} t/m {today}", pages)
        self.assertIn("Pagina 1 van", pages)
        self.assertIn("Goud & Zo · KvK 12345678", pages)
        self.assertIn("laatste volgnummer in het register 3, hash", pages)
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
        width, height = (float(v) for v in info.split("Page size:")[1].split("pts")[0].split("x"))
        self.assertGreater(width, height)                                   # landscape A4
        self.find("#register-print").click()
        wait(d).until(lambda _: len(d.window_handles) == 2)
        d.switch_to.window(d.window_handles[1])
        wait(d).until(lambda _: "laatste volgnummer in het register 3" in d.find_element(By.TAG_NAME, "body").text)
        d.close()
        d.switch_to.window(d.window_handles[0])

    def test_4_a_locked_clerk_is_shown_and_unlocked_and_the_audit_log_reads_in_words(self):
        d = self.driver
        for _ in range(5):                                                  # Anna mistypes her PIN five times
            self.http("POST", "/api/login", body=json.dumps({"user": STAFF[0], "pin": "0000"}),
                      headers={"Content-Type": "application/json"}).read()
        self.find(".tab[data-tab=users]").click()
        # The table is drawn anew after each change: read it by script, not through a held element.
        row = lambda: d.execute_script(f"return document.querySelector(\"#user-table tr[data-user='{STAFF[0]}']\")?.textContent || ''")
        wait(d).until(lambda _: "geblokkeerd tot" in row())
        self.shot("45-users-locked-1280")
        self.find(f"#user-table tr[data-user='{STAFF[0]}'] button.unlock").click()
        wait(d).until(lambda _: row() and "geblokkeerd" not in row())
        self.find(f"#user-table tr[data-user='{STAFF[0]}'] button.reset-pin").click()
        pin = self.visible(f"#user-table tr[data-user='{STAFF[0]}'] input[name=new-pin]")
        pin.send_keys("4321")
        pin.send_keys(Keys.ENTER)
        wait(d).until(lambda _: not d.find_elements(By.CSS_SELECTOR, "#user-table input[name=new-pin]"))
        response = self.http("POST", "/api/login", body=json.dumps({"user": STAFF[0], "pin": "4321"}),
                             headers={"Content-Type": "application/json"})
        self.assertEqual(response.status, 200)
        self.find(".tab[data-tab=audit]").click()
        table = wait(d).until(lambda _: "gebruiker gedeblokkeerd" in self.find("#audit-table").text and self.find("#audit-table"))
        self.assertIn("correctie ingeschreven", table.text)
        self.assertIn("inschrijving 3", table.text)
        self.assertIn("nieuwe pincode ingesteld", table.text)
        self.assertNotIn("login.ok", table.text)
        self.shot("46-audit-words-1280")

    def test_5_the_receipt_is_80_mm_wide(self):
        response = self.http("GET", "/export/entry/1/receipt.pdf")
        body = response.read()
        self.assertEqual(response.status, 200, body[:300])
        path = os.path.join(self.kiosk.data, "bon-1.pdf")
        with open(path, "wb") as f:
            f.write(body)
        info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
        width = float(info.split("Page size:")[1].split("x")[0])
        self.assertAlmostEqual(width * 25.4 / 72, 80, delta=0.5)            # points to millimetres
        text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout
        self.assertIn("Inkoopregister — volgnummer", text)
        self.assertIn("GS-7731-B", text)
        # The A4 page is still A4.
        self.driver.get(self.kiosk.url + "print/entry/1")
        self.assertEqual(self.find("#print-receipt").get_attribute("href"), self.kiosk.url + "print/entry/1?receipt=1&print=1")

    def test_6_a_two_item_intake_in_under_100_keystrokes_with_the_shortcuts(self):
        """Issue 14: 43 % of the keystrokes were Tab. Now: the document reader fills the seller and puts the focus
        on the street; Alt+N adds an item without a scan; Ctrl+Enter confirms. Touches (clicks) are not keys."""
        d = self.driver
        d.get(self.kiosk.url)
        self.find("#topbar .nav[data-view=counter]").click()
        self.visible("#scan-input")
        keys = 0

        def press(*parts):
            nonlocal keys
            # Selenium's special keys are single private-use characters: each counts one, like a letter.
            keys += sum(len(p) for p in parts)
            d.switch_to.active_element.send_keys(*parts)

        self.read_id_card(surname="BAKKER", given="KEES", number="XR12KEY34")
        wait(d).until(lambda _: d.switch_to.active_element.get_attribute("name") == "street")
        press("Kerkstraat", Keys.TAB, "12A", Keys.TAB, "1017 GC", Keys.TAB, "Amsterdam")
        self.kiosk.scanner.scan("SN-KEYS-1")
        card = self.wait_items(1)[0]
        self.tap(card.find_element(By.NAME, "description"))
        press("Accuboormachine", Keys.TAB, "80")
        press(Keys.ALT, "n")                                                # Alt+N: the second item, typed
        second = self.wait_items(2)[1]
        self.tap(second.find_element(By.NAME, "description"))
        press("Cirkelzaag", Keys.TAB, "45")
        self.choose_payment("bankTransfer")
        time.sleep(0.4)                                                     # the draft reaches the till
        press(Keys.CONTROL, Keys.ENTER)
        number = self.entry_number()
        entry = json.loads(cli(self.kiosk.data, "search", "--document", "XR12KEY34", "--json"))["hits"][0]["row"]
        self.assertEqual(str(entry["entryNumber"]), number)
        self.assertEqual(entry["priceCents"], 12_500)
        self.assertEqual(len(entry["items"]), 2)
        self.assertLessEqual(keys, 100, f"{keys} keystrokes")
        print(f"two-item intake: {keys} keystrokes")

    def test_7_the_metal_value_shows_next_to_the_offer_at_the_owners_day_price(self):
        d = self.driver
        self.find("#topbar .nav[data-view=owner]").click()
        self.find(".tab[data-tab=day]").click()
        form = self.visible("#metal-form")
        form.find_element(By.NAME, "gold").send_keys("32,80")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait(d).until(lambda _: "€ 32,80 per gram" in self.find("#metal-form [data-metal=gold]").text)
        self.find("#topbar .nav[data-view=counter]").click()
        self.visible("#scan-input")
        self.reset_counter()
        d.switch_to.active_element.send_keys(Keys.ALT, "n")
        card = self.wait_items(1)[0]
        Select(card.find_element(By.NAME, "category")).select_by_value("jewellery")
        wait(d).until(lambda _: card.find_element(By.NAME, "material").is_displayed())
        card.find_element(By.NAME, "material").send_keys("geelgoud")
        card.find_element(By.NAME, "fineness").send_keys("585")
        card.find_element(By.NAME, "weight").send_keys("3,2")
        value = wait(d).until(lambda _: (lambda t: t if "€ 61,40" in t else None)(self.find("#item-list .metal-value").text))
        self.assertIn("goud 585/1000, 3,2 g à € 32,80 per gram fijn", value)
        self.shot("47-metal-value-1280")

    def test_8_the_layout_holds_at_1280x800(self):
        self.kiosk.scanner.scan("SN-LAYOUT-1280")
        self.wait_items(2)
        self.check_layout()



    def test_9_the_owner_makes_an_integration_sees_its_token_once_and_revokes_it(self):
        """Issue 18: other shop software gets a token from the users page; revoking refuses it at once."""
        d = self.driver
        if not d.find_elements(By.ID, "who-name") or d.find_element(By.ID, "who-name").text != OWNER[0]:
            sign_in(d, self.kiosk.url, OWNER)                              # (also when run alone)
        self.find("#topbar .nav[data-view=owner]").click()
        self.find(".tab[data-tab=users]").click()
        form = self.visible("#integration-form input[name=name]")
        form.send_keys("Kassa-POS")
        form.send_keys(Keys.ENTER)
        token_field = wait(d).until(lambda _: self.find("#integration-token input").get_attribute("value") and self.find("#integration-token input"))
        token = token_field.get_attribute("value")
        self.assertTrue(token.startswith("ctr_"))
        row = lambda: d.execute_script("return document.querySelector(\"#user-table tr[data-user='Kassa-POS']\")?.textContent || ''")
        wait(d).until(lambda _: "koppeling" in row())
        self.assertNotIn("Nieuwe pincode", row())                          # an integration has no PIN
        self.shot("47-users-integration-1280")
        program = lambda: self.http("GET", "/v1/uploads", headers={"Authorization": f"Bearer {token}", "Cookie": ""})
        self.assertEqual(program().status, 200)
        self.find("#user-table tr[data-user='Kassa-POS'] button.revoke").click()
        wait(d).until(lambda _: "ingetrokken" in row())
        self.assertEqual(program().status, 401)
        # Reloaded, the page shows no token any more: it was shown once.
        d.refresh()
        wait(d).until(lambda _: d.find_element(By.ID, "who-name").text == OWNER[0])
        self.find("#topbar .nav[data-view=owner]").click()
        self.find(".tab[data-tab=users]").click()
        wait(d).until(lambda _: "ingetrokken" in row())
        self.assertFalse(self.find("#integration-token").is_displayed())

class HeadOfficePage(unittest.TestCase):
    """Issue 15: the chain owner's page over every branch on PostgreSQL (`counter-kiosk head-office`)."""

    @classmethod
    def setUpClass(cls):
        cls.cluster = PostgresCluster()
        cls.folder = tempfile.TemporaryDirectory(prefix="counter-ho-")
        data = cls.folder.name
        with open(os.path.join(data, "config.json"), "w") as f:
            json.dump({"shop": SHOP}, f)
        intake = json.loads(open(os.path.join(ROOT, "docs", "examples", "intake.json")).read())
        for imei in ("490154203237518", "356938035643809"):
            intake["items"][0]["imei"] = imei
            cli(data, "intake", "add", stdin=json.dumps(intake))
        cli(data, "migrate-to-postgres", "--database", cls.cluster.url, "--branch", "12345678/000012345678")
        cls.port = free_port()
        cls.process = subprocess.Popen([KIOSK_BIN, "head-office", "--database", cls.cluster.url, "--port", str(cls.port)],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cls.url = f"http://127.0.0.1:{cls.port}/"
        deadline = time.time() + 20
        while True:
            try:
                with urllib.request.urlopen(cls.url, timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.05)
        cls.driver = browser()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.process.terminate()
        cls.process.wait(10)
        cls.cluster.stop()
        cls.folder.cleanup()

    def test_every_branch_its_day_and_a_search_across_branches_in_both_languages(self):
        d = self.driver
        d.get(self.url)
        row = wait(d).until(lambda d: (d.find_elements(By.CSS_SELECTOR, "#ho-branches tbody tr") or [None])[0])
        self.assertIn("Goud & Zo (Deventer)", row.text)
        self.assertEqual([c.text for c in row.find_elements(By.TAG_NAME, "td")][2:], ["2", "2", "2", "0", "0"])
        row.click()
        wait(d).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#ho-log tbody tr")) == 2)
        log = d.find_element(By.ID, "ho-log").text
        self.assertIn("Anna", log)
        self.assertNotIn("Jansen", log)                      # never the seller
        self.assertIn("wacht", d.find_element(By.ID, "ho-uploads").text)
        search = d.find_element(By.CSS_SELECTOR, "#ho-find input")
        search.send_keys("490154203237518", Keys.ENTER)
        wait(d).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#ho-found tbody tr")) == 1)
        search.clear()
        search.send_keys("NOWHERE-123", Keys.ENTER)
        wait(d).until(EC.visibility_of_element_located((By.ID, "ho-none")))
        d.find_element(By.ID, "lang-switch").click()
        wait(d).until(lambda d: "Uploads waiting" in d.find_element(By.ID, "ho-branches").text)
        self.assertIn("waiting", d.find_element(By.ID, "ho-uploads").text)
        d.find_element(By.ID, "lang-switch").click()


@unittest.skipUnless(os.environ.get("COUNTER_CHIP_DOCUMENTS"), "run by scripts/test-chip.sh (pcscd + vpcd)")
class KioskChipCheck(CounterPage, unittest.TestCase):
    """Issue 17: the chip check's outcomes at the counter, read from an emulated passport through pcscd and vpcd
    (Tests/chip): green, the full-screen warning the owner decides on (audited), the two warnings, the plain
    messages. The face shows for comparison; nothing of the chip is stored."""

    @classmethod
    def setUpClass(cls):
        cls.documents = os.environ["COUNTER_CHIP_DOCUMENTS"]
        cls.port = os.environ["COUNTER_CHIP_PORT"]
        cls.python = os.environ["COUNTER_CHIP_PYTHON"]
        os.makedirs(ARTIFACTS, exist_ok=True)
        cls.kiosk = Kiosk(config={"tills": [{"name": "kassa-1", "chipReader": "Virtual PCD"}]},
                          prepare=lambda data: cli(data, "id", "masterlist", "import", os.path.join(cls.documents, "masterlist.der")))
        cls.driver = browser()
        sign_in(cls.driver, cls.kiosk.url, OWNER)
        cls.card = None

    @classmethod
    def tearDownClass(cls):
        cls.remove_card()
        cls.driver.quit()
        cls.kiosk.stop()

    @classmethod
    def insert_card(cls, scenario):
        cls.remove_card()
        cls.card = subprocess.Popen([cls.python, os.path.join(ROOT, "Tests", "chip", "passport_card.py"), "--port", cls.port,
                                     "--once", os.path.join(cls.documents, scenario + ".json")],
                                    cwd=os.path.join(ROOT, "Tests", "chip"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.5)   # vpcd and pcscd see the card

    @classmethod
    def remove_card(cls):
        if cls.card:
            cls.card.kill()
            cls.card.wait()
            cls.card = None
            time.sleep(1.5)   # pcscd sees it go

    def scan_printed(self, scenario):
        with open(os.path.join(self.documents, scenario + ".json")) as f:
            lines = json.load(f)["printedMRZ"]
        self.reset_counter()
        for line in lines:
            self.kiosk.reader.scan(line)
        wait(self.driver).until(lambda _: self.find("#seller-form input[name=documentNumber]").get_attribute("value") != "")

    def read_chip(self, verdict, can=""):
        form = self.find("#chip-form")
        if can:
            form.find_element(By.NAME, "can").send_keys(can)
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        return wait(self.driver, 30).until(
            lambda _: self.find("#chip-status") if self.find("#chip-status").get_attribute("data-chip-verdict") == verdict else None)

    def test_1_a_genuine_chip_is_green_with_the_face_for_comparison(self):
        self.insert_card("good")
        self.scan_printed("good")
        status = self.read_chip("genuine")
        self.assertEqual(status.get_attribute("data-level"), "ok")
        self.assertIn("Chip echt, gegevens gelijk aan de MRZ", status.text)
        face = self.find("#chip-face")
        self.assertTrue(face.is_displayed())
        self.assertTrue(face.get_attribute("src").startswith("data:image/jpeg;base64,"))
        self.assertGreater(self.driver.execute_script("return arguments[0].naturalWidth", face), 0)
        self.shot("60-chip-genuine")

    def test_2_a_chip_that_differs_from_the_print_is_a_full_screen_warning_the_owner_decides(self):
        self.insert_card("dg1-differs")
        self.scan_printed("dg1-differs")
        self.find("#chip-form button[type=submit]").click()
        warning = self.visible("#chip-warning", 30)
        self.assertEqual(warning.get_attribute("role"), "alertdialog")
        self.assertIn("MOGELIJK VERVALST", warning.text)
        self.assertIn("achternaam", self.find("#chip-differences").text)
        # Tab stays inside the warning; the counter behind it cannot be reached.
        for _ in range(8):
            self.driver.switch_to.active_element.send_keys(Keys.TAB)
            self.assertTrue(self.driver.execute_script("return document.getElementById('chip-warning').contains(document.activeElement)"))
        self.shot("61-chip-differs")
        form = self.find("#chip-warning-form")
        form.find_element(By.NAME, "owner").send_keys(OWNER[0])
        form.find_element(By.NAME, "pin").send_keys(OWNER[1])
        form.find_element(By.NAME, "reason").send_keys("paspoort nagekeken, naam gewijzigd na huwelijk")
        form.find_element(By.NAME, "reason").send_keys(Keys.ENTER)
        wait(self.driver).until(EC.invisibility_of_element_located((By.ID, "chip-warning")))
        self.assertIn("toegestaan door " + OWNER[0], self.find("#chip-status").text)

    def test_3_a_bad_signature_and_an_unknown_issuer_are_warnings(self):
        for scenario, verdict, words in (("wrong-signature", "signatureInvalid", "Handtekening klopt niet"),
                                         ("unknown-csca", "unknownIssuer", "Uitgever onbekend")):
            self.insert_card(scenario)
            self.scan_printed(scenario)
            status = self.read_chip(verdict)
            self.assertEqual(status.get_attribute("data-level"), "warning")
            self.assertIn(words, status.text)
            self.assertFalse(self.find("#chip-warning").is_displayed())
        # That state's chip holds its face as JPEG 2000: the page shows it (decoded by the kiosk, as PNG).
        face = self.find("#chip-face")
        self.assertTrue(face.get_attribute("src").startswith("data:image/png;base64,"))
        self.assertEqual(self.driver.execute_script("return arguments[0].naturalWidth", face), 60)
        self.shot("62-chip-unknown-issuer")

    def test_4_an_unreadable_chip_and_no_chip_are_plain_messages(self):
        self.insert_card("good")
        self.scan_printed("good")
        status = self.read_chip("unreadable", can="999999")
        self.assertEqual(status.get_attribute("data-level"), "plain")
        self.assertIn("Chip niet leesbaar", status.text)
        self.remove_card()
        status = self.read_chip("noChip")
        self.assertIn("Geen chip", status.text)
        # A Dutch document to 2021: its BSN is in DG1 and DG11. Read, green, and nowhere afterwards.
        self.insert_card("bsn-dg11")
        self.scan_printed("bsn-dg11")
        self.read_chip("genuine")
        self.assertNotIn("999999990", self.driver.page_source)
        # Nothing of the chip in the data folder (the kiosk's log is in it too): no face bytes, no BSN.
        with open(os.path.join(ROOT, "Tests", "chip", "face.jpg"), "rb") as f:
            face = f.read()[:64]
        for folder, _, files in os.walk(self.kiosk.data):
            for name in files:
                with open(os.path.join(folder, name), "rb") as f:
                    content = f.read()
                    self.assertNotIn(face, content, name)
                    self.assertNotIn(b"999999990", content, name)


if __name__ == "__main__":
    result = unittest.main(verbosity=2, exit=False, warnings="ignore").result
    failed = len(result.failures) + len(result.errors)
    print(f"browser tests: {result.testsRun - failed - len(result.skipped)} passed, {failed} failed, {len(result.skipped)} skipped")
    sys.exit(0 if result.wasSuccessful() and result.testsRun > 0 else 1)
