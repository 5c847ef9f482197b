/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-tunnel-helper.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/ike-session.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/string.h"
#include "ns3/switchable-encap-transport.h"
#include "ns3/tcp-encap-transport.h"
#include "ns3/tls-encap-transport.h"
#include "ns3/udp-encap-transport.h"
#include "ns3/virtual-net-device.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecTunnelHelper");

namespace
{
/** \param t a transport \return it, or its stream part, as TLS; nullptr if not TLS */
Ptr<TlsEncapTransport>
TlsOf(Ptr<EncapTransport> t)
{
    if (Ptr<SwitchableEncapTransport> both = DynamicCast<SwitchableEncapTransport>(t))
    {
        t = both->Get(SwitchableEncapTransport::STREAM);
    }
    return DynamicCast<TlsEncapTransport>(t);
}
} // namespace

IpsecTunnelHelper::IpsecTunnelHelper()
    : m_cipher(EspCipher::AES_GCM_16_128)
    , m_esn(false)
    , m_replayWindow(64)
    , m_innerNetwork("10.8.0.0")
    , m_innerMask("255.255.255.0")
    , m_rng(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
    m_transportFactory.SetTypeId(UdpEncapTransport::GetTypeId());
    m_ikeFactory.SetTypeId(IkeSession::GetTypeId());
    m_keying = IKEV2;
    m_certificates = false;
    m_keyType = IkeKeyType::ECDSA_P256;
}

void
IpsecTunnelHelper::SetKeying(Keying keying)
{
    NS_LOG_FUNCTION(this);
    m_keying = keying;
}

IpsecTunnelHelper::Keying
IpsecTunnelHelper::GetKeying() const
{
    return m_keying;
}

void
IpsecTunnelHelper::SetFallback(IkeSession::FallbackPolicy policy)
{
    NS_LOG_FUNCTION(this);
    m_dualTransport = true;
    m_ikeFactory.Set("Fallback", EnumValue(policy));
}

void
IpsecTunnelHelper::SetTransportMemory(Ptr<IkeTransportMemory> memory)
{
    NS_LOG_FUNCTION(this << memory);
    m_memory = memory;
}

void
IpsecTunnelHelper::SetIkeAttribute(const std::string& name, const AttributeValue& value)
{
    NS_LOG_FUNCTION(this << name);
    m_ikeFactory.Set(name, value);
}

void
IpsecTunnelHelper::SetCertificates(IkeKeyType type)
{
    NS_LOG_FUNCTION(this);
    m_certificates = true;
    m_keyType = type;
}

void
IpsecTunnelHelper::SetCertificates(Ptr<IkeCredential> client, Ptr<IkeCredential> gateway)
{
    NS_LOG_FUNCTION(this << client << gateway);
    NS_ABORT_MSG_IF(!client || !gateway, "IpsecTunnelHelper::SetCertificates: null credential");
    m_certificates = true;
    m_keyType = client->GetKeyType();
    m_clientCredential = client;
    m_gatewayCredential = gateway;
}

void
IpsecTunnelHelper::SetTransportType(const std::string& typeId)
{
    NS_LOG_FUNCTION(this << typeId);
    m_transportFactory.SetTypeId(typeId);
}

void
IpsecTunnelHelper::SetTransportAttribute(const std::string& name, const AttributeValue& value)
{
    NS_LOG_FUNCTION(this << name);
    m_transportFactory.Set(name, value);
}

void
IpsecTunnelHelper::SetCipher(EspCipher cipher)
{
    NS_LOG_FUNCTION(this);
    m_cipher = cipher;
}

void
IpsecTunnelHelper::SetEsn(bool esn)
{
    NS_LOG_FUNCTION(this << esn);
    m_esn = esn;
}

void
IpsecTunnelHelper::SetReplayWindow(uint32_t size)
{
    NS_LOG_FUNCTION(this << size);
    m_replayWindow = size;
}

void
IpsecTunnelHelper::SetInnerNetwork(Ipv4Address network, Ipv4Mask mask)
{
    NS_LOG_FUNCTION(this << network << mask);
    m_innerNetwork = network;
    m_innerMask = mask;
}

void
IpsecTunnelHelper::SetManualKeys(const std::vector<uint8_t>& clientToGateway,
                                 const std::vector<uint8_t>& gatewayToClient)
{
    NS_LOG_FUNCTION(this);
    m_keysC2g = clientToGateway;
    m_keysG2c = gatewayToClient;
    m_keying = MANUAL;
}

void
IpsecTunnelHelper::AddClientRoute(const IpsecTunnel& tunnel,
                                  Ipv4Address remoteNetwork,
                                  Ipv4Mask remoteMask)
{
    NS_LOG_FUNCTION(this << remoteNetwork << remoteMask);
    // Client: the network goes through the tunnel (the inner network's own route came with
    // the tun address); everything else keeps the outer routes.
    Ipv4StaticRoutingHelper routing;
    Ptr<Node> client = tunnel.client->GetNode();
    Ptr<Ipv4> clientIp = client->GetObject<Ipv4>();
    uint32_t clientTun = clientIp->GetInterfaceForDevice(tunnel.client->GetTunDevice());
    routing.GetStaticRouting(clientIp)->AddNetworkRouteTo(remoteNetwork, remoteMask, clientTun);
}

void
IpsecTunnelHelper::MakeCredentials()
{
    NS_LOG_FUNCTION(this);
    if (m_certificates && !m_clientCredential)
    {
        // Made from the helper's stream: same seed, same keys and certificates.
        std::array<uint8_t, DeterministicRandom::SEED_SIZE> seed;
        for (auto& b : seed)
        {
            b = static_cast<uint8_t>(m_rng->GetInteger(0, 255));
        }
        Ptr<DeterministicRandom> random = Create<DeterministicRandom>(seed);
        m_clientCredential = IkeCredential::Generate(m_keyType, "client.tcp-encap.example", random);
        m_gatewayCredential
            = IkeCredential::Generate(m_keyType, "gateway.tcp-encap.example", random);
    }
}

ChildSaSuite
IpsecTunnelHelper::GetChildSaSuite() const
{
    ChildSaSuite suite;
    suite.cipher = m_cipher;
    suite.esn = m_esn;
    suite.replayWindow = m_replayWindow;
    return suite;
}

Ptr<IkeSession>
IpsecTunnelHelper::MakeIkeSession(Ptr<IpsecEndpoint> endpoint,
                                  const TrafficSelector& selector,
                                  Ptr<IkeCredential> own,
                                  Ptr<IkeCredential> peer,
                                  int64_t stream)
{
    NS_LOG_FUNCTION(this << endpoint << stream);
    Ptr<IkeSession> ike = m_ikeFactory.Create<IkeSession>();
    ike->SetEndpoint(endpoint);
    ike->SetTrafficSelector(selector);
    ike->SetChildSaSuite(GetChildSaSuite());
    if (m_certificates)
    {
        ike->SetAttribute("Authentication", EnumValue(IkeSession::CERTIFICATE));
        ike->SetCredentials(own, peer->GetCertificateDer());
    }
    if (stream >= 0)
    {
        ike->AssignStreams(stream);
    }
    if (m_memory && endpoint->GetTransport()->GetRole() == EncapTransport::INITIATOR)
    {
        ike->SetTransportMemory(m_memory);
    }
    endpoint->SetIkeSession(ike);
    return ike;
}

void
IpsecTunnelHelper::InstallIke(const IpsecTunnel& tunnel,
                              Ipv4Address protectedNetwork,
                              Ipv4Mask protectedMask)
{
    NS_LOG_FUNCTION(this << protectedNetwork << protectedMask);
    MakeCredentials();
    MakeIkeSession(tunnel.client,
                   {tunnel.clientInner, Ipv4Mask::GetOnes(), protectedNetwork, protectedMask},
                   m_clientCredential,
                   m_gatewayCredential,
                   m_stream >= 0 ? m_stream + 3 : -1);
    MakeIkeSession(tunnel.gateway,
                   {protectedNetwork, protectedMask, tunnel.clientInner, Ipv4Mask::GetOnes()},
                   m_gatewayCredential,
                   m_clientCredential,
                   m_stream >= 0 ? m_stream + 4 : -1);
}

void
IpsecTunnelHelper::AddChildSa(const IpsecTunnel& tunnel,
                              Ipv4Address remoteNetwork,
                              Ipv4Mask remoteMask)
{
    NS_LOG_FUNCTION(this << remoteNetwork << remoteMask);
    NS_ABORT_MSG_IF(m_keying != MANUAL,
                    "IpsecTunnelHelper::AddChildSa: extra Child SAs are for MANUAL keying; "
                    "IKEv2 negotiates one Child SA for the protected network");
    AddClientRoute(tunnel, remoteNetwork, remoteMask);

    EspSaParams c2g;
    c2g.spi = NewSpi();
    c2g.cipher = m_cipher;
    c2g.esn = m_esn;
    c2g.replayWindow = m_replayWindow;
    c2g.keyMaterial = m_keysC2g.empty() ? NewKeyMaterial() : m_keysC2g;
    EspSaParams g2c = c2g;
    do
    {
        g2c.spi = NewSpi();
    } while (g2c.spi == c2g.spi);
    g2c.keyMaterial = m_keysG2c.empty() ? NewKeyMaterial() : m_keysG2c;

    TrafficSelector clientSide{tunnel.clientInner, Ipv4Mask::GetOnes(), remoteNetwork, remoteMask};
    TrafficSelector gatewaySide{remoteNetwork, remoteMask, tunnel.clientInner, Ipv4Mask::GetOnes()};
    tunnel.client->AddChildSa(clientSide, Create<EspSa>(c2g), Create<EspSa>(g2c));
    tunnel.gateway->AddChildSa(gatewaySide, Create<EspSa>(g2c), Create<EspSa>(c2g));
}

int64_t
IpsecTunnelHelper::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_rng->SetStream(stream);
    m_stream = stream;
    return 5;
}

uint32_t
IpsecTunnelHelper::NewSpi()
{
    NS_LOG_FUNCTION(this);
    return m_rng->GetInteger(256, UINT32_MAX);
}

std::vector<uint8_t>
IpsecTunnelHelper::NewKeyMaterial()
{
    NS_LOG_FUNCTION(this);
    std::vector<uint8_t> keys(GetKeyMaterialSize(m_cipher));
    for (auto& b : keys)
    {
        b = static_cast<uint8_t>(m_rng->GetInteger(0, 255));
    }
    return keys;
}

Ptr<VirtualNetDevice>
IpsecTunnelHelper::AddTunDevice(Ptr<Node> node)
{
    NS_LOG_FUNCTION(this << node);
    NS_ABORT_MSG_IF(!node->GetObject<Ipv4>(),
                    "node " << node->GetId() << " needs an IP stack before a tunnel");
    Ptr<VirtualNetDevice> tun = CreateObject<VirtualNetDevice>();
    tun->SetAddress(Mac48Address::Allocate());
    tun->SetNeedsArp(false);
    node->AddDevice(tun);
    return tun;
}

void
IpsecTunnelHelper::AddressTunDevice(Ptr<VirtualNetDevice> tun, Ipv4Address address, Ipv4Mask mask)
{
    NS_LOG_FUNCTION(this << tun << address << mask);
    // After its MTU is known; no queue disc: it has no queue to manage.
    Ptr<Ipv4> ipv4 = tun->GetNode()->GetObject<Ipv4>();
    uint32_t ifIndex = ipv4->AddInterface(tun);
    ipv4->AddAddress(ifIndex, Ipv4InterfaceAddress(address, mask));
    ipv4->SetUp(ifIndex);
}

void
IpsecTunnelHelper::SetPeerAddress(Ptr<EncapTransport> transport, Ipv4Address peer)
{
    if (Ptr<SwitchableEncapTransport> both = DynamicCast<SwitchableEncapTransport>(transport))
    {
        SetPeerAddress(both->Get(SwitchableEncapTransport::DATAGRAM), peer);
        SetPeerAddress(both->Get(SwitchableEncapTransport::STREAM), peer);
        return;
    }
    transport->SetAttribute("PeerAddress", Ipv4AddressValue(peer));
}

Ptr<EncapTransport>
IpsecTunnelHelper::MakeTransport(EncapTransport::Role role, int64_t tlsStream)
{
    NS_LOG_FUNCTION(this << role << tlsStream);
    Ptr<EncapTransport> transport = m_transportFactory.Create<EncapTransport>();
    transport->SetAttribute("Role", EnumValue(role));
    Ptr<TlsEncapTransport> tls = DynamicCast<TlsEncapTransport>(transport);
    if (tls && tlsStream >= 0)
    {
        // The seed of the TLS randomness: same streams, same keys and handshakes.
        tls->AssignStreams(tlsStream);
    }
    if (m_dualTransport)
    {
        NS_ABORT_MSG_IF(!transport->IsStream(),
                        "IpsecTunnelHelper::SetFallback: SetTransportType must name a stream "
                        "transport (ns3::TcpEncapTransport or ns3::TlsEncapTransport)");
        NS_ABORT_MSG_IF(m_keying != IKEV2, "IpsecTunnelHelper::SetFallback needs IKEv2 keying");
        Ptr<UdpEncapTransport> udp = CreateObject<UdpEncapTransport>();
        udp->SetAttribute("Role", EnumValue(role));
        Ptr<SwitchableEncapTransport> both = CreateObject<SwitchableEncapTransport>();
        both->SetAttribute("Role", EnumValue(role));
        both->SetTransports(udp, transport);
        transport = both;
    }
    return transport;
}

Ptr<IpsecEndpoint>
IpsecTunnelHelper::InstallEndpoint(Ptr<Node> node,
                                   Ipv4Address address,
                                   Ipv4Address peerOuter,
                                   EncapTransport::Role role,
                                   int64_t tlsStream)
{
    NS_LOG_FUNCTION(this << node << address << peerOuter << tlsStream);
    NS_LOG_INFO("node " << node->GetId() << ": "
                        << (role == EncapTransport::INITIATOR ? "initiator" : "responder")
                        << " endpoint, tun " << address << ", peer " << peerOuter << ", "
                        << m_transportFactory.GetTypeId().GetName());
    Ptr<VirtualNetDevice> tun = AddTunDevice(node);
    Ptr<EncapTransport> transport = MakeTransport(role, tlsStream);
    SetPeerAddress(transport, peerOuter);
    Ptr<IpsecEndpoint> endpoint = CreateObject<IpsecEndpoint>();
    endpoint->SetTunDevice(tun);
    endpoint->SetTransport(transport);
    node->AddApplication(endpoint);
    AddressTunDevice(tun, address, m_innerMask);
    return endpoint;
}

IpsecTunnel
IpsecTunnelHelper::Install(Ptr<Node> client,
                           Ipv4Address clientOuter,
                           Ptr<Node> gateway,
                           Ipv4Address gatewayOuter,
                           Ipv4Address protectedNetwork,
                           Ipv4Mask protectedMask)
{
    NS_LOG_FUNCTION(this << client << clientOuter << gateway << gatewayOuter << protectedNetwork
                         << protectedMask);
    IpsecTunnel tunnel;
    uint32_t base = m_innerNetwork.CombineMask(m_innerMask).Get();
    tunnel.gatewayInner = Ipv4Address(base + 1);
    tunnel.clientInner = Ipv4Address(base + 2);
    tunnel.client = InstallEndpoint(client,
                                    tunnel.clientInner,
                                    gatewayOuter,
                                    EncapTransport::INITIATOR,
                                    m_stream >= 0 ? m_stream + 1 : -1);
    tunnel.gateway = InstallEndpoint(gateway,
                                     tunnel.gatewayInner,
                                     clientOuter,
                                     EncapTransport::RESPONDER,
                                     m_stream >= 0 ? m_stream + 2 : -1);
    // ESP-in-TLS with VerifyPeer: the client trusts the gateway's self-signed certificate.
    Ptr<TlsEncapTransport> clientTls = TlsOf(tunnel.client->GetTransport());
    Ptr<TlsEncapTransport> gatewayTls = TlsOf(tunnel.gateway->GetTransport());
    BooleanValue verify;
    if (clientTls && gatewayTls && clientTls->GetAttributeFailSafe("VerifyPeer", verify)
        && verify.Get())
    {
        clientTls->TrustCertificate(gatewayTls->GetCertificateDer());
    }
    if (m_keying == MANUAL)
    {
        AddChildSa(tunnel, protectedNetwork, protectedMask);
    }
    else
    {
        AddClientRoute(tunnel, protectedNetwork, protectedMask);
        InstallIke(tunnel, protectedNetwork, protectedMask);
    }
    return tunnel;
}

Ptr<IpsecGateway>
IpsecTunnelHelper::InstallGateway(Ptr<Node> gateway,
                                  Ipv4Address protectedNetwork,
                                  Ipv4Mask protectedMask,
                                  GatewayListeners listeners)
{
    NS_LOG_FUNCTION(this << gateway << protectedNetwork << protectedMask);
    NS_ABORT_MSG_IF(m_keying != IKEV2, "IpsecTunnelHelper::InstallGateway needs IKEv2 keying");
    NS_ABORT_MSG_IF(!listeners.udp && !listeners.tcp && !listeners.tls,
                    "IpsecTunnelHelper::InstallGateway: no listener");
    MakeCredentials();
    Ptr<IpsecGateway> gw = CreateObject<IpsecGateway>();
    auto add = [this, &gw](TypeId type, int64_t tlsStream)
    {
        ObjectFactory factory = m_transportFactory; // its attributes, where the type has them
        factory.SetTypeId(type);
        Ptr<EncapTransport> transport = factory.Create<EncapTransport>();
        transport->SetAttribute("Role", EnumValue(EncapTransport::RESPONDER));
        if (Ptr<TlsEncapTransport> tls = DynamicCast<TlsEncapTransport>(transport);
            tls && tlsStream >= 0)
        {
            tls->AssignStreams(tlsStream);
        }
        gw->AddTransport(transport);
    };
    if (listeners.udp)
    {
        add(UdpEncapTransport::GetTypeId(), -1);
    }
    if (listeners.tcp)
    {
        add(TcpEncapTransport::GetTypeId(), -1);
    }
    if (listeners.tls)
    {
        add(TlsEncapTransport::GetTypeId(), m_stream >= 0 ? m_stream + 2 : -1);
    }
    Ptr<VirtualNetDevice> tun = AddTunDevice(gateway);
    gw->SetTunDevice(tun);
    gw->SetProtectedNetwork(protectedNetwork, protectedMask);
    gw->SetClientPool(m_innerNetwork, m_innerMask);
    ObjectFactory ike = m_ikeFactory;
    if (m_certificates)
    {
        ike.Set("Authentication", EnumValue(IkeSession::CERTIFICATE));
        gw->SetCredentials(m_gatewayCredential, m_clientCredential->GetCertificateDer());
    }
    gw->SetIkeSessionFactory(ike);
    gw->SetChildSaSuite(GetChildSaSuite());
    if (m_stream >= 0)
    {
        gw->AssignStreams(m_stream + GATEWAY_CLIENT_STREAMS);
    }
    gateway->AddApplication(gw);
    AddressTunDevice(
        tun, Ipv4Address(m_innerNetwork.CombineMask(m_innerMask).Get() + 1), m_innerMask);
    return gw;
}

IpsecTunnel
IpsecTunnelHelper::InstallClient(Ptr<Node> client,
                                 Ptr<IpsecGateway> gateway,
                                 Ipv4Address gatewayOuter,
                                 uint32_t index)
{
    NS_LOG_FUNCTION(this << client << gatewayOuter << index);
    NS_ABORT_MSG_IF(m_keying != IKEV2, "IpsecTunnelHelper::InstallClient needs IKEv2 keying");
    uint32_t base = m_innerNetwork.CombineMask(m_innerMask).Get();
    uint32_t last = base | ~m_innerMask.Get();
    NS_ABORT_MSG_IF(uint64_t{base} + 2 + index >= last,
                    "IpsecTunnelHelper::InstallClient: client "
                        << index << " is beyond the pool " << m_innerNetwork << "/" << m_innerMask
                        << " (SetInnerNetwork)");
    MakeCredentials();
    IpsecTunnel tunnel;
    tunnel.gatewayInner = Ipv4Address(base + 1);
    tunnel.clientInner = Ipv4Address(base + 2 + index);
    // Two streams per client (its TLS, its IKE), after the ones the helper's pair uses.
    int64_t stream = m_stream >= 0 ? m_stream + CLIENT_STREAMS + 2 * int64_t{index} : -1;
    tunnel.client = InstallEndpoint(
        client, tunnel.clientInner, gatewayOuter, EncapTransport::INITIATOR, stream);
    // The gateway's TLS certificate, when the client checks it.
    Ptr<TlsEncapTransport> clientTls = TlsOf(tunnel.client->GetTransport());
    BooleanValue verify;
    if (clientTls && clientTls->GetAttributeFailSafe("VerifyPeer", verify) && verify.Get())
    {
        for (const auto& port : gateway->GetTransports())
        {
            if (Ptr<TlsEncapTransport> tls = DynamicCast<TlsEncapTransport>(port))
            {
                clientTls->TrustCertificate(tls->GetCertificateDer());
            }
        }
    }
    const TrafficSelector& policy = gateway->GetPolicy();
    AddClientRoute(tunnel, policy.localNetwork, policy.localMask);
    Ptr<IkeSession> ike = MakeIkeSession(
        tunnel.client,
        {tunnel.clientInner, Ipv4Mask::GetOnes(), policy.localNetwork, policy.localMask},
        m_clientCredential,
        m_gatewayCredential,
        stream >= 0 ? stream + 1 : -1);
    if (!m_certificates)
    {
        // Its own identity (with certificates: the certificate's, shared by the clients).
        ike->SetAttribute("LocalId",
                          StringValue("client-" + std::to_string(index) + ".tcp-encap.example"));
    }
    return tunnel;
}

} // namespace ns3
