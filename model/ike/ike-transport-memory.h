/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IKE_TRANSPORT_MEMORY_H
#define TCP_ENCAP_IKE_TRANSPORT_MEMORY_H

#include "ns3/ipv4-address.h"
#include "ns3/simple-ref-count.h"

#include <map>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief Which transport last brought up an IKE SA with a peer: the CACHED fallback policy
 * starts there next time. An explicit object that the caller shares between sessions (not a
 * global), so that separate runs stay independent and reproducible.
 */
class IkeTransportMemory : public SimpleRefCount<IkeTransportMemory>
{
  public:
    /**
     * \param peer the responder's address
     * \param stream whether TCP/TLS (true) or UDP (false) worked
     */
    void
    Remember(Ipv4Address peer, bool stream)
    {
        m_stream[peer] = stream;
    }

    /**
     * \param peer the responder's address
     * \param[out] stream what worked last time
     * \return whether anything is known for the peer
     */
    bool
    Recall(Ipv4Address peer, bool& stream) const
    {
        auto it = m_stream.find(peer);
        if (it == m_stream.end())
        {
            return false;
        }
        stream = it->second;
        return true;
    }

  private:
    std::map<Ipv4Address, bool> m_stream; //!< by peer
};

} // namespace ns3

#endif /* TCP_ENCAP_IKE_TRANSPORT_MEMORY_H */
