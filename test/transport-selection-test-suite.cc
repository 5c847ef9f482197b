/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Transport selection end to end over the remote-access topology (50 ms RTT) with a
// PacketFirewall, and a NAPT, in the router: which transport each fallback policy ends on and
// when, in networks that block UDP (or IKE's UDP ports, or all but TCP 443) and in open ones
// (RFC 9329 §5.1's discussion); a race keeps one IKE SA; MOBIKE moves the SAs to the stream
// and back without a rekey (RFC 4555, RFC 9329 §7.1); NAT detection, NAT-keepalives over UDP
// only (RFC 3948 §2.3, RFC 9329 §6.5) and NAT rebinding over UDP and TCP.
#include "endpoint-transports.h"
#include "ike-test-recorders.h"
#include "ike-tunnel-scenario.h"
#include "tcp-encap-test-apps.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/error-model.h"
#include "ns3/ike-constants.h"
#include "ns3/ike-session.h"
#include "ns3/ike-transport-memory.h"
#include "ns3/ipsec-tunnel-helper.h"
#include "ns3/ipv4-header.h"
#include "ns3/napt-middlebox.h"
#include "ns3/packet-firewall.h"
#include "ns3/ppp-header.h"
#include "ns3/simulator.h"
#include "ns3/switchable-encap-transport.h"
#include "ns3/tcp-encap-transport.h"
#include "ns3/tcp-header.h"
#include "ns3/test.h"
#include "ns3/udp-encap-transport.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

using namespace ns3;
using namespace ns3::tcpencaptest;

namespace
{

const Ipv4Address NAT_OUTSIDE("10.1.2.1"); //!< the router on the bottleneck
constexpr uint8_t PROTO_UDP = 17;          //!< IPv4 protocol number
constexpr uint8_t PROTO_TCP = 6;           //!< IPv4 protocol number

// --- 1. Each policy, blocked and unblocked ------------------------------------------------------

/** How the client picks its transport. */
enum Choice
{
    UDP_ONLY,       //!< a plain UdpEncapTransport
    TCP_ONLY,       //!< a plain TcpEncapTransport
    TLS_ONLY,       //!< a plain TlsEncapTransport
    SEQUENTIAL,     //!< UDP, TCP after one unanswered retransmission (FallbackDelay 0)
    SEQUENTIAL_60S, //!< UDP, TCP after FallbackDelay 60 s (libreswan-like)
    SEQUENTIAL_2S,  //!< UDP, TCP after FallbackDelay 2 s (between two retransmissions)
    SEQUENTIAL_90S, //!< FallbackDelay 90 s, beyond UDP's 60 s budget: TCP when UDP gives up
    RACE,           //!< UDP, TCP too after RaceHeadStart 250 ms
    CACHED_FRESH,   //!< CACHED with an empty IkeTransportMemory: like SEQUENTIAL
};

/** \param c a choice \return its name */
std::string
ChoiceName(Choice c)
{
    switch (c)
    {
        case UDP_ONLY:
            return "udp-only";
        case TCP_ONLY:
            return "tcp-only";
        case TLS_ONLY:
            return "tls-only";
        case SEQUENTIAL:
            return "SEQUENTIAL";
        case SEQUENTIAL_60S:
            return "SEQUENTIAL 60 s";
        case SEQUENTIAL_2S:
            return "SEQUENTIAL 2 s";
        case SEQUENTIAL_90S:
            return "SEQUENTIAL 90 s";
        case RACE:
            return "RACE";
        case CACHED_FRESH:
            return "CACHED (nothing known)";
    }
    return "?";
}

/**
 * \param h the scenario's helper
 * \param c the choice
 * \param memory for CACHED
 */
void
ConfigureChoice(IpsecTunnelHelper& h, Choice c, Ptr<IkeTransportMemory> memory)
{
    switch (c)
    {
        case UDP_ONLY:
        case TCP_ONLY:
        case TLS_ONLY:
            return; // the plain transport
        case SEQUENTIAL:
            h.SetFallback(IkeSession::SEQUENTIAL);
            break;
        case SEQUENTIAL_60S:
            h.SetFallback(IkeSession::SEQUENTIAL);
            h.SetIkeAttribute("FallbackDelay", TimeValue(Seconds(60)));
            break;
        case SEQUENTIAL_2S:
            h.SetFallback(IkeSession::SEQUENTIAL);
            h.SetIkeAttribute("FallbackDelay", TimeValue(Seconds(2)));
            break;
        case SEQUENTIAL_90S:
            h.SetFallback(IkeSession::SEQUENTIAL);
            h.SetIkeAttribute("FallbackDelay", TimeValue(Seconds(90)));
            break;
        case RACE:
            h.SetFallback(IkeSession::RACE);
            h.SetIkeAttribute("RaceHeadStart", TimeValue(MilliSeconds(250)));
            break;
        case CACHED_FRESH:
            h.SetFallback(IkeSession::CACHED);
            h.SetTransportMemory(memory);
            break;
    }
}

/** \param c a choice \param stream TCP or TLS \return the TypeId to install */
std::string
TransportOf(Choice c, const std::string& stream)
{
    return c == UDP_ONLY ? UDP : c == TCP_ONLY ? TCP : c == TLS_ONLY ? TLS : stream;
}

/**
 * \brief One policy in one network: the transport the IKE SA ends on, when it comes up (from
 * the propagation delays: 2 RTT over UDP, 3 over TCP, 4 over TLS 1.3, plus the time spent on
 * UDP first), the fallback count, whether a stream connection was ever opened, the Child SA
 * pair and a short inner transfer.
 */
class PolicyTest : public IkeTunnelTestCase
{
  public:
    /**
     * \param choice the policy
     * \param block the firewall's policy
     * \param stream the stream transport of a switchable (TCP or TLS)
     */
    PolicyTest(Choice choice, PacketFirewall::Policy block, const std::string& stream = TCP)
        : IkeTunnelTestCase(ChoiceName(choice) + (stream == TLS ? " (TLS)" : "") + " with "
                            + PacketFirewall::PolicyName(block))
        , m_choice(choice)
        , m_block(block)
        , m_stream(stream)
    {
    }

  private:
    void
    DoRun() override
    {
        const Time rtt = IkeTunnelScenario::Rtt();
        const bool blocked = m_block != PacketFirewall::PASS;
        const bool plain = m_choice == UDP_ONLY || m_choice == TCP_ONLY || m_choice == TLS_ONLY;
        const std::string type = TransportOf(m_choice, m_stream);
        const uint32_t streamRtts = type == TLS ? 4 : 3; // TCP (and TLS 1.3) handshake first

        // What should happen.
        bool expectUp = true;
        bool expectStream = false;
        Time expectAt;
        uint64_t expectFallbacks = 0;
        if (m_choice == UDP_ONLY)
        {
            expectUp = !blocked;
            expectAt = rtt * 2;
        }
        else if (m_choice == TCP_ONLY || m_choice == TLS_ONLY)
        {
            expectStream = true;
            expectAt = rtt * streamRtts;
        }
        else if (!blocked)
        {
            expectAt = rtt * 2; // UDP answers: the stream is never needed
        }
        else
        {
            expectStream = true;
            expectFallbacks = m_choice == RACE ? 0 : 1;
            // SEQUENTIAL 90 s: UDP's budget (60 s) ends first, and that is when TCP is tried.
            Time udpFirst = m_choice == RACE            ? MilliSeconds(250)
                            : m_choice == SEQUENTIAL_2S ? Seconds(2)
                            : m_choice == SEQUENTIAL_60S || m_choice == SEQUENTIAL_90S
                                ? Seconds(60)
                                : Seconds(1.5); // sends 0, 0.5 s
            expectAt = udpFirst + rtt * streamRtts;
        }

        IkeTunnelScenario s(type);
        ConfigureChoice(s.Helper(), m_choice, Create<IkeTransportMemory>());
        s.SetFirewallPolicy(m_block);
        s.Build();
        StateLog cs;
        MessageLog ctx;
        s.Client()->TraceConnectWithoutContext("State", MakeCallback(&StateLog::Add, &cs));
        s.Client()->TraceConnectWithoutContext("MessageTx", MakeCallback(&MessageLog::Add, &ctx));
        const uint64_t bytes = 50000;
        Time transferAt = (expectUp ? expectAt : Seconds(1)) + MilliSeconds(50);
        Ptr<PatternSink> sink = s.AddTransfer(5001, bytes, transferAt);
        Simulator::Stop(expectUp ? transferAt + Seconds(1.5) : Seconds(61));
        Simulator::Run();

        Ptr<IkeSession> client = s.Client();
        Ptr<IkeSession> gateway = s.Gateway();
        Ptr<SwitchableEncapTransport> sw = Switch(s.Tunnel().client);
        NS_TEST_ASSERT_MSG_EQ((sw == nullptr), plain, "a switchable exactly with a policy");
        // Only UDP is ever blocked here, and TCP/TLS alone never try it.
        const bool udpTried = m_choice != TCP_ONLY && m_choice != TLS_ONLY;
        NS_TEST_ASSERT_MSG_EQ((s.Firewall()->GetDropped() > 0),
                              (blocked && udpTried),
                              "the firewall dropped the UDP attempts");
        if (!expectUp)
        {
            // UDP only, blocked: the whole retransmission budget, then FAILED (RFC 7296 §2.4).
            NS_TEST_ASSERT_MSG_EQ(client->GetState(), IkeSession::FAILED, "the client gave up");
            NS_TEST_ASSERT_MSG_EQ_TOL(
                cs.When(IkeSession::FAILED), Seconds(60), MicroSeconds(1), "after the 60 s budget");
            NS_TEST_ASSERT_MSG_EQ(ctx.Times(ike::IKE_SA_INIT, false).size(), 7, "all seven sends");
            NS_TEST_ASSERT_MSG_EQ(gateway->GetMessagesReceived(), 0, "nothing got through");
            NS_TEST_ASSERT_MSG_EQ(gateway->GetState(), IkeSession::IDLE, "gateway untouched");
            NS_TEST_ASSERT_MSG_EQ(s.Tunnel().client->GetSad().GetSize(), 0, "no Child SA");
            NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), 0, "no inner byte without an SA");
            Simulator::Destroy();
            return;
        }
        CheckChildSaPair(s);
        NS_TEST_ASSERT_MSG_EQ(client->IsOnStream(), expectStream, "client's transport");
        NS_TEST_ASSERT_MSG_EQ(gateway->IsOnStream(), expectStream, "gateway follows");
        NS_TEST_ASSERT_MSG_EQ(client->GetFallbacks(), expectFallbacks, "fallbacks");
        // Propagation plus a little serialization (and TLS's certificate) at 10 Mbit/s.
        NS_TEST_ASSERT_MSG_GT_OR_EQ(client->GetHandshakeTime(), expectAt, "not faster");
        NS_TEST_ASSERT_MSG_EQ_TOL(client->GetHandshakeTime(),
                                  expectAt + MilliSeconds(2),
                                  MilliSeconds(2) + MicroSeconds(1),
                                  "up when expected");
        NS_TEST_ASSERT_MSG_EQ(cs.When(IkeSession::ESTABLISHED),
                              client->GetHandshakeTime(),
                              "measured from Start at 0 s");
        std::vector<Time> inits = ctx.Times(ike::IKE_SA_INIT, false);
        if (!plain && blocked)
        {
            // SEQUENTIAL and CACHED: UDP at 0 and 0.5 s (LIBRESWAN's schedule; up to 31.5 s for
            // the 60 s wait), then the stream. RACE: UDP at 0 s, then the same message on the
            // stream.
            // LIBRESWAN sends at 0, 0.5, 1.5, 3.5, 7.5, 15.5 and 31.5 s.
            const std::size_t udpSends = m_choice == SEQUENTIAL_60S || m_choice == SEQUENTIAL_90S
                                             ? 7
                                         : m_choice == SEQUENTIAL_2S ? 3
                                         : m_choice == RACE          ? 1
                                                                     : 2;
            NS_TEST_ASSERT_MSG_EQ(
                inits.size(), udpSends + 1, "IKE_SA_INIT sends: over UDP, then one on the stream");
            if (inits.size() != udpSends + 1)
            {
                Simulator::Destroy();
                return;
            }
            NS_TEST_ASSERT_MSG_EQ(inits[0], Seconds(0), "first over UDP at Start");
            if (udpSends > 1)
            {
                NS_TEST_ASSERT_MSG_EQ(inits[1], Seconds(0.5), "one retransmission over UDP");
            }
            // Once connected; then IKE_SA_INIT and IKE_AUTH, one round trip each.
            NS_TEST_ASSERT_MSG_EQ_TOL(inits.back(),
                                      expectAt - rtt * 2 + MicroSeconds(750),
                                      MicroSeconds(750),
                                      "on the stream once connected");
        }
        else
        {
            NS_TEST_ASSERT_MSG_EQ(inits.size(), 1, "one IKE_SA_INIT, answered");
        }
        if (sw)
        {
            Ptr<TcpEncapTransport> stream = Stream(s.Tunnel().client);
            NS_TEST_ASSERT_MSG_EQ(sw->IsStreamStarted(), expectStream, "stream transport used");
            NS_TEST_ASSERT_MSG_EQ(stream->GetConnectionsOpened(),
                                  (expectStream ? 1 : 0),
                                  "TCP connections opened by the client");
            NS_TEST_ASSERT_MSG_EQ((sw->GetActive() == SwitchableEncapTransport::STREAM),
                                  expectStream,
                                  "client's active transport");
            NS_TEST_ASSERT_MSG_EQ(client->GetAddressUpdates(), 0, "no MOBIKE move");
        }
        NS_TEST_ASSERT_MSG_EQ(gateway->GetFallbacks(), 0, "the responder never falls back");
        NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), bytes, "every inner byte arrived");
        NS_TEST_ASSERT_MSG_EQ(sink->GetMismatches(), 0, "intact");
        CheckNoKeyingLoss(s);
        Simulator::Destroy();
    }

    Choice m_choice;                //!< policy
    PacketFirewall::Policy m_block; //!< network
    std::string m_stream;           //!< stream transport of the switchable
};

/**
 * \brief CACHED: two consecutive runs sharing one IkeTransportMemory. Blocked: the first
 * falls back like SEQUENTIAL, the second starts on the stream (3 RTT, no fallback, no UDP
 * sent); open: both on UDP in 2 RTT, no connection.
 */
class CachedTest : public IkeTunnelTestCase
{
  public:
    /** \param block the firewall's policy in both runs */
    explicit CachedTest(PacketFirewall::Policy block)
        : IkeTunnelTestCase("CACHED with " + PacketFirewall::PolicyName(block)
                            + ": the second run starts where the first ended")
        , m_block(block)
    {
    }

  private:
    /** What one run found. */
    struct Outcome
    {
        IkeSession::State state; //!< client's
        Time up;                 //!< handshake time
        bool onStream;           //!< client's transport
        uint64_t fallbacks;      //!< client's
        std::size_t inits;       //!< IKE_SA_INIT requests sent
        uint64_t udpIke;         //!< IKE messages the client's UDP transport sent
        bool streamStarted;      //!< client's stream transport
        uint64_t received;       //!< inner bytes at the sink
        uint64_t mismatches;     //!< wrong inner bytes
        uint64_t gatewaySad;     //!< inbound SAs at the gateway
    };

    /** \param kind message kind \param size bytes \brief Counts the UDP transport's sends. */
    void
    UdpTx(EncapMessageKind kind, uint32_t /* size */)
    {
        m_udpIke += kind == EncapMessageKind::IKE ? 1 : 0;
    }

    /** \param memory shared \return what the run found */
    Outcome
    RunOnce(Ptr<IkeTransportMemory> memory)
    {
        IkeTunnelScenario s(TCP);
        s.Helper().SetFallback(IkeSession::CACHED);
        s.Helper().SetTransportMemory(memory);
        s.SetFirewallPolicy(m_block);
        s.Build();
        MessageLog ctx;
        s.Client()->TraceConnectWithoutContext("MessageTx", MakeCallback(&MessageLog::Add, &ctx));
        m_udpIke = 0;
        Datagram(s.Tunnel().client)
            ->TraceConnectWithoutContext("Tx", MakeCallback(&CachedTest::UdpTx, this));
        Ptr<PatternSink> sink = s.AddTransfer(5001, 50000, Seconds(2));
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        Ptr<IkeSession> c = s.Client();
        Outcome o{c->GetState(),
                  c->GetHandshakeTime(),
                  c->IsOnStream(),
                  c->GetFallbacks(),
                  ctx.Times(ike::IKE_SA_INIT, false).size(),
                  m_udpIke,
                  Switch(s.Tunnel().client)->IsStreamStarted(),
                  sink->GetReceived(),
                  sink->GetMismatches(),
                  s.Tunnel().gateway->GetSad().GetSize()};
        Simulator::Destroy();
        return o;
    }

    void
    DoRun() override
    {
        const Time rtt = IkeTunnelScenario::Rtt();
        const bool blocked = m_block != PacketFirewall::PASS;
        Ptr<IkeTransportMemory> memory = Create<IkeTransportMemory>();
        Ipv4Address gateway("10.1.2.2");
        bool stream = false;
        NS_TEST_ASSERT_MSG_EQ(memory->Recall(gateway, stream), false, "nothing known at first");

        Outcome first = RunOnce(memory);
        NS_TEST_ASSERT_MSG_EQ(first.state, IkeSession::ESTABLISHED, "first run: up");
        NS_TEST_ASSERT_MSG_EQ(first.onStream, blocked, "first run: transport");
        NS_TEST_ASSERT_MSG_EQ(first.fallbacks, (blocked ? 1 : 0), "first run: like SEQUENTIAL");
        Time firstAt = blocked ? Seconds(1.5) + rtt * 3 : rtt * 2;
        NS_TEST_ASSERT_MSG_EQ_TOL(first.up,
                                  firstAt + MilliSeconds(2),
                                  MilliSeconds(2) + MicroSeconds(1),
                                  "first run: handshake time");
        NS_TEST_ASSERT_MSG_EQ(memory->Recall(gateway, stream), true, "remembered");
        NS_TEST_ASSERT_MSG_EQ(stream, blocked, "what worked");

        Outcome second = RunOnce(memory);
        NS_TEST_ASSERT_MSG_EQ(second.state, IkeSession::ESTABLISHED, "second run: up");
        NS_TEST_ASSERT_MSG_EQ(second.onStream, blocked, "second run: transport");
        NS_TEST_ASSERT_MSG_EQ(second.fallbacks, 0, "second run: no fallback");
        NS_TEST_ASSERT_MSG_EQ(second.inits, 1, "second run: one IKE_SA_INIT");
        NS_TEST_ASSERT_MSG_EQ(second.udpIke, (blocked ? 0 : 2), "second run: IKE over UDP");
        NS_TEST_ASSERT_MSG_EQ(second.streamStarted, blocked, "second run: stream started");
        Time secondAt = blocked ? rtt * 3 : rtt * 2;
        NS_TEST_ASSERT_MSG_GT_OR_EQ(second.up, secondAt, "not faster than propagation");
        NS_TEST_ASSERT_MSG_EQ_TOL(second.up,
                                  secondAt + MilliSeconds(2),
                                  MilliSeconds(2) + MicroSeconds(1),
                                  "second run: handshake time");
        for (const Outcome* o : {&first, &second})
        {
            NS_TEST_ASSERT_MSG_EQ(o->received, 50000, "inner transfer complete");
            NS_TEST_ASSERT_MSG_EQ(o->mismatches, 0, "intact");
            NS_TEST_ASSERT_MSG_EQ(o->gatewaySad, 1, "one Child SA at the gateway");
        }
    }

    PacketFirewall::Policy m_block; //!< network
    uint64_t m_udpIke{0};           //!< IKE messages sent over UDP in the current run
};

// --- 2. A race keeps exactly one IKE SA ------------------------------------------------------

/** How a race goes. */
enum RaceOutcome
{
    STREAM_WINS, //!< UDP blocked: only the stream's IKE_SA_INIT gets through
    UDP_WINS,    //!< open: UDP answers before the head start is over
    BOTH_ARRIVE, //!< the first UDP send is lost; both copies of IKE_SA_INIT reach the gateway
};

/** \param o an outcome \return its description */
std::string
RaceName(RaceOutcome o)
{
    return o == STREAM_WINS ? "UDP blocked: the stream wins"
           : o == UDP_WINS  ? "open: UDP wins"
                            : "both copies reach the gateway: UDP wins";
}

/**
 * \brief RACE in its outcomes: one IKE SA (the gateway's, ESTABLISHED once, with the client's
 * SPIs), exactly one Child SA pair on each endpoint, crosswise, the gateway on the client's
 * transport, the loser's stream stopped, and a bulk inner transfer intact.
 */
class RaceOneSaTest : public IkeTunnelTestCase
{
  public:
    /** \param outcome the race */
    explicit RaceOneSaTest(RaceOutcome outcome)
        : IkeTunnelTestCase("RACE, " + RaceName(outcome)
                            + ": one IKE SA, one Child SA pair, transfer intact")
        , m_outcome(outcome)
    {
    }

  private:
    void
    DoRun() override
    {
        IkeTunnelScenario s(TCP);
        s.Helper().SetFallback(IkeSession::RACE);
        // BOTH_ARRIVE: UDP's first send (0 s) is lost; the stream is started at 0.47 s and
        // connected at 0.52 s, before the answer to UDP's retransmission (0.5 s) comes back.
        s.Helper().SetIkeAttribute(
            "RaceHeadStart",
            TimeValue(m_outcome == BOTH_ARRIVE ? MilliSeconds(470) : MilliSeconds(250)));
        s.SetFirewallPolicy(m_outcome == UDP_WINS ? PacketFirewall::PASS
                                                  : PacketFirewall::DROP_UDP);
        s.Build();
        if (m_outcome == BOTH_ARRIVE)
        {
            s.Firewall()->SetPolicyAt(MilliSeconds(450), PacketFirewall::PASS);
        }
        StateLog gs;
        s.Gateway()->TraceConnectWithoutContext("State", MakeCallback(&StateLog::Add, &gs));
        MessageLog gtx;
        s.Gateway()->TraceConnectWithoutContext("MessageTx", MakeCallback(&MessageLog::Add, &gtx));
        const uint64_t bytes = 1000000;
        Ptr<PatternSink> sink = s.AddTransfer(5001, bytes, Seconds(1));
        Simulator::Stop(Seconds(4));
        Simulator::Run();

        const bool streamWins = m_outcome == STREAM_WINS;
        CheckChildSaPair(s);
        Ptr<SwitchableEncapTransport> csw = Switch(s.Tunnel().client);
        Ptr<SwitchableEncapTransport> gsw = Switch(s.Tunnel().gateway);
        NS_TEST_ASSERT_MSG_EQ(s.Client()->IsOnStream(), streamWins, "the winner");
        NS_TEST_ASSERT_MSG_EQ(gsw->GetActive(), csw->GetActive(), "gateway on the same");
        NS_TEST_ASSERT_MSG_EQ(csw->IsStreamStarted(), streamWins, "a losing stream is stopped");
        NS_TEST_ASSERT_MSG_EQ(Stream(s.Tunnel().client)->GetConnectionsOpened(),
                              (m_outcome == UDP_WINS ? 0 : 1),
                              "stream connections the client opened");
        // Both IKE_SA_INITs reached the gateway: each is its own IKE SA attempt (RFC 9329
        // §6.1), answered once; IKE_AUTH completes the one the client chose.
        NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetCachedResponses(), 0, "nothing answered twice");
        NS_TEST_ASSERT_MSG_EQ(gtx.Count(ike::IKE_SA_INIT, true),
                              (m_outcome == BOTH_ARRIVE ? 2 : 1),
                              "IKE_SA_INIT requests answered");
        uint32_t established = 0;
        for (const auto& c : gs.changes)
        {
            established += c.second == IkeSession::ESTABLISHED ? 1 : 0;
        }
        NS_TEST_ASSERT_MSG_EQ(established, 1, "the gateway established one IKE SA, once");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->GetFallbacks(), 0, "a race is no fallback");
        NS_TEST_ASSERT_MSG_EQ(
            s.Client()->GetChildRekeys() + s.Gateway()->GetChildRekeys(), 0, "no rekey");
        NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), bytes, "every inner byte arrived");
        NS_TEST_ASSERT_MSG_EQ(sink->GetMismatches(), 0, "intact");
        CheckNoKeyingLoss(s);
        Simulator::Destroy();
    }

    RaceOutcome m_outcome; //!< the race
};

/**
 * \brief Drops the first TCP segment to port 4500 that carries data (on the device whose
 * receive side it is set on) and lets everything else through: TCP retransmits it after its
 * RTO, so what it carried arrives late.
 */
class FirstTcpDataDropper : public ErrorModel
{
  public:
    /** \return the TypeId */
    static TypeId
    GetTypeId()
    {
        static TypeId tid = TypeId("ns3::tcpencaptest::FirstTcpDataDropper")
                                .SetParent<ErrorModel>()
                                .SetGroupName("TcpEncap");
        return tid;
    }

    /** \return when it dropped, or -1 s */
    Time
    GetDropTime() const
    {
        return m_dropped;
    }

  private:
    bool
    DoCorrupt(Ptr<Packet> p) override
    {
        if (!IsEnabled() || m_dropped.IsPositive())
        {
            return false;
        }
        Ptr<Packet> copy = p->Copy();
        PppHeader ppp;
        Ipv4Header ip;
        TcpHeader tcp;
        copy->RemoveHeader(ppp);
        copy->RemoveHeader(ip);
        if (ip.GetProtocol() != PROTO_TCP)
        {
            return false;
        }
        copy->RemoveHeader(tcp);
        if (tcp.GetDestinationPort() != 4500 || copy->GetSize() == 0)
        {
            return false;
        }
        m_dropped = Simulator::Now();
        return true;
    }

    void
    DoReset() override
    {
    }

    Time m_dropped{Seconds(-1)}; //!< when it dropped
};

/**
 * \brief RACE where the stream loses but its IKE_SA_INIT arrives late: UDP's first send is
 * lost, the stream is connected at 0.52 s and sends its own IKE_SA_INIT (its own SPI), whose
 * segment is lost; UDP's retransmission (0.5 s) is answered and IKE_AUTH settles the SA on
 * UDP; the stream's request, sent again by TCP after its RTO, reaches the gateway after
 * IKE_AUTH. The gateway answers it on the stream as a half-open IKE SA beside the established
 * one, without moving there or touching the established SA, and the tunnel keeps working on
 * UDP.
 */
class RaceLateCopyTest : public IkeTunnelTestCase
{
  public:
    RaceLateCopyTest()
        : IkeTunnelTestCase("RACE: the losing stream's copy of IKE_SA_INIT arriving after "
                            "IKE_AUTH does not move the gateway")
    {
    }

  private:
    void
    DoRun() override
    {
        IkeTunnelScenario s(TCP);
        s.Helper().SetFallback(IkeSession::RACE);
        s.Helper().SetIkeAttribute("RaceHeadStart", TimeValue(MilliSeconds(470)));
        s.SetFirewallPolicy(PacketFirewall::DROP_UDP);
        s.Build();
        s.Firewall()->SetPolicyAt(MilliSeconds(450), PacketFirewall::PASS);
        // On the gateway's bottleneck device: client-to-gateway packets.
        Ptr<FirstTcpDataDropper> dropper = CreateObject<FirstTcpDataDropper>();
        s.SetErrorModel(1, dropper);
        StateLog gs;
        s.Gateway()->TraceConnectWithoutContext("State", MakeCallback(&StateLog::Add, &gs));
        MessageLog gtx;
        s.Gateway()->TraceConnectWithoutContext("MessageTx", MakeCallback(&MessageLog::Add, &gtx));
        const uint64_t bytes = 1000000;
        Ptr<PatternSink> sink = s.AddTransfer(5001, bytes, Seconds(0.7));
        Simulator::Stop(Seconds(4));
        Simulator::Run();

        Ptr<SwitchableEncapTransport> gsw = Switch(s.Tunnel().gateway);
        NS_TEST_ASSERT_MSG_GT(dropper->GetDropTime(), Seconds(0.5), "the copy's segment lost");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->IsOnStream(), false, "UDP won");
        NS_TEST_ASSERT_MSG_EQ(gtx.Count(ike::IKE_SA_INIT, true), 2, "the late request answered");
        NS_TEST_ASSERT_MSG_GT(gtx.Times(ike::IKE_SA_INIT, true).back(),
                              gs.When(IkeSession::ESTABLISHED),
                              "after IKE_AUTH");
        NS_TEST_ASSERT_MSG_GT(s.Gateway()->GetMessagesReceived(), 2, "after IKE_AUTH");
        NS_TEST_ASSERT_MSG_EQ(
            gsw->GetActive(), SwitchableEncapTransport::DATAGRAM, "the gateway stays on UDP");
        NS_TEST_ASSERT_MSG_EQ(gsw->GetSwitches(), 0, "and never moved");
        NS_TEST_ASSERT_MSG_EQ(gs.When(IkeSession::ESTABLISHED).IsPositive(), true, "up");
        CheckChildSaPair(s);
        NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), bytes, "every inner byte arrived");
        NS_TEST_ASSERT_MSG_EQ(sink->GetMismatches(), 0, "intact");
        CheckNoKeyingLoss(s);
        Simulator::Destroy();
    }
};

// --- 3. MOBIKE --------------------------------------------------------------------------------

/**
 * \brief The MOBIKE settings of the scenario (RFC 4555 with RFC 9329 §7.1).
 * \param h the helper
 * \param returnProbe ReturnProbeInterval
 */
void
ConfigureMobike(IpsecTunnelHelper& h, Time returnProbe)
{
    h.SetFallback(IkeSession::NO_FALLBACK); // start on UDP
    h.SetIkeAttribute("LivenessInterval", TimeValue(Seconds(1)));
    h.SetIkeAttribute("MobikeSwitchTimeout", TimeValue(Seconds(2)));
    h.SetIkeAttribute("ReturnProbeInterval", TimeValue(returnProbe));
    h.SetIkeAttribute("RetransmitBudget", TimeValue(Seconds(10)));
}

/** Samples of both sides and the inner transfer at chosen times. */
class MobikeSampler
{
  public:
    /** \param s the scenario \param sink the inner transfer's sink */
    MobikeSampler(IkeTunnelScenario& s, Ptr<PatternSink> sink)
        : m_s(s)
        , m_sink(sink)
    {
    }

    /** One sample. */
    struct Sample
    {
        Time at;                 //!< when
        bool clientOnStream;     //!< client's IsOnStream
        bool gatewayOnStream;    //!< gateway's IsOnStream
        bool streamStarted;      //!< client's stream transport started
        uint64_t clientUpdates;  //!< client's GetAddressUpdates
        uint64_t gatewayUpdates; //!< gateway's GetAddressUpdates
        uint64_t returnProbes;   //!< client's GetReturnProbes
        uint32_t clientSpi;      //!< client's Child SA inbound SPI
        uint32_t gatewaySpi;     //!< gateway's Child SA inbound SPI
        uint64_t streamFrames;   //!< frames the client's stream transport sent
        uint64_t received;       //!< inner bytes at the sink
    };

    /** \param t a time \brief Sample then. */
    void
    At(Time t)
    {
        Simulator::Schedule(t, &MobikeSampler::Take, this);
    }

    /** \return the samples, in time order */
    const std::vector<Sample>&
    Get() const
    {
        return m_samples;
    }

  private:
    /** \brief Take one sample now. */
    void
    Take()
    {
        Ptr<IkeSession> c = m_s.Client();
        Ptr<IkeSession> g = m_s.Gateway();
        m_samples.push_back({Simulator::Now(),
                             c->IsOnStream(),
                             g->IsOnStream(),
                             Switch(m_s.Tunnel().client)->IsStreamStarted(),
                             c->GetAddressUpdates(),
                             g->GetAddressUpdates(),
                             c->GetReturnProbes(),
                             c->GetChildInboundSpi(),
                             g->GetChildInboundSpi(),
                             Stream(m_s.Tunnel().client)->GetFramesSent(),
                             m_sink ? m_sink->GetReceived() : 0});
    }

    IkeTunnelScenario& m_s;        //!< the scenario
    Ptr<PatternSink> m_sink;       //!< inner transfer
    std::vector<Sample> m_samples; //!< taken so far
};

/**
 * \brief UDP blocked in the middle of a transfer (2 s), unblocked later (8 s): a liveness
 * check goes unanswered for MobikeSwitchTimeout, the client moves the IKE SA and its Child SA
 * to TCP with UPDATE_SA_ADDRESSES, probes UDP every ReturnProbeInterval (the probe while
 * blocked fails and the SA stays on TCP) and moves back; no rekey (same SPIs), the inner
 * transfer crosses both moves intact.
 */
class MobikeBlockUnblockTest : public IkeTunnelTestCase
{
  public:
    MobikeBlockUnblockTest()
        : IkeTunnelTestCase("MOBIKE: UDP blocked mid-transfer, then unblocked: to TCP and back, "
                            "same Child SA, transfer intact")
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
        const uint64_t bytes = 8000000;
        Ptr<PatternSink> sink = s.AddTransfer(5001, bytes, Seconds(0.5));
        MobikeSampler m(s, sink);
        for (double t : {1.9, 4.9, 5.3, 7.9, 11.0, 11.5, 18.0})
        {
            m.At(Seconds(t));
        }
        Simulator::Stop(Seconds(18.5));
        Simulator::Run();

        const auto& v = m.Get();
        NS_TEST_ASSERT_MSG_EQ(v.size(), 7, "all samples");
        if (v.size() != 7)
        {
            Simulator::Destroy();
            return;
        }
        const auto& before = v[0];  // 1.9 s: on UDP, transfer under way
        const auto& moving = v[1];  // 4.9 s: UDP blocked, not yet given up
        const auto& moved = v[2];   // 5.3 s: on TCP
        const auto& blocked = v[3]; // 7.9 s: the probe at 7.2 s failed, still on TCP
        const auto& onTcp = v[4];   // 11.0 s: the transfer runs on TCP
        const auto& back = v[5];    // 11.5 s: back on UDP
        const auto& end = v[6];     // 18 s
        NS_TEST_ASSERT_MSG_EQ(s.Client()->IsMobikeNegotiated(), true, "client: MOBIKE");
        NS_TEST_ASSERT_MSG_EQ(s.Gateway()->IsMobikeNegotiated(), true, "gateway: MOBIKE");
        NS_TEST_ASSERT_MSG_EQ(before.clientOnStream, false, "starts on UDP");
        NS_TEST_ASSERT_MSG_GT(before.received, 0, "the transfer runs on UDP");
        NS_TEST_ASSERT_MSG_EQ(before.streamStarted, false, "no TCP connection yet");
        NS_TEST_ASSERT_MSG_EQ(moving.clientOnStream, false, "waits MobikeSwitchTimeout");
        NS_TEST_ASSERT_MSG_EQ(moved.clientOnStream, true, "client on TCP");
        NS_TEST_ASSERT_MSG_EQ(moved.gatewayOnStream, true, "gateway followed");
        NS_TEST_ASSERT_MSG_EQ(moved.clientUpdates, 1, "one UPDATE_SA_ADDRESSES answered");
        NS_TEST_ASSERT_MSG_EQ(moved.gatewayUpdates, 1, "the gateway saw it");
        NS_TEST_ASSERT_MSG_EQ(blocked.clientOnStream, true, "a failed probe keeps it on TCP");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(blocked.returnProbes, 1, "UDP was probed");
        NS_TEST_ASSERT_MSG_EQ(onTcp.clientOnStream, true, "still on TCP");
        NS_TEST_ASSERT_MSG_GT(onTcp.streamFrames, blocked.streamFrames + 100, "ESP over TCP");
        NS_TEST_ASSERT_MSG_GT(onTcp.received, blocked.received, "the transfer resumed on TCP");
        NS_TEST_ASSERT_MSG_EQ(back.clientOnStream, false, "client back on UDP");
        NS_TEST_ASSERT_MSG_EQ(back.gatewayOnStream, false, "gateway back on UDP");
        NS_TEST_ASSERT_MSG_EQ(back.streamStarted, false, "the TCP connection is given up");
        NS_TEST_ASSERT_MSG_EQ(back.clientUpdates, 2, "moved twice");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(back.gatewayUpdates, 2, "the gateway counted both moves");
        NS_TEST_ASSERT_MSG_EQ(end.clientOnStream, false, "stays on UDP");
        NS_TEST_ASSERT_MSG_EQ(end.streamFrames, back.streamFrames, "nothing more on TCP");
        NS_TEST_ASSERT_MSG_LT(back.received, bytes, "the transfer was not over when it moved");
        // No rekey: the same Child SA all along.
        for (const auto& x : v)
        {
            NS_TEST_ASSERT_MSG_EQ(x.clientSpi, before.clientSpi, "client's inbound SPI kept");
            NS_TEST_ASSERT_MSG_EQ(x.gatewaySpi, before.gatewaySpi, "gateway's inbound SPI kept");
        }
        NS_TEST_ASSERT_MSG_NE(before.clientSpi, 0, "a Child SA");
        NS_TEST_ASSERT_MSG_EQ(
            s.Client()->GetChildRekeys() + s.Gateway()->GetChildRekeys(), 0, "no Child SA rekey");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->GetIkeRekeys(), 0, "no IKE SA rekey");
        // The gateway moves with the client's IKE messages (UPDATE_SA_ADDRESSES, the probe),
        // not back and forth with ESP still in flight on the transport being left.
        NS_TEST_ASSERT_MSG_EQ(
            Switch(s.Tunnel().client)->GetSwitches(), 2, "the client switched twice");
        NS_TEST_ASSERT_MSG_EQ(
            Switch(s.Tunnel().gateway)->GetSwitches(), 2, "the gateway switched twice");
        CheckChildSaPair(s);
        NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), bytes, "every inner byte arrived");
        NS_TEST_ASSERT_MSG_EQ(sink->GetMismatches(), 0, "intact");
        CheckNoKeyingLoss(s);
        Simulator::Destroy();
    }
};

/**
 * \brief MoveTransport called explicitly, on an idle path: to TCP within the TCP handshake and
 * one round trip (UPDATE_SA_ADDRESSES), and ESP follows; back to UDP within one round trip
 * (the probe over UDP), and the connection is closed; SPIs unchanged, transfers before, between
 * and after intact.
 */
class MobikeExplicitMoveTest : public IkeTunnelTestCase
{
  public:
    MobikeExplicitMoveTest()
        : IkeTunnelTestCase("MOBIKE: MoveTransport(true) moves to TCP in handshake + 1 RTT, "
                            "MoveTransport(false) back in 1 RTT")
    {
    }

  private:
    /** \param toStream direction \brief Call the client's MoveTransport. */
    void
    Move(bool toStream)
    {
        m_s->Client()->MoveTransport(toStream);
    }

    void
    DoRun() override
    {
        const Time rtt = IkeTunnelScenario::Rtt();
        IkeTunnelScenario s(TCP);
        m_s = &s;
        ConfigureMobike(s.Helper(), Time(0)); // no automatic return
        s.SetFirewallPolicy(PacketFirewall::PASS);
        s.Build();
        const Time toTcp = Seconds(1.5);
        const Time toUdp = Seconds(4);
        Ptr<PatternSink> onUdp = s.AddTransfer(5001, 200000, Seconds(0.2));
        Ptr<PatternSink> onTcp = s.AddTransfer(5002, 1000000, toTcp + Seconds(0.2));
        Ptr<PatternSink> backOnUdp = s.AddTransfer(5003, 200000, toUdp + Seconds(0.2));
        MobikeSampler m(s, onTcp);
        Simulator::Schedule(toTcp, &MobikeExplicitMoveTest::Move, this, true);
        Simulator::Schedule(toUdp, &MobikeExplicitMoveTest::Move, this, false);
        // TCP handshake (1 RTT), then UPDATE_SA_ADDRESSES (1 RTT); the probe: 1 RTT.
        for (Time t : {toTcp - MilliSeconds(1),
                       toTcp + rtt * 2 - MilliSeconds(1),
                       toTcp + rtt * 2 + MilliSeconds(2),
                       toUdp - MilliSeconds(1),
                       toUdp + rtt - MilliSeconds(1),
                       toUdp + rtt + MilliSeconds(2),
                       Seconds(5.4)})
        {
            m.At(t);
        }
        Simulator::Stop(Seconds(5.5));
        Simulator::Run();

        const auto& v = m.Get();
        NS_TEST_ASSERT_MSG_EQ(v.size(), 7, "all samples");
        if (v.size() != 7)
        {
            Simulator::Destroy();
            return;
        }
        NS_TEST_ASSERT_MSG_EQ(v[0].clientOnStream, false, "on UDP before");
        NS_TEST_ASSERT_MSG_EQ(v[0].streamStarted, false, "no connection before");
        NS_TEST_ASSERT_MSG_EQ(v[1].clientUpdates, 0, "not answered before 2 RTT");
        NS_TEST_ASSERT_MSG_EQ(v[1].gatewayOnStream, true, "gateway moved after 1.5 RTT");
        NS_TEST_ASSERT_MSG_EQ(v[2].clientUpdates, 1, "moved: answered over TCP");
        NS_TEST_ASSERT_MSG_EQ(v[2].clientOnStream, true, "client on TCP");
        NS_TEST_ASSERT_MSG_EQ(v[2].gatewayUpdates, 1, "gateway counted it");
        NS_TEST_ASSERT_MSG_EQ(v[3].received, 1000000, "a transfer on TCP, complete");
        NS_TEST_ASSERT_MSG_GT(v[3].streamFrames, v[2].streamFrames + 500, "its ESP over TCP");
        NS_TEST_ASSERT_MSG_EQ(v[4].clientOnStream, true, "still on TCP before the probe's answer");
        NS_TEST_ASSERT_MSG_EQ(v[4].returnProbes, 1, "one UDP probe");
        NS_TEST_ASSERT_MSG_EQ(v[4].gatewayOnStream, false, "gateway moved after 0.5 RTT");
        NS_TEST_ASSERT_MSG_EQ(v[5].clientOnStream, false, "back on UDP after 1 RTT");
        NS_TEST_ASSERT_MSG_EQ(v[5].streamStarted, false, "TCP given up");
        NS_TEST_ASSERT_MSG_EQ(v[5].clientUpdates, 2, "two moves");
        NS_TEST_ASSERT_MSG_EQ(v[6].streamFrames, v[5].streamFrames, "nothing more on TCP");
        for (const auto& x : v)
        {
            NS_TEST_ASSERT_MSG_EQ(x.clientSpi, v[0].clientSpi, "client's inbound SPI kept");
            NS_TEST_ASSERT_MSG_EQ(x.gatewaySpi, v[0].gatewaySpi, "gateway's inbound SPI kept");
        }
        NS_TEST_ASSERT_MSG_EQ(s.Client()->GetChildRekeys(), 0, "no rekey");
        NS_TEST_ASSERT_MSG_EQ(Switch(s.Tunnel().gateway)->GetSwitches(),
                              2,
                              "the gateway switched twice, with the moves");
        CheckChildSaPair(s);
        for (Ptr<PatternSink> sink : {onUdp, onTcp, backOnUdp})
        {
            NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), (sink == onTcp ? 1000000 : 200000), "all");
            NS_TEST_ASSERT_MSG_EQ(sink->GetMismatches(), 0, "intact");
        }
        CheckNoKeyingLoss(s);
        Simulator::Destroy();
    }

    IkeTunnelScenario* m_s{nullptr}; //!< during DoRun
};

/**
 * \brief Moving back to UDP while the SA is idle and the gateway's liveness check is being
 * answered on TCP: the probe reaches the gateway first (it moves to UDP), then the client's
 * answer to the check, still sent on TCP, arrives. That late answer must not move the gateway
 * back to the stream the client is about to close; both sides stay up on UDP.
 */
class MobikeReturnCrossingTest : public IkeTunnelTestCase
{
  public:
    MobikeReturnCrossingTest()
        : IkeTunnelTestCase("MOBIKE: the client's answer on TCP crossing its UDP probe does not "
                            "move the gateway back")
    {
    }

  private:
    /** \param toStream direction \brief Call the client's MoveTransport. */
    void
    Move(bool toStream)
    {
        m_s->Client()->MoveTransport(toStream);
    }

    /**
     * \param type exchange \param response R flag \param size bytes
     * \brief The gateway's first request once the client is on TCP: probe UDP 5 ms later.
     */
    void
    GatewayTx(uint8_t type, bool response, uint32_t /* size */)
    {
        if (type == ike::INFORMATIONAL && !response && m_s->Client()->IsOnStream()
            && m_checkAt.IsNegative())
        {
            m_checkAt = Simulator::Now();
            Simulator::Schedule(MilliSeconds(5), &MobikeReturnCrossingTest::Move, this, false);
        }
    }

    void
    DoRun() override
    {
        IkeTunnelScenario s(TCP);
        m_s = &s;
        ConfigureMobike(s.Helper(), Time(0));
        s.SetFirewallPolicy(PacketFirewall::PASS);
        s.Build();
        s.Gateway()->TraceConnectWithoutContext(
            "MessageTx", MakeCallback(&MobikeReturnCrossingTest::GatewayTx, this));
        StateLog gs;
        s.Gateway()->TraceConnectWithoutContext("State", MakeCallback(&StateLog::Add, &gs));
        Simulator::Schedule(Seconds(1.5), &MobikeReturnCrossingTest::Move, this, true);
        Ptr<PatternSink> sink = s.AddTransfer(5001, 200000, Seconds(20));
        Simulator::Stop(Seconds(22));
        Simulator::Run();

        Ptr<SwitchableEncapTransport> gsw = Switch(s.Tunnel().gateway);
        NS_TEST_ASSERT_MSG_GT(m_checkAt, Seconds(1.5), "the gateway checked liveness on TCP");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->GetReturnProbes(), 1, "one probe");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->IsOnStream(), false, "client back on UDP");
        NS_TEST_ASSERT_MSG_EQ(gsw->GetActive(), SwitchableEncapTransport::DATAGRAM, "gateway too");
        NS_TEST_ASSERT_MSG_EQ(gsw->GetSwitches(), 2, "the gateway moved twice, with the client");
        NS_TEST_ASSERT_MSG_EQ(gs.When(IkeSession::FAILED), Seconds(-1), "the gateway never failed");
        CheckChildSaPair(s);
        NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), 200000, "the tunnel still carries traffic");
        NS_TEST_ASSERT_MSG_EQ(sink->GetMismatches(), 0, "intact");
        Simulator::Destroy();
    }

    IkeTunnelScenario* m_s{nullptr}; //!< during DoRun
    Time m_checkAt{Seconds(-1)};     //!< the gateway's liveness request on TCP
};

/**
 * \brief MOBIKE off on one side: not negotiated; when UDP is blocked the client stays on UDP
 * (no TCP connection) and the IKE SA dies after the retransmission budget of its liveness
 * check.
 */
class MobikeOffTest : public IkeTunnelTestCase
{
  public:
    /** \param offOnClient Mobike=false on the client (else on the gateway) */
    explicit MobikeOffTest(bool offOnClient)
        : IkeTunnelTestCase(std::string("MOBIKE off on the ") + (offOnClient ? "client" : "gateway")
                            + ": not negotiated, the IKE SA dies with UDP")
        , m_offOnClient(offOnClient)
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
        (m_offOnClient ? s.Client() : s.Gateway())->SetAttribute("Mobike", BooleanValue(false));
        const Time blockAt = Seconds(2);
        s.Firewall()->SetPolicyAt(blockAt, PacketFirewall::DROP_UDP);
        StateLog cs;
        MessageLog ctx;
        s.Client()->TraceConnectWithoutContext("State", MakeCallback(&StateLog::Add, &cs));
        s.Client()->TraceConnectWithoutContext("MessageTx", MakeCallback(&MessageLog::Add, &ctx));
        Simulator::Stop(Seconds(16));
        Simulator::Run();

        Ptr<IkeSession> client = s.Client();
        NS_TEST_ASSERT_MSG_EQ(client->IsMobikeNegotiated(), false, "client: not negotiated");
        NS_TEST_ASSERT_MSG_EQ(s.Gateway()->IsMobikeNegotiated(), false, "gateway: not either");
        NS_TEST_ASSERT_MSG_EQ(client->GetState(), IkeSession::FAILED, "the IKE SA died");
        Time firstUnanswered = Seconds(-1);
        for (Time t : ctx.Times(ike::INFORMATIONAL, false))
        {
            if (t >= blockAt)
            {
                firstUnanswered = t;
                break;
            }
        }
        NS_TEST_ASSERT_MSG_GT(firstUnanswered, blockAt, "a liveness check after the block");
        NS_TEST_ASSERT_MSG_EQ_TOL(cs.When(IkeSession::FAILED) - firstUnanswered,
                                  Seconds(10),
                                  MicroSeconds(1),
                                  "FAILED after the 10 s budget");
        NS_TEST_ASSERT_MSG_EQ(client->IsOnStream(), false, "never moved");
        NS_TEST_ASSERT_MSG_EQ(
            Switch(s.Tunnel().client)->IsStreamStarted(), false, "no TCP connection");
        NS_TEST_ASSERT_MSG_EQ(Stream(s.Tunnel().client)->GetConnectionsOpened(), 0, "none opened");
        NS_TEST_ASSERT_MSG_EQ(client->GetAddressUpdates(), 0, "no UPDATE_SA_ADDRESSES");
        NS_TEST_ASSERT_MSG_EQ(s.Tunnel().client->GetSad().GetSize(), 0, "Child SA removed");
        Simulator::Destroy();
    }

    bool m_offOnClient; //!< which side has MOBIKE off
};

// --- 4. NAT ---------------------------------------------------------------------------------

/** New NAT mappings (the NaptMiddlebox "NewMapping" trace). */
struct MappingLog
{
    /** One mapping. */
    struct Entry
    {
        uint8_t protocol;    //!< 17 or 6
        uint16_t insidePort; //!< the inside host's port
        uint16_t port;       //!< outside port
    };

    std::vector<Entry> mappings; //!< in the order made

    /** \param protocol 17 or 6 \param inside inside address \param port outside port */
    void
    Add(uint8_t protocol, const InetSocketAddress& inside, uint16_t port)
    {
        mappings.push_back({protocol, inside.GetPort(), port});
    }

    /** \param protocol 17 or 6 \return mappings of it */
    uint32_t
    Count(uint8_t protocol) const
    {
        uint32_t n = 0;
        for (const auto& m : mappings)
        {
            n += m.protocol == protocol ? 1 : 0;
        }
        return n;
    }

    /** \param protocol 17 or 6 \param insidePort an inside port
     * \return the outside port of the newest mapping of that inside port (0: none) */
    uint16_t
    NewestFor(uint8_t protocol, uint16_t insidePort) const
    {
        uint16_t port = 0;
        for (const auto& m : mappings)
        {
            port = m.protocol == protocol && m.insidePort == insidePort ? m.port : port;
        }
        return port;
    }
};

/**
 * \brief ESP-in-UDP through the NAT: both sides detect it (RFC 7296 §2.23), the client (behind
 * it) sends NAT-keepalives every KeepaliveInterval (RFC 3948 §2.3) and the gateway none; they
 * keep the UDP mapping alive across 7 idle seconds with a 3 s UDP timeout; transfers before
 * and after are intact.
 */
class NatUdpTest : public IkeTunnelTestCase
{
  public:
    NatUdpTest()
        : IkeTunnelTestCase("NAT over UDP: detected, keepalives keep the mapping, transfers intact")
    {
    }

  private:
    void
    DoRun() override
    {
        IkeTunnelScenario s(UDP);
        s.Helper().SetTransportAttribute("KeepaliveInterval", TimeValue(Seconds(1)));
        Ptr<NaptMiddlebox> napt
            = CreateObjectWithAttributes<NaptMiddlebox>("UdpTimeout", TimeValue(Seconds(3)));
        s.SetNat(napt);
        s.SetFirewallPolicy(PacketFirewall::PASS);
        s.Build();
        MappingLog maps;
        napt->TraceConnectWithoutContext("NewMapping", MakeCallback(&MappingLog::Add, &maps));
        Ptr<PatternSink> first = s.AddTransfer(5001, 200000, Seconds(0.5));
        Ptr<PatternSink> second = s.AddTransfer(5002, 200000, Seconds(9));
        Simulator::Stop(Seconds(10.5));
        Simulator::Run();

        CheckChildSaPair(s);
        Ptr<UdpEncapTransport> client = Datagram(s.Tunnel().client);
        Ptr<UdpEncapTransport> gateway = Datagram(s.Tunnel().gateway);
        NS_TEST_ASSERT_MSG_EQ(s.Client()->IsNatDetected(), true, "client: NAT detected");
        NS_TEST_ASSERT_MSG_EQ(s.Gateway()->IsNatDetected(), true, "gateway: NAT detected");
        // One every second from the detection (50 ms) on.
        NS_TEST_ASSERT_MSG_EQ(client->GetKeepalivesSent(), 10, "client's keepalives");
        NS_TEST_ASSERT_MSG_EQ(gateway->GetKeepaliveCount(), 10, "all reached the gateway");
        NS_TEST_ASSERT_MSG_EQ(gateway->GetKeepalivesSent(), 0, "the gateway is not behind NAT");
        NS_TEST_ASSERT_MSG_EQ(maps.Count(PROTO_UDP), 1, "one UDP mapping all along");
        NS_TEST_ASSERT_MSG_EQ(napt->GetDropped(), 0, "nothing dropped by the NAT");
        InetSocketAddress local(Ipv4Address::GetAny(), 0);
        InetSocketAddress peer(Ipv4Address::GetAny(), 0);
        NS_TEST_ASSERT_MSG_EQ(gateway->GetPath(local, peer), true, "gateway's path");
        NS_TEST_ASSERT_MSG_EQ(peer.GetIpv4(), NAT_OUTSIDE, "the gateway sends to the NAT");
        NS_TEST_ASSERT_MSG_EQ(maps.mappings.empty(), false, "a mapping");
        NS_TEST_ASSERT_MSG_EQ(
            peer.GetPort(), (maps.mappings.empty() ? 0 : maps.mappings.front().port), "its port");
        for (Ptr<PatternSink> sink : {first, second})
        {
            NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), 200000, "transfer complete");
            NS_TEST_ASSERT_MSG_EQ(sink->GetMismatches(), 0, "intact");
        }
        CheckNoKeyingLoss(s);
        Simulator::Destroy();
    }
};

/**
 * \brief ESP-in-TCP through the NAT: NAT detected with the connection's addresses (RFC 9329
 * §6.3), but no keepalive, over TCP or UDP (RFC 9329 §6.5): no UDP mapping, every TCP frame
 * an IKE message or an ESP packet. With SEQUENTIAL (UDP blocked) the switchable's idle UDP
 * transport sends none either.
 */
class NatTcpTest : public IkeTunnelTestCase
{
  public:
    /** \param fallback SEQUENTIAL with UDP blocked (else a plain TCP transport) */
    explicit NatTcpTest(bool fallback)
        : IkeTunnelTestCase(std::string("NAT over TCP") + (fallback ? " after a fallback" : "")
                            + ": detected, no keepalive, transfer intact")
        , m_fallback(fallback)
    {
    }

  private:
    /** \param kind message kind \param size bytes \brief Notes the client's stream sends. */
    void
    StreamTx(EncapMessageKind kind, uint32_t size)
    {
        ++m_streamMessages;
        m_streamOther += kind != EncapMessageKind::ESP && kind != EncapMessageKind::IKE ? 1 : 0;
        m_streamSmallest = std::min(m_streamSmallest, size);
    }

    void
    DoRun() override
    {
        IkeTunnelScenario s(TCP);
        if (m_fallback)
        {
            s.Helper().SetFallback(IkeSession::SEQUENTIAL);
        }
        Ptr<NaptMiddlebox> napt = CreateObject<NaptMiddlebox>();
        s.SetNat(napt);
        s.SetFirewallPolicy(m_fallback ? PacketFirewall::DROP_UDP : PacketFirewall::PASS);
        s.Build();
        Ptr<UdpEncapTransport> udp = Datagram(s.Tunnel().client);
        if (udp)
        {
            udp->SetAttribute("KeepaliveInterval", TimeValue(Seconds(1)));
        }
        MappingLog maps;
        napt->TraceConnectWithoutContext("NewMapping", MakeCallback(&MappingLog::Add, &maps));
        Ptr<TcpEncapTransport> stream = Stream(s.Tunnel().client);
        stream->TraceConnectWithoutContext("Tx", MakeCallback(&NatTcpTest::StreamTx, this));
        const uint64_t bytes = 500000;
        Ptr<PatternSink> sink = s.AddTransfer(5001, bytes, Seconds(2));
        Simulator::Stop(Seconds(8));
        Simulator::Run();

        CheckChildSaPair(s);
        NS_TEST_ASSERT_MSG_EQ(s.Client()->IsOnStream(), true, "on TCP");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->IsNatDetected(), true, "client: NAT detected");
        NS_TEST_ASSERT_MSG_EQ(s.Gateway()->IsNatDetected(), true, "gateway: NAT detected");
        NS_TEST_ASSERT_MSG_GT(m_streamMessages, 300, "the client's stream carried the transfer");
        NS_TEST_ASSERT_MSG_EQ(m_streamOther, 0, "only IKE and ESP over TCP");
        NS_TEST_ASSERT_MSG_GT(m_streamSmallest, 1, "no 1-byte message over TCP");
        NS_TEST_ASSERT_MSG_EQ(Stream(s.Tunnel().gateway)->GetKeepaliveCount(),
                              0,
                              "no keepalive reached the gateway over TCP");
        NS_TEST_ASSERT_MSG_EQ(maps.Count(PROTO_TCP), 1, "one TCP mapping");
        // Plain TCP: no UDP datagram left the client. After the fallback only the two
        // unanswered IKE_SA_INITs did, and the firewall (before the NAT's source translation)
        // dropped them: no UDP mapping either way.
        NS_TEST_ASSERT_MSG_EQ(maps.Count(PROTO_UDP), 0, "no UDP through the NAT");
        if (udp)
        {
            NS_TEST_ASSERT_MSG_EQ(s.Client()->GetFallbacks(), 1, "fell back to TCP");
            NS_TEST_ASSERT_MSG_EQ(udp->GetKeepalivesSent(), 0, "no keepalive on the idle UDP");
        }
        NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), bytes, "every inner byte arrived");
        NS_TEST_ASSERT_MSG_EQ(sink->GetMismatches(), 0, "intact");
        CheckNoKeyingLoss(s);
        Simulator::Destroy();
    }

    bool m_fallback;                       //!< SEQUENTIAL with UDP blocked
    uint64_t m_streamMessages{0};          //!< messages handed to the client's stream transport
    uint64_t m_streamOther{0};             //!< of them, neither IKE nor ESP
    uint32_t m_streamSmallest{UINT32_MAX}; //!< smallest of them, bytes
};

/**
 * \brief A switchable behind a NAT sends NAT-keepalives only while it uses UDP: on after
 * NAT detection, off while MOBIKE has the SA on TCP, on again after the move back.
 */
class NatKeepaliveFollowsTransportTest : public IkeTunnelTestCase
{
  public:
    NatKeepaliveFollowsTransportTest()
        : IkeTunnelTestCase("NAT: keepalives only while on UDP (MOBIKE to TCP and back)")
    {
    }

  private:
    /** \param toStream direction \brief Call the client's MoveTransport. */
    void
    Move(bool toStream)
    {
        m_s->Client()->MoveTransport(toStream);
    }

    /** \brief Note the client's keepalive count. */
    void
    Sample()
    {
        m_counts.push_back(Datagram(m_s->Tunnel().client)->GetKeepalivesSent());
    }

    void
    DoRun() override
    {
        IkeTunnelScenario s(TCP);
        m_s = &s;
        ConfigureMobike(s.Helper(), Time(0));
        s.Helper().SetIkeAttribute("LivenessInterval", TimeValue(Time(0)));
        Ptr<NaptMiddlebox> napt = CreateObject<NaptMiddlebox>();
        s.SetNat(napt);
        s.SetFirewallPolicy(PacketFirewall::PASS);
        s.Build();
        Datagram(s.Tunnel().client)->SetAttribute("KeepaliveInterval", TimeValue(Seconds(1)));
        Simulator::Schedule(Seconds(3.5), &NatKeepaliveFollowsTransportTest::Move, this, true);
        Simulator::Schedule(Seconds(7.5), &NatKeepaliveFollowsTransportTest::Move, this, false);
        for (double t : {3.5, 7.5, 11.5})
        {
            Simulator::Schedule(Seconds(t), &NatKeepaliveFollowsTransportTest::Sample, this);
        }
        Simulator::Stop(Seconds(12));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(s.Client()->IsNatDetected(), true, "NAT detected");
        NS_TEST_ASSERT_MSG_EQ(m_counts.size(), 3, "samples");
        if (m_counts.size() != 3)
        {
            Simulator::Destroy();
            return;
        }
        NS_TEST_ASSERT_MSG_EQ(m_counts[0], 3, "every second on UDP (1.05, 2.05, 3.05 s)");
        NS_TEST_ASSERT_MSG_EQ(m_counts[1], m_counts[0], "none while on TCP");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(m_counts[2], m_counts[1] + 3, "again on UDP");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->IsOnStream(), false, "back on UDP");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->GetAddressUpdates(), 2, "two moves");
        CheckChildSaPair(s);
        Simulator::Destroy();
    }

    IkeTunnelScenario* m_s{nullptr}; //!< during DoRun
    std::vector<uint64_t> m_counts;  //!< keepalives sent at the samples
};

/**
 * \brief NAT rebinding in the middle of a transfer: the NAT forgets its mappings (ExpireAll).
 * Over UDP the next ESP packet leaves from a new outside port and the gateway follows it
 * (RFC 3948, authenticated traffic moves the peer); over TCP the client's connection breaks
 * too (closed through its TcpEncapTransport), it reconnects through a new mapping and the
 * gateway moves to the new connection (RFC 9329 §6). The Child SA stays; the transfer is
 * intact.
 */
class NatRebindingTest : public IkeTunnelTestCase
{
  public:
    /** \param transport UDP or TCP */
    explicit NatRebindingTest(const std::string& transport)
        : IkeTunnelTestCase(std::string("NAT rebinding mid-transfer over ")
                            + (transport == UDP ? "UDP" : "TCP")
                            + ": the gateway follows the new port, same Child SA, intact")
        , m_transport(transport)
    {
    }

  private:
    /** \brief Note the client's outside port as the gateway sees it, and the Child SA. */
    void
    Sample()
    {
        uint16_t port = 0;
        if (m_transport == UDP)
        {
            InetSocketAddress local(Ipv4Address::GetAny(), 0);
            InetSocketAddress peer(Ipv4Address::GetAny(), 0);
            Datagram(m_s->Tunnel().gateway)->GetPath(local, peer);
            port = peer.GetPort();
        }
        else if (Ptr<TcpEncapConnection> c = Stream(m_s->Tunnel().gateway)->GetActiveConnection())
        {
            port = InetSocketAddress::ConvertFrom(c->GetPeer()).GetPort();
        }
        m_ports.push_back(port);
        m_spis.push_back(m_s->Client()->GetChildInboundSpi());
        m_insidePort = 4500;
        if (m_transport == TCP)
        {
            if (Ptr<TcpEncapConnection> c = Stream(m_s->Tunnel().client)->GetActiveConnection())
            {
                Address local;
                c->GetSocket()->GetSockName(local);
                m_insidePort = InetSocketAddress::ConvertFrom(local).GetPort();
            }
        }
    }

    /** \brief The rebinding: the NAT forgets, and over TCP the connection breaks. */
    void
    Rebind()
    {
        m_napt->ExpireAll();
        if (m_transport == TCP)
        {
            Stream(m_s->Tunnel().client)->CloseConnections();
        }
    }

    void
    DoRun() override
    {
        IkeTunnelScenario s(m_transport);
        m_s = &s;
        m_napt = CreateObject<NaptMiddlebox>();
        s.SetNat(m_napt);
        s.SetFirewallPolicy(PacketFirewall::PASS);
        s.Build();
        MappingLog maps;
        m_napt->TraceConnectWithoutContext("NewMapping", MakeCallback(&MappingLog::Add, &maps));
        const uint64_t bytes = 3000000;
        Ptr<PatternSink> sink = s.AddTransfer(5001, bytes, Seconds(0.5));
        Simulator::Schedule(Seconds(1.4), &NatRebindingTest::Sample, this);
        Simulator::Schedule(Seconds(1.5), &NatRebindingTest::Rebind, this);
        Simulator::Schedule(Seconds(4), &NatRebindingTest::Sample, this);
        Simulator::Stop(Seconds(6));
        Simulator::Run();

        const uint8_t proto = m_transport == UDP ? PROTO_UDP : PROTO_TCP;
        NS_TEST_ASSERT_MSG_EQ(m_ports.size(), 2, "samples");
        NS_TEST_ASSERT_MSG_EQ(maps.mappings.empty(), false, "mappings");
        if (m_ports.size() != 2 || maps.mappings.empty())
        {
            Simulator::Destroy();
            return;
        }
        NS_TEST_ASSERT_MSG_EQ(m_ports[0], 30000, "the first mapping's port");
        NS_TEST_ASSERT_MSG_NE(m_ports[1], m_ports[0], "the gateway follows the new port");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(maps.Count(proto), 2, "a new mapping after the rebinding");
        // Over TCP the old connection's last segments (its queued frames, then its FIN) may
        // leave after the NAT forgot it and make a mapping of their own, after the new
        // connection's: the gateway follows the mapping of the client's connection in use.
        NS_TEST_ASSERT_MSG_EQ(m_ports[1],
                              maps.NewestFor(proto, m_insidePort),
                              "the mapping of the client's current connection");
        NS_TEST_ASSERT_MSG_EQ(m_spis[1], m_spis[0], "same Child SA");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->GetChildInboundSpi(), m_spis[0], "same at the end");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->GetChildRekeys(), 0, "no rekey");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->IsNatDetected(), true, "NAT detected");
        NS_TEST_ASSERT_MSG_GT(
            m_napt->GetDropped(NaptMiddlebox::NO_MAPPING), 0, "the old port is gone");
        if (m_transport == TCP)
        {
            Ptr<TcpEncapTransport> c = Stream(s.Tunnel().client);
            NS_TEST_ASSERT_MSG_EQ(c->GetConnectionsOpened(), 2, "the client reconnected");
        }
        CheckChildSaPair(s);
        NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), bytes, "every inner byte arrived");
        NS_TEST_ASSERT_MSG_EQ(sink->GetMismatches(), 0, "intact");
        CheckNoKeyingLoss(s);
        Simulator::Destroy();
    }

    std::string m_transport;         //!< UDP or TCP
    IkeTunnelScenario* m_s{nullptr}; //!< during DoRun
    Ptr<NaptMiddlebox> m_napt;       //!< in the router
    std::vector<uint16_t> m_ports;   //!< the client's port as the gateway sees it
    std::vector<uint32_t> m_spis;    //!< client's Child SA inbound SPI
    uint16_t m_insidePort{0};        //!< the client's own port at the last sample
};

// --- suite ------------------------------------------------------------------------------------

/** The transport selection suite. */
class TransportSelectionTestSuite : public TestSuite
{
  public:
    TransportSelectionTestSuite()
        : TestSuite("tcp-encap-transport-selection", Type::UNIT)
    {
        for (Choice c :
             {UDP_ONLY, TCP_ONLY, TLS_ONLY, SEQUENTIAL, SEQUENTIAL_60S, RACE, CACHED_FRESH})
        {
            for (PacketFirewall::Policy block :
                 {PacketFirewall::PASS, PacketFirewall::DROP_UDP, PacketFirewall::DROP_IKE_UDP})
            {
                AddTestCase(new PolicyTest(c, block), TestCase::Duration::QUICK);
            }
        }
        // FallbackDelay between two UDP retransmissions, and beyond UDP's whole budget.
        AddTestCase(new PolicyTest(SEQUENTIAL_2S, PacketFirewall::DROP_UDP),
                    TestCase::Duration::QUICK);
        AddTestCase(new PolicyTest(SEQUENTIAL_2S, PacketFirewall::PASS), TestCase::Duration::QUICK);
        AddTestCase(new PolicyTest(SEQUENTIAL_90S, PacketFirewall::DROP_UDP),
                    TestCase::Duration::QUICK);
        AddTestCase(new PolicyTest(TLS_ONLY, PacketFirewall::ONLY_TCP_443),
                    TestCase::Duration::QUICK);
        AddTestCase(new PolicyTest(SEQUENTIAL, PacketFirewall::ONLY_TCP_443, TLS),
                    TestCase::Duration::QUICK);
        AddTestCase(new CachedTest(PacketFirewall::DROP_UDP), TestCase::Duration::QUICK);
        AddTestCase(new CachedTest(PacketFirewall::PASS), TestCase::Duration::QUICK);
        AddTestCase(new RaceOneSaTest(STREAM_WINS), TestCase::Duration::QUICK);
        AddTestCase(new RaceOneSaTest(UDP_WINS), TestCase::Duration::QUICK);
        AddTestCase(new RaceOneSaTest(BOTH_ARRIVE), TestCase::Duration::QUICK);
        AddTestCase(new RaceLateCopyTest(), TestCase::Duration::QUICK);
        AddTestCase(new MobikeBlockUnblockTest(), TestCase::Duration::QUICK);
        AddTestCase(new MobikeExplicitMoveTest(), TestCase::Duration::QUICK);
        AddTestCase(new MobikeReturnCrossingTest(), TestCase::Duration::QUICK);
        AddTestCase(new MobikeOffTest(true), TestCase::Duration::QUICK);
        AddTestCase(new MobikeOffTest(false), TestCase::Duration::QUICK);
        AddTestCase(new NatUdpTest(), TestCase::Duration::QUICK);
        AddTestCase(new NatTcpTest(false), TestCase::Duration::QUICK);
        AddTestCase(new NatTcpTest(true), TestCase::Duration::QUICK);
        AddTestCase(new NatKeepaliveFollowsTransportTest(), TestCase::Duration::QUICK);
        AddTestCase(new NatRebindingTest(UDP), TestCase::Duration::QUICK);
        AddTestCase(new NatRebindingTest(TCP), TestCase::Duration::QUICK);
    }
};

TransportSelectionTestSuite g_transportSelectionTestSuite; //!< registers the suite

} // namespace
