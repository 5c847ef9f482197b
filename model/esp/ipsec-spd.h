/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IPSEC_SPD_H
#define TCP_ENCAP_IPSEC_SPD_H

#include "ns3/esp-sa.h"
#include "ns3/ipv4-address.h"
#include "ns3/ptr.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief Traffic selectors of one tunnel policy: inner addresses on each side.
 */
struct TrafficSelector
{
    Ipv4Address localNetwork;  //!< inner addresses on this side
    Ipv4Mask localMask;        //!< their prefix
    Ipv4Address remoteNetwork; //!< inner addresses behind the peer
    Ipv4Mask remoteMask;       //!< their prefix

    /**
     * \param src inner source address
     * \param dst inner destination address
     * \return whether an outbound packet from src to dst is covered
     */
    bool MatchesOutbound(Ipv4Address src, Ipv4Address dst) const;

    /**
     * \param src inner source address
     * \param dst inner destination address
     * \return whether a decrypted inbound packet from src to dst is covered
     */
    bool MatchesInbound(Ipv4Address src, Ipv4Address dst) const;

    /** \param other a selector \return whether both describe the same traffic */
    bool operator==(const TrafficSelector& other) const;
};

/**
 * \ingroup tcp-encap
 * \brief Security Policy Database of a tunnel endpoint (RFC 4301 §4.4.1), reduced to PROTECT
 * entries, kept ordered by the length of the remote prefix so that the most specific policy
 * matches first (as Linux's xfrm priorities usually arrange); packets that match nothing are
 * dropped, never sent in clear.
 */
class IpsecSpd
{
  public:
    /**
     * \param selector the inner traffic the policy covers
     * \param outbound the SA that seals that traffic
     */
    void Add(const TrafficSelector& selector, Ptr<EspSa> outbound);

    /**
     * \param src inner source
     * \param dst inner destination
     * \return the outbound SA, or nullptr when no policy covers the packet
     */
    Ptr<EspSa> FindOutbound(Ipv4Address src, Ipv4Address dst) const;

    /**
     * \param src inner source of a decrypted packet
     * \param dst inner destination
     * \return whether some policy allows it in (RFC 4301 §5.2 step 4)
     */
    bool AllowsInbound(Ipv4Address src, Ipv4Address dst) const;

    /**
     * \brief Point the entry with exactly this selector at another SA (a rekey), or add it.
     * \param selector the selector
     * \param outbound the SA that now seals its traffic
     */
    void Replace(const TrafficSelector& selector, Ptr<EspSa> outbound);

    /**
     * \param selector the selector of an entry
     * \return whether an entry with exactly this selector was removed
     */
    bool Remove(const TrafficSelector& selector);

    /** \return number of policies */
    std::size_t GetSize() const;

  private:
    /** One PROTECT entry. */
    struct Entry
    {
        TrafficSelector selector; //!< what it covers
        Ptr<EspSa> outbound;      //!< SA to seal with
    };

    std::vector<Entry> m_entries; //!< in order of precedence
};

} // namespace ns3

#endif /* TCP_ENCAP_IPSEC_SPD_H */
