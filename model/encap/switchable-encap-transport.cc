/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "switchable-encap-transport.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SwitchableEncapTransport");
NS_OBJECT_ENSURE_REGISTERED(SwitchableEncapTransport);

TypeId
SwitchableEncapTransport::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SwitchableEncapTransport")
                            .SetParent<EncapTransport>()
                            .SetGroupName("TcpEncap")
                            .AddConstructor<SwitchableEncapTransport>();
    return tid;
}

SwitchableEncapTransport::SwitchableEncapTransport() = default;

SwitchableEncapTransport::~SwitchableEncapTransport() = default;

void
SwitchableEncapTransport::DoDispose()
{
    NS_LOG_FUNCTION(this);
    for (auto& t : m_transports)
    {
        if (t)
        {
            t->Dispose();
        }
        t = nullptr;
    }
    m_node = nullptr;
    EncapTransport::DoDispose();
}

void
SwitchableEncapTransport::SetTransports(Ptr<EncapTransport> datagram, Ptr<EncapTransport> stream)
{
    NS_LOG_FUNCTION(this << datagram << stream);
    NS_ABORT_MSG_IF(!datagram || !stream || datagram->IsStream() || !stream->IsStream(),
                    "SwitchableEncapTransport needs a datagram and a stream transport");
    NS_ABORT_MSG_IF(datagram->GetRole() != GetRole() || stream->GetRole() != GetRole(),
                    "SwitchableEncapTransport: both transports must have its role");
    m_transports[DATAGRAM] = datagram;
    m_transports[STREAM] = stream;
    datagram->SetEspCallback(MakeCallback(&SwitchableEncapTransport::DatagramEsp, this));
    datagram->SetIkeCallback(MakeCallback(&SwitchableEncapTransport::DatagramIke, this));
    stream->SetEspCallback(MakeCallback(&SwitchableEncapTransport::StreamEsp, this));
    stream->SetIkeCallback(MakeCallback(&SwitchableEncapTransport::StreamIke, this));
    stream->SetPathCallbacks(MakeCallback(&SwitchableEncapTransport::StreamUp, this),
                             MakeCallback(&SwitchableEncapTransport::StreamDown, this));
}

Ptr<EncapTransport>
SwitchableEncapTransport::Get(Kind kind) const
{
    return m_transports[kind];
}

SwitchableEncapTransport::Kind
SwitchableEncapTransport::GetActive() const
{
    return m_active;
}

SwitchableEncapTransport::Kind
SwitchableEncapTransport::GetDelivering() const
{
    return m_delivering;
}

uint32_t
SwitchableEncapTransport::GetSwitches() const
{
    return m_switches;
}

void
SwitchableEncapTransport::Use(Kind kind)
{
    NS_LOG_FUNCTION(this);
    if (kind == STREAM)
    {
        StartStream();
    }
    if (kind != m_active)
    {
        NS_LOG_INFO((GetRole() == INITIATOR ? "initiator" : "responder")
                    << " now uses " << m_transports[kind]->GetName());
        m_active = kind;
        ++m_switches;
        if (m_natKeepalive)
        {
            m_transports[DATAGRAM]->SetNatKeepalive(m_active == DATAGRAM);
        }
    }
}

void
SwitchableEncapTransport::StartStream()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!m_node, "SwitchableEncapTransport: Start first");
    if (!m_streamStarted)
    {
        m_streamStarted = true;
        m_transports[STREAM]->Start(m_node);
    }
}

void
SwitchableEncapTransport::StopStream()
{
    NS_LOG_FUNCTION(this);
    if (m_streamStarted)
    {
        m_streamStarted = false;
        m_transports[STREAM]->Stop();
    }
    if (m_active == STREAM)
    {
        Use(DATAGRAM);
    }
}

bool
SwitchableEncapTransport::IsStreamStarted() const
{
    return m_streamStarted;
}

bool
SwitchableEncapTransport::SendIkeOn(Kind kind, Ptr<Packet> ike)
{
    NS_LOG_FUNCTION(this << ike);
    if (kind == STREAM)
    {
        StartStream();
    }
    return m_transports[kind]->SendIke(ike);
}

void
SwitchableEncapTransport::Start(Ptr<Node> node)
{
    NS_LOG_FUNCTION(this << node);
    NS_ABORT_MSG_IF(!m_transports[DATAGRAM], "SwitchableEncapTransport: SetTransports first");
    m_node = node;
    m_transports[DATAGRAM]->Start(node);
    if (GetRole() == RESPONDER)
    {
        StartStream(); // listen on both
    }
}

void
SwitchableEncapTransport::Stop()
{
    NS_LOG_FUNCTION(this);
    m_transports[DATAGRAM]->Stop();
    if (m_streamStarted)
    {
        m_streamStarted = false;
        m_transports[STREAM]->Stop();
    }
}

bool
SwitchableEncapTransport::SendEsp(Ptr<Packet> esp)
{
    NS_LOG_FUNCTION(this << esp);
    return m_transports[m_active]->SendEsp(esp);
}

bool
SwitchableEncapTransport::SendIke(Ptr<Packet> ike)
{
    NS_LOG_FUNCTION(this << ike);
    return m_transports[m_active]->SendIke(ike);
}

uint32_t
SwitchableEncapTransport::GetMaxEspSize() const
{
    return std::min(m_transports[DATAGRAM]->GetMaxEspSize(), m_transports[STREAM]->GetMaxEspSize());
}

std::string
SwitchableEncapTransport::GetName() const
{
    return m_transports[m_active]->GetName();
}

bool
SwitchableEncapTransport::IsStream() const
{
    return m_active == STREAM;
}

bool
SwitchableEncapTransport::GetPath(InetSocketAddress& local, InetSocketAddress& peer) const
{
    return m_transports[m_active]->GetPath(local, peer);
}

void
SwitchableEncapTransport::ConfirmPeer(const Address& from)
{
    NS_LOG_FUNCTION(this << from);
    // Called from within an upcall: the peer is on the transport that delivered.
    if (GetRole() == RESPONDER && m_deliveringEsp && m_delivering != m_active)
    {
        // ESP still in flight on the transport the peer is leaving (or has not yet announced
        // with IKE): only IKE (IKE_SA_INIT, UPDATE_SA_ADDRESSES, RFC 4555) switches transports.
        // Following ESP would flap and answer on a connection the peer is closing.
        return;
    }
    m_transports[m_delivering]->ConfirmPeer(from);
    if (GetRole() == RESPONDER)
    {
        Use(m_delivering);
    }
}

void
SwitchableEncapTransport::SetNatKeepalive(bool on)
{
    NS_LOG_FUNCTION(this << on);
    // Never over the stream (RFC 9329 §6.5), and only while UDP is in use: an idle UDP
    // transport keeps no mapping worth keeping (a move back opens one). Use() follows.
    m_natKeepalive = on;
    m_transports[DATAGRAM]->SetNatKeepalive(on && m_active == DATAGRAM);
}

void
SwitchableEncapTransport::NotifyIkeSa(IkeSaPresence presence)
{
    NS_LOG_FUNCTION(this << static_cast<int>(presence));
    // Both parts: the stream's connection follows the IKE SA wherever it is.
    m_transports[DATAGRAM]->NotifyIkeSa(presence);
    m_transports[STREAM]->NotifyIkeSa(presence);
}

void
SwitchableEncapTransport::ReportInvalid(const Address& from, EspStatus reason)
{
    NS_LOG_FUNCTION(this << from);
    m_transports[m_delivering]->ReportInvalid(from, reason);
}

void
SwitchableEncapTransport::EspFrom(Kind kind,
                                  const uint8_t* data,
                                  uint32_t size,
                                  const Address& from)
{
    NS_LOG_FUNCTION(this << size << from);
    m_delivering = kind;
    m_deliveringEsp = true;
    ForwardEsp(data, size, from);
}

void
SwitchableEncapTransport::DatagramEsp(const uint8_t* data, uint32_t size, const Address& from)
{
    NS_LOG_FUNCTION(this << size << from);
    EspFrom(DATAGRAM, data, size, from);
}

void
SwitchableEncapTransport::StreamEsp(const uint8_t* data, uint32_t size, const Address& from)
{
    NS_LOG_FUNCTION(this << size << from);
    EspFrom(STREAM, data, size, from);
}

void
SwitchableEncapTransport::DatagramIke(Ptr<Packet> ike, const Address& from)
{
    NS_LOG_FUNCTION(this << ike << from);
    m_delivering = DATAGRAM;
    m_deliveringEsp = false;
    ForwardIke(ike, from);
}

void
SwitchableEncapTransport::StreamIke(Ptr<Packet> ike, const Address& from)
{
    NS_LOG_FUNCTION(this << ike << from);
    m_delivering = STREAM;
    m_deliveringEsp = false;
    ForwardIke(ike, from);
}

void
SwitchableEncapTransport::StreamUp()
{
    NS_LOG_FUNCTION(this);
    NotifyPathUp();
}

void
SwitchableEncapTransport::StreamDown()
{
    NS_LOG_FUNCTION(this);
    NotifyPathDown();
}

} // namespace ns3
