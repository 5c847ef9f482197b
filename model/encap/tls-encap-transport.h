/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_TLS_ENCAP_TRANSPORT_H
#define TCP_ENCAP_TLS_ENCAP_TRANSPORT_H

#include "ns3/random-variable-stream.h"
#include "ns3/tcp-encap-transport.h"
#include "ns3/tls-context.h"
#include "ns3/traced-callback.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief IKE and ESP over TLS over TCP (RFC 9329 Appendix A): everything TcpEncapTransport
 * does (IKETCP prefix, framing, tunnel queue, reconnection), with a real TLS connection
 * (OpenSSL, TLS 1.3 by default or 1.2) between the stream and the socket. Port 443 unless
 * LocalPort / PeerPort say otherwise.
 *
 * The responder makes an ECDSA P-256 (or RSA-2048) key and a self-signed certificate at
 * set-up; the initiator does not check it unless VerifyPeer is set (TLS authentication is
 * independent of IKE, which provides the security). One SSL_CTX per transport; one SSL object
 * per connection; a reconnection runs a new handshake, resuming the last session when
 * SessionResumption is on (both sides). All randomness OpenSSL draws for this transport comes
 * from a DeterministicRandom seeded from the transport's ns-3 random stream: same seed and
 * run, same keys, same handshakes, byte for byte.
 *
 * A TLS failure on a connection (a record failing authentication, an alert, a failed
 * handshake) closes it with TcpEncapConnection::TLS_ERROR; the SAs are untouched.
 */
class TlsEncapTransport : public TcpEncapTransport
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    TlsEncapTransport();
    ~TlsEncapTransport() override;

    /** How application bytes are cut into TLS records. */
    enum RecordPolicy
    {
        RECORD_PER_FRAME, //!< one record per frame written (lowest latency)
        RECORD_COALESCE,  //!< frames written together share records of up to 16 KiB
    };

    /**
     * TracedCallback signature for a completed TLS handshake.
     * \param [in] duration from TCP connect (accept at the responder) to handshake done
     * \param [in] resumed whether a session was resumed
     */
    typedef void (*HandshakeTracedCallback)(Time duration, bool resumed);

    void Start(Ptr<Node> node) override;
    std::string GetName() const override;

    /** \return TLS counts over all connections so far (records, bytes, handshakes) */
    TlsCounters GetTlsCounters() const;

    /** \return handshake durations (connect or accept to done), one per handshake */
    std::vector<Time> GetHandshakeTimes() const;

    /** \return responder: its certificate, DER (makes the key if not yet made) */
    std::vector<uint8_t> GetCertificateDer();

    /**
     * \brief Initiator: trust this certificate when VerifyPeer is set.
     * \param der the responder's certificate, DER
     * \return whether it parsed
     */
    bool TrustCertificate(const std::vector<uint8_t>& der);

    /**
     * \param stream first stream index to use
     * \return the number of streams used (1: the seed of the TLS randomness)
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;
    uint16_t GetDefaultPort() const override;
    /** \return 22 for TLS 1.3 (header, content type, tag), 29 for TLS 1.2 AES-GCM (explicit
     * nonce): what one record adds to one frame under the per-frame record policy */
    uint32_t GetRecordOverhead() const override;
    Ptr<TcpEncapConnection> CreateConnection(Ptr<Socket> socket, bool originator) override;

  private:
    /** \return the context, made on first use from the attributes */
    Ptr<TlsContext> GetContext();
    /** \param duration handshake time \param resumed whether resumed */
    void HandleHandshake(Time duration, bool resumed);

    TlsVersion m_version;                        //!< highest version
    TlsKeyType m_keyType;                        //!< responder key
    bool m_verifyPeer;                           //!< initiator checks the certificate
    bool m_resumption;                           //!< session tickets
    RecordPolicy m_recordPolicy;                 //!< record sizing
    std::string m_keyLogFile;                    //!< NSS key log path
    Ptr<UniformRandomVariable> m_rng;            //!< seeds the deterministic generator
    Ptr<TlsContext> m_context;                   //!< made once
    TracedCallback<Time, bool> m_handshakeTrace; //!< handshake done
};

} // namespace ns3

#endif /* TCP_ENCAP_TLS_ENCAP_TRANSPORT_H */
