/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "middlebox-hook.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/pointer.h"
#include "ns3/ppp-header.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/udp-l4-protocol.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MiddleboxHook");

NS_OBJECT_ENSURE_REGISTERED(MiddleboxHook);

namespace
{
constexpr uint32_t IPV4_MIN_HEADER = 20;  //!< RFC 791, without options
constexpr uint32_t UDP_HEADER = 8;        //!< RFC 768
constexpr uint32_t TCP_MIN_HEADER = 20;   //!< RFC 9293, without options
constexpr uint32_t PARSE_BYTES = 60 + 13; //!< longest IPv4 header and TCP up to Data Offset
} // namespace

TypeId
MiddleboxHook::GetTypeId()
{
    static TypeId tid = TypeId("ns3::MiddleboxHook")
                            .SetParent<ErrorModel>()
                            .SetGroupName("TcpEncap")
                            .AddConstructor<MiddleboxHook>()
                            .AddAttribute("LinkErrorModel",
                                          "The error model that runs before the middleboxes: "
                                          "the loss of the link (null: none).",
                                          PointerValue(),
                                          MakePointerAccessor(&MiddleboxHook::m_link),
                                          MakePointerChecker<ErrorModel>());
    return tid;
}

MiddleboxHook::MiddleboxHook() = default;

MiddleboxHook::~MiddleboxHook() = default;

void
MiddleboxHook::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_link = nullptr;
    m_stages.clear();
    ErrorModel::DoDispose();
}

Ptr<MiddleboxHook>
MiddleboxHook::GetOrInstall(Ptr<NetDevice> device)
{
    Ptr<PointToPointNetDevice> p2p = DynamicCast<PointToPointNetDevice>(device);
    NS_ABORT_MSG_IF(!p2p, "MiddleboxHook needs a PointToPointNetDevice");
    PointerValue current;
    p2p->GetAttribute("ReceiveErrorModel", current);
    Ptr<ErrorModel> em = current.Get<ErrorModel>();
    if (Ptr<MiddleboxHook> hook = DynamicCast<MiddleboxHook>(em))
    {
        return hook;
    }
    Ptr<MiddleboxHook> hook = CreateObject<MiddleboxHook>();
    hook->SetLinkErrorModel(em);
    p2p->SetReceiveErrorModel(hook);
    return hook;
}

bool
MiddleboxHook::ParseFlow(Ptr<const Packet> ipPacket, Flow& flow)
{
    NS_LOG_FUNCTION(ipPacket);
    flow = Flow{};
    uint32_t size = ipPacket->GetSize();
    if (size < IPV4_MIN_HEADER)
    {
        return false;
    }
    uint8_t bytes[PARSE_BYTES];
    ipPacket->CopyData(bytes, std::min<uint32_t>(size, PARSE_BYTES));
    uint32_t ihl = (bytes[0] & 0x0f) * 4U;
    if ((bytes[0] >> 4) != 4 || ihl < IPV4_MIN_HEADER || ihl > size)
    {
        return false;
    }
    ipPacket->PeekHeader(flow.ip);
    if (flow.ip.GetFragmentOffset() != 0)
    {
        return true; // a later fragment carries no transport header
    }
    uint8_t protocol = flow.ip.GetProtocol();
    if (protocol == UdpL4Protocol::PROT_NUMBER)
    {
        flow.hasPorts = ihl + UDP_HEADER <= size;
    }
    else if (protocol == TcpL4Protocol::PROT_NUMBER && ihl + TCP_MIN_HEADER <= size)
    {
        uint32_t dataOffset = (bytes[ihl + 12] >> 4) * 4U;
        flow.hasPorts = dataOffset >= TCP_MIN_HEADER && ihl + dataOffset <= size;
    }
    if (flow.hasPorts)
    {
        flow.sourcePort = uint16_t(bytes[ihl] << 8 | bytes[ihl + 1]);
        flow.destinationPort = uint16_t(bytes[ihl + 2] << 8 | bytes[ihl + 3]);
    }
    return true;
}

void
MiddleboxHook::AddStage(int32_t priority, Stage stage)
{
    NS_LOG_FUNCTION(this << priority);
    NS_ABORT_MSG_IF(stage.IsNull(), "MiddleboxHook::AddStage: null stage");
    // After every stage of the same or a lower priority: equal priorities keep their order.
    auto at = std::upper_bound(m_stages.begin(),
                               m_stages.end(),
                               priority,
                               [](int32_t p, const Entry& e)
                               {
                                   return p < e.priority;
                               });
    m_stages.insert(at, Entry{priority, stage});
}

uint32_t
MiddleboxHook::GetNStages() const
{
    return m_stages.size();
}

Ptr<ErrorModel>
MiddleboxHook::GetLinkErrorModel() const
{
    return m_link;
}

void
MiddleboxHook::SetLinkErrorModel(Ptr<ErrorModel> em)
{
    NS_LOG_FUNCTION(this << em);
    NS_ABORT_MSG_IF(em == this, "MiddleboxHook cannot wrap itself");
    m_link = em;
}

bool
MiddleboxHook::DoCorrupt(Ptr<Packet> p)
{
    NS_LOG_FUNCTION(this << p);
    if (!IsEnabled())
    {
        return false; // ErrorModel::IsCorrupt leaves this check to the subclass
    }
    if (m_link && m_link->IsCorrupt(p))
    {
        NS_LOG_LOGIC("lost on the link");
        return true;
    }
    PppHeader ppp;
    if (m_stages.empty() || p->GetSize() < ppp.GetSerializedSize())
    {
        return false;
    }
    p->RemoveHeader(ppp);
    bool drop = false;
    if (ppp.GetProtocol() == PPP_IPV4)
    {
        for (const Entry& e : m_stages)
        {
            if (e.stage(p))
            {
                drop = true;
                break;
            }
        }
    }
    p->AddHeader(ppp);
    return drop;
}

void
MiddleboxHook::DoReset()
{
    NS_LOG_FUNCTION(this);
    if (m_link)
    {
        m_link->Reset();
    }
}

} // namespace ns3
