"""Test credentials and chip files for the emulated passport (issue 17).

Makes a CSCA, a document signer (DS) and an EF.SOD with Python's `cryptography`, following ICAO Doc 9303
parts 10 and 12 (not the Swift code), and writes one JSON document per scenario for passport_card.py:

  good            genuine chip, DG1 equal to the printed MRZ
  dg1-differs     genuine signature, but DG1 names another holder than the printed MRZ
  wrong-hash      the SOD's hash of DG1 does not match DG1
  wrong-signature the SOD's signature bytes are altered
  unknown-csca    the DS is signed by a CSCA that is not in the master list (its face is JPEG 2000)
  bsn-dg11        a Dutch document to 2021: BSN in DG1's personal number and in DG11
  bac             the good chip without PACE (BAC only, 3DES)

and masterlist.der: a CSCA master list (CMS SignedData, its signer issued by the CSCA) holding the CSCA.

  python3 make_document.py OUTPUT_DIR
"""
import datetime
import hashlib
import json
import os
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from der import explicit, integer, octets, oid, seq, set_of, tlv

LDS_SECURITY_OBJECT = "2.23.136.1.1.1"
CSCA_MASTER_LIST = "2.23.136.1.1.2"
SHA256 = "2.16.840.1.101.3.4.2.1"
ECDSA_SHA256 = "1.2.840.10045.4.3.2"
SIGNED_DATA = "1.2.840.113549.1.7.2"
CONTENT_TYPE = "1.2.840.113549.1.9.3"
MESSAGE_DIGEST = "1.2.840.113549.1.9.4"

# The printed MRZ of the test passport (a 2021+ Dutch model: no BSN) and its access keys.
SURNAME, GIVEN = "DE<BRUIJN", "WILLEKE<LISELOTTE"
NUMBER, BIRTH, EXPIRY = "SPECI2021", "650310", "310115"
CAN = "123456"


def check_digit(s):
    values = {**{str(d): d for d in range(10)}, **{chr(65 + i): 10 + i for i in range(26)}, "<": 0}
    return str(sum(values[c] * (7, 3, 1)[i % 3] for i, c in enumerate(s)) % 10)


def td3(surname=SURNAME, given=GIVEN, number=NUMBER, personal=""):
    name = (surname + "<<" + given).ljust(39, "<")[:39]
    line1 = "P<NLD" + name
    personal = personal.ljust(14, "<")
    personal_check = check_digit(personal) if personal.strip("<") else "<"
    body = number + check_digit(number) + "NLD" + BIRTH + check_digit(BIRTH) + "F" + EXPIRY + check_digit(EXPIRY) + personal + personal_check
    composite = check_digit(body[0:10] + body[13:20] + body[21:43])
    return line1, body + composite


def mrz_information(number=NUMBER):
    return number + check_digit(number) + BIRTH + check_digit(BIRTH) + EXPIRY + check_digit(EXPIRY)


def name(common):
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "NL"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Counter test state"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common)])


def certificate(subject, key, issuer, issuer_key, ca, serial):
    now = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(key.public_key())
               .serial_number(serial).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=365 * 12))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), critical=True)
               .add_extension(x509.KeyUsage(digital_signature=not ca, content_commitment=False, key_encipherment=False,
                                            data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
                                            encipher_only=False, decipher_only=False), critical=True))
    return builder.sign(issuer_key, hashes.SHA256())


def signed_data(content_type, content, signer_cert, signer_key, extra_certs=()):
    """CMS SignedData (RFC 5652) with signed attributes, the way document signers write EF.SOD."""
    digest = hashlib.sha256(content).digest()
    attributes = [seq(oid(CONTENT_TYPE), set_of(oid(content_type))),
                  seq(oid(MESSAGE_DIGEST), set_of(octets(digest)))]
    signed_attrs = set_of(*attributes)  # DER SET, signed with tag 0x31 and stored as [0] IMPLICIT
    signature = signer_key.sign(signed_attrs, ec.ECDSA(hashes.SHA256()))
    issuer_der = signer_cert.issuer.public_bytes()
    signer_info = seq(integer(1), seq(issuer_der, integer(signer_cert.serial_number)), seq(oid(SHA256)),
                      b"\xa0" + signed_attrs[1:], seq(oid(ECDSA_SHA256)), octets(signature))
    certs = b"".join(c.public_bytes(serialization.Encoding.DER) for c in (signer_cert, *extra_certs))
    body = seq(integer(3), set_of(seq(oid(SHA256))), seq(oid(content_type), explicit(0, octets(content))),
               tlv(0xA0, certs), set_of(signer_info))
    return seq(oid(SIGNED_DATA), explicit(0, body))


def dg1(line1, line2):
    return tlv(0x61, tlv(0x5F1F, (line1 + line2).encode()))


def dg2(jpeg):
    # ISO/IEC 19794-5: the facial record header, one face, image information, then the JPEG.
    record = (b"FAC\x00" + b"010\x00" + (14 + 20 + 12 + len(jpeg)).to_bytes(4, "big") + (1).to_bytes(2, "big")
              + (20 + 12 + len(jpeg)).to_bytes(4, "big") + bytes(16)
              + bytes([1, 0]) + (8).to_bytes(2, "big") + (8).to_bytes(2, "big") + bytes(6) + jpeg)
    header = tlv(0xA1, tlv(0x80, b"\x01\x01") + tlv(0x87, b"\x01\x01") + tlv(0x88, b"\x00\x08"))
    return tlv(0x75, tlv(0x7F61, tlv(0x02, b"\x01") + tlv(0x7F60, header + tlv(0x5F2E, record))))


def dg11(bsn):
    return tlv(0x6B, tlv(0x5C, b"\x5F\x0E\x5F\x10") + tlv(0x5F0E, b"DE<BRUIJN<<WILLEKE<LISELOTTE") + tlv(0x5F10, bsn.encode()))


def com(tags):
    return tlv(0x60, tlv(0x5F01, b"0107") + tlv(0x5F36, b"040000") + tlv(0x5C, bytes(tags)))


def lds_security_object(groups):
    entries = [seq(integer(n), octets(hashlib.sha256(data).digest())) for n, data in sorted(groups.items())]
    return seq(integer(0), seq(oid(SHA256)), seq(*entries))


CARD_ACCESS_PACE = bytes.fromhex("3114301206 0A 04007F00070202040202 020102 02010D".replace(" ", ""))


def main(out):
    os.makedirs(out, exist_ok=True)
    csca_key = ec.generate_private_key(ec.BrainpoolP256R1())
    csca = certificate(name("CSCA NL test"), csca_key, name("CSCA NL test"), csca_key, True, 1)
    ds_key = ec.generate_private_key(ec.BrainpoolP256R1())
    ds = certificate(name("DS NL test"), ds_key, csca.subject, csca_key, False, 0x1017)
    other_key = ec.generate_private_key(ec.BrainpoolP256R1())
    other = certificate(name("CSCA elsewhere"), other_key, name("CSCA elsewhere"), other_key, True, 7)
    stranger_key = ec.generate_private_key(ec.BrainpoolP256R1())
    stranger = certificate(name("DS elsewhere"), stranger_key, other.subject, other_key, False, 0x2042)
    ml_key = ec.generate_private_key(ec.BrainpoolP256R1())
    ml_signer = certificate(name("Master list signer NL test"), ml_key, csca.subject, csca_key, False, 0x3003)

    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "face.jpg"), "rb") as f:
        jpeg = f.read()
    line1, line2 = td3()
    printed = [line1, line2]

    def document(scenario, groups, sod, access="pace", printed_lines=printed):
        files = {"011E": com([0x61, 0x75] + ([0x6B] if 11 in groups else [])).hex(), "011D": tlv(0x77, sod).hex()}
        files.update({{1: "0101", 2: "0102", 11: "010B"}[n]: data.hex() for n, data in groups.items()})
        if access == "pace":
            files["011C"] = CARD_ACCESS_PACE.hex()
        doc = {"scenario": scenario, "mrzInformation": mrz_information(), "can": CAN, "access": access,
               "printedMRZ": printed_lines, "files": files}
        with open(os.path.join(out, scenario + ".json"), "w") as f:
            json.dump(doc, f, indent=1)

    def sod_for(groups, key=ds_key, cert=ds, tamper=None):
        lds = lds_security_object(groups if tamper != "hash" else {**groups, 1: groups[1] + b"x"})
        sod = signed_data(LDS_SECURITY_OBJECT, lds, cert, key)
        if tamper == "signature":
            # Flip a byte inside the signature value (the last OCTET STRING of the SignerInfo).
            index = len(sod) - 10
            sod = sod[:index] + bytes([sod[index] ^ 0x01]) + sod[index + 1:]
        return sod

    good = {1: dg1(line1, line2), 2: dg2(jpeg)}
    document("good", good, sod_for(good))
    document("bac", good, sod_for(good), access="bac")
    other_line1, other_line2 = td3(surname="JANSEN", given="PIETER")
    differs = {1: dg1(other_line1, other_line2), 2: dg2(jpeg)}
    document("dg1-differs", differs, sod_for(differs))
    document("wrong-hash", good, sod_for(good, tamper="hash"))
    document("wrong-signature", good, sod_for(good, tamper="signature"))
    # This state stores its faces as JPEG 2000 (the counter shows them as PNG).
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "face.jp2"), "rb") as f:
        jp2 = {1: good[1], 2: dg2(f.read())}
    document("unknown-csca", jp2, sod_for(jp2, key=stranger_key, cert=stranger))
    old1, old2 = td3(personal="999999990")
    bsn = {1: dg1(old1, old2), 2: dg2(jpeg), 11: dg11("999999990")}
    document("bsn-dg11", bsn, sod_for(bsn), printed_lines=[old1, old2])

    master_list = seq(integer(0), set_of(csca.public_bytes(serialization.Encoding.DER)))
    with open(os.path.join(out, "masterlist.der"), "wb") as f:
        f.write(signed_data(CSCA_MASTER_LIST, master_list, ml_signer, ml_key))
    with open(os.path.join(out, "csca.der"), "wb") as f:
        f.write(csca.public_bytes(serialization.Encoding.DER))
    # A master list whose signature was altered: refused on import.
    tampered = bytearray(open(os.path.join(out, "masterlist.der"), "rb").read())
    tampered[-12] ^= 0x01
    with open(os.path.join(out, "masterlist-tampered.der"), "wb") as f:
        f.write(bytes(tampered))


if __name__ == "__main__":
    main(sys.argv[1])
