/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IPSEC_TUNNEL_HELPER_H
#define TCP_ENCAP_IPSEC_TUNNEL_HELPER_H

#include "ns3/esp-sa.h"
#include "ns3/ike-credential.h"
#include "ns3/ike-session.h"
#include "ns3/ike-transport-memory.h"
#include "ns3/ipsec-endpoint.h"
#include "ns3/ipsec-gateway.h"
#include "ns3/ipv4-address.h"
#include "ns3/node.h"
#include "ns3/object-factory.h"
#include "ns3/random-variable-stream.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief The two endpoints of an installed tunnel and their inner addresses.
 */
struct IpsecTunnel
{
    Ptr<IpsecEndpoint> client;  //!< initiator side (remote-access client)
    Ptr<IpsecEndpoint> gateway; //!< responder side (VPN gateway)
    Ipv4Address clientInner;    //!< address of the client's tun device
    Ipv4Address gatewayInner;   //!< address of the gateway's tun device
};

/**
 * \ingroup tcp-encap
 * \brief Installs a remote-access IPsec tunnel between a client and a gateway: tun devices,
 * their addresses and routes, the endpoints with their transports, and the Child SA pair.
 *
 * By default the Child SA is negotiated by IKEv2: each endpoint gets an IkeSession (the
 * client's initiates when its application starts; inner traffic has no policy, and is
 * dropped, until IkeSession's "Established" trace fires). SetKeying(MANUAL) or
 * SetManualKeys installs the pair directly instead, as `ip xfrm state` does, with keys and
 * SPIs from a random stream (see AssignStreams) or given.
 */
class IpsecTunnelHelper
{
  public:
    IpsecTunnelHelper();

    /**
     * \param typeId an EncapTransport subclass: "ns3::UdpEncapTransport" (the default),
     * "ns3::TcpEncapTransport" or "ns3::TlsEncapTransport" (port 443, and with VerifyPeer the
     * client trusts the gateway's certificate); the client's is the initiator, the gateway's
     * the responder
     */
    void SetTransportType(const std::string& typeId);

    /**
     * \param name attribute of the transport (e.g. "PathMtu")
     * \param value its value, for both endpoints
     */
    void SetTransportAttribute(const std::string& name, const AttributeValue& value);

    /** \param cipher ESP transform of the Child SAs (default AES-GCM-16 with 128-bit key) */
    void SetCipher(EspCipher cipher);

    /** \param esn whether the Child SAs use extended sequence numbers (default false) */
    void SetEsn(bool esn);

    /** \param size anti-replay window of the inbound SAs, packets (default 64) */
    void SetReplayWindow(uint32_t size);

    /**
     * \param network the inner network the gateway hands out: the gateway's tun takes host 1,
     * the client's host 2 (default 10.8.0.0/24)
     * \param mask its prefix
     */
    void SetInnerNetwork(Ipv4Address network, Ipv4Mask mask);

    /** How the Child SAs get their keys. */
    enum Keying
    {
        IKEV2,  //!< negotiated by IkeSession (the default)
        MANUAL, //!< installed at Install time, random or SetManualKeys keys
    };

    /** \param keying IKEV2 (default) or MANUAL */
    void SetKeying(Keying keying);

    /** \return the keying */
    Keying GetKeying() const;

    /**
     * \brief Give each endpoint two transports, ESP-in-UDP and the stream transport set with
     * SetTransportType (ns3::TcpEncapTransport or ns3::TlsEncapTransport, whose attributes
     * SetTransportAttribute sets), in a SwitchableEncapTransport, and let the client's IKE
     * session choose at start (UDP-to-TCP fallback) and move later (MOBIKE). IKEv2 keying only.
     * \param policy NO_FALLBACK (start on UDP; MOBIKE may move), SEQUENTIAL, RACE or CACHED
     */
    void SetFallback(IkeSession::FallbackPolicy policy);

    /**
     * \param memory shared by the client sessions this helper installs, for the CACHED policy
     */
    void SetTransportMemory(Ptr<IkeTransportMemory> memory);

    /**
     * \param name an attribute of IkeSession (e.g. "DhGroups", "RetransmitPolicy")
     * \param value its value, for both sides
     */
    void SetIkeAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Authenticate with certificates (RFC 7427 signatures) instead of the pre-shared
     * key: a key pair and a self-signed certificate per side are made at Install (from the
     * helper's random stream) and each side trusts the other's certificate.
     * \param type ECDSA_P256 or RSA_2048
     */
    void SetCertificates(IkeKeyType type);

    /**
     * \brief Authenticate with these certificates (made once, e.g. with
     * IkeCredential::Generate, and reused across runs: an RSA-2048 key takes about 0.15 s to
     * make).
     * \param client the client's key and certificate
     * \param gateway the gateway's
     */
    void SetCertificates(Ptr<IkeCredential> client, Ptr<IkeCredential> gateway);

    /**
     * \brief Use these keys instead of random ones (implies SetKeying(MANUAL)).
     * \param clientToGateway key material (key | salt) of the client's outbound SA
     * \param gatewayToClient key material of the gateway's outbound SA
     */
    void SetManualKeys(const std::vector<uint8_t>& clientToGateway,
                       const std::vector<uint8_t>& gatewayToClient);

    /**
     * \brief Install the tunnel.
     * \param client the remote-access client; its IP stack must be installed
     * \param clientOuter the client's outer address, as the gateway reaches it
     * \param gateway the VPN gateway; its IP stack must be installed
     * \param gatewayOuter the gateway's outer address
     * \param protectedNetwork the network behind the gateway that the client reaches through
     * the tunnel
     * \param protectedMask its prefix
     * \return the endpoints and inner addresses
     */
    IpsecTunnel Install(Ptr<Node> client,
                        Ipv4Address clientOuter,
                        Ptr<Node> gateway,
                        Ipv4Address gatewayOuter,
                        Ipv4Address protectedNetwork,
                        Ipv4Mask protectedMask);

    /**
     * \brief MANUAL keying: add another Child SA pair, with fresh SPIs and keys, for another
     * remote network
     * on the same tunnel (and so on the same TCP connection). The most specific policy matches
     * first, so a part of an already covered network can get its own pair.
     * \param tunnel a tunnel this helper installed
     * \param remoteNetwork inner network behind the gateway covered by the new pair
     * \param remoteMask its prefix
     */
    void AddChildSa(const IpsecTunnel& tunnel, Ipv4Address remoteNetwork, Ipv4Mask remoteMask);

    /**
     * \param stream first stream index to use: keys and SPIs; stream + 1 and + 2 seed the
     * TLS randomness of the client's and gateway's TlsEncapTransport (if any), + 3 and + 4
     * the IKE randomness of the client's and gateway's IkeSession, installed after this call.
     * A gateway's clients (InstallClient) use stream + 16 + 2 index (TLS) and + 1 (IKE); the
     * gateway's per-client IKE sessions stream + 2^20 + their id (IpsecGateway::AssignStreams)
     * \return the number of streams used by a pair (5)
     */
    int64_t AssignStreams(int64_t stream);

    /** The listeners of a gateway that serves many clients. */
    struct GatewayListeners
    {
        bool udp{true};  //!< UDP 4500 (RFC 3948)
        bool tcp{true};  //!< TCP 4500 (RFC 9329)
        bool tls{false}; //!< TLS 443 (RFC 9329 Appendix A)
    };

    /**
     * \brief Install a gateway that serves many clients (IpsecGateway) on a node: a tun device
     * with the first address of the inner network, which is the client address pool
     * (SetInnerNetwork; make it large enough, e.g. a /16 for 1000 clients), and a responder
     * transport per listener. The stream listeners take this helper's transport attributes
     * (SetTransportAttribute: congestion control, buffers, queue) whatever the transport type;
     * each client's IKE responder takes its IKE attributes, cipher and certificates. IKEv2
     * keying only (a client's IKE_SA_INIT makes its state at the gateway).
     * \param gateway the gateway's node
     * \param protectedNetwork the network behind the gateway
     * \param protectedMask its prefix
     * \param listeners which transports listen
     * \return the gateway, added to the node as an application
     */
    Ptr<IpsecGateway> InstallGateway(Ptr<Node> gateway,
                                     Ipv4Address protectedNetwork,
                                     Ipv4Mask protectedMask,
                                     GatewayListeners listeners);

    /**
     * \brief Install client number index of a gateway (the helper's plan of the address pool:
     * client i has the pool's address 2 + i; the gateway has address 1), with this helper's
     * transport type, fallback, IKE attributes and cipher now, and the FQDN identity
     * client-<index>.tcp-encap.example. Its traffic to the protected network goes through the
     * tunnel. Clients may differ: change the transport type between calls.
     * \param client the client's node
     * \param gateway the gateway (InstallGateway)
     * \param gatewayOuter the gateway's outer address
     * \param index the client's number, from 0, distinct per client of the gateway
     * \return the client endpoint (gateway: nullptr; see IpsecGateway) and the inner addresses
     */
    IpsecTunnel InstallClient(Ptr<Node> client,
                              Ptr<IpsecGateway> gateway,
                              Ipv4Address gatewayOuter,
                              uint32_t index);

  private:
    /**
     * \param node the node
     * \param address address of its tun device
     * \param peerOuter the other endpoint's outer address
     * \param role initiator (client) or responder (gateway)
     * \param tlsStream the random stream of a TLS transport (-1: none assigned)
     * \return a new endpoint with tun device and transport, installed on the node
     */
    Ptr<IpsecEndpoint> InstallEndpoint(Ptr<Node> node,
                                       Ipv4Address address,
                                       Ipv4Address peerOuter,
                                       EncapTransport::Role role,
                                       int64_t tlsStream);

    /**
     * \param node the node
     * \return a new tun device on the node (no IP interface yet)
     */
    Ptr<VirtualNetDevice> AddTunDevice(Ptr<Node> node);

    /**
     * \brief Give a tun device its IP interface and address, once its MTU is known.
     * \param tun the device
     * \param address its address
     * \param mask the interface's prefix
     */
    void AddressTunDevice(Ptr<VirtualNetDevice> tun, Ipv4Address address, Ipv4Mask mask);

    /**
     * \param transport a transport (both parts of a SwitchableEncapTransport)
     * \param peer the outer address it sends to
     */
    static void SetPeerAddress(Ptr<EncapTransport> transport, Ipv4Address peer);

    /** \return the Child SA transform configured */
    ChildSaSuite GetChildSaSuite() const;

    /**
     * \param role initiator or responder
     * \param tlsStream the random stream of a TLS transport (-1: none assigned)
     * \return a transport of the configured type (UDP and the stream one in a
     * SwitchableEncapTransport with SetFallback)
     */
    Ptr<EncapTransport> MakeTransport(EncapTransport::Role role, int64_t tlsStream);

    /**
     * \param endpoint the endpoint it keys
     * \param selector its policy
     * \param own this side's credential (certificates) or nullptr
     * \param peer the peer's credential (certificates) or nullptr
     * \param stream its random stream (-1: none assigned)
     * \return an IkeSession for the endpoint, set on it
     */
    Ptr<IkeSession> MakeIkeSession(Ptr<IpsecEndpoint> endpoint,
                                   const TrafficSelector& selector,
                                   Ptr<IkeCredential> own,
                                   Ptr<IkeCredential> peer,
                                   int64_t stream);

    /** \brief With certificates and none given: make both credentials from the stream. */
    void MakeCredentials();

    /**
     * \param tunnel the tunnel
     * \param remoteNetwork a network behind the gateway
     * \param remoteMask its prefix
     * \brief Route the network through the client's tun device.
     */
    void AddClientRoute(const IpsecTunnel& tunnel, Ipv4Address remoteNetwork, Ipv4Mask remoteMask);

    /**
     * \brief Give both endpoints an IkeSession for the protected network.
     * \param tunnel the tunnel
     * \param protectedNetwork the network behind the gateway
     * \param protectedMask its prefix
     */
    void InstallIke(const IpsecTunnel& tunnel,
                    Ipv4Address protectedNetwork,
                    Ipv4Mask protectedMask);

    /** \return a random non-zero SPI outside the reserved range 1..255 (RFC 4303 §2.1) */
    uint32_t NewSpi();

    /** \return random key material for the configured cipher */
    std::vector<uint8_t> NewKeyMaterial();

    /** First stream of the clients of InstallClient: two each, from here. */
    static constexpr int64_t CLIENT_STREAMS = 16;
    /** First stream of a gateway's per-client IKE sessions (IpsecGateway::AssignStreams). */
    static constexpr int64_t GATEWAY_CLIENT_STREAMS = int64_t{1} << 20;

    ObjectFactory m_transportFactory;       //!< makes the transports
    ObjectFactory m_ikeFactory;             //!< makes the IKE sessions
    Keying m_keying;                        //!< IKEv2 or manual
    bool m_certificates;                    //!< certificate authentication
    IkeKeyType m_keyType;                   //!< its key type
    Ptr<IkeCredential> m_clientCredential;  //!< given, or nullptr: made at Install
    Ptr<IkeCredential> m_gatewayCredential; //!< given, or nullptr: made at Install
    bool m_dualTransport{false};            //!< UDP and a stream in a SwitchableEncapTransport
    Ptr<IkeTransportMemory> m_memory;       //!< CACHED policy memory
    EspCipher m_cipher;                     //!< ESP transform
    bool m_esn;                             //!< extended sequence numbers
    uint32_t m_replayWindow;                //!< inbound window size
    Ipv4Address m_innerNetwork;             //!< inner network
    Ipv4Mask m_innerMask;                   //!< its prefix
    std::vector<uint8_t> m_keysC2g;         //!< manual keys, client to gateway (or empty)
    std::vector<uint8_t> m_keysG2c;         //!< manual keys, gateway to client (or empty)
    Ptr<UniformRandomVariable> m_rng;       //!< keys and SPIs
    int64_t m_stream{-1};                   //!< first assigned stream, or -1
};

} // namespace ns3

#endif /* TCP_ENCAP_IPSEC_TUNNEL_HELPER_H */
