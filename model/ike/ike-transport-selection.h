/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IKE_TRANSPORT_SELECTION_H
#define TCP_ENCAP_IKE_TRANSPORT_SELECTION_H

#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <vector>

namespace ns3
{

class IkeSa;
class IkeSession;
class IkeTransportMemory;
class SwitchableEncapTransport;

/**
 * \ingroup tcp-encap
 * \brief How an IKE initiator whose endpoint has both UDP and TCP/TLS (a
 * SwitchableEncapTransport) picks the transport of IKE_SA_INIT: the decision, kept apart from
 * the exchange. An abstract base: its hooks do nothing, which is what IkeNoFallbackSelection
 * (the transport installed is used) inherits.
 *
 * One subclass per policy, chosen by TypeId the way TcpL4Protocol's SocketType chooses a
 * congestion control: IkeSession's attribute "TransportSelection" (a TypeId). Its default is
 * this base TypeId, which means "as the Fallback attribute says": NO_FALLBACK maps to
 * IkeNoFallbackSelection, SEQUENTIAL to IkeSequentialSelection, RACE to IkeRaceSelection and
 * CACHED to IkeCachedSelection (IkeSession::GetSelectionTypeId). The session creates the
 * policy object at Start and calls its hooks; a policy reads the session's attributes
 * (FallbackDelay, RaceHeadStart) and acts through the protected helpers below, never on the
 * session's state directly.
 *
 * Moving an established IKE SA between transports (MOBIKE) is IkeMobikeMoves, a separate
 * object: it applies whatever policy chose the first transport.
 *
 * Every hook is called only on an initiator with a SwitchableEncapTransport, except where
 * noted; the default of each does nothing.
 */
class IkeTransportSelection : public Object
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();

    IkeTransportSelection();
    ~IkeTransportSelection() override;

    /** \param session the session this policy decides for (not owned: it owns the policy) */
    void SetSession(IkeSession* session);

    /**
     * \brief Start: pick the transport IKE_SA_INIT begins on (called before the first one is
     * sent or the stream is waited for).
     * \param sw the endpoint's transport
     */
    virtual void Begin(Ptr<SwitchableEncapTransport> sw);

    /**
     * \brief A request goes out over UDP: the policy may want to look again before the
     * retransmission schedule's next wait ends.
     * \param wait the schedule's wait; shortened in place
     * \param lastWait whether no retransmission follows the wait; cleared when shortened
     */
    virtual void LimitWait(Time& wait, bool& lastWait) const;

    /**
     * \brief The outstanding request's timer ran out (any side, any request).
     * \return whether the policy acted (the session then does nothing more)
     */
    virtual bool OnRequestTimeout();

    /**
     * \brief A stream connection came up (any side).
     * \return whether the policy used it (the session then does nothing more)
     */
    virtual bool OnPathUp();

    /**
     * \brief An IKE_SA_INIT response with this SPIi arrived while IKE_SA_INIT is outstanding
     * (any initiator, with or without a SwitchableEncapTransport).
     * \param spiI the response's initiator SPI
     * \return whether it answers one of this side's IKE_SA_INIT requests; the base knows only
     *         the session's IKE SA, RACE also its stream attempt (which it then adopts)
     */
    virtual bool SelectInitAttempt(uint64_t spiI);

    /**
     * \brief An IKE_SA_INIT response arrived, before it is checked.
     * \param sw the endpoint's transport, or nullptr
     */
    virtual void OnInitResponse(Ptr<SwitchableEncapTransport> sw);

    /**
     * \brief The IKE_SA_INIT response was accepted: the transport is settled.
     * \param sw the endpoint's transport, or nullptr
     */
    virtual void OnInitAccepted(Ptr<SwitchableEncapTransport> sw);

    /** \brief Cancel timers (the session stops or its IKE SA ends). */
    virtual void Stop();

  protected:
    void DoDispose() override;

    // What a policy may see of its session and do through it.
    /** \return the endpoint's SwitchableEncapTransport, or nullptr */
    Ptr<SwitchableEncapTransport> GetSwitchable() const;
    /** \return whether an IKE_SA_INIT request is outstanding */
    bool IsInitOutstanding() const;
    /** \return the outstanding request's bytes */
    const std::vector<uint8_t>& GetRequestBytes() const;
    /** \return times the outstanding request was sent */
    uint32_t GetRequestSends() const;
    /** \return whether no retransmission follows the outstanding request's current wait */
    bool IsLastWait() const;
    /** \return whether the active transport is a stream */
    bool IsOnStream() const;
    /** \return whether a stream connection is up */
    bool IsPathUp() const;
    /** \return when the initiator started */
    Time GetStartTime() const;
    /** \return the session's FallbackDelay */
    Time GetFallbackDelay() const;
    /** \return the session's RaceHeadStart */
    Time GetRaceHeadStart() const;
    /** \return the session's transport memory, or nullptr */
    Ptr<IkeTransportMemory> GetMemory() const;
    /**
     * \param via SwitchableEncapTransport::Kind to send on
     * \param bytes an IKE message, counted and traced as sent
     */
    void SendOn(int via, const std::vector<uint8_t>& bytes);
    /** \brief Give up on UDP: start IKE_SA_INIT over again on the stream (a fallback). */
    void FallBackToStream();
    /**
     * \brief A second IKE_SA_INIT of this initiator, for another transport: its own IKE SA
     * (new SPIi, new nonce; the same key pair) with NAT_DETECTION for that transport's path
     * (RFC 9329 §6.1: a new IKE_SA_INIT on TCP has a new SPI and recomputed NAT_DETECTION).
     * \param via SwitchableEncapTransport::Kind it is for (its path must be up)
     * \return the IKE SA, its request in initRequest
     */
    Ptr<IkeSa> MakeInitAttempt(int via);
    /**
     * \brief An attempt made by MakeInitAttempt was answered: it becomes the session's IKE SA
     * and the outstanding request (whatever happens next, COOKIE, INVALID_KE or IKE_AUTH,
     * happens on it).
     * \param sa the attempt
     */
    void AdoptInitAttempt(Ptr<IkeSa> sa);

  private:
    IkeSession* m_session{nullptr}; //!< the session deciding with this policy
};

/**
 * \ingroup tcp-encap
 * \brief NO_FALLBACK: the active transport only (the base class's hooks, which do nothing).
 */
class IkeNoFallbackSelection : public IkeTransportSelection
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();
};

/**
 * \ingroup tcp-encap
 * \brief SEQUENTIAL: IKE_SA_INIT over UDP first; over TCP when one retransmission went
 * unanswered (FallbackDelay 0, RFC 9329 §5.1), when FallbackDelay has passed, or when UDP's
 * retransmission budget is spent, whichever comes first.
 */
class IkeSequentialSelection : public IkeTransportSelection
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();

    void Begin(Ptr<SwitchableEncapTransport> sw) override;
    void LimitWait(Time& wait, bool& lastWait) const override;
    bool OnRequestTimeout() override;

  private:
    /** \return whether the outstanding request is an IKE_SA_INIT over UDP that may give way */
    bool MayFallBack() const;
};

/**
 * \ingroup tcp-encap
 * \brief CACHED: the transport that last brought up an IKE SA with this peer
 * (IkeTransportMemory): straight to the stream if that was it, else as SEQUENTIAL.
 */
class IkeCachedSelection : public IkeSequentialSelection
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();

    void Begin(Ptr<SwitchableEncapTransport> sw) override;
};

/**
 * \ingroup tcp-encap
 * \brief RACE: IKE_SA_INIT over UDP, and another IKE_SA_INIT over TCP after RaceHeadStart (RFC
 * 8305's idea); the first answer decides, the loser's transport is given up.
 *
 * The stream's IKE_SA_INIT is a separate IKE SA attempt (RFC 9329 §6.1): its own SPIi and
 * nonce, and NAT_DETECTION hashes of the TCP connection (RFC 7296 §2.23), so that each
 * message describes the path it goes on and never two different messages share a Message ID
 * of one IKE SA. The responder keeps both half-open and completes the one IKE_AUTH names.
 */
class IkeRaceSelection : public IkeTransportSelection
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();

    void Begin(Ptr<SwitchableEncapTransport> sw) override;
    bool OnPathUp() override;
    bool SelectInitAttempt(uint64_t spiI) override;
    void OnInitResponse(Ptr<SwitchableEncapTransport> sw) override;
    void OnInitAccepted(Ptr<SwitchableEncapTransport> sw) override;
    void Stop() override;

  private:
    /** \brief The head start is over: IKE_SA_INIT over the stream too. */
    void StartRace();
    /** \brief The stream is up: send its own IKE_SA_INIT there. */
    void SendStreamAttempt();

    bool m_started{false};      //!< IKE_SA_INIT also sent (or to be sent) over TCP
    bool m_waitingPath{false};  //!< waiting for the TCP connection to send it
    EventId m_headStartEvent;   //!< end of UDP's head start
    Ptr<IkeSa> m_streamAttempt; //!< the stream's IKE SA attempt, until one answer decides
};

} // namespace ns3

#endif /* TCP_ENCAP_IKE_TRANSPORT_SELECTION_H */
