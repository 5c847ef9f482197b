/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_ENCAP_TRANSPORT_H
#define TCP_ENCAP_ENCAP_TRANSPORT_H

#include "ns3/address.h"
#include "ns3/callback.h"
#include "ns3/node.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <string>

namespace ns3
{

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
 * the transport adds what its encapsulation needs (UDP port 4500 and the non-ESP marker for
 * IKE; later stream framing over TCP or TLS) and delivers what it receives through the two
 * callbacks. Subclasses: UdpEncapTransport (RFC 3948).
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

    /** Receives one message and the outer address it came from. */
    typedef Callback<void, Ptr<Packet>, const Address&> ReceiveCallback;

    /**
     * TracedCallback signature for outer messages sent or received.
     * \param [in] message the ESP packet or IKE message, without encapsulation
     * \param [in] kind ESP or IKE
     */
    typedef void (*MessageTracedCallback)(Ptr<const Packet> message, EncapMessageKind kind);

    /** \param cb called with each received ESP packet (from the SPI on) */
    void SetEspCallback(ReceiveCallback cb);

    /** \param cb called with each received IKE message (from the IKE header on) */
    void SetIkeCallback(ReceiveCallback cb);

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
     * \return the largest ESP packet that fits one outer packet on the path: it sets the
     * tunnel MTU
     */
    virtual uint32_t GetMaxEspSize() const = 0;

    /** \return the name of the encapsulation, as in result tables ("udp", "tcp", "tls") */
    virtual std::string GetName() const = 0;

    /** \return messages received that were neither ESP nor IKE nor keepalive */
    uint64_t GetMalformedCount() const;

    /** \return NAT-keepalives received (and dropped) */
    uint64_t GetKeepaliveCount() const;

  protected:
    /**
     * \brief Dispatch one received message by its first bytes; IKE loses its marker.
     * \param message the message, without outer encapsulation (may still carry the marker)
     * \param from the outer address it came from
     */
    void Deliver(Ptr<Packet> message, const Address& from);

    /**
     * \brief Fire the transmit trace.
     * \param message the message
     * \param kind its kind
     */
    void NotifySend(Ptr<const Packet> message, EncapMessageKind kind);

    void DoDispose() override;

  private:
    ReceiveCallback m_espCallback;                                 //!< ESP upcall
    ReceiveCallback m_ikeCallback;                                 //!< IKE upcall
    uint64_t m_malformed{0};                                       //!< malformed messages
    uint64_t m_keepalives{0};                                      //!< keepalives received
    TracedCallback<Ptr<const Packet>, EncapMessageKind> m_txTrace; //!< messages sent
    TracedCallback<Ptr<const Packet>, EncapMessageKind> m_rxTrace; //!< messages received
};

} // namespace ns3

#endif /* TCP_ENCAP_ENCAP_TRANSPORT_H */
