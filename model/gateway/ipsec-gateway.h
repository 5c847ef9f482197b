/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IPSEC_GATEWAY_H
#define TCP_ENCAP_IPSEC_GATEWAY_H

#include "ns3/application.h"
#include "ns3/encap-transport.h"
#include "ns3/esp-sa.h"
#include "ns3/event-id.h"
#include "ns3/ike-proposals.h"
#include "ns3/ike-session.h"
#include "ns3/ipsec-spd.h"
#include "ns3/nstime.h"
#include "ns3/object-factory.h"
#include "ns3/traced-callback.h"
#include "ns3/virtual-net-device.h"

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace ns3
{

class GatewayClientTransport;
class IkeCredential;
class IpsecEndpoint;

/**
 * \ingroup tcp-encap
 * \brief Why the gateway let go of a client.
 */
enum class GatewayClientEnd : uint8_t
{
    HALF_OPEN, //!< no IKE SA authenticated within HalfOpenTimeout (RFC 7296 §2.6)
    CLOSED,    //!< its IKE SA was deleted (DELETE, or a failed negotiation or liveness check)
    REPLACED,  //!< a new IKE SA of the same identity with INITIAL_CONTACT (RFC 7296 §2.4)
    STOPPED,   //!< the gateway stopped
};

/**
 * \ingroup tcp-encap
 * \brief What the gateway shows of one client.
 */
struct IpsecGatewayClient
{
    uint32_t id{0};                //!< in order of arrival, from 0
    Ptr<IpsecEndpoint> endpoint;   //!< its SAD, SPD and counters
    Ptr<IkeSession> ike;           //!< its IKE responder
    bool hasInner{false};          //!< it holds inner addresses (a Child SA was accepted)
    Ipv4Address innerNetwork;      //!< the inner addresses it holds
    Ipv4Mask innerMask;            //!< their prefix
    Ptr<EncapTransport> transport; //!< the transport it uses now (its per-client view)
};

/**
 * \ingroup tcp-encap
 * \brief A remote-access VPN gateway that serves many clients at once: one IKE responder per
 * client, found by SPI, behind shared sockets (one UDP socket on 4500, a TCP listener on 4500,
 * a TLS listener on 443) and one tun device.
 *
 * Each client has its own IpsecEndpoint (SAD, SPD, counters) and IkeSession (responder), made
 * when its first IKE_SA_INIT arrives, and its own GatewayClientTransport views of the shared
 * transports (both inside a SwitchableEncapTransport when the gateway has UDP and a stream
 * transport, so that fallback and MOBIKE work per client). Received messages go to their
 * client by SPI (RFC 7296 §2, RFC 4303 §2.1): ESP by the inbound SPI of its Child SAs, IKE by
 * the responder SPI of its IKE SAs (rekeyed ones too) and, for IKE_SA_INIT requests (responder
 * SPI 0), by the initiator SPI; an IKE_SA_INIT with a new initiator SPI makes a new client. So
 * several IKE SAs can share one TCP connection and one client can use several connections;
 * a client's IKE_SA_INIT, reset, reconnection, rekey or forged packet reaches its own state
 * only. Inbound Child SA SPIs are unique across clients (IkeSession::SetSpiInUse).
 *
 * Inner addresses: the gateway's policy is its protected network against a client address pool
 * (SetClientPool); each client's IKE responder accepts the TSi its client proposes inside the
 * pool, which the client gets from the helper's plan (one address per client, configured on its
 * tun; no configuration payload). The gateway hands out each address once: a TSi that overlaps
 * another client's is refused (TS_UNACCEPTABLE), unless that client has the same authenticated
 * identity and the new IKE_AUTH carries INITIAL_CONTACT, which replaces the old client (RFC
 * 7296 §2.4). Packets from the tun go to the client holding their destination. An IKE SA that
 * does not authenticate within HalfOpenTimeout is dropped with its client; an established one
 * stays until deleted: an unauthenticated IKE_SA_INIT never touches it.
 *
 * Not modelled: a configuration payload (CP, RFC 7296 §3.15), a gateway-wide COOKIE threshold
 * (each client's responder counts only its own half-open SAs), NAT-keepalives from the gateway.
 */
class IpsecGateway : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    IpsecGateway();
    ~IpsecGateway() override;

    /**
     * TracedCallback signature for a client made or let go.
     * \param id the client's id
     */
    typedef void (*ClientTracedCallback)(uint32_t id);

    /**
     * TracedCallback signature for a client let go.
     * \param id the client's id
     * \param end why
     */
    typedef void (*ClientEndTracedCallback)(uint32_t id, GatewayClientEnd end);

    /** Gateway-wide counts. */
    struct Counters
    {
        uint64_t clientsMade{0};      //!< clients made (one per new IKE_SA_INIT)
        uint64_t clientsRefused{0};   //!< IKE_SA_INITs dropped at MaxClients
        uint64_t halfOpenDropped{0};  //!< clients let go after HalfOpenTimeout
        uint64_t closed{0};           //!< clients whose IKE SA was deleted or failed
        uint64_t replaced{0};         //!< clients replaced by INITIAL_CONTACT
        uint64_t unknownEspSpi{0};    //!< ESP whose SPI is no client's
        uint64_t unknownIkeSpi{0};    //!< IKE whose SPIs are no client's
        uint64_t malformedIke{0};     //!< IKE messages too short for a header
        uint64_t addressConflicts{0}; //!< TSi refused: another client holds the address
        uint64_t noClient{0};         //!< tun packets whose destination no client holds
    };

    /**
     * \brief The tun device of every client: its send callback becomes the gateway's, which
     * hands each packet to the client holding its destination.
     * \param tun a VirtualNetDevice on the gateway's node
     */
    void SetTunDevice(Ptr<VirtualNetDevice> tun);

    /** \return the tun device */
    Ptr<VirtualNetDevice> GetTunDevice() const;

    /**
     * \brief Listen with this transport (Role RESPONDER): at most one datagram transport
     * (UdpEncapTransport) and any stream transports (TcpEncapTransport, TlsEncapTransport, each
     * on its own port), all started and stopped with the gateway.
     * \param transport a responder transport not used by anything else
     */
    void AddTransport(Ptr<EncapTransport> transport);

    /** \return the transports, in the order added */
    const std::vector<Ptr<EncapTransport>>& GetTransports() const;

    /**
     * \param network the inner network behind the gateway (TSr)
     * \param mask its prefix
     */
    void SetProtectedNetwork(Ipv4Address network, Ipv4Mask mask);

    /** \return the policy: the protected network (local) against the client pool (remote) */
    const TrafficSelector& GetPolicy() const;

    /**
     * \param network the inner addresses clients may claim, each its own (TSi)
     * \param mask their prefix
     */
    void SetClientPool(Ipv4Address network, Ipv4Mask mask);

    /**
     * \param factory makes each client's IkeSession (attributes: PreSharedKey, LocalId,
     *        Authentication, Mobike, LivenessInterval, ...)
     */
    void SetIkeSessionFactory(const ObjectFactory& factory);

    /** \param suite the ESP transform of every client's Child SAs */
    void SetChildSaSuite(const ChildSaSuite& suite);

    /**
     * \brief Certificate authentication (Authentication CERTIFICATE in the factory): the
     * gateway's credential, and the client certificate every client presents.
     * \param own the gateway's key and certificate
     * \param peerCertificateDer the clients' certificate (DER)
     */
    void SetCredentials(Ptr<IkeCredential> own, const std::vector<uint8_t>& peerCertificateDer);

    /**
     * \brief Random streams of the clients' IKE sessions: client k uses stream + k.
     * \param stream the first stream index
     * \return 1; the clients use the streams from stream on, one each
     */
    int64_t AssignStreams(int64_t stream);

    /** \return clients now (half-open ones included) */
    uint32_t GetClientCount() const;

    /** \return clients whose IKE SA is established */
    uint32_t GetEstablishedCount() const;

    /** \return every client now, by id */
    std::vector<IpsecGatewayClient> GetClients() const;

    /**
     * \param inner an inner address
     * \return the endpoint of the client holding it, or nullptr
     */
    Ptr<IpsecEndpoint> FindClientByInner(Ipv4Address inner) const;

    /** \return the gateway-wide counts */
    const Counters& GetCounters() const;

  protected:
    void DoDispose() override;

  private:
    /** One client's state. */
    struct Client
    {
        uint32_t id{0};                       //!< in order of arrival
        Ptr<IpsecEndpoint> endpoint;          //!< SAD, SPD, counters
        Ptr<IkeSession> ike;                  //!< IKE responder
        Ptr<GatewayClientTransport> datagram; //!< view of the UDP transport (or nullptr)
        Ptr<GatewayClientTransport> stream;   //!< view of the stream transports (or nullptr)
        uint64_t initSpi{0};                  //!< the IKE_SA_INIT's initiator SPI
        std::vector<uint64_t> ikeSpis;        //!< responder SPIs registered for it
        std::vector<uint32_t> espSpis;        //!< inbound ESP SPIs registered for it
        bool hasInner{false};                 //!< holds an inner range
        uint32_t innerStart{0};               //!< its first inner address
        uint32_t innerEnd{0};                 //!< its last
        EventId halfOpenTimer;                //!< HalfOpenTimeout
        bool ending{false};                   //!< removal scheduled
    };

    void StartApplication() override;
    void StopApplication() override;

    /**
     * \param index the transport it came on (in m_ports)
     * \param data the ESP packet \param size its length \param from its origin
     */
    void ReceiveEsp(uint32_t index, const uint8_t* data, uint32_t size, const Address& from);

    /**
     * \param index the transport it came on (in m_ports)
     * \param ike the IKE message \param from its origin
     */
    void ReceiveIke(uint32_t index, Ptr<Packet> ike, const Address& from);

    /**
     * \brief The tun device's send callback: to the client holding the destination.
     * \param packet the inner packet \param source unused \param dest unused
     * \param protocolNumber the L3 protocol
     * \return whether a client sealed and sent it
     */
    bool SendFromTun(Ptr<Packet> packet,
                     const Address& source,
                     const Address& dest,
                     uint16_t protocolNumber);

    /**
     * \param initSpi the initiator SPI of its IKE_SA_INIT
     * \return a new client, started, or nullptr at MaxClients
     */
    Client* MakeClient(uint64_t initSpi);

    /** \param client a client \param port a shared transport \return its view there */
    Ptr<GatewayClientTransport> ViewFor(Client& client, Ptr<EncapTransport> port) const;

    /** \param id a client \param end why: let it go (stop, unregister, dispose) */
    void RemoveClient(uint32_t id, GatewayClientEnd end);

    /** \brief Let every client go (STOPPED): the gateway stops or is disposed. */
    void RemoveAllClients();

    /** \param id a client \param end why: RemoveClient from a fresh event */
    void ScheduleRemoval(uint32_t id, GatewayClientEnd end);

    /** \param id a client whose IKE state changed \param from old \param to new */
    void ClientStateChanged(uint32_t id, IkeSession::State from, IkeSession::State to);

    /**
     * \brief A new IKE SA of a client (IkeSession's IkeSaKeys): register its responder SPI.
     * \param id the client \param spiI initiator SPI \param spiR responder SPI
     * \param skEi unused \param skEr unused
     */
    void ClientIkeSa(uint32_t id,
                     uint64_t spiI,
                     uint64_t spiR,
                     const std::vector<uint8_t>& skEi,
                     const std::vector<uint8_t>& skEr);

    /**
     * \brief A new Child SA pair of a client (IpsecEndpoint's ChildSaAdded): register its
     * inbound SPI.
     * \param id the client \param outbound unused \param inbound the inbound SA's parameters
     */
    void ClientChildSa(uint32_t id, const EspSaParams& outbound, const EspSaParams& inbound);

    /**
     * \brief IkeSession::SelectorCheck for client id: claim the proposed inner addresses.
     * \param id the client
     * \param selector the traffic (remote: the client's inner addresses)
     * \param identity the client's authenticated identity
     * \param initialContact whether its IKE_AUTH carried INITIAL_CONTACT
     * \return whether the addresses are now its own
     */
    bool ClaimInner(uint32_t id,
                    const TrafficSelector& selector,
                    const std::string& identity,
                    bool initialContact);

    /** \param client a client: give its inner range back */
    void ReleaseInner(Client& client);

    /** \param spi an inbound SPI \return whether some client has it */
    bool EspSpiInUse(uint32_t spi) const;

    /**
     * \param index a stream transport (in m_ports) \param peer a connection
     * \return whether a client's IKE SA uses it
     */
    bool ConnectionInUse(uint32_t index, const Address& peer) const;

    /**
     * \param index a stream transport (in m_ports) \param peer a connection that ended
     * \param reason why
     */
    void ConnectionClosed(uint32_t index, const Address& peer, uint32_t reason);

    /** \brief The tun MTU: the smallest inner packet any transport carries whole. */
    void UpdateTunMtu();

    // Configuration
    Ptr<VirtualNetDevice> m_tun;              //!< shared tun
    std::vector<Ptr<EncapTransport>> m_ports; //!< shared transports
    Ptr<EncapTransport> m_datagramPort;       //!< the UDP one, if any
    Ptr<EncapTransport> m_streamHome;         //!< the first stream one, if any
    TrafficSelector m_policy;                 //!< protected network against the pool
    ObjectFactory m_ikeFactory;               //!< clients' IKE sessions
    ChildSaSuite m_suite;                     //!< clients' Child SAs
    Ptr<IkeCredential> m_credential;          //!< certificate auth: ours
    std::vector<uint8_t> m_peerCertificate;   //!< certificate auth: the clients'
    int64_t m_stream{-1};                     //!< first stream of the clients (-1: none)
    Time m_halfOpenTimeout;                   //!< attribute HalfOpenTimeout
    uint32_t m_maxClients;                    //!< attribute MaxClients (0: no limit)

    // State
    uint32_t m_nextId{0};                               //!< next client id
    std::map<uint32_t, Client> m_clients;               //!< by id (ordered: deterministic)
    std::unordered_map<uint64_t, uint32_t> m_byInitSpi; //!< IKE_SA_INIT initiator SPI -> id
    std::unordered_map<uint64_t, uint32_t> m_byIkeSpi;  //!< responder IKE SPI -> id
    std::unordered_map<uint32_t, uint32_t> m_byEspSpi;  //!< inbound ESP SPI -> id
    std::map<uint32_t, uint32_t> m_byInner;             //!< first inner address -> id
    Counters m_counters;                                //!< counts

    TracedCallback<uint32_t> m_clientAddedTrace;                     //!< a client made
    TracedCallback<uint32_t, GatewayClientEnd> m_clientRemovedTrace; //!< a client let go
};

/**
 * \param end a reason
 * \return its name
 */
const char* ToString(GatewayClientEnd end);

} // namespace ns3

#endif /* TCP_ENCAP_IPSEC_GATEWAY_H */
