/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-pending-queue.h"

#include "ns3/assert.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkePendingQueue");

const char*
ToString(IkePendingQueue::Kind kind)
{
    switch (kind)
    {
        case IkePendingQueue::DELETE_IKE_SA:
            return "DELETE_IKE_SA";
        case IkePendingQueue::DELETE_OLD_IKE_SA:
            return "DELETE_OLD_IKE_SA";
        case IkePendingQueue::DELETE_CHILD_SA:
            return "DELETE_CHILD_SA";
        case IkePendingQueue::REKEY_IKE_SA:
            return "REKEY_IKE_SA";
        case IkePendingQueue::REKEY_CHILD_SA:
            return "REKEY_CHILD_SA";
        case IkePendingQueue::LIVENESS:
            return "LIVENESS";
        case IkePendingQueue::NONE:
            return "NONE";
    }
    return "?";
}

uint8_t
IkePendingQueue::Bit(Kind kind)
{
    NS_ASSERT_MSG(kind < NONE && kind != DELETE_CHILD_SA, "not a flag kind: " << ToString(kind));
    return static_cast<uint8_t>(1U << kind);
}

void
IkePendingQueue::Add(Kind kind)
{
    NS_LOG_FUNCTION(this << ToString(kind));
    m_flags |= Bit(kind);
}

void
IkePendingQueue::Remove(Kind kind)
{
    NS_LOG_FUNCTION(this << ToString(kind));
    m_flags &= static_cast<uint8_t>(~Bit(kind));
}

bool
IkePendingQueue::Has(Kind kind) const
{
    if (kind == DELETE_CHILD_SA)
    {
        return !m_childDeletes.empty();
    }
    return kind < NONE && (m_flags & Bit(kind)) != 0;
}

void
IkePendingQueue::AddChildDelete(uint32_t inSpi)
{
    NS_LOG_FUNCTION(this << inSpi);
    m_childDeletes.push_back(inSpi);
}

void
IkePendingQueue::RetryChildDelete(uint32_t inSpi)
{
    NS_LOG_FUNCTION(this << inSpi);
    m_childDeletes.insert(m_childDeletes.begin(), inSpi);
}

IkePendingQueue::Item
IkePendingQueue::Take()
{
    NS_LOG_FUNCTION(this);
    Item item;
    for (uint8_t k = 0; k < NONE; ++k)
    {
        auto kind = static_cast<Kind>(k);
        if (!Has(kind))
        {
            continue;
        }
        item.kind = kind;
        if (kind == DELETE_CHILD_SA)
        {
            item.childSpi = m_childDeletes.front();
            m_childDeletes.erase(m_childDeletes.begin());
        }
        else if (kind != DELETE_OLD_IKE_SA)
        {
            Remove(kind); // DELETE_OLD_IKE_SA is held until the old IKE SA is gone
        }
        break;
    }
    NS_LOG_LOGIC("next request: " << ToString(item.kind));
    return item;
}

void
IkePendingQueue::Clear()
{
    NS_LOG_FUNCTION(this);
    m_flags = 0;
    m_childDeletes.clear();
}

bool
IkePendingQueue::IsEmpty() const
{
    return m_flags == 0 && m_childDeletes.empty();
}

} // namespace ns3
