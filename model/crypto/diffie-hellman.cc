/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "diffie-hellman.h"

#include "openssl-ptr.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DiffieHellman");

namespace
{

constexpr std::size_t X25519_SIZE = 32;        //!< RFC 7748 §5
constexpr std::size_t P256_COORD_SIZE = 32;    //!< RFC 5903 §7
constexpr std::size_t MODP2048_SIZE = 256;     //!< RFC 3526 §3
constexpr std::size_t MODP_EXPONENT_SIZE = 32; //!< 256-bit private exponents

} // namespace

/** The arithmetic of one group; DiffieHellman keeps the public value and the status rules. */
class DiffieHellman::Impl
{
  public:
    virtual ~Impl() = default;

    /**
     * \param key private key bytes
     * \param[out] publicValue the matching public value
     * \return OK, BAD_PRIVATE_KEY or CRYPTO_ERROR
     */
    virtual DhStatus SetPrivate(const std::vector<uint8_t>& key, std::vector<uint8_t>& publicValue)
        = 0;

    /**
     * \param peer peer public value, length already checked
     * \param[out] secret g^ir
     * \return OK, INVALID_PUBLIC_VALUE or CRYPTO_ERROR
     */
    virtual DhStatus Derive(const std::vector<uint8_t>& peer, std::vector<uint8_t>& secret) = 0;
};

namespace
{

/** X25519 through EVP_PKEY (RFC 7748); OpenSSL clamps the scalar. */
class X25519Impl : public DiffieHellman::Impl
{
  public:
    DhStatus
    SetPrivate(const std::vector<uint8_t>& key, std::vector<uint8_t>& publicValue) override
    {
        m_ctx.reset();
        m_key.reset(EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr, key.data(), key.size()));
        if (!m_key)
        {
            return DhStatus::CRYPTO_ERROR;
        }
        publicValue.assign(X25519_SIZE, 0);
        std::size_t len = publicValue.size();
        if (EVP_PKEY_get_raw_public_key(m_key.get(), publicValue.data(), &len) != 1
            || len != X25519_SIZE)
        {
            return DhStatus::CRYPTO_ERROR;
        }
        // One derivation context per key pair, reused for every peer value.
        m_ctx.reset(EVP_PKEY_CTX_new(m_key.get(), nullptr));
        if (!m_ctx || EVP_PKEY_derive_init(m_ctx.get()) != 1)
        {
            m_ctx.reset();
            return DhStatus::CRYPTO_ERROR;
        }
        return DhStatus::OK;
    }

    DhStatus
    Derive(const std::vector<uint8_t>& peer, std::vector<uint8_t>& secret) override
    {
        PkeyPtr peerKey(
            EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, nullptr, peer.data(), peer.size()));
        if (!peerKey || !m_ctx)
        {
            return DhStatus::CRYPTO_ERROR;
        }
        if (EVP_PKEY_derive_set_peer(m_ctx.get(), peerKey.get()) != 1)
        {
            return DhStatus::INVALID_PUBLIC_VALUE;
        }
        secret.assign(X25519_SIZE, 0);
        std::size_t len = secret.size();
        // OpenSSL refuses an all-zero result (a low-order peer point): RFC 7748 §6.1.
        if (EVP_PKEY_derive(m_ctx.get(), secret.data(), &len) != 1 || len != X25519_SIZE)
        {
            return DhStatus::INVALID_PUBLIC_VALUE;
        }
        uint8_t any = 0;
        for (uint8_t b : secret)
        {
            any |= b;
        }
        return any == 0 ? DhStatus::INVALID_PUBLIC_VALUE : DhStatus::OK;
    }

  private:
    PkeyPtr m_key;    //!< our key pair
    PkeyCtxPtr m_ctx; //!< derivation context
};

/** ECP-256 with OpenSSL's EC_POINT arithmetic (RFC 5903). */
class Ecp256Impl : public DiffieHellman::Impl
{
  public:
    Ecp256Impl()
        : m_group(EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1))
        , m_bnCtx(BN_CTX_new())
    {
        NS_ABORT_MSG_IF(!m_group || !m_bnCtx, "OpenSSL could not set up P-256");
    }

    DhStatus
    SetPrivate(const std::vector<uint8_t>& key, std::vector<uint8_t>& publicValue) override
    {
        m_private.reset(BN_bin2bn(key.data(), static_cast<int>(key.size()), nullptr));
        if (!m_private)
        {
            return DhStatus::CRYPTO_ERROR;
        }
        if (BN_is_zero(m_private.get())
            || BN_cmp(m_private.get(), EC_GROUP_get0_order(m_group.get())) >= 0)
        {
            m_private.reset();
            return DhStatus::BAD_PRIVATE_KEY;
        }
        BN_set_flags(m_private.get(), BN_FLG_CONSTTIME);
        EcPointPtr pub(EC_POINT_new(m_group.get()));
        if (!pub
            || EC_POINT_mul(
                   m_group.get(), pub.get(), m_private.get(), nullptr, nullptr, m_bnCtx.get())
                   != 1)
        {
            return DhStatus::CRYPTO_ERROR;
        }
        return EncodeX(pub.get(), publicValue, true) ? DhStatus::OK : DhStatus::CRYPTO_ERROR;
    }

    DhStatus
    Derive(const std::vector<uint8_t>& peer, std::vector<uint8_t>& secret) override
    {
        // RFC 5903 §7: the KE data is x | y; OpenSSL wants the SEC1 uncompressed form 04|x|y.
        std::vector<uint8_t> sec1(1 + peer.size());
        sec1[0] = 0x04;
        std::copy(peer.begin(), peer.end(), sec1.begin() + 1);
        EcPointPtr q(EC_POINT_new(m_group.get()));
        EcPointPtr shared(EC_POINT_new(m_group.get()));
        if (!q || !shared || !m_private)
        {
            return DhStatus::CRYPTO_ERROR;
        }
        // oct2point rejects coordinates not below p and points not on the curve; the
        // cofactor is 1, so every point on the curve but infinity is in the group.
        if (EC_POINT_oct2point(m_group.get(), q.get(), sec1.data(), sec1.size(), m_bnCtx.get()) != 1
            || EC_POINT_is_on_curve(m_group.get(), q.get(), m_bnCtx.get()) != 1
            || EC_POINT_is_at_infinity(m_group.get(), q.get()))
        {
            return DhStatus::INVALID_PUBLIC_VALUE;
        }
        if (EC_POINT_mul(
                m_group.get(), shared.get(), nullptr, q.get(), m_private.get(), m_bnCtx.get())
            != 1)
        {
            return DhStatus::CRYPTO_ERROR;
        }
        if (EC_POINT_is_at_infinity(m_group.get(), shared.get()))
        {
            return DhStatus::INVALID_PUBLIC_VALUE;
        }
        // RFC 5903 §9: the shared secret is the x coordinate alone.
        return EncodeX(shared.get(), secret, false) ? DhStatus::OK : DhStatus::CRYPTO_ERROR;
    }

  private:
    /**
     * \param point an affine point
     * \param[out] out x (32 bytes), and y after it when withY
     * \param withY whether to append y
     * \return false on an OpenSSL error
     */
    bool
    EncodeX(const EC_POINT* point, std::vector<uint8_t>& out, bool withY)
    {
        SecretBnPtr x(BN_new());
        SecretBnPtr y(BN_new());
        if (!x || !y
            || EC_POINT_get_affine_coordinates(
                   m_group.get(), point, x.get(), y.get(), m_bnCtx.get())
                   != 1)
        {
            return false;
        }
        out.assign(withY ? 2 * P256_COORD_SIZE : P256_COORD_SIZE, 0);
        if (BN_bn2binpad(x.get(), out.data(), P256_COORD_SIZE) != P256_COORD_SIZE)
        {
            return false;
        }
        return !withY
               || BN_bn2binpad(y.get(), out.data() + P256_COORD_SIZE, P256_COORD_SIZE)
                      == P256_COORD_SIZE;
    }

    EcGroupPtr m_group;    //!< P-256, made once
    BnCtxPtr m_bnCtx;      //!< scratch, made once
    SecretBnPtr m_private; //!< d
};

/** MODP-2048 with OpenSSL's BIGNUM arithmetic (RFC 3526 §3, generator 2). */
class Modp2048Impl : public DiffieHellman::Impl
{
  public:
    Modp2048Impl()
        : m_p(BN_get_rfc3526_prime_2048(nullptr))
        , m_pMinus1(BN_new())
        , m_g(BN_new())
        , m_bnCtx(BN_CTX_new())
        , m_mont(BN_MONT_CTX_new())
    {
        NS_ABORT_MSG_IF(!m_p || !m_pMinus1 || !m_g || !m_bnCtx || !m_mont
                            || BN_copy(m_pMinus1.get(), m_p.get()) == nullptr
                            || BN_sub_word(m_pMinus1.get(), 1) != 1
                            || BN_set_word(m_g.get(), 2) != 1
                            || BN_MONT_CTX_set(m_mont.get(), m_p.get(), m_bnCtx.get()) != 1,
                        "OpenSSL could not set up MODP-2048");
    }

    /** \return p */
    const BIGNUM*
    GetPrime() const
    {
        return m_p.get();
    }

    DhStatus
    SetPrivate(const std::vector<uint8_t>& key, std::vector<uint8_t>& publicValue) override
    {
        m_private.reset(BN_bin2bn(key.data(), static_cast<int>(key.size()), nullptr));
        if (!m_private)
        {
            return DhStatus::CRYPTO_ERROR;
        }
        if (BN_is_zero(m_private.get()) || BN_is_one(m_private.get()))
        {
            m_private.reset();
            return DhStatus::BAD_PRIVATE_KEY;
        }
        BN_set_flags(m_private.get(), BN_FLG_CONSTTIME);
        SecretBnPtr y(BN_new());
        if (!y
            || BN_mod_exp_mont_consttime(
                   y.get(), m_g.get(), m_private.get(), m_p.get(), m_bnCtx.get(), m_mont.get())
                   != 1)
        {
            return DhStatus::CRYPTO_ERROR;
        }
        publicValue.assign(MODP2048_SIZE, 0);
        return BN_bn2binpad(y.get(), publicValue.data(), MODP2048_SIZE) == MODP2048_SIZE
                   ? DhStatus::OK
                   : DhStatus::CRYPTO_ERROR;
    }

    DhStatus
    Derive(const std::vector<uint8_t>& peer, std::vector<uint8_t>& secret) override
    {
        SecretBnPtr y(BN_bin2bn(peer.data(), static_cast<int>(peer.size()), nullptr));
        SecretBnPtr z(BN_new());
        if (!y || !z || !m_private)
        {
            return DhStatus::CRYPTO_ERROR;
        }
        // RFC 7296 §5 / NIST SP 800-56A: 1 < y < p-1 (0, 1 and p-1 force a known secret).
        if (BN_cmp(y.get(), BN_value_one()) <= 0 || BN_cmp(y.get(), m_pMinus1.get()) >= 0)
        {
            return DhStatus::INVALID_PUBLIC_VALUE;
        }
        if (BN_mod_exp_mont_consttime(
                z.get(), y.get(), m_private.get(), m_p.get(), m_bnCtx.get(), m_mont.get())
            != 1)
        {
            return DhStatus::CRYPTO_ERROR;
        }
        if (BN_is_one(z.get()))
        {
            return DhStatus::INVALID_PUBLIC_VALUE;
        }
        // RFC 7296 §2.14: g^ir is as long as p, zero-padded on the left.
        secret.assign(MODP2048_SIZE, 0);
        return BN_bn2binpad(z.get(), secret.data(), MODP2048_SIZE) == MODP2048_SIZE
                   ? DhStatus::OK
                   : DhStatus::CRYPTO_ERROR;
    }

  private:
    SecretBnPtr m_p;       //!< the prime
    SecretBnPtr m_pMinus1; //!< p - 1
    SecretBnPtr m_g;       //!< 2
    BnCtxPtr m_bnCtx;      //!< scratch, made once
    BnMontCtxPtr m_mont;   //!< Montgomery form of p, made once
    SecretBnPtr m_private; //!< x
};

} // namespace

const char*
ToString(DhGroup group)
{
    switch (group)
    {
        case DhGroup::MODP_2048:
            return "modp2048";
        case DhGroup::ECP_256:
            return "ecp256";
        case DhGroup::CURVE25519:
            return "x25519";
    }
    return "unknown";
}

bool
ParseDhGroup(const std::string& name, DhGroup& group)
{
    for (DhGroup g : {DhGroup::MODP_2048, DhGroup::ECP_256, DhGroup::CURVE25519})
    {
        if (name == ToString(g))
        {
            group = g;
            return true;
        }
    }
    return false;
}

bool
DhGroupFromId(uint16_t id, DhGroup& group)
{
    for (DhGroup g : {DhGroup::MODP_2048, DhGroup::ECP_256, DhGroup::CURVE25519})
    {
        if (id == static_cast<uint16_t>(g))
        {
            group = g;
            return true;
        }
    }
    return false;
}

const char*
ToString(DhStatus s)
{
    switch (s)
    {
        case DhStatus::OK:
            return "ok";
        case DhStatus::NO_KEY:
            return "no-key";
        case DhStatus::BAD_LENGTH:
            return "bad-length";
        case DhStatus::BAD_PRIVATE_KEY:
            return "bad-private-key";
        case DhStatus::INVALID_PUBLIC_VALUE:
            return "invalid-public-value";
        case DhStatus::CRYPTO_ERROR:
            return "crypto-error";
    }
    return "unknown";
}

std::ostream&
operator<<(std::ostream& os, DhStatus s)
{
    return os << ToString(s);
}

DiffieHellman::DiffieHellman(DhGroup group)
    : m_group(group)
{
    NS_LOG_FUNCTION(this);
    switch (group)
    {
        case DhGroup::MODP_2048:
            m_impl = std::make_unique<Modp2048Impl>();
            break;
        case DhGroup::ECP_256:
            m_impl = std::make_unique<Ecp256Impl>();
            break;
        case DhGroup::CURVE25519:
            m_impl = std::make_unique<X25519Impl>();
            break;
    }
    NS_ABORT_MSG_IF(!m_impl, "unknown DH group " << static_cast<uint16_t>(group));
}

DiffieHellman::~DiffieHellman() = default;

DhGroup
DiffieHellman::GetGroup() const
{
    return m_group;
}

std::size_t
DiffieHellman::GetPublicValueSize(DhGroup group)
{
    switch (group)
    {
        case DhGroup::MODP_2048:
            return MODP2048_SIZE;
        case DhGroup::ECP_256:
            return 2 * P256_COORD_SIZE;
        case DhGroup::CURVE25519:
            return X25519_SIZE;
    }
    return 0;
}

std::size_t
DiffieHellman::GetSharedSecretSize(DhGroup group)
{
    return group == DhGroup::ECP_256 ? P256_COORD_SIZE : GetPublicValueSize(group);
}

std::size_t
DiffieHellman::GetPrivateKeySize(DhGroup group)
{
    switch (group)
    {
        case DhGroup::MODP_2048:
            return MODP_EXPONENT_SIZE;
        case DhGroup::ECP_256:
            return P256_COORD_SIZE;
        case DhGroup::CURVE25519:
            return X25519_SIZE;
    }
    return 0;
}

std::vector<uint8_t>
DiffieHellman::GetModp2048Prime()
{
    SecretBnPtr p(BN_get_rfc3526_prime_2048(nullptr));
    NS_ABORT_MSG_IF(!p, "OpenSSL has no RFC 3526 prime");
    std::vector<uint8_t> out(MODP2048_SIZE);
    BN_bn2binpad(p.get(), out.data(), MODP2048_SIZE);
    return out;
}

DhStatus
DiffieHellman::GenerateKeyPair(RandomBytesCallback random)
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(random.IsNull(), "DiffieHellman needs a source of random bytes");
    std::vector<uint8_t> key(GetPrivateKeySize(m_group));
    // ECP-256 and MODP refuse a few values (0, 1, >= n); draw again, as FIPS 186-4 B.4.2 does.
    for (int attempt = 0; attempt < 64; ++attempt)
    {
        random(key.data(), key.size());
        DhStatus s = SetPrivateKey(key);
        if (s != DhStatus::BAD_PRIVATE_KEY)
        {
            std::fill(key.begin(), key.end(), 0);
            return s;
        }
    }
    return DhStatus::CRYPTO_ERROR;
}

DhStatus
DiffieHellman::SetPrivateKey(const std::vector<uint8_t>& privateKey)
{
    NS_LOG_FUNCTION(this);
    m_publicValue.clear();
    if (privateKey.size() != GetPrivateKeySize(m_group))
    {
        return DhStatus::BAD_LENGTH;
    }
    std::vector<uint8_t> pub;
    DhStatus s = m_impl->SetPrivate(privateKey, pub);
    if (s == DhStatus::OK)
    {
        m_publicValue = std::move(pub);
    }
    return s;
}

bool
DiffieHellman::HasKeyPair() const
{
    return !m_publicValue.empty();
}

const std::vector<uint8_t>&
DiffieHellman::GetPublicValue() const
{
    return m_publicValue;
}

DhStatus
DiffieHellman::ComputeSharedSecret(const std::vector<uint8_t>& peerPublic,
                                   std::vector<uint8_t>& secret)
{
    NS_LOG_FUNCTION(this);
    if (!HasKeyPair())
    {
        return DhStatus::NO_KEY;
    }
    if (peerPublic.size() != GetPublicValueSize(m_group))
    {
        return DhStatus::BAD_LENGTH;
    }
    return m_impl->Derive(peerPublic, secret);
}

} // namespace ns3
