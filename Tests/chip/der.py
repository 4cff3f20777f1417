"""A few DER encoders for the test credentials (ICAO Doc 9303 part 10/12 structures), written for the tests."""


def length(n):
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def tlv(tag, value):
    tag_bytes = tag.to_bytes((tag.bit_length() + 7) // 8 or 1, "big")
    return tag_bytes + length(len(value)) + value


def seq(*parts):
    return tlv(0x30, b"".join(parts))


def set_of(*parts):
    return tlv(0x31, b"".join(sorted(parts)))


def integer(n):
    body = n.to_bytes(max(1, (n.bit_length() + 8) // 8), "big", signed=False)
    if body[0] & 0x80:
        body = b"\x00" + body
    return tlv(0x02, body)


def oid(dotted):
    arcs = [int(a) for a in dotted.split(".")]
    out = bytes([arcs[0] * 40 + arcs[1]])
    for arc in arcs[2:]:
        chunk = [arc & 0x7F]
        arc >>= 7
        while arc:
            chunk.insert(0, (arc & 0x7F) | 0x80)
            arc >>= 7
        out += bytes(chunk)
    return tlv(0x06, out)


def octets(b):
    return tlv(0x04, b)


def explicit(n, inner):
    return tlv(0xA0 + n, inner)


def read(data, offset=0):
    """(tag, value, next offset) of one TLV."""
    tag = data[offset]
    offset += 1
    if tag & 0x1F == 0x1F:
        while True:
            tag = (tag << 8) | data[offset]
            offset += 1
            if not data[offset - 1] & 0x80:
                break
    first = data[offset]
    offset += 1
    if first < 0x80:
        n = first
    else:
        size = first & 0x7F
        n = int.from_bytes(data[offset:offset + size], "big")
        offset += size
    return tag, data[offset:offset + n], offset + n


def all_tlv(data):
    out, offset = [], 0
    while offset < len(data):
        tag, value, offset = read(data, offset)
        out.append((tag, value))
    return out
