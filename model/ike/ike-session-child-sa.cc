/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IkeSession: traffic selectors, installing and removing Child SAs.

#include "ike-session.h"

#include "ns3/ike-key-schedule.h"
#include "ns3/ike-payload-util.h"
#include "ns3/ike-peer.h"
#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeChildSa");

namespace
{
/** \param network a network \param mask its mask \return the IKE selector of the range */
IkeTrafficSelector
Range(Ipv4Address network, Ipv4Mask mask)
{
    uint32_t start = network.CombineMask(mask).Get();
    return IkeTrafficSelector::Ipv4Range(Ipv4Address(start), Ipv4Address(start | ~mask.Get()));
}

/**
 * \param ts a TS payload (may be nullptr)
 * \param network a network \param mask its mask
 * \param[out] narrowed the first selector of ts inside network/mask, as a prefix if it is
 *        one (a range that is not a prefix narrows nothing: network/mask stay)
 * \param[out] narrowedMask its mask
 * \return whether some selector of ts lies inside network/mask
 */
bool
Inside(const IkeTsPayload* ts,
       Ipv4Address network,
       Ipv4Mask mask,
       Ipv4Address& narrowed,
       Ipv4Mask& narrowedMask)
{
    if (!ts)
    {
        return false;
    }
    for (const auto& s : ts->selectors)
    {
        Ipv4Address start;
        Ipv4Address end;
        if (s.GetIpv4Range(start, end) && mask.IsMatch(start, network) && mask.IsMatch(end, network)
            && start.Get() <= end.Get())
        {
            narrowed = network;
            narrowedMask = mask;
            uint32_t size = end.Get() - start.Get();
            // A prefix: size + 1 is a power of two and start is aligned to it.
            if (size != UINT32_MAX && ((size + 1) & size) == 0 && (start.Get() & size) == 0)
            {
                narrowed = start;
                narrowedMask = Ipv4Mask(~size);
            }
            return true;
        }
    }
    return false;
}
} // namespace

std::vector<IkePayload>
IkeSession::TrafficSelectorPayloads() const
{
    NS_LOG_FUNCTION(this);
    // From the view of the side that starts the exchange (IKE_AUTH or CREATE_CHILD_SA, by either
    // IKE role): TSi is its own side.
    IkeTsPayload local;
    const TrafficSelector& selector = GetChildSelector();
    local.selectors.push_back(Range(selector.localNetwork, selector.localMask));
    IkeTsPayload remote;
    remote.selectors.push_back(Range(selector.remoteNetwork, selector.remoteMask));
    return {IkePayload(ike::PAYLOAD_TSI, local), IkePayload(ike::PAYLOAD_TSR, remote)};
}

bool
IkeSession::AcceptTrafficSelectors(const std::vector<IkePayload>& inner)
{
    NS_LOG_FUNCTION(this);
    // Responder: TSi must lie in what this side reaches through the peer, TSr in its own side.
    // The Child SA covers what was proposed (accepted as proposed: no narrowing is sent), so
    // a gateway whose selector is a whole address pool keeps each client to its own address.
    TrafficSelector negotiated;
    if (!Inside(ike::FindBody<IkeTsPayload>(inner, ike::PAYLOAD_TSI),
                m_selector.remoteNetwork,
                m_selector.remoteMask,
                negotiated.remoteNetwork,
                negotiated.remoteMask)
        || !Inside(ike::FindBody<IkeTsPayload>(inner, ike::PAYLOAD_TSR),
                   m_selector.localNetwork,
                   m_selector.localMask,
                   negotiated.localNetwork,
                   negotiated.localMask))
    {
        return false;
    }
    if (m_peer->selectorSet && !(negotiated == m_peer->selector))
    {
        NS_LOG_INFO("a Child SA for other traffic than the IKE SA's first: refused");
        return false; // one policy per IKE SA: rekeys keep the traffic
    }
    if (!m_selectorCheck.IsNull()
        && !m_selectorCheck(negotiated, m_peer->peerIdentity, m_peer->initialContact))
    {
        NS_LOG_INFO("the selector check refused the proposed traffic selectors");
        return false;
    }
    m_peer->selector = negotiated;
    m_peer->selectorSet = true;
    return true;
}

const TrafficSelector&
IkeSession::GetChildSelector() const
{
    return m_peer->selectorSet ? m_peer->selector : m_selector;
}

void
IkeSession::InstallChildSa(Ptr<IkeSa> sa,
                           const std::vector<uint8_t>& ni,
                           const std::vector<uint8_t>& nr,
                           const std::vector<uint8_t>& gir,
                           uint32_t inSpi,
                           uint32_t outSpi,
                           bool exchangeInitiator,
                           bool switchOutbound)
{
    NS_LOG_FUNCTION(this << sa << inSpi << outSpi << exchangeInitiator << switchOutbound);
    ChildSaKeys keys = IkeKeySchedule::DeriveChildSaKeys(
        sa->GetPrf(), sa->GetKeys().skD, ni, nr, gir, GetKeyMaterialSize(m_childSuite.cipher));
    // RFC 7296 §2.17: the keys of the exchange initiator's outbound SA come first, whoever
    // started the IKE SA (a rekey started by the original responder swaps them).
    bool initiator = exchangeInitiator;
    EspSaParams out;
    out.spi = outSpi;
    out.cipher = m_childSuite.cipher;
    out.esn = m_childSuite.esn;
    out.replayWindow = m_childSuite.replayWindow;
    out.keyMaterial = initiator ? keys.initiatorToResponder : keys.responderToInitiator;
    EspSaParams in = out;
    in.spi = inSpi;
    in.keyMaterial = initiator ? keys.responderToInitiator : keys.initiatorToResponder;
    IkeChildSa child;
    child.inSpi = inSpi;
    child.outSpi = outSpi;
    child.in = Create<EspSa>(in);
    child.out = Create<EspSa>(out);
    child.installed = Simulator::Now();
    m_endpoint->InstallChildSa(
        GetChildSelector(), child.out, child.in, switchOutbound || m_peer->children.empty());
    m_peer->children.push_back(child);
    NS_LOG_INFO("Child SA in 0x" << std::hex << inSpi << " out 0x" << outSpi << std::dec);
}

void
IkeSession::RemoveChild(uint32_t inSpi)
{
    NS_LOG_FUNCTION(this << inSpi);
    auto it = std::find_if(m_peer->children.begin(),
                           m_peer->children.end(),
                           [inSpi](const IkeChildSa& c)
                           {
                               return c.inSpi == inSpi;
                           });
    if (it == m_peer->children.end())
    {
        return;
    }
    m_endpoint->RemoveInboundSa(inSpi);
    m_peer->children.erase(it);
    if (m_peer->children.empty())
    {
        m_endpoint->RemovePolicy(GetChildSelector());
    }
    else
    {
        m_endpoint->SetOutboundSa(GetChildSelector(), m_peer->children.back().out);
    }
}

void
IkeSession::RemoveAllChildren()
{
    NS_LOG_FUNCTION(this);
    while (!m_peer->children.empty())
    {
        RemoveChild(m_peer->children.front().inSpi);
    }
}

uint32_t
IkeSession::GetChildInboundSpi() const
{
    NS_LOG_FUNCTION(this);
    return m_peer->children.empty() ? 0 : m_peer->children.back().inSpi;
}

} // namespace ns3
