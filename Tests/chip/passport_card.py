"""An emulated eMRTD for the tests, written from ICAO Doc 9303 parts 10 and 11 (not from Counter's Swift code).

It connects to vsmartcard's vpcd reader driver (as loaded by pcscd) and answers APDUs: the file system
(EF.CardAccess at the master file, the eMRTD application with EF.COM, DG1, DG2, DG11, EF.SOD), PACE with
generic mapping (ECDH on brainpoolP256r1, AES-128, the MRZ or the CAN as password), BAC, and secure messaging
(AES and 3DES). vpcd's protocol: each message is a 2-byte big-endian length and a payload; a 1-byte payload is a
control code (0 power off, 1 power on, 2 reset, 4 send the ATR), anything longer is an APDU.

  python3 passport_card.py --port PORT DOCUMENT.json [--once]
"""
import argparse
import hashlib
import json
import os
import socket
import struct
import sys
import time

from Cryptodome.Cipher import AES, DES, DES3
from Cryptodome.Hash import CMAC

from der import all_tlv, oid, tlv

ATR = bytes.fromhex("3B8E800180318066B1840C016E0183009000" + "1C")
AID = bytes.fromhex("A0000002471001")

# brainpoolP256r1 (RFC 5639), for the card side of PACE. Affine arithmetic in Python integers: test code.
P = 0xA9FB57DBA1EEA9BC3E660A909D838D726E3BF623D52620282013481D1F6E5377
A = 0x7D5A0975FC2C3057EEF67530417AFFE7FB8055C126DC5C6CE94A4B44F330B5D9
B = 0x26DC5C6CE94A4B44F330B5D9BBD77CBF958416295CF7E1CE6BCCDC18FF8C07B6
GX = 0x8BD2AEB9CB7E57CB2C4B482FFC81B7AFB9DE27E1E3BD23C23A4453BD9ACE3262
GY = 0x547EF835C3DAC4FD97F8461A14611DC9C27745132DED8E545C1D54C72F046997
N = 0xA9FB57DBA1EEA9BC3E660A909D838D718C397AA3B561A6F7901E0E82974856A7


def ec_add(p1, p2):
    if p1 is None:
        return p2
    if p2 is None:
        return p1
    (x1, y1), (x2, y2) = p1, p2
    if x1 == x2 and (y1 + y2) % P == 0:
        return None
    if p1 == p2:
        lam = (3 * x1 * x1 + A) * pow(2 * y1, -1, P) % P
    else:
        lam = (y2 - y1) * pow(x2 - x1, -1, P) % P
    x3 = (lam * lam - x1 - x2) % P
    return x3, (lam * (x1 - x3) - y1) % P


def ec_mul(k, point):
    result, addend = None, point
    while k:
        if k & 1:
            result = ec_add(result, addend)
        addend = ec_add(addend, addend)
        k >>= 1
    return result


def encode(point):
    return b"\x04" + point[0].to_bytes(32, "big") + point[1].to_bytes(32, "big")


def decode(data):
    if len(data) != 65 or data[0] != 4:
        raise ValueError("not an uncompressed point")
    x, y = int.from_bytes(data[1:33], "big"), int.from_bytes(data[33:], "big")
    if (y * y - (x * x * x + A * x + B)) % P:
        raise ValueError("not on the curve")
    return x, y


def pad(data, block):
    data = data + b"\x80"
    return data + b"\x00" * (-len(data) % block)


def unpad(data):
    data = data.rstrip(b"\x00")
    if not data.endswith(b"\x80"):
        raise ValueError("padding")
    return data[:-1]


def kdf(secret, counter, cipher):
    digest = hashlib.sha1(secret + counter.to_bytes(4, "big")).digest()
    return digest[:16]


def retail_mac(key, data):
    k1, k2 = key[:8], key[8:16]
    h = bytes(8)
    for i in range(0, len(data), 8):
        h = DES.new(k1, DES.MODE_ECB).encrypt(bytes(a ^ b for a, b in zip(h, data[i:i + 8])))
    return DES.new(k1, DES.MODE_ECB).encrypt(DES.new(k2, DES.MODE_ECB).decrypt(h))


class Session:
    """Secure messaging state: cipher ("aes" or "3des"), keys, send sequence counter."""

    def __init__(self, cipher, k_enc, k_mac, ssc):
        self.cipher, self.k_enc, self.k_mac, self.ssc = cipher, k_enc, k_mac, ssc
        self.block = 16 if cipher == "aes" else 8

    def increment(self):
        self.ssc = ((int.from_bytes(self.ssc, "big") + 1) % (1 << (8 * len(self.ssc)))).to_bytes(len(self.ssc), "big")

    def mac(self, data):
        data = pad(self.ssc + data, self.block)
        if self.cipher == "aes":
            return CMAC.new(self.k_mac, ciphermod=AES).update(data).digest()[:8]
        return retail_mac(self.k_mac, data)

    def crypt(self, data, encrypt):
        if self.cipher == "aes":
            iv = AES.new(self.k_enc, AES.MODE_ECB).encrypt(self.ssc)
            c = AES.new(self.k_enc, AES.MODE_CBC, iv)
        else:
            c = DES3.new(self.k_enc, DES3.MODE_CBC, bytes(8))
        return c.encrypt(data) if encrypt else c.decrypt(data)


class Card:
    def __init__(self, document):
        self.files = {int(k, 16): bytes.fromhex(v) for k, v in document["files"].items()}
        self.mrz_information = document["mrzInformation"].encode()
        self.can = document["can"].encode()
        self.pace_offered = 0x011C in self.files
        self.bac_allowed = document["access"] == "bac"
        self.reset()

    def reset(self):
        self.session = None
        self.application = False
        self.selected = None
        self.challenge = None
        self.pace = None

    # Plain command processing, shared by unprotected and protected commands.
    def process(self, cla, ins, p1, p2, data, le):
        if ins == 0xA4:
            if p1 == 0x04:
                if data != AID:
                    return b"", 0x6A82
                if self.pace_offered and self.session is None:
                    return b"", 0x6982  # PACE first
                self.application, self.selected = True, None
                return b"", 0x9000
            if p1 in (0x00, 0x02) and len(data) == 2:
                fid = int.from_bytes(data, "big")
                if fid == 0x011C and fid in self.files:
                    self.selected = fid
                    return b"", 0x9000
                if not self.application or fid not in self.files or fid == 0x011C:
                    return b"", 0x6A82
                if self.session is None:
                    return b"", 0x6982
                self.selected = fid
                return b"", 0x9000
            return b"", 0x6A86
        if ins == 0xB0:
            if self.selected is None:
                return b"", 0x6986
            if self.selected != 0x011C and self.session is None:
                return b"", 0x6982
            content = self.files[self.selected]
            offset = ((p1 & 0x7F) << 8) | p2
            if offset > len(content):
                return b"", 0x6B00
            chunk = content[offset:offset + (le or 256)]
            return chunk, 0x9000 if len(chunk) == (le or 256) or offset + len(chunk) == len(content) else 0x6282
        if ins == 0x84 and self.bac_allowed:
            self.challenge = os.urandom(8)
            return self.challenge, 0x9000
        if ins == 0x82 and self.bac_allowed:
            return self.external_authenticate(data)
        if ins == 0x22 and p1 == 0xC1 and p2 == 0xA4 and self.pace_offered:
            return self.set_at(data)
        if ins == 0x86 and self.pace is not None:
            return self.general_authenticate(cla, data)
        return b"", 0x6D00

    # BAC (part 11 §4.3), card side.
    def bac_keys(self):
        seed = hashlib.sha1(self.mrz_information).digest()[:16]
        return kdf(seed, 1, "3des"), kdf(seed, 2, "3des")

    def external_authenticate(self, data):
        k_enc, k_mac = self.bac_keys()
        if self.challenge is None or len(data) != 40 or retail_mac(k_mac, pad(data[:32], 8)) != data[32:]:
            return b"", 0x6300
        s = DES3.new(k_enc, DES3.MODE_CBC, bytes(8)).decrypt(data[:32])
        rnd_ifd, rnd_ic, k_ifd = s[:8], s[8:16], s[16:32]
        if rnd_ic != self.challenge:
            return b"", 0x6300
        k_ic = os.urandom(16)
        encrypted = DES3.new(k_enc, DES3.MODE_CBC, bytes(8)).encrypt(rnd_ic + rnd_ifd + k_ic)
        answer = encrypted + retail_mac(k_mac, pad(encrypted, 8))
        seed = bytes(a ^ b for a, b in zip(k_ifd, k_ic))
        self.session = Session("3des", kdf(seed, 1, "3des"), kdf(seed, 2, "3des"), rnd_ic[4:] + rnd_ifd[4:])
        return answer, 0x9000

    # PACE generic mapping, ECDH on brainpoolP256r1 with AES-128 (part 11 §4.4), card side.
    def set_at(self, data):
        objects = dict(all_tlv(data))
        reference = objects.get(0x83, b"\x01")[0]
        if objects.get(0x80) != oid("0.4.0.127.0.7.2.2.4.2.2")[2:] or objects.get(0x84) != b"\x0d":
            return b"", 0x6A80
        secret = hashlib.sha1(self.mrz_information).digest() if reference == 1 else self.can
        self.pace = {"k_pi": kdf(secret, 3, "aes"), "step": 1, "oid": objects[0x80]}
        return b"", 0x9000

    @staticmethod
    def token(k_mac, protocol, point):
        data = tlv(0x7F49, tlv(0x06, protocol) + tlv(0x86, point))
        return CMAC.new(k_mac, ciphermod=AES).update(data).digest()[:8]

    def general_authenticate(self, cla, data):
        state = self.pace
        try:
            outer = all_tlv(data)
            inner = dict(all_tlv(outer[0][1])) if outer and outer[0][0] == 0x7C else None
        except Exception:
            inner = None
        if inner is None:
            return b"", 0x6A80
        step = state["step"]
        if step == 1 and not inner:
            state["s"] = os.urandom(16)
            z = AES.new(state["k_pi"], AES.MODE_CBC, bytes(16)).encrypt(state["s"])
            state["step"] = 2
            return tlv(0x7C, tlv(0x80, z)), 0x9000
        if step == 2 and 0x81 in inner:
            y = int.from_bytes(os.urandom(32), "big") % (N - 1) + 1
            try:
                h = ec_mul(y, decode(inner[0x81]))
            except ValueError:
                return b"", 0x6A80
            state["generator"] = ec_add(ec_mul(int.from_bytes(state["s"], "big"), (GX, GY)), h)
            state["step"] = 3
            return tlv(0x7C, tlv(0x82, encode(ec_mul(y, (GX, GY))))), 0x9000
        if step == 3 and 0x83 in inner:
            k = int.from_bytes(os.urandom(32), "big") % (N - 1) + 1
            try:
                terminal = decode(inner[0x83])
            except ValueError:
                return b"", 0x6A80
            ours = encode(ec_mul(k, state["generator"]))
            shared = ec_mul(k, terminal)[0].to_bytes(32, "big")
            state.update(terminal=inner[0x83], ours=ours, k_enc=kdf(shared, 1, "aes"), k_mac=kdf(shared, 2, "aes"), step=4)
            return tlv(0x7C, tlv(0x84, ours)), 0x9000
        if step == 4 and 0x85 in inner and cla & 0x10 == 0:
            self.pace = None
            if inner[0x85] != self.token(state["k_mac"], state["oid"], state["ours"]):
                return b"", 0x6300  # a wrong password: the tokens do not match
            self.session = Session("aes", state["k_enc"], state["k_mac"], bytes(16))
            return tlv(0x7C, tlv(0x86, self.token(state["k_mac"], state["oid"], state["terminal"]))), 0x9000
        self.pace = None
        return b"", 0x6985

    # APDU framing and secure messaging.
    @staticmethod
    def parse(apdu):
        cla, ins, p1, p2 = apdu[:4]
        body = apdu[4:]
        data, le = b"", None
        if len(body) == 1:
            le = body[0] or 256
        elif len(body) == 3 and body[0] == 0:
            le = int.from_bytes(body[1:], "big") or 65536
        elif body and body[0] == 0 and len(body) > 3:
            n = int.from_bytes(body[1:3], "big")
            data = body[3:3 + n]
            rest = body[3 + n:]
            if rest:
                le = int.from_bytes(rest, "big") or 65536
        elif body:
            n = body[0]
            data = body[1:1 + n]
            rest = body[1 + n:]
            if rest:
                le = rest[0] or 256
        return cla, ins, p1, p2, data, le

    def respond(self, apdu):
        cla, ins, p1, p2, data, le = self.parse(apdu)
        if cla & 0x0C != 0x0C:
            if self.session is not None and ins not in (0x86,):
                # A plain command during secure messaging ends the session (part 11 §9.8).
                self.session = None
                self.application = False
            answer, sw = self.process(cla, ins, p1, p2, data, le)
            return answer + struct.pack(">H", sw)
        session = self.session
        if session is None:
            return struct.pack(">H", 0x6987)
        objects = all_tlv(data)
        covered = b"".join(tlv(t, v) for t, v in objects if t in (0x85, 0x87, 0x97))
        mac = dict(objects).get(0x8E)
        session.increment()
        header = bytes([cla, ins, p1, p2])
        if mac is None or session.mac(pad(header, session.block) + covered) != mac:
            self.session = None
            return struct.pack(">H", 0x6988)
        plain, expected = b"", None
        for tag, value in objects:
            if tag == 0x87:
                plain = unpad(session.crypt(value[1:], False))
            elif tag == 0x85:
                plain = unpad(session.crypt(value, False))
            elif tag == 0x97:
                expected = int.from_bytes(value, "big") or (256 if len(value) == 1 else 65536)
        answer, sw = self.process(cla & ~0x0C, ins, p1, p2, plain, expected)
        session.increment()
        body = b""
        if answer:
            body += tlv(0x87, b"\x01" + session.crypt(pad(answer, session.block), True))
        body += tlv(0x99, struct.pack(">H", sw))
        body += tlv(0x8E, session.mac(body))
        return body + b"\x90\x00"


def serve(port, document, once):
    card = Card(document)
    while True:
        try:
            sock = socket.create_connection(("127.0.0.1", port))
        except OSError:
            time.sleep(0.2)
            continue
        with sock:
            buffer = b""
            try:
                while True:
                    while len(buffer) < 2:
                        chunk = sock.recv(4096)
                        if not chunk:
                            raise ConnectionError
                        buffer += chunk
                    n = struct.unpack(">H", buffer[:2])[0]
                    while len(buffer) < 2 + n:
                        chunk = sock.recv(4096)
                        if not chunk:
                            raise ConnectionError
                        buffer += chunk
                    payload, buffer = buffer[2:2 + n], buffer[2 + n:]
                    if len(payload) == 1:
                        if payload[0] == 4:
                            sock.sendall(struct.pack(">H", len(ATR)) + ATR)
                        elif payload[0] in (0, 1, 2):
                            card.reset()
                        continue
                    answer = card.respond(payload)
                    sock.sendall(struct.pack(">H", len(answer)) + answer)
            except ConnectionError:
                pass
        if once:
            return


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--once", action="store_true")
    parser.add_argument("document")
    args = parser.parse_args()
    with open(args.document) as f:
        document = json.load(f)
    sys.stdout.write("card: %s on vpcd port %d\n" % (document["scenario"], args.port))
    sys.stdout.flush()
    serve(args.port, document, args.once)


if __name__ == "__main__":
    main()
