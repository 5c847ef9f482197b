/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_ESP_STATUS_H
#define TCP_ENCAP_ESP_STATUS_H

#include <array>
#include <cstddef>
#include <cstdint>
#include <ostream>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief What happened to one ESP packet: sealed or opened, or the reason it was dropped.
 *
 * One list for the whole ESP path, so that counters, traces and result tables name drops
 * the same way everywhere.
 */
enum class EspStatus : uint8_t
{
    OK,                      //!< sealed or opened
    SEQUENCE_EXHAUSTED,      //!< sender would wrap the sequence number (RFC 4303 §3.3.3)
    NO_POLICY,               //!< no outbound SA for the inner packet (SPD miss)
    MALFORMED,               //!< too short, misaligned, or otherwise not ESP
    UNKNOWN_SPI,             //!< no inbound SA with that SPI (SAD miss)
    TOO_OLD,                 //!< left of the anti-replay window
    REPLAY,                  //!< duplicate inside the anti-replay window
    ICV_FAILURE,             //!< integrity check failed
    BAD_PADDING,             //!< pad length or pad bytes wrong after a valid ICV
    UNSUPPORTED_NEXT_HEADER, //!< not an IPv4 inner packet (tunnel mode carries 4)
    TRANSPORT_REFUSED,       //!< the encapsulating transport could not take the packet
    CRYPTO_ERROR,            //!< OpenSSL reported an internal error
    COUNT                    //!< number of values, not a status
};

/**
 * \param s a status
 * \return its name in lower case with dashes, as used in result tables
 */
const char* ToString(EspStatus s);

/**
 * \param os output stream
 * \param s a status
 * \return os
 */
std::ostream& operator<<(std::ostream& os, EspStatus s);

/**
 * \ingroup tcp-encap
 * \brief Packet counts by EspStatus.
 */
class EspCounters
{
  public:
    /** \param s the status to count once */
    void
    Count(EspStatus s)
    {
        ++m_counts[static_cast<std::size_t>(s)];
    }

    /** \param s a status \return how often it was counted */
    uint64_t
    Get(EspStatus s) const
    {
        return m_counts[static_cast<std::size_t>(s)];
    }

    /** \return the number of packets counted with any status other than OK */
    uint64_t GetDrops() const;

    /** \param other counts to add to these */
    void Add(const EspCounters& other);

  private:
    std::array<uint64_t, static_cast<std::size_t>(EspStatus::COUNT)> m_counts{}; //!< by status
};

} // namespace ns3

#endif /* TCP_ENCAP_ESP_STATUS_H */
