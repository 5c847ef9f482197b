/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_ESP_REPLAY_WINDOW_H
#define TCP_ENCAP_ESP_REPLAY_WINDOW_H

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief The receiver's anti-replay window of an inbound ESP SA (RFC 4303 §3.4.3, Appendix A).
 *
 * Checking and accepting are separate steps so that the caller keeps the RFC's order: check
 * (drop left of the window, drop duplicates), verify the ICV, and only then Accept, which
 * slides the window. With extended sequence numbers the high 32 bits are inferred from the
 * window position (RFC 4303 Appendix A2.2). Sliding costs at most one step per sequence
 * number skipped, bounded by the window size; the bitmap is allocated once.
 */
class EspReplayWindow
{
  public:
    /** Outcome of Check. */
    enum Verdict
    {
        FRESH,     //!< not seen and inside or right of the window
        DUPLICATE, //!< already accepted
        TOO_OLD,   //!< left of the window (or sequence number 0)
    };

    /**
     * \param size window size in packets; rounded up to a multiple of 64, at least 64
     * \param esn whether the SA uses 64-bit extended sequence numbers
     */
    explicit EspReplayWindow(uint32_t size = 64, bool esn = false);

    /**
     * \param seqLow the 32-bit sequence number field of a received packet
     * \param[out] seq the full sequence number it stands for (with ESN: inferred high half)
     * \return the verdict; only FRESH packets may go on to ICV verification
     */
    Verdict Check(uint32_t seqLow, uint64_t& seq) const;

    /**
     * \brief Record a packet whose ICV verified; slides the window if it is the newest.
     * \param seq the full sequence number returned by Check
     */
    void Accept(uint64_t seq);

    /** \return the highest sequence number accepted so far (0: none) */
    uint64_t GetHighest() const;

    /** \return the window size in packets */
    uint32_t GetSize() const;

  private:
    /** \param seq sequence number \return whether its bit is set */
    bool IsSet(uint64_t seq) const;
    /** \param seq sequence number whose bit to set */
    void Set(uint64_t seq);
    /** \param seq sequence number whose bit to clear */
    void Clear(uint64_t seq);

    uint32_t m_size;              //!< window size (multiple of 64)
    bool m_esn;                   //!< extended sequence numbers
    uint64_t m_top;               //!< highest accepted sequence number
    std::vector<uint64_t> m_bits; //!< bit (seq mod size) set when seq was accepted
};

} // namespace ns3

#endif /* TCP_ENCAP_ESP_REPLAY_WINDOW_H */
