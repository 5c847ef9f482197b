/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-endpoint.h"

#include "ns3/ike-session.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecEndpoint");

NS_OBJECT_ENSURE_REGISTERED(IpsecEndpoint);

TypeId
IpsecEndpoint::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::IpsecEndpoint")
              .SetParent<Application>()
              .SetGroupName("TcpEncap")
              .AddConstructor<IpsecEndpoint>()
              .AddTraceSource("EspSeal",
                              "An inner packet was sealed into ESP and handed to the transport.",
                              MakeTraceSourceAccessor(&IpsecEndpoint::m_sealTrace),
                              "ns3::IpsecEndpoint::EspTracedCallback")
              .AddTraceSource("EspOpen",
                              "An ESP packet was opened and its inner packet delivered.",
                              MakeTraceSourceAccessor(&IpsecEndpoint::m_openTrace),
                              "ns3::IpsecEndpoint::EspTracedCallback")
              .AddTraceSource("TxDrop",
                              "An inner packet could not be sent through the tunnel.",
                              MakeTraceSourceAccessor(&IpsecEndpoint::m_txDropTrace),
                              "ns3::IpsecEndpoint::DropTracedCallback")
              .AddTraceSource("RxDrop",
                              "A received ESP packet was dropped (unknown SPI, replay, ICV, ...).",
                              MakeTraceSourceAccessor(&IpsecEndpoint::m_rxDropTrace),
                              "ns3::IpsecEndpoint::DropTracedCallback")
              .AddTraceSource("IkeRx",
                              "An IKE message arrived on the transport.",
                              MakeTraceSourceAccessor(&IpsecEndpoint::m_ikeRxTrace),
                              "ns3::IpsecEndpoint::IkeTracedCallback")
              .AddTraceSource("ChildSaAdded",
                              "A Child SA pair (outbound, inbound) was put in place.",
                              MakeTraceSourceAccessor(&IpsecEndpoint::m_childSaTrace),
                              "ns3::IpsecEndpoint::ChildSaTracedCallback");
    return tid;
}

IpsecEndpoint::IpsecEndpoint() = default;

IpsecEndpoint::~IpsecEndpoint() = default;

void
IpsecEndpoint::DoDispose()
{
    NS_LOG_FUNCTION(this);
    if (m_tun && !m_sharedTun)
    {
        m_tun->SetSendCallback(
            MakeNullCallback<bool, Ptr<Packet>, const Address&, const Address&, uint16_t>());
    }
    m_tun = nullptr;
    if (m_transport)
    {
        m_transport->Dispose();
    }
    m_transport = nullptr;
    if (m_ike)
    {
        m_ike->Dispose();
    }
    m_ike = nullptr;
    Application::DoDispose();
}

void
IpsecEndpoint::SetTunDevice(Ptr<VirtualNetDevice> tun)
{
    NS_LOG_FUNCTION(this << tun);
    m_tun = tun;
    m_tun->SetSendCallback(MakeCallback(&IpsecEndpoint::SendFromTun, this));
    UpdateTunMtu();
}

void
IpsecEndpoint::SetSharedTunDevice(Ptr<VirtualNetDevice> tun)
{
    NS_LOG_FUNCTION(this << tun);
    m_tun = tun;
    m_sharedTun = true;
}

Ptr<VirtualNetDevice>
IpsecEndpoint::GetTunDevice() const
{
    return m_tun;
}

void
IpsecEndpoint::SetTransport(Ptr<EncapTransport> transport)
{
    NS_LOG_FUNCTION(this << transport);
    m_transport = transport;
    m_transport->SetEspCallback(MakeCallback(&IpsecEndpoint::ReceiveEsp, this));
    m_transport->SetIkeCallback(MakeCallback(&IpsecEndpoint::ReceiveIke, this));
    UpdateTunMtu();
}

Ptr<EncapTransport>
IpsecEndpoint::GetTransport() const
{
    return m_transport;
}

uint32_t
IpsecEndpoint::GetTunnelMtu() const
{
    return m_transport ? EspSa::GetMaxPayloadSize(m_transport->GetMaxEspSize()) : 0;
}

void
IpsecEndpoint::UpdateTunMtu()
{
    NS_LOG_FUNCTION(this);
    if (m_tun && m_transport && !m_sharedTun)
    {
        m_tun->SetMtu(static_cast<uint16_t>(GetTunnelMtu()));
    }
}

void
IpsecEndpoint::AddChildSa(const TrafficSelector& selector, Ptr<EspSa> outbound, Ptr<EspSa> inbound)
{
    NS_LOG_FUNCTION(this << outbound << inbound);
    NS_LOG_INFO("Child SA pair: outbound SPI 0x" << std::hex << outbound->GetSpi()
                                                 << ", inbound SPI 0x" << inbound->GetSpi()
                                                 << std::dec);
    m_spd.Add(selector, outbound);
    m_sad.Add(inbound);
    m_childSaTrace(outbound->GetParams(), inbound->GetParams());
}

void
IpsecEndpoint::SetIkeSession(Ptr<IkeSession> session)
{
    NS_LOG_FUNCTION(this << session);
    m_ike = session;
}

Ptr<IkeSession>
IpsecEndpoint::GetIkeSession() const
{
    return m_ike;
}

void
IpsecEndpoint::InstallChildSa(const TrafficSelector& selector,
                              Ptr<EspSa> outbound,
                              Ptr<EspSa> inbound,
                              bool useOutboundNow)
{
    NS_LOG_FUNCTION(this << outbound << inbound << useOutboundNow);
    NS_LOG_INFO("new Child SA: inbound SPI 0x"
                << std::hex << inbound->GetSpi() << ", outbound SPI 0x" << outbound->GetSpi()
                << std::dec << (useOutboundNow ? ", used at once" : ", outbound used later"));
    m_sad.Add(inbound);
    if (useOutboundNow)
    {
        m_spd.Replace(selector, outbound);
    }
    m_childSaTrace(outbound->GetParams(), inbound->GetParams());
}

void
IpsecEndpoint::SetOutboundSa(const TrafficSelector& selector, Ptr<EspSa> outbound)
{
    NS_LOG_FUNCTION(this << outbound);
    m_spd.Replace(selector, outbound);
}

bool
IpsecEndpoint::RemoveInboundSa(uint32_t spi)
{
    NS_LOG_FUNCTION(this << spi);
    NS_LOG_INFO("removing inbound SA 0x" << std::hex << spi << std::dec);
    return m_sad.Remove(spi);
}

bool
IpsecEndpoint::RemovePolicy(const TrafficSelector& selector)
{
    NS_LOG_FUNCTION(this);
    return m_spd.Remove(selector);
}

const EspCounters&
IpsecEndpoint::GetTxCounters() const
{
    return m_tx;
}

const EspCounters&
IpsecEndpoint::GetRxCounters() const
{
    return m_rx;
}

const IpsecSad&
IpsecEndpoint::GetSad() const
{
    return m_sad;
}

const IpsecSpd&
IpsecEndpoint::GetSpd() const
{
    return m_spd;
}

uint64_t
IpsecEndpoint::GetIkeRxCount() const
{
    return m_ikeRx;
}

void
IpsecEndpoint::StartApplication()
{
    NS_LOG_FUNCTION(this);
    Open();
}

void
IpsecEndpoint::StopApplication()
{
    NS_LOG_FUNCTION(this);
    Close();
}

void
IpsecEndpoint::Open()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!m_tun || !m_transport,
                    "IpsecEndpoint on node " << GetNode()->GetId()
                                             << " needs a tun device and a transport");
    m_transport->Start(GetNode());
    if (m_ike)
    {
        m_ike->Start();
    }
}

void
IpsecEndpoint::Close()
{
    NS_LOG_FUNCTION(this);
    if (m_ike)
    {
        m_ike->Stop();
    }
    m_transport->Stop();
}

bool
IpsecEndpoint::Send(Ptr<Packet> packet)
{
    return SendFromTun(packet, Address(), Address(), Ipv4L3Protocol::PROT_NUMBER);
}

bool
IpsecEndpoint::SendFromTun(Ptr<Packet> packet,
                           const Address& /* source */,
                           const Address& /* dest */,
                           uint16_t protocolNumber)
{
    NS_LOG_FUNCTION(this << packet << protocolNumber);
    EspStatus status = EspStatus::OK;
    Ptr<Packet> esp;
    Ipv4Header ip;
    if (protocolNumber != Ipv4L3Protocol::PROT_NUMBER || packet->PeekHeader(ip) == 0)
    {
        status = EspStatus::UNSUPPORTED_NEXT_HEADER;
    }
    else if (Ptr<EspSa> sa = m_spd.FindOutbound(ip.GetSource(), ip.GetDestination()))
    {
        status = sa->Seal(packet, EspSa::NEXT_HEADER_IPV4, esp);
        if (status == EspStatus::OK && !m_transport->SendEsp(esp))
        {
            status = EspStatus::TRANSPORT_REFUSED;
        }
    }
    else
    {
        status = EspStatus::NO_POLICY;
    }
    m_tx.Count(status);
    if (status != EspStatus::OK)
    {
        NS_LOG_WARN("outbound drop: " << status);
        m_txDropTrace(packet, status);
        return false;
    }
    m_sealTrace(packet, esp);
    return true;
}

void
IpsecEndpoint::ReceiveEsp(const uint8_t* esp, uint32_t size, const Address& from)
{
    NS_LOG_FUNCTION(this << size << from);
    EspStatus status = EspStatus::UNKNOWN_SPI;
    Ptr<Packet> inner;
    uint8_t nextHeader = 0;
    uint32_t spi = size >= 4 ? (uint32_t{esp[0]} << 24) | (uint32_t{esp[1]} << 16)
                                   | (uint32_t{esp[2]} << 8) | esp[3]
                             : 0;
    if (Ptr<EspSa> sa = m_sad.Find(spi))
    {
        status = sa->Open(esp, size, inner, nextHeader);
    }
    Ipv4Header ip;
    if (status == EspStatus::OK)
    {
        // Authenticated: the peer is where this came from, whatever the inner packet is.
        m_transport->ConfirmPeer(from);
        if (nextHeader != EspSa::NEXT_HEADER_IPV4 || inner->PeekHeader(ip) == 0)
        {
            status = EspStatus::UNSUPPORTED_NEXT_HEADER;
        }
        else if (!m_spd.AllowsInbound(ip.GetSource(), ip.GetDestination()))
        {
            status = EspStatus::NO_POLICY;
        }
    }
    else
    {
        m_transport->ReportInvalid(from, status);
    }
    m_rx.Count(status);
    if (status != EspStatus::OK)
    {
        NS_LOG_WARN("inbound drop of SPI 0x" << std::hex << spi << std::dec << ": " << status);
        if (!m_rxDropTrace.IsEmpty())
        {
            m_rxDropTrace(Create<Packet>(esp, size), status);
        }
        return;
    }
    if (!m_openTrace.IsEmpty())
    {
        m_openTrace(inner, Create<Packet>(esp, size));
    }
    m_tun->Receive(inner,
                   Ipv4L3Protocol::PROT_NUMBER,
                   m_tun->GetAddress(),
                   m_tun->GetAddress(),
                   NetDevice::PACKET_HOST);
}

void
IpsecEndpoint::ReceiveIke(Ptr<Packet> ike, const Address& from)
{
    NS_LOG_FUNCTION(this << ike << from);
    ++m_ikeRx;
    m_ikeRxTrace(ike);
    if (m_ike)
    {
        m_ike->Receive(ike, from);
    }
}

} // namespace ns3
