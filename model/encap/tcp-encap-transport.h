/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_TCP_ENCAP_TRANSPORT_H
#define TCP_ENCAP_TCP_ENCAP_TRANSPORT_H

#include "ns3/encap-transport.h"
#include "ns3/encap-tx-queue.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/stream-framing.h"
#include "ns3/tcp-encap-connection.h"
#include "ns3/traced-callback.h"

#include <array>
#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief IKE and ESP over TCP (RFC 9329): framed messages on one connection between the
 * peers, opened by the initiator and kept alive across resets.
 *
 * The initiator connects to the responder's port (4500 by default; any, e.g. 443), writes
 * the IKETCP prefix first on every connection, and reconnects with exponential backoff when
 * a connection ends; no SA is touched by a connection's end. The responder listens, waits
 * for the prefix, and sends on the connection its peer last used: the first authenticated
 * ESP on a new connection (ConfirmPeer) moves it there and retires the others, which also
 * covers NAT rebinding to a new source port. The responder's path callbacks tell IKE when the
 * initiator is confirmed on a connection (up) and when that connection ends or is replaced
 * (down), so that IKE resends its own outstanding request there (RFC 9329 §6.2).
 *
 * Between the endpoint and the socket sits an explicit tunnel queue (EncapTxQueue), Linux's
 * espintcp policy by default. A connection that carries a Length of 0 or 1, one above the
 * maximum, an ESP packet failing its ICV, or more than MaxInvalidMessages unusable messages
 * is closed (RFC 9329 §3, §6.1); a single unknown SPI is not fatal.
 */
class TcpEncapTransport : public EncapTransport
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    TcpEncapTransport();
    ~TcpEncapTransport() override;

    /**
     * TracedCallback signature for a connection that opened.
     * \param [in] peer the peer's address and port
     */
    typedef void (*ConnectionOpenedTracedCallback)(const Address& peer);

    /**
     * TracedCallback signature for a connection that ended.
     * \param [in] peer the peer's address and port
     * \param [in] reason a TcpEncapConnection::CloseReason
     */
    typedef void (*ConnectionClosedTracedCallback)(const Address& peer, uint32_t reason);

    /**
     * TracedCallback signature for an outage: from the last frame received on a lost
     * connection to the first one on its successor (initiator).
     * \param [in] outage its length
     */
    typedef void (*OutageTracedCallback)(Time outage);

    /**
     * TracedCallback signature for a connection's change of state.
     * \param [in] peer the peer's address and port (the originator's: not known before it
     *             connects)
     * \param [in] oldState the state before
     * \param [in] newState the state now
     */
    typedef void (*ConnectionStateTracedCallback)(const Address& peer,
                                                  TcpEncapConnection::State oldState,
                                                  TcpEncapConnection::State newState);

    void Start(Ptr<Node> node) override;
    void Stop() override;
    bool SendEsp(Ptr<Packet> esp) override;
    bool SendIke(Ptr<Packet> ike) override;
    uint32_t GetMaxEspSize() const override;
    std::string GetName() const override;
    bool IsStream() const override;
    bool GetPath(InetSocketAddress& local, InetSocketAddress& peer) const override;
    void ConfirmPeer(const Address& from) override;
    void ReportInvalid(const Address& from, EspStatus reason) override;
    void NotifyIkeSa(IkeSaPresence presence) override;
    bool SendTo(Ptr<Packet> message, EncapMessageKind kind, const Address& to) override;
    bool GetPathTo(const Address& to,
                   InetSocketAddress& local,
                   InetSocketAddress& peer) const override;

    /**
     * \brief Responder: serve many peers (an IpsecGateway's shared listener). Each accepted
     * connection gets its own queue and is written through SendTo, by its peer's address;
     * SendEsp and SendIke refuse; ConfirmPeer retires nothing (the gateway's
     * GatewayClientTransport follows each client); a connection is closed as IDLE when, at an
     * IdleConnectionTimeout check, inUse says no IKE SA uses it. Call before Start.
     * \param inUse whether a connection (given by its peer's address) carries an IKE SA
     */
    void ServeManyPeers(Callback<bool, const Address&> inUse);

    /** \return connections open now */
    uint32_t GetConnectionCount() const;

    /**
     * \brief Close every connection now (as if the gateway restarted its TCP side, or for
     * tests); the initiator will reconnect.
     */
    void CloseConnections();

    /** \return the connection frames go out on, or nullptr */
    Ptr<TcpEncapConnection> GetActiveConnection() const;

    /** \return connections that reached OPEN */
    uint64_t GetConnectionsOpened() const;

    /**
     * \param reason a reason
     * \return connections ended for it
     */
    uint64_t GetConnectionsClosed(TcpEncapConnection::CloseReason reason) const;

    /** \return reconnection attempts by the initiator (not counting the first connection) */
    uint64_t GetReconnects() const;

    /** \return frames written to the tunnel queue */
    uint64_t GetFramesSent() const;

    /** \return frames received */
    uint64_t GetFramesReceived() const;

    /** \return bytes of framing sent: Length fields, markers and IKETCP prefixes */
    uint64_t GetFramingBytes() const;

    /** \return frames dropped by the tunnel queue (full or half-written at a loss) */
    uint64_t GetQueueDrops() const;

    /** \return the tunnel queue (attribute TxQueue) */
    const EncapTxQueue& GetQueue() const;

    /** \return outer TCP retransmissions over all connections so far */
    uint64_t GetOuterRetransmissions() const;

    /** \return outer TCP retransmission timeouts over all connections so far */
    uint64_t GetOuterTimeouts() const;

    /** \return the outages measured so far (initiator) */
    const std::vector<Time>& GetOutages() const;

  protected:
    void DoDispose() override;

    /** \return the port used when LocalPort or PeerPort is 0: 4500 (RFC 9329 §4) */
    virtual uint16_t GetDefaultPort() const;

    /** \return bytes a layer between frames and TCP adds to each frame (TLS: its record
     * overhead; here 0); MaxEspSize 0 subtracts it */
    virtual uint32_t GetRecordOverhead() const;

    /**
     * \brief Make the connection object for a socket; subclasses add layers (TLS).
     * \param socket connecting (originator) or accepted (responder)
     * \param originator whether this side connects
     * \return the connection, callbacks not yet set
     */
    virtual Ptr<TcpEncapConnection> CreateConnection(Ptr<Socket> socket, bool originator);

    void NotifyConstructionCompleted() override;

  private:
    /** \return the tunnel queue's class: QueueType, or the one QueuePolicy names */
    TypeId GetQueueTypeId() const;
    /** \brief Make the tunnel queue if its class changed, and give it its bounds. */
    void SetUpQueue();
    /** \return a TCP socket with the configured outer attributes */
    Ptr<Socket> CreateOuterSocket();
    /** \brief Initiator: open a connection to the responder. */
    void OpenConnection();
    /** \brief Initiator: try again after the current backoff. */
    void ScheduleReconnect();
    /** \brief Initiator: the backoff is over, connect again. */
    void Reconnect();
    /** \param listener the listening socket \param from the peer */
    void HandleAccept(Ptr<Socket> listener, const Address& from);
    /** \param conn a connection that became OPEN */
    void HandleOpen(TcpEncapConnection* conn);
    /** \param reason why: every connection is closed with it */
    void CloseAll(TcpEncapConnection::CloseReason reason);
    /** \brief Responder: the active connection is the initiator's: path up, once. */
    void ConfirmPath();
    /** \param conn the connection \param data message \param size its size */
    void HandleMessage(TcpEncapConnection* conn, const uint8_t* data, uint32_t size);
    /** \param conn the connection with room */
    void HandleSendSpace(TcpEncapConnection* conn);
    /** \param conn the connection that ended \param reason why */
    void HandleClosed(TcpEncapConnection* conn, TcpEncapConnection::CloseReason reason);
    /** \param conn a connection to keep a record of */
    void Adopt(Ptr<TcpEncapConnection> conn);
    /**
     * \param conn a connection whose State changed
     * \param oldState before \param newState now
     */
    void HandleConnectionState(TcpEncapConnection* conn,
                               TcpEncapConnection::State oldState,
                               TcpEncapConnection::State newState);
    /** \param from an origin \return its connection, or nullptr */
    Ptr<TcpEncapConnection> Find(const Address& from) const;
    /**
     * \param message what to frame and send
     * \param kind ESP or IKE
     * \return whether the queue took it
     */
    bool SendMessage(Ptr<Packet> message, EncapMessageKind kind);
    /**
     * \param message what to frame
     * \param kind ESP or IKE
     * \return the frame (Length and marker before the message), or nullptr if it is longer
     * than MaxFrameLength (counted)
     */
    Ptr<Packet> Frame(Ptr<Packet> message, EncapMessageKind kind);
    /**
     * \brief A frame went into a queue: the transmit trace and the counters.
     * \param kind ESP or IKE \param messageSize the message \param frameSize its frame
     */
    void CountFrame(EncapMessageKind kind, uint32_t messageSize, uint32_t frameSize);
    /** \brief Move queued frames into the active connection as far as it has room. */
    void Drain();
    /** \param bytes bytes for the active connection */
    void WriteToActive(Ptr<Packet> bytes);
    /** \brief Close a connection that stopped making progress; runs periodically. */
    void CheckProgress();
    /** \param conn a connection that ended: keep its outer TCP counts */
    void KeepTcpCounts(const TcpEncapConnection* conn);
    /**
     * \brief Stop: no more reconnection, every connection closed, nothing queued.
     * \param reason why the connections are closed
     */
    void StopWith(TcpEncapConnection::CloseReason reason);
    /** \param conn a connection \brief Responder: close it after IdleConnectionTimeout
     * unless it carries the IKE SA then. */
    void ScheduleIdleCheck(Ptr<TcpEncapConnection> conn);
    /** \param conn a connection whose IdleConnectionTimeout is over */
    void CheckIdle(Ptr<TcpEncapConnection> conn);
    /** \brief Cancel every pending idle check (Stop, DoDispose). */
    void CancelIdleChecks();

    /** Many-peer mode: one connection and its own queue. */
    struct PeerStream
    {
        Ptr<TcpEncapConnection> conn;      //!< the connection
        Ptr<EncapTxQueue> queue;           //!< its frames waiting
        EncapTxQueue::WriteCallback write; //!< writes into conn (made once per connection)
    };

    /**
     * \param address a peer's address and port
     * \return the key of m_peers (UINT64_MAX for anything but an InetSocketAddress)
     */
    static uint64_t PeerKey(const Address& address);
    /** \return a new tunnel queue as the attributes describe it */
    Ptr<EncapTxQueue> NewQueue() const;
    /** \param queue a tunnel queue: apply QueueMaxPackets and QueueMaxBytes */
    void SizeQueue(Ptr<EncapTxQueue> queue) const;
    /** \param peer a many-peer connection: write its queue into it as far as it has room */
    void DrainPeer(PeerStream peer);

    // Attributes
    uint16_t m_localPort;               //!< responder: port to listen on
    Ipv4Address m_peerAddress;          //!< initiator: responder's address
    uint16_t m_peerPort;                //!< initiator: responder's port
    FramingVariant m_framing;           //!< Length field size
    uint32_t m_maxFrameLength;          //!< largest Length accepted or sent
    uint32_t m_maxEspSize;              //!< largest ESP packet (sets the tunnel MTU)
    TypeId m_queueType;                 //!< tunnel queue class (EncapTxQueue: by policy)
    EncapTxQueue::Policy m_queuePolicy; //!< tunnel queue policy, when m_queueType does not say
    uint32_t m_queueMaxPackets;         //!< FIFO bound, frames
    uint32_t m_queueMaxBytes;           //!< FIFO bound, bytes
    TypeId m_congestionControl;         //!< outer TCP congestion control
    uint32_t m_segmentSize;             //!< outer MSS
    uint32_t m_initialCwnd;             //!< outer initial window, segments
    uint32_t m_sndBufSize;              //!< outer send buffer, bytes (0: autotuned)
    uint32_t m_rcvBufSize;              //!< outer receive buffer, bytes (0: autotuned)
    Time m_minRto;                      //!< outer minimum RTO
    bool m_noDelay;                     //!< Nagle off
    Time m_delAckTimeout;               //!< outer delayed-ACK timeout
    Time m_reconnectDelay;              //!< first reconnect delay
    Time m_reconnectMaxDelay;           //!< backoff cap
    Time m_progressTimeout;             //!< 0: never close for lack of progress
    uint32_t m_maxInvalid;              //!< unusable messages tolerated per connection
    Time m_idleTimeout;                 //!< responder: close connections without IKE SA
    bool m_ikeManaged{false};           //!< IKE reports its SAs (NotifyIkeSa was called)
    bool m_ikeSaUp{false};              //!< an IKE SA is up on the active connection

    // State
    Ptr<Node> m_node;                                   //!< where sockets live
    bool m_started;                                     //!< between Start and Stop
    Ptr<Socket> m_listener;                             //!< responder's listening socket
    std::vector<Ptr<TcpEncapConnection>> m_connections; //!< live connections
    Ptr<TcpEncapConnection> m_active;                   //!< where frames go out
    Ptr<EncapTxQueue> m_queue;                          //!< the tunnel queue
    EncapTxQueue::WriteCallback m_writeToActive;        //!< made once: no allocation per drain
    EventId m_reconnectEvent;                           //!< pending reconnect
    EventId m_progressEvent;                            //!< periodic progress check
    std::vector<EventId> m_idleEvents;                  //!< responder: pending idle checks
    Time m_backoff;                                     //!< next reconnect delay
    Time m_lastFrameRx;                                 //!< last frame received
    bool m_outagePending;                               //!< a connection was lost, no frame since
    Time m_outageStart;                                 //!< last frame before the loss
    std::vector<Time> m_outages;                        //!< measured outages

    bool m_peerPathUp{false}; //!< responder: m_active is confirmed as the initiator's

    Callback<bool, const Address&> m_inUse;           //!< many-peer mode (not null: on)
    std::unordered_map<uint64_t, PeerStream> m_peers; //!< many-peer mode: by PeerKey
    uint64_t m_pastPeerDrops{0};                      //!< of many-peer queues now gone

    // Counters
    uint64_t m_opened{0};                                                    //!< reached OPEN
    std::array<uint64_t, TcpEncapConnection::CLOSE_REASON_COUNT> m_closed{}; //!< by reason
    uint64_t m_reconnects{0};                                                //!< reconnect attempts
    uint64_t m_framesTx{0};                                                  //!< frames queued
    uint64_t m_framesRx{0};                                                  //!< frames received
    uint64_t m_framingBytes{0};                                              //!< framing overhead
    uint64_t m_oversize{0};                                                  //!< messages too long
    uint64_t m_pastRetransmissions{0}; //!< of connections that ended
    uint64_t m_pastTimeouts{0};        //!< of connections that ended

    TracedCallback<const Address&> m_openedTrace;           //!< connection opened
    TracedCallback<const Address&, uint32_t> m_closedTrace; //!< connection ended
    TracedCallback<Time> m_outageTrace;                     //!< outage measured
    /** any connection's State changed */
    TracedCallback<const Address&, TcpEncapConnection::State, TcpEncapConnection::State>
        m_connectionStateTrace;
};

} // namespace ns3

#endif /* TCP_ENCAP_TCP_ENCAP_TRANSPORT_H */
