/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IPSEC_SAD_H
#define TCP_ENCAP_IPSEC_SAD_H

#include "ns3/esp-sa.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief Security Association Database for inbound ESP: SA by SPI (RFC 4301 §4.4.2).
 */
class IpsecSad
{
  public:
    /**
     * \param sa an inbound SA; replaces any SA with the same SPI
     */
    void Add(Ptr<EspSa> sa);

    /** \param spi the SPI to forget \return whether an SA was removed */
    bool Remove(uint32_t spi);

    /** \param spi SPI of a received packet \return its SA, or nullptr */
    Ptr<EspSa> Find(uint32_t spi) const;

    /** \return the SPIs of all SAs, in ascending order */
    std::vector<uint32_t> GetSpis() const;

    /** \return number of SAs */
    std::size_t GetSize() const;

  private:
    std::unordered_map<uint32_t, Ptr<EspSa>> m_bySpi; //!< inbound SAs
};

} // namespace ns3

#endif /* TCP_ENCAP_IPSEC_SAD_H */
