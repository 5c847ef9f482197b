/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_ENCAP_TX_QUEUE_H
#define TCP_ENCAP_ENCAP_TX_QUEUE_H

#include "ns3/callback.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/queue-size.h"
#include "ns3/traced-callback.h"
#include "ns3/traced-value.h"

#include <cstdint>
#include <deque>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief The tunnel queue between the tun device and a stream socket: framed messages wait
 * here until the socket has room.
 *
 * The drop policy is the subclass: LinuxEncapTxQueue does what Linux's espintcp does, a
 * frame goes to the socket as far as the socket takes it, one frame that did not fit (whole
 * or in part) is held and any new frame arriving while one is held is dropped (ENOBUFS);
 * there is no backpressure, a full send buffer means ESP loss. FifoEncapTxQueue holds frames
 * up to MaxSize and drops only beyond it. Either way a frame is written whole or its remainder
 * is dropped with the connection: the stream never carries a partial frame followed by
 * another. TcpEncapTransport picks the subclass through its QueueType (a TypeId) or
 * QueuePolicy (linux, fifo) attribute, as TcpL4Protocol picks congestion control.
 *
 * Like ns-3's QueueBase it reports Enqueue, Dequeue (a frame written completely) and Drop
 * (DropBeforeEnqueue for a frame refused on arrival), and keeps PacketsInQueue and
 * BytesInQueue as TracedValues (bytes not yet written: a partly written head frame counts
 * only its remainder).
 */
class EncapTxQueue : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /** The built-in drop policies, as TcpEncapTransport's QueuePolicy attribute names them. */
    enum Policy
    {
        LINUX, //!< hold one frame, drop the rest (espintcp): LinuxEncapTxQueue
        FIFO,  //!< queue up to the bound: FifoEncapTxQueue
    };

    /**
     * \param policy a built-in policy
     * \return the TypeId of the subclass that implements it
     */
    static TypeId GetPolicyTypeId(Policy policy);

    /** Writes bytes to the stream; returns nothing (the caller gives only what fits). */
    typedef Callback<void, Ptr<Packet>> WriteCallback;

    EncapTxQueue();
    ~EncapTxQueue() override;

    /**
     * \param size the bound (attribute MaxSize); a value of 0 means none. What a policy
     * makes of it is the policy's business (LinuxEncapTxQueue ignores it).
     */
    void SetMaxSize(QueueSize size);

    /** \return the bound (attribute MaxSize) */
    QueueSize GetMaxSize() const;

    /**
     * \param frame a whole frame (Length included)
     * \param droppable false for an IKE message: the IKE daemon writes to the socket itself and
     *        waits for room, so the policy never drops it (nor could IKE recover: it does not
     *        retransmit on a stream, RFC 9329 §6.2)
     * \return false if the frame was dropped (counted, traced)
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

    /** \brief Drop everything (counted as partial drops). */
    void Clear();

    /** \return whether no frame waits */
    bool IsEmpty() const;

    /** \return frames waiting (a partly written one included) */
    uint32_t GetPackets() const;

    /** \return bytes waiting, not yet written */
    uint64_t GetBytes() const;

    /** \return frames dropped because the queue was full */
    uint64_t GetDrops() const;

    /** \return frames dropped half-written with their connection, or by Clear */
    uint64_t GetPartialDrops() const;

  protected:
    /**
     * \brief The policy: does a frame arriving now find the queue full?
     * \param frame the arriving frame
     * \return true to drop it (unless it is not droppable)
     */
    virtual bool IsFull(Ptr<const Packet> frame) const = 0;

    void DoDispose() override;

  private:
    /** \param frame a frame leaving the queue unwritten (or partly written) */
    void DropFrame(Ptr<const Packet> frame);

    QueueSize m_maxSize;              //!< the bound (0: none)
    std::deque<Ptr<Packet>> m_frames; //!< waiting frames, head first
    uint32_t m_headOffset;            //!< bytes of the head frame already written
    uint64_t m_drops;                 //!< dropped on arrival
    uint64_t m_partialDrops;          //!< dropped after partial write or by Clear

    TracedValue<uint32_t> m_nPackets; //!< frames waiting (a partly written one included)
    TracedValue<uint32_t> m_nBytes;   //!< bytes waiting, not yet written

    TracedCallback<Ptr<const Packet>> m_traceEnqueue;           //!< frame accepted
    TracedCallback<Ptr<const Packet>> m_traceDequeue;           //!< frame written completely
    TracedCallback<Ptr<const Packet>> m_traceDrop;              //!< frame dropped, any reason
    TracedCallback<Ptr<const Packet>> m_traceDropBeforeEnqueue; //!< frame refused, queue full
};

/**
 * \ingroup tcp-encap
 * \brief Linux's espintcp policy: one frame the socket could not take is held, every frame
 * arriving while it waits is dropped. MaxSize is not used.
 */
class LinuxEncapTxQueue : public EncapTxQueue
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    LinuxEncapTxQueue();
    ~LinuxEncapTxQueue() override;

  protected:
    bool IsFull(Ptr<const Packet> frame) const override;
};

/**
 * \ingroup tcp-encap
 * \brief A bounded FIFO: frames wait up to MaxSize (packets or bytes; 0: no bound) and,
 * optionally, MaxBytes as a second bound; only frames beyond them are dropped.
 */
class FifoEncapTxQueue : public EncapTxQueue
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    FifoEncapTxQueue();
    ~FifoEncapTxQueue() override;

  protected:
    bool IsFull(Ptr<const Packet> frame) const override;

  private:
    uint32_t m_maxBytes; //!< second bound in bytes (0: none)
};

} // namespace ns3

#endif /* TCP_ENCAP_ENCAP_TX_QUEUE_H */
