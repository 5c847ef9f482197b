/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "spd.h"

namespace ns3
{

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

void
Spd::Add(const TrafficSelector& selector, Ptr<EspSa> outbound)
{
    m_entries.push_back({selector, outbound});
}

Ptr<EspSa>
Spd::FindOutbound(Ipv4Address src, Ipv4Address dst) const
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
Spd::AllowsInbound(Ipv4Address src, Ipv4Address dst) const
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
Spd::GetSize() const
{
    return m_entries.size();
}

} // namespace ns3
