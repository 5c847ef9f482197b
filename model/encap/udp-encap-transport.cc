/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "udp-encap-transport.h"

#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/non-esp-marker.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("UdpEncapTransport");

NS_OBJECT_ENSURE_REGISTERED(UdpEncapTransport);

namespace
{
constexpr uint32_t IPV4_HEADER_SIZE = 20;
constexpr uint32_t UDP_HEADER_SIZE = 8;
} // namespace

TypeId
UdpEncapTransport::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::UdpEncapTransport")
              .SetParent<EncapTransport>()
              .SetGroupName("TcpEncap")
              .AddConstructor<UdpEncapTransport>()
              .AddAttribute("LocalPort",
                            "UDP port to bind (RFC 3948: 4500).",
                            UintegerValue(IKE_NAT_T_PORT),
                            MakeUintegerAccessor(&UdpEncapTransport::m_localPort),
                            MakeUintegerChecker<uint16_t>())
              .AddAttribute("PeerAddress",
                            "Outer IPv4 address of the other IPsec endpoint.",
                            Ipv4AddressValue(),
                            MakeIpv4AddressAccessor(&UdpEncapTransport::m_peerAddress),
                            MakeIpv4AddressChecker())
              .AddAttribute("PeerPort",
                            "UDP port of the other IPsec endpoint (RFC 3948: 4500).",
                            UintegerValue(IKE_NAT_T_PORT),
                            MakeUintegerAccessor(&UdpEncapTransport::m_peerPort),
                            MakeUintegerChecker<uint16_t>())
              .AddAttribute("PathMtu",
                            "MTU of the outer path in bytes; with the 20-byte IPv4 and 8-byte "
                            "UDP headers it bounds the ESP packet and so the tunnel MTU.",
                            UintegerValue(1500),
                            MakeUintegerAccessor(&UdpEncapTransport::m_pathMtu),
                            MakeUintegerChecker<uint32_t>(68, 65535))
              .AddAttribute("KeepaliveInterval",
                            "Between NAT-keepalives (the 1-byte 0xFF datagram, RFC 3948 §2.3), "
                            "sent once IKE finds this side behind a NAT.",
                            TimeValue(Seconds(20)),
                            MakeTimeAccessor(&UdpEncapTransport::m_keepaliveInterval),
                            MakeTimeChecker(MilliSeconds(1)));
    return tid;
}

UdpEncapTransport::UdpEncapTransport()
    : m_rxBuf(2048)
{
    NS_LOG_FUNCTION(this);
}

UdpEncapTransport::~UdpEncapTransport() = default;

void
UdpEncapTransport::DoDispose()
{
    NS_LOG_FUNCTION(this);
    Stop();
    EncapTransport::DoDispose();
}

std::string
UdpEncapTransport::GetName() const
{
    return "udp";
}

uint32_t
UdpEncapTransport::GetMaxEspSize() const
{
    return m_pathMtu - IPV4_HEADER_SIZE - UDP_HEADER_SIZE;
}

Ptr<Socket>
UdpEncapTransport::GetSocket() const
{
    return m_socket;
}

void
UdpEncapTransport::Start(Ptr<Node> node)
{
    NS_LOG_FUNCTION(this << node);
    if (m_socket)
    {
        return;
    }
    m_socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    int rc = m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_localPort));
    NS_ABORT_MSG_IF(rc != 0,
                    "node " << node->GetId() << ": cannot bind UDP port " << m_localPort
                            << " for ESP-in-UDP (already in use?)");
    m_socket->SetRecvCallback(MakeCallback(&UdpEncapTransport::HandleRead, this));
}

bool
UdpEncapTransport::GetPath(InetSocketAddress& local, InetSocketAddress& peer) const
{
    if (!GetLocalFor(m_peerAddress, local))
    {
        return false;
    }
    peer = InetSocketAddress(m_peerAddress, m_peerPort);
    return true;
}

bool
UdpEncapTransport::GetPathTo(const Address& to,
                             InetSocketAddress& local,
                             InetSocketAddress& peer) const
{
    if (!InetSocketAddress::IsMatchingType(to))
    {
        return false;
    }
    peer = InetSocketAddress::ConvertFrom(to);
    return GetLocalFor(peer.GetIpv4(), local);
}

bool
UdpEncapTransport::GetLocalFor(Ipv4Address peerAddress, InetSocketAddress& local) const
{
    if (!m_socket)
    {
        return false;
    }
    // The socket is bound to any address: the source is the one routing picks for the peer.
    Ptr<Ipv4> ipv4 = m_socket->GetNode()->GetObject<Ipv4>();
    if (!ipv4 || !ipv4->GetRoutingProtocol())
    {
        return false;
    }
    Ipv4Header header;
    header.SetDestination(peerAddress);
    Socket::SocketErrno err = Socket::ERROR_NOTERROR;
    Ptr<Ipv4Route> route = ipv4->GetRoutingProtocol()->RouteOutput(nullptr, header, nullptr, err);
    if (!route)
    {
        return false;
    }
    local = InetSocketAddress(route->GetSource(), m_localPort);
    return true;
}

void
UdpEncapTransport::SetNatKeepalive(bool on)
{
    NS_LOG_FUNCTION(this << on);
    m_keepaliveOn = on;
    m_keepaliveEvent.Cancel();
    if (on && m_socket)
    {
        m_keepaliveEvent
            = Simulator::Schedule(m_keepaliveInterval, &UdpEncapTransport::SendKeepalive, this);
    }
}

void
UdpEncapTransport::SendKeepalive()
{
    NS_LOG_FUNCTION(this);
    static const uint8_t keepalive = 0xFF;
    if (SendDatagram(Create<Packet>(&keepalive, 1)))
    {
        ++m_keepalivesSent;
    }
    m_keepaliveEvent
        = Simulator::Schedule(m_keepaliveInterval, &UdpEncapTransport::SendKeepalive, this);
}

uint64_t
UdpEncapTransport::GetKeepalivesSent() const
{
    return m_keepalivesSent;
}

void
UdpEncapTransport::Stop()
{
    NS_LOG_FUNCTION(this);
    m_keepaliveEvent.Cancel();
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
}

bool
UdpEncapTransport::SendDatagram(Ptr<Packet> datagram)
{
    return SendDatagramTo(datagram, InetSocketAddress(m_peerAddress, m_peerPort));
}

bool
UdpEncapTransport::SendDatagramTo(Ptr<Packet> datagram, const Address& to)
{
    NS_LOG_FUNCTION(this << datagram << to);
    if (!m_socket)
    {
        NS_LOG_WARN("not started: " << datagram->GetSize() << "-byte datagram dropped");
        return false;
    }
    if (m_socket->SendTo(datagram, 0, to) < 0)
    {
        NS_LOG_WARN("socket refused a " << datagram->GetSize() << "-byte datagram: errno "
                                        << m_socket->GetErrno());
        return false;
    }
    return true;
}

bool
UdpEncapTransport::SendTo(Ptr<Packet> message, EncapMessageKind kind, const Address& to)
{
    NS_LOG_FUNCTION(this << message << to);
    uint32_t size = message->GetSize();
    Ptr<Packet> datagram = message;
    if (kind == EncapMessageKind::IKE)
    {
        static const uint8_t marker[NON_ESP_MARKER_SIZE] = {0, 0, 0, 0};
        datagram = Create<Packet>(marker, NON_ESP_MARKER_SIZE);
        datagram->AddAtEnd(message);
    }
    if (!InetSocketAddress::IsMatchingType(to) || !SendDatagramTo(datagram, to))
    {
        return false;
    }
    NotifySend(kind, size);
    return true;
}

bool
UdpEncapTransport::SendEsp(Ptr<Packet> esp)
{
    NS_LOG_FUNCTION(this << esp);
    uint32_t size = esp->GetSize();
    if (!SendDatagram(esp))
    {
        return false;
    }
    NotifySend(EncapMessageKind::ESP, size); // Tx: only what the socket took
    return true;
}

bool
UdpEncapTransport::SendIke(Ptr<Packet> ike)
{
    NS_LOG_FUNCTION(this << ike);
    static const uint8_t marker[NON_ESP_MARKER_SIZE] = {0, 0, 0, 0};
    Ptr<Packet> datagram = Create<Packet>(marker, NON_ESP_MARKER_SIZE);
    datagram->AddAtEnd(ike);
    if (!SendDatagram(datagram))
    {
        return false;
    }
    NotifySend(EncapMessageKind::IKE, ike->GetSize());
    return true;
}

void
UdpEncapTransport::HandleRead(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Address from;
    while (Ptr<Packet> datagram = socket->RecvFrom(from))
    {
        uint32_t size = datagram->GetSize();
        if (m_rxBuf.size() < size)
        {
            m_rxBuf.resize(size);
        }
        datagram->CopyData(m_rxBuf.data(), size);
        Deliver(m_rxBuf.data(), size, from);
    }
}

void
UdpEncapTransport::ConfirmPeer(const Address& from)
{
    NS_LOG_FUNCTION(this << from);
    // RFC 3948 §2 / RFC 7296 §2.23: the responder answers where authenticated traffic came
    // from, which follows the initiator through NAT rebinding.
    if (GetRole() != RESPONDER || !InetSocketAddress::IsMatchingType(from))
    {
        return;
    }
    InetSocketAddress inet = InetSocketAddress::ConvertFrom(from);
    if (inet.GetIpv4() != m_peerAddress || inet.GetPort() != m_peerPort)
    {
        NS_LOG_INFO("peer moved to " << inet.GetIpv4() << ":" << inet.GetPort());
        m_peerAddress = inet.GetIpv4();
        m_peerPort = inet.GetPort();
    }
}

} // namespace ns3
