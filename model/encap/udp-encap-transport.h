/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_UDP_ENCAP_TRANSPORT_H
#define TCP_ENCAP_UDP_ENCAP_TRANSPORT_H

#include "ns3/encap-transport.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/socket.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief ESP and IKE in UDP datagrams (RFC 3948): one ESP packet per datagram, IKE behind
 * the 4-byte non-ESP marker, both on port 4500; 1-byte 0xFF keepalives are dropped. A
 * responder follows the source address and port of authenticated ESP (NAT rebinding).
 */
class UdpEncapTransport : public EncapTransport
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    UdpEncapTransport();
    ~UdpEncapTransport() override;

    void Start(Ptr<Node> node) override;
    bool GetPath(InetSocketAddress& local, InetSocketAddress& peer) const override;
    void SetNatKeepalive(bool on) override;

    /** \return NAT-keepalives sent */
    uint64_t GetKeepalivesSent() const;
    void Stop() override;
    bool SendEsp(Ptr<Packet> esp) override;
    bool SendIke(Ptr<Packet> ike) override;
    uint32_t GetMaxEspSize() const override;
    std::string GetName() const override;
    void ConfirmPeer(const Address& from) override;
    bool SendTo(Ptr<Packet> message, EncapMessageKind kind, const Address& to) override;
    bool GetPathTo(const Address& to,
                   InetSocketAddress& local,
                   InetSocketAddress& peer) const override;

    /** \return the UDP socket, once started (for tests and traces) */
    Ptr<Socket> GetSocket() const;

  protected:
    void DoDispose() override;

  private:
    /**
     * \param datagram the UDP payload to send to the peer
     * \return whether the socket took it
     */
    bool SendDatagram(Ptr<Packet> datagram);

    /**
     * \param datagram the UDP payload
     * \param to where to
     * \return whether the socket took it
     */
    bool SendDatagramTo(Ptr<Packet> datagram, const Address& to);

    /**
     * \param peer a peer's address
     * \param[out] local the source routing picks to reach it, with the local port
     * \return whether a route exists
     */
    bool GetLocalFor(Ipv4Address peer, InetSocketAddress& local) const;

    /** \param socket the socket with datagrams to read */
    void HandleRead(Ptr<Socket> socket);

    uint16_t m_localPort;         //!< bound port
    Ipv4Address m_peerAddress;    //!< the other endpoint's outer address
    uint16_t m_peerPort;          //!< the other endpoint's port
    uint32_t m_pathMtu;           //!< outer path MTU, bytes
    Ptr<Socket> m_socket;         //!< the UDP socket
    Time m_keepaliveInterval;     //!< between NAT-keepalives
    bool m_keepaliveOn{false};    //!< sending them
    EventId m_keepaliveEvent;     //!< next one
    uint64_t m_keepalivesSent{0}; //!< sent so far

    /** \brief Send one NAT-keepalive and schedule the next. */
    void SendKeepalive();
    std::vector<uint8_t> m_rxBuf; //!< contiguous copy of a received datagram
};

} // namespace ns3

#endif /* TCP_ENCAP_UDP_ENCAP_TRANSPORT_H */
