/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "encap-transport.h"

#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/non-esp-marker.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("EncapTransport");

NS_OBJECT_ENSURE_REGISTERED(EncapTransport);

EncapMessageKind
ClassifyEncapMessage(const uint8_t* data, uint32_t size)
{
    if (size == 1 && data[0] == NAT_KEEPALIVE_BYTE)
    {
        return EncapMessageKind::KEEPALIVE;
    }
    if (size <= NON_ESP_MARKER_SIZE)
    {
        return EncapMessageKind::MALFORMED; // room for neither an SPI and data nor marker and IKE
    }
    bool zero = data[0] == 0 && data[1] == 0 && data[2] == 0 && data[3] == 0;
    return zero ? EncapMessageKind::IKE : EncapMessageKind::ESP;
}

TypeId
EncapTransport::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::EncapTransport")
              .SetParent<Object>()
              .SetGroupName("TcpEncap")
              .AddAttribute("Role",
                            "IKE role of this endpoint: the initiator opens (and reopens) TCP "
                            "connections, the responder listens (RFC 9329 §6).",
                            EnumValue(EncapTransport::INITIATOR),
                            MakeEnumAccessor<EncapTransport::Role>(&EncapTransport::m_role),
                            MakeEnumChecker(EncapTransport::INITIATOR,
                                            "initiator",
                                            EncapTransport::RESPONDER,
                                            "responder"))
              .AddTraceSource("Tx",
                              "An ESP packet or IKE message the transport took: over TCP or TLS "
                              "one its tunnel queue accepted, over UDP one its socket took; "
                              "never one it dropped.",
                              MakeTraceSourceAccessor(&EncapTransport::m_txTrace),
                              "ns3::EncapTransport::MessageTracedCallback")
              .AddTraceSource("Rx",
                              "An ESP packet or IKE message received from the outer transport.",
                              MakeTraceSourceAccessor(&EncapTransport::m_rxTrace),
                              "ns3::EncapTransport::MessageTracedCallback");
    return tid;
}

EncapTransport::EncapTransport()
    : m_role(INITIATOR)
{
    NS_LOG_FUNCTION(this);
}

EncapTransport::~EncapTransport() = default;

void
EncapTransport::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_espCallback = MakeNullCallback<void, const uint8_t*, uint32_t, const Address&>();
    m_ikeCallback = MakeNullCallback<void, Ptr<Packet>, const Address&>();
    m_pathUp = MakeNullCallback<void>();
    m_pathDown = MakeNullCallback<void>();
    Object::DoDispose();
}

void
EncapTransport::SetEspCallback(EspCallback cb)
{
    NS_LOG_FUNCTION(this);
    m_espCallback = cb;
}

void
EncapTransport::SetIkeCallback(IkeCallback cb)
{
    NS_LOG_FUNCTION(this);
    m_ikeCallback = cb;
}

EncapTransport::Role
EncapTransport::GetRole() const
{
    return m_role;
}

void
EncapTransport::SetPathCallbacks(PathCallback up, PathCallback down)
{
    NS_LOG_FUNCTION(this);
    m_pathUp = up;
    m_pathDown = down;
}

void
EncapTransport::NotifyIkeSa(IkeSaPresence /* presence */)
{
}

void
EncapTransport::SetNatKeepalive(bool /* on */)
{
    NS_LOG_FUNCTION(this);
}

bool
EncapTransport::IsStream() const
{
    return false;
}

bool
EncapTransport::GetPath(InetSocketAddress& /* local */, InetSocketAddress& /* peer */) const
{
    return false;
}

void
EncapTransport::ForwardEsp(const uint8_t* data, uint32_t size, const Address& from)
{
    NS_LOG_FUNCTION(this << size << from);
    if (!m_espCallback.IsNull())
    {
        m_espCallback(data, size, from);
    }
}

void
EncapTransport::ForwardIke(Ptr<Packet> ike, const Address& from)
{
    NS_LOG_FUNCTION(this << ike << from);
    if (!m_ikeCallback.IsNull())
    {
        m_ikeCallback(ike, from);
    }
}

void
EncapTransport::NotifyPathUp()
{
    NS_LOG_FUNCTION(this);
    if (!m_pathUp.IsNull())
    {
        m_pathUp();
    }
}

void
EncapTransport::NotifyPathDown()
{
    NS_LOG_FUNCTION(this);
    if (!m_pathDown.IsNull())
    {
        m_pathDown();
    }
}

void
EncapTransport::ConfirmPeer(const Address& /* from */)
{
    NS_LOG_FUNCTION(this);
}

void
EncapTransport::ReportInvalid(const Address& /* from */, EspStatus /* reason */)
{
    NS_LOG_FUNCTION(this);
}

uint64_t
EncapTransport::GetMalformedCount() const
{
    return m_malformed;
}

uint64_t
EncapTransport::GetKeepaliveCount() const
{
    return m_keepalives;
}

void
EncapTransport::NotifySend(EncapMessageKind kind, uint32_t size)
{
    NS_LOG_FUNCTION(this << size);
    m_txTrace(kind, size);
}

void
EncapTransport::Deliver(const uint8_t* data, uint32_t size, const Address& from)
{
    NS_LOG_FUNCTION(this << size << from);
    EncapMessageKind kind = ClassifyEncapMessage(data, size);
    switch (kind)
    {
        case EncapMessageKind::KEEPALIVE:
            ++m_keepalives;
            return;
        case EncapMessageKind::MALFORMED:
            NS_LOG_LOGIC("dropping a " << size << "-byte message: neither ESP nor IKE");
            ++m_malformed;
            return;
        case EncapMessageKind::IKE:
            m_rxTrace(kind, size - NON_ESP_MARKER_SIZE);
            if (!m_ikeCallback.IsNull())
            {
                m_ikeCallback(
                    Create<Packet>(data + NON_ESP_MARKER_SIZE, size - NON_ESP_MARKER_SIZE), from);
            }
            return;
        case EncapMessageKind::ESP:
            m_rxTrace(kind, size);
            if (!m_espCallback.IsNull())
            {
                m_espCallback(data, size, from);
            }
            return;
    }
}

bool
EncapTransport::SendTo(Ptr<Packet> message, EncapMessageKind /* kind */, const Address& to)
{
    NS_LOG_FUNCTION(this << message << to);
    NS_LOG_WARN(GetName() << " serves one peer: a message for one of several dropped");
    return false;
}

bool
EncapTransport::GetPathTo(const Address& /* to */,
                          InetSocketAddress& /* local */,
                          InetSocketAddress& /* peer */) const
{
    return false;
}

} // namespace ns3
