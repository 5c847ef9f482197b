/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_GATEWAY_CLIENT_TRANSPORT_H
#define TCP_ENCAP_GATEWAY_CLIENT_TRANSPORT_H

#include "ns3/encap-transport.h"

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief One client's view of a gateway's shared transports (IpsecGateway): what a
 * single-peer transport is to an IpsecEndpoint, for one client among many.
 *
 * The gateway owns the sockets (one UDP socket on 4500, a TCP listener on 4500, a TLS listener
 * on 443) and hands each received message to the client it belongs to (InjectEsp, InjectIke).
 * This view remembers where its client is: the shared transport and the origin (UDP address
 * and port, or the TCP connection by its peer's address and port) of the last authenticated
 * message, as ConfirmPeer tells it during the upcall, the way a single-peer responder follows
 * NAT rebinding and new connections (RFC 3948 §2, RFC 9329 §6). What the client's endpoint and
 * IKE session send goes there through the shared transport's SendTo.
 *
 * A datagram view stays on the gateway's UDP transport; a stream view moves between its TCP
 * and TLS listeners with the client. Each client has one of each inside a
 * SwitchableEncapTransport, so IKE's transport choice and MOBIKE work per client as they do
 * with one peer. A stream view reports path up when a connection is confirmed as its client's
 * and down when that connection ends (ConnectionClosed), so IKE resends its outstanding request
 * on the client's next connection (RFC 9329 §6.2). Start and Stop do nothing: the gateway
 * starts and stops the shared transports.
 */
class GatewayClientTransport : public EncapTransport
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    GatewayClientTransport();
    ~GatewayClientTransport() override;

    /**
     * \param home the shared transport this view starts on; it gives the view's kind (stream
     *        or not), its name until the client shows up elsewhere and its largest ESP packet
     */
    void SetHome(Ptr<EncapTransport> home);

    /**
     * \brief An ESP packet from this view's client (the gateway found it by SPI).
     * \param port the shared transport it came on
     * \param data the packet, from the SPI on (valid during the call)
     * \param size its length
     * \param from its origin on port
     */
    void InjectEsp(Ptr<EncapTransport> port,
                   const uint8_t* data,
                   uint32_t size,
                   const Address& from);

    /**
     * \brief An IKE message for this view's client (found by SPI).
     * \param port the shared transport it came on
     * \param ike the message, from the IKE header on
     * \param from its origin on port
     */
    void InjectIke(Ptr<EncapTransport> port, Ptr<Packet> ike, const Address& from);

    /**
     * \brief A connection of a shared stream transport ended.
     * \param port the shared transport
     * \param peer the connection's peer address and port
     */
    void ConnectionClosed(Ptr<EncapTransport> port, const Address& peer);

    /**
     * \param port a shared transport
     * \param peer an origin on it
     * \return whether this view's client is there and an IKE SA is being negotiated or is up
     */
    bool Carries(Ptr<EncapTransport> port, const Address& peer) const;

    /** \return where the client is: the shared transport (nullptr before it showed up) */
    Ptr<EncapTransport> GetPort() const;

    /** \return where the client is: its origin on GetPort() */
    const Address& GetPeer() const;

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

  protected:
    void DoDispose() override;

  private:
    /**
     * \param message what to send
     * \param kind ESP or IKE
     * \return whether the shared transport took it
     */
    bool Send(Ptr<Packet> message, EncapMessageKind kind);

    Ptr<EncapTransport> m_home;       //!< the shared transport it starts on
    Ptr<EncapTransport> m_port;       //!< where the client is (nullptr: not seen yet)
    Address m_peer;                   //!< its origin there
    Ptr<EncapTransport> m_delivering; //!< during an upcall: the transport it came on
    bool m_stopped{false};            //!< Stop was called: sends are refused
    bool m_pathUp{false};             //!< stream: the client's connection is confirmed
    IkeSaPresence m_ikeSa{IkeSaPresence::NEGOTIATING}; //!< what IKE has here
};

} // namespace ns3

#endif /* TCP_ENCAP_GATEWAY_CLIENT_TRANSPORT_H */
