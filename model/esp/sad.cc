/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "sad.h"

namespace ns3
{

void
Sad::Add(Ptr<EspSa> sa)
{
    m_bySpi[sa->GetSpi()] = sa;
}

bool
Sad::Remove(uint32_t spi)
{
    return m_bySpi.erase(spi) > 0;
}

Ptr<EspSa>
Sad::Find(uint32_t spi) const
{
    auto it = m_bySpi.find(spi);
    return it == m_bySpi.end() ? nullptr : it->second;
}

std::size_t
Sad::GetSize() const
{
    return m_bySpi.size();
}

} // namespace ns3
