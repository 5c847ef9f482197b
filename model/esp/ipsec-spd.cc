/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-spd.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecSpd");

bool
TrafficSelector::MatchesOutbound(Ipv4Address src, Ipv4Address dst) const
{
    return localMask.IsMatch(src, localNetwork) && remoteMask.IsMatch(dst, remoteNetwork);
}

bool
TrafficSelector::MatchesInbound(Ipv4Address src, Ipv4Address dst) const
{
    return remoteMask.IsMatch(src, remoteNetwork) && localMask.IsMatch(dst, localNetwork);
}

bool
TrafficSelector::operator==(const TrafficSelector& other) const
{
    return localNetwork == other.localNetwork && localMask == other.localMask
           && remoteNetwork == other.remoteNetwork && remoteMask == other.remoteMask;
}

void
IpsecSpd::Replace(const TrafficSelector& selector, Ptr<EspSa> outbound)
{
    NS_LOG_FUNCTION(this << outbound);
    for (auto& e : m_entries)
    {
        if (e.selector == selector)
        {
            e.outbound = outbound;
            return;
        }
    }
    Add(selector, outbound);
}

bool
IpsecSpd::Remove(const TrafficSelector& selector)
{
    NS_LOG_FUNCTION(this);
    auto it = std::find_if(m_entries.begin(),
                           m_entries.end(),
                           [&selector](const Entry& e)
                           {
                               return e.selector == selector;
                           });
    if (it == m_entries.end())
    {
        return false;
    }
    m_entries.erase(it);
    return true;
}

void
IpsecSpd::Add(const TrafficSelector& selector, Ptr<EspSa> outbound)
{
    NS_LOG_FUNCTION(this << outbound);
    // Most specific remote network first; equal ones keep the order they were added in.
    auto pos = std::find_if(m_entries.begin(),
                            m_entries.end(),
                            [&selector](const Entry& e)
                            {
                                return e.selector.remoteMask.GetPrefixLength()
                                       < selector.remoteMask.GetPrefixLength();
                            });
    m_entries.insert(pos, {selector, outbound});
}

Ptr<EspSa>
IpsecSpd::FindOutbound(Ipv4Address src, Ipv4Address dst) const
{
    for (const auto& e : m_entries)
    {
        if (e.selector.MatchesOutbound(src, dst))
        {
            return e.outbound;
        }
    }
    return nullptr;
}

bool
IpsecSpd::AllowsInbound(Ipv4Address src, Ipv4Address dst) const
{
    for (const auto& e : m_entries)
    {
        if (e.selector.MatchesInbound(src, dst))
        {
            return true;
        }
    }
    return false;
}

std::size_t
IpsecSpd::GetSize() const
{
    return m_entries.size();
}

} // namespace ns3
