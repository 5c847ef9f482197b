/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_ENCAP_TX_QUEUE_H
#define TCP_ENCAP_ENCAP_TX_QUEUE_H

#include "ns3/callback.h"
#include "ns3/packet.h"

#include <cstdint>
#include <deque>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief The tunnel queue between the tun device and a stream socket: framed messages wait
 * here until the socket has room.
 *
 * Policy LINUX does what Linux's espintcp does: a frame goes to the socket as far as the
 * socket takes it; one frame that did not fit (whole or in part) is held; any new frame
 * arriving while one is held is dropped (ENOBUFS). There is no backpressure: a full send
 * buffer means ESP loss. Policy FIFO holds frames up to a bound in packets and bytes and
 * drops only beyond it. Either way a frame is written whole or its remainder is dropped with
 * the connection: the stream never carries a partial frame followed by another.
 */
class EncapTxQueue
{
  public:
    /** What happens when the socket cannot take a frame. */
    enum Policy
    {
        LINUX, //!< hold one frame, drop the rest (espintcp)
        FIFO,  //!< queue up to the bound
    };

    /** Writes bytes to the stream; returns nothing (the caller gives only what fits). */
    typedef Callback<void, Ptr<Packet>> WriteCallback;

    EncapTxQueue();

    /**
     * \param policy LINUX or FIFO
     * \param maxPackets FIFO bound in frames (0: none)
     * \param maxBytes FIFO bound in bytes (0: none)
     */
    void Configure(Policy policy, uint32_t maxPackets, uint32_t maxBytes);

    /**
     * \param frame a whole frame (Length included)
     * \param droppable false for an IKE message: the IKE daemon writes to the socket itself and
     *        waits for room, so the policy never drops it (nor could IKE recover: it does not
     *        retransmit on a stream, RFC 9329 §6.2)
     * \return false if the frame was dropped (counted)
     */
    bool Enqueue(Ptr<Packet> frame, bool droppable = true);

    /**
     * \brief Write frames in order, as far as the stream has room.
     * \param available bytes the stream takes now
     * \param write called with each piece to write (never more than available in total)
     * \param maxWrites at most this many calls of write (a TLS stream's room depends on how
     * the bytes are cut into writes: its owner drains one write at a time)
     * \return bytes written
     */
    uint32_t Drain(uint32_t available, WriteCallback write, uint32_t maxWrites = UINT32_MAX);

    /**
     * \brief The stream the head frame was partly written to is gone: drop that frame.
     * \return whether a frame was dropped
     */
    bool DropPartial();

    /** \brief Drop everything (counted as drops). */
    void Clear();

    /** \return frames waiting (a partly written one included) */
    uint32_t GetPackets() const;

    /** \return bytes waiting, not yet written */
    uint64_t GetBytes() const;

    /** \return frames dropped because the queue was full */
    uint64_t GetDrops() const;

    /** \return frames dropped half-written with their connection, or by Clear */
    uint64_t GetPartialDrops() const;

  private:
    Policy m_policy;                  //!< drop policy
    uint32_t m_maxPackets;            //!< FIFO bound, frames
    uint32_t m_maxBytes;              //!< FIFO bound, bytes
    std::deque<Ptr<Packet>> m_frames; //!< waiting frames, head first
    uint32_t m_headOffset;            //!< bytes of the head frame already written
    uint64_t m_bytes;                 //!< bytes not yet written
    uint64_t m_drops;                 //!< dropped on arrival
    uint64_t m_partialDrops;          //!< dropped after partial write or by Clear
};

} // namespace ns3

#endif /* TCP_ENCAP_ENCAP_TX_QUEUE_H */
