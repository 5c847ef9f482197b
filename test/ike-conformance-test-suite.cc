/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Protocol conformance end to end, from a protocol audit: a Message ID never carries two
// different requests through MOBIKE moves (RFC 7296 §2.1, §2.2); NAT_DETECTION payloads
// describe the path their message goes on, in a RACE's IKE_SA_INIT over TCP (RFC 9329 §6.1,
// RFC 7296 §2.23) and in UPDATE_SA_ADDRESSES (RFC 4555 §3.5); and TCP connections end with
// the IKE SA they carried (RFC 9329 §6.1): the originator closes its own, the responder
// those left without an IKE SA.
#include "endpoint-transports.h"
#include "ike-test-recorders.h"
#include "ike-tunnel-scenario.h"
#include "tcp-encap-test-apps.h"

#include "ns3/ike-constants.h"
#include "ns3/ike-message.h"
#include "ns3/ike-nat-detection.h"
#include "ns3/ike-payload-util.h"
#include "ns3/ike-sa.h"
#include "ns3/ike-session.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipsec-tunnel-helper.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/napt-middlebox.h"
#include "ns3/packet-firewall.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/switchable-encap-transport.h"
#include "ns3/tcp-encap-connection.h"
#include "ns3/tcp-encap-transport.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/test.h"
#include "ns3/udp-encap-transport.h"

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

using namespace ns3;
using namespace ns3::tcpencaptest;

namespace
{

constexpr uint8_t PROTO_TCP = 6; //!< IPv4 protocol number

/**
 * \param t a transport
 * \return this side's address and port on its path (the connection's over TCP)
 */
InetSocketAddress
LocalOf(Ptr<EncapTransport> t)
{
    InetSocketAddress local(Ipv4Address::GetAny(), 0);
    InetSocketAddress peer(Ipv4Address::GetAny(), 0);
    t->GetPath(local, peer);
    return local;
}

/**
 * \param t a transport
 * \return the peer's address and port on its path, as this side sees it
 */
InetSocketAddress
PeerOf(Ptr<EncapTransport> t)
{
    InetSocketAddress local(Ipv4Address::GetAny(), 0);
    InetSocketAddress peer(Ipv4Address::GetAny(), 0);
    t->GetPath(local, peer);
    return peer;
}

/** \param p a packet \return its bytes */
std::vector<uint8_t>
BytesOf(Ptr<const Packet> p)
{
    std::vector<uint8_t> bytes(p->GetSize());
    p->CopyData(bytes.data(), bytes.size());
    return bytes;
}

/** \param payloads a chain \param type a Notify type \return its data, or empty */
std::vector<uint8_t>
NotifyData(const std::vector<IkePayload>& payloads, uint16_t type)
{
    const IkeNotifyPayload* n = ike::FindNotify(payloads, type);
    return n ? n->data : std::vector<uint8_t>();
}

/** The MOBIKE settings (as in the transport-selection suite). */
void
ConfigureMobike(IpsecTunnelHelper& h, Time returnProbe)
{
    h.SetFallback(IkeSession::NO_FALLBACK); // start on UDP
    h.SetIkeAttribute("LivenessInterval", TimeValue(Seconds(1)));
    h.SetIkeAttribute("MobikeSwitchTimeout", TimeValue(Seconds(2)));
    h.SetIkeAttribute("ReturnProbeInterval", TimeValue(returnProbe));
    h.SetIkeAttribute("RetransmitBudget", TimeValue(Seconds(10)));
}

// --- 1. One Message ID, one message -----------------------------------------------------------

/**
 * \brief Every request one side sends ("MessageBytesTx"), by IKE SA and Message ID: a Message
 * ID sent again must carry the same bytes (RFC 7296 §2.1: a retransmission is identical; a
 * new message takes a new Message ID).
 */
struct RequestLog
{
    /** One request as first sent. */
    struct First
    {
        std::vector<uint8_t> bytes; //!< its bytes
        uint8_t exchange{0};        //!< its exchange
        Time at;                    //!< when
    };

    std::map<std::tuple<uint64_t, uint64_t, uint32_t>, First> first; //!< by SPIi, SPIr, ID
    uint32_t requests{0};                                            //!< requests sent
    uint32_t resent{0};                 //!< of them, a Message ID sent before
    uint32_t resentOnStream{0};         //!< of those, on a stream
    std::vector<std::string> conflicts; //!< Message IDs that carried two messages

    /** \param bytes a message sent \param stream on a stream transport */
    void
    Tx(const std::vector<uint8_t>& bytes, bool stream)
    {
        IkeParseResult r = IkeMessage::Parse(bytes);
        if (!r.IsOk() || r.message.GetHeader().IsResponse())
        {
            return;
        }
        const IkeHeader& h = r.message.GetHeader();
        ++requests;
        // IKE_SA_INIT has no SPIr yet; its retries (COOKIE, INVALID_KE) are new messages by
        // RFC 7296 §2.6 and §1.2, and none happens here.
        auto key
            = std::make_tuple(h.spiI, h.exchangeType == ike::IKE_SA_INIT ? 0 : h.spiR, h.messageId);
        auto it = first.find(key);
        if (it == first.end())
        {
            first[key] = {bytes, h.exchangeType, Simulator::Now()};
            return;
        }
        ++resent;
        resentOnStream += stream ? 1 : 0;
        if (it->second.bytes != bytes)
        {
            conflicts.push_back("Message ID " + std::to_string(h.messageId) + ": exchange "
                                + std::to_string(it->second.exchange) + " at "
                                + std::to_string(it->second.at.GetSeconds()) + " s, then exchange "
                                + std::to_string(h.exchangeType) + " at "
                                + std::to_string(Simulator::Now().GetSeconds()) + " s");
        }
    }
};

/**
 * \brief MOBIKE through a UDP outage (blocked at 2 s, open again at 8 s): the unanswered
 * liveness check makes the client move to TCP, a return probe fails while UDP is blocked and
 * is recovered over TCP, a later one moves the SA back. Through all of it no Message ID of
 * either IKE SA direction carries two different requests, and the moves still happen.
 */
class MobikeMessageIdTest : public IkeTunnelTestCase
{
  public:
    MobikeMessageIdTest()
        : IkeTunnelTestCase("MOBIKE moves never reuse a Message ID for a different request")
    {
    }

  private:
    void
    DoRun() override
    {
        IkeTunnelScenario s(TCP);
        ConfigureMobike(s.Helper(), Seconds(2));
        s.SetFirewallPolicy(PacketFirewall::PASS);
        s.Build();
        s.Firewall()->SetPolicyAt(Seconds(2), PacketFirewall::DROP_UDP);
        s.Firewall()->SetPolicyAt(Seconds(8), PacketFirewall::PASS);
        RequestLog client;
        RequestLog gateway;
        s.Client()->TraceConnectWithoutContext("MessageBytesTx",
                                               MakeCallback(&RequestLog::Tx, &client));
        s.Gateway()->TraceConnectWithoutContext("MessageBytesTx",
                                                MakeCallback(&RequestLog::Tx, &gateway));
        Ptr<PatternSink> sink = s.AddTransfer(5001, 2000000, Seconds(0.5));
        Simulator::Stop(Seconds(16));
        Simulator::Run();

        for (const auto& c : client.conflicts)
        {
            NS_TEST_EXPECT_MSG_EQ(c, "", "client: one Message ID, two different requests");
        }
        for (const auto& c : gateway.conflicts)
        {
            NS_TEST_EXPECT_MSG_EQ(c, "", "gateway: one Message ID, two different requests");
        }
        NS_TEST_ASSERT_MSG_EQ(client.conflicts.size(), 0, "client: Message IDs kept apart");
        NS_TEST_ASSERT_MSG_EQ(gateway.conflicts.size(), 0, "gateway: Message IDs kept apart");
        NS_TEST_ASSERT_MSG_GT(client.resentOnStream, 0, "a request went again over TCP");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(s.Client()->GetReturnProbes(), 2, "probes, one failed");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->GetAddressUpdates(), 2, "to TCP and back");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->IsOnStream(), false, "back on UDP");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->GetState(), IkeSession::ESTABLISHED, "client up");
        NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetState(), IkeSession::ESTABLISHED, "gateway up");
        CheckChildSaPair(s);
        NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), 2000000, "the transfer crossed both moves");
        NS_TEST_ASSERT_MSG_EQ(sink->GetMismatches(), 0, "intact");
        Simulator::Destroy();
    }
};

/**
 * \brief The audit's oddity: after an IKE SA rekey (IkeLifetime 3 s) UDP is blocked at the
 * moment the rekey is answered, so the DELETE of the old IKE SA goes unanswered and moves the
 * client to TCP. That DELETE goes again over TCP, the same bytes on the old SA (it used to be
 * queued again as a DELETE of the current IKE SA, which then went); the current IKE SA and its
 * Child SA survive the move on both sides, and no Message ID carries two requests.
 */
class MobikeOldSaDeleteTest : public IkeTunnelTestCase
{
  public:
    MobikeOldSaDeleteTest()
        : IkeTunnelTestCase("MOBIKE: an unanswered DELETE of the rekeyed IKE SA moves the SA "
                            "to TCP and deletes only the old IKE SA")
    {
    }

  private:
    /** \param oldSpi old SPI \param newSpi new SPI \brief The rekey is answered: block UDP. */
    void
    Rekeyed(uint64_t /* oldSpi */, uint64_t /* newSpi */)
    {
        if (m_blockedAt.IsNegative())
        {
            m_blockedAt = Simulator::Now();
            m_s->Firewall()->SetPolicy(PacketFirewall::DROP_UDP);
        }
    }

    void
    DoRun() override
    {
        IkeTunnelScenario s(TCP);
        m_s = &s;
        ConfigureMobike(s.Helper(), Time(0));
        s.Helper().SetIkeAttribute("IkeLifetime", TimeValue(Seconds(3)));
        s.SetFirewallPolicy(PacketFirewall::PASS);
        s.Build();
        RequestLog client;
        s.Client()->TraceConnectWithoutContext("MessageBytesTx",
                                               MakeCallback(&RequestLog::Tx, &client));
        s.Client()->TraceConnectWithoutContext("IkeSaRekeyed",
                                               MakeCallback(&MobikeOldSaDeleteTest::Rekeyed, this));
        Ptr<PatternSink> sink = s.AddTransfer(5001, 200000, Seconds(8));
        Simulator::Stop(Seconds(10));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_GT(m_blockedAt, Seconds(3), "the IKE SA was rekeyed, UDP blocked");
        for (const auto& c : client.conflicts)
        {
            NS_TEST_EXPECT_MSG_EQ(c, "", "client: one Message ID, two different requests");
        }
        NS_TEST_ASSERT_MSG_EQ(client.conflicts.size(), 0, "client: Message IDs kept apart");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(s.Client()->GetIkeRekeys(), 1, "IKE SA rekeys (every 3 s)");
        NS_TEST_ASSERT_MSG_GT(client.resentOnStream, 0, "the old SA's DELETE again over TCP");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->IsOnStream(), true, "moved to TCP");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->GetAddressUpdates(), 1, "with UPDATE_SA_ADDRESSES");
        NS_TEST_ASSERT_MSG_EQ(
            s.Client()->GetState(), IkeSession::ESTABLISHED, "client: the new IKE SA is still up");
        NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetState(),
                              IkeSession::ESTABLISHED,
                              "gateway: the new IKE SA is still up");
        CheckChildSaPair(s);
        NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), 200000, "a transfer over TCP afterwards");
        NS_TEST_ASSERT_MSG_EQ(sink->GetMismatches(), 0, "intact");
        Simulator::Destroy();
    }

    IkeTunnelScenario* m_s{nullptr}; //!< during DoRun
    Time m_blockedAt{Seconds(-1)};   //!< when UDP was blocked
};

// --- 2. RACE: NAT detection for the stream ------------------------------------------------------

/**
 * \brief RACE with UDP blocked, so that the stream's IKE_SA_INIT wins, without and with a NAT:
 * the IKE_SA_INIT the gateway receives over TCP carries NAT_DETECTION_SOURCE_IP = the hash of
 * the client's TCP connection (its address and port) and _DESTINATION_IP = the hash of the
 * gateway's TCP side (RFC 9329 §6.1: a new IKE_SA_INIT on TCP recomputes them; RFC 7296
 * §2.23); the gateway reports a NAT exactly when there is one.
 */
class RaceNatDetectionTest : public IkeTunnelTestCase
{
  public:
    /** \param nat with a NAPT in the router */
    explicit RaceNatDetectionTest(bool nat)
        : IkeTunnelTestCase(std::string("RACE won by TCP") + (nat ? " through a NAT" : "")
                            + ": NAT_DETECTION hashes of the TCP connection, NAT "
                            + (nat ? "detected" : "not detected"))
        , m_nat(nat)
    {
    }

  private:
    /** \param p an IKE message the gateway received */
    void
    GatewayRx(Ptr<const Packet> p)
    {
        std::vector<uint8_t> bytes = BytesOf(p);
        IkeParseResult r = IkeMessage::Parse(bytes);
        Ptr<SwitchableEncapTransport> gsw = Switch(m_s->Tunnel().gateway);
        if (!r.IsOk() || r.message.GetHeader().exchangeType != ike::IKE_SA_INIT
            || r.message.GetHeader().IsResponse()
            || gsw->GetDelivering() != SwitchableEncapTransport::STREAM)
        {
            return;
        }
        ++m_tcpInits;
        const IkeHeader& h = r.message.GetHeader();
        const auto& payloads = r.message.GetPayloads();
        // What the client's TCP connection is on its side, and the gateway's on its side.
        InetSocketAddress clientTcp = LocalOf(Stream(m_s->Tunnel().client));
        InetSocketAddress gatewayTcp = LocalOf(Stream(m_s->Tunnel().gateway));
        m_srcOk = m_srcOk
                  && NotifyData(payloads, ike::NAT_DETECTION_SOURCE_IP)
                         == IkeNatDetectionHash(h.spiI, 0, clientTcp);
        m_dstOk = m_dstOk
                  && NotifyData(payloads, ike::NAT_DETECTION_DESTINATION_IP)
                         == IkeNatDetectionHash(h.spiI, 0, gatewayTcp);
    }

    void
    DoRun() override
    {
        IkeTunnelScenario s(TCP);
        m_s = &s;
        s.Helper().SetFallback(IkeSession::RACE);
        s.Helper().SetIkeAttribute("RaceHeadStart", TimeValue(MilliSeconds(250)));
        s.SetFirewallPolicy(PacketFirewall::DROP_UDP);
        Ptr<NaptMiddlebox> napt = m_nat ? CreateObject<NaptMiddlebox>() : nullptr;
        if (napt)
        {
            s.SetNat(napt);
        }
        s.Build();
        s.Tunnel().gateway->TraceConnectWithoutContext(
            "IkeRx", MakeCallback(&RaceNatDetectionTest::GatewayRx, this));
        Ptr<PatternSink> sink = s.AddTransfer(5001, 200000, Seconds(1));
        Simulator::Stop(Seconds(3));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(s.Client()->IsOnStream(), true, "the stream won");
        NS_TEST_ASSERT_MSG_EQ(m_tcpInits, 1, "one IKE_SA_INIT over TCP");
        NS_TEST_ASSERT_MSG_EQ(m_srcOk, true, "NAT_DETECTION_SOURCE_IP: the client's TCP side");
        NS_TEST_ASSERT_MSG_EQ(m_dstOk, true, "NAT_DETECTION_DESTINATION_IP: the gateway's TCP");
        NS_TEST_ASSERT_MSG_EQ(s.Gateway()->IsNatDetected(), m_nat, "gateway: NAT iff there is");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->IsNatDetected(), m_nat, "client: NAT iff there is");
        CheckChildSaPair(s);
        NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), 200000, "transfer complete");
        CheckNoKeyingLoss(s);
        Simulator::Destroy();
    }

    bool m_nat;                      //!< a NAPT in the router
    IkeTunnelScenario* m_s{nullptr}; //!< during DoRun
    uint32_t m_tcpInits{0};          //!< IKE_SA_INIT requests the gateway got over TCP
    bool m_srcOk{true};              //!< every source hash right
    bool m_dstOk{true};              //!< every destination hash right
};

// --- 3. UPDATE_SA_ADDRESSES: NAT detection of the new path ---------------------------------

/**
 * \brief MOBIKE after a network change: the client starts on UDP with no NAT in the way; at 1 s
 * a NAT appears in the router (or not); the client moves to TCP (2 s) and back to UDP (5 s).
 * Each UPDATE_SA_ADDRESSES carries NAT_DETECTION_SOURCE_IP and _DESTINATION_IP for the path
 * it goes on (RFC 4555 §3.5), the gateway checks them, and the NAT state of both sides
 * follows the path: detected through the NAT, and then the client, behind it on UDP, sends
 * NAT-keepalives (RFC 3948 §2.3); without the NAT neither.
 */
class MobikeNatDetectionTest : public IkeTunnelTestCase
{
  public:
    /** \param nat whether a NAT appears at 1 s */
    explicit MobikeNatDetectionTest(bool nat)
        : IkeTunnelTestCase(std::string("MOBIKE: UPDATE_SA_ADDRESSES carries NAT detection for "
                                        "its path; NAT state follows it ")
                            + (nat ? "(a NAT appears)" : "(no NAT)"))
        , m_nat(nat)
    {
    }

  private:
    /** \param toStream direction \brief Call the client's MoveTransport. */
    void
    Move(bool toStream)
    {
        m_s->Client()->MoveTransport(toStream);
    }

    /** \brief The network changes: a NAT in the router. */
    void
    AddNat()
    {
        m_napt->Install(m_s->Topology().GetAllDevices().Get(1),
                        m_s->Topology().GetBottleneckDevices().Get(0));
    }

    /** \brief Note both sides' NAT verdicts. */
    void
    Sample()
    {
        m_natClient.push_back(m_s->Client()->IsNatDetected());
        m_natGateway.push_back(m_s->Gateway()->IsNatDetected());
    }

    /** \param p an IKE message the gateway received */
    void
    GatewayRx(Ptr<const Packet> p)
    {
        std::vector<uint8_t> bytes = BytesOf(p);
        IkeParseResult r = IkeMessage::Parse(bytes);
        Ptr<IkeSa> sa = m_s->Gateway()->GetIkeSa();
        if (!r.IsOk() || r.message.GetHeader().exchangeType != ike::INFORMATIONAL
            || r.message.GetHeader().IsResponse() || !sa || !sa->HasKeys())
        {
            return;
        }
        std::vector<IkePayload> inner;
        if (sa->Unprotect(bytes, r.message, inner) != IkeSkStatus::OK
            || !ike::FindNotify(inner, ike::UPDATE_SA_ADDRESSES))
        {
            return;
        }
        Ptr<SwitchableEncapTransport> gsw = Switch(m_s->Tunnel().gateway);
        bool stream = gsw->GetDelivering() == SwitchableEncapTransport::STREAM;
        Ptr<EncapTransport> clientSide = stream
                                             ? Ptr<EncapTransport>(Stream(m_s->Tunnel().client))
                                             : Ptr<EncapTransport>(Datagram(m_s->Tunnel().client));
        Ptr<EncapTransport> gatewaySide
            = stream ? Ptr<EncapTransport>(Stream(m_s->Tunnel().gateway))
                     : Ptr<EncapTransport>(Datagram(m_s->Tunnel().gateway));
        const uint64_t spiI = sa->GetSpiI();
        const uint64_t spiR = sa->GetSpiR();
        ++m_updates;
        m_updatesOnStream += stream ? 1 : 0;
        std::vector<uint8_t> src = NotifyData(inner, ike::NAT_DETECTION_SOURCE_IP);
        std::vector<uint8_t> dst = NotifyData(inner, ike::NAT_DETECTION_DESTINATION_IP);
        m_present = m_present && !src.empty() && !dst.empty();
        m_srcOk = m_srcOk && src == IkeNatDetectionHash(spiI, spiR, LocalOf(clientSide));
        m_dstOk = m_dstOk && dst == IkeNatDetectionHash(spiI, spiR, LocalOf(gatewaySide));
        // What the gateway sees of the client: the NAT's outside address once it is there.
        m_seenFromNat
            = m_seenFromNat || PeerOf(gatewaySide).GetIpv4() != LocalOf(clientSide).GetIpv4();
    }

    void
    DoRun() override
    {
        IkeTunnelScenario s(TCP);
        m_s = &s;
        ConfigureMobike(s.Helper(), Time(0));
        s.Helper().SetIkeAttribute("LivenessInterval", TimeValue(Time(0)));
        s.SetFirewallPolicy(PacketFirewall::PASS);
        s.Build();
        Datagram(s.Tunnel().client)->SetAttribute("KeepaliveInterval", TimeValue(Seconds(1)));
        m_napt = CreateObject<NaptMiddlebox>();
        if (m_nat)
        {
            Simulator::Schedule(Seconds(1), &MobikeNatDetectionTest::AddNat, this);
        }
        s.Tunnel().gateway->TraceConnectWithoutContext(
            "IkeRx", MakeCallback(&MobikeNatDetectionTest::GatewayRx, this));
        Simulator::Schedule(Seconds(2), &MobikeNatDetectionTest::Move, this, true);
        Simulator::Schedule(Seconds(5), &MobikeNatDetectionTest::Move, this, false);
        for (double t : {1.9, 4.9, 9.9})
        {
            Simulator::Schedule(Seconds(t), &MobikeNatDetectionTest::Sample, this);
        }
        Ptr<PatternSink> sink = s.AddTransfer(5001, 200000, Seconds(8));
        Simulator::Stop(Seconds(10));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(s.Client()->GetAddressUpdates(), 2, "to TCP and back");
        NS_TEST_ASSERT_MSG_EQ(m_updates, 2, "two UPDATE_SA_ADDRESSES reached the gateway");
        NS_TEST_ASSERT_MSG_EQ(m_updatesOnStream, 1, "one over TCP, one over UDP");
        NS_TEST_ASSERT_MSG_EQ(m_present, true, "NAT_DETECTION_*_IP in every UPDATE_SA_ADDRESSES");
        NS_TEST_ASSERT_MSG_EQ(m_srcOk, true, "source hash: the client's side of that path");
        NS_TEST_ASSERT_MSG_EQ(m_dstOk, true, "destination hash: the gateway's side of that path");
        NS_TEST_ASSERT_MSG_EQ(m_seenFromNat, m_nat, "the gateway saw the NAT's address iff one");
        NS_TEST_ASSERT_MSG_EQ(m_natClient.size(), 3, "samples");
        if (m_natClient.size() != 3)
        {
            Simulator::Destroy();
            return;
        }
        NS_TEST_ASSERT_MSG_EQ(m_natClient[0], false, "client: no NAT at the start");
        NS_TEST_ASSERT_MSG_EQ(m_natGateway[0], false, "gateway: no NAT at the start");
        NS_TEST_ASSERT_MSG_EQ(m_natClient[1], m_nat, "client on TCP: NAT state of that path");
        NS_TEST_ASSERT_MSG_EQ(m_natGateway[1], m_nat, "gateway on TCP: NAT state of that path");
        NS_TEST_ASSERT_MSG_EQ(m_natClient[2], m_nat, "client back on UDP: NAT state of UDP");
        NS_TEST_ASSERT_MSG_EQ(m_natGateway[2], m_nat, "gateway back on UDP: NAT state of UDP");
        Ptr<UdpEncapTransport> udp = Datagram(s.Tunnel().client);
        if (m_nat)
        {
            // Every second from the move back (5.05 s) to the end (10 s).
            NS_TEST_ASSERT_MSG_GT_OR_EQ(udp->GetKeepalivesSent(), 4, "keepalives through the NAT");
        }
        else
        {
            NS_TEST_ASSERT_MSG_EQ(udp->GetKeepalivesSent(), 0, "no NAT, no keepalive");
        }
        NS_TEST_ASSERT_MSG_EQ(s.Client()->IsOnStream(), false, "back on UDP");
        CheckChildSaPair(s);
        NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), 200000, "transfer on UDP complete");
        NS_TEST_ASSERT_MSG_EQ(sink->GetMismatches(), 0, "intact");
        Simulator::Destroy();
    }

    bool m_nat;                      //!< a NAT appears at 1 s
    IkeTunnelScenario* m_s{nullptr}; //!< during DoRun
    Ptr<NaptMiddlebox> m_napt;       //!< the NAT that appears
    uint32_t m_updates{0};           //!< UPDATE_SA_ADDRESSES the gateway received
    uint32_t m_updatesOnStream{0};   //!< of them over TCP
    bool m_present{true};            //!< every one had both NAT_DETECTION payloads
    bool m_srcOk{true};              //!< every source hash right
    bool m_dstOk{true};              //!< every destination hash right
    bool m_seenFromNat{false};       //!< the gateway saw a translated address
    std::vector<bool> m_natClient;   //!< client's IsNatDetected at the samples
    std::vector<bool> m_natGateway;  //!< gateway's IsNatDetected at the samples
};

// --- 4. TCP connections end with their IKE SA ----------------------------------------------

/** Connections one TcpEncapTransport closed ("ConnectionClosed"), with when and why. */
struct CloseLog
{
    std::vector<std::pair<Time, uint32_t>> closed; //!< when, TcpEncapConnection::CloseReason

    /** \param peer the peer \param reason why */
    void
    Add(const Address& /* peer */, uint32_t reason)
    {
        closed.emplace_back(Simulator::Now(), reason);
    }

    /** \param reason a reason \return connections closed for it */
    uint32_t
    Count(TcpEncapConnection::CloseReason reason) const
    {
        uint32_t n = 0;
        for (const auto& c : closed)
        {
            n += c.second == reason ? 1 : 0;
        }
        return n;
    }
};

/** Outer TCP segments (port 4500) one node sent ("Tx" of its Ipv4L3Protocol). */
struct SegmentLog
{
    std::vector<Time> at; //!< when each segment left

    /** \param p a packet sent (IPv4 header on) \param ipv4 the protocol \param iface its index */
    void
    Tx(Ptr<const Packet> p, Ptr<Ipv4> /* ipv4 */, uint32_t /* iface */)
    {
        Ptr<Packet> copy = p->Copy();
        Ipv4Header ip;
        copy->RemoveHeader(ip);
        if (ip.GetProtocol() != PROTO_TCP)
        {
            return;
        }
        TcpHeader tcp;
        copy->RemoveHeader(tcp);
        if (tcp.GetSourcePort() == 4500 || tcp.GetDestinationPort() == 4500)
        {
            at.push_back(Simulator::Now());
        }
    }

    /** \param from a time \return segments sent from then on */
    uint32_t
    CountFrom(Time from) const
    {
        uint32_t n = 0;
        for (Time t : at)
        {
            n += t >= from ? 1 : 0;
        }
        return n;
    }
};

/**
 * \brief ESP-in-TCP: the client deletes its IKE SA at 1 s. As the TCP originator with no other
 * SA on the connection it closes the connection once the DELETE is answered (RFC 9329 §6.1):
 * with a FIN (the gateway sees PEER_FIN), close reason SA_DELETED, no reconnection, and no
 * segment from either side once the close handshake is over.
 */
class DeleteClosesConnectionTest : public IkeTunnelTestCase
{
  public:
    DeleteClosesConnectionTest()
        : IkeTunnelTestCase("ESP-in-TCP: the originator closes its connection (FIN) when its "
                            "IKE SA is deleted")
    {
    }

  private:
    /** \param peer the peer \param from state before \param to state now */
    void
    ClientState(const Address& /* peer */,
                TcpEncapConnection::State /* from */,
                TcpEncapConnection::State to)
    {
        if (to == TcpEncapConnection::CLOSED && m_closedAt.IsNegative())
        {
            m_closedAt = Simulator::Now();
        }
    }

    void
    DoRun() override
    {
        IkeTunnelScenario s(TCP);
        s.Build();
        CloseLog client;
        CloseLog gateway;
        Ptr<TcpEncapTransport> ct = Stream(s.Tunnel().client);
        Ptr<TcpEncapTransport> gt = Stream(s.Tunnel().gateway);
        ct->TraceConnectWithoutContext("ConnectionClosed", MakeCallback(&CloseLog::Add, &client));
        gt->TraceConnectWithoutContext("ConnectionClosed", MakeCallback(&CloseLog::Add, &gateway));
        ct->TraceConnectWithoutContext(
            "ConnectionState", MakeCallback(&DeleteClosesConnectionTest::ClientState, this));
        SegmentLog clientSegments;
        SegmentLog gatewaySegments;
        s.Topology().GetClient()->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
            "Tx", MakeCallback(&SegmentLog::Tx, &clientSegments));
        s.Topology().GetGateway()->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
            "Tx", MakeCallback(&SegmentLog::Tx, &gatewaySegments));
        Ptr<PatternSink> sink = s.AddTransfer(5001, 100000, Seconds(0.3));
        Simulator::Schedule(Seconds(1), &IkeSession::Delete, s.Client());
        Simulator::Stop(Seconds(6));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), 100000, "a transfer before the delete");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->GetState(), IkeSession::CLOSED, "client: deleted");
        NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetState(), IkeSession::CLOSED, "gateway: deleted");
        NS_TEST_ASSERT_MSG_EQ(client.Count(TcpEncapConnection::SA_DELETED),
                              1,
                              "the client closed its connection: its IKE SA was deleted");
        NS_TEST_ASSERT_MSG_EQ(client.closed.size(), 1, "and no other connection ended");
        NS_TEST_ASSERT_MSG_EQ(gateway.Count(TcpEncapConnection::PEER_FIN),
                              1,
                              "a FIN, not a reset, reached the gateway");
        NS_TEST_ASSERT_MSG_EQ(gateway.Count(TcpEncapConnection::PEER_RESET), 0, "no reset");
        NS_TEST_ASSERT_MSG_GT(m_closedAt, Seconds(1), "closed after the DELETE");
        NS_TEST_ASSERT_MSG_LT(m_closedAt,
                              Seconds(1) + IkeTunnelScenario::Rtt() * 2,
                              "as soon as the DELETE was answered");
        NS_TEST_ASSERT_MSG_EQ(ct->GetReconnects(), 0, "no reconnection");
        NS_TEST_ASSERT_MSG_EQ(ct->GetConnectionsOpened(), 1, "one connection all along");
        // FIN, ACK; FIN, ACK: over within two round trips of the close.
        const Time quiet = m_closedAt + IkeTunnelScenario::Rtt() * 3;
        NS_TEST_ASSERT_MSG_EQ(clientSegments.CountFrom(quiet), 0, "no client segment after");
        NS_TEST_ASSERT_MSG_EQ(gatewaySegments.CountFrom(quiet), 0, "no gateway segment after");
        NS_TEST_ASSERT_MSG_GT(clientSegments.CountFrom(m_closedAt), 0, "the client's FIN");
        Simulator::Destroy();
    }

    Time m_closedAt{Seconds(-1)}; //!< when the client's connection went CLOSED
};

/**
 * \brief ESP-in-TCP with IdleConnectionTimeout 3 s at the gateway: a second TCP connection from
 * the client's node that sends the IKETCP prefix and nothing else (no IKE SA on it, ever) is
 * closed by the gateway 3 s after it was accepted, reason IDLE; the tunnel's own connection,
 * carrying the live IKE SA, is never closed by that timer (10 s), and a transfer at the end
 * crosses it.
 */
class IdleConnectionTimeoutTest : public IkeTunnelTestCase
{
  public:
    IdleConnectionTimeoutTest()
        : IkeTunnelTestCase("ESP-in-TCP: the responder closes a connection without IKE SA after "
                            "IdleConnectionTimeout, never the one carrying the SA")
    {
    }

  private:
    /** \brief Open the stray connection and write the prefix once connected. */
    void
    OpenStray()
    {
        m_stray = Socket::CreateSocket(m_s->Topology().GetClient(), TcpSocketFactory::GetTypeId());
        m_stray->Bind();
        m_stray->SetConnectCallback(MakeCallback(&IdleConnectionTimeoutTest::StrayUp, this),
                                    MakeNullCallback<void, Ptr<Socket>>());
        m_stray->SetCloseCallbacks(MakeCallback(&IdleConnectionTimeoutTest::StrayClosed, this),
                                   MakeCallback(&IdleConnectionTimeoutTest::StrayClosed, this));
        m_stray->Connect(InetSocketAddress(m_s->Topology().GetGatewayAddress(), 4500));
    }

    /** \param socket connected */
    void
    StrayUp(Ptr<Socket> socket)
    {
        const uint8_t prefix[] = {'I', 'K', 'E', 'T', 'C', 'P'};
        socket->Send(Create<Packet>(prefix, sizeof(prefix)));
    }

    /** \param socket closed by the peer */
    void
    StrayClosed(Ptr<Socket> socket)
    {
        m_strayClosedAt = Simulator::Now();
        socket->Close();
    }

    void
    DoRun() override
    {
        IkeTunnelScenario s(TCP);
        m_s = &s;
        s.Helper().SetTransportAttribute("IdleConnectionTimeout", TimeValue(Seconds(3)));
        s.Build();
        CloseLog gateway;
        Ptr<TcpEncapTransport> gt = Stream(s.Tunnel().gateway);
        gt->TraceConnectWithoutContext("ConnectionClosed", MakeCallback(&CloseLog::Add, &gateway));
        Simulator::Schedule(Seconds(1), &IdleConnectionTimeoutTest::OpenStray, this);
        Ptr<PatternSink> sink = s.AddTransfer(5001, 200000, Seconds(8));
        Simulator::Stop(Seconds(10));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(gateway.Count(TcpEncapConnection::IDLE), 1, "the stray closed");
        NS_TEST_ASSERT_MSG_EQ(gateway.closed.size(), 1, "and nothing else");
        if (!gateway.closed.empty())
        {
            // Accepted 1.5 RTT after 1 s (SYN, SYN-ACK, ACK), closed 3 s later.
            NS_TEST_ASSERT_MSG_EQ_TOL(gateway.closed.front().first,
                                      Seconds(4) + IkeTunnelScenario::Rtt() * 1.5,
                                      MilliSeconds(10),
                                      "IdleConnectionTimeout after acceptance");
        }
        NS_TEST_ASSERT_MSG_GT(m_strayClosedAt, Seconds(4), "the stray's originator saw it close");
        NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetState(), IkeSession::ESTABLISHED, "SA up");
        NS_TEST_ASSERT_MSG_EQ(Stream(s.Tunnel().client)->GetConnectionsOpened(),
                              1,
                              "the tunnel's connection was never lost");
        NS_TEST_ASSERT_MSG_EQ(Stream(s.Tunnel().client)->GetReconnects(), 0, "no reconnection");
        CheckChildSaPair(s);
        NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), 200000, "a transfer after 8 s");
        NS_TEST_ASSERT_MSG_EQ(sink->GetMismatches(), 0, "intact");
        Simulator::Destroy();
    }

    IkeTunnelScenario* m_s{nullptr};   //!< during DoRun
    Ptr<Socket> m_stray;               //!< the connection without IKE SA
    Time m_strayClosedAt{Seconds(-1)}; //!< when the gateway closed it
};

} // namespace

/** \brief Protocol conformance found by the audit (see the file comment). */
class IkeConformanceTestSuite : public TestSuite
{
  public:
    IkeConformanceTestSuite()
        : TestSuite("tcp-encap-ike-conformance", Type::SYSTEM)
    {
        AddTestCase(new MobikeMessageIdTest(), TestCase::Duration::QUICK);
        AddTestCase(new MobikeOldSaDeleteTest(), TestCase::Duration::QUICK);
        AddTestCase(new RaceNatDetectionTest(false), TestCase::Duration::QUICK);
        AddTestCase(new RaceNatDetectionTest(true), TestCase::Duration::QUICK);
        AddTestCase(new MobikeNatDetectionTest(false), TestCase::Duration::QUICK);
        AddTestCase(new MobikeNatDetectionTest(true), TestCase::Duration::QUICK);
        AddTestCase(new DeleteClosesConnectionTest(), TestCase::Duration::QUICK);
        AddTestCase(new IdleConnectionTimeoutTest(), TestCase::Duration::QUICK);
    }
};

/** The suite's instance. */
static IkeConformanceTestSuite g_ikeConformanceTestSuite;
