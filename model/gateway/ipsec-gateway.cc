/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-gateway.h"

#include "ns3/esp-sa.h"
#include "ns3/gateway-client-transport.h"
#include "ns3/ike-credential.h"
#include "ns3/ipsec-endpoint.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/switchable-encap-transport.h"
#include "ns3/tcp-encap-transport.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecGateway");
NS_OBJECT_ENSURE_REGISTERED(IpsecGateway);

const char*
ToString(GatewayClientEnd end)
{
    switch (end)
    {
        case GatewayClientEnd::HALF_OPEN:
            return "half-open";
        case GatewayClientEnd::CLOSED:
            return "closed";
        case GatewayClientEnd::REPLACED:
            return "replaced";
        case GatewayClientEnd::STOPPED:
            return "stopped";
    }
    return "?";
}

TypeId
IpsecGateway::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::IpsecGateway")
              .SetParent<Application>()
              .SetGroupName("TcpEncap")
              .AddConstructor<IpsecGateway>()
              .AddAttribute("HalfOpenTimeout",
                            "A client whose IKE SA is not established this long after its first "
                            "IKE_SA_INIT is let go (strongSwan's half_open_timeout: 30 s).",
                            TimeValue(Seconds(30)),
                            MakeTimeAccessor(&IpsecGateway::m_halfOpenTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("MaxClients",
                            "Clients served at once, half-open ones included; an IKE_SA_INIT "
                            "beyond is dropped (0: no limit).",
                            UintegerValue(0),
                            MakeUintegerAccessor(&IpsecGateway::m_maxClients),
                            MakeUintegerChecker<uint32_t>())
              .AddTraceSource("ClientAdded",
                              "A client was made for a new IKE_SA_INIT.",
                              MakeTraceSourceAccessor(&IpsecGateway::m_clientAddedTrace),
                              "ns3::IpsecGateway::ClientTracedCallback")
              .AddTraceSource("ClientRemoved",
                              "A client was let go.",
                              MakeTraceSourceAccessor(&IpsecGateway::m_clientRemovedTrace),
                              "ns3::IpsecGateway::ClientEndTracedCallback");
    return tid;
}

IpsecGateway::IpsecGateway()
{
    NS_LOG_FUNCTION(this);
    m_ikeFactory.SetTypeId(IkeSession::GetTypeId());
}

IpsecGateway::~IpsecGateway() = default;

void
IpsecGateway::DoDispose()
{
    NS_LOG_FUNCTION(this);
    RemoveAllClients();
    if (m_tun)
    {
        m_tun->SetSendCallback(
            MakeNullCallback<bool, Ptr<Packet>, const Address&, const Address&, uint16_t>());
    }
    m_tun = nullptr;
    for (auto& port : m_ports)
    {
        port->Dispose();
    }
    m_ports.clear();
    m_datagramPort = nullptr;
    m_streamHome = nullptr;
    m_credential = nullptr;
    Application::DoDispose();
}

void
IpsecGateway::SetTunDevice(Ptr<VirtualNetDevice> tun)
{
    NS_LOG_FUNCTION(this << tun);
    m_tun = tun;
    m_tun->SetSendCallback(MakeCallback(&IpsecGateway::SendFromTun, this));
    UpdateTunMtu();
}

Ptr<VirtualNetDevice>
IpsecGateway::GetTunDevice() const
{
    return m_tun;
}

void
IpsecGateway::AddTransport(Ptr<EncapTransport> transport)
{
    NS_LOG_FUNCTION(this << transport);
    NS_ABORT_MSG_IF(transport->GetRole() != EncapTransport::RESPONDER,
                    "IpsecGateway::AddTransport: the transport's Role must be RESPONDER");
    // Callbacks carry the transport's index, not a pointer to it: a transport holding a
    // pointer to itself in its own callbacks would never be freed.
    const auto index = static_cast<uint32_t>(m_ports.size());
    if (transport->IsStream())
    {
        Ptr<TcpEncapTransport> stream = DynamicCast<TcpEncapTransport>(transport);
        NS_ABORT_MSG_IF(!stream,
                        "IpsecGateway::AddTransport: a stream transport must be a "
                        "TcpEncapTransport or TlsEncapTransport");
        stream->ServeManyPeers(MakeCallback(&IpsecGateway::ConnectionInUse, this).Bind(index));
        stream->TraceConnectWithoutContext(
            "ConnectionClosed", MakeCallback(&IpsecGateway::ConnectionClosed, this).Bind(index));
        if (!m_streamHome)
        {
            m_streamHome = transport;
        }
    }
    else
    {
        NS_ABORT_MSG_IF(m_datagramPort, "IpsecGateway::AddTransport: one datagram transport only");
        m_datagramPort = transport;
    }
    transport->SetEspCallback(MakeCallback(&IpsecGateway::ReceiveEsp, this).Bind(index));
    transport->SetIkeCallback(MakeCallback(&IpsecGateway::ReceiveIke, this).Bind(index));
    m_ports.push_back(transport);
    UpdateTunMtu();
}

const std::vector<Ptr<EncapTransport>>&
IpsecGateway::GetTransports() const
{
    return m_ports;
}

void
IpsecGateway::SetProtectedNetwork(Ipv4Address network, Ipv4Mask mask)
{
    NS_LOG_FUNCTION(this << network << mask);
    m_policy.localNetwork = network.CombineMask(mask);
    m_policy.localMask = mask;
}

const TrafficSelector&
IpsecGateway::GetPolicy() const
{
    return m_policy;
}

void
IpsecGateway::SetClientPool(Ipv4Address network, Ipv4Mask mask)
{
    NS_LOG_FUNCTION(this << network << mask);
    m_policy.remoteNetwork = network.CombineMask(mask);
    m_policy.remoteMask = mask;
}

void
IpsecGateway::SetIkeSessionFactory(const ObjectFactory& factory)
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_UNLESS(factory.GetTypeId().IsChildOf(IkeSession::GetTypeId())
                            || factory.GetTypeId() == IkeSession::GetTypeId(),
                        "IpsecGateway::SetIkeSessionFactory: not an IkeSession factory");
    m_ikeFactory = factory;
}

void
IpsecGateway::SetChildSaSuite(const ChildSaSuite& suite)
{
    NS_LOG_FUNCTION(this);
    m_suite = suite;
}

void
IpsecGateway::SetCredentials(Ptr<IkeCredential> own, const std::vector<uint8_t>& peerCertificateDer)
{
    NS_LOG_FUNCTION(this << own);
    m_credential = own;
    m_peerCertificate = peerCertificateDer;
}

int64_t
IpsecGateway::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_stream = stream;
    return 1;
}

void
IpsecGateway::UpdateTunMtu()
{
    NS_LOG_FUNCTION(this);
    if (!m_tun || m_ports.empty())
    {
        return;
    }
    uint32_t mtu = UINT32_MAX;
    for (const auto& port : m_ports)
    {
        mtu = std::min(mtu, EspSa::GetMaxPayloadSize(port->GetMaxEspSize()));
    }
    m_tun->SetMtu(static_cast<uint16_t>(mtu));
}

void
IpsecGateway::StartApplication()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!m_tun || m_ports.empty(),
                    "IpsecGateway on node " << GetNode()->GetId()
                                            << " needs a tun device and a transport");
    NS_ABORT_MSG_IF(m_policy.localMask.Get() == 0 && m_policy.localNetwork == Ipv4Address(),
                    "IpsecGateway: SetProtectedNetwork first");
    for (auto& port : m_ports)
    {
        port->Start(GetNode());
    }
}

void
IpsecGateway::StopApplication()
{
    NS_LOG_FUNCTION(this);
    RemoveAllClients();
    for (auto& port : m_ports)
    {
        port->Stop();
    }
}

Ptr<GatewayClientTransport>
IpsecGateway::ViewFor(Client& client, Ptr<EncapTransport> port) const
{
    return port->IsStream() ? client.stream : client.datagram;
}

void
IpsecGateway::ReceiveEsp(uint32_t index, const uint8_t* data, uint32_t size, const Address& from)
{
    NS_LOG_FUNCTION(this << index << size << from);
    const Ptr<EncapTransport>& port = m_ports[index];
    uint32_t spi = (uint32_t{data[0]} << 24) | (uint32_t{data[1]} << 16) | (uint32_t{data[2]} << 8)
                   | data[3]; // ESP: at least 4 bytes (classified)
    auto it = m_byEspSpi.find(spi);
    if (it != m_byEspSpi.end())
    {
        auto c = m_clients.find(it->second);
        if (c != m_clients.end() && !c->second.ending)
        {
            ViewFor(c->second, port)->InjectEsp(port, data, size, from);
            return;
        }
    }
    NS_LOG_LOGIC("ESP with SPI 0x" << std::hex << spi << std::dec << " belongs to no client");
    ++m_counters.unknownEspSpi;
    port->ReportInvalid(from, EspStatus::UNKNOWN_SPI);
}

void
IpsecGateway::ReceiveIke(uint32_t index, Ptr<Packet> ike, const Address& from)
{
    NS_LOG_FUNCTION(this << index << ike << from);
    const Ptr<EncapTransport>& port = m_ports[index];
    uint8_t h[28];
    if (ike->GetSize() < sizeof(h))
    {
        NS_LOG_WARN("an IKE message shorter than its header: dropped");
        ++m_counters.malformedIke;
        port->ReportInvalid(from, EspStatus::MALFORMED);
        return;
    }
    ike->CopyData(h, sizeof(h));
    auto read64 = [&h](int at)
    {
        uint64_t v = 0;
        for (int i = 0; i < 8; ++i)
        {
            v = (v << 8) | h[at + i];
        }
        return v;
    };
    uint64_t spiI = read64(0);
    uint64_t spiR = read64(8);
    Client* client = nullptr;
    if (spiR != 0)
    {
        auto it = m_byIkeSpi.find(spiR);
        if (it != m_byIkeSpi.end())
        {
            auto c = m_clients.find(it->second);
            client = c != m_clients.end() ? &c->second : nullptr;
        }
    }
    else
    {
        // An IKE_SA_INIT request (or garbage with SPIr 0): the client that sent this SPIi
        // before (a retransmission, or the same request over TCP after UDP), else a new one.
        auto it = m_byInitSpi.find(spiI);
        if (it != m_byInitSpi.end())
        {
            auto c = m_clients.find(it->second);
            client = c != m_clients.end() ? &c->second : nullptr;
        }
        else if (spiI != 0)
        {
            client = MakeClient(spiI);
            if (!client)
            {
                return;
            }
        }
    }
    if (!client || client->ending)
    {
        NS_LOG_LOGIC("IKE for SPIs " << std::hex << spiI << "/" << spiR << std::dec
                                     << " belongs to no client");
        ++m_counters.unknownIkeSpi;
        return;
    }
    ViewFor(*client, port)->InjectIke(port, ike, from);
}

IpsecGateway::Client*
IpsecGateway::MakeClient(uint64_t initSpi)
{
    NS_LOG_FUNCTION(this << initSpi);
    if (m_maxClients > 0 && m_clients.size() >= m_maxClients)
    {
        NS_LOG_WARN("MaxClients (" << m_maxClients << ") reached: IKE_SA_INIT dropped");
        ++m_counters.clientsRefused;
        return nullptr;
    }
    uint32_t id = m_nextId++;
    Client& client = m_clients[id];
    client.id = id;
    client.initSpi = initSpi;
    m_byInitSpi[initSpi] = id;
    ++m_counters.clientsMade;

    Ptr<EncapTransport> transport;
    if (m_datagramPort)
    {
        client.datagram = CreateObject<GatewayClientTransport>();
        client.datagram->SetHome(m_datagramPort);
        transport = client.datagram;
    }
    if (m_streamHome)
    {
        client.stream = CreateObject<GatewayClientTransport>();
        client.stream->SetHome(m_streamHome);
        transport = client.stream;
    }
    if (client.datagram && client.stream)
    {
        Ptr<SwitchableEncapTransport> both = CreateObject<SwitchableEncapTransport>();
        both->SetAttribute("Role", EnumValue(EncapTransport::RESPONDER));
        both->SetTransports(client.datagram, client.stream);
        transport = both;
    }
    client.endpoint = CreateObject<IpsecEndpoint>();
    client.endpoint->SetNode(GetNode());
    client.endpoint->SetSharedTunDevice(m_tun);
    client.endpoint->SetTransport(transport);
    client.endpoint->TraceConnectWithoutContext(
        "ChildSaAdded", MakeCallback(&IpsecGateway::ClientChildSa, this).Bind(id));

    client.ike = m_ikeFactory.Create<IkeSession>();
    client.ike->SetEndpoint(client.endpoint);
    client.ike->SetTrafficSelector(m_policy);
    client.ike->SetChildSaSuite(m_suite);
    if (m_credential)
    {
        client.ike->SetCredentials(m_credential, m_peerCertificate);
    }
    if (m_stream >= 0)
    {
        client.ike->AssignStreams(m_stream + id);
    }
    client.ike->SetTrafficSelectorCheck(MakeCallback(&IpsecGateway::ClaimInner, this).Bind(id));
    client.ike->SetSpiInUse(MakeCallback(&IpsecGateway::EspSpiInUse, this));
    client.ike->TraceConnectWithoutContext(
        "State", MakeCallback(&IpsecGateway::ClientStateChanged, this).Bind(id));
    client.ike->TraceConnectWithoutContext("IkeSaKeys",
                                           MakeCallback(&IpsecGateway::ClientIkeSa, this).Bind(id));
    client.endpoint->SetIkeSession(client.ike);
    client.endpoint->Open();
    if (m_halfOpenTimeout.IsStrictlyPositive())
    {
        client.halfOpenTimer = Simulator::Schedule(
            m_halfOpenTimeout, &IpsecGateway::RemoveClient, this, id, GatewayClientEnd::HALF_OPEN);
    }
    NS_LOG_INFO("client " << id << " for IKE_SA_INIT SPIi 0x" << std::hex << initSpi << std::dec);
    m_clientAddedTrace(id);
    return &client;
}

void
IpsecGateway::ClientIkeSa(uint32_t id,
                          uint64_t /* spiI */,
                          uint64_t spiR,
                          const std::vector<uint8_t>& /* skEi */,
                          const std::vector<uint8_t>& /* skEr */)
{
    NS_LOG_FUNCTION(this << id << spiR);
    auto c = m_clients.find(id);
    if (c == m_clients.end())
    {
        return;
    }
    auto [it, inserted] = m_byIkeSpi.emplace(spiR, id);
    if (!inserted && it->second != id)
    {
        NS_LOG_WARN("responder SPI 0x" << std::hex << spiR << std::dec << " of client " << id
                                       << " was client " << it->second << "'s");
        it->second = id;
    }
    c->second.ikeSpis.push_back(spiR);
}

void
IpsecGateway::ClientChildSa(uint32_t id,
                            const EspSaParams& /* outbound */,
                            const EspSaParams& inbound)
{
    uint32_t spi = inbound.spi;
    NS_LOG_FUNCTION(this << id << spi);
    auto c = m_clients.find(id);
    if (c == m_clients.end())
    {
        return;
    }
    m_byEspSpi[spi] = id; // unique: IkeSession asked EspSpiInUse when it chose it
    c->second.espSpis.push_back(spi);
    // Forget SPIs the client no longer has (rekeyed and deleted): the list stays short.
    auto& spis = c->second.espSpis;
    Ptr<IpsecEndpoint> ep = c->second.endpoint;
    spis.erase(std::remove_if(spis.begin(),
                              spis.end(),
                              [this, ep](uint32_t s)
                              {
                                  if (ep->GetSad().Find(s))
                                  {
                                      return false;
                                  }
                                  m_byEspSpi.erase(s);
                                  return true;
                              }),
               spis.end());
}

bool
IpsecGateway::EspSpiInUse(uint32_t spi) const
{
    auto it = m_byEspSpi.find(spi);
    if (it == m_byEspSpi.end())
    {
        return false;
    }
    auto c = m_clients.find(it->second);
    return c != m_clients.end() && c->second.endpoint->GetSad().Find(spi);
}

bool
IpsecGateway::ClaimInner(uint32_t id,
                         const TrafficSelector& selector,
                         const std::string& identity,
                         bool initialContact)
{
    NS_LOG_FUNCTION(this << id << identity << initialContact);
    auto c = m_clients.find(id);
    if (c == m_clients.end())
    {
        return false;
    }
    Client& client = c->second;
    uint32_t start = selector.remoteNetwork.CombineMask(selector.remoteMask).Get();
    uint32_t end = start | ~selector.remoteMask.Get();
    if (client.hasInner && client.innerStart == start && client.innerEnd == end)
    {
        return true; // a rekey: the same addresses
    }
    // The ranges that overlap [start, end]: the last one starting at or before start, and
    // every one starting inside.
    std::vector<uint32_t> holders;
    auto it = m_byInner.upper_bound(start);
    if (it != m_byInner.begin())
    {
        --it;
    }
    for (; it != m_byInner.end() && it->first <= end; ++it)
    {
        const Client& other = m_clients.at(it->second);
        if (other.innerEnd >= start && other.id != id)
        {
            holders.push_back(other.id);
        }
    }
    for (uint32_t h : holders)
    {
        Client& other = m_clients.at(h);
        if (!initialContact || identity.empty() || other.ike->GetPeerIdentity() != identity)
        {
            NS_LOG_INFO("client " << id << " asks for " << selector.remoteNetwork << "/"
                                  << selector.remoteMask << ", which client " << h << " holds");
            ++m_counters.addressConflicts;
            return false;
        }
    }
    for (uint32_t h : holders)
    {
        // RFC 7296 §2.4: INITIAL_CONTACT from the same identity: the old SAs are stale.
        NS_LOG_INFO("client " << id << " (" << identity << ") replaces client " << h);
        Client& other = m_clients.at(h);
        ReleaseInner(other);
        other.ending = true;
        ScheduleRemoval(h, GatewayClientEnd::REPLACED);
    }
    ReleaseInner(client);
    client.hasInner = true;
    client.innerStart = start;
    client.innerEnd = end;
    m_byInner[start] = id;
    return true;
}

void
IpsecGateway::ReleaseInner(Client& client)
{
    if (client.hasInner)
    {
        auto it = m_byInner.find(client.innerStart);
        if (it != m_byInner.end() && it->second == client.id)
        {
            m_byInner.erase(it);
        }
        client.hasInner = false;
    }
}

void
IpsecGateway::ClientStateChanged(uint32_t id, IkeSession::State /* from */, IkeSession::State to)
{
    NS_LOG_FUNCTION(this << id << to);
    auto c = m_clients.find(id);
    if (c == m_clients.end())
    {
        return;
    }
    if (to == IkeSession::ESTABLISHED)
    {
        c->second.halfOpenTimer.Cancel();
    }
    else if ((to == IkeSession::CLOSED || to == IkeSession::FAILED) && !c->second.ending)
    {
        c->second.ending = true;
        ReleaseInner(c->second); // at once: a replacement may claim the addresses
        ScheduleRemoval(id, GatewayClientEnd::CLOSED);
    }
}

void
IpsecGateway::RemoveAllClients()
{
    NS_LOG_FUNCTION(this);
    std::vector<uint32_t> ids;
    for (const auto& [id, client] : m_clients)
    {
        ids.push_back(id);
    }
    for (uint32_t id : ids)
    {
        RemoveClient(id, GatewayClientEnd::STOPPED);
    }
}

void
IpsecGateway::ScheduleRemoval(uint32_t id, GatewayClientEnd end)
{
    NS_LOG_FUNCTION(this << id);
    // Not from within the client's own call stack: its IKE session is still running.
    Simulator::ScheduleNow(&IpsecGateway::RemoveClient, this, id, end);
}

void
IpsecGateway::RemoveClient(uint32_t id, GatewayClientEnd end)
{
    NS_LOG_FUNCTION(this << id);
    auto c = m_clients.find(id);
    if (c == m_clients.end())
    {
        return;
    }
    Client& client = c->second;
    if (end == GatewayClientEnd::HALF_OPEN && client.ike->GetState() == IkeSession::ESTABLISHED)
    {
        return; // established in time after all
    }
    NS_LOG_INFO("client " << id << " let go: " << ToString(end));
    switch (end)
    {
        case GatewayClientEnd::HALF_OPEN:
            ++m_counters.halfOpenDropped;
            break;
        case GatewayClientEnd::CLOSED:
            ++m_counters.closed;
            break;
        case GatewayClientEnd::REPLACED:
            ++m_counters.replaced;
            break;
        case GatewayClientEnd::STOPPED:
            break;
    }
    client.halfOpenTimer.Cancel();
    client.ending = true;
    client.endpoint->Close();
    ReleaseInner(client);
    for (uint64_t spi : client.ikeSpis)
    {
        auto it = m_byIkeSpi.find(spi);
        if (it != m_byIkeSpi.end() && it->second == id)
        {
            m_byIkeSpi.erase(it);
        }
    }
    for (uint32_t spi : client.espSpis)
    {
        auto it = m_byEspSpi.find(spi);
        if (it != m_byEspSpi.end() && it->second == id)
        {
            m_byEspSpi.erase(it);
        }
    }
    auto init = m_byInitSpi.find(client.initSpi);
    if (init != m_byInitSpi.end() && init->second == id)
    {
        m_byInitSpi.erase(init);
    }
    client.endpoint->Dispose(); // disposes its transport views and IKE session
    m_clients.erase(c);
    m_clientRemovedTrace(id, end);
}

bool
IpsecGateway::ConnectionInUse(uint32_t index, const Address& peer) const
{
    const Ptr<EncapTransport>& port = m_ports[index];
    for (const auto& [id, client] : m_clients)
    {
        if (client.stream && !client.ending && client.stream->Carries(port, peer))
        {
            return true;
        }
    }
    return false;
}

void
IpsecGateway::ConnectionClosed(uint32_t index, const Address& peer, uint32_t /* reason */)
{
    NS_LOG_FUNCTION(this << index << peer);
    const Ptr<EncapTransport>& port = m_ports[index];
    for (auto& [id, client] : m_clients)
    {
        if (client.stream)
        {
            client.stream->ConnectionClosed(port, peer);
        }
    }
}

bool
IpsecGateway::SendFromTun(Ptr<Packet> packet,
                          const Address& /* source */,
                          const Address& /* dest */,
                          uint16_t protocolNumber)
{
    NS_LOG_FUNCTION(this << packet << protocolNumber);
    Ipv4Header ip;
    if (protocolNumber == Ipv4L3Protocol::PROT_NUMBER && packet->PeekHeader(ip) != 0)
    {
        uint32_t dst = ip.GetDestination().Get();
        auto it = m_byInner.upper_bound(dst);
        if (it != m_byInner.begin())
        {
            --it;
            auto c = m_clients.find(it->second);
            if (c != m_clients.end() && c->second.innerEnd >= dst)
            {
                return c->second.endpoint->Send(packet);
            }
        }
    }
    NS_LOG_LOGIC("no client holds the destination: dropped");
    ++m_counters.noClient;
    return false;
}

uint32_t
IpsecGateway::GetClientCount() const
{
    return static_cast<uint32_t>(m_clients.size());
}

uint32_t
IpsecGateway::GetEstablishedCount() const
{
    uint32_t n = 0;
    for (const auto& [id, client] : m_clients)
    {
        n += client.ike->GetState() == IkeSession::ESTABLISHED ? 1 : 0;
    }
    return n;
}

std::vector<IpsecGatewayClient>
IpsecGateway::GetClients() const
{
    std::vector<IpsecGatewayClient> all;
    all.reserve(m_clients.size());
    for (const auto& [id, client] : m_clients)
    {
        IpsecGatewayClient info;
        info.id = id;
        info.endpoint = client.endpoint;
        info.ike = client.ike;
        info.hasInner = client.hasInner;
        if (client.hasInner)
        {
            info.innerNetwork = Ipv4Address(client.innerStart);
            info.innerMask = Ipv4Mask(~(client.innerEnd - client.innerStart));
        }
        Ptr<EncapTransport> t = client.endpoint->GetTransport();
        if (Ptr<SwitchableEncapTransport> sw = DynamicCast<SwitchableEncapTransport>(t))
        {
            t = sw->Get(sw->GetActive());
        }
        info.transport = t;
        all.push_back(info);
    }
    return all;
}

Ptr<IpsecEndpoint>
IpsecGateway::FindClientByInner(Ipv4Address inner) const
{
    uint32_t a = inner.Get();
    auto it = m_byInner.upper_bound(a);
    if (it == m_byInner.begin())
    {
        return nullptr;
    }
    --it;
    const Client& client = m_clients.at(it->second);
    return client.innerEnd >= a ? client.endpoint : nullptr;
}

const IpsecGateway::Counters&
IpsecGateway::GetCounters() const
{
    return m_counters;
}

} // namespace ns3
