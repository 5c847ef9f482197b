/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IKE_MOBIKE_H
#define TCP_ENCAP_IKE_MOBIKE_H

#include "ns3/event-id.h"
#include "ns3/ike-payloads.h"
#include "ns3/nstime.h"
#include "ns3/object.h"

#include <cstdint>
#include <vector>

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
 * over UDP; unanswered, it becomes PROBE_RECOVERY and is sent again, the same bytes, over the
 * stream so that the Message IDs stay in step). Each carries NAT_DETECTION_SOURCE_IP and
 * _DESTINATION_IP for the path it is sent on (RFC 4555 §3.5), and the answer's are checked
 * against that path.
 *
 * Message IDs (RFC 7296 §2.1, §2.2): a move never gives the Message ID of an outstanding
 * request to another message, since the peer may have that request and answers a
 * retransmission of it with its kept response. A request outstanding when the IKE SA moves to
 * the stream is sent again there, byte for byte; the UPDATE_SA_ADDRESSES waits for its answer
 * (window size 1) and takes the next Message ID. A move to the stream waits for the connection
 * too, since the NAT detection hashes name the connection's ports; a return probe waits for
 * any outstanding request.
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

    /**
     * \brief The window is free: send the UPDATE_SA_ADDRESSES (or return probe) a move owes,
     * if its path is ready.
     * \return whether a request was started
     */
    bool StartOwedUpdate();

    /**
     * \brief A stream connection came up.
     * \return whether an owed UPDATE_SA_ADDRESSES went out on it
     */
    bool OnPathUp();

    /** \param inner the answer's payloads \brief UPDATE_SA_ADDRESSES answered on the stream. */
    void HandleUpdateAddressesResponse(const std::vector<IkePayload>& inner);
    /** \brief A return probe, sent again over the stream, was answered there. */
    void HandleProbeRecoveryResponse();
    /** \param inner the answer's payloads \brief A return probe was answered over UDP: move back.
     */
    void HandleReturnProbeResponse(const std::vector<IkePayload>& inner);

    /** \brief Cancel the probe timer; nothing is owed any more. */
    void Stop();

  protected:
    void DoDispose() override;

  private:
    /** What a move still has to send once the window (and the path) allow. */
    enum Owed : uint8_t
    {
        NOTHING, //!< nothing
        UPDATE,  //!< UPDATE_SA_ADDRESSES on the stream
        PROBE,   //!< a return probe over UDP
    };

    /** \return whether the outstanding request is old enough to move the IKE SA to the stream */
    bool ShouldMoveToStream() const;
    /**
     * \brief Send UPDATE_SA_ADDRESSES with the next Message ID and NAT detection for its path.
     * \param via SwitchableEncapTransport::Kind to send on, -1: the active transport (a move)
     */
    void SendUpdateAddresses(int via);
    /** \brief Time for a return probe (later if a request is out). */
    void ProbeReturn();
    /** \param delay when to probe UDP next */
    void ScheduleProbe(Time delay);

    IkeSession* m_session{nullptr}; //!< the session it moves
    EventId m_probeEvent;           //!< next UDP probe while on TCP
    Owed m_owed{NOTHING};           //!< what a move still has to send
};

} // namespace ns3

#endif /* TCP_ENCAP_IKE_MOBIKE_H */
