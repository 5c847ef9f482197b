/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IKE_RETRANSMIT_POLICY_H
#define TCP_ENCAP_IKE_RETRANSMIT_POLICY_H

#include "ns3/nstime.h"

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief When an IKE request that got no response is sent again, and when the exchange
 * initiator gives up (RFC 7296 §2.1 leaves the timers to implementations).
 *
 * Two real schedules:
 * - LIBRESWAN: the first wait is Initial (0.5 s), each next one doubles, and the whole
 *   exchange gives up when Budget (60 s) has passed since the first send: sends at 0, 0.5,
 *   1.5, 3.5, 7.5, 15.5, 31.5 s, failure at 60 s.
 * - STRONGSWAN: wait k (k = 0, 1, ...) is Initial x Base^k (4 s x 1.8^k), Tries (5)
 *   retransmissions, failure after the wait that follows the last: 165 s by default.
 *
 * Over a stream (TCP, TLS) nothing is retransmitted on the same connection; the exchange
 * fails after GetTotalTime() without a response (RFC 9329 §6.2).
 */
class IkeRetransmitPolicy
{
  public:
    /** The schedule. */
    enum Kind
    {
        LIBRESWAN,  //!< doubling from Initial within a total Budget
        STRONGSWAN, //!< Initial x Base^k, a fixed number of tries
    };

    /** \brief libreswan's defaults: 0.5 s doubling within 60 s. */
    IkeRetransmitPolicy();

    /**
     * \param kind the schedule
     * \param initial first wait
     * \param budget LIBRESWAN: total time before giving up (ignored by STRONGSWAN)
     * \param base STRONGSWAN: growth factor of each wait (ignored by LIBRESWAN)
     * \param tries STRONGSWAN: retransmissions before giving up (ignored by LIBRESWAN)
     */
    IkeRetransmitPolicy(Kind kind, Time initial, Time budget, double base, uint32_t tries);

    /**
     * \param sends how many times the request has been sent (1 after the first send)
     * \param elapsed time since the first send
     * \param[out] last whether no retransmission follows this wait: when it ends, the
     *             exchange has failed
     * \return how long to wait for the response before the next step
     */
    Time GetWait(uint32_t sends, Time elapsed, bool& last) const;

    /** \return the time from the first send to giving up when nothing answers */
    Time GetTotalTime() const;

    /** \return the schedule */
    Kind GetKind() const;

  private:
    Kind m_kind;      //!< schedule
    Time m_initial;   //!< first wait
    Time m_budget;    //!< LIBRESWAN total
    double m_base;    //!< STRONGSWAN growth
    uint32_t m_tries; //!< STRONGSWAN retransmissions
};

/**
 * \param name "libreswan" or "strongswan"
 * \param[out] kind the schedule, when the name is known
 * \return whether the name is known
 */
bool ParseIkeRetransmitPolicy(const std::string& name, IkeRetransmitPolicy::Kind& kind);

} // namespace ns3

#endif /* TCP_ENCAP_IKE_RETRANSMIT_POLICY_H */
