/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_TLS_CONTEXT_H
#define TCP_ENCAP_TLS_CONTEXT_H

#include "ns3/callback.h"
#include "ns3/deterministic-random.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

struct ssl_ctx_st;
struct ssl_st;
struct ssl_session_st;
struct x509_st;
struct evp_pkey_st;

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief Highest TLS version offered (RFC 9329 Appendix A allows either).
 */
enum TlsVersion
{
    TLS_VERSION_1_3, //!< TLS 1.3 (RFC 8446), the default
    TLS_VERSION_1_2, //!< TLS 1.2 (RFC 5246), AEAD suites with ECDHE only
};

/**
 * \ingroup tcp-encap
 * \brief Key of the responder's self-signed certificate.
 */
enum TlsKeyType
{
    TLS_KEY_ECDSA_P256, //!< ECDSA on P-256 with SHA-256, the default
    TLS_KEY_RSA_2048,   //!< RSA 2048 (RSA-PSS signatures in TLS 1.3)
};

/**
 * \ingroup tcp-encap
 * \brief What a TLS context is made with.
 */
struct TlsConfig
{
    bool server{false};                     //!< responder (has the certificate)
    TlsVersion version{TLS_VERSION_1_3};    //!< highest version
    TlsKeyType keyType{TLS_KEY_ECDSA_P256}; //!< responder key
    bool verifyPeer{false};                 //!< initiator verifies the certificate
    bool resumption{false};                 //!< session tickets (both sides must agree)
    std::string keyLogFile;                 //!< NSS key log, appended; empty: none
    std::string serverName{"vpn.example"};  //!< certificate subject CN
};

/**
 * \ingroup tcp-encap
 * \brief Counts of the TLS layer: records and bytes on the stream, plaintext carried,
 * handshakes.
 *
 * Record bytes include the 5-byte record headers. Overhead is record bytes minus application
 * plaintext; "handshake" bytes are the records that carry no application data (handshake,
 * ChangeCipherSpec, alerts, post-handshake tickets), part of the overhead.
 */
struct TlsCounters
{
    uint64_t recordsTx{0};          //!< records written
    uint64_t recordsRx{0};          //!< records read
    uint64_t recordBytesTx{0};      //!< bytes of records written
    uint64_t recordBytesRx{0};      //!< bytes of records read
    uint64_t plainBytesTx{0};       //!< application bytes written
    uint64_t plainBytesRx{0};       //!< application bytes read
    uint64_t handshakeBytesTx{0};   //!< bytes of non-application records written
    uint64_t handshakeBytesRx{0};   //!< bytes of non-application records read
    uint64_t handshakeRecordsTx{0}; //!< non-application records written
    uint64_t handshakeRecordsRx{0}; //!< non-application records read
    uint64_t handshakes{0};         //!< handshakes completed
    uint64_t resumptions{0};        //!< of which resumed a session
    uint64_t errors{0};             //!< fatal TLS errors (bad record, alert, handshake failure)

    /** \return bytes written beyond the application bytes (handshake included) */
    uint64_t GetOverheadTx() const;
    /** \return bytes read beyond the application bytes (handshake included) */
    uint64_t GetOverheadRx() const;
    /** \param other counts to add \return this */
    TlsCounters& operator+=(const TlsCounters& other);
};

/**
 * \ingroup tcp-encap
 * \brief One side's TLS set-up, made once per transport: the SSL_CTX, for the responder the
 * key and self-signed certificate, the key log, the initiator's session for resumption, the
 * deterministic generator all TLS randomness comes from, and the totals of all connections.
 */
class TlsContext : public SimpleRefCount<TlsContext>
{
  public:
    /** Called when a handshake completes: its duration (connect to done), whether resumed. */
    typedef Callback<void, Time, bool> HandshakeCallback;

    /**
     * \param config what to make
     * \param random the generator for keys and handshakes (see DeterministicRandom)
     */
    TlsContext(const TlsConfig& config, Ptr<DeterministicRandom> random);
    ~TlsContext();

    TlsContext(const TlsContext&) = delete;
    TlsContext& operator=(const TlsContext&) = delete;

    /** \return the configuration */
    const TlsConfig& GetConfig() const;

    /** \return the SSL_CTX, to make SSL objects from */
    ssl_ctx_st* GetSslContext() const;

    /** \return the generator */
    DeterministicRandom* GetRandom() const;

    /**
     * \brief Draw from another generator from now on: every later connection, handshake, read
     * and write of this side. What the context drew when it was made (the responder's key and
     * certificate, the SSL_CTX's ticket keys) stays. For a caller that needs connections to
     * draw the same bytes again, e.g. a fuzz target that restarts one sequence before each
     * input, so that each input gets the same handshake whatever ran before it.
     * \param random the generator (not null)
     */
    void SetRandom(Ptr<DeterministicRandom> random);

    /** \return the responder's certificate, DER (empty for the initiator) */
    std::vector<uint8_t> GetCertificateDer() const;

    /**
     * \brief Initiator: trust this certificate (with VerifyPeer).
     * \param der a certificate, DER
     * \return whether it parsed
     */
    bool AddTrustedCertificate(const std::vector<uint8_t>& der);

    /**
     * \brief Initiator: offer the last session received to a new connection (resumption on).
     * \param ssl a fresh client SSL object
     */
    void PrepareResumption(ssl_st* ssl);

    /** \return whether a session to resume is held */
    bool HasSession() const;

    /** \param cb called at every completed handshake */
    void SetHandshakeCallback(HandshakeCallback cb);

    /**
     * \brief A connection completed its handshake.
     * \param duration from connect (or accept) to done
     * \param resumed whether a session was resumed
     */
    void NotifyHandshake(Time duration, bool resumed);

    /** \return the totals over all connections of this side */
    TlsCounters& GetCounters();

    /**
     * \return handshake durations, in order: one per handshake completed since the context
     * was made or since the last ClearHandshakeTimes
     */
    const std::vector<Time>& GetHandshakeTimes() const;

    /**
     * \brief Forget the handshake durations recorded so far (the counters, handshakes
     * included, keep counting). For a long-lived context that completes handshakes without
     * end, e.g. a fuzz target's, whose list would otherwise grow by one per handshake (each
     * entry a Time, which until a simulation runs also registers itself with ns-3's marked
     * times).
     */
    void ClearHandshakeTimes();

  private:
    /** \param ssl the connection \param line one NSS key log line */
    static void KeyLog(const ssl_st* ssl, const char* line);
    /** \param ssl the connection \param session a new session \return 1: we keep it */
    static int NewSession(ssl_st* ssl, ssl_session_st* session);
    /** \param ssl the connection \param arg unused \return 1 */
    static int GenerateTicket(ssl_st* ssl, void* arg);
    /** \brief Make the key and self-signed certificate (responder). */
    void MakeCredentials();

    /** Frees an SSL_CTX. */
    struct CtxFree
    {
        /** \param p the object */
        void operator()(ssl_ctx_st* p) const;
    };

    /** Frees an EVP_PKEY. */
    struct KeyFree
    {
        /** \param p the object */
        void operator()(evp_pkey_st* p) const;
    };

    /** Frees an X509. */
    struct CertFree
    {
        /** \param p the object */
        void operator()(x509_st* p) const;
    };

    /** Frees an SSL_SESSION. */
    struct SessionFree
    {
        /** \param p the object */
        void operator()(ssl_session_st* p) const;
    };

    TlsConfig m_config;                                     //!< configuration
    Ptr<DeterministicRandom> m_random;                      //!< all TLS randomness
    std::unique_ptr<ssl_ctx_st, CtxFree> m_ctx;             //!< the SSL_CTX
    std::unique_ptr<evp_pkey_st, KeyFree> m_key;            //!< responder key
    std::unique_ptr<x509_st, CertFree> m_cert;              //!< responder certificate
    std::unique_ptr<ssl_session_st, SessionFree> m_session; //!< initiator: to resume
    std::ofstream m_keyLog;                                 //!< NSS key log
    HandshakeCallback m_handshakeCb;                        //!< owner
    TlsCounters m_counters;                                 //!< totals
    std::vector<Time> m_handshakeTimes;                     //!< durations
};

} // namespace ns3

#endif /* TCP_ENCAP_TLS_CONTEXT_H */
