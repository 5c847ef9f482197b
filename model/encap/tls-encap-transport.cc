/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tls-encap-transport.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/string.h"
#include "ns3/tls-stream.h"

#include <memory>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TlsEncapTransport");

NS_OBJECT_ENSURE_REGISTERED(TlsEncapTransport);

/** Default port of ESP-in-TLS: HTTPS (RFC 9329 Appendix A: networks that pass only TLS). */
constexpr uint16_t TLS_ENCAP_DEFAULT_PORT = 443;

TypeId
TlsEncapTransport::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::TlsEncapTransport")
              .SetParent<TcpEncapTransport>()
              .SetGroupName("TcpEncap")
              .AddConstructor<TlsEncapTransport>()
              .AddAttribute("TlsVersion",
                            "Highest TLS version offered and accepted: 1.3 (RFC 8446) or 1.2 "
                            "(RFC 5246, ECDHE with AES-GCM or ChaCha20-Poly1305 only).",
                            EnumValue(TLS_VERSION_1_3),
                            MakeEnumAccessor<TlsVersion>(&TlsEncapTransport::m_version),
                            MakeEnumChecker(TLS_VERSION_1_3, "1.3", TLS_VERSION_1_2, "1.2"))
              .AddAttribute(
                  "KeyType",
                  "Responder: key of the self-signed certificate made at set-up.",
                  EnumValue(TLS_KEY_ECDSA_P256),
                  MakeEnumAccessor<TlsKeyType>(&TlsEncapTransport::m_keyType),
                  MakeEnumChecker(TLS_KEY_ECDSA_P256, "ecdsa-p256", TLS_KEY_RSA_2048, "rsa-2048"))
              .AddAttribute("VerifyPeer",
                            "Initiator: verify the responder's certificate against the ones "
                            "given to TrustCertificate (the helper gives the gateway's). TLS "
                            "authentication is independent of IKE (RFC 9329 Appendix A).",
                            BooleanValue(false),
                            MakeBooleanAccessor(&TlsEncapTransport::m_verifyPeer),
                            MakeBooleanChecker())
              .AddAttribute("SessionResumption",
                            "Resume the last TLS session on reconnection (session tickets, "
                            "RFC 8446 §2.2, RFC 5077); the responder issues one ticket per "
                            "handshake. Both ends must agree.",
                            BooleanValue(false),
                            MakeBooleanAccessor(&TlsEncapTransport::m_resumption),
                            MakeBooleanChecker())
              .AddAttribute(
                  "RecordPolicy",
                  "How frames are cut into TLS records: per-frame (one record per "
                  "frame written: 22 bytes each with TLS 1.3, 29 with TLS 1.2 "
                  "AES-GCM) or coalesce (frames the tunnel queue writes in one go "
                  "share records of up to 16384 bytes of plaintext).",
                  EnumValue(RECORD_PER_FRAME),
                  MakeEnumAccessor<TlsEncapTransport::RecordPolicy>(
                      &TlsEncapTransport::m_recordPolicy),
                  MakeEnumChecker(RECORD_PER_FRAME, "per-frame", RECORD_COALESCE, "coalesce"))
              .AddAttribute("KeyLogFile",
                            "Append the TLS secrets to this file in NSS key log format, for "
                            "Wireshark (Preferences, TLS, (Pre)-Master-Secret log); empty: "
                            "off. Each side writes its lines.",
                            StringValue(""),
                            MakeStringAccessor(&TlsEncapTransport::m_keyLogFile),
                            MakeStringChecker())
              .AddTraceSource("Handshake",
                              "A TLS handshake completed on a connection.",
                              MakeTraceSourceAccessor(&TlsEncapTransport::m_handshakeTrace),
                              "ns3::TlsEncapTransport::HandshakeTracedCallback");
    return tid;
}

TlsEncapTransport::TlsEncapTransport()
    : m_version(TLS_VERSION_1_3)
    , m_keyType(TLS_KEY_ECDSA_P256)
    , m_verifyPeer(false)
    , m_resumption(false)
    , m_recordPolicy(RECORD_PER_FRAME)
    , m_rng(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
}

TlsEncapTransport::~TlsEncapTransport() = default;

void
TlsEncapTransport::DoDispose()
{
    NS_LOG_FUNCTION(this);
    TcpEncapTransport::DoDispose();
    if (m_context)
    {
        m_context->SetHandshakeCallback(MakeNullCallback<void, Time, bool>());
    }
    m_context = nullptr;
    m_rng = nullptr;
}

std::string
TlsEncapTransport::GetName() const
{
    return "tls";
}

uint16_t
TlsEncapTransport::GetDefaultPort() const
{
    return TLS_ENCAP_DEFAULT_PORT;
}

uint32_t
TlsEncapTransport::GetRecordOverhead() const
{
    // The suites TlsContext offers first: TLS 1.3 AES-GCM (5 + 1 + 16), TLS 1.2 ECDHE AES-GCM
    // (5 + 8 + 16). TlsStream::GetRecordOverhead gives the negotiated figure per connection.
    return m_version == TLS_VERSION_1_3 ? 22 : 29;
}

int64_t
TlsEncapTransport::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_rng->SetStream(stream);
    return 1;
}

Ptr<TlsContext>
TlsEncapTransport::GetContext()
{
    if (!m_context)
    {
        std::array<uint8_t, DeterministicRandom::SEED_SIZE> seed{};
        for (auto& b : seed)
        {
            b = static_cast<uint8_t>(m_rng->GetInteger(0, 255));
        }
        TlsConfig config;
        config.server = GetRole() == RESPONDER;
        config.version = m_version;
        config.keyType = m_keyType;
        config.verifyPeer = m_verifyPeer;
        config.resumption = m_resumption;
        config.keyLogFile = m_keyLogFile;
        m_context = Create<TlsContext>(config, Create<DeterministicRandom>(seed));
        m_context->SetHandshakeCallback(MakeCallback(&TlsEncapTransport::HandleHandshake, this));
    }
    return m_context;
}

void
TlsEncapTransport::Start(Ptr<Node> node)
{
    NS_LOG_FUNCTION(this << node);
    GetContext(); // key, certificate and SSL_CTX at set-up, not at the first connection
    TcpEncapTransport::Start(node);
}

Ptr<TcpEncapConnection>
TlsEncapTransport::CreateConnection(Ptr<Socket> socket, bool originator)
{
    NS_LOG_FUNCTION(this << socket << originator);
    Ptr<TcpEncapConnection> conn = TcpEncapTransport::CreateConnection(socket, originator);
    conn->EnableTls(std::make_unique<TlsStream>(GetContext()), m_recordPolicy == RECORD_COALESCE);
    return conn;
}

void
TlsEncapTransport::HandleHandshake(Time duration, bool resumed)
{
    NS_LOG_FUNCTION(this << duration << resumed);
    NS_LOG_INFO("TLS handshake in " << duration.As(Time::MS) << (resumed ? " (resumed)" : ""));
    m_handshakeTrace(duration, resumed);
}

TlsCounters
TlsEncapTransport::GetTlsCounters() const
{
    return m_context ? m_context->GetCounters() : TlsCounters();
}

std::vector<Time>
TlsEncapTransport::GetHandshakeTimes() const
{
    return m_context ? m_context->GetHandshakeTimes() : std::vector<Time>();
}

std::vector<uint8_t>
TlsEncapTransport::GetCertificateDer()
{
    return GetContext()->GetCertificateDer();
}

bool
TlsEncapTransport::TrustCertificate(const std::vector<uint8_t>& der)
{
    NS_LOG_FUNCTION(this);
    return GetContext()->AddTrustedCertificate(der);
}

} // namespace ns3
