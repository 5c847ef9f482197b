/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_ENCAP_TRANSPORT_H
#define TCP_ENCAP_ENCAP_TRANSPORT_H

#include "ns3/address.h"
#include "ns3/callback.h"
#include "ns3/esp-status.h"
#include "ns3/inet-socket-address.h"
#include "ns3/node.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \defgroup tcp-encap TCP encapsulation of IKEv2 and ESP (RFC 9329)
 *
 * An IPsec remote-access tunnel with real cryptography on every packet: ESP (RFC 4303,
 * AES-GCM), IKEv2 (RFC 7296), carried over UDP (RFC 3948), TCP (RFC 9329) or TLS (RFC 9329
 * Appendix A) by an EncapTransport; IpsecEndpoint ties a tun device, the SPD/SAD, the IKE
 * session and a transport together, IpsecTunnelHelper installs them, and the middlebox
 * classes (firewall, NAPT, reset injector, Gilbert-Elliott loss) shape the path between.
 * The module's manual is doc/tcp-encap.rst.
 */

/**
 * \ingroup tcp-encap
 * \brief What the transport makes of one received message.
 */
enum class EncapMessageKind : uint8_t
{
    ESP,       //!< starts with a non-zero SPI
    IKE,       //!< starts with the 4-byte zero non-ESP marker
    KEEPALIVE, //!< the 1-byte 0xFF NAT-keepalive (RFC 3948 §2.3)
    MALFORMED, //!< too short to be either
};

/**
 * \ingroup tcp-encap
 * \brief Tell ESP from IKE from keepalive by the first bytes of a message (RFC 3948 §2,
 * RFC 9329 §3): shared by every transport.
 * \param data the message
 * \param size its length
 * \return its kind
 */
EncapMessageKind ClassifyEncapMessage(const uint8_t* data, uint32_t size);

/**
 * \ingroup tcp-encap
 * \brief Carries ESP packets and IKE messages between two IPsec peers.
 *
 * The endpoint hands it sealed ESP packets and IKE messages (starting at the IKE header);
 * the transport adds what its encapsulation needs (UDP port 4500 and the non-ESP marker
 * for IKE; stream framing over TCP or TLS) and delivers what it receives through the two
 * callbacks. ESP is delivered as bytes that stay valid for the duration of the call only,
 * so that no packet is made just to be copied again.
 *
 * The endpoint reports back what it learned from a message: ConfirmPeer after an ESP
 * packet authenticated (a responder moves to the address or connection it came from),
 * ReportInvalid after one did not (stream transports close a connection that carries
 * garbage).
 */
class EncapTransport : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    EncapTransport();
    ~EncapTransport() override;

    /**
     * The part an endpoint plays: the IKE initiator (remote-access client) opens TCP
     * connections and reconnects; the responder (gateway) listens (RFC 9329 §4, §6).
     */
    enum Role
    {
        INITIATOR, //!< IKE initiator, TCP originator
        RESPONDER, //!< IKE responder, TCP listener
    };

    /** Receives one ESP packet (bytes valid during the call) and where it came from. */
    typedef Callback<void, const uint8_t*, uint32_t, const Address&> EspCallback;

    /** Receives one IKE message (from the IKE header on) and where it came from. */
    typedef Callback<void, Ptr<Packet>, const Address&> IkeCallback;

    /**
     * TracedCallback signature for messages sent or received.
     * \param [in] kind ESP or IKE
     * \param [in] size the message's size without encapsulation, bytes
     */
    typedef void (*MessageTracedCallback)(EncapMessageKind kind, uint32_t size);

    /** \param cb called with each received ESP packet (from the SPI on) */
    void SetEspCallback(EspCallback cb);

    /** \param cb called with each received IKE message */
    void SetIkeCallback(IkeCallback cb);

    /** \return the role (attribute Role) */
    Role GetRole() const;

    /**
     * \brief Open sockets on the node (bind, listen or connect, as the subclass needs).
     * \param node the node of the endpoint that owns this transport
     */
    virtual void Start(Ptr<Node> node) = 0;

    /** \brief Close sockets; messages handed over afterwards are refused. */
    virtual void Stop() = 0;

    /**
     * \param esp a sealed ESP packet
     * \return whether the transport took it (false: dropped, e.g. not started or full)
     */
    virtual bool SendEsp(Ptr<Packet> esp) = 0;

    /**
     * \param ike an IKE message, starting at the IKE header
     * \return whether the transport took it
     */
    virtual bool SendIke(Ptr<Packet> ike) = 0;

    /**
     * \return the largest ESP packet the transport carries as one message: it sets the
     * tunnel MTU
     */
    virtual uint32_t GetMaxEspSize() const = 0;

    /** \return the name of the encapsulation, as in result tables ("udp", "tcp", "tls") */
    virtual std::string GetName() const = 0;

    /**
     * \brief An ESP packet from this origin authenticated: a responder sends there from now
     * on (NAT rebinding, RFC 3948 §2; a new connection, RFC 9329 §6).
     * \param from the origin given with the message
     */
    virtual void ConfirmPeer(const Address& from);

    /**
     * \brief An ESP packet from this origin could not be used.
     * \param from the origin given with the message
     * \param reason why (UNKNOWN_SPI, MALFORMED, ICV_FAILURE, ...)
     */
    virtual void ReportInvalid(const Address& from, EspStatus reason);

    /** Called when a stream transport's connection to the peer comes up or goes down. */
    typedef Callback<void> PathCallback;

    /**
     * \brief Be told when the path to the peer comes up and goes down: a stream transport's
     * originator calls up when a connection (and its IKETCP prefix, and TLS) is ready and down
     * when that connection ends. Datagram transports never call them. IKE uses them to resend
     * an outstanding request on a new connection (RFC 9329 §6.2).
     * \param up called on each connection that becomes usable
     * \param down called when the usable connection ends
     */
    void SetPathCallbacks(PathCallback up, PathCallback down);

    /**
     * \return whether messages travel on a reliable stream (TCP, TLS): IKE then never
     * retransmits on the same connection (RFC 9329 §6.2)
     */
    virtual bool IsStream() const;

    /**
     * \brief The addresses and ports of the path to the peer as this side sees them, for the
     * NAT_DETECTION payloads (RFC 7296 §2.23; over TCP the connection's, RFC 9329 §6.3).
     * \param[out] local this side's address and port
     * \param[out] peer the peer's address and port
     * \return whether a path is known (false before a connection is up)
     */
    virtual bool GetPath(InetSocketAddress& local, InetSocketAddress& peer) const;

    /**
     * \brief Send to one peer among several: a gateway's shared transport (IpsecGateway,
     * GatewayClientTransport). The message goes to an origin this transport gave with a
     * received message (UDP: the address and port; TCP/TLS: the connection, by its peer's
     * address and port) instead of to the single peer of SendEsp and SendIke.
     * \param message an ESP packet, or an IKE message from the IKE header on
     * \param kind ESP or IKE
     * \param to the origin to send to
     * \return whether the transport took it (false: no such peer, or full); the default takes
     * nothing
     */
    virtual bool SendTo(Ptr<Packet> message, EncapMessageKind kind, const Address& to);

    /**
     * \brief GetPath for one peer among several (see SendTo).
     * \param to the origin
     * \param[out] local this side's address and port on that path
     * \param[out] peer the peer's
     * \return whether the path is known; the default knows none
     */
    virtual bool GetPathTo(const Address& to,
                           InetSocketAddress& local,
                           InetSocketAddress& peer) const;

    /**
     * \brief Send NAT-keepalives (RFC 3948 §2.3) or stop: IKE turns them on when NAT
     * detection finds this side behind a NAT. Only datagram transports send them; over TCP
     * there are none (RFC 9329 §6.5), so the default does nothing.
     * \param on whether to send them
     */
    virtual void SetNatKeepalive(bool on);

    /** What IKE has on this transport (NotifyIkeSa). */
    enum class IkeSaPresence : uint8_t
    {
        NEGOTIATING, //!< IKE runs here, no IKE SA is up yet
        UP,          //!< an IKE SA is up (on the active path)
        GONE,        //!< the IKE SA was deleted or failed: none is left
    };

    /**
     * \brief IKE tells the transport whether an IKE SA uses it, for connection housekeeping
     * (RFC 9329 §6.1): a stream originator closes its connection when the last IKE SA on it
     * is gone (GONE) and does not reconnect; a stream responder closes connections that carry
     * no IKE SA after its IdleConnectionTimeout, counted from their acceptance or from GONE.
     * Without IKE (manual keying) it is never called and nothing is closed. Datagram
     * transports have nothing to close: the default does nothing.
     * \param presence what IKE has now
     */
    virtual void NotifyIkeSa(IkeSaPresence presence);

    /** \return messages received that were neither ESP nor IKE nor keepalive */
    uint64_t GetMalformedCount() const;

    /** \return NAT-keepalives received (and dropped) */
    uint64_t GetKeepaliveCount() const;

  protected:
    /**
     * \brief Dispatch one received message by its first bytes; IKE loses its marker.
     * \param data the message, without outer encapsulation (may still carry the marker)
     * \param size its length
     * \param from the origin (outer address, or connection)
     */
    void Deliver(const uint8_t* data, uint32_t size, const Address& from);

    /**
     * \brief Fire the transmit trace.
     * \param kind ESP or IKE
     * \param size message size
     */
    void NotifySend(EncapMessageKind kind, uint32_t size);

    /**
     * \brief Hand an ESP packet that another transport already classified to the ESP
     * callback (transports made of other transports).
     * \param data the ESP packet
     * \param size its length
     * \param from its origin
     */
    void ForwardEsp(const uint8_t* data, uint32_t size, const Address& from);

    /**
     * \brief Hand an IKE message (marker removed) to the IKE callback.
     * \param ike the message
     * \param from its origin
     */
    void ForwardIke(Ptr<Packet> ike, const Address& from);

    /** \brief Tell the path callback that a connection to the peer is usable. */
    void NotifyPathUp();

    /** \brief Tell the path callback that the usable connection ended. */
    void NotifyPathDown();

    void DoDispose() override;

  private:
    Role m_role;                                          //!< initiator or responder
    EspCallback m_espCallback;                            //!< ESP upcall
    IkeCallback m_ikeCallback;                            //!< IKE upcall
    PathCallback m_pathUp;                                //!< connection usable
    PathCallback m_pathDown;                              //!< connection ended
    uint64_t m_malformed{0};                              //!< malformed messages
    uint64_t m_keepalives{0};                             //!< keepalives received
    TracedCallback<EncapMessageKind, uint32_t> m_txTrace; //!< messages sent
    TracedCallback<EncapMessageKind, uint32_t> m_rxTrace; //!< messages received
};

} // namespace ns3

#endif /* TCP_ENCAP_ENCAP_TRANSPORT_H */
