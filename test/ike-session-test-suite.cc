/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IKEv2 end to end (RFC 7296; RFC 9329 §6.2 over streams): the IkeSessions of the
// remote-access tunnel over UDP, TCP and TLS. Handshake round trips and the Child SA pair,
// PSK and certificate authentication and their failures, tampered SK payloads, a lost
// IKE_SA_INIT, a reset during IKE_AUTH, the retransmission schedules, COOKIE and
// INVALID_KE_PAYLOAD retries, liveness, DELETE, Child SA and IKE SA rekeys under traffic, and
// determinism.
#include "ike-test-recorders.h"
#include "ike-tunnel-scenario.h"
#include "tcp-encap-test-apps.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/error-model.h"
#include "ns3/ike-credential.h"
#include "ns3/ike-session.h"
#include "ns3/ipsec-tunnel-helper.h"
#include "ns3/ipv4-header.h"
#include "ns3/ppp-header.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-encap-transport.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-reset-injector.h"
#include "ns3/test.h"
#include "ns3/udp-header.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>

using namespace ns3;
using namespace ns3::tcpencaptest;

namespace
{

/** \param transport a transport TypeId name \return its short name */
std::string
Short(const std::string& transport)
{
    return transport == UDP ? "UDP" : transport == TCP ? "TCP" : "TLS";
}

/**
 * \brief Drops the first IKE message it sees on UDP or TCP port 4500 (UDP: behind the zero
 * non-ESP marker; TCP: a frame whose first 32 bits after the Length are zero, after the
 * IKETCP prefix if the segment starts with it) and lets everything else through.
 */
class FirstIkeDropper : public ErrorModel
{
  public:
    /** \return the TypeId */
    static TypeId
    GetTypeId()
    {
        static TypeId tid = TypeId("ns3::tcpencaptest::FirstIkeDropper")
                                .SetParent<ErrorModel>()
                                .SetGroupName("TcpEncap");
        return tid;
    }

    /** \return packets dropped */
    uint32_t
    GetDrops() const
    {
        return m_drops;
    }

  private:
    bool
    DoCorrupt(Ptr<Packet> p) override
    {
        if (!IsEnabled() || m_drops > 0)
        {
            return false;
        }
        Ptr<Packet> copy = p->Copy();
        PppHeader ppp;
        Ipv4Header ip;
        copy->RemoveHeader(ppp);
        copy->RemoveHeader(ip);
        std::size_t offset = 0;
        if (ip.GetProtocol() == 17)
        {
            UdpHeader udp;
            copy->RemoveHeader(udp);
            if (udp.GetDestinationPort() != 4500)
            {
                return false;
            }
        }
        else if (ip.GetProtocol() == 6)
        {
            TcpHeader tcp;
            copy->RemoveHeader(tcp);
            if (tcp.GetDestinationPort() != 4500)
            {
                return false;
            }
            offset = 2; // the Length field
        }
        else
        {
            return false;
        }
        std::vector<uint8_t> b(copy->GetSize());
        copy->CopyData(b.data(), b.size());
        const std::string prefix = "IKETCP";
        if (offset > 0 && b.size() >= prefix.size()
            && std::equal(prefix.begin(), prefix.end(), b.begin()))
        {
            offset += prefix.size();
        }
        if (b.size() < offset + 4 + 28 || b[offset] || b[offset + 1] || b[offset + 2]
            || b[offset + 3])
        {
            return false;
        }
        ++m_drops;
        return true;
    }

    void
    DoReset() override
    {
    }

    uint32_t m_drops{0}; //!< dropped
};

/** \return an error model that drops every packet */
Ptr<RateErrorModel>
BlackHole()
{
    Ptr<RateErrorModel> hole = CreateObject<RateErrorModel>();
    hole->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
    hole->SetRate(1.0);
    return hole;
}

/** The checks most cases share. */
class IkeTestCase : public IkeTunnelTestCase
{
  protected:
    /** \param name the case's name */
    explicit IkeTestCase(const std::string& name)
        : IkeTunnelTestCase(name)
    {
    }

    /**
     * \param e an endpoint
     * \param who its name
     * \brief No Child SA left: no inbound SA, no policy.
     */
    void
    CheckNoChildSa(Ptr<IpsecEndpoint> e, const std::string& who)
    {
        NS_TEST_ASSERT_MSG_EQ(e->GetSad().GetSize(), 0, who << ": no inbound SA");
        NS_TEST_ASSERT_MSG_EQ(e->GetSpd().GetSize(), 0, who << ": no policy");
        NS_TEST_ASSERT_MSG_EQ(e->GetIkeSession()->GetChildInboundSpi(), 0, who << ": no Child");
    }
};

// --- 1. Handshake ---------------------------------------------------------------------------

/** IKE_SA_INIT and IKE_AUTH complete in the expected round trips; the pair carries traffic. */
class IkeHandshakeTest : public IkeTestCase
{
  public:
    /**
     * \param transport TypeId name
     * \param tlsVersion "1.3" or "1.2" (TLS only)
     * \param rtts round trips from Start to ESTABLISHED on the client
     */
    IkeHandshakeTest(const std::string& transport, const std::string& tlsVersion, uint32_t rtts)
        : IkeTestCase("handshake over " + Short(transport)
                      + (transport == TLS ? " " + tlsVersion : "") + " in " + std::to_string(rtts)
                      + " RTT, Child SA pair matches, traffic passes")
        , m_transport(transport)
        , m_tlsVersion(tlsVersion)
        , m_rtts(rtts)
    {
    }

  private:
    void
    DoRun() override
    {
        IkeTunnelScenario s(m_transport);
        if (m_transport == TLS)
        {
            s.Helper().SetTransportAttribute("TlsVersion", StringValue(m_tlsVersion));
        }
        s.Build();
        SideLog c(s.Client());
        SideLog g(s.Gateway());
        const uint64_t bytes = 300000;
        Ptr<PatternSink> sink = s.AddTransfer(5001, bytes, Seconds(0.5));
        Simulator::Stop(Seconds(3));
        Simulator::Run();

        Ptr<IkeSession> client = s.Client();
        Ptr<IkeSession> gateway = s.Gateway();
        const Time rtt = IkeTunnelScenario::Rtt();
        CheckChildSaPair(s);
        // Propagation, plus a little serialization at 10 Mbit/s (and TLS's certificate).
        NS_TEST_ASSERT_MSG_GT_OR_EQ(client->GetHandshakeTime(), rtt * m_rtts, "not faster");
        NS_TEST_ASSERT_MSG_EQ_TOL(client->GetHandshakeTime(),
                                  rtt * m_rtts,
                                  MilliSeconds(10),
                                  "initiator: " << m_rtts << " round trips");
        NS_TEST_ASSERT_MSG_EQ(c.states.When(IkeSession::ESTABLISHED),
                              client->GetHandshakeTime(),
                              "measured from Start at 0 s");
        // The responder counts from the first IKE_SA_INIT: one round trip to IKE_AUTH.
        NS_TEST_ASSERT_MSG_EQ_TOL(
            gateway->GetHandshakeTime(), rtt, MilliSeconds(5), "responder: one round trip");
        NS_TEST_ASSERT_MSG_LT(g.states.When(IkeSession::ESTABLISHED),
                              c.states.When(IkeSession::ESTABLISHED),
                              "the responder is up half a round trip before the initiator");
        // Two exchanges, nothing else: no retransmission, no resend.
        NS_TEST_ASSERT_MSG_EQ(c.tx.Count(ike::IKE_SA_INIT, false), 1, "one IKE_SA_INIT request");
        NS_TEST_ASSERT_MSG_EQ(c.tx.Count(ike::IKE_AUTH, false), 1, "one IKE_AUTH request");
        NS_TEST_ASSERT_MSG_EQ(g.tx.Count(ike::IKE_SA_INIT, true), 1, "one IKE_SA_INIT response");
        NS_TEST_ASSERT_MSG_EQ(g.tx.Count(ike::IKE_AUTH, true), 1, "one IKE_AUTH response");
        NS_TEST_ASSERT_MSG_EQ(client->GetMessagesSent(), 2, "client sent two messages");
        NS_TEST_ASSERT_MSG_EQ(gateway->GetMessagesSent(), 2, "gateway sent two messages");
        NS_TEST_ASSERT_MSG_EQ(client->GetMessagesReceived(), 2, "client received two");
        NS_TEST_ASSERT_MSG_EQ(gateway->GetMessagesReceived(), 2, "gateway received two");
        NS_TEST_ASSERT_MSG_EQ(client->GetRetransmissions() + client->GetResends(), 0, "none");
        NS_TEST_ASSERT_MSG_EQ(client->GetDrops() + gateway->GetDrops(), 0, "nothing dropped");
        uint64_t wire = c.tx.Bytes() + g.tx.Bytes();
        NS_TEST_ASSERT_MSG_EQ(client->GetHandshakeBytes(), wire, "handshake bytes: all four");
        NS_TEST_ASSERT_MSG_EQ(gateway->GetHandshakeBytes(), wire, "the same on both sides");
        // No NAT between client and gateway: the NAT_DETECTION hashes match (RFC 7296 §2.23,
        // over TCP with the connection's addresses, RFC 9329 §6.3).
        NS_TEST_ASSERT_MSG_EQ(client->IsNatDetected(), false, "client: no NAT");
        NS_TEST_ASSERT_MSG_EQ(gateway->IsNatDetected(), false, "gateway: no NAT");
        NS_TEST_ASSERT_MSG_EQ(client->GetFailureNotify(), 0, "no error");
        // Inner traffic through the IKE-keyed pair.
        NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), bytes, "every inner byte arrived");
        NS_TEST_ASSERT_MSG_EQ(sink->GetMismatches(), 0, "intact");
        CheckNoKeyingLoss(s);
        Simulator::Destroy();
    }

    std::string m_transport;  //!< transport
    std::string m_tlsVersion; //!< TLS version
    uint32_t m_rtts;          //!< expected round trips
};

// --- 2. Wrong PSK ---------------------------------------------------------------------------

/** Different pre-shared keys: AUTHENTICATION_FAILED on both sides, no Child SA anywhere. */
class IkeWrongPskTest : public IkeTestCase
{
  public:
    /** \param transport TypeId name */
    explicit IkeWrongPskTest(const std::string& transport)
        : IkeTestCase("wrong PSK over " + Short(transport)
                      + ": AUTHENTICATION_FAILED on both sides, no Child SA")
        , m_transport(transport)
    {
    }

  private:
    void
    DoRun() override
    {
        IkeTunnelScenario s(m_transport);
        s.Build();
        s.Gateway()->SetAttribute("PreSharedKey", StringValue("not the client's key"));
        SideLog c(s.Client());
        SideLog g(s.Gateway());
        Ptr<PatternSink> sink = s.AddTransfer(5001, 100000, Seconds(0.5));
        Simulator::Stop(Seconds(3));
        Simulator::Run();

        for (Ptr<IkeSession> ike : {s.Client(), s.Gateway()})
        {
            std::string who = ike == s.Client() ? "client" : "gateway";
            NS_TEST_ASSERT_MSG_EQ(ike->GetState(), IkeSession::FAILED, who << " FAILED");
            NS_TEST_ASSERT_MSG_EQ(ike->GetFailureNotify(),
                                  ike::AUTHENTICATION_FAILED,
                                  who << ": AUTHENTICATION_FAILED");
            NS_TEST_ASSERT_MSG_EQ(ike->GetHandshakeTime(), Time(0), who << " never up");
        }
        CheckNoChildSa(s.Tunnel().client, "client");
        CheckNoChildSa(s.Tunnel().gateway, "gateway");
        NS_TEST_ASSERT_MSG_EQ(c.states.When(IkeSession::ESTABLISHED), Seconds(-1), "never up");
        NS_TEST_ASSERT_MSG_EQ(g.states.When(IkeSession::ESTABLISHED), Seconds(-1), "never up");
        // The gateway rejected the initiator's AUTH and said so in its IKE_AUTH response.
        NS_TEST_ASSERT_MSG_EQ(g.tx.Count(ike::IKE_AUTH, true), 1, "one IKE_AUTH response");
        NS_TEST_ASSERT_MSG_EQ_TOL(c.states.When(IkeSession::FAILED),
                                  IkeTunnelScenario::Rtt() * (m_transport == UDP ? 2 : 3),
                                  MilliSeconds(10),
                                  "the client failed on that response");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->GetMessagesSent(), 2, "nothing after the failure");
        NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetMessagesSent(), 2, "nothing after the failure");
        NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), 0, "no inner byte got through");
        NS_TEST_ASSERT_MSG_GT(s.Tunnel().client->GetTxCounters().Get(EspStatus::NO_POLICY),
                              0,
                              "inner packets found no policy");
        Simulator::Destroy();
    }

    std::string m_transport; //!< transport
};

// --- 3. Tampered SK payloads ----------------------------------------------------------------

/**
 * \brief On an endpoint's "IkeRx" trace: the first protected message of a kind that arrives
 * is first fed to the session with one bit flipped, once per byte of its SK payload (IV,
 * ciphertext, ICV) and once in the header's flags (AAD); then the real one goes on.
 */
struct Tamperer
{
    Ptr<IkeSession> target;  //!< session fed
    Address from;            //!< the peer's outer address
    uint8_t exchangeType{0}; //!< which exchange
    bool response{false};    //!< request or response
    bool done{false};        //!< the message was seen
    uint32_t fed{0};         //!< tampered copies fed
    bool silent{true};       //!< no message was sent in answer to any copy
    bool stateKept{true};    //!< the state did not change
    bool idKept{true};       //!< the expected request ID did not move

    /** \param packet an IKE message as received */
    void
    Rx(Ptr<const Packet> packet)
    {
        std::vector<uint8_t> bytes(packet->GetSize());
        packet->CopyData(bytes.data(), bytes.size());
        const std::size_t skBody = 28 + 4; // IKE header, SK generic header
        if (done || bytes.size() <= skBody || bytes[16] != ike::PAYLOAD_SK
            || bytes[18] != exchangeType || ((bytes[19] & ike::FLAG_RESPONSE) != 0) != response)
        {
            return;
        }
        done = true;
        IkeSession::State state = target->GetState();
        uint64_t sent = target->GetMessagesSent();
        uint32_t expectedId = target->GetIkeSa()->GetExpectedRequestId();
        std::vector<std::size_t> positions = {19}; // flags: the V bit, ignored but authenticated
        for (std::size_t i = skBody; i < bytes.size(); ++i)
        {
            positions.push_back(i);
        }
        for (std::size_t i : positions)
        {
            std::vector<uint8_t> copy = bytes;
            copy[i] ^= i == 19 ? ike::FLAG_VERSION : 0x01;
            target->Receive(Create<Packet>(copy.data(), copy.size()), from);
            ++fed;
        }
        silent = target->GetMessagesSent() == sent;
        stateKept = target->GetState() == state;
        idKept = target->GetIkeSa()->GetExpectedRequestId() == expectedId;
    }
};

/** Tampered IKE_AUTH, INFORMATIONAL request and response: ICV failures, no answer, and the real
 * messages still work. */
class IkeTamperTest : public IkeTestCase
{
  public:
    IkeTamperTest()
        : IkeTestCase("tampered SK payloads (IKE_AUTH, INFORMATIONAL request and response): ICV "
                      "failure, no answer, SA unharmed")
    {
    }

  private:
    void
    DoRun() override
    {
        IkeTunnelScenario s(UDP);
        s.Build();
        // Only the client checks liveness: its one INFORMATIONAL exchange at about 1.1 s.
        s.Client()->SetAttribute("LivenessInterval", TimeValue(Seconds(1)));
        Address clientAddress = InetSocketAddress(s.Topology().GetClientAddress(), 4500);
        Address gatewayAddress = InetSocketAddress(s.Topology().GetGatewayAddress(), 4500);
        Tamperer auth{s.Gateway(), clientAddress, ike::IKE_AUTH, false};
        Tamperer request{s.Gateway(), clientAddress, ike::INFORMATIONAL, false};
        Tamperer response{s.Client(), gatewayAddress, ike::INFORMATIONAL, true};
        s.Tunnel().gateway->TraceConnectWithoutContext("IkeRx", MakeCallback(&Tamperer::Rx, &auth));
        s.Tunnel().gateway->TraceConnectWithoutContext("IkeRx",
                                                       MakeCallback(&Tamperer::Rx, &request));
        s.Tunnel().client->TraceConnectWithoutContext("IkeRx",
                                                      MakeCallback(&Tamperer::Rx, &response));
        SideLog c(s.Client());
        SideLog g(s.Gateway());
        Simulator::Stop(Seconds(1.9));
        Simulator::Run();

        for (const Tamperer* t : {&auth, &request, &response})
        {
            NS_TEST_ASSERT_MSG_EQ(t->done, true, "the message to tamper with came");
            NS_TEST_ASSERT_MSG_GT(t->fed, 25, "every SK byte and the flags");
            NS_TEST_ASSERT_MSG_EQ(t->silent, true, "no answer to a tampered message");
            NS_TEST_ASSERT_MSG_EQ(t->stateKept, true, "the state did not move");
            NS_TEST_ASSERT_MSG_EQ(t->idKept, true, "the Message ID window did not move");
        }
        NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetIcvFailures(),
                              auth.fed + request.fed,
                              "each tampered request failed its ICV");
        NS_TEST_ASSERT_MSG_EQ(
            s.Client()->GetIcvFailures(), response.fed, "each tampered response failed its ICV");
        NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetDrops(), s.Gateway()->GetIcvFailures(), "dropped");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->GetDrops(), s.Client()->GetIcvFailures(), "dropped");
        // The real messages that followed the copies were processed as if nothing happened.
        CheckChildSaPair(s);
        NS_TEST_ASSERT_MSG_EQ(c.live.alive.size(), 1, "one liveness check");
        NS_TEST_ASSERT_MSG_EQ(c.live.alive.front(), true, "answered");
        NS_TEST_ASSERT_MSG_EQ(g.tx.entries.size(), 3, "INIT, AUTH, INFORMATIONAL responses");
        NS_TEST_ASSERT_MSG_EQ(g.tx.Count(ike::INFORMATIONAL, true), 1, "one INFORMATIONAL");
        Simulator::Destroy();
    }
};

// --- 4. A lost IKE_SA_INIT ----------------------------------------------------------------

/** The first IKE_SA_INIT is lost: UDP retransmits it after 0.5 s; TCP repairs it itself. */
class IkeLostInitTest : public IkeTestCase
{
  public:
    /** \param transport TypeId name */
    explicit IkeLostInitTest(const std::string& transport)
        : IkeTestCase("lost IKE_SA_INIT over " + Short(transport)
                      + (transport == UDP ? ": retransmitted after 0.5 s"
                                          : ": TCP repairs it, IKE does not retransmit"))
        , m_transport(transport)
    {
    }

  private:
    void
    DoRun() override
    {
        IkeTunnelScenario s(m_transport);
        s.Build();
        Ptr<FirstIkeDropper> dropper = CreateObject<FirstIkeDropper>();
        s.SetErrorModel(1, dropper);
        SideLog c(s.Client());
        SideLog g(s.Gateway());
        Simulator::Stop(Seconds(3));
        Simulator::Run();

        Ptr<IkeSession> client = s.Client();
        const Time rtt = IkeTunnelScenario::Rtt();
        NS_TEST_ASSERT_MSG_EQ(dropper->GetDrops(), 1, "the first IKE_SA_INIT was lost");
        CheckChildSaPair(s);
        if (m_transport == UDP)
        {
            NS_TEST_ASSERT_MSG_EQ(client->GetRetransmissions(), 1, "one retransmission");
            NS_TEST_ASSERT_MSG_EQ(client->GetMessagesSent(), 3, "INIT twice, AUTH");
            std::vector<Time> init = c.tx.Times(ike::IKE_SA_INIT, false);
            NS_TEST_ASSERT_MSG_EQ(init.size(), 2, "two IKE_SA_INIT requests");
            NS_TEST_ASSERT_MSG_EQ(init[1] - init[0], MilliSeconds(500), "libreswan's 0.5 s");
            NS_TEST_ASSERT_MSG_EQ_TOL(client->GetHandshakeTime(),
                                      MilliSeconds(500) + rtt * 2,
                                      MilliSeconds(5),
                                      "0.5 s + 2 RTT");
            NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetCachedResponses(), 0, "the first never came");
        }
        else
        {
            Ptr<TcpEncapTransport> tcp
                = DynamicCast<TcpEncapTransport>(s.Tunnel().client->GetTransport());
            NS_TEST_ASSERT_MSG_EQ(client->GetRetransmissions(), 0, "IKE does not retransmit");
            NS_TEST_ASSERT_MSG_EQ(client->GetResends(), 0, "same connection throughout");
            NS_TEST_ASSERT_MSG_EQ(client->GetMessagesSent(), 2, "INIT and AUTH, once each");
            NS_TEST_ASSERT_MSG_EQ(c.tx.Count(ike::IKE_SA_INIT, false), 1, "one IKE_SA_INIT");
            NS_TEST_ASSERT_MSG_GT_OR_EQ(tcp->GetOuterRetransmissions(), 1, "TCP resent it");
            NS_TEST_ASSERT_MSG_EQ(tcp->GetConnectionsOpened(), 1, "one connection");
            // The outer RTO (at least MinRto, 200 ms) instead of IKE's 0.5 s.
            NS_TEST_ASSERT_MSG_GT(client->GetHandshakeTime(),
                                  rtt * 3 + MilliSeconds(150),
                                  "an outer retransmission timeout later");
            NS_TEST_ASSERT_MSG_LT(client->GetHandshakeTime(),
                                  rtt * 3 + MilliSeconds(500),
                                  "well before IKE's own timer would have fired");
            NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetMessagesReceived(), 2, "each once");
        }
        Simulator::Destroy();
    }

    std::string m_transport; //!< transport
};

// --- 5. A reset during IKE_AUTH -------------------------------------------------------------

/** RFC 9329 §6.2: the request lost with its connection is resent on the next one, and the
 * responder, which had it, answers from the response it kept. */
class IkeResetDuringAuthTest : public IkeTestCase
{
  public:
    IkeResetDuringAuthTest()
        : IkeTestCase("RST during IKE_AUTH over TCP: resent on the new connection, answered from "
                      "the kept response")
    {
    }

  private:
    void
    DoRun() override
    {
        IkeTunnelScenario s(TCP);
        s.Build();
        Ptr<TcpResetInjector> injector = CreateObject<TcpResetInjector>();
        injector->Install(s.Topology().GetRouter());
        ResetOnRequest reset{injector, ike::IKE_AUTH};
        s.Client()->TraceConnectWithoutContext("MessageTx",
                                               MakeCallback(&ResetOnRequest::Tx, &reset));
        SideLog c(s.Client());
        SideLog g(s.Gateway());
        const uint64_t bytes = 200000;
        Ptr<PatternSink> sink = s.AddTransfer(5001, bytes, Seconds(1));
        Simulator::Stop(Seconds(3));
        Simulator::Run();

        Ptr<IkeSession> client = s.Client();
        Ptr<IkeSession> gateway = s.Gateway();
        Ptr<TcpEncapTransport> tcp
            = DynamicCast<TcpEncapTransport>(s.Tunnel().client->GetTransport());
        NS_TEST_ASSERT_MSG_EQ(injector->GetResets(), 1, "one connection reset");
        NS_TEST_ASSERT_MSG_EQ(
            tcp->GetConnectionsClosed(TcpEncapConnection::PEER_RESET), 1, "the client saw the RST");
        NS_TEST_ASSERT_MSG_EQ(tcp->GetConnectionsOpened(), 2, "and connected again");
        NS_TEST_ASSERT_MSG_EQ(client->GetResends(), 1, "IKE_AUTH resent on the new connection");
        NS_TEST_ASSERT_MSG_EQ(client->GetRetransmissions(), 0, "never on the same one");
        NS_TEST_ASSERT_MSG_EQ(c.tx.Count(ike::IKE_AUTH, false), 2, "IKE_AUTH sent twice");
        NS_TEST_ASSERT_MSG_EQ(client->GetMessagesSent(), 3, "INIT, AUTH, AUTH");
        // The RST came after the request went through: the gateway had it, answered on the dead
        // connection, and answers the copy with the same response (RFC 7296 §2.1).
        NS_TEST_ASSERT_MSG_EQ(g.rx.Count(ike::IKE_AUTH, false), 2, "the gateway got both copies");
        NS_TEST_ASSERT_MSG_EQ(gateway->GetCachedResponses(), 1, "the copy got the kept response");
        std::vector<uint32_t> answers = g.tx.Sizes(ike::IKE_AUTH, true);
        NS_TEST_ASSERT_MSG_EQ(answers.size(), 2, "two IKE_AUTH responses");
        NS_TEST_ASSERT_MSG_EQ(answers[0], answers[1], "the same response twice");
        NS_TEST_ASSERT_MSG_LT(g.states.When(IkeSession::ESTABLISHED),
                              c.tx.Times(ike::IKE_AUTH, false)[1],
                              "the gateway was up before the copy came");
        NS_TEST_ASSERT_MSG_EQ(c.rx.Count(ike::IKE_AUTH, true), 1, "the client got one answer");
        CheckChildSaPair(s);
        NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), bytes, "traffic on the new connection");
        NS_TEST_ASSERT_MSG_EQ(sink->GetMismatches(), 0, "intact");
        CheckNoKeyingLoss(s);
        Simulator::Destroy();
    }
};

// --- 6. Retransmission schedules -------------------------------------------------------------

/** Enables error models when the client enters INIT (the path dies with IKE_SA_INIT). */
struct KillPathOnInit
{
    std::vector<Ptr<ErrorModel>> models; //!< enabled then

    /** \param from old state \param to new state */
    void
    State(IkeSession::State /* from */, IkeSession::State to)
    {
        if (to == IkeSession::INIT)
        {
            for (auto& m : models)
            {
                m->Enable();
            }
        }
    }
};

/** Everything to the gateway is lost: the sends and the failure follow the policy exactly. */
class IkeRetransmitScheduleTest : public IkeTestCase
{
  public:
    /**
     * \param transport TypeId name
     * \param policy "LIBRESWAN" or "STRONGSWAN"
     * \param deadFromStart TCP: the path is dead before the connection (else it dies once the
     *        connection is up)
     */
    IkeRetransmitScheduleTest(const std::string& transport,
                              const std::string& policy,
                              bool deadFromStart = false)
        : IkeTestCase("dead path over " + Short(transport) + ", " + policy
                      + (transport == UDP ? ": retransmission schedule, then FAILED"
                         : deadFromStart  ? ": never connected, FAILED after the budget"
                                          : ": one send, FAILED after the budget"))
        , m_transport(transport)
        , m_policy(policy)
        , m_deadFromStart(deadFromStart)
    {
    }

  private:
    void
    DoRun() override
    {
        IkeTunnelScenario s(m_transport);
        s.Helper().SetIkeAttribute("RetransmitPolicy", StringValue(m_policy));
        s.Build();
        KillPathOnInit kill;
        for (uint32_t i = 0; i < 2; ++i)
        {
            Ptr<RateErrorModel> hole = BlackHole();
            s.SetErrorModel(i, hole);
            if (m_transport != UDP && !m_deadFromStart)
            {
                hole->Disable();
                kill.models.push_back(hole);
            }
        }
        s.Client()->TraceConnectWithoutContext("State",
                                               MakeCallback(&KillPathOnInit::State, &kill));
        SideLog c(s.Client());
        Simulator::Stop(Seconds(200));
        Simulator::Run();

        Ptr<IkeSession> client = s.Client();
        std::vector<Time> sends = c.tx.Times(ike::IKE_SA_INIT, false);
        Time failed = c.states.When(IkeSession::FAILED);
        NS_TEST_ASSERT_MSG_EQ(client->GetState(), IkeSession::FAILED, "the client gave up");
        NS_TEST_ASSERT_MSG_EQ(client->GetFailureNotify(), 0, "for want of an answer");
        NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetMessagesReceived(), 0, "nothing got through");
        NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetState(), IkeSession::IDLE, "gateway untouched");
        CheckNoChildSa(s.Tunnel().client, "client");
        const Time tol = MicroSeconds(1);
        if (m_transport == UDP)
        {
            // The schedules, from the formulas of ike-retransmit-policy.h.
            std::vector<double> expected;
            double t = 0;
            double end = 0;
            if (m_policy == "LIBRESWAN")
            {
                // Initial 0.5 s, doubling, the exchange over 60 s after the first send.
                for (double wait = 0.5; t < 60; t += wait, wait *= 2)
                {
                    expected.push_back(t);
                }
                end = 60;
            }
            else
            {
                // Wait k is 4 s x 1.8^k; 5 retransmissions, failure after the wait that follows.
                for (int k = 0; k <= 5; ++k)
                {
                    expected.push_back(t);
                    t += 4 * std::pow(1.8, k);
                }
                end = t;
            }
            NS_TEST_ASSERT_MSG_EQ(sends.size(), expected.size(), "number of sends");
            for (std::size_t i = 0; i < sends.size(); ++i)
            {
                NS_TEST_ASSERT_MSG_EQ_TOL(sends[i], Seconds(expected[i]), tol, "send " << i);
            }
            NS_TEST_ASSERT_MSG_EQ_TOL(failed, Seconds(end), tol, "failure time");
            NS_TEST_ASSERT_MSG_EQ(client->GetRetransmissions(), expected.size() - 1, "counted");
            NS_TEST_ASSERT_MSG_EQ(client->GetMessagesSent(), expected.size(), "all of them");
            // Spot checks against the numbers the policy documents.
            if (m_policy == "LIBRESWAN")
            {
                NS_TEST_ASSERT_MSG_EQ(sends.size(), 7, "0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s");
                NS_TEST_ASSERT_MSG_EQ(sends.back(), Seconds(31.5), "last send at 31.5 s");
                NS_TEST_ASSERT_MSG_EQ(failed, Seconds(60), "FAILED at 60 s");
            }
            else
            {
                NS_TEST_ASSERT_MSG_EQ(sends.size(), 6, "0, 4, 11.2, 24.16, 47.49, 89.48 s");
                NS_TEST_ASSERT_MSG_EQ_TOL(sends[3], Seconds(24.16), tol, "fourth send");
                NS_TEST_ASSERT_MSG_EQ_TOL(sends[5], Seconds(89.4784), tol, "last send");
                NS_TEST_ASSERT_MSG_EQ_TOL(failed, Seconds(165.06112), tol, "FAILED at 165.06 s");
            }
        }
        else if (m_deadFromStart)
        {
            // No connection ever: IKE_SA_INIT never leaves, and the attempt ends with the
            // budget since Start.
            NS_TEST_ASSERT_MSG_EQ(sends.size(), 0, "nothing sent");
            NS_TEST_ASSERT_MSG_EQ(c.states.When(IkeSession::CONNECTING), Seconds(0), "waited");
            NS_TEST_ASSERT_MSG_EQ_TOL(failed, Seconds(60), tol, "FAILED after the budget");
        }
        else
        {
            // RFC 9329 §6.2: no retransmission on a stream; give up after the budget.
            NS_TEST_ASSERT_MSG_EQ(sends.size(), 1, "sent once");
            NS_TEST_ASSERT_MSG_EQ_TOL(
                sends[0], IkeTunnelScenario::Rtt(), MilliSeconds(1), "once the connection was up");
            NS_TEST_ASSERT_MSG_EQ(client->GetRetransmissions(), 0, "no retransmission");
            NS_TEST_ASSERT_MSG_EQ(client->GetResends(), 0, "no new connection came up");
            NS_TEST_ASSERT_MSG_EQ_TOL(failed - sends[0], Seconds(60), tol, "the budget");
        }
        Simulator::Destroy();
    }

    std::string m_transport; //!< transport
    std::string m_policy;    //!< retransmission policy
    bool m_deadFromStart;    //!< no connection at all
};

// --- 7. COOKIE and INVALID_KE_PAYLOAD ---------------------------------------------------------

/** A responder that demands cookies: one retry with the COOKIE first, then the handshake. */
class IkeCookieTest : public IkeTestCase
{
  public:
    /** \param transport TypeId name */
    explicit IkeCookieTest(const std::string& transport)
        : IkeTestCase("COOKIE over " + Short(transport) + ": one retry, then established")
        , m_transport(transport)
    {
    }

  private:
    void
    DoRun() override
    {
        IkeTunnelScenario s(m_transport);
        s.Build();
        s.Gateway()->SetAttribute("CookieThreshold", UintegerValue(0));
        SideLog c(s.Client());
        SideLog g(s.Gateway());
        Simulator::Stop(Seconds(3));
        Simulator::Run();

        CheckChildSaPair(s);
        NS_TEST_ASSERT_MSG_EQ(s.Client()->GetInitRetries(), 1, "one retry");
        // On the wire: request, COOKIE, request with the cookie, response.
        NS_TEST_ASSERT_MSG_EQ(c.tx.Count(ike::IKE_SA_INIT, false), 2, "two requests");
        NS_TEST_ASSERT_MSG_EQ(g.tx.Count(ike::IKE_SA_INIT, true), 2, "two responses");
        std::vector<uint32_t> requests = c.tx.Sizes(ike::IKE_SA_INIT, false);
        std::vector<uint32_t> responses = g.tx.Sizes(ike::IKE_SA_INIT, true);
        // The COOKIE answer: header, one Notify (8 bytes and the cookie: a version byte and a
        // 32-byte HMAC-SHA-256, RFC 7296 §2.6).
        const uint32_t cookieNotify = 8 + 1 + 32;
        NS_TEST_ASSERT_MSG_EQ(responses[0], 28 + cookieNotify, "the COOKIE answer");
        NS_TEST_ASSERT_MSG_EQ(requests[1], requests[0] + cookieNotify, "the same, plus COOKIE");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->GetRetransmissions(), 0, "a retry, not a timeout");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->GetMessagesSent(), 3, "INIT, INIT, AUTH");
        uint32_t rtts = m_transport == UDP ? 3 : 4;
        NS_TEST_ASSERT_MSG_EQ_TOL(s.Client()->GetHandshakeTime(),
                                  IkeTunnelScenario::Rtt() * rtts,
                                  MilliSeconds(10),
                                  "one more round trip");
        if (m_transport != UDP)
        {
            // RFC 9329 §6.4: the retry reuses the connection.
            Ptr<TcpEncapTransport> tcp
                = DynamicCast<TcpEncapTransport>(s.Tunnel().client->GetTransport());
            NS_TEST_ASSERT_MSG_EQ(tcp->GetConnectionsOpened(), 1, "one connection");
        }
        Simulator::Destroy();
    }

    std::string m_transport; //!< transport
};

/** The initiator's KE is in a group the responder does not prefer: INVALID_KE_PAYLOAD, one
 * retry in the group asked for; or no common group at all: NO_PROPOSAL_CHOSEN. */
class IkeInvalidKeTest : public IkeTestCase
{
  public:
    /** \param common whether the groups overlap */
    explicit IkeInvalidKeTest(bool common)
        : IkeTestCase(common ? "INVALID_KE_PAYLOAD: client ecp256,x25519, gateway x25519: one "
                               "retry with x25519"
                             : "no common group: NO_PROPOSAL_CHOSEN, FAILED")
        , m_common(common)
    {
    }

  private:
    void
    DoRun() override
    {
        IkeTunnelScenario s(UDP);
        s.Helper().SetIkeAttribute("DhGroups", StringValue(m_common ? "ecp256,x25519" : "ecp256"));
        s.Build();
        s.Gateway()->SetAttribute("DhGroups", StringValue("x25519"));
        SideLog c(s.Client());
        SideLog g(s.Gateway());
        Simulator::Stop(Seconds(3));
        Simulator::Run();

        std::vector<uint32_t> requests = c.tx.Sizes(ike::IKE_SA_INIT, false);
        if (!m_common)
        {
            NS_TEST_ASSERT_MSG_EQ(s.Client()->GetState(), IkeSession::FAILED, "client failed");
            NS_TEST_ASSERT_MSG_EQ(
                s.Client()->GetFailureNotify(), ike::NO_PROPOSAL_CHOSEN, "NO_PROPOSAL_CHOSEN");
            NS_TEST_ASSERT_MSG_EQ(requests.size(), 1, "no retry");
            NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetState(), IkeSession::IDLE, "no state kept");
            NS_TEST_ASSERT_MSG_EQ(g.tx.Count(ike::IKE_SA_INIT, true), 1, "one error answer");
            CheckNoChildSa(s.Tunnel().client, "client");
            CheckNoChildSa(s.Tunnel().gateway, "gateway");
            Simulator::Destroy();
            return;
        }
        CheckChildSaPair(s);
        NS_TEST_ASSERT_MSG_EQ(s.Client()->GetInitRetries(), 1, "one retry");
        NS_TEST_ASSERT_MSG_EQ(requests.size(), 2, "two IKE_SA_INIT requests");
        // The first KE carried a P-256 point (64 bytes), the second an X25519 value (32).
        NS_TEST_ASSERT_MSG_EQ(requests[0], requests[1] + 32, "KE data 64 then 32 bytes");
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(s.Client()->GetIkeSa()->GetChoice().dhGroup),
                              static_cast<int>(DhGroup::CURVE25519),
                              "client: x25519");
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(s.Gateway()->GetIkeSa()->GetChoice().dhGroup),
                              static_cast<int>(DhGroup::CURVE25519),
                              "gateway: x25519");
        NS_TEST_ASSERT_MSG_EQ_TOL(s.Client()->GetHandshakeTime(),
                                  IkeTunnelScenario::Rtt() * 3,
                                  MilliSeconds(10),
                                  "one more round trip");
        Simulator::Destroy();
    }

    bool m_common; //!< the groups overlap
};

// --- 8. Certificates --------------------------------------------------------------------------

/** RFC 7427 signatures with certificates: larger IKE_AUTH, same round trips; a gateway pinning
 * another certificate refuses the client. */
class IkeCertificateTest : public IkeTestCase
{
  public:
    /**
     * \param type the key type
     * \param trusted whether the gateway trusts the client's certificate
     */
    IkeCertificateTest(IkeKeyType type, bool trusted)
        : IkeTestCase(std::string("certificates, ")
                      + (type == IkeKeyType::RSA_2048 ? "RSA-2048" : "ECDSA P-256")
                      + (trusted ? ": established, AUTH larger than PSK's"
                                 : ": the gateway pins another certificate, "
                                   "AUTHENTICATION_FAILED"))
        , m_type(type)
        , m_trusted(trusted)
    {
    }

  private:
    /**
     * \param certificates with certificates (else PSK)
     * \param[out] authSizes the IKE_AUTH request and response sizes
     * \return the client's handshake bytes
     */
    uint64_t
    RunOnce(bool certificates, std::vector<uint32_t>& authSizes)
    {
        IkeTunnelScenario s(UDP);
        if (certificates)
        {
            s.Helper().SetCertificates(m_type);
        }
        s.Build();
        if (!m_trusted)
        {
            // An impostor's certificate with the client's name, and a key of its own.
            std::array<uint8_t, DeterministicRandom::SEED_SIZE> seed{};
            seed[0] = 42;
            Ptr<DeterministicRandom> random = Create<DeterministicRandom>(seed);
            Ptr<IkeCredential> impostor
                = IkeCredential::Generate(m_type, "client.tcp-encap.example", random);
            Ptr<IkeCredential> own
                = IkeCredential::Generate(m_type, "gateway.tcp-encap.example", random);
            s.Gateway()->SetCredentials(own, impostor->GetCertificateDer());
        }
        SideLog c(s.Client());
        SideLog g(s.Gateway());
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        uint64_t bytes = s.Client()->GetHandshakeBytes();
        authSizes = {0, 0};
        if (c.tx.Count(ike::IKE_AUTH, false) == 1 && g.tx.Count(ike::IKE_AUTH, true) == 1)
        {
            authSizes = {c.tx.Sizes(ike::IKE_AUTH, false)[0], g.tx.Sizes(ike::IKE_AUTH, true)[0]};
        }
        if (!m_trusted)
        {
            for (Ptr<IkeSession> ike : {s.Client(), s.Gateway()})
            {
                NS_TEST_EXPECT_MSG_EQ(ike->GetState(), IkeSession::FAILED, "FAILED");
                NS_TEST_EXPECT_MSG_EQ(
                    ike->GetFailureNotify(), ike::AUTHENTICATION_FAILED, "AUTHENTICATION_FAILED");
            }
            NS_TEST_EXPECT_MSG_EQ(g.tx.Count(ike::IKE_AUTH, true), 1, "refused in IKE_AUTH");
            CheckNoChildSa(s.Tunnel().client, "client");
            CheckNoChildSa(s.Tunnel().gateway, "gateway");
        }
        else
        {
            CheckChildSaPair(s);
            NS_TEST_EXPECT_MSG_EQ_TOL(s.Client()->GetHandshakeTime(),
                                      IkeTunnelScenario::Rtt() * 2,
                                      MilliSeconds(10),
                                      "two round trips");
        }
        Simulator::Destroy();
        return bytes;
    }

    void
    DoRun() override
    {
        if (!m_trusted)
        {
            std::vector<uint32_t> sizes;
            RunOnce(true, sizes);
            return;
        }
        std::vector<uint32_t> psk;
        std::vector<uint32_t> cert;
        uint64_t pskBytes = RunOnce(false, psk);
        uint64_t certBytes = RunOnce(true, cert);
        // IKE_SA_INIT differs by SIGNATURE_HASH_ALGORITHMS each way (RFC 7427 §4: a Notify
        // of 8 bytes listing 3 hashes of 2 bytes) and the responder's CERTREQ (4 + 1 + a
        // SHA-1 hash); IKE_AUTH carries a CERT payload (and the initiator's CERTREQ) and a
        // signature instead of a MAC of the PRF's size.
        NS_TEST_ASSERT_MSG_GT(certBytes, pskBytes + 500, "certificates cost bytes");
        NS_TEST_ASSERT_MSG_GT(cert[0], psk[0] + 250, "IKE_AUTH request larger");
        NS_TEST_ASSERT_MSG_GT(cert[1], psk[1] + 250, "IKE_AUTH response larger");
        const uint64_t hashNotify = 8 + 3 * 2;
        const uint64_t certRequest = 4 + 1 + 20;
        NS_TEST_ASSERT_MSG_EQ(certBytes - pskBytes,
                              (cert[0] - psk[0]) + (cert[1] - psk[1]) + 2 * hashNotify
                                  + certRequest,
                              "the difference is in IKE_AUTH, and the hash Notify in INIT");
        if (m_type == IkeKeyType::RSA_2048)
        {
            NS_TEST_ASSERT_MSG_GT(cert[0], 28 + 256 + 700, "a 256-byte signature and the cert");
        }
    }

    IkeKeyType m_type; //!< key type
    bool m_trusted;    //!< the gateway trusts the client
};

// --- 9. Liveness ---------------------------------------------------------------------------------

/** Empty INFORMATIONAL exchanges while the peer answers; a dead path fails the IKE SA after the
 * budget and removes the Child SAs. */
class IkeLivenessTest : public IkeTestCase
{
  public:
    /** \param transport TypeId name */
    explicit IkeLivenessTest(const std::string& transport)
        : IkeTestCase("liveness over " + Short(transport)
                      + ": alive, then a dead path fails the IKE SA after the budget")
        , m_transport(transport)
    {
    }

  private:
    void
    DoRun() override
    {
        IkeTunnelScenario s(m_transport);
        s.Helper().SetIkeAttribute("LivenessInterval", TimeValue(Seconds(1)));
        s.Helper().SetIkeAttribute("RetransmitBudget", TimeValue(Seconds(5)));
        s.Build();
        const Time death = Seconds(4.5);
        for (uint32_t i = 0; i < 2; ++i)
        {
            Ptr<RateErrorModel> hole = BlackHole();
            hole->Disable();
            s.SetErrorModel(i, hole);
            Simulator::Schedule(death, &ErrorModel::Enable, hole);
        }
        SideLog c(s.Client());
        SideLog g(s.Gateway());
        Simulator::Stop(Seconds(15));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_GT_OR_EQ(c.live.Count(Time(0), true), 1, "the client saw it alive");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(g.live.Count(Time(0), true), 1, "the gateway saw it alive");
        NS_TEST_ASSERT_MSG_EQ(c.live.Count(death, true), 0, "not after the path died");
        NS_TEST_ASSERT_MSG_EQ(c.live.Count(death, false), 1, "one failed check");
        NS_TEST_ASSERT_MSG_EQ(c.live.alive.back(), false, "the last one failed");
        NS_TEST_ASSERT_MSG_EQ(c.live.waited.back(), Seconds(5), "after the 5 s budget");
        // The failed check began 5 s before the failure, around the time the path died.
        Time failed = c.states.When(IkeSession::FAILED);
        Time begun = failed - Seconds(5);
        std::vector<Time> sends = c.tx.Times(ike::INFORMATIONAL, false);
        NS_TEST_ASSERT_MSG_EQ((std::find(sends.begin(), sends.end(), begun) != sends.end()),
                              true,
                              "FAILED 5 s after a check was sent");
        NS_TEST_ASSERT_MSG_GT(begun, death - IkeTunnelScenario::Rtt(), "the check the path killed");
        NS_TEST_ASSERT_MSG_LT(begun, death + Seconds(2.1), "within two intervals");
        // UDP retransmits the check (0, 0.5, 1.5, 3.5 s within 5 s); a stream sends it once.
        NS_TEST_ASSERT_MSG_EQ(c.tx.CountFrom(begun, ike::INFORMATIONAL, false),
                              (m_transport == UDP ? 4U : 1U),
                              "sends of the last check");
        for (Ptr<IkeSession> ike : {s.Client(), s.Gateway()})
        {
            std::string who = ike == s.Client() ? "client" : "gateway";
            NS_TEST_ASSERT_MSG_EQ(ike->GetState(), IkeSession::FAILED, who << " failed");
            NS_TEST_ASSERT_MSG_EQ(ike->GetFailureNotify(), 0, who << ": no answer, no notify");
        }
        CheckNoChildSa(s.Tunnel().client, "client");
        CheckNoChildSa(s.Tunnel().gateway, "gateway");
        Simulator::Destroy();
    }

    std::string m_transport; //!< transport
};

// --- 10. DELETE ----------------------------------------------------------------------------------

/** An INFORMATIONAL DELETE of the IKE SA closes both sides and removes every Child SA. */
class IkeDeleteTest : public IkeTestCase
{
  public:
    /** \param transport TypeId name \param byClient who deletes */
    IkeDeleteTest(const std::string& transport, bool byClient)
        : IkeTestCase("DELETE by the " + std::string(byClient ? "client" : "gateway") + " over "
                      + Short(transport) + ": both CLOSED, no SA left")
        , m_transport(transport)
        , m_byClient(byClient)
    {
    }

  private:
    void
    DoRun() override
    {
        IkeTunnelScenario s(m_transport);
        s.Build();
        const Time at = Seconds(1);
        Simulator::Schedule(at, &IkeSession::Delete, m_byClient ? s.Client() : s.Gateway());
        SideLog c(s.Client());
        SideLog g(s.Gateway());
        Ptr<PatternSink> sink = s.AddTransfer(5001, 100000, Seconds(2));
        Simulator::Stop(Seconds(3));
        Simulator::Run();

        const Time rtt = IkeTunnelScenario::Rtt();
        SideLog& deleter = m_byClient ? c : g;
        SideLog& peer = m_byClient ? g : c;
        NS_TEST_ASSERT_MSG_EQ(deleter.tx.Count(ike::INFORMATIONAL, false), 1, "one DELETE");
        NS_TEST_ASSERT_MSG_EQ(peer.tx.Count(ike::INFORMATIONAL, true), 1, "answered");
        NS_TEST_ASSERT_MSG_EQ(deleter.tx.Times(ike::INFORMATIONAL, false)[0], at, "at once");
        NS_TEST_ASSERT_MSG_EQ_TOL(deleter.states.When(IkeSession::CLOSED),
                                  at + rtt,
                                  MilliSeconds(2),
                                  "the deleter closes on the answer");
        NS_TEST_ASSERT_MSG_EQ_TOL(peer.states.When(IkeSession::CLOSED),
                                  at + rtt / 2,
                                  MilliSeconds(2),
                                  "the peer closes on the request");
        for (Ptr<IkeSession> ike : {s.Client(), s.Gateway()})
        {
            std::string who = ike == s.Client() ? "client" : "gateway";
            NS_TEST_ASSERT_MSG_EQ(ike->GetState(), IkeSession::CLOSED, who << " CLOSED");
            NS_TEST_ASSERT_MSG_EQ(ike->GetFailureNotify(), 0, who << ": not a failure");
        }
        CheckNoChildSa(s.Tunnel().client, "client");
        CheckNoChildSa(s.Tunnel().gateway, "gateway");
        NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), 0, "no tunnel after the DELETE");
        NS_TEST_ASSERT_MSG_GT(s.Tunnel().client->GetTxCounters().Get(EspStatus::NO_POLICY),
                              0,
                              "inner packets have no policy");
        Simulator::Destroy();
    }

    std::string m_transport; //!< transport
    bool m_byClient;         //!< who deletes
};

// --- 11. Child SA rekey ----------------------------------------------------------------------

/** After each Child SA rekey: the old pair gone on both sides, the new pair crosswise. */
struct RekeyWatch
{
    IkeTunnelScenario* scenario{nullptr}; //!< the tunnel
    std::vector<uint64_t> clientNew;      //!< the client's new inbound SPIs
    std::vector<uint64_t> gatewayNew;     //!< the gateway's
    std::vector<uint32_t> requestSizes;   //!< CREATE_CHILD_SA requests
    std::vector<uint32_t> responseSizes;  //!< CREATE_CHILD_SA responses
    uint32_t checks{0};                   //!< checks done
    uint32_t bad{0};                      //!< checks that failed

    /** \param oldSpi replaced inbound SPI \param newSpi new one */
    void
    ClientRekeyed(uint64_t /* oldSpi */, uint64_t newSpi)
    {
        clientNew.push_back(newSpi);
    }

    /** \param oldSpi replaced inbound SPI \param newSpi new one */
    void
    GatewayRekeyed(uint64_t /* oldSpi */, uint64_t newSpi)
    {
        gatewayNew.push_back(newSpi);
    }

    /** \param type exchange \param response R flag \param size bytes */
    void
    ClientTx(uint8_t type, bool response, uint32_t size)
    {
        if (type == ike::CREATE_CHILD_SA && !response)
        {
            requestSizes.push_back(size);
        }
    }

    /** \param type exchange \param response R flag \param size bytes */
    void
    ClientRx(uint8_t type, bool response, uint32_t /* size */)
    {
        if (type == ike::INFORMATIONAL && response)
        {
            // The answer to the DELETE of the old pair: check once the client has handled it.
            Simulator::ScheduleNow(&RekeyWatch::Check, this);
        }
    }

    /** \param type exchange \param response R flag \param size bytes */
    void
    GatewayTx(uint8_t type, bool response, uint32_t size)
    {
        if (type == ike::CREATE_CHILD_SA && response)
        {
            responseSizes.push_back(size);
        }
    }

    /** \brief One inbound SA per side, the newest, and the pair crosswise. */
    void
    Check()
    {
        ++checks;
        const IpsecTunnel& t = scenario->Tunnel();
        Ipv4Address server = scenario->Topology().GetServerAddress();
        Ptr<EspSa> clientOut = t.client->GetSpd().FindOutbound(t.clientInner, server);
        Ptr<EspSa> gatewayOut = t.gateway->GetSpd().FindOutbound(server, t.clientInner);
        bool ok = t.client->GetSad().GetSize() == 1 && t.gateway->GetSad().GetSize() == 1
                  && !clientNew.empty() && !gatewayNew.empty()
                  && t.client->GetSad().Find(clientNew.back())
                  && t.gateway->GetSad().Find(gatewayNew.back()) && clientOut && gatewayOut
                  && clientOut->GetSpi() == gatewayNew.back()
                  && gatewayOut->GetSpi() == clientNew.back();
        bad += ok ? 0 : 1;
    }
};

/** Child SAs rekeyed during a transfer (by time, by volume, with PFS): make-before-break loses
 * no inner packet, and the old pair is deleted each time. */
class IkeChildRekeyTest : public IkeTestCase
{
  public:
    /** How the rekeys are triggered. */
    enum Mode
    {
        TIME,  //!< ChildLifetime 1 s
        BYTES, //!< ChildLifetimeBytes 1 MB
        PFS,   //!< ChildLifetime 1 s, with a KE payload
    };

    /** \param transport TypeId name \param mode trigger */
    IkeChildRekeyTest(const std::string& transport, Mode mode)
        : IkeTestCase("Child SA rekey under traffic over " + Short(transport) + ", "
                      + (mode == TIME    ? "ChildLifetime 1 s"
                         : mode == BYTES ? "ChildLifetimeBytes 1 MB"
                                         : "ChildLifetime 1 s with PFS")
                      + ": no inner packet lost, old SAs deleted")
        , m_transport(transport)
        , m_mode(mode)
    {
    }

  private:
    void
    DoRun() override
    {
        IkeTunnelScenario s(m_transport);
        if (m_mode == BYTES)
        {
            s.Helper().SetIkeAttribute("ChildLifetime", TimeValue(Time(0)));
            s.Helper().SetIkeAttribute("ChildLifetimeBytes", UintegerValue(1000000));
        }
        else
        {
            s.Helper().SetIkeAttribute("ChildLifetime", TimeValue(Seconds(1)));
        }
        s.Helper().SetIkeAttribute("Pfs", BooleanValue(m_mode == PFS));
        s.Build();
        RekeyWatch watch;
        watch.scenario = &s;
        s.Client()->TraceConnectWithoutContext("ChildSaRekeyed",
                                               MakeCallback(&RekeyWatch::ClientRekeyed, &watch));
        s.Gateway()->TraceConnectWithoutContext("ChildSaRekeyed",
                                                MakeCallback(&RekeyWatch::GatewayRekeyed, &watch));
        s.Client()->TraceConnectWithoutContext("MessageTx",
                                               MakeCallback(&RekeyWatch::ClientTx, &watch));
        s.Client()->TraceConnectWithoutContext("MessageRx",
                                               MakeCallback(&RekeyWatch::ClientRx, &watch));
        s.Gateway()->TraceConnectWithoutContext("MessageTx",
                                                MakeCallback(&RekeyWatch::GatewayTx, &watch));
        const uint64_t bytes = 3000000;
        Ptr<PatternSink> sink = s.AddTransfer(5001, bytes, Seconds(0.5));
        Simulator::Stop(Seconds(3.9));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), bytes, "every inner byte arrived");
        NS_TEST_ASSERT_MSG_EQ(sink->GetMismatches(), 0, "intact");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(s.Client()->GetChildRekeys(), 2, "client rekeyed");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(s.Gateway()->GetChildRekeys(), 2, "gateway rekeyed");
        NS_TEST_ASSERT_MSG_EQ(watch.clientNew.size(), s.Client()->GetChildRekeys(), "traced");
        // One DELETE of the old pair per rekey (the last may still be under way).
        NS_TEST_ASSERT_MSG_GT_OR_EQ(watch.checks + 1, watch.clientNew.size(), "each checked");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(watch.checks, 2, "at least two");
        NS_TEST_ASSERT_MSG_EQ(watch.bad, 0, "after each rekey: only the new pair, crosswise");
        CheckNoKeyingLoss(s);
        NS_TEST_ASSERT_MSG_EQ(s.Client()->GetState(), IkeSession::ESTABLISHED, "still up");
        // CREATE_CHILD_SA request: REKEY_SA Notify (12), SA (36), Nonce (36), TSi and TSr (24
        // each) inside an SK payload (4 + IV 8 + Pad Length 1 + ICV 16) behind the header (28):
        // 189 bytes. PFS adds a DH transform (8) and a KE payload (8 + 32): 237.
        const uint32_t pfs = m_mode == PFS ? 48 : 0;
        NS_TEST_ASSERT_MSG_GT_OR_EQ(watch.requestSizes.size(), 2, "requests seen");
        for (uint32_t size : watch.requestSizes)
        {
            NS_TEST_ASSERT_MSG_EQ(size, 189 + pfs, "CREATE_CHILD_SA request size");
        }
        // The response: SA, Nonce, TSi, TSr (no Notify): 177, and the KE with PFS.
        for (uint32_t size : watch.responseSizes)
        {
            NS_TEST_ASSERT_MSG_EQ(size, 177 + pfs, "CREATE_CHILD_SA response size");
        }
        Simulator::Destroy();
    }

    std::string m_transport; //!< transport
    Mode m_mode;             //!< trigger
};

// --- 12. IKE SA rekey --------------------------------------------------------------------------

/** The IKE SA rekeys each side reports. */
struct IkeRekeyWatch
{
    std::vector<std::pair<uint64_t, uint64_t>> client;  //!< (old, new) SPIi of the client
    std::vector<std::pair<uint64_t, uint64_t>> gateway; //!< (old, new) SPIr of the gateway

    /** \param oldSpi old \param newSpi new */
    void
    Client(uint64_t oldSpi, uint64_t newSpi)
    {
        client.emplace_back(oldSpi, newSpi);
    }

    /** \param oldSpi old \param newSpi new */
    void
    Gateway(uint64_t oldSpi, uint64_t newSpi)
    {
        gateway.emplace_back(oldSpi, newSpi);
    }
};

/** \param s scenario \param spis where to note the client's and gateway's current SPIs */
void
NoteIkeSpis(IkeTunnelScenario* s, std::vector<uint64_t>* spis)
{
    *spis = {s->Client()->GetIkeSa()->GetSpiI(),
             s->Client()->GetIkeSa()->GetSpiR(),
             s->Gateway()->GetIkeSa()->GetSpiI(),
             s->Gateway()->GetIkeSa()->GetSpiR()};
}

/** IKE SA rekeyed every second during and after a transfer (with Child SA rekeys on the new IKE
 * SAs): new SPIs on both sides, liveness and DELETE work on the newest. */
class IkeSaRekeyTest : public IkeTestCase
{
  public:
    /** \param transport TypeId name */
    explicit IkeSaRekeyTest(const std::string& transport)
        : IkeTestCase("IKE SA rekey over " + Short(transport)
                      + ": new SPIs, traffic intact, liveness and DELETE on the new SA")
        , m_transport(transport)
    {
    }

  private:
    void
    DoRun() override
    {
        IkeTunnelScenario s(m_transport);
        s.Helper().SetIkeAttribute("IkeLifetime", TimeValue(Seconds(1)));
        s.Helper().SetIkeAttribute("ChildLifetime", TimeValue(Seconds(1.5)));
        s.Helper().SetIkeAttribute("LivenessInterval", TimeValue(Seconds(0.5)));
        s.Build();
        IkeRekeyWatch watch;
        s.Client()->TraceConnectWithoutContext("IkeSaRekeyed",
                                               MakeCallback(&IkeRekeyWatch::Client, &watch));
        s.Gateway()->TraceConnectWithoutContext("IkeSaRekeyed",
                                                MakeCallback(&IkeRekeyWatch::Gateway, &watch));
        SideLog c(s.Client());
        SideLog g(s.Gateway());
        std::vector<uint64_t> first;
        std::vector<uint64_t> last;
        Simulator::Schedule(Seconds(0.5), &NoteIkeSpis, &s, &first);
        Simulator::Schedule(Seconds(4.9), &NoteIkeSpis, &s, &last);
        const Time deleteAt = Seconds(5);
        Simulator::Schedule(deleteAt, &IkeSession::Delete, s.Client());
        const uint64_t bytes = 3000000;
        Ptr<PatternSink> sink = s.AddTransfer(5001, bytes, Seconds(0.5));
        Simulator::Stop(Seconds(6));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), bytes, "every inner byte arrived");
        NS_TEST_ASSERT_MSG_EQ(sink->GetMismatches(), 0, "intact");
        CheckNoKeyingLoss(s);
        NS_TEST_ASSERT_MSG_GT_OR_EQ(s.Client()->GetIkeRekeys(), 3, "client rekeyed the IKE SA");
        NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetIkeRekeys(), s.Client()->GetIkeRekeys(), "both");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(s.Client()->GetChildRekeys(), 2, "Child SAs rekeyed too");
        NS_TEST_ASSERT_MSG_EQ(watch.client.size(), s.Client()->GetIkeRekeys(), "traced");
        NS_TEST_ASSERT_MSG_EQ(watch.gateway.size(), watch.client.size(), "traced");
        NS_TEST_ASSERT_MSG_EQ(watch.client.front().first, first[0], "from the first SPIi");
        NS_TEST_ASSERT_MSG_EQ(watch.gateway.front().first, first[1], "from the first SPIr");
        for (std::size_t i = 0; i < watch.client.size(); ++i)
        {
            if (i > 0)
            {
                NS_TEST_ASSERT_MSG_EQ(watch.client[i].first, watch.client[i - 1].second, "chain");
                NS_TEST_ASSERT_MSG_EQ(watch.gateway[i].first, watch.gateway[i - 1].second, "");
            }
            NS_TEST_ASSERT_MSG_NE(watch.client[i].second, watch.client[i].first, "a new SPIi");
            NS_TEST_ASSERT_MSG_NE(watch.gateway[i].second, watch.gateway[i].first, "new SPIr");
        }
        NS_TEST_ASSERT_MSG_EQ(last[0], watch.client.back().second, "the newest SA is in use");
        NS_TEST_ASSERT_MSG_EQ(last[1], watch.gateway.back().second, "with the gateway's SPIr");
        NS_TEST_ASSERT_MSG_NE(last[0], first[0], "SPIi changed");
        NS_TEST_ASSERT_MSG_NE(last[1], first[1], "SPIr changed");
        NS_TEST_ASSERT_MSG_EQ(last[0], last[2], "both sides agree: SPIi");
        NS_TEST_ASSERT_MSG_EQ(last[1], last[3], "both sides agree: SPIr");
        // Liveness on rekeyed IKE SAs once the transfer is over, by whichever side is first to
        // find the other quiet (the other then hears from it and has no check to make).
        NS_TEST_ASSERT_MSG_GT_OR_EQ(c.live.Count(Seconds(2), true) + g.live.Count(Seconds(2), true),
                                    1,
                                    "liveness after rekeys");
        NS_TEST_ASSERT_MSG_EQ(
            c.live.Count(Time(0), false) + g.live.Count(Time(0), false), 0, "never a failed check");
        // The DELETE went on the newest IKE SA and closed both sides.
        NS_TEST_ASSERT_MSG_EQ_TOL(c.states.When(IkeSession::CLOSED),
                                  deleteAt + IkeTunnelScenario::Rtt(),
                                  MilliSeconds(600),
                                  "closed by the DELETE");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->GetState(), IkeSession::CLOSED, "client CLOSED");
        NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetState(), IkeSession::CLOSED, "gateway CLOSED");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->GetFailureNotify(), 0, "not a failure");
        CheckNoChildSa(s.Tunnel().client, "client");
        CheckNoChildSa(s.Tunnel().gateway, "gateway");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->GetIcvFailures() + s.Gateway()->GetIcvFailures(),
                              0,
                              "no IKE message under the wrong keys");
        Simulator::Destroy();
    }

    std::string m_transport; //!< transport
};

// --- 13. Determinism ----------------------------------------------------------------------------

/** Everything random an IKE handshake produced, as seen from outside. */
struct HandshakeRecord
{
    std::vector<uint64_t> ikeSpis;             //!< IKE SPIs, both sides
    std::vector<std::vector<uint8_t>> ikeKeys; //!< SK_ei, SK_er, both sides
    std::vector<uint32_t> childSpis;           //!< Child SA SPIs, both endpoints
    std::vector<std::vector<uint8_t>> keymat;  //!< Child SA keys, both endpoints
    std::vector<uint32_t> sizes;               //!< message sizes, both sides

    /** \param spiI SPIi \param spiR SPIr \param skEi SK_ei \param skEr SK_er */
    void
    IkeKeys(uint64_t spiI,
            uint64_t spiR,
            const std::vector<uint8_t>& skEi,
            const std::vector<uint8_t>& skEr)
    {
        ikeSpis.push_back(spiI);
        ikeSpis.push_back(spiR);
        ikeKeys.push_back(skEi);
        ikeKeys.push_back(skEr);
    }

    /** \param out outbound SA \param in inbound SA */
    void
    Child(const EspSaParams& out, const EspSaParams& in)
    {
        childSpis.push_back(out.spi);
        childSpis.push_back(in.spi);
        keymat.push_back(out.keyMaterial);
        keymat.push_back(in.keyMaterial);
    }

    /** \param type exchange \param response R flag \param size bytes */
    void
    Tx(uint8_t /* type */, bool /* response */, uint32_t size)
    {
        sizes.push_back(size);
    }
};

/** Same seed and run, same bytes; another run, other SPIs and keys. */
class IkeDeterminismTest : public IkeTestCase
{
  public:
    IkeDeterminismTest()
        : IkeTestCase("same run: identical SPIs, keys, sizes; another RngRun: different ones")
    {
    }

  private:
    /** \param run RngRun \return what the handshake produced */
    HandshakeRecord
    RunOnce(uint32_t run)
    {
        IkeTunnelScenario s(UDP);
        s.Build(run);
        HandshakeRecord r;
        for (Ptr<IkeSession> ike : {s.Client(), s.Gateway()})
        {
            ike->TraceConnectWithoutContext("IkeSaKeys",
                                            MakeCallback(&HandshakeRecord::IkeKeys, &r));
            ike->TraceConnectWithoutContext("MessageTx", MakeCallback(&HandshakeRecord::Tx, &r));
        }
        for (Ptr<IpsecEndpoint> e : {s.Tunnel().client, s.Tunnel().gateway})
        {
            e->TraceConnectWithoutContext("ChildSaAdded",
                                          MakeCallback(&HandshakeRecord::Child, &r));
        }
        Simulator::Stop(Seconds(1));
        Simulator::Run();
        CheckChildSaPair(s);
        Simulator::Destroy();
        return r;
    }

    void
    DoRun() override
    {
        HandshakeRecord a = RunOnce(1);
        HandshakeRecord b = RunOnce(1);
        HandshakeRecord c = RunOnce(2);
        NS_TEST_ASSERT_MSG_EQ(a.ikeSpis.size(), 4, "one IKE SA keyed on each side");
        NS_TEST_ASSERT_MSG_EQ(a.childSpis.size(), 4, "one Child SA pair on each endpoint");
        NS_TEST_ASSERT_MSG_EQ(a.sizes.size(), 4, "four messages");
        NS_TEST_ASSERT_MSG_EQ(c.childSpis.size(), 4, "the other run too");
        // Both sides derived the same keys (crosswise for the Child SAs).
        NS_TEST_ASSERT_MSG_EQ((a.ikeKeys[0] == a.ikeKeys[2] && a.ikeKeys[1] == a.ikeKeys[3]),
                              true,
                              "same SK_e on both sides");
        NS_TEST_ASSERT_MSG_EQ((a.keymat[0] == a.keymat[3] && a.keymat[1] == a.keymat[2]),
                              true,
                              "the client's outbound keys are the gateway's inbound ones");
        NS_TEST_ASSERT_MSG_EQ((a.keymat[0] != a.keymat[1]), true, "one key per direction");
        // Same run: byte for byte.
        NS_TEST_ASSERT_MSG_EQ((a.ikeSpis == b.ikeSpis), true, "same IKE SPIs");
        NS_TEST_ASSERT_MSG_EQ((a.ikeKeys == b.ikeKeys), true, "same IKE SA keys");
        NS_TEST_ASSERT_MSG_EQ((a.childSpis == b.childSpis), true, "same Child SA SPIs");
        NS_TEST_ASSERT_MSG_EQ((a.keymat == b.keymat), true, "same Child SA keys");
        NS_TEST_ASSERT_MSG_EQ((a.sizes == b.sizes), true, "same message sizes");
        // Another run: other randomness.
        NS_TEST_ASSERT_MSG_NE(a.ikeSpis[0], c.ikeSpis[0], "another SPIi");
        NS_TEST_ASSERT_MSG_NE(a.ikeSpis[1], c.ikeSpis[1], "another SPIr");
        NS_TEST_ASSERT_MSG_NE(a.childSpis[0], c.childSpis[0], "another Child SPI");
        NS_TEST_ASSERT_MSG_NE(a.childSpis[1], c.childSpis[1], "another Child SPI");
        NS_TEST_ASSERT_MSG_EQ((a.keymat[0] != c.keymat[0]), true, "other Child SA keys");
        NS_TEST_ASSERT_MSG_EQ((a.ikeKeys[0] != c.ikeKeys[0]), true, "other IKE SA keys");
    }
};

/** The IKE session suite. */
class IkeSessionTestSuite : public TestSuite
{
  public:
    IkeSessionTestSuite()
        : TestSuite("tcp-encap-ike-session", Type::UNIT)
    {
        AddTestCase(new IkeHandshakeTest(UDP, "", 2), TestCase::Duration::QUICK);
        AddTestCase(new IkeHandshakeTest(TCP, "", 3), TestCase::Duration::QUICK);
        AddTestCase(new IkeHandshakeTest(TLS, "1.3", 4), TestCase::Duration::QUICK);
        AddTestCase(new IkeHandshakeTest(TLS, "1.2", 5), TestCase::Duration::QUICK);
        AddTestCase(new IkeWrongPskTest(UDP), TestCase::Duration::QUICK);
        AddTestCase(new IkeWrongPskTest(TCP), TestCase::Duration::QUICK);
        AddTestCase(new IkeTamperTest(), TestCase::Duration::QUICK);
        AddTestCase(new IkeLostInitTest(UDP), TestCase::Duration::QUICK);
        AddTestCase(new IkeLostInitTest(TCP), TestCase::Duration::QUICK);
        AddTestCase(new IkeResetDuringAuthTest(), TestCase::Duration::QUICK);
        AddTestCase(new IkeRetransmitScheduleTest(UDP, "LIBRESWAN"), TestCase::Duration::QUICK);
        AddTestCase(new IkeRetransmitScheduleTest(UDP, "STRONGSWAN"), TestCase::Duration::QUICK);
        AddTestCase(new IkeRetransmitScheduleTest(TCP, "LIBRESWAN"), TestCase::Duration::QUICK);
        AddTestCase(new IkeRetransmitScheduleTest(TCP, "LIBRESWAN", true),
                    TestCase::Duration::QUICK);
        AddTestCase(new IkeCookieTest(UDP), TestCase::Duration::QUICK);
        AddTestCase(new IkeCookieTest(TCP), TestCase::Duration::QUICK);
        AddTestCase(new IkeInvalidKeTest(true), TestCase::Duration::QUICK);
        AddTestCase(new IkeInvalidKeTest(false), TestCase::Duration::QUICK);
        AddTestCase(new IkeCertificateTest(IkeKeyType::ECDSA_P256, true),
                    TestCase::Duration::QUICK);
        AddTestCase(new IkeCertificateTest(IkeKeyType::RSA_2048, true), TestCase::Duration::QUICK);
        AddTestCase(new IkeCertificateTest(IkeKeyType::ECDSA_P256, false),
                    TestCase::Duration::QUICK);
        AddTestCase(new IkeLivenessTest(UDP), TestCase::Duration::QUICK);
        AddTestCase(new IkeLivenessTest(TCP), TestCase::Duration::QUICK);
        AddTestCase(new IkeDeleteTest(UDP, true), TestCase::Duration::QUICK);
        AddTestCase(new IkeDeleteTest(TCP, true), TestCase::Duration::QUICK);
        AddTestCase(new IkeDeleteTest(UDP, false), TestCase::Duration::QUICK);
        AddTestCase(new IkeChildRekeyTest(UDP, IkeChildRekeyTest::TIME), TestCase::Duration::QUICK);
        AddTestCase(new IkeChildRekeyTest(UDP, IkeChildRekeyTest::BYTES),
                    TestCase::Duration::QUICK);
        AddTestCase(new IkeChildRekeyTest(UDP, IkeChildRekeyTest::PFS), TestCase::Duration::QUICK);
        AddTestCase(new IkeChildRekeyTest(TCP, IkeChildRekeyTest::TIME), TestCase::Duration::QUICK);
        AddTestCase(new IkeSaRekeyTest(UDP), TestCase::Duration::QUICK);
        AddTestCase(new IkeSaRekeyTest(TCP), TestCase::Duration::QUICK);
        AddTestCase(new IkeDeterminismTest(), TestCase::Duration::QUICK);
    }
};

IkeSessionTestSuite g_ikeSessionTestSuite; //!< registers the suite

} // namespace
