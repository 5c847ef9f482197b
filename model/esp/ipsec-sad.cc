/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-sad.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpsecSad");

void
IpsecSad::Add(Ptr<EspSa> sa)
{
    NS_LOG_FUNCTION(this << sa);
    NS_LOG_INFO("inbound SA 0x" << std::hex << sa->GetSpi() << std::dec << " added");
    m_bySpi[sa->GetSpi()] = sa;
}

bool
IpsecSad::Remove(uint32_t spi)
{
    NS_LOG_FUNCTION(this << spi);
    bool removed = m_bySpi.erase(spi) > 0;
    NS_LOG_INFO("inbound SA 0x" << std::hex << spi << std::dec
                                << (removed ? " removed" : " not found, nothing removed"));
    return removed;
}

Ptr<EspSa>
IpsecSad::Find(uint32_t spi) const
{
    auto it = m_bySpi.find(spi);
    return it == m_bySpi.end() ? nullptr : it->second;
}

std::vector<uint32_t>
IpsecSad::GetSpis() const
{
    std::vector<uint32_t> spis;
    spis.reserve(m_bySpi.size());
    for (const auto& [spi, sa] : m_bySpi)
    {
        spis.push_back(spi);
    }
    std::sort(spis.begin(), spis.end());
    return spis;
}

std::size_t
IpsecSad::GetSize() const
{
    return m_bySpi.size();
}

} // namespace ns3
