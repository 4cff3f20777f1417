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
