/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IkeCredential and IkeSignatureAuth: Auth Method 14 "Digital Signature" (RFC 7427 §3) over the
// SignedOctets of RFC 7296 §2.15. The AlgorithmIdentifiers against RFC 7427 Appendix A, the
// signatures against OpenSSL's low-level primitives (ECDSA over a digest computed here, RSA
// by recovering the PKCS#1 v1.5 encoded message), and every refusal by its named status.
#include "../model/crypto/openssl-ptr.h" // private: not an ns3/ header
#include "hex-util.h"

#include "ns3/deterministic-random.h"
#include "ns3/ike-credential.h"
#include "ns3/ike-message.h"
#include "ns3/ike-psk-auth.h"
#include "ns3/ike-signature-auth.h"
#include "ns3/test.h"

#include <algorithm>
#include <memory>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

using namespace ns3;
using tcpencaptest::FromHex;

namespace
{

/** RFC 7427 Appendix A.3.2, ecdsa-with-sha256, as the RFC prints it (Length = 12). */
const char RFC7427_ECDSA_SHA256[] = "300a 0608 2a86 48ce 3d04 0302";
/** RFC 7427 Appendix A.1.2, sha256WithRSAEncryption, as the RFC prints it (Length = 15). */
const char RFC7427_SHA256_RSA[] = "300d 0609 2a86 4886 f70d 0101 0b05 00";
/** RFC 7427 Appendix A.1.3: sha384WithRSAEncryption. */
const char RFC7427_SHA384_RSA[] = "300d 0609 2a86 4886 f70d 0101 0c05 00";
/** RFC 7427 Appendix A.1.4: sha512WithRSAEncryption. */
const char RFC7427_SHA512_RSA[] = "300d 0609 2a86 4886 f70d 0101 0d05 00";
/** RFC 7427 Appendix A.3.3: ecdsa-with-sha384. */
const char RFC7427_ECDSA_SHA384[] = "300a 0608 2a86 48ce 3d04 0303";
/** RFC 7427 Appendix A.3.4: ecdsa-with-sha512. */
const char RFC7427_ECDSA_SHA512[] = "300a 0608 2a86 48ce 3d04 0304";

/** \param first first seed byte \return a generator seeded with it */
Ptr<DeterministicRandom>
Generator(uint8_t first)
{
    std::array<uint8_t, DeterministicRandom::SEED_SIZE> seed{};
    seed[0] = first;
    return Create<DeterministicRandom>(seed);
}

/** \param der a certificate \return it decoded by OpenSSL, or null */
X509Ptr
DecodeCert(const std::vector<uint8_t>& der)
{
    const unsigned char* p = der.data();
    return X509Ptr(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
}

/** \param cert a certificate \return its SubjectPublicKeyInfo, DER (empty if unreadable) */
std::vector<uint8_t>
SpkiOf(X509* cert)
{
    std::vector<uint8_t> out;
    EVP_PKEY* key = X509_get0_pubkey(cert);
    int len = key ? i2d_PUBKEY(key, nullptr) : 0;
    if (len > 0)
    {
        out.resize(len);
        unsigned char* p = out.data();
        i2d_PUBKEY(key, &p);
    }
    return out;
}

/**
 * \param key a key
 * \param md the digest of the self-signature (null for Ed25519)
 * \return a minimal self-signed certificate for it, DER
 */
std::vector<uint8_t>
SelfSigned(EVP_PKEY* key, const EVP_MD* md)
{
    X509Ptr cert(X509_new());
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 7);
    ASN1_TIME_set_string_X509(X509_getm_notBefore(cert.get()), "20240101000000Z");
    ASN1_TIME_set_string_X509(X509_getm_notAfter(cert.get()), "20491231235959Z");
    X509_NAME_add_entry_by_txt(X509_get_subject_name(cert.get()),
                               "CN",
                               MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("other"),
                               -1,
                               -1,
                               0);
    X509_set_issuer_name(cert.get(), X509_get_subject_name(cert.get()));
    X509_set_pubkey(cert.get(), key);
    X509_sign(cert.get(), key, md);
    std::vector<uint8_t> der(i2d_X509(cert.get(), nullptr));
    unsigned char* p = der.data();
    i2d_X509(cert.get(), &p);
    return der;
}

/**
 * \param credential the signer
 * \return SignedOctets as an IKE_AUTH sender builds them: a stand-in IKE_SA_INIT, the peer's
 *         nonce, prf(SK_p, IDx') with IDx' an ID_DER_ASN1_DN of the certificate's subject
 */
std::vector<uint8_t>
MakeSignedOctets(const IkeCredential& credential)
{
    IkePrf prf(PrfAlgorithm::HMAC_SHA2_256);
    std::vector<uint8_t> realMessage(300);
    for (std::size_t i = 0; i < realMessage.size(); ++i)
    {
        realMessage[i] = static_cast<uint8_t>(i * 7 + 1);
    }
    IkeIdPayload id;
    id.idType = ike::ID_DER_ASN1_DN;
    id.data = credential.GetSubjectDer();
    return IkePskAuth::BuildSignedOctets(prf,
                                         realMessage,
                                         std::vector<uint8_t>(32, 0x5a),
                                         std::vector<uint8_t>(32, 0x42),
                                         id.GetBody());
}

/** \param s a status \param a one allowed value \param b another \return whether s is one */
bool
IsEither(IkeSignatureStatus s, IkeSignatureStatus a, IkeSignatureStatus b)
{
    return s == a || s == b;
}

/**
 * \param auth AUTH data whose AlgorithmIdentifier was altered
 * \param algLen the identifier's length
 * \return whether the altered identifier is that of another SHA2 hash of the same family (the
 *         last arc of the OID counts up with the hash): a valid algorithm, a wrong signature
 */
bool
NamesAnotherHash(const std::vector<uint8_t>& auth, std::size_t algLen)
{
    for (IkeKeyType t : {IkeKeyType::ECDSA_P256, IkeKeyType::RSA_2048})
    {
        for (IkeSignatureHash h : IKE_SIGNATURE_HASHES)
        {
            std::vector<uint8_t> id = IkeSignatureAuth::GetAlgorithmIdentifier(t, h);
            if (auth[0] == algLen && id.size() == algLen
                && std::equal(id.begin(), id.end(), auth.begin() + 1))
            {
                return true;
            }
        }
    }
    return false;
}

/** The AlgorithmIdentifiers, the names. */
class AlgorithmIdentifierTest : public TestCase
{
  public:
    AlgorithmIdentifierTest()
        : TestCase("AlgorithmIdentifiers are those of RFC 7427 Appendix A; names round-trip")
    {
    }

  private:
    void
    DoRun() override
    {
        const auto ecdsa = IkeSignatureAuth::GetAlgorithmIdentifier(IkeKeyType::ECDSA_P256);
        const auto rsa = IkeSignatureAuth::GetAlgorithmIdentifier(IkeKeyType::RSA_2048);
        NS_TEST_ASSERT_MSG_EQ((ecdsa == FromHex(RFC7427_ECDSA_SHA256)), true, "A.3.2");
        NS_TEST_ASSERT_MSG_EQ((rsa == FromHex(RFC7427_SHA256_RSA)), true, "A.1.2");
        using H = IkeSignatureHash;
        const auto ecdsa384
            = IkeSignatureAuth::GetAlgorithmIdentifier(IkeKeyType::ECDSA_P256, H::SHA2_384);
        const auto ecdsa512
            = IkeSignatureAuth::GetAlgorithmIdentifier(IkeKeyType::ECDSA_P256, H::SHA2_512);
        const auto rsa384
            = IkeSignatureAuth::GetAlgorithmIdentifier(IkeKeyType::RSA_2048, H::SHA2_384);
        const auto rsa512
            = IkeSignatureAuth::GetAlgorithmIdentifier(IkeKeyType::RSA_2048, H::SHA2_512);
        NS_TEST_ASSERT_MSG_EQ((ecdsa384 == FromHex(RFC7427_ECDSA_SHA384)), true, "A.3.3");
        NS_TEST_ASSERT_MSG_EQ((ecdsa512 == FromHex(RFC7427_ECDSA_SHA512)), true, "A.3.4");
        NS_TEST_ASSERT_MSG_EQ((rsa384 == FromHex(RFC7427_SHA384_RSA)), true, "A.1.3");
        NS_TEST_ASSERT_MSG_EQ((rsa512 == FromHex(RFC7427_SHA512_RSA)), true, "A.1.4");
        NS_TEST_ASSERT_MSG_EQ(ecdsa.size(), 12, "A.3.2 Length = 12");
        NS_TEST_ASSERT_MSG_EQ(rsa.size(), 15, "A.1.2 Length = 15");

        // What OpenSSL reads in them: the OIDs, no parameters for ECDSA, NULL for RSA.
        struct Expect
        {
            const std::vector<uint8_t>* der; //!< encoding
            int nid;                         //!< its OID
            int paramType;                   //!< V_ASN1_UNDEF: absent
        };
        const Expect expects[] = {{&ecdsa, NID_ecdsa_with_SHA256, V_ASN1_UNDEF},
                                  {&ecdsa384, NID_ecdsa_with_SHA384, V_ASN1_UNDEF},
                                  {&ecdsa512, NID_ecdsa_with_SHA512, V_ASN1_UNDEF},
                                  {&rsa, NID_sha256WithRSAEncryption, V_ASN1_NULL},
                                  {&rsa384, NID_sha384WithRSAEncryption, V_ASN1_NULL},
                                  {&rsa512, NID_sha512WithRSAEncryption, V_ASN1_NULL}};
        for (const auto& e : expects)
        {
            const unsigned char* p = e.der->data();
            X509_ALGOR* algor = d2i_X509_ALGOR(nullptr, &p, static_cast<long>(e.der->size()));
            NS_TEST_ASSERT_MSG_NE(algor, nullptr, "decodes");
            const ASN1_OBJECT* oid = nullptr;
            int paramType = 0;
            X509_ALGOR_get0(&oid, &paramType, nullptr, algor);
            int nid = OBJ_obj2nid(oid);
            X509_ALGOR_free(algor);
            NS_TEST_ASSERT_MSG_EQ(std::size_t(p - e.der->data()), e.der->size(), "no trailing");
            NS_TEST_ASSERT_MSG_EQ(nid, e.nid, "OID");
            NS_TEST_ASSERT_MSG_EQ(paramType, e.paramType, "parameters");
        }

        for (IkeKeyType t : {IkeKeyType::ECDSA_P256, IkeKeyType::RSA_2048})
        {
            IkeKeyType parsed
                = t == IkeKeyType::RSA_2048 ? IkeKeyType::ECDSA_P256 : IkeKeyType::RSA_2048;
            NS_TEST_ASSERT_MSG_EQ(ParseIkeKeyType(ToString(t), parsed), true, ToString(t));
            NS_TEST_ASSERT_MSG_EQ(parsed, t, "round trip");
        }
        NS_TEST_ASSERT_MSG_EQ(std::string(ToString(IkeKeyType::ECDSA_P256)), "ecdsa-p256", "");
        NS_TEST_ASSERT_MSG_EQ(std::string(ToString(IkeKeyType::RSA_2048)), "rsa-2048", "");
        IkeKeyType unused = IkeKeyType::ECDSA_P256;
        NS_TEST_ASSERT_MSG_EQ(ParseIkeKeyType("rsa-4096", unused), false, "unknown name");
        NS_TEST_ASSERT_MSG_EQ(ParseIkeKeyType("", unused), false, "empty name");
        NS_TEST_ASSERT_MSG_EQ(std::string(ToString(IkeSignatureStatus::MALFORMED_AUTH_DATA)),
                              "malformed-auth-data",
                              "status name");
    }
};

/**
 * RFC 7427 §4: signing with a hash the verifier announced; a verifier accepts only the hashes
 * it announced; SHA2-384 and -512 signatures verify as SHA2-256 ones do.
 */
class SignatureHashTest : public TestCase
{
  public:
    /** \param type the key type */
    explicit SignatureHashTest(IkeKeyType type)
        : TestCase(std::string("SIGNATURE_HASH_ALGORITHMS: each SHA2 hash signs and verifies, "
                               "only announced ones accepted, ")
                   + ToString(type))
        , m_type(type)
    {
    }

  private:
    void
    DoRun() override
    {
        using H = IkeSignatureHash;
        H chosen = H::SHA2_256;
        NS_TEST_ASSERT_MSG_EQ(IkeSignatureAuth::ChooseHash({4, 3}, chosen), true, "384 and 512");
        NS_TEST_ASSERT_MSG_EQ(chosen, H::SHA2_384, "our preference among the peer's");
        NS_TEST_ASSERT_MSG_EQ(
            IkeSignatureAuth::ChooseHash({1, 5}, chosen), false, "SHA1, Identity");
        NS_TEST_ASSERT_MSG_EQ(IkeSignatureAuth::ChooseHash({}, chosen), false, "none");
        std::vector<H> list;
        std::string bad;
        NS_TEST_ASSERT_MSG_EQ(ParseSignatureHashList("sha2-512, sha2-256", list, bad), true, "");
        NS_TEST_ASSERT_MSG_EQ((list == std::vector<H>{H::SHA2_512, H::SHA2_256}), true, "order");
        NS_TEST_ASSERT_MSG_EQ(ParseSignatureHashList("sha1", list, bad), false, "sha1 refused");
        NS_TEST_ASSERT_MSG_EQ(bad, "sha1", "named");
        NS_TEST_ASSERT_MSG_EQ(ParseSignatureHashList("sha2-256,sha2-256", list, bad), false, "");
        NS_TEST_ASSERT_MSG_EQ(ParseSignatureHashList("", list, bad), false, "empty refused");

        Ptr<IkeCredential> c = IkeCredential::Generate(m_type, "initiator", Generator(5));
        const std::vector<uint8_t>& cert = c->GetCertificateDer();
        const std::vector<uint8_t> octets = MakeSignedOctets(*c);
        for (H h : IKE_SIGNATURE_HASHES)
        {
            std::vector<uint8_t> auth = IkeSignatureAuth::Sign(*c, octets, Generator(6), h);
            std::vector<uint8_t> alg = IkeSignatureAuth::GetAlgorithmIdentifier(m_type, h);
            NS_TEST_ASSERT_MSG_EQ(std::equal(alg.begin(), alg.end(), auth.begin() + 1),
                                  true,
                                  "the AlgorithmIdentifier names the hash");
            H used = H::SHA2_256;
            NS_TEST_ASSERT_MSG_EQ(IkeSignatureAuth::Verify(cert, octets, auth, {}, &used),
                                  IkeSignatureStatus::OK,
                                  "verifies");
            NS_TEST_ASSERT_MSG_EQ(used, h, "the hash used is reported");
            std::vector<H> others;
            for (H o : IKE_SIGNATURE_HASHES)
            {
                if (o != h)
                {
                    others.push_back(o);
                }
            }
            NS_TEST_ASSERT_MSG_EQ(IkeSignatureAuth::Verify(cert, octets, auth, others),
                                  IkeSignatureStatus::UNSUPPORTED_ALGORITHM,
                                  "a hash not announced is refused");
            // The identifier of one hash over a signature made with another: refused.
            H wrong = h == H::SHA2_256 ? H::SHA2_512 : H::SHA2_256;
            std::vector<uint8_t> swapped = auth;
            std::vector<uint8_t> wrongAlg = IkeSignatureAuth::GetAlgorithmIdentifier(m_type, wrong);
            std::copy(wrongAlg.begin(), wrongAlg.end(), swapped.begin() + 1);
            NS_TEST_ASSERT_MSG_EQ(IkeSignatureAuth::Verify(cert, octets, swapped),
                                  IkeSignatureStatus::BAD_SIGNATURE,
                                  "signature checked with the hash named");
        }
    }

    IkeKeyType m_type; //!< key type
};

/** The credential: the key, and a well-formed self-signed v3 certificate for it. */
class CredentialTest : public TestCase
{
  public:
    /** \param type the key type */
    explicit CredentialTest(IkeKeyType type)
        : TestCase(std::string("credential is a key and its self-signed v3 certificate, ")
                   + ToString(type))
        , m_type(type)
    {
    }

  private:
    void
    DoRun() override
    {
        const uint64_t unscoped = DeterministicRandom::GetUnscopedDraws();
        Ptr<IkeCredential> c = IkeCredential::Generate(m_type, "vpn.example", Generator(1));
        NS_TEST_ASSERT_MSG_EQ(DeterministicRandom::GetUnscopedDraws(),
                              unscoped,
                              "every draw came from the given generator");
        NS_TEST_ASSERT_MSG_EQ(c->GetKeyType(), m_type, "key type");
        const std::vector<uint8_t>& der = c->GetCertificateDer();
        // Measured: 290 to 312 bytes (ECDSA) and 688 to 708 (RSA) for CNs of 1 to 11
        // characters; the bounds leave room for longer names (at most 64).
        if (m_type == IkeKeyType::ECDSA_P256)
        {
            NS_TEST_ASSERT_MSG_GT_OR_EQ(der.size(), 250, "ECDSA certificate size");
            NS_TEST_ASSERT_MSG_LT_OR_EQ(der.size(), 600, "ECDSA certificate size");
        }
        else
        {
            NS_TEST_ASSERT_MSG_GT_OR_EQ(der.size(), 600, "RSA certificate size");
            NS_TEST_ASSERT_MSG_LT_OR_EQ(der.size(), 1200, "RSA certificate size");
        }

        X509Ptr cert = DecodeCert(der);
        NS_TEST_ASSERT_MSG_NE(cert.get(), nullptr, "OpenSSL decodes the certificate");
        NS_TEST_ASSERT_MSG_EQ(X509_get_version(cert.get()), 2, "X.509 v3");
        NS_TEST_ASSERT_MSG_EQ(
            X509_NAME_cmp(X509_get_subject_name(cert.get()), X509_get_issuer_name(cert.get())),
            0,
            "subject = issuer");
        EVP_PKEY* pub = X509_get0_pubkey(cert.get());
        NS_TEST_ASSERT_MSG_EQ(X509_verify(cert.get(), pub), 1, "self-signature verifies");
        NS_TEST_ASSERT_MSG_EQ(
            X509_get_signature_nid(cert.get()),
            (m_type == IkeKeyType::RSA_2048 ? NID_sha256WithRSAEncryption : NID_ecdsa_with_SHA256),
            "signed with SHA-256");
        NS_TEST_ASSERT_MSG_EQ(EVP_PKEY_eq(pub, c->GetPrivateKey()), 1, "certificate holds the key");
        NS_TEST_ASSERT_MSG_EQ(
            EVP_PKEY_get_bits(pub), (m_type == IkeKeyType::RSA_2048 ? 2048 : 256), "key size");
        char group[32] = {};
        if (m_type == IkeKeyType::ECDSA_P256)
        {
            NS_TEST_ASSERT_MSG_EQ(
                EVP_PKEY_get_group_name(pub, group, sizeof(group), nullptr), 1, "named curve");
            NS_TEST_ASSERT_MSG_EQ(std::string(group), "prime256v1", "P-256");
        }

        // Fixed validity, not the wall clock.
        ASN1_TIME* notBefore = ASN1_TIME_new();
        ASN1_TIME* notAfter = ASN1_TIME_new();
        ASN1_TIME_set_string_X509(notBefore, "20240101000000Z");
        ASN1_TIME_set_string_X509(notAfter, "20491231235959Z");
        int cmpBefore = ASN1_TIME_compare(X509_get0_notBefore(cert.get()), notBefore);
        int cmpAfter = ASN1_TIME_compare(X509_get0_notAfter(cert.get()), notAfter);
        ASN1_TIME_free(notBefore);
        ASN1_TIME_free(notAfter);
        NS_TEST_ASSERT_MSG_EQ(cmpBefore, 0, "notBefore 2024-01-01");
        NS_TEST_ASSERT_MSG_EQ(cmpAfter, 0, "notAfter 2049-12-31");

        // A positive 8-byte serial.
        const ASN1_INTEGER* serial = X509_get0_serialNumber(cert.get());
        NS_TEST_ASSERT_MSG_EQ(ASN1_STRING_length(serial), 8, "serial of 8 bytes");
        NS_TEST_ASSERT_MSG_EQ(ASN1_STRING_type(serial), V_ASN1_INTEGER, "positive serial");

        // keyUsage: critical, digitalSignature only.
        int ext = X509_get_ext_by_NID(cert.get(), NID_key_usage, -1);
        NS_TEST_ASSERT_MSG_GT_OR_EQ(ext, 0, "keyUsage present");
        NS_TEST_ASSERT_MSG_EQ(
            X509_EXTENSION_get_critical(X509_get_ext(cert.get(), ext)), 1, "keyUsage critical");
        NS_TEST_ASSERT_MSG_EQ(X509_get_key_usage(cert.get()),
                              static_cast<uint32_t>(KU_DIGITAL_SIGNATURE),
                              "digitalSignature only");

        // The subject, as ID_DER_ASN1_DN data: the DER of the Name, CN=vpn.example.
        const std::vector<uint8_t>& subject = c->GetSubjectDer();
        const unsigned char* p = subject.data();
        X509_NAME* name = d2i_X509_NAME(nullptr, &p, static_cast<long>(subject.size()));
        NS_TEST_ASSERT_MSG_NE(name, nullptr, "subject decodes");
        char cn[64] = {};
        X509_NAME_get_text_by_NID(name, NID_commonName, cn, sizeof(cn));
        int cmpName = X509_NAME_cmp(name, X509_get_subject_name(cert.get()));
        X509_NAME_free(name);
        NS_TEST_ASSERT_MSG_EQ(std::size_t(p - subject.data()), subject.size(), "one Name only");
        NS_TEST_ASSERT_MSG_EQ(std::string(cn), "vpn.example", "CN");
        NS_TEST_ASSERT_MSG_EQ(cmpName, 0, "the certificate's subject");

        IkeKeyType parsedType
            = m_type == IkeKeyType::RSA_2048 ? IkeKeyType::ECDSA_P256 : IkeKeyType::RSA_2048;
        std::vector<uint8_t> parsedSubject;
        NS_TEST_ASSERT_MSG_EQ(IkeSignatureAuth::ParseCertificate(der, parsedType, parsedSubject),
                              IkeSignatureStatus::OK,
                              "ParseCertificate");
        NS_TEST_ASSERT_MSG_EQ(parsedType, m_type, "ParseCertificate key type");
        NS_TEST_ASSERT_MSG_EQ((parsedSubject == subject), true, "ParseCertificate subject");
    }

    IkeKeyType m_type; //!< key type
};

/** Sign, verify, and every alteration that must fail. */
class SignVerifyTest : public TestCase
{
  public:
    /** \param type the key type */
    explicit SignVerifyTest(IkeKeyType type)
        : TestCase(std::string("Sign then Verify; altered AUTH, octets or key refused, ")
                   + ToString(type))
        , m_type(type)
    {
    }

  private:
    void
    DoRun() override
    {
        Ptr<IkeCredential> c = IkeCredential::Generate(m_type, "responder", Generator(2));
        Ptr<IkeCredential> other = IkeCredential::Generate(m_type, "responder", Generator(3));
        const std::vector<uint8_t>& cert = c->GetCertificateDer();
        const std::vector<uint8_t> octets = MakeSignedOctets(*c);
        const uint64_t unscoped = DeterministicRandom::GetUnscopedDraws();
        const std::vector<uint8_t> auth = IkeSignatureAuth::Sign(*c, octets, Generator(4));
        NS_TEST_ASSERT_MSG_EQ(IkeSignatureAuth::Verify(cert, octets, auth),
                              IkeSignatureStatus::OK,
                              "Verify(Sign(x)) = OK");
        NS_TEST_ASSERT_MSG_EQ(DeterministicRandom::GetUnscopedDraws(),
                              unscoped,
                              "no draw outside the given generator");

        // RFC 7427 §3: length octet, AlgorithmIdentifier, signature.
        const std::vector<uint8_t> alg = IkeSignatureAuth::GetAlgorithmIdentifier(m_type);
        NS_TEST_ASSERT_MSG_EQ(std::size_t(auth[0]), alg.size(), "ASN.1 Length octet");
        NS_TEST_ASSERT_MSG_EQ(
            std::equal(alg.begin(), alg.end(), auth.begin() + 1), true, "AlgorithmIdentifier");
        const std::size_t sigStart = 1 + alg.size();
        const std::vector<uint8_t> sig(auth.begin() + sigStart, auth.end());
        CheckSignatureIndependently(cert, octets, sig);
        if (IsStatusFailure())
        {
            return;
        }

        // Every byte of the AUTH data altered (two ways): never OK, and the named reason.
        for (std::size_t i = 0; i < auth.size(); ++i)
        {
            for (uint8_t mask : {0x01, 0xff})
            {
                std::vector<uint8_t> bad = auth;
                bad[i] ^= mask;
                IkeSignatureStatus s = IkeSignatureAuth::Verify(cert, octets, bad);
                bool expected = i == 0         ? IsEither(s,
                                                  IkeSignatureStatus::MALFORMED_AUTH_DATA,
                                                  IkeSignatureStatus::UNSUPPORTED_ALGORITHM)
                                : i < sigStart ? (s == IkeSignatureStatus::UNSUPPORTED_ALGORITHM
                                                  || (s == IkeSignatureStatus::BAD_SIGNATURE
                                                      && NamesAnotherHash(bad, alg.size())))
                                               : IsEither(s,
                                                          IkeSignatureStatus::BAD_SIGNATURE,
                                                          IkeSignatureStatus::MALFORMED_AUTH_DATA);
                NS_TEST_ASSERT_MSG_EQ(
                    expected, true, "byte " << i << " ^ " << unsigned(mask) << " gave " << s);
            }
        }
        // RSA signatures have the modulus' size: a flip never breaks their framing.
        if (m_type == IkeKeyType::RSA_2048)
        {
            std::vector<uint8_t> bad = auth;
            bad.back() ^= 0x01;
            NS_TEST_ASSERT_MSG_EQ(IkeSignatureAuth::Verify(cert, octets, bad),
                                  IkeSignatureStatus::BAD_SIGNATURE,
                                  "RSA, last byte");
        }

        // Cut or extended AUTH data.
        for (std::size_t len = 0; len < auth.size(); ++len)
        {
            std::vector<uint8_t> cut(auth.begin(), auth.begin() + len);
            IkeSignatureStatus s = IkeSignatureAuth::Verify(cert, octets, cut);
            bool expected = len <= sigStart ? s == IkeSignatureStatus::MALFORMED_AUTH_DATA
                                            : IsEither(s,
                                                       IkeSignatureStatus::MALFORMED_AUTH_DATA,
                                                       IkeSignatureStatus::BAD_SIGNATURE);
            NS_TEST_ASSERT_MSG_EQ(expected, true, "cut to " << len << " gave " << s);
        }
        std::vector<uint8_t> longer = auth;
        longer.push_back(0);
        NS_TEST_ASSERT_MSG_EQ(IkeSignatureAuth::Verify(cert, octets, longer),
                              IkeSignatureStatus::MALFORMED_AUTH_DATA,
                              "a byte after the signature");

        // SignedOctets altered: at the start (the IKE_SA_INIT), the nonce, the MACed ID, the end.
        for (std::size_t pos : {std::size_t(0),
                                std::size_t(150),
                                std::size_t(300 + 5),
                                std::size_t(300 + 32 + 3),
                                octets.size() - 1})
        {
            std::vector<uint8_t> bad = octets;
            bad[pos] ^= 0x01;
            NS_TEST_ASSERT_MSG_EQ(IkeSignatureAuth::Verify(cert, bad, auth),
                                  IkeSignatureStatus::BAD_SIGNATURE,
                                  "SignedOctets byte " << pos);
        }
        std::vector<uint8_t> shorter(octets.begin(), octets.end() - 1);
        NS_TEST_ASSERT_MSG_EQ(IkeSignatureAuth::Verify(cert, shorter, auth),
                              IkeSignatureStatus::BAD_SIGNATURE,
                              "SignedOctets one byte short");
        NS_TEST_ASSERT_MSG_EQ(IkeSignatureAuth::Verify(cert, {}, auth),
                              IkeSignatureStatus::BAD_SIGNATURE,
                              "empty SignedOctets");

        // Another credential's certificate (same type, same subject).
        NS_TEST_ASSERT_MSG_EQ(IkeSignatureAuth::Verify(other->GetCertificateDer(), octets, auth),
                              IkeSignatureStatus::BAD_SIGNATURE,
                              "another key");
        NS_TEST_ASSERT_MSG_EQ(
            IkeSignatureAuth::Verify(other->GetCertificateDer(),
                                     octets,
                                     IkeSignatureAuth::Sign(*other, octets, Generator(5))),
            IkeSignatureStatus::OK,
            "the other credential verifies with its own certificate");

        if (m_type == IkeKeyType::ECDSA_P256)
        {
            // A BER (not DER) ECDSA-Sig-Value: the SEQUENCE length in long form.
            std::vector<uint8_t> ber(auth.begin(), auth.begin() + sigStart);
            ber.push_back(0x30);
            ber.push_back(0x81);
            ber.insert(ber.end(), sig.begin() + 1, sig.end());
            NS_TEST_ASSERT_MSG_EQ(IkeSignatureAuth::Verify(cert, octets, ber),
                                  IkeSignatureStatus::MALFORMED_AUTH_DATA,
                                  "BER ECDSA-Sig-Value");
            // The raw r | s form of RFC 4754 is not what Auth Method 14 carries.
            std::vector<uint8_t> raw(auth.begin(), auth.begin() + sigStart);
            raw.resize(sigStart + 64, 0x11);
            NS_TEST_ASSERT_MSG_EQ(IkeSignatureAuth::Verify(cert, octets, raw),
                                  IkeSignatureStatus::MALFORMED_AUTH_DATA,
                                  "64-byte r | s");
        }
    }

    /**
     * \brief Check the signature with OpenSSL's primitives rather than EVP_DigestVerify.
     * \param cert the signer's certificate
     * \param octets what was signed
     * \param sig the signature part of the AUTH data
     */
    void
    CheckSignatureIndependently(const std::vector<uint8_t>& cert,
                                const std::vector<uint8_t>& octets,
                                const std::vector<uint8_t>& sig)
    {
        X509Ptr x = DecodeCert(cert);
        NS_TEST_ASSERT_MSG_NE(x.get(), nullptr, "certificate");
        uint8_t digest[32];
        unsigned int digestLen = 0;
        EVP_Digest(octets.data(), octets.size(), digest, &digestLen, EVP_sha256(), nullptr);
        PkeyCtxPtr ctx(EVP_PKEY_CTX_new(X509_get0_pubkey(x.get()), nullptr));
        if (m_type == IkeKeyType::ECDSA_P256)
        {
            // A DER ECDSA-Sig-Value over SHA-256(SignedOctets): 2 + 2 x (2 + 32 or 33) at most.
            NS_TEST_ASSERT_MSG_LT_OR_EQ(sig.size(), 72, "ECDSA-Sig-Value size");
            NS_TEST_ASSERT_MSG_EQ(unsigned(sig[0]), 0x30u, "SEQUENCE");
            NS_TEST_ASSERT_MSG_EQ(std::size_t(sig[1]), sig.size() - 2, "SEQUENCE length");
            NS_TEST_ASSERT_MSG_EQ(EVP_PKEY_verify_init(ctx.get()), 1, "verify init");
            EVP_PKEY_CTX_set_signature_md(ctx.get(), EVP_sha256());
            NS_TEST_ASSERT_MSG_EQ(
                EVP_PKEY_verify(ctx.get(), sig.data(), sig.size(), digest, digestLen),
                1,
                "ECDSA over SHA-256(SignedOctets)");
        }
        else
        {
            // RFC 8017 §9.2: EM = 00 01 FF..FF 00 DigestInfo(SHA-256) H.
            NS_TEST_ASSERT_MSG_EQ(sig.size(), 256, "one modulus");
            NS_TEST_ASSERT_MSG_EQ(EVP_PKEY_verify_recover_init(ctx.get()), 1, "recover init");
            EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_NO_PADDING);
            std::vector<uint8_t> em(256);
            std::size_t emLen = em.size();
            NS_TEST_ASSERT_MSG_EQ(
                EVP_PKEY_verify_recover(ctx.get(), em.data(), &emLen, sig.data(), sig.size()),
                1,
                "s^e mod n");
            std::vector<uint8_t> expected = {0x00, 0x01};
            const std::vector<uint8_t> digestInfo
                = FromHex("3031300d060960864801650304020105000420");
            expected.resize(256 - digestInfo.size() - digestLen - 1, 0xff);
            expected.push_back(0x00);
            expected.insert(expected.end(), digestInfo.begin(), digestInfo.end());
            expected.insert(expected.end(), digest, digest + digestLen);
            NS_TEST_ASSERT_MSG_EQ(emLen, 256, "EM size");
            NS_TEST_ASSERT_MSG_EQ((em == expected), true, "EMSA-PKCS1-v1_5 with SHA-256");
        }
    }

    IkeKeyType m_type; //!< key type
};

/** Certificates that are not one, and keys this model does not sign with. */
class BadCertificateTest : public TestCase
{
  public:
    BadCertificateTest()
        : TestCase("truncated, garbage or altered certificates, and other keys, are named")
    {
    }

  private:
    void
    DoRun() override
    {
        Ptr<IkeCredential> c = IkeCredential::Generate(IkeKeyType::ECDSA_P256, "a", Generator(6));
        const std::vector<uint8_t>& cert = c->GetCertificateDer();
        const std::vector<uint8_t> octets = MakeSignedOctets(*c);
        const std::vector<uint8_t> auth = IkeSignatureAuth::Sign(*c, octets, Generator(7));
        const IkeSignatureStatus BAD = IkeSignatureStatus::BAD_CERTIFICATE;
        IkeKeyType type = IkeKeyType::ECDSA_P256;
        std::vector<uint8_t> subject;

        for (std::size_t len = 0; len < cert.size(); ++len)
        {
            std::vector<uint8_t> cut(cert.begin(), cert.begin() + len);
            NS_TEST_ASSERT_MSG_EQ(IkeSignatureAuth::Verify(cut, octets, auth), BAD, "cut " << len);
        }
        std::vector<uint8_t> trailing = cert;
        trailing.push_back(0);
        NS_TEST_ASSERT_MSG_EQ(IkeSignatureAuth::Verify(trailing, octets, auth), BAD, "trailing");
        NS_TEST_ASSERT_MSG_EQ(IkeSignatureAuth::ParseCertificate(trailing, type, subject),
                              BAD,
                              "trailing, ParseCertificate");
        std::vector<uint8_t> garbage(500);
        Generator(8)->Generate(garbage.data(), garbage.size());
        NS_TEST_ASSERT_MSG_EQ(IkeSignatureAuth::Verify(garbage, octets, auth), BAD, "garbage");
        garbage[0] = 0x30; // a SEQUENCE that claims far more than there is
        garbage[1] = 0x84;
        NS_TEST_ASSERT_MSG_EQ(IkeSignatureAuth::Verify(garbage, octets, auth), BAD, "length lie");
        std::vector<uint8_t> huge(IkeSignatureAuth::MAX_CERTIFICATE_SIZE + 1, 0);
        NS_TEST_ASSERT_MSG_EQ(IkeSignatureAuth::Verify(huge, octets, auth), BAD, "too large");
        NS_TEST_ASSERT_MSG_EQ(
            IkeSignatureAuth::Verify(c->GetSubjectDer(), octets, auth), BAD, "a Name");

        // Every byte altered: OK only while the public key is still the same one.
        const std::vector<uint8_t> spki = SpkiOf(DecodeCert(cert).get());
        std::size_t refusedKey = 0;
        for (std::size_t i = 0; i < cert.size(); ++i)
        {
            std::vector<uint8_t> bad = cert;
            bad[i] ^= 0x01;
            IkeSignatureStatus s = IkeSignatureAuth::Verify(bad, octets, auth);
            const unsigned char* end = bad.data();
            X509Ptr x(d2i_X509(nullptr, &end, static_cast<long>(bad.size())));
            bool sameKey = x && end == bad.data() + bad.size() && SpkiOf(x.get()) == spki;
            NS_TEST_ASSERT_MSG_EQ(
                (s == IkeSignatureStatus::OK), sameKey, "byte " << i << " gave " << s);
            refusedKey += sameKey ? 0 : 1;
        }
        // The P-256 SubjectPublicKeyInfo alone is 91 bytes.
        NS_TEST_ASSERT_MSG_GT_OR_EQ(refusedKey, 91, "every byte of the public key refused");

        // Keys outside the model: P-384, Ed25519, RSA-1024.
        DeterministicRandom::InstallAsOpenSslRand();
        Ptr<DeterministicRandom> random = Generator(9);
        DeterministicRandom::Scope scope(PeekPointer(random));
        PkeyPtr p384(EVP_EC_gen("P-384"));
        PkeyPtr ed25519(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
        PkeyPtr rsa1024(EVP_RSA_gen(1024));
        NS_TEST_ASSERT_MSG_EQ((p384 && ed25519 && rsa1024), true, "test keys");
        const std::vector<uint8_t> others[] = {SelfSigned(p384.get(), EVP_sha384()),
                                               SelfSigned(ed25519.get(), nullptr),
                                               SelfSigned(rsa1024.get(), EVP_sha256())};
        for (const auto& o : others)
        {
            NS_TEST_ASSERT_MSG_NE(DecodeCert(o).get(), nullptr, "a well-formed certificate");
            NS_TEST_ASSERT_MSG_EQ(IkeSignatureAuth::ParseCertificate(o, type, subject),
                                  IkeSignatureStatus::UNSUPPORTED_ALGORITHM,
                                  "key not modelled");
            NS_TEST_ASSERT_MSG_EQ(IkeSignatureAuth::Verify(o, octets, auth),
                                  IkeSignatureStatus::UNSUPPORTED_ALGORITHM,
                                  "key not modelled, Verify");
        }
    }
};

/** Authentication Data whose framing or algorithm is wrong. */
class AuthDataFramingTest : public TestCase
{
  public:
    AuthDataFramingTest()
        : TestCase("AUTH data: bad framing is malformed, a foreign algorithm unsupported")
    {
    }

  private:
    void
    DoRun() override
    {
        Ptr<IkeCredential> ec = IkeCredential::Generate(IkeKeyType::ECDSA_P256, "e", Generator(10));
        Ptr<IkeCredential> rsa = IkeCredential::Generate(IkeKeyType::RSA_2048, "r", Generator(11));
        const std::vector<uint8_t> octets = MakeSignedOctets(*ec);
        const std::vector<uint8_t> ecAuth = IkeSignatureAuth::Sign(*ec, octets, Generator(12));
        const std::vector<uint8_t> rsaAuth = IkeSignatureAuth::Sign(*rsa, octets, Generator(13));
        const std::vector<uint8_t>& ecCert = ec->GetCertificateDer();
        const std::vector<uint8_t>& rsaCert = rsa->GetCertificateDer();
        NS_TEST_ASSERT_MSG_EQ(
            IkeSignatureAuth::Verify(ecCert, octets, ecAuth), IkeSignatureStatus::OK, "ECDSA");
        NS_TEST_ASSERT_MSG_EQ(
            IkeSignatureAuth::Verify(rsaCert, octets, rsaAuth), IkeSignatureStatus::OK, "RSA");

        const IkeSignatureStatus MALFORMED = IkeSignatureStatus::MALFORMED_AUTH_DATA;
        const IkeSignatureStatus UNSUPPORTED = IkeSignatureStatus::UNSUPPORTED_ALGORITHM;
        NS_TEST_ASSERT_MSG_EQ(IkeSignatureAuth::Verify(ecCert, octets, {}), MALFORMED, "empty");
        NS_TEST_ASSERT_MSG_EQ(IkeSignatureAuth::Verify(ecCert, octets, {12}), MALFORMED, "1 byte");
        std::vector<uint8_t> tooLong = ecAuth;
        tooLong[0] = 0xff;
        NS_TEST_ASSERT_MSG_EQ(
            IkeSignatureAuth::Verify(ecCert, octets, tooLong), MALFORMED, "length beyond the data");
        tooLong[0] = static_cast<uint8_t>(ecAuth.size() - 1);
        NS_TEST_ASSERT_MSG_EQ(IkeSignatureAuth::Verify(ecCert, octets, tooLong),
                              MALFORMED,
                              "length leaves no signature");
        std::vector<uint8_t> zero = ecAuth;
        zero[0] = 0;
        NS_TEST_ASSERT_MSG_EQ(
            IkeSignatureAuth::Verify(ecCert, octets, zero), MALFORMED, "empty AlgorithmIdentifier");
        std::vector<uint8_t> noSig(ecAuth.begin(), ecAuth.begin() + 13);
        NS_TEST_ASSERT_MSG_EQ(
            IkeSignatureAuth::Verify(ecCert, octets, noSig), MALFORMED, "no signature");

        // The identifier must be the one of the certificate's key: a mismatch is
        // UNSUPPORTED_ALGORITHM (this key cannot make such signatures), not BAD_SIGNATURE.
        const std::vector<uint8_t> ecId
            = IkeSignatureAuth::GetAlgorithmIdentifier(IkeKeyType::ECDSA_P256);
        const std::vector<uint8_t> rsaId
            = IkeSignatureAuth::GetAlgorithmIdentifier(IkeKeyType::RSA_2048);
        NS_TEST_ASSERT_MSG_EQ(
            IkeSignatureAuth::Verify(ecCert, octets, WithAlgorithm(ecAuth, rsaId)),
            UNSUPPORTED,
            "sha256WithRSAEncryption with a P-256 certificate");
        NS_TEST_ASSERT_MSG_EQ(
            IkeSignatureAuth::Verify(rsaCert, octets, WithAlgorithm(rsaAuth, ecId)),
            UNSUPPORTED,
            "ecdsa-with-SHA256 with an RSA certificate");
        NS_TEST_ASSERT_MSG_EQ(IkeSignatureAuth::Verify(rsaCert, octets, ecAuth),
                              UNSUPPORTED,
                              "an ECDSA AUTH against an RSA certificate");
        NS_TEST_ASSERT_MSG_EQ(IkeSignatureAuth::Verify(ecCert, octets, rsaAuth),
                              UNSUPPORTED,
                              "an RSA AUTH against a P-256 certificate");

        // Identifiers of RFC 7427 Appendix A this model does not accept, and SHA2-384 ones
        // when the verifier announced only SHA2-256 (RFC 7427 §4).
        struct Foreign
        {
            const char* der;  //!< AlgorithmIdentifier
            bool rsa;         //!< for an RSA certificate
            const char* what; //!< name
        };
        const Foreign foreign[] = {
            {"300d06092a864886f70d0101050500", true, "sha1WithRSAEncryption (A.1.1)"},
            {"300d06092a864886f70d01010c0500", true, "sha384WithRSAEncryption (A.1.3)"},
            {"300b06092a864886f70d01010b", true, "sha256WithRSAEncryption without NULL"},
            {"300906072a8648ce3d0401", false, "ecdsa-with-sha1 (A.3.1)"},
            {"300a06082a8648ce3d040303", false, "ecdsa-with-sha384 (A.3.3)"},
        };
        const std::vector<IkeSignatureHash> only256{IkeSignatureHash::SHA2_256};
        for (const auto& f : foreign)
        {
            const std::vector<uint8_t> id = FromHex(f.der);
            IkeSignatureStatus s = f.rsa ? IkeSignatureAuth::Verify(
                                       rsaCert, octets, WithAlgorithm(rsaAuth, id), only256)
                                         : IkeSignatureAuth::Verify(
                                             ecCert, octets, WithAlgorithm(ecAuth, id), only256);
            NS_TEST_ASSERT_MSG_EQ(s, UNSUPPORTED, f.what);
        }
    }

    /**
     * \param auth AUTH data of Auth Method 14
     * \param id another AlgorithmIdentifier
     * \return auth with its identifier replaced by id, the signature kept
     */
    static std::vector<uint8_t>
    WithAlgorithm(const std::vector<uint8_t>& auth, const std::vector<uint8_t>& id)
    {
        const std::size_t sigStart = 1 + auth[0];
        std::vector<uint8_t> out(1 + id.size() + auth.size() - sigStart);
        out[0] = static_cast<uint8_t>(id.size());
        std::copy(auth.begin() + sigStart, auth.end(), std::copy(id.begin(), id.end(), &out[1]));
        return out;
    }
};

/** Same seed, same bytes; another seed, other bytes. */
class SignatureDeterminismTest : public TestCase
{
  public:
    /** \param type the key type */
    explicit SignatureDeterminismTest(IkeKeyType type)
        : TestCase(std::string("same seed gives the same certificate and signature, ")
                   + ToString(type))
        , m_type(type)
    {
    }

  private:
    void
    DoRun() override
    {
        Ptr<IkeCredential> a = IkeCredential::Generate(m_type, "peer", Generator(20));
        Ptr<IkeCredential> b = IkeCredential::Generate(m_type, "peer", Generator(20));
        Ptr<IkeCredential> c = IkeCredential::Generate(m_type, "peer", Generator(21));
        NS_TEST_ASSERT_MSG_EQ((a->GetCertificateDer() == b->GetCertificateDer()),
                              true,
                              "same seed, same certificate");
        NS_TEST_ASSERT_MSG_EQ(
            EVP_PKEY_eq(a->GetPrivateKey(), b->GetPrivateKey()), 1, "same seed, same key");
        NS_TEST_ASSERT_MSG_EQ((a->GetCertificateDer() != c->GetCertificateDer()),
                              true,
                              "other seed, other certificate");
        NS_TEST_ASSERT_MSG_EQ(
            EVP_PKEY_eq(a->GetPrivateKey(), c->GetPrivateKey()), 0, "other seed, other key");
        NS_TEST_ASSERT_MSG_EQ((a->GetSubjectDer() == c->GetSubjectDer()), true, "same subject");
        X509Ptr xa = DecodeCert(a->GetCertificateDer());
        X509Ptr xc = DecodeCert(c->GetCertificateDer());
        NS_TEST_ASSERT_MSG_NE(
            ASN1_INTEGER_cmp(X509_get0_serialNumber(xa.get()), X509_get0_serialNumber(xc.get())),
            0,
            "the serial is drawn");

        const std::vector<uint8_t> octets = MakeSignedOctets(*a);
        const auto sa = IkeSignatureAuth::Sign(*a, octets, Generator(30));
        const auto sb = IkeSignatureAuth::Sign(*b, octets, Generator(30));
        const auto sOther = IkeSignatureAuth::Sign(*a, octets, Generator(31));
        const auto sc = IkeSignatureAuth::Sign(*c, octets, Generator(30));
        NS_TEST_ASSERT_MSG_EQ((sa == sb), true, "same key and seed, same AUTH");
        NS_TEST_ASSERT_MSG_EQ((sa != sc), true, "other key, other AUTH");
        // ECDSA draws its nonce from the generator; PKCS#1 v1.5 is deterministic (RFC 8017 §8.2).
        NS_TEST_ASSERT_MSG_EQ((sa != sOther),
                              (m_type == IkeKeyType::ECDSA_P256),
                              "another generator changes only an ECDSA signature");
        for (const auto* s : {&sa, &sOther})
        {
            NS_TEST_ASSERT_MSG_EQ(IkeSignatureAuth::Verify(a->GetCertificateDer(), octets, *s),
                                  IkeSignatureStatus::OK,
                                  "both verify");
        }
        // Measured over 2000 signatures: 82 to 85 bytes for ECDSA (the DER INTEGERs of r and s
        // are 31 to 33 bytes long), always 272 for RSA.
        const std::size_t algSize = m_type == IkeKeyType::RSA_2048 ? 15 : 12;
        if (m_type == IkeKeyType::RSA_2048)
        {
            NS_TEST_ASSERT_MSG_EQ(sa.size(), 1 + algSize + 256, "RSA AUTH data size");
        }
        else
        {
            NS_TEST_ASSERT_MSG_GT_OR_EQ(sa.size(), 1 + algSize + 8, "ECDSA AUTH data size");
            NS_TEST_ASSERT_MSG_LT_OR_EQ(sa.size(), 1 + algSize + 72, "ECDSA AUTH data size");
        }
    }

    IkeKeyType m_type; //!< key type
};

/** The certificate-signature AUTH suite. */
class IkeSignatureAuthTestSuite : public TestSuite
{
  public:
    IkeSignatureAuthTestSuite()
        : TestSuite("tcp-encap-ike-signature-auth", Type::UNIT)
    {
        AddTestCase(new AlgorithmIdentifierTest(), TestCase::Duration::QUICK);
        for (IkeKeyType t : {IkeKeyType::ECDSA_P256, IkeKeyType::RSA_2048})
        {
            AddTestCase(new CredentialTest(t), TestCase::Duration::QUICK);
            AddTestCase(new SignVerifyTest(t), TestCase::Duration::QUICK);
            AddTestCase(new SignatureHashTest(t), TestCase::Duration::QUICK);
            AddTestCase(new SignatureDeterminismTest(t), TestCase::Duration::QUICK);
        }
        AddTestCase(new BadCertificateTest(), TestCase::Duration::QUICK);
        AddTestCase(new AuthDataFramingTest(), TestCase::Duration::QUICK);
    }
};

IkeSignatureAuthTestSuite g_ikeSignatureAuthTestSuite; //!< registers the suite

} // namespace
