#include "chip_crypto.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/objects.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <string.h>

int chip_cipher(const char *name, int encrypt, const uint8_t *key, size_t key_len, const uint8_t *iv,
                const uint8_t *in, size_t len, uint8_t *out) {
    int ok = 0, n = 0, m = 0;
    EVP_CIPHER *cipher = EVP_CIPHER_fetch(NULL, name, NULL);
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    uint8_t zeros[16] = {0};
    if (!cipher || !ctx || (size_t)EVP_CIPHER_get_key_length(cipher) != key_len) goto done;
    if (len % (size_t)EVP_CIPHER_get_block_size(cipher) != 0) goto done;
    if (!EVP_CipherInit_ex2(ctx, cipher, key, iv ? iv : zeros, encrypt, NULL)) goto done;
    EVP_CIPHER_CTX_set_padding(ctx, 0);
    if (!EVP_CipherUpdate(ctx, out, &n, in, (int)len)) goto done;
    if (!EVP_CipherFinal_ex(ctx, out + n, &m)) goto done;
    ok = (size_t)(n + m) == len;
done:
    EVP_CIPHER_CTX_free(ctx);
    EVP_CIPHER_free(cipher);
    return ok;
}

int chip_cmac_aes(const uint8_t *key, size_t key_len, const uint8_t *message, size_t len, uint8_t out[16]) {
    const char *cipher = key_len == 16 ? "AES-128-CBC" : key_len == 24 ? "AES-192-CBC" : key_len == 32 ? "AES-256-CBC" : NULL;
    if (!cipher) return 0;
    int ok = 0;
    size_t out_len = 0;
    EVP_MAC *mac = EVP_MAC_fetch(NULL, "CMAC", NULL);
    EVP_MAC_CTX *ctx = mac ? EVP_MAC_CTX_new(mac) : NULL;
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, (char *)cipher, 0),
        OSSL_PARAM_construct_end(),
    };
    if (!ctx || !EVP_MAC_init(ctx, key, key_len, params)) goto done;
    if (!EVP_MAC_update(ctx, message, len)) goto done;
    if (!EVP_MAC_final(ctx, out, &out_len, 16)) goto done;
    ok = out_len == 16;
done:
    EVP_MAC_CTX_free(ctx);
    EVP_MAC_free(mac);
    return ok;
}

int chip_digest(const char *name, const uint8_t *in, size_t len, uint8_t *out, size_t *out_len) {
    unsigned int n = 0;
    EVP_MD *md = EVP_MD_fetch(NULL, name, NULL);
    int ok = md && EVP_Digest(in, len, out, &n, md, NULL);
    EVP_MD_free(md);
    *out_len = n;
    return ok;
}

int chip_random(uint8_t *out, size_t len) { return RAND_bytes(out, (int)len) == 1; }

static EC_GROUP *group_named(const char *curve) {
    int nid = OBJ_sn2nid(curve);
    if (nid == NID_undef) nid = OBJ_ln2nid(curve);
    return nid == NID_undef ? NULL : EC_GROUP_new_by_curve_name(nid);
}

int chip_ec_sizes(const char *curve, size_t *order_bytes, size_t *field_bytes) {
    EC_GROUP *group = group_named(curve);
    if (!group) return 0;
    *order_bytes = (size_t)(EC_GROUP_order_bits(group) + 7) / 8;
    *field_bytes = (size_t)(EC_GROUP_get_degree(group) + 7) / 8;
    EC_GROUP_free(group);
    return 1;
}

int chip_ec_mul_add(const char *curve, const uint8_t *scalar, size_t scalar_len, const uint8_t *point, size_t point_len,
                    const uint8_t *add, size_t add_len, uint8_t *out, size_t *out_len) {
    int ok = 0;
    EC_GROUP *group = group_named(curve);
    BN_CTX *bn = BN_CTX_new();
    BIGNUM *k = BN_bin2bn(scalar, (int)scalar_len, NULL);
    EC_POINT *p = NULL, *q = NULL, *r = NULL;
    if (!group || !bn || !k) goto done;
    r = EC_POINT_new(group);
    if (!r) goto done;
    if (point) {
        p = EC_POINT_new(group);
        if (!p || !EC_POINT_oct2point(group, p, point, point_len, bn)) goto done;
        if (EC_POINT_is_on_curve(group, p, bn) != 1 || EC_POINT_is_at_infinity(group, p)) goto done;
        if (!EC_POINT_mul(group, r, NULL, p, k, bn)) goto done;
    } else if (!EC_POINT_mul(group, r, k, NULL, NULL, bn)) {
        goto done;
    }
    if (add) {
        q = EC_POINT_new(group);
        if (!q || !EC_POINT_oct2point(group, q, add, add_len, bn)) goto done;
        if (EC_POINT_is_on_curve(group, q, bn) != 1 || EC_POINT_is_at_infinity(group, q)) goto done;
        if (!EC_POINT_add(group, r, r, q, bn)) goto done;
    }
    if (EC_POINT_is_at_infinity(group, r)) goto done;
    size_t n = EC_POINT_point2oct(group, r, POINT_CONVERSION_UNCOMPRESSED, out, *out_len, bn);
    if (n == 0) goto done;
    *out_len = n;
    ok = 1;
done:
    EC_POINT_free(p);
    EC_POINT_free(q);
    EC_POINT_free(r);
    BN_free(k);
    BN_CTX_free(bn);
    EC_GROUP_free(group);
    return ok;
}

int chip_ec_random_scalar(const char *curve, uint8_t *out, size_t order_bytes) {
    int ok = 0;
    EC_GROUP *group = group_named(curve);
    BIGNUM *k = BN_new(), *range = NULL;
    if (!group || !k) goto done;
    range = BN_dup(EC_GROUP_get0_order(group));
    if (!range || !BN_sub_word(range, 1)) goto done;
    if (!BN_priv_rand_range(k, range) || !BN_add_word(k, 1)) goto done;
    ok = BN_bn2binpad(k, out, (int)order_bytes) == (int)order_bytes;
done:
    BN_clear_free(k);
    BN_free(range);
    EC_GROUP_free(group);
    return ok;
}

int chip_mod_exp_mul(const uint8_t *base, size_t base_len, const uint8_t *exponent, size_t exponent_len,
                     const uint8_t *factor, size_t factor_len, const uint8_t *modulus, size_t modulus_len, uint8_t *out) {
    int ok = 0;
    BN_CTX *bn = BN_CTX_new();
    BIGNUM *b = BN_bin2bn(base, (int)base_len, NULL), *e = BN_bin2bn(exponent, (int)exponent_len, NULL);
    BIGNUM *m = BN_bin2bn(modulus, (int)modulus_len, NULL), *r = BN_new(), *f = NULL;
    if (!bn || !b || !e || !m || !r || BN_is_zero(m)) goto done;
    if (!BN_mod_exp(r, b, e, m, bn)) goto done;
    if (factor) {
        f = BN_bin2bn(factor, (int)factor_len, NULL);
        if (!f || !BN_mod_mul(r, r, f, m, bn)) goto done;
    }
    ok = BN_bn2binpad(r, out, (int)modulus_len) == (int)modulus_len;
done:
    BN_free(b);
    BN_clear_free(e);
    BN_free(m);
    BN_free(r);
    BN_free(f);
    BN_CTX_free(bn);
    return ok;
}

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

static void copy_name(X509_NAME *name, char *out, size_t cap) {
    if (!out || cap == 0) return;
    out[0] = 0;
    BIO *bio = BIO_new(BIO_s_mem());
    if (!bio) return;
    X509_NAME_print_ex(bio, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    int n = BIO_read(bio, out, (int)cap - 1);
    out[n > 0 ? n : 0] = 0;
    BIO_free(bio);
}

size_t chip_certificate_length(const uint8_t *der, size_t der_len) {
    const unsigned char *p = der;
    X509 *cert = d2i_X509(NULL, &p, (long)der_len);
    if (!cert) { ERR_clear_error(); return 0; }
    X509_free(cert);
    return (size_t)(p - der);
}

int chip_certificate_info(const uint8_t *der, size_t der_len, char *subject, size_t subject_cap, int *is_ca,
                          char *not_after, size_t not_after_cap) {
    const unsigned char *p = der;
    X509 *cert = d2i_X509(NULL, &p, (long)der_len);
    if (!cert) { ERR_clear_error(); return 0; }
    copy_name(X509_get_subject_name(cert), subject, subject_cap);
    *is_ca = X509_check_ca(cert) > 0;
    if (not_after && not_after_cap > 0) {
        not_after[0] = 0;
        BIO *bio = BIO_new(BIO_s_mem());
        if (bio) {
            ASN1_TIME_print_ex(bio, X509_get0_notAfter(cert), ASN1_DTFLGS_ISO8601);
            int n = BIO_read(bio, not_after, (int)not_after_cap - 1);
            not_after[n > 0 ? n : 0] = 0;
            BIO_free(bio);
        }
    }
    X509_free(cert);
    return 1;
}

int chip_cms_check(const uint8_t *der, size_t der_len, const uint8_t *trusted, size_t trusted_len, size_t trusted_count,
                   uint8_t *content, size_t *content_len, char *issuer, size_t issuer_cap, char *serial, size_t serial_cap) {
    int result = CHIP_CMS_MALFORMED;
    const unsigned char *p = der;
    CMS_ContentInfo *cms = d2i_CMS_ContentInfo(NULL, &p, (long)der_len);
    X509_STORE *store = NULL;
    BIO *out = NULL;
    if (issuer && issuer_cap) issuer[0] = 0;
    if (serial && serial_cap) serial[0] = 0;
    if (!cms || OBJ_obj2nid(CMS_get0_type(cms)) != NID_pkcs7_signed) goto done;

    // The encapsulated content, whatever its type (an LDS security object, a CSCA master list).
    ASN1_OCTET_STRING **octets = CMS_get0_content(cms);
    if (!octets || !*octets) goto done;
    size_t n = (size_t)ASN1_STRING_length(*octets);
    if (n > *content_len) goto done;
    memcpy(content, ASN1_STRING_get0_data(*octets), n);
    *content_len = n;

    // The signer's certificate, from the certificates carried in the SignedData.
    STACK_OF(CMS_SignerInfo) *infos = CMS_get0_SignerInfos(cms);
    if (!infos || sk_CMS_SignerInfo_num(infos) < 1) goto done;
    CMS_SignerInfo *info = sk_CMS_SignerInfo_value(infos, 0);
    STACK_OF(X509) *certs = CMS_get1_certs(cms);
    if (CMS_set1_signers_certs(cms, certs, 0) < 1) { sk_X509_pop_free(certs, X509_free); goto done; }
    sk_X509_pop_free(certs, X509_free);
    X509 *signer = NULL;
    CMS_SignerInfo_get0_algs(info, NULL, &signer, NULL, NULL);
    if (!signer) goto done;
    copy_name(X509_get_issuer_name(signer), issuer, issuer_cap);
    if (serial && serial_cap) {
        BIGNUM *bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(signer), NULL);
        char *hex = bn ? BN_bn2hex(bn) : NULL;
        if (hex) { snprintf(serial, serial_cap, "%s", hex); OPENSSL_free(hex); }
        BN_free(bn);
    }

    // The signature alone first: a bad one is told apart from an unknown issuer.
    out = BIO_new(BIO_s_mem());
    if (!out || CMS_verify(cms, NULL, NULL, NULL, out, CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) != 1) {
        result = CHIP_CMS_BAD_SIGNATURE;
        goto done;
    }
    if (trusted_count == 0) { result = CHIP_CMS_UNKNOWN_ISSUER; goto done; }

    store = X509_STORE_new();
    if (!store) goto done;
    size_t offset = 0;
    for (size_t i = 0; i < trusted_count && offset < trusted_len; i++) {
        const unsigned char *q = trusted + offset;
        X509 *ca = d2i_X509(NULL, &q, (long)(trusted_len - offset));
        if (!ca) goto done;
        offset = (size_t)(q - trusted);
        X509_STORE_add_cert(store, ca);
        X509_free(ca);
    }
    // Every trusted certificate is an anchor (a master list holds CSCA link certificates too).
    X509_STORE_set_flags(store, X509_V_FLAG_NO_CHECK_TIME | X509_V_FLAG_PARTIAL_CHAIN);
    X509_STORE_set_purpose(store, X509_PURPOSE_ANY);
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    if (!ctx) goto done;
    STACK_OF(X509) *untrusted = CMS_get1_certs(cms);
    int chained = X509_STORE_CTX_init(ctx, store, signer, untrusted) == 1 && X509_verify_cert(ctx) == 1;
    X509_STORE_CTX_free(ctx);
    sk_X509_pop_free(untrusted, X509_free);
    result = chained ? CHIP_CMS_VERIFIED : CHIP_CMS_UNKNOWN_ISSUER;
done:
    ERR_clear_error();
    BIO_free(out);
    X509_STORE_free(store);
    CMS_ContentInfo_free(cms);
    return result;
}
