/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-peer.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkePeer");

void
IkePeer::SetOldSa(Ptr<IkeSa> old, bool deleteIt)
{
    NS_LOG_FUNCTION(this << old << deleteIt);
    oldSa = old;
    if (old && deleteIt)
    {
        pending.Add(IkePendingQueue::DELETE_OLD_IKE_SA);
    }
    else
    {
        pending.Remove(IkePendingQueue::DELETE_OLD_IKE_SA);
    }
}

IkeChildSa*
IkePeer::FindChildByInbound(uint32_t spi)
{
    for (auto& c : children)
    {
        if (c.inSpi == spi)
        {
            return &c;
        }
    }
    return nullptr;
}

IkeChildSa*
IkePeer::FindChildByOutbound(uint32_t spi)
{
    for (auto& c : children)
    {
        if (c.outSpi == spi)
        {
            return &c;
        }
    }
    return nullptr;
}

void
IkePeer::CancelTimers()
{
    NS_LOG_FUNCTION(this);
    request.timer.Cancel();
    livenessEvent.Cancel();
    childRekeyEvent.Cancel();
    ikeRekeyEvent.Cancel();
}

} // namespace ns3
