/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IKE_MOBIKE_H
#define TCP_ENCAP_IKE_MOBIKE_H

#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/object.h"

#include <cstdint>

namespace ns3
{

class IkeSession;

/**
 * \ingroup tcp-encap
 * \brief MOBIKE moves (RFC 4555, RFC 9329 §7.1): an established IKE SA of an initiator with
 * a SwitchableEncapTransport goes from UDP to TCP/TLS with UPDATE_SA_ADDRESSES when a request
 * stays unanswered for MobikeSwitchTimeout, and back when a return probe over UDP (every
 * ReturnProbeInterval) is answered. Only with MOBIKE negotiated; otherwise every hook does
 * nothing.
 *
 * The IKE_SA_INIT transport is IkeTransportSelection's business; this object takes over once
 * the IKE SA is up, whatever policy chose. It reads the session's attributes
 * (MobikeSwitchTimeout, ReturnProbeInterval) and counts in the session's counters
 * (address updates, return probes). One per session; with many peers (a gateway) the
 * responder side needs none, since only the initiator moves.
 *
 * The requests: UPDATE_ADDRESSES (sent on the stream after a move), RETURN_PROBE (sent once
 * over UDP; unanswered, it becomes PROBE_RECOVERY and is sent again over the stream so that
 * the Message IDs stay in step).
 */
class IkeMobikeMoves : public Object
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();

    IkeMobikeMoves();
    ~IkeMobikeMoves() override;

    /** \param session the session it moves (not owned: it owns this) */
    void SetSession(IkeSession* session);

    /**
     * \brief Move the IKE SA and its Child SAs to the other transport (IkeSession::MoveTransport).
     * \param toStream true: to TCP/TLS; false: back to UDP (a return probe)
     */
    void Move(bool toStream);

    /**
     * \brief A request of the established IKE SA goes out over UDP: look again when it is
     * time to move to TCP, if that comes before the schedule's next wait ends.
     * \param wait the schedule's wait; shortened in place
     * \param lastWait cleared when shortened
     */
    void LimitWait(Time& wait, bool& lastWait) const;

    /**
     * \brief The outstanding request's timer ran out: an unanswered return probe.
     * \return whether it was one (now sent again over the stream)
     */
    bool OnProbeTimeout();

    /**
     * \brief The outstanding request's timer ran out: move to the stream if it has been
     * unanswered long enough (the abandoned exchange is queued again, to go over TCP).
     * \return whether the IKE SA moved
     */
    bool OnRequestTimeout();

    /** \brief The IKE SA is up: on the stream, schedule return probes. */
    void OnEstablished();

    /** \brief UPDATE_SA_ADDRESSES answered on the stream. */
    void HandleUpdateAddressesResponse();
    /** \brief A return probe, sent again over the stream, was answered there. */
    void HandleProbeRecoveryResponse();
    /** \brief A return probe was answered over UDP: move back. */
    void HandleReturnProbeResponse();

    /** \brief Cancel the probe timer. */
    void Stop();

  protected:
    void DoDispose() override;

  private:
    /** \return whether the outstanding request should give way to a move to the stream */
    bool ShouldMoveToStream() const;
    /**
     * \param via SwitchableEncapTransport::Kind to send on, -1: the active transport (a move)
     * \param messageId the Message ID
     */
    void SendUpdateAddresses(int via, uint32_t messageId);
    /** \brief Time for a return probe (later if a request is out). */
    void ProbeReturn();
    /** \param delay when to probe UDP next */
    void ScheduleProbe(Time delay);

    IkeSession* m_session{nullptr}; //!< the session it moves
    EventId m_probeEvent;           //!< next UDP probe while on TCP
};

} // namespace ns3

#endif /* TCP_ENCAP_IKE_MOBIKE_H */
