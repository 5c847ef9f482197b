/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "esp-replay-window.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("EspReplayWindow");

EspReplayWindow::EspReplayWindow(uint32_t size, bool esn)
    : m_size(std::max<uint32_t>(64, (size + 63) / 64 * 64))
    , m_esn(esn)
    , m_top(0)
    , m_bits(m_size / 64, 0)
{
    NS_LOG_FUNCTION(this << size << esn);
}

uint32_t
EspReplayWindow::GetSize() const
{
    return m_size;
}

uint64_t
EspReplayWindow::GetHighest() const
{
    return m_top;
}

bool
EspReplayWindow::IsSet(uint64_t seq) const
{
    uint64_t bit = seq % m_size;
    return (m_bits[bit / 64] >> (bit % 64)) & 1U;
}

void
EspReplayWindow::Set(uint64_t seq)
{
    NS_LOG_FUNCTION(this << seq);
    uint64_t bit = seq % m_size;
    m_bits[bit / 64] |= uint64_t{1} << (bit % 64);
}

void
EspReplayWindow::Clear(uint64_t seq)
{
    NS_LOG_FUNCTION(this << seq);
    uint64_t bit = seq % m_size;
    m_bits[bit / 64] &= ~(uint64_t{1} << (bit % 64));
}

EspReplayWindow::Verdict
EspReplayWindow::Check(uint32_t seqLow, uint64_t& seq) const
{
    if (!m_esn)
    {
        seq = seqLow;
    }
    else
    {
        // RFC 4303 Appendix A2.2: infer the high half from where the window lies.
        uint32_t tl = static_cast<uint32_t>(m_top);
        uint32_t th = static_cast<uint32_t>(m_top >> 32);
        uint32_t bl = tl - m_size + 1; // bottom of the window, modulo 2^32
        uint64_t seqHigh;
        if (tl >= m_size - 1)
        {
            // Window within one 2^32 subspace: a low value below it is the next subspace.
            seqHigh = seqLow >= bl ? th : uint64_t{th} + 1;
        }
        else
        {
            // Window spans two subspaces: a value at or above bl belongs to the previous one.
            if (seqLow >= bl)
            {
                if (th == 0)
                {
                    seq = seqLow;
                    return TOO_OLD;
                }
                seqHigh = th - 1;
            }
            else
            {
                seqHigh = th;
            }
        }
        seq = (seqHigh << 32) | seqLow;
    }
    if (seq == 0)
    {
        return TOO_OLD; // never sent: the first packet carries 1 (RFC 4303 §3.3.3)
    }
    if (seq > m_top)
    {
        return FRESH;
    }
    if (m_top - seq >= m_size)
    {
        return TOO_OLD;
    }
    return IsSet(seq) ? DUPLICATE : FRESH;
}

void
EspReplayWindow::Accept(uint64_t seq)
{
    NS_LOG_FUNCTION(this << seq);
    if (seq > m_top)
    {
        // Clear the bits of the sequence numbers the window slides over (at most m_size).
        uint64_t shift = seq - m_top;
        if (shift >= m_size)
        {
            std::fill(m_bits.begin(), m_bits.end(), 0);
        }
        else
        {
            for (uint64_t s = m_top + 1; s <= seq; ++s)
            {
                Clear(s);
            }
        }
        m_top = seq;
    }
    Set(seq);
}

} // namespace ns3
