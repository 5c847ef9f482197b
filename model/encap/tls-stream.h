/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_TLS_STREAM_H
#define TCP_ENCAP_TLS_STREAM_H

#include "ns3/callback.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/tls-context.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct bio_st;
struct ssl_st;

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief One TLS connection (RFC 9329 Appendix A) as a byte pump: an OpenSSL SSL object over
 * two memory BIOs, with no socket of its own.
 *
 * Ciphertext from the network goes in with Receive; the handshake advances, and application
 * bytes come out through the data callback. Plaintext goes in with Write and leaves as
 * records, which the owner takes with ReadOutput when its socket has room (handshake flights
 * and alerts too). So the records cross the simulated network with their real sizes, and the
 * handshake with its real round trips. Every OpenSSL call runs inside a DeterministicRandom
 * scope of the context's generator.
 *
 * A record that fails authentication, an alert from the peer, or a handshake failure is
 * fatal: the call returns false, the alert OpenSSL produced (if any) waits in the output, and
 * the stream refuses everything after.
 */
class TlsStream
{
  public:
    /** Largest plaintext of one record (RFC 8446 §5.1, RFC 5246 §6.2.1). */
    static constexpr uint32_t MAX_RECORD_PLAINTEXT = 16384;

    /** Application bytes that arrived (valid during the call). */
    typedef Callback<void, const uint8_t*, uint32_t> DataCallback;
    /** The handshake completed. */
    typedef Callback<void> HandshakeCallback;

    /** \param context the side's context (client or server) */
    explicit TlsStream(Ptr<TlsContext> context);
    ~TlsStream();

    TlsStream(const TlsStream&) = delete;
    TlsStream& operator=(const TlsStream&) = delete;

    /**
     * \param handshake called once the handshake completed
     * \param data called with application bytes
     */
    void SetCallbacks(HandshakeCallback handshake, DataCallback data);

    /**
     * \brief Client: write the ClientHello (offering the context's session, if any).
     * Server: nothing to do until bytes arrive.
     * \return false on failure
     */
    bool Start();

    /**
     * \param data ciphertext from the peer
     * \param size its size
     * \return false when the stream failed (now or before)
     */
    bool Receive(const uint8_t* data, uint32_t size);

    /**
     * \brief Seal application bytes into records (at most MAX_RECORD_PLAINTEXT each).
     * \param data the bytes
     * \param size how many
     * \return false when the stream failed or the handshake is not done
     */
    bool Write(const uint8_t* data, uint32_t size);

    /** \param start when the connection began (connect or accept): handshake times count from it */
    void SetStartTime(Time start);

    /** \brief Send close_notify (after a completed handshake). */
    void Shutdown();

    /** \brief Stop delivering: the owner is closing. */
    void Halt();

    /** \return bytes of records waiting to be sent */
    uint32_t GetPendingOutput() const;

    /**
     * \param buf where to copy output
     * \param max at most this many bytes
     * \return bytes copied (and removed from the output)
     */
    uint32_t ReadOutput(uint8_t* buf, uint32_t max);

    /** \return whether the handshake completed */
    bool IsHandshakeDone() const;
    /** \return whether the handshake resumed a session */
    bool IsResumed() const;
    /** \return whether the peer sent close_notify */
    bool IsPeerClosed() const;
    /** \return whether the stream failed */
    bool HasFailed() const;

    /**
     * \return bytes each record adds to its plaintext with the negotiated version and suite:
     * 22 for TLS 1.3 (header 5, content type 1, tag 16), 29 for TLS 1.2 AES-GCM (explicit
     * nonce 8), 21 for TLS 1.2 ChaCha20-Poly1305; 0 before the handshake
     */
    uint32_t GetRecordOverhead() const;

    /**
     * \param room bytes of ciphertext that may be produced
     * \return the most plaintext that one Write can take without producing more
     */
    uint32_t GetMaxPlaintext(uint32_t room) const;

    /** \return this connection's counts */
    const TlsCounters& GetCounters() const;

    /** \return the negotiated version, e.g. "TLSv1.3" */
    std::string GetVersionName() const;

    /** \return the negotiated suite, e.g. "TLS_AES_256_GCM_SHA384" */
    std::string GetCipherName() const;

    /** \return the OpenSSL error that failed the stream, or empty */
    const std::string& GetError() const;

  private:
    /** Per record from OpenSSL's message callback (see SSL_set_msg_callback). */
    static void MessageCallback(int writeP,
                                int version,
                                int contentType,
                                const void* buf,
                                size_t len,
                                ssl_st* ssl,
                                void* arg);
    /** \return false if the stream failed; runs the handshake, then reads */
    bool Advance();
    /** \param where what failed \return false */
    bool Fail(const char* where);
    /** \param field a counter \param n to add, here and to the context's totals */
    void Add(uint64_t TlsCounters::*field, uint64_t n);

    /** Frees an SSL. */
    struct SslFree
    {
        /** \param p the object */
        void operator()(ssl_st* p) const;
    };

    Ptr<TlsContext> m_context;              //!< SSL_CTX, generator, totals
    std::unique_ptr<ssl_st, SslFree> m_ssl; //!< the connection
    bio_st* m_rbio;                         //!< ciphertext in (owned by m_ssl)
    bio_st* m_wbio;                         //!< ciphertext out (owned by m_ssl)
    HandshakeCallback m_handshakeCb;        //!< owner: handshake done
    DataCallback m_dataCb;                  //!< owner: plaintext
    std::vector<uint8_t> m_plain;           //!< SSL_read buffer, reused
    TlsCounters m_counters;                 //!< this connection
    Time m_start;                           //!< connect or accept
    uint32_t m_overhead{0};                 //!< per record, after the handshake
    uint32_t m_lastRecord[2]{0, 0};         //!< size of the last record read / written
    bool m_lastOuterApp[2]{false, false};   //!< its outer type was application_data
    bool m_handshakeDone{false};            //!< handshake completed
    bool m_resumed{false};                  //!< session resumed
    bool m_peerClosed{false};               //!< close_notify received
    bool m_failed{false};                   //!< fatal error
    bool m_halted{false};                   //!< owner closing
    std::string m_error;                    //!< what failed
};

} // namespace ns3

#endif /* TCP_ENCAP_TLS_STREAM_H */
