#ifndef MICROFUND_COPENSSL_SHIM_H
#define MICROFUND_COPENSSL_SHIM_H

// The OpenSSL headers MicroFund uses, plus static inline wrappers for what
// Swift cannot import: variadic functions and function-like macros.
// Every wrapper is prefixed `microfund_` and spells out its return type.

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/bio.h>

// EVP_PKEY_Q_keygen is variadic: the key type name takes no extra argument
// for "ED25519" (openssl/evp.h, EVP_PKEY_Q_keygen(3)).
static inline EVP_PKEY *microfund_ed25519_keygen(void) {
    return EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
}

// BIO_get_mem_data is a macro over BIO_ctrl(BIO_CTRL_INFO): it points *data
// at the BIO's buffer and returns its length.
static inline long microfund_bio_get_mem_data(BIO *bio, char **data) {
    return BIO_get_mem_data(bio, data);
}

// OPENSSL_free is a macro that passes __FILE__ and __LINE__ to CRYPTO_free.
static inline void microfund_openssl_free(void *pointer) {
    OPENSSL_free(pointer);
}

#endif
