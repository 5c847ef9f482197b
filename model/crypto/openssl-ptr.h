/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_OPENSSL_PTR_H
#define TCP_ENCAP_OPENSSL_PTR_H

#include <memory>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief A deleter that hands an OpenSSL object to its free function.
 * \tparam T the object type
 * \tparam Free its free function
 */
template<typename T, void (*Free)(T*)>
struct OpenSslFree
{
    /** \param p the object, or nullptr (every OpenSSL free function accepts it) */
    void
    operator()(T* p) const
    {
        Free(p);
    }
};

/** Owned OpenSSL objects, freed with the matching function. */
using BnPtr = std::unique_ptr<BIGNUM, OpenSslFree<BIGNUM, BN_free>>; //!< a BIGNUM
/** A BIGNUM cleared before it is freed (private keys live in them). */
using SecretBnPtr = std::unique_ptr<BIGNUM, OpenSslFree<BIGNUM, BN_clear_free>>;
using BnCtxPtr = std::unique_ptr<BN_CTX, OpenSslFree<BN_CTX, BN_CTX_free>>; //!< a BN_CTX
/** A Montgomery context. */
using BnMontCtxPtr = std::unique_ptr<BN_MONT_CTX, OpenSslFree<BN_MONT_CTX, BN_MONT_CTX_free>>;
using EcGroupPtr = std::unique_ptr<EC_GROUP, OpenSslFree<EC_GROUP, EC_GROUP_free>>; //!< EC group
/** An EC point, cleared before it is freed. */
using EcPointPtr = std::unique_ptr<EC_POINT, OpenSslFree<EC_POINT, EC_POINT_clear_free>>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, OpenSslFree<ECDSA_SIG, ECDSA_SIG_free>>; //!< sig
using PkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslFree<EVP_PKEY, EVP_PKEY_free>>;        //!< a key
/** A key context. */
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, OpenSslFree<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, OpenSslFree<EVP_MD_CTX, EVP_MD_CTX_free>>; //!< digest
using X509Ptr = std::unique_ptr<X509, OpenSslFree<X509, X509_free>>; //!< a certificate
/** A certificate extension. */
using X509ExtensionPtr
    = std::unique_ptr<X509_EXTENSION, OpenSslFree<X509_EXTENSION, X509_EXTENSION_free>>;

} // namespace ns3

#endif /* TCP_ENCAP_OPENSSL_PTR_H */
