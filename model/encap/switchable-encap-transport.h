/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_SWITCHABLE_ENCAP_TRANSPORT_H
#define TCP_ENCAP_SWITCHABLE_ENCAP_TRANSPORT_H

#include "ns3/encap-transport.h"

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief Two transports to the same peer, a datagram one (ESP-in-UDP) and a stream one
 * (ESP-in-TCP or ESP-in-TLS), of which one is in use: what UDP-to-TCP fallback and MOBIKE
 * switching (RFC 4555, RFC 9329 §7.1) need.
 *
 * Everything sent goes through the active transport; everything received from either is
 * delivered. The initiator's key management chooses (Use, SendIkeOn): the stream transport is
 * started only when first needed, so no TCP connection is opened while UDP works, and it can
 * be stopped again (StopStream) after moving back to UDP. The responder starts both and
 * follows its peer: ConfirmPeer after authenticated IKE makes the transport that delivered it
 * the active one; authenticated ESP confirms the peer's address on the active transport (NAT
 * rebinding, a new connection) but, arriving on the other one (in flight from before a move),
 * is delivered without moving anything.
 *
 * NAT-keepalives (SetNatKeepalive) go out on the datagram transport only while it is the
 * active one.
 *
 * The tunnel MTU is the smaller of the two, so that inner packets fit whichever is in use.
 * The children keep their own counters and traces.
 */
class SwitchableEncapTransport : public EncapTransport
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();

    SwitchableEncapTransport();
    ~SwitchableEncapTransport() override;

    /** Which of the two. */
    enum Kind
    {
        DATAGRAM, //!< ESP-in-UDP
        STREAM,   //!< ESP-in-TCP or ESP-in-TLS
    };

    /**
     * \param datagram the UDP transport, with its peer address and the same role as this one
     * \param stream the TCP or TLS transport, likewise
     */
    void SetTransports(Ptr<EncapTransport> datagram, Ptr<EncapTransport> stream);

    /**
     * \param kind DATAGRAM or STREAM
     * \return that transport
     */
    Ptr<EncapTransport> Get(Kind kind) const;

    /** \return the transport in use */
    Kind GetActive() const;

    /**
     * \brief Send through this transport from now on (starting it if needed).
     * \param kind DATAGRAM or STREAM
     */
    void Use(Kind kind);

    /** \brief Start the stream transport (the initiator connects) without using it yet. */
    void StartStream();

    /** \brief Stop the stream transport: its connections close and it does not reconnect. */
    void StopStream();

    /** \return whether the stream transport is started */
    bool IsStreamStarted() const;

    /**
     * \param kind DATAGRAM or STREAM (started if needed)
     * \param ike an IKE message
     * \return whether that transport took it
     */
    bool SendIkeOn(Kind kind, Ptr<Packet> ike);

    /** \return the transport that delivered the message being handled (valid in callbacks) */
    Kind GetDelivering() const;

    /** \return times the active transport changed */
    uint32_t GetSwitches() const;

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
    void SetNatKeepalive(bool on) override;
    void NotifyIkeSa(IkeSaPresence presence) override;

  protected:
    void DoDispose() override;

  private:
    /** \param kind the child that delivered \param data ESP \param size bytes \param from origin */
    void EspFrom(Kind kind, const uint8_t* data, uint32_t size, const Address& from);
    /** \param data ESP \param size bytes \param from origin */
    void DatagramEsp(const uint8_t* data, uint32_t size, const Address& from);
    /** \param data ESP \param size bytes \param from origin */
    void StreamEsp(const uint8_t* data, uint32_t size, const Address& from);
    /** \param ike message \param from origin */
    void DatagramIke(Ptr<Packet> ike, const Address& from);
    /** \param ike message \param from origin */
    void StreamIke(Ptr<Packet> ike, const Address& from);
    /** The stream transport's connection is up. */
    void StreamUp();
    /** The stream transport's connection ended. */
    void StreamDown();

    Ptr<EncapTransport> m_transports[2]; //!< by Kind
    Kind m_active{DATAGRAM};             //!< in use
    Kind m_delivering{DATAGRAM};         //!< during an upcall
    bool m_deliveringEsp{false};         //!< during an upcall: ESP (else IKE)
    bool m_natKeepalive{false};          //!< NAT-keepalives asked for (sent only on UDP in use)
    Ptr<Node> m_node;                    //!< set by Start
    bool m_streamStarted{false};         //!< stream transport running
    uint32_t m_switches{0};              //!< changes of m_active
};

} // namespace ns3

#endif /* TCP_ENCAP_SWITCHABLE_ENCAP_TRANSPORT_H */
