/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "remote-access-topology.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/error-model.h"
#include "ns3/gilbert-elliott-error-model.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
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

RemoteAccessTopology::RemoteAccessTopology(const RemoteAccessTopologyParams& params)
    : m_params(params)
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(params.lossRate < 0 || params.lossRate >= 1,
                    "loss rate must be in [0, 1), got " << params.lossRate);
    NS_ABORT_MSG_IF(params.lossBurstLength < 1,
                    "mean loss burst length must be at least 1, got " << params.lossBurstLength);
    NS_ABORT_MSG_IF(params.queuePackets == 0, "the bottleneck queue needs at least one packet");
}

void
RemoteAccessTopology::Build()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(m_nodes.GetN() != 0, "RemoteAccessTopology::Build called twice");
    m_nodes.Create(4);

    // One-packet device queues: the FIFO queue discs below hold the backlog, so that every
    // overflow is a counted queue-disc drop (with no queue disc, ns-3's traffic-control layer
    // silently discards packets while a full device queue is stopped).
    PointToPointHelper p2p;
    p2p.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize", StringValue("1p"));
    p2p.SetDeviceAttribute("Mtu", UintegerValue(m_params.mtu));
    p2p.SetDeviceAttribute("DataRate", DataRateValue(m_params.accessRate));
    p2p.SetChannelAttribute("Delay", TimeValue(m_params.accessDelay));
    m_access = p2p.Install(GetClient(), GetRouter());

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

    InternetStackHelper stack;
    stack.SetIpv6StackInstall(false);
    stack.Install(m_nodes);

    Ipv4AddressHelper addr;
    addr.SetBase("10.1.1.0", "255.255.255.0");
    addr.Assign(m_access);
    addr.SetBase("10.1.2.0", "255.255.255.0");
    addr.Assign(m_bottleneck);
    addr.SetBase("10.1.3.0", "255.255.255.0");
    addr.Assign(m_lan);

    // Plain drop-tail FIFOs instead of the FqCoDel that address assignment installed: the
    // chosen size on the bottleneck, 1000 packets (Linux's txqueuelen) elsewhere.
    TrafficControlHelper tch;
    tch.Uninstall(GetAllDevices());
    auto installFifo = [this](NetDeviceContainer devices, uint32_t packets)
    {
        TrafficControlHelper fifo;
        fifo.SetRootQueueDisc("ns3::FifoQueueDisc",
                              "MaxSize",
                              QueueSizeValue(QueueSize(QueueSizeUnit::PACKETS, packets)));
        m_queueDiscs.Add(fifo.Install(devices));
    };
    installFifo(m_access, 1000);
    installFifo(m_bottleneck, m_params.queuePackets);
    installFifo(m_lan, 1000);

    Ipv4StaticRoutingHelper routing;
    auto staticOf = [&routing](Ptr<Node> n)
    {
        return routing.GetStaticRouting(n->GetObject<Ipv4>());
    };
    staticOf(GetClient())->SetDefaultRoute(Ipv4Address("10.1.1.2"), 1);
    staticOf(GetRouter())
        ->AddNetworkRouteTo(GetProtectedNetwork(), GetProtectedMask(), Ipv4Address("10.1.2.2"), 2);
    staticOf(GetGateway())->SetDefaultRoute(Ipv4Address("10.1.2.1"), 1);
    staticOf(GetServer())->SetDefaultRoute(Ipv4Address("10.1.3.1"), 1);
}

Ptr<Node>
RemoteAccessTopology::GetClient() const
{
    return m_nodes.Get(0);
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
    return Ipv4Address("10.1.1.1");
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
    NetDeviceContainer all(m_access);
    all.Add(m_bottleneck);
    all.Add(m_lan);
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
        PointerValue pv;
        m_bottleneck.Get(i)->GetAttribute("ReceiveErrorModel", pv);
        Ptr<ErrorModel> em = pv.Get<ErrorModel>();
        if (Ptr<MiddleboxHook> hook = DynamicCast<MiddleboxHook>(em))
        {
            em = hook->GetLinkErrorModel(); // a middlebox runs after the link's loss
        }
        if (Ptr<RateErrorModel> rate = DynamicCast<RateErrorModel>(em))
        {
            used += rate->AssignStreams(stream + used);
        }
        else if (Ptr<GilbertElliottErrorModel> ge = DynamicCast<GilbertElliottErrorModel>(em))
        {
            used += ge->AssignStreams(stream + used);
        }
    }
    return used;
}

} // namespace ns3
