/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_TCP_ENCAP_CONNECTION_H
#define TCP_ENCAP_TCP_ENCAP_CONNECTION_H

#include "ns3/address.h"
#include "ns3/callback.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/sequence-number.h"
#include "ns3/socket.h"
#include "ns3/stream-framing.h"
#include "ns3/tcp-socket-state.h"
#include "ns3/tcp-socket-stats.h"
#include "ns3/tcp-socket.h"
#include "ns3/traced-value.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace ns3
{

class TcpHeader;
class TcpSocketBase;
class TlsStream;

/**
 * \ingroup tcp-encap
 * \brief One TCP connection carrying IKE and ESP frames (RFC 9329): the IKETCP prefix, the
 * deframer, and the outer socket's events.
 *
 * The originator writes the prefix as the first bytes once connected; the responder reads
 * the whole prefix before anything else and closes a connection that starts otherwise.
 * Frames go out through Write as the owning transport's queue drains into it. The owner
 * learns through callbacks when the connection is open, when a message arrived, when the
 * socket has room again and when (and why) the connection ended.
 *
 * With a TlsStream (EnableTls, RFC 9329 Appendix A) the same prefix and frames travel inside
 * TLS: the originator runs the client handshake once TCP is up and writes the prefix through
 * TLS when it completes; the responder runs the server handshake, then expects the prefix.
 * Records go to the socket only as far as it has room (the rest waits in the TlsStream);
 * GetTxAvailable counts the record overhead. A TLS failure (bad record, alert, failed
 * handshake) sends OpenSSL's alert and closes with TLS_ERROR.
 */
class TcpEncapConnection : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /** Life of a connection. */
    enum State
    {
        CONNECTING,      //!< originator: SYN sent
        TLS_HANDSHAKE,   //!< TLS: TCP is up, the TLS handshake runs
        AWAITING_PREFIX, //!< responder: accepted, prefix not complete
        OPEN,            //!< frames flow
        CLOSED,          //!< gone; the owner drops it
    };

    /** Why a connection ended. */
    enum CloseReason
    {
        PEER_FIN,          //!< the peer closed (FIN)
        PEER_RESET,        //!< a RST arrived
        TCP_TIMEOUT,       //!< the outer TCP gave up (retransmissions or SYNs exhausted)
        NO_PREFIX,         //!< responder: the stream did not start with IKETCP
        BAD_LENGTH,        //!< Length 0 or 1 (RFC 9329 §3)
        TOO_LONG,          //!< Length above the configured maximum
        ICV_FAILURE,       //!< an ESP packet on a known SPI failed its ICV (RFC 9329 §6.1)
        TOO_MANY_INVALID,  //!< too many unparseable messages or unknown SPIs
        NO_PROGRESS,       //!< nothing received for the progress timeout while sending
        RETIRED,           //!< responder: the peer moved to a newer connection
        LOCAL_CLOSE,       //!< closed by the owner (stop, test, experiment)
        TLS_ERROR,         //!< TLS: bad record, alert from the peer, or failed handshake
        SA_DELETED,        //!< originator: its IKE SA was deleted, none left (RFC 9329 §6.1)
        IDLE,              //!< responder: no IKE SA on it for IdleConnectionTimeout
        CLOSE_REASON_COUNT //!< number of reasons, not a reason
    };

    /**
     * \param reason a reason
     * \return its name, as in result tables
     */
    static const char* ToString(CloseReason reason);

    /**
     * \param state a state
     * \return its name, for logs
     */
    static const char* ToString(State state);

    /**
     * TracedValue signature for the State trace source.
     * \param [in] oldState the state before
     * \param [in] newState the state now
     */
    typedef void (*StateTracedCallback)(State oldState, State newState);

    /** Called when the connection becomes OPEN. */
    typedef Callback<void, TcpEncapConnection*> OpenCallback;
    /** Called with each message (frame without Length; bytes valid during the call). */
    typedef Callback<void, TcpEncapConnection*, const uint8_t*, uint32_t> MessageCallback;
    /** Called when the socket has room for more bytes. */
    typedef Callback<void, TcpEncapConnection*> SendSpaceCallback;
    /** Called once when the connection ends. */
    typedef Callback<void, TcpEncapConnection*, CloseReason> ClosedCallback;

    /**
     * \param socket a TCP socket, connecting (originator) or just accepted (responder)
     * \param originator whether this side opened the connection
     * \param framing the framing variant
     * \param maxLength the largest Length accepted
     */
    TcpEncapConnection(Ptr<Socket> socket,
                       bool originator,
                       FramingVariant framing,
                       uint32_t maxLength);
    ~TcpEncapConnection() override;

    /**
     * \brief Carry the stream inside TLS (RFC 9329 Appendix A). Call right after construction,
     * before Connect (originator) or any data (responder).
     * \param tls a fresh TLS stream of the right role
     * \param coalesce false: one record per Write (per frame); true: what is written between
     * two Flush calls goes out in records of up to 16 KiB
     */
    void EnableTls(std::unique_ptr<TlsStream> tls, bool coalesce);

    /** \return the TLS stream, or nullptr over plain TCP */
    const TlsStream* GetTls() const;

    /** \brief End of a burst of Writes: with coalescing TLS, seal what was written. */
    void Flush();

    /**
     * \brief Set the owner's callbacks; call before any event can happen.
     * \param open becomes OPEN
     * \param message a message arrived
     * \param space the socket has room
     * \param closed the connection ended
     */
    void SetCallbacks(OpenCallback open,
                      MessageCallback message,
                      SendSpaceCallback space,
                      ClosedCallback closed);

    /**
     * \brief Originator: connect to the responder.
     * \param peer address and port of the responder
     */
    void Connect(const Address& peer);

    /** \return the state */
    State GetState() const;

    /** \return the peer's address and port (what the endpoint sees as the origin) */
    const Address& GetPeer() const;

    /** \return bytes the socket takes now (0 unless OPEN), after TLS record overhead */
    uint32_t GetTxAvailable() const;

    /** \param bytes bytes to write; never more than GetTxAvailable */
    void Write(Ptr<Packet> bytes);

    /**
     * \brief End the connection with a FIN (the peer learns at once); the closed callback
     * fires with the reason.
     * \param reason why
     */
    void Close(CloseReason reason);

    /**
     * \brief Let go of the socket without closing it or telling the owner: for teardown,
     * when the node and its stack are being disposed.
     */
    void Abandon();

    /** \return when the last bytes arrived from the peer */
    Time GetLastRx() const;

    /** \return when bytes were last written */
    Time GetLastTx() const;

    /** \return whether part of a frame has arrived and waits for the rest */
    bool HasPartialFrame() const;

    /** \return the deframer (counts of messages and short frames) */
    const StreamDeframer& GetDeframer() const;

    /**
     * \brief Count one unusable message (unparseable, or unknown SPI) on this connection.
     * \return how many so far
     */
    uint32_t CountInvalid();

    /**
     * \param now the current time
     * \param timeout how long without progress counts as stalled
     * \return whether bytes were written since the peer last made progress (acknowledged
     * or sent anything) and that was at least timeout ago
     */
    bool IsStalled(Time now, Time timeout) const;

    /** \return outer TCP segments sent again (sequence below the highest sent) */
    uint64_t GetRetransmissions() const;

    /** \return outer TCP retransmission timeouts (entries into the loss state) */
    uint64_t GetTimeouts() const;

    /** \return the socket */
    Ptr<Socket> GetSocket() const;

  private:
    /** \param socket the connected socket */
    void HandleConnected(Ptr<Socket> socket);
    /** \param socket the socket that failed to connect */
    void HandleConnectFailed(Ptr<Socket> socket);
    /** \param socket the socket with data */
    void HandleRead(Ptr<Socket> socket);
    /** \param socket the socket \param available room */
    void HandleSend(Ptr<Socket> socket, uint32_t available);
    /** \param socket the socket closed by FIN or RST */
    void HandleNormalClose(Ptr<Socket> socket);
    /** \param socket the socket closed by an error */
    void HandleErrorClose(Ptr<Socket> socket);
    /** \param oldState previous \param newState new TCP state */
    void HandleTcpState(TcpSocket::TcpStates_t oldState, TcpSocket::TcpStates_t newState);
    /** \param oldAck previous \param newAck highest acknowledged sequence */
    void HandleAck(SequenceNumber32 oldAck, SequenceNumber32 newAck);
    /** \param data message bytes \param size its size */
    void HandleMessage(const uint8_t* data, uint32_t size);
    /** \brief Mark open and tell the owner. */
    void BecomeOpen();
    /** \brief Unhook the socket and report the end once. \param reason why */
    void Finish(CloseReason reason);
    /**
     * \brief Stream bytes after TCP or TLS: the prefix check, then the deframer.
     * \param data the bytes \param size how many
     * \return false if the connection closed
     */
    bool ProcessStream(const uint8_t* data, uint32_t size);
    /** \brief TLS: the handshake completed. */
    void HandleTlsHandshake();
    /** \param data plaintext from TLS \param size its size */
    void HandleTlsData(const uint8_t* data, uint32_t size);
    /** \brief TLS: move records to the socket as far as it has room. */
    void FlushTls();
    /** \param data plaintext \param size its size: seal it now */
    void SealTls(const uint8_t* data, uint32_t size);
    /** \brief Disconnect from the socket and the owner; state CLOSED. */
    void Unhook();
    /** \param state the new state (logged) */
    void SetState(State state);

    Ptr<Socket> m_socket;           //!< the outer TCP socket
    bool m_originator;              //!< this side connected
    TracedValue<State> m_state;     //!< life (trace source State)
    Address m_peer;                 //!< peer address and port
    StreamDeframer m_deframer;      //!< frames from the stream
    uint32_t m_prefixHave;          //!< responder: prefix bytes seen
    std::vector<uint8_t> m_rxBuf;   //!< contiguous copy of received bytes
    bool m_sawCloseWait;            //!< the peer sent FIN (tells FIN from RST)
    Time m_lastRx;                  //!< last bytes from the peer
    Time m_lastTx;                  //!< last bytes written
    Time m_lastProgress;            //!< last bytes received or acknowledgement advanced
    uint32_t m_invalid;             //!< unusable messages
    Ptr<TcpSocketStats> m_tcpStats; //!< outer retransmissions and RTOs
    OpenCallback m_openCb;          //!< owner: open
    MessageCallback m_messageCb;    //!< owner: message
    SendSpaceCallback m_spaceCb;    //!< owner: room
    ClosedCallback m_closedCb;      //!< owner: closed

    // TLS (RFC 9329 Appendix A)
    std::unique_ptr<TlsStream> m_tls; //!< TLS layer, or none
    bool m_coalesce{false};           //!< TLS: seal at Flush, not at each Write
    bool m_tlsWriteFailed{false};     //!< TLS: a Write failed; closed at Flush
    std::vector<uint8_t> m_tlsPlain;  //!< TLS: plaintext to seal (reused)
    std::vector<uint8_t> m_tlsOut;    //!< TLS: records for the socket (reused)
};

} // namespace ns3

#endif /* TCP_ENCAP_TCP_ENCAP_CONNECTION_H */
