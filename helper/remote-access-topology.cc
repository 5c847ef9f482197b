/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "remote-access-topology.h"

#include "ns3/abort.h"
#include "ns3/access-link-routing.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/error-model.h"
#include "ns3/gilbert-elliott-error-model.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/middlebox-hook.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/pointer.h"
#include "ns3/queue-size.h"
#include "ns3/string.h"
#include "ns3/traffic-control-helper.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RemoteAccessTopology");

namespace
{

/** First network of the access links of clients 1, 2, ...: 10.16.0.0/12, one /30 each. */
constexpr uint32_t MORE_CLIENTS_BASE = 0x0A100000;

/**
 * \param i index of a client
 * \return the network of its access link
 */
Ipv4Address
AccessNetwork(uint32_t i)
{
    return i == 0 ? Ipv4Address("10.1.1.0") : Ipv4Address(MORE_CLIENTS_BASE + 4 * (i - 1));
}

/**
 * \param i index of a client
 * \return the mask of its access link
 */
Ipv4Mask
AccessMask(uint32_t i)
{
    return i == 0 ? Ipv4Mask("255.255.255.0") : Ipv4Mask("255.255.255.252");
}

/**
 * \param i index of a client
 * \return the router's address on its access link (the client's next hop)
 */
Ipv4Address
AccessRouterAddress(uint32_t i)
{
    return Ipv4Address(AccessNetwork(i).Get() + 2);
}

/**
 * \param mtu of every link
 * \return a point-to-point helper with one-packet device queues: the FIFO queue discs hold the
 * backlog, so that every overflow is a counted queue-disc drop (with no queue disc, ns-3's
 * traffic-control layer silently discards packets while a full device queue is stopped)
 */
PointToPointHelper
LinkHelper(uint16_t mtu)
{
    PointToPointHelper p2p;
    p2p.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize", StringValue("1p"));
    p2p.SetDeviceAttribute("Mtu", UintegerValue(mtu));
    return p2p;
}

/**
 * \param packets its size
 * \return a helper for a drop-tail FIFO queue disc
 */
TrafficControlHelper
FifoHelper(uint32_t packets)
{
    TrafficControlHelper fifo;
    fifo.SetRootQueueDisc("ns3::FifoQueueDisc",
                          "MaxSize",
                          QueueSizeValue(QueueSize(QueueSizeUnit::PACKETS, packets)));
    return fifo;
}

/**
 * \brief Seeds a device's loss model, if it has one of ours (under a middlebox's hook too).
 * \param device a point-to-point device
 * \param stream first stream index
 * \return number of streams used
 */
int64_t
AssignLossStreams(Ptr<NetDevice> device, int64_t stream)
{
    PointerValue pv;
    device->GetAttribute("ReceiveErrorModel", pv);
    Ptr<ErrorModel> em = pv.Get<ErrorModel>();
    if (Ptr<MiddleboxHook> hook = DynamicCast<MiddleboxHook>(em))
    {
        em = hook->GetLinkErrorModel(); // a middlebox runs after the link's loss
    }
    if (Ptr<RateErrorModel> rate = DynamicCast<RateErrorModel>(em))
    {
        return rate->AssignStreams(stream);
    }
    if (Ptr<GilbertElliottErrorModel> ge = DynamicCast<GilbertElliottErrorModel>(em))
    {
        return ge->AssignStreams(stream);
    }
    return 0;
}

} // namespace

AccessLinkParams
RemoteAccessTopologyParams::GetAccessLink(uint32_t client) const
{
    if (client < access.size())
    {
        return access[client];
    }
    return AccessLinkParams{accessRate, accessDelay, 0.0};
}

RemoteAccessTopology::RemoteAccessTopology(const RemoteAccessTopologyParams& params)
    : m_params(params)
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(params.lossRate < 0 || params.lossRate >= 1,
                    "loss rate must be in [0, 1), got " << params.lossRate);
    NS_ABORT_MSG_IF(params.lossBurstLength < 1,
                    "mean loss burst length must be at least 1, got " << params.lossBurstLength);
    NS_ABORT_MSG_IF(params.queuePackets == 0, "the bottleneck queue needs at least one packet");
    NS_ABORT_MSG_IF(params.clients == 0 || params.clients > MAX_CLIENTS,
                    "clients must be in [1, " << MAX_CLIENTS << "], got " << params.clients);
    NS_ABORT_MSG_IF(params.access.size() > params.clients,
                    params.access.size() << " access links for " << params.clients << " clients");
    for (std::size_t i = 0; i < params.access.size(); ++i)
    {
        NS_ABORT_MSG_IF(params.access[i].lossRate < 0 || params.access[i].lossRate > 1,
                        "client " << i << ": access loss rate must be in [0, 1], got "
                                  << params.access[i].lossRate);
        NS_ABORT_MSG_IF(params.access[i].delay.IsStrictlyNegative(),
                        "client " << i << ": negative access delay");
    }
}

void
RemoteAccessTopology::Build()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(m_nodes.GetN() != 0, "RemoteAccessTopology::Build called twice");
    // Client 0, router, gateway and server first, in the order and with the addresses of the
    // single-client scenario; the other clients after them (BuildMoreClients).
    m_nodes.Create(4);

    PointToPointHelper p2p = LinkHelper(m_params.mtu);
    const AccessLinkParams first = m_params.GetAccessLink(0);
    p2p.SetDeviceAttribute("DataRate", DataRateValue(first.rate));
    p2p.SetChannelAttribute("Delay", TimeValue(first.delay));
    m_access.reserve(m_params.clients);
    m_access.push_back(p2p.Install(GetClient(), GetRouter()));

    p2p.SetDeviceAttribute("DataRate", DataRateValue(m_params.bottleneckRate));
    p2p.SetChannelAttribute("Delay", TimeValue(m_params.bottleneckDelay));
    m_bottleneck = p2p.Install(GetRouter(), GetGateway());

    p2p.SetDeviceAttribute("DataRate", DataRateValue(m_params.lanRate));
    p2p.SetChannelAttribute("Delay", TimeValue(m_params.lanDelay));
    m_lan = p2p.Install(GetGateway(), GetServer());

    if (m_params.lossRate > 0)
    {
        // Loss on arrival at the far end of the bottleneck: forward path at the gateway,
        // reverse path (optionally) at the router.
        for (uint32_t i = 0; i < (m_params.lossBothDirections ? 2U : 1U); ++i)
        {
            Ptr<ErrorModel> em;
            if (m_params.lossBurstLength > 1)
            {
                em = CreateObjectWithAttributes<GilbertElliottErrorModel>(
                    "LossRate",
                    DoubleValue(m_params.lossRate),
                    "BurstLength",
                    DoubleValue(m_params.lossBurstLength));
            }
            else
            {
                Ptr<RateErrorModel> rate = CreateObject<RateErrorModel>();
                rate->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
                rate->SetRate(m_params.lossRate);
                em = rate;
            }
            m_bottleneck.Get(1 - i)->SetAttribute("ReceiveErrorModel", PointerValue(em));
        }
    }
    InstallAccessLoss(m_access[0], first.lossRate);

    InternetStackHelper stack;
    stack.SetIpv6StackInstall(false);
    stack.Install(m_nodes);
    // The router forwards and is nobody's destination: with the strong end-system model it
    // checks only the arriving interface's addresses for "is it for me", instead of every
    // interface's (ns-3's default weak model scans all of them, one per client: O(N) per
    // forwarded packet). No packet in these scenarios is addressed to the router.
    GetRouter()->GetObject<Ipv4L3Protocol>()->SetAttribute("StrongEndSystemModel",
                                                           BooleanValue(true));

    Ipv4AddressHelper addr;
    addr.SetBase(AccessNetwork(0), AccessMask(0));
    addr.Assign(m_access[0]);
    addr.SetBase("10.1.2.0", "255.255.255.0");
    addr.Assign(m_bottleneck);
    addr.SetBase("10.1.3.0", "255.255.255.0");
    addr.Assign(m_lan);

    // Plain drop-tail FIFOs instead of the FqCoDel that address assignment installed: the
    // chosen size on the bottleneck, 1000 packets (Linux's txqueuelen) elsewhere.
    TrafficControlHelper tch;
    tch.Uninstall(GetAllDevices());
    m_queueDiscs.Add(FifoHelper(1000).Install(m_access[0]));
    m_queueDiscs.Add(FifoHelper(m_params.queuePackets).Install(m_bottleneck));
    m_queueDiscs.Add(FifoHelper(1000).Install(m_lan));

    Ipv4StaticRoutingHelper routing;
    auto staticOf = [&routing](Ptr<Node> n)
    {
        return routing.GetStaticRouting(n->GetObject<Ipv4>());
    };
    staticOf(GetClient())->SetDefaultRoute(AccessRouterAddress(0), 1);
    staticOf(GetRouter())
        ->AddNetworkRouteTo(GetProtectedNetwork(), GetProtectedMask(), Ipv4Address("10.1.2.2"), 2);
    staticOf(GetGateway())->SetDefaultRoute(Ipv4Address("10.1.2.1"), 1);
    staticOf(GetServer())->SetDefaultRoute(Ipv4Address("10.1.3.1"), 1);

    BuildMoreClients();
}

void
RemoteAccessTopology::BuildMoreClients()
{
    NS_LOG_FUNCTION(this);
    if (m_params.clients == 1)
    {
        return;
    }
    NodeContainer clients;
    clients.Create(m_params.clients - 1);
    m_nodes.Add(clients);

    // The router's interfaces of these links come after its access (1) and bottleneck (2)
    // ones, so its route to the protected network keeps interface 2.
    PointToPointHelper p2p = LinkHelper(m_params.mtu);
    for (uint32_t i = 1; i < m_params.clients; ++i)
    {
        const AccessLinkParams link = m_params.GetAccessLink(i);
        p2p.SetDeviceAttribute("DataRate", DataRateValue(link.rate));
        p2p.SetChannelAttribute("Delay", TimeValue(link.delay));
        m_access.push_back(p2p.Install(GetClient(i), GetRouter()));
        InstallAccessLoss(m_access.back(), link.lossRate);
    }

    InternetStackHelper stack;
    stack.SetIpv6StackInstall(false);
    stack.Install(clients);

    TrafficControlHelper fifo = FifoHelper(1000);
    Ipv4StaticRoutingHelper routing;
    // The router reaches these links in constant time, before its static routing (which would
    // look through one connected route per client for every packet): see AccessLinkRouting.
    Ptr<Ipv4> routerIp = GetRouter()->GetObject<Ipv4>();
    Ptr<AccessLinkRouting> links = CreateObject<AccessLinkRouting>();
    DynamicCast<Ipv4ListRouting>(routerIp->GetRoutingProtocol())->AddRoutingProtocol(links, 10);
    // Its other routes (client 0's access link, the bottleneck, the protected network), so
    // that the static routing's long table is never looked through.
    links->AddRoute(AccessNetwork(0), AccessMask(0), Ipv4Address::GetZero(), 1);
    links->AddRoute(Ipv4Address("10.1.2.0"), Ipv4Mask("/24"), Ipv4Address::GetZero(), 2);
    links->AddRoute(GetProtectedNetwork(), GetProtectedMask(), GetGatewayAddress(), 2);
    for (uint32_t i = 1; i < m_params.clients; ++i)
    {
        // The FIFO before the addresses: address assignment then installs no FqCoDel that would
        // have to be taken out again. The same FIFO as client 0's.
        m_queueDiscs.Add(fifo.Install(m_access[i]));
        Ipv4AddressHelper addr;
        addr.SetBase(AccessNetwork(i), AccessMask(i));
        addr.Assign(m_access[i]);
        routing.GetStaticRouting(GetClient(i)->GetObject<Ipv4>())
            ->SetDefaultRoute(AccessRouterAddress(i), 1);
        links->AddLink(AccessNetwork(i),
                       static_cast<uint32_t>(routerIp->GetInterfaceForDevice(m_access[i].Get(1))));
    }
}

void
RemoteAccessTopology::InstallAccessLoss(const NetDeviceContainer& devices, double lossRate)
{
    if (lossRate <= 0)
    {
        return;
    }
    // On arrival at either end: the client's packets at the router, the router's at the client.
    for (uint32_t i = 0; i < devices.GetN(); ++i)
    {
        Ptr<RateErrorModel> rate = CreateObject<RateErrorModel>();
        rate->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
        rate->SetRate(lossRate);
        devices.Get(i)->SetAttribute("ReceiveErrorModel", PointerValue(rate));
    }
}

uint32_t
RemoteAccessTopology::GetClientCount() const
{
    return m_params.clients;
}

Ptr<Node>
RemoteAccessTopology::GetClient() const
{
    return m_nodes.Get(0);
}

Ptr<Node>
RemoteAccessTopology::GetClient(uint32_t i) const
{
    NS_ABORT_MSG_IF(i >= m_params.clients, "no client " << i << " of " << m_params.clients);
    return m_nodes.Get(i == 0 ? 0 : 3 + i);
}

NodeContainer
RemoteAccessTopology::GetClients() const
{
    NodeContainer clients(GetClient());
    for (uint32_t i = 4; i < m_nodes.GetN(); ++i)
    {
        clients.Add(m_nodes.Get(i));
    }
    return clients;
}

Ptr<Node>
RemoteAccessTopology::GetRouter() const
{
    return m_nodes.Get(1);
}

Ptr<Node>
RemoteAccessTopology::GetGateway() const
{
    return m_nodes.Get(2);
}

Ptr<Node>
RemoteAccessTopology::GetServer() const
{
    return m_nodes.Get(3);
}

Ipv4Address
RemoteAccessTopology::GetClientAddress() const
{
    return GetClientAddress(0);
}

Ipv4Address
RemoteAccessTopology::GetClientAddress(uint32_t i) const
{
    NS_ABORT_MSG_IF(i >= m_params.clients, "no client " << i << " of " << m_params.clients);
    return Ipv4Address(AccessNetwork(i).Get() + 1);
}

Ipv4Address
RemoteAccessTopology::GetGatewayAddress() const
{
    return Ipv4Address("10.1.2.2");
}

Ipv4Address
RemoteAccessTopology::GetServerAddress() const
{
    return Ipv4Address("10.1.3.2");
}

Ipv4Address
RemoteAccessTopology::GetProtectedNetwork() const
{
    return Ipv4Address("10.1.3.0");
}

Ipv4Mask
RemoteAccessTopology::GetProtectedMask() const
{
    return Ipv4Mask("255.255.255.0");
}

NetDeviceContainer
RemoteAccessTopology::GetBottleneckDevices() const
{
    return m_bottleneck;
}

NetDeviceContainer
RemoteAccessTopology::GetAccessDevices(uint32_t i) const
{
    NS_ABORT_MSG_IF(i >= m_access.size(), "no access link of client " << i);
    return m_access[i];
}

QueueDiscContainer
RemoteAccessTopology::GetQueueDiscs() const
{
    return m_queueDiscs;
}

uint64_t
RemoteAccessTopology::GetQueueDrops() const
{
    uint64_t drops = 0;
    for (uint32_t i = 0; i < m_queueDiscs.GetN(); ++i)
    {
        drops += m_queueDiscs.Get(i)->GetStats().nTotalDroppedPackets;
    }
    return drops;
}

NetDeviceContainer
RemoteAccessTopology::GetAllDevices() const
{
    NetDeviceContainer all;
    if (m_access.empty())
    {
        return all; // not built
    }
    all.Add(m_access[0]);
    all.Add(m_bottleneck);
    all.Add(m_lan);
    for (std::size_t i = 1; i < m_access.size(); ++i)
    {
        all.Add(m_access[i]);
    }
    return all;
}

uint32_t
RemoteAccessTopology::GetTcpSegmentSize(uint32_t ipMtu)
{
    const uint32_t headers = 20 + 20 + 12;
    NS_ABORT_MSG_IF(ipMtu <= headers, "MTU " << ipMtu << " leaves no room for TCP payload");
    return ipMtu - headers;
}

int64_t
RemoteAccessTopology::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    int64_t used = 0;
    for (uint32_t i = 0; i < m_bottleneck.GetN(); ++i)
    {
        used += AssignLossStreams(m_bottleneck.Get(i), stream + used);
    }
    // After the bottleneck's: runs without access loss use the streams they always did.
    for (const NetDeviceContainer& access : m_access)
    {
        for (uint32_t i = 0; i < access.GetN(); ++i)
        {
            used += AssignLossStreams(access.Get(i), stream + used);
        }
    }
    return used;
}

} // namespace ns3
