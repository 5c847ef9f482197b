/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "gateway-client-transport.h"

#include "ns3/enum.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("GatewayClientTransport");
NS_OBJECT_ENSURE_REGISTERED(GatewayClientTransport);

TypeId
GatewayClientTransport::GetTypeId()
{
    static TypeId tid = TypeId("ns3::GatewayClientTransport")
                            .SetParent<EncapTransport>()
                            .SetGroupName("TcpEncap")
                            .AddConstructor<GatewayClientTransport>();
    return tid;
}

GatewayClientTransport::GatewayClientTransport()
{
    NS_LOG_FUNCTION(this);
}

GatewayClientTransport::~GatewayClientTransport() = default;

void
GatewayClientTransport::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_home = nullptr;
    m_port = nullptr;
    m_delivering = nullptr;
    EncapTransport::DoDispose();
}

void
GatewayClientTransport::SetHome(Ptr<EncapTransport> home)
{
    NS_LOG_FUNCTION(this << home);
    m_home = home;
    SetAttribute("Role", EnumValue(RESPONDER)); // a gateway's side
}

void
GatewayClientTransport::InjectEsp(Ptr<EncapTransport> port,
                                  const uint8_t* data,
                                  uint32_t size,
                                  const Address& from)
{
    NS_LOG_FUNCTION(this << port << size << from);
    Ptr<EncapTransport> outer = m_delivering;
    m_delivering = port;
    ForwardEsp(data, size, from);
    m_delivering = outer;
}

void
GatewayClientTransport::InjectIke(Ptr<EncapTransport> port, Ptr<Packet> ike, const Address& from)
{
    NS_LOG_FUNCTION(this << port << ike << from);
    Ptr<EncapTransport> outer = m_delivering;
    m_delivering = port;
    ForwardIke(ike, from);
    m_delivering = outer;
}

void
GatewayClientTransport::ConfirmPeer(const Address& from)
{
    NS_LOG_FUNCTION(this << from);
    if (!m_delivering)
    {
        // Outside an upcall only the place already known can be confirmed.
        if (!m_port || !(from == m_peer))
        {
            return;
        }
    }
    else if (m_port != m_delivering || !(from == m_peer))
    {
        NS_LOG_INFO("client now at " << from << " on " << m_delivering->GetName());
        if (m_pathUp)
        {
            m_pathUp = false;
            NotifyPathDown(); // what went out on the old connection may be lost with it
        }
        m_port = m_delivering;
        m_peer = from;
    }
    if (IsStream() && !m_pathUp)
    {
        // The client is known to be on this connection now (RFC 9329 §6.2).
        m_pathUp = true;
        NotifyPathUp();
    }
}

void
GatewayClientTransport::ConnectionClosed(Ptr<EncapTransport> port, const Address& peer)
{
    NS_LOG_FUNCTION(this << port << peer);
    if (port == m_port && peer == m_peer && m_pathUp)
    {
        m_pathUp = false;
        NotifyPathDown(); // up again when the client shows up on a connection (ConfirmPeer)
    }
}

bool
GatewayClientTransport::Carries(Ptr<EncapTransport> port, const Address& peer) const
{
    return port == m_port && peer == m_peer && m_ikeSa != IkeSaPresence::GONE;
}

Ptr<EncapTransport>
GatewayClientTransport::GetPort() const
{
    return m_port;
}

const Address&
GatewayClientTransport::GetPeer() const
{
    return m_peer;
}

void
GatewayClientTransport::Start(Ptr<Node> /* node */)
{
    NS_LOG_FUNCTION(this);
    m_stopped = false; // the gateway runs the shared transports
}

void
GatewayClientTransport::Stop()
{
    NS_LOG_FUNCTION(this);
    m_stopped = true;
}

bool
GatewayClientTransport::Send(Ptr<Packet> message, EncapMessageKind kind)
{
    NS_LOG_FUNCTION(this << message);
    uint32_t size = message->GetSize();
    if (m_stopped || !m_port || !m_port->SendTo(message, kind, m_peer))
    {
        NS_LOG_LOGIC("not sent: " << (m_stopped ? "stopped"
                                      : !m_port ? "client not seen"
                                                : "refused"));
        return false;
    }
    NotifySend(kind, size);
    return true;
}

bool
GatewayClientTransport::SendEsp(Ptr<Packet> esp)
{
    return Send(esp, EncapMessageKind::ESP);
}

bool
GatewayClientTransport::SendIke(Ptr<Packet> ike)
{
    return Send(ike, EncapMessageKind::IKE);
}

uint32_t
GatewayClientTransport::GetMaxEspSize() const
{
    Ptr<EncapTransport> port = m_port ? m_port : m_home;
    return port ? port->GetMaxEspSize() : 0;
}

std::string
GatewayClientTransport::GetName() const
{
    Ptr<EncapTransport> port = m_port ? m_port : m_home;
    return port ? port->GetName() : "none";
}

bool
GatewayClientTransport::IsStream() const
{
    return m_home && m_home->IsStream();
}

bool
GatewayClientTransport::GetPath(InetSocketAddress& local, InetSocketAddress& peer) const
{
    return m_port && m_port->GetPathTo(m_peer, local, peer);
}

void
GatewayClientTransport::ReportInvalid(const Address& from, EspStatus reason)
{
    NS_LOG_FUNCTION(this << from);
    Ptr<EncapTransport> port = m_delivering ? m_delivering : m_port;
    if (port)
    {
        port->ReportInvalid(from, reason); // a stream transport counts per connection
    }
}

void
GatewayClientTransport::NotifyIkeSa(IkeSaPresence presence)
{
    NS_LOG_FUNCTION(this << static_cast<int>(presence));
    m_ikeSa = presence; // the shared stream transport asks (Carries) before closing for idleness
}

} // namespace ns3
