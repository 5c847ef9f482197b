/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IPSEC_ENDPOINT_H
#define TCP_ENCAP_IPSEC_ENDPOINT_H

#include "ns3/application.h"
#include "ns3/encap-transport.h"
#include "ns3/esp-status.h"
#include "ns3/ipsec-sad.h"
#include "ns3/ipsec-spd.h"
#include "ns3/traced-callback.h"
#include "ns3/virtual-net-device.h"

#include <vector>

namespace ns3
{

class IkeSession;

/**
 * \ingroup tcp-encap
 * \brief One IPsec tunnel endpoint (client or gateway): a tun-style VirtualNetDevice whose
 * outgoing IPv4 packets are sealed into ESP and handed to an EncapTransport, and whose
 * received ESP is opened and given back to the node's IP stack.
 *
 * Outbound: tun send callback -> SPD lookup by inner addresses -> EspSa::Seal ->
 * EncapTransport::SendEsp. Inbound: transport ESP callback -> SAD lookup by SPI ->
 * EspSa::Open (replay check, ICV, window) -> inbound policy check -> tun Receive.
 * Every packet ends in exactly one EspStatus, counted per direction and traced.
 */
class IpsecEndpoint : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    IpsecEndpoint();
    ~IpsecEndpoint() override;

    /**
     * TracedCallback signature for a sealed or opened packet.
     * \param [in] inner the inner IPv4 packet
     * \param [in] esp the ESP packet
     */
    typedef void (*EspTracedCallback)(Ptr<const Packet> inner, Ptr<const Packet> esp);

    /**
     * TracedCallback signature for a dropped packet.
     * \param [in] packet the inner packet (outbound) or the ESP packet (inbound)
     * \param [in] reason why it was dropped
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, EspStatus reason);

    /**
     * TracedCallback signature for a received IKE message.
     * \param [in] message the message, from the IKE header on
     */
    typedef void (*IkeTracedCallback)(Ptr<const Packet> message);

    /**
     * TracedCallback signature for a Child SA pair put in place.
     * \param outbound the outbound SA's parameters (this endpoint seals with it)
     * \param inbound the inbound SA's parameters (this endpoint opens with it)
     */
    typedef void (*ChildSaTracedCallback)(const EspSaParams& outbound, const EspSaParams& inbound);

    /**
     * \brief Attach the tun device: its send callback becomes this endpoint's.
     * \param tun a VirtualNetDevice on this endpoint's node
     */
    void SetTunDevice(Ptr<VirtualNetDevice> tun);

    /**
     * \brief Deliver opened packets to a tun device shared with other endpoints, without taking
     * its send callback: an IpsecGateway's per-client endpoints share the gateway's tun, and the
     * gateway hands each the packets for its client (Send). The MTU stays the owner's.
     * \param tun a VirtualNetDevice on this endpoint's node
     */
    void SetSharedTunDevice(Ptr<VirtualNetDevice> tun);

    /** \return the tun device */
    Ptr<VirtualNetDevice> GetTunDevice() const;

    /**
     * \brief Seal an inner IPv4 packet and send it, as if the tun device had sent it.
     * \param packet the inner IPv4 packet, with its header
     * \return whether it was sealed and handed to the transport (else counted as a drop)
     */
    bool Send(Ptr<Packet> packet);

    /**
     * \brief Start the transport and the IKE session now, for an endpoint that is not one of
     * its node's applications (an IpsecGateway's per-client endpoints: SetNode first).
     */
    void Open();

    /** \brief Stop the IKE session and the transport (the counterpart of Open). */
    void Close();

    /**
     * \brief Choose the encapsulation; the tun MTU follows from it.
     * \param transport a transport not shared with another endpoint
     */
    void SetTransport(Ptr<EncapTransport> transport);

    /** \return the transport */
    Ptr<EncapTransport> GetTransport() const;

    /**
     * \brief Install a manually keyed Child SA pair (like `ip xfrm state`): traffic matching
     * the selector is sealed with the outbound SA; packets with the inbound SA's SPI are opened.
     * \param selector inner traffic covered
     * \param outbound SA for sending
     * \param inbound SA for receiving
     */
    void AddChildSa(const TrafficSelector& selector, Ptr<EspSa> outbound, Ptr<EspSa> inbound);

    /**
     * \brief Key the tunnel with IKEv2: the session is started and stopped with this
     * application, gets every IKE message the transport delivers, and installs, rekeys and
     * removes Child SAs through the methods below. Without a session, SAs are set by hand.
     * \param session the IKE session
     */
    void SetIkeSession(Ptr<IkeSession> session);

    /** \return the IKE session, or nullptr (manual keys) */
    Ptr<IkeSession> GetIkeSession() const;

    /**
     * \brief A Child SA pair from key management. The inbound SA is accepted at once, besides
     * any older one (make-before-break rekeying, RFC 7296 §2.8); the outbound SA seals the
     * selector's traffic now or, with useOutboundNow false, after SetOutboundSa.
     * \param selector the policy
     * \param outbound SA for sending
     * \param inbound SA for receiving
     * \param useOutboundNow whether to seal with the outbound SA from now on
     */
    void InstallChildSa(const TrafficSelector& selector,
                        Ptr<EspSa> outbound,
                        Ptr<EspSa> inbound,
                        bool useOutboundNow);

    /**
     * \brief Seal the selector's traffic with another SA from now on (or add the policy).
     * \param selector the policy
     * \param outbound the new outbound SA
     */
    void SetOutboundSa(const TrafficSelector& selector, Ptr<EspSa> outbound);

    /**
     * \param spi an inbound SA's SPI
     * \return whether it was there and is gone
     */
    bool RemoveInboundSa(uint32_t spi);

    /**
     * \param selector a policy
     * \return whether it was there and is gone (its traffic is dropped from now on)
     */
    bool RemovePolicy(const TrafficSelector& selector);

    /**
     * \return the largest inner packet that fits one outer packet: ESP overhead and padding
     * subtracted from the transport's largest ESP packet
     */
    uint32_t GetTunnelMtu() const;

    /** \return outcomes of outbound packets (OK = sealed and handed to the transport) */
    const EspCounters& GetTxCounters() const;

    /** \return outcomes of inbound packets (OK = opened and delivered to the stack) */
    const EspCounters& GetRxCounters() const;

    /** \return the inbound SAs */
    const IpsecSad& GetSad() const;

    /** \return the outbound policies and their SAs */
    const IpsecSpd& GetSpd() const;

    /** \return IKE messages received */
    uint64_t GetIkeRxCount() const;

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /**
     * \brief The tun device's send callback.
     * \param packet the inner IPv4 packet, with its header
     * \param source unused
     * \param dest unused
     * \param protocolNumber the L3 protocol (0x0800 for IPv4)
     * \return whether the packet was sealed and handed to the transport
     */
    bool SendFromTun(Ptr<Packet> packet,
                     const Address& source,
                     const Address& dest,
                     uint16_t protocolNumber);

    /**
     * \param esp a received ESP packet, from the SPI on
     * \param size its length
     * \param from where it came from (outer address or connection)
     */
    void ReceiveEsp(const uint8_t* esp, uint32_t size, const Address& from);

    /**
     * \param ike a received IKE message
     * \param from the outer address it came from
     */
    void ReceiveIke(Ptr<Packet> ike, const Address& from);

    /** \brief Set the tun MTU from the transport. */
    void UpdateTunMtu();

    Ptr<VirtualNetDevice> m_tun;                                      //!< the tun device
    bool m_sharedTun{false};                                          //!< not ours to configure
    Ptr<EncapTransport> m_transport;                                  //!< outer encapsulation
    Ptr<IkeSession> m_ike;                                            //!< key management
    IpsecSpd m_spd;                                                   //!< outbound policies
    IpsecSad m_sad;                                                   //!< inbound SAs
    EspCounters m_tx;                                                 //!< outbound outcomes
    EspCounters m_rx;                                                 //!< inbound outcomes
    uint64_t m_ikeRx{0};                                              //!< IKE messages received
    TracedCallback<Ptr<const Packet>, Ptr<const Packet>> m_sealTrace; //!< sealed
    TracedCallback<Ptr<const Packet>, Ptr<const Packet>> m_openTrace; //!< opened
    TracedCallback<Ptr<const Packet>, EspStatus> m_txDropTrace;       //!< outbound drops
    TracedCallback<Ptr<const Packet>, EspStatus> m_rxDropTrace;       //!< inbound drops
    TracedCallback<Ptr<const Packet>> m_ikeRxTrace;                   //!< IKE received
    TracedCallback<const EspSaParams&, const EspSaParams&> m_childSaTrace; //!< SAs added
};

} // namespace ns3

#endif /* TCP_ENCAP_IPSEC_ENDPOINT_H */
