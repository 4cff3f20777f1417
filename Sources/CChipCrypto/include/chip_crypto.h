// A small C layer over OpenSSL 3's libcrypto for reading identity-document chips (ICAO Doc 9303 part 11):
// block ciphers without padding, AES-CMAC, digests, elliptic-curve point arithmetic on named curves
// (brainpool among them) and modular exponentiation. Bytes in, bytes out; no OpenSSL type crosses into
// Swift. Every function returns 1 on success and 0 on failure.
#ifndef CHIP_CRYPTO_H
#define CHIP_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

/// `name` is an OpenSSL cipher name ("DES-EDE-CBC", "DES-EDE-ECB", "AES-128-CBC", "AES-256-ECB", …);
/// `len` must be a multiple of the block size; `iv` may be NULL (zeros) for CBC and is ignored for ECB.
int chip_cipher(const char *name, int encrypt, const uint8_t *key, size_t key_len, const uint8_t *iv,
                const uint8_t *in, size_t len, uint8_t *out);

/// AES-CMAC (NIST SP 800-38B) with a 16, 24 or 32 byte key; writes 16 bytes.
int chip_cmac_aes(const uint8_t *key, size_t key_len, const uint8_t *message, size_t len, uint8_t out[16]);

/// An OpenSSL digest by name ("SHA1", "SHA224", "SHA256", "SHA384", "SHA512"); `out` holds 64 bytes.
int chip_digest(const char *name, const uint8_t *in, size_t len, uint8_t *out, size_t *out_len);

/// Fills `out` with cryptographically secure random bytes.
int chip_random(uint8_t *out, size_t len);

/// The curve's order size in bytes and field size in bytes, for a short curve name ("brainpoolP256r1",
/// "prime256v1", "secp384r1", …).
int chip_ec_sizes(const char *curve, size_t *order_bytes, size_t *field_bytes);

/// out = scalar · P + Q on the named curve, uncompressed (04 || x || y). P is the curve's generator when
/// `point` is NULL; Q is omitted when `add` is NULL. Refuses points not on the curve and the point at infinity.
int chip_ec_mul_add(const char *curve, const uint8_t *scalar, size_t scalar_len, const uint8_t *point, size_t point_len,
                    const uint8_t *add, size_t add_len, uint8_t *out, size_t *out_len);

/// A random scalar in [1, n − 1] for the named curve, `order_bytes` long (big-endian).
int chip_ec_random_scalar(const char *curve, uint8_t *out, size_t order_bytes);

/// out = base^exponent · factor mod modulus (factor 1 when NULL), big-endian, `modulus_len` bytes (left-padded).
int chip_mod_exp_mul(const uint8_t *base, size_t base_len, const uint8_t *exponent, size_t exponent_len,
                     const uint8_t *factor, size_t factor_len, const uint8_t *modulus, size_t modulus_len, uint8_t *out);

/// A JPEG 2000 face (DG2: a JP2 file or a bare codestream) decoded with OpenJPEG and written as a PNG, which
/// browsers show. `*png` is allocated here; release it with chip_free. 1 on success.
int chip_jpeg2000_to_png(const uint8_t *in, size_t in_length, uint8_t **png, size_t *png_length);

void chip_free(void *pointer);

#endif

/// The outcome of checking a CMS SignedData (an eMRTD's EF.SOD, a CSCA master list).
enum {
    CHIP_CMS_VERIFIED = 1,
    CHIP_CMS_MALFORMED = 0,
    /// The signature over the content does not verify with the signer's certificate.
    CHIP_CMS_BAD_SIGNATURE = -1,
    /// The signer's certificate does not chain to any of the trusted certificates.
    CHIP_CMS_UNKNOWN_ISSUER = -2,
};

/// Opens a DER CMS SignedData: its encapsulated content (into `content`, `*content_len` holds its capacity
/// on entry), the first signer's certificate issuer as one line (RFC 2253) and its serial number (hex), and
/// checks it. `trusted` holds `trusted_count` DER certificates laid end to end. Validity dates are not
/// checked (a document stays valid after its signer's key stops signing); when `trusted_count` is 0 only the
/// signature is checked and a verified signature answers CHIP_CMS_UNKNOWN_ISSUER.
int chip_cms_check(const uint8_t *der, size_t der_len, const uint8_t *trusted, size_t trusted_len, size_t trusted_count,
                   uint8_t *content, size_t *content_len, char *issuer, size_t issuer_cap, char *serial, size_t serial_cap);

/// Splits DER certificates laid end to end (or a SET OF Certificate's contents): the length of the first
/// certificate at `der`, or 0 when it is not one.
size_t chip_certificate_length(const uint8_t *der, size_t der_len);

/// The certificate's subject as one line (RFC 2253) and whether it is a CA; 1 on success.
int chip_certificate_info(const uint8_t *der, size_t der_len, char *subject, size_t subject_cap, int *is_ca, char *not_after, size_t not_after_cap);
