/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "encap-tx-queue.h"

#include <algorithm>

namespace ns3
{

EncapTxQueue::EncapTxQueue()
    : m_policy(LINUX)
    , m_maxPackets(0)
    , m_maxBytes(0)
    , m_headOffset(0)
    , m_bytes(0)
    , m_drops(0)
    , m_partialDrops(0)
{
}

void
EncapTxQueue::Configure(Policy policy, uint32_t maxPackets, uint32_t maxBytes)
{
    m_policy = policy;
    m_maxPackets = maxPackets;
    m_maxBytes = maxBytes;
}

bool
EncapTxQueue::Enqueue(Ptr<Packet> frame, bool droppable)
{
    bool full = false;
    if (m_policy == LINUX)
    {
        full = !m_frames.empty();
    }
    else
    {
        full = (m_maxPackets > 0 && m_frames.size() >= m_maxPackets)
               || (m_maxBytes > 0 && m_bytes + frame->GetSize() > m_maxBytes);
    }
    if (full && droppable)
    {
        ++m_drops;
        return false;
    }
    m_frames.push_back(frame);
    m_bytes += frame->GetSize();
    return true;
}

uint32_t
EncapTxQueue::Drain(uint32_t available, WriteCallback write, uint32_t maxWrites)
{
    uint32_t written = 0;
    for (uint32_t writes = 0; !m_frames.empty() && available > 0 && writes < maxWrites; ++writes)
    {
        Ptr<Packet> head = m_frames.front();
        uint32_t remaining = head->GetSize() - m_headOffset;
        uint32_t n = std::min(remaining, available);
        if (m_headOffset == 0 && n == remaining)
        {
            write(head);
        }
        else
        {
            write(head->CreateFragment(m_headOffset, n));
        }
        written += n;
        available -= n;
        m_bytes -= n;
        if (n == remaining)
        {
            m_frames.pop_front();
            m_headOffset = 0;
        }
        else
        {
            m_headOffset += n;
        }
    }
    return written;
}

bool
EncapTxQueue::DropPartial()
{
    if (m_frames.empty() || m_headOffset == 0)
    {
        return false;
    }
    m_bytes -= m_frames.front()->GetSize() - m_headOffset;
    m_frames.pop_front();
    m_headOffset = 0;
    ++m_partialDrops;
    return true;
}

void
EncapTxQueue::Clear()
{
    m_partialDrops += m_frames.size();
    m_frames.clear();
    m_headOffset = 0;
    m_bytes = 0;
}

uint32_t
EncapTxQueue::GetPackets() const
{
    return static_cast<uint32_t>(m_frames.size());
}

uint64_t
EncapTxQueue::GetBytes() const
{
    return m_bytes;
}

uint64_t
EncapTxQueue::GetDrops() const
{
    return m_drops;
}

uint64_t
EncapTxQueue::GetPartialDrops() const
{
    return m_partialDrops;
}

} // namespace ns3
