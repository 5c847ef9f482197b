/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IKE_PENDING_QUEUE_H
#define TCP_ENCAP_IKE_PENDING_QUEUE_H

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief The requests an established IKE SA still has to start. IKE has one request out at a
 * time (window size 1); when it ends, IkeSession takes the most urgent pending one from here.
 *
 * Priority, most urgent first (Take returns the first kind that is pending):
 *  1. DELETE_IKE_SA      IkeSession::Delete() was asked: the IKE SA and all its Child SAs go
 *  2. DELETE_OLD_IKE_SA  the IKE SA a rekey replaced is deleted on itself (RFC 7296 §2.18);
 *                        held: pending for as long as the old IKE SA exists, so that a DELETE
 *                        superseded by a MOBIKE move is sent again (IkePeer::SetOldSa keeps it)
 *  3. DELETE_CHILD_SA    Child SA pairs replaced by a rekey, oldest first (inbound SPIs)
 *  4. REKEY_IKE_SA       the IKE SA's lifetime is over
 *  5. REKEY_CHILD_SA     the Child SA's lifetime (time or bytes) is over
 *  6. LIVENESS           an empty INFORMATIONAL: nothing came from the peer for a while, or a
 *                        new TCP connection must be shown to the responder
 * Each kind but DELETE_CHILD_SA is a flag (asking twice is asking once); Child SA deletes are
 * a FIFO of SPIs. The order is the one IkeSession always had; tests and results depend on it.
 * No allocation unless Child SA deletes are queued (one SPI at a time, after rekeys).
 */
class IkePendingQueue
{
  public:
    /** What is pending, in priority order (a lower value is more urgent). */
    enum Kind : uint8_t
    {
        DELETE_IKE_SA,     //!< Delete() asked
        DELETE_OLD_IKE_SA, //!< the rekeyed IKE SA still exists (held)
        DELETE_CHILD_SA,   //!< a replaced Child SA pair (with its inbound SPI)
        REKEY_IKE_SA,      //!< the IKE SA's lifetime is over
        REKEY_CHILD_SA,    //!< the Child SA's lifetime is over
        LIVENESS,          //!< a liveness check is due
        NONE,              //!< nothing pending
    };

    /** The most urgent pending request. */
    struct Item
    {
        Kind kind{NONE};      //!< what to start
        uint32_t childSpi{0}; //!< DELETE_CHILD_SA: the pair's inbound SPI
    };

    /** \param kind a flag kind (not DELETE_CHILD_SA) to make pending */
    void Add(Kind kind);
    /** \param kind a flag kind (not DELETE_CHILD_SA) that is no longer pending */
    void Remove(Kind kind);
    /** \param kind a kind \return whether it is pending */
    bool Has(Kind kind) const;

    /** \param inSpi a replaced Child SA pair's inbound SPI, deleted after those already queued */
    void AddChildDelete(uint32_t inSpi);
    /** \param inSpi a Child SA delete that was started and abandoned: first again */
    void RetryChildDelete(uint32_t inSpi);

    /**
     * \return the most urgent pending request (kind NONE if none); it is no longer pending,
     *         except DELETE_OLD_IKE_SA, which stays until Remove
     */
    Item Take();

    /** \brief Nothing pending any more (the IKE SA is gone). */
    void Clear();

    /** \return whether nothing is pending */
    bool IsEmpty() const;

  private:
    /** \param kind a kind \return its bit in m_flags */
    static uint8_t Bit(Kind kind);

    uint8_t m_flags{0};                   //!< the flag kinds pending, one bit each
    std::vector<uint32_t> m_childDeletes; //!< inbound SPIs of replaced Child SA pairs, FIFO
};

/** \param kind a kind \return its name */
const char* ToString(IkePendingQueue::Kind kind);

} // namespace ns3

#endif /* TCP_ENCAP_IKE_PENDING_QUEUE_H */
