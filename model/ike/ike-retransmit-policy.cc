/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-retransmit-policy.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeRetransmitPolicy");

IkeRetransmitPolicy::IkeRetransmitPolicy()
    : IkeRetransmitPolicy(LIBRESWAN, MilliSeconds(500), Seconds(60), 1.8, 5)
{
    NS_LOG_FUNCTION(this);
}

IkeRetransmitPolicy::IkeRetransmitPolicy(
    Kind kind, Time initial, Time budget, double base, uint32_t tries)
    : m_kind(kind)
    , m_initial(initial)
    , m_budget(budget)
    , m_base(base)
    , m_tries(tries)
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!m_initial.IsStrictlyPositive(),
                    "IKE retransmission: the first wait must be > 0");
    NS_ABORT_MSG_IF(m_kind == LIBRESWAN && m_budget < m_initial,
                    "IKE retransmission: the budget " << m_budget.As(Time::S)
                                                      << " is shorter than the first wait");
    NS_ABORT_MSG_IF(m_kind == STRONGSWAN && !(m_base >= 1.0),
                    "IKE retransmission: the strongSwan base must be >= 1");
}

Time
IkeRetransmitPolicy::GetWait(uint32_t sends, Time elapsed, bool& last) const
{
    NS_LOG_FUNCTION(this);
    uint32_t k = sends == 0 ? 0 : sends - 1; // waits already over
    if (m_kind == STRONGSWAN)
    {
        last = k >= m_tries;
        return Seconds(m_initial.GetSeconds() * std::pow(m_base, static_cast<double>(k)));
    }
    Time wait = m_initial * static_cast<int64_t>(uint64_t{1} << std::min<uint32_t>(k, 40));
    Time left = m_budget - elapsed;
    last = wait >= left;
    return last ? std::max(left, Time(0)) : wait;
}

Time
IkeRetransmitPolicy::GetTotalTime() const
{
    NS_LOG_FUNCTION(this);
    if (m_kind == LIBRESWAN)
    {
        return m_budget;
    }
    double total = 0;
    for (uint32_t k = 0; k <= m_tries; ++k)
    {
        total += m_initial.GetSeconds() * std::pow(m_base, static_cast<double>(k));
    }
    return Seconds(total);
}

IkeRetransmitPolicy::Kind
IkeRetransmitPolicy::GetKind() const
{
    NS_LOG_FUNCTION(this);
    return m_kind;
}

bool
ParseIkeRetransmitPolicy(const std::string& name, IkeRetransmitPolicy::Kind& kind)
{
    if (name == "libreswan")
    {
        kind = IkeRetransmitPolicy::LIBRESWAN;
        return true;
    }
    if (name == "strongswan")
    {
        kind = IkeRetransmitPolicy::STRONGSWAN;
        return true;
    }
    return false;
}

} // namespace ns3
