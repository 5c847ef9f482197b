/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// End to end over ESP-in-TLS-in-TCP (RFC 9329 Appendix A): transfers with loss (the handshake
// included) in TLS 1.3 and 1.2 and both record policies, a corrupted TLS record on the wire
// (the connection closes, a fresh handshake follows, the SAs survive), the overhead against
// TCP mode, and determinism.
#include "tcp-encap-test-apps.h"
#include "tunnel-test-scenario.h"

#include "ns3/boolean.h"
#include "ns3/error-model.h"
#include "ns3/ipv4-header.h"
#include "ns3/pointer.h"
#include "ns3/ppp-header.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-reset-injector.h"
#include "ns3/test.h"
#include "ns3/tls-encap-transport.h"
#include "ns3/uinteger.h"

#include <fstream>
#include <sstream>

using namespace ns3;
using namespace ns3::tcpencaptest;

namespace
{

/** \return the endpoint's transport as a TLS transport */
Ptr<TlsEncapTransport>
TlsOf(Ptr<IpsecEndpoint> e)
{
    return DynamicCast<TlsEncapTransport>(e->GetTransport());
}

/** Count packets crossing router -> gateway and their bytes, and those not TCP to 443. */
struct WireCount
{
    uint64_t packets{0}; //!< packets
    uint64_t bytes{0};   //!< IP bytes
    uint64_t other{0};   //!< not TCP to port 443

    /** \param packet a packet leaving the router's bottleneck device */
    void
    Tx(Ptr<const Packet> packet)
    {
        Ptr<Packet> p = packet->Copy();
        PppHeader ppp;
        Ipv4Header ip;
        TcpHeader tcp;
        p->RemoveHeader(ppp);
        ++packets;
        bytes += p->GetSize();
        p->RemoveHeader(ip);
        if (ip.GetProtocol() != 6 || !p->RemoveHeader(tcp) || tcp.GetDestinationPort() != 443)
        {
            ++other;
        }
    }
};

/** A middlebox on a receiving device: flips one byte of the first TLS segment it sees after
 * being enabled, and lets the segment through (ns-3's TCP does not check checksums). */
class TlsByteFlipper : public ErrorModel
{
  public:
    /** \return the TypeId */
    static TypeId
    GetTypeId()
    {
        static TypeId tid = TypeId("ns3::tcpencaptest::TlsByteFlipper")
                                .SetParent<ErrorModel>()
                                .SetGroupName("TcpEncap");
        return tid;
    }

    /** \return segments altered */
    uint32_t
    GetFlips() const
    {
        return m_flips;
    }

  private:
    bool
    DoCorrupt(Ptr<Packet> p) override
    {
        if (!IsEnabled() || m_flips > 0)
        {
            return false;
        }
        Ptr<Packet> copy = p->Copy();
        PppHeader ppp;
        Ipv4Header ip;
        TcpHeader tcp;
        copy->RemoveHeader(ppp);
        copy->RemoveHeader(ip);
        if (ip.GetProtocol() != 6 || !copy->RemoveHeader(tcp) || tcp.GetDestinationPort() != 443
            || copy->GetSize() < 200)
        {
            return false;
        }
        std::vector<uint8_t> payload(copy->GetSize());
        copy->CopyData(payload.data(), payload.size());
        payload[100] ^= 0x40;
        p->RemoveAtStart(p->GetSize());
        p->AddAtEnd(Create<Packet>(payload.data(), payload.size()));
        p->AddHeader(tcp);
        p->AddHeader(ip);
        p->AddHeader(ppp);
        ++m_flips;
        return false;
    }

    void
    DoReset() override
    {
    }

    uint32_t m_flips{0}; //!< altered segments
};

/** \param policy record policy \return its short name */
std::string
Describe(const std::string& version, const std::string& policy, double loss)
{
    std::ostringstream os;
    os << "TLS " << version << ", " << policy << ", loss " << loss;
    return os.str();
}

/** Inner bulk TCP through ESP-in-TLS arrives intact; handshake over the lossy link too. */
class TlsTunnelTransferTest : public TestCase
{
  public:
    /** \param version "1.3" or "1.2" \param policy record policy \param loss bottleneck loss */
    TlsTunnelTransferTest(std::string version, std::string policy, double loss)
        : TestCase("inner TCP through ESP-in-TLS: " + Describe(version, policy, loss))
        , m_version(version)
        , m_policy(policy)
        , m_loss(loss)
    {
    }

  private:
    void
    DoRun() override
    {
        TunnelScenario s(TunnelScenario::LossyParams(m_loss));
        s.Helper().SetTransportType("ns3::TlsEncapTransport");
        s.Helper().SetTransportAttribute("TlsVersion", StringValue(m_version));
        s.Helper().SetTransportAttribute("RecordPolicy", StringValue(m_policy));
        s.Helper().SetTransportAttribute("VerifyPeer", BooleanValue(true));
        if (m_policy == "coalesce")
        {
            // Frames accumulate only in a FIFO tunnel queue (linux holds one at most).
            s.Helper().SetTransportAttribute("QueuePolicy", StringValue("fifo"));
        }
        s.Build();
        const uint64_t bytes = 2000000;
        Ptr<PatternSink> sink
            = s.AddTransfer(s.Topology().GetServerAddress(), 5001, bytes, Seconds(0.5));
        WireCount wire;
        s.Topology().GetBottleneckDevices().Get(0)->TraceConnectWithoutContext(
            "PhyTxEnd", MakeCallback(&WireCount::Tx, &wire));
        Simulator::Stop(Seconds(60));
        Simulator::Run();

        const IpsecTunnel& t = s.Tunnel();
        Ptr<TlsEncapTransport> client = TlsOf(t.client);
        Ptr<TlsEncapTransport> gateway = TlsOf(t.gateway);
        NS_TEST_ASSERT_MSG_EQ(client->GetName(), "tls", "mode name");
        NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), bytes, "every byte arrived");
        NS_TEST_ASSERT_MSG_EQ(sink->GetMismatches(), 0, "in order and intact");
        NS_TEST_ASSERT_MSG_EQ(wire.other, 0, "only TCP to port 443 crossed the bottleneck");
        NS_TEST_ASSERT_MSG_EQ(client->GetConnectionsOpened(), 1, "one connection");
        TlsCounters c = client->GetTlsCounters();
        TlsCounters g = gateway->GetTlsCounters();
        NS_TEST_ASSERT_MSG_EQ(c.handshakes, 1, "one handshake (client)");
        NS_TEST_ASSERT_MSG_EQ(g.handshakes, 1, "one handshake (gateway)");
        NS_TEST_ASSERT_MSG_EQ(c.errors + g.errors, 0, "no TLS errors");
        NS_TEST_ASSERT_MSG_EQ(t.gateway->GetRxCounters().GetDrops(), 0, "no ESP drops");
        NS_TEST_ASSERT_MSG_EQ(gateway->GetFramesReceived(), client->GetFramesSent(), "frames");
        NS_TEST_ASSERT_MSG_EQ(g.plainBytesRx, c.plainBytesTx, "every plaintext byte arrived");
        NS_TEST_ASSERT_MSG_EQ(c.recordBytesTx, g.recordBytesRx, "every record arrived");
        // Application records cost exactly the per-record overhead.
        uint64_t o = m_version == "1.3" ? 22 : 29;
        uint64_t appRecords = c.recordsTx - c.handshakeRecordsTx;
        NS_TEST_ASSERT_MSG_EQ(c.recordBytesTx - c.handshakeBytesTx - c.plainBytesTx,
                              appRecords * o,
                              "overhead per application record");
        if (m_policy == "per-frame")
        {
            NS_TEST_ASSERT_MSG_GT(appRecords, client->GetFramesSent(), "a record per frame");
        }
        else
        {
            NS_TEST_ASSERT_MSG_LT(appRecords, client->GetFramesSent(), "frames share records");
        }
        // The handshake's real round trips: TCP, then 1 (TLS 1.3) or 2 (TLS 1.2) more.
        Time rtt = 2
                   * (TunnelScenario::LossyParams(0).bottleneckDelay
                      + TunnelScenario::LossyParams(0).accessDelay);
        uint32_t rtts = m_version == "1.3" ? 2 : 3;
        std::vector<Time> times = client->GetHandshakeTimes();
        NS_TEST_ASSERT_MSG_EQ(times.size(), 1, "one handshake time");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(times[0], rtts * rtt, "at least the round trips");
        if (m_loss == 0)
        {
            NS_TEST_ASSERT_MSG_LT(times[0], rtts * rtt + MilliSeconds(10), "and no more");
        }
        Simulator::Destroy();
    }

    std::string m_version; //!< TLS version
    std::string m_policy;  //!< record policy
    double m_loss;         //!< bottleneck loss
};

/** A connection that ends without a fatal alert (a RST from a middlebox, the gateway's close)
 * is resumed on the next one, for TLS 1.3 and 1.2: RFC 5246 §7.2.1, RFC 8446. */
class TlsTunnelResumeAfterCloseTest : public TestCase
{
  public:
    /** \param version TLS version \param reset true: a middlebox RST; false: the gateway
     * closes */
    TlsTunnelResumeAfterCloseTest(const std::string& version, bool reset)
        : TestCase("TLS " + version + " session resumed after "
                   + (reset ? "a RST injected by a middlebox" : "the gateway's close"))
        , m_version(version)
        , m_reset(reset)
    {
    }

  private:
    void
    DoRun() override
    {
        TunnelScenario s(TunnelScenario::LossyParams(0));
        s.Helper().SetTransportType("ns3::TlsEncapTransport");
        s.Helper().SetTransportAttribute("TlsVersion", StringValue(m_version));
        s.Helper().SetTransportAttribute("SessionResumption", BooleanValue(true));
        s.Build();
        const uint64_t bytes = 3000000;
        Ptr<PatternSink> sink
            = s.AddTransfer(s.Topology().GetServerAddress(), 5001, bytes, Seconds(0.5));
        Ptr<TlsEncapTransport> client = TlsOf(s.Tunnel().client);
        Ptr<TlsEncapTransport> gateway = TlsOf(s.Tunnel().gateway);
        Ptr<TcpResetInjector> injector = CreateObject<TcpResetInjector>();
        injector->Install(s.Topology().GetRouter());
        if (m_reset)
        {
            injector->ScheduleReset(Seconds(2), 443);
        }
        else
        {
            Simulator::Schedule(Seconds(2), &TcpEncapTransport::CloseConnections, gateway);
        }
        Simulator::Stop(Seconds(60));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), bytes, "the transfer completed");
        NS_TEST_ASSERT_MSG_EQ(sink->GetMismatches(), 0, "intact");
        NS_TEST_ASSERT_MSG_EQ(client->GetReconnects(), 1, "one reconnection");
        if (m_reset)
        {
            NS_TEST_ASSERT_MSG_EQ(injector->GetResets(), 1, "one connection reset");
        }
        TlsCounters c = client->GetTlsCounters();
        NS_TEST_ASSERT_MSG_EQ(c.handshakes, 2, "two handshakes");
        NS_TEST_ASSERT_MSG_EQ(c.resumptions, 1, "the second resumed the first's session");
        NS_TEST_ASSERT_MSG_EQ(c.errors, 0, "no TLS error");
        NS_TEST_ASSERT_MSG_EQ(gateway->GetTlsCounters().handshakes, 2, "on both sides");
        Simulator::Destroy();
    }

    std::string m_version; //!< TLS version
    bool m_reset;          //!< RST instead of the gateway's close
};

/** A flipped byte in a TLS record closes the connection; a fresh handshake follows; the SAs
 * survive. */
class TlsTunnelCorruptRecordTest : public TestCase
{
  public:
    /** \param resumption whether the reconnection resumes the session */
    explicit TlsTunnelCorruptRecordTest(bool resumption)
        : TestCase(std::string("corrupted TLS record mid-transfer: TLS_ERROR, new full handshake")
                   + (resumption ? " (even with resumption on)" : "") + ", same SAs")
        , m_resumption(resumption)
    {
    }

  private:
    void
    DoRun() override
    {
        TunnelScenario s(TunnelScenario::LossyParams(0));
        s.Helper().SetTransportType("ns3::TlsEncapTransport");
        s.Helper().SetTransportAttribute("SessionResumption", BooleanValue(m_resumption));
        s.Build();
        const uint64_t bytes = 4000000;
        Ptr<PatternSink> sink
            = s.AddTransfer(s.Topology().GetServerAddress(), 5001, bytes, Seconds(0.5));
        const IpsecTunnel& t = s.Tunnel();
        Ptr<TlsEncapTransport> client = TlsOf(t.client);
        Ptr<TlsEncapTransport> gateway = TlsOf(t.gateway);
        Ptr<TlsByteFlipper> flipper = CreateObject<TlsByteFlipper>();
        flipper->Disable();
        s.Topology().GetBottleneckDevices().Get(1)->SetAttribute("ReceiveErrorModel",
                                                                 PointerValue(flipper));
        Simulator::Schedule(Seconds(2), &ErrorModel::Enable, flipper);
        std::vector<uint32_t> spisBefore;
        Ptr<EspSa> clientOut;
        uint64_t seqAtLoss = 0;
        Simulator::Schedule(Seconds(1.9),
                            [&]()
                            {
                                spisBefore = t.gateway->GetSad().GetSpis();
                                clientOut = t.client->GetSpd().FindOutbound(
                                    t.clientInner, s.Topology().GetServerAddress());
                                seqAtLoss = clientOut->GetNextSequence();
                            });
        Simulator::Stop(Seconds(60));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(flipper->GetFlips(), 1, "one record altered");
        NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), bytes, "the transfer completed");
        NS_TEST_ASSERT_MSG_EQ(sink->GetMismatches(), 0, "intact");
        NS_TEST_ASSERT_MSG_EQ(gateway->GetConnectionsClosed(TcpEncapConnection::TLS_ERROR),
                              1,
                              "the gateway detected the bad record");
        NS_TEST_ASSERT_MSG_EQ(client->GetConnectionsClosed(TcpEncapConnection::TLS_ERROR),
                              1,
                              "the client got the alert");
        NS_TEST_ASSERT_MSG_EQ(gateway->GetTlsCounters().errors, 1, "counted (gateway)");
        NS_TEST_ASSERT_MSG_EQ(client->GetTlsCounters().errors, 1, "counted (client)");
        NS_TEST_ASSERT_MSG_EQ(client->GetReconnects(), 1, "one reconnection");
        NS_TEST_ASSERT_MSG_EQ(client->GetTlsCounters().handshakes, 2, "a fresh handshake");
        NS_TEST_ASSERT_MSG_EQ(gateway->GetTlsCounters().handshakes, 2, "on both sides");
        // Even with resumption on: a fatal alert invalidates the session (RFC 5246 §7.2.2;
        // OpenSSL does so for TLS 1.3 too), so the new handshake is a full one.
        NS_TEST_ASSERT_MSG_EQ(client->GetTlsCounters().resumptions, 0, "full handshake");
        NS_TEST_ASSERT_MSG_EQ((t.gateway->GetSad().GetSpis() == spisBefore), true, "same SAs");
        NS_TEST_ASSERT_MSG_EQ(
            t.client->GetSpd().FindOutbound(t.clientInner, s.Topology().GetServerAddress()),
            clientOut,
            "the client's outbound SA survived");
        NS_TEST_ASSERT_MSG_GT(clientOut->GetNextSequence(), seqAtLoss + 100, "and kept counting");
        NS_TEST_ASSERT_MSG_EQ(t.gateway->GetRxCounters().Get(EspStatus::REPLAY), 0, "no replays");
        NS_TEST_ASSERT_MSG_EQ(t.gateway->GetRxCounters().Get(EspStatus::ICV_FAILURE),
                              0,
                              "the bad record never reached ESP");
        Simulator::Destroy();
    }

    bool m_resumption; //!< resume on reconnection
};

/** \param sum where to add \param inner inner packet \param esp its ESP packet */
void
AddEspBytes(uint64_t* sum, Ptr<const Packet> /* inner */, Ptr<const Packet> esp)
{
    *sum += esp->GetSize();
}

/** Bytes per inner byte: TLS mode costs TCP mode's plus the TLS records' overhead. */
class TlsTunnelOverheadTest : public TestCase
{
  public:
    TlsTunnelOverheadTest()
        : TestCase("overhead per inner byte: TLS = TCP + record overhead")
    {
    }

  private:
    /** Result of one run. */
    struct Run
    {
        uint64_t inner{0};  //!< inner bytes delivered
        uint64_t wire{0};   //!< IP bytes router to gateway (retransmissions included)
        uint64_t stream{0}; //!< bytes on the outer stream: ESP, framing, TLS records
        TlsCounters tls;    //!< TLS counts (client)
        uint64_t frames{0}; //!< frames sent
    };

    /** \param type transport \return the run's figures */
    static Run
    RunOnce(const std::string& type)
    {
        TunnelScenario s(TunnelScenario::LossyParams(0));
        s.Helper().SetTransportType(type);
        // No tunnel-queue drops, so no inner retransmissions: the same ESP in both modes.
        s.Helper().SetTransportAttribute("QueuePolicy", StringValue("fifo"));
        s.Helper().SetTransportAttribute("QueueMaxPackets", UintegerValue(0));
        s.Build();
        const uint64_t bytes = 2000000;
        Ptr<PatternSink> sink
            = s.AddTransfer(s.Topology().GetServerAddress(), 5001, bytes, Seconds(0.5));
        WireCount wire;
        s.Topology().GetBottleneckDevices().Get(0)->TraceConnectWithoutContext(
            "PhyTxEnd", MakeCallback(&WireCount::Tx, &wire));
        uint64_t esp = 0;
        s.Tunnel().client->TraceConnectWithoutContext("EspSeal",
                                                      MakeBoundCallback(&AddEspBytes, &esp));
        Simulator::Stop(Seconds(60));
        Simulator::Run();
        Run r;
        r.wire = wire.bytes;
        r.inner = sink->GetReceived();
        auto tcp = DynamicCast<TcpEncapTransport>(s.Tunnel().client->GetTransport());
        r.frames = tcp->GetFramesSent();
        r.stream = esp + tcp->GetFramingBytes();
        if (auto tls = DynamicCast<TlsEncapTransport>(tcp))
        {
            r.tls = tls->GetTlsCounters();
            r.stream = r.tls.recordBytesTx;
        }
        Simulator::Destroy();
        return r;
    }

    void
    DoRun() override
    {
        Run tcp = RunOnce("ns3::TcpEncapTransport");
        Run tls = RunOnce("ns3::TlsEncapTransport");
        NS_TEST_ASSERT_MSG_EQ(tcp.inner, tls.inner, "same transfer");
        // What TLS adds, from first principles: 22 bytes per application record (TLS 1.3:
        // header 5, content type 1, tag 16) and the handshake records.
        const TlsCounters& c = tls.tls;
        uint64_t added = (c.recordsTx - c.handshakeRecordsTx) * 22 + c.handshakeBytesTx;
        NS_TEST_ASSERT_MSG_EQ(added, c.GetOverheadTx(), "the counters agree");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(c.recordsTx - c.handshakeRecordsTx, tls.frames, "per frame");
        double tcpPer = double(tcp.stream) / tcp.inner;
        double tlsPer = double(tls.stream) / tls.inner;
        double addedPer = double(added) / tls.inner;
        std::cout << "stream bytes per inner byte: tcp " << tcpPer << ", tls " << tlsPer
                  << ", TLS adds " << addedPer << " (" << added << " bytes, " << tls.frames
                  << " frames); wire: tcp " << double(tcp.wire) / tcp.inner << ", tls "
                  << double(tls.wire) / tls.inner << std::endl;
        NS_TEST_ASSERT_MSG_EQ_TOL(tlsPer - tcpPer, addedPer, 0.002, "TLS = TCP + records");
        NS_TEST_ASSERT_MSG_GT(addedPer, 0.015, "about 22 bytes per 1474-byte frame");
        NS_TEST_ASSERT_MSG_GT(tls.wire, tcp.wire, "more bytes on the wire");
    }
};

/** Same seed, same results, byte for byte; another stream, other bytes. */
class TlsTunnelDeterminismTest : public TestCase
{
  public:
    TlsTunnelDeterminismTest()
        : TestCase("same seed, same handshakes and results; another stream, other keys")
    {
    }

  private:
    /** \param stream TLS stream index (-1: automatic) \param keyLog key log path
     * \return numbers that summarise one run */
    std::vector<uint64_t>
    RunOnce(int64_t stream, const std::string& keyLog)
    {
        std::remove(keyLog.c_str());
        TunnelScenario s(TunnelScenario::LossyParams(0.02));
        s.Helper().SetTransportType("ns3::TlsEncapTransport");
        s.Helper().SetTransportAttribute("SessionResumption", BooleanValue(true));
        s.Helper().SetTransportAttribute("KeyLogFile", StringValue(keyLog));
        s.Build();
        Ptr<TlsEncapTransport> client = TlsOf(s.Tunnel().client);
        Ptr<TlsEncapTransport> gateway = TlsOf(s.Tunnel().gateway);
        if (stream >= 0)
        {
            client->AssignStreams(stream);
            gateway->AssignStreams(stream + 1);
        }
        Ptr<PatternSink> sink
            = s.AddTransfer(s.Topology().GetServerAddress(), 5001, 1000000, Seconds(0.5));
        Simulator::Schedule(Seconds(2), &TcpEncapTransport::CloseConnections, gateway);
        Simulator::Stop(Seconds(60));
        Simulator::Run();
        TlsCounters c = client->GetTlsCounters();
        TlsCounters g = gateway->GetTlsCounters();
        std::vector<uint64_t> r = {static_cast<uint64_t>(sink->GetLastRx().GetTimeStep()),
                                   sink->GetReceived(),
                                   s.Tunnel().client->GetTxCounters().Get(EspStatus::OK),
                                   client->GetOuterRetransmissions(),
                                   c.handshakes,
                                   c.resumptions,
                                   c.handshakeBytesTx,
                                   c.handshakeBytesRx,
                                   g.handshakeBytesTx,
                                   c.recordsTx,
                                   c.recordBytesTx,
                                   g.recordBytesTx};
        for (Time h : client->GetHandshakeTimes())
        {
            r.push_back(h.GetTimeStep());
        }
        Simulator::Destroy();
        return r;
    }

    /** \param path a file \return its contents */
    static std::string
    Read(const std::string& path)
    {
        std::ifstream in(path);
        std::ostringstream os;
        os << in.rdbuf();
        return os.str();
    }

    void
    DoRun() override
    {
        std::string la = CreateTempDirFilename("keylog-a.txt");
        std::string lb = CreateTempDirFilename("keylog-b.txt");
        std::string lc = CreateTempDirFilename("keylog-c.txt");
        std::vector<uint64_t> a = RunOnce(-1, la);
        std::vector<uint64_t> b = RunOnce(-1, lb);
        std::vector<uint64_t> c = RunOnce(1000, lc);
        NS_TEST_ASSERT_MSG_EQ((a == b), true, "two identical runs differ");
        NS_TEST_ASSERT_MSG_EQ(a[1], 1000000, "the transfer completed");
        NS_TEST_ASSERT_MSG_EQ(a[4], 2, "two handshakes");
        NS_TEST_ASSERT_MSG_EQ(a[5], 1, "the second resumed");
        NS_TEST_ASSERT_MSG_EQ(Read(la).empty(), false, "key log written");
        NS_TEST_ASSERT_MSG_EQ(Read(la), Read(lb), "same secrets, byte for byte");
        NS_TEST_ASSERT_MSG_NE(Read(la), Read(lc), "another stream, other secrets");
    }
};

/** The ESP-in-TLS suite. */
class TlsTunnelTestSuite : public TestSuite
{
  public:
    TlsTunnelTestSuite()
        : TestSuite("tcp-encap-tls-tunnel", Type::SYSTEM)
    {
        AddTestCase(new TlsTunnelTransferTest("1.3", "per-frame", 0.0), TestCase::Duration::QUICK);
        AddTestCase(new TlsTunnelTransferTest("1.3", "per-frame", 0.02), TestCase::Duration::QUICK);
        AddTestCase(new TlsTunnelTransferTest("1.2", "per-frame", 0.02), TestCase::Duration::QUICK);
        AddTestCase(new TlsTunnelTransferTest("1.3", "coalesce", 0.0), TestCase::Duration::QUICK);
        AddTestCase(new TlsTunnelCorruptRecordTest(false), TestCase::Duration::QUICK);
        AddTestCase(new TlsTunnelCorruptRecordTest(true), TestCase::Duration::QUICK);
        AddTestCase(new TlsTunnelResumeAfterCloseTest("1.3", true), TestCase::Duration::QUICK);
        AddTestCase(new TlsTunnelResumeAfterCloseTest("1.3", false), TestCase::Duration::QUICK);
        AddTestCase(new TlsTunnelResumeAfterCloseTest("1.2", true), TestCase::Duration::QUICK);
        AddTestCase(new TlsTunnelOverheadTest(), TestCase::Duration::QUICK);
        AddTestCase(new TlsTunnelDeterminismTest(), TestCase::Duration::QUICK);
    }
};

TlsTunnelTestSuite g_tlsTunnelTestSuite; //!< registers the suite

} // namespace
