/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "encap-transport.h"

#include "ns3/log.h"
#include "ns3/non-esp-marker.h"

#include <algorithm>

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
    if (size < NON_ESP_MARKER_SIZE)
    {
        return EncapMessageKind::MALFORMED;
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
              .AddTraceSource("Tx",
                              "An ESP packet or IKE message handed to the outer transport.",
                              MakeTraceSourceAccessor(&EncapTransport::m_txTrace),
                              "ns3::EncapTransport::MessageTracedCallback")
              .AddTraceSource("Rx",
                              "An ESP packet or IKE message received from the outer transport.",
                              MakeTraceSourceAccessor(&EncapTransport::m_rxTrace),
                              "ns3::EncapTransport::MessageTracedCallback");
    return tid;
}

EncapTransport::EncapTransport() = default;

EncapTransport::~EncapTransport() = default;

void
EncapTransport::DoDispose()
{
    m_espCallback = MakeNullCallback<void, Ptr<Packet>, const Address&>();
    m_ikeCallback = MakeNullCallback<void, Ptr<Packet>, const Address&>();
    Object::DoDispose();
}

void
EncapTransport::SetEspCallback(ReceiveCallback cb)
{
    m_espCallback = cb;
}

void
EncapTransport::SetIkeCallback(ReceiveCallback cb)
{
    m_ikeCallback = cb;
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
EncapTransport::NotifySend(Ptr<const Packet> message, EncapMessageKind kind)
{
    m_txTrace(message, kind);
}

void
EncapTransport::Deliver(Ptr<Packet> message, const Address& from)
{
    uint8_t head[NON_ESP_MARKER_SIZE];
    uint32_t size = message->GetSize();
    message->CopyData(head, std::min<uint32_t>(size, NON_ESP_MARKER_SIZE));
    EncapMessageKind kind = ClassifyEncapMessage(head, size);
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
            message->RemoveAtStart(NON_ESP_MARKER_SIZE);
            m_rxTrace(message, kind);
            if (!m_ikeCallback.IsNull())
            {
                m_ikeCallback(message, from);
            }
            return;
        case EncapMessageKind::ESP:
            m_rxTrace(message, kind);
            if (!m_espCallback.IsNull())
            {
                m_espCallback(message, from);
            }
            return;
    }
}

} // namespace ns3
