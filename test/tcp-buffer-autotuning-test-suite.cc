/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Linux's socket buffer autotuning on ns-3 TCP sockets (TcpBufferAutotuning): the formulas
// against hand-computed values, and bulk transfers over a point-to-point link: on a large
// bandwidth-delay product the buffers grow from Linux's defaults to the caps and never past
// them, the window scale lets the grown window be advertised, and goodput beats what fixed
// 128 KiB buffers allow; on a small one they stay small.
#include "ns3/boolean.h"
#include "ns3/data-rate.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/node-container.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/queue-size.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-buffer-autotuning.h"
#include "ns3/tcp-cubic.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/tcp-option-winscale.h"
#include "ns3/tcp-socket-base.h"
#include "ns3/test.h"
#include "ns3/traffic-control-helper.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cstdint>
#include <vector>

using namespace ns3;

namespace
{

/** Outer segment size used throughout (1500 - 20 - 20 - 12). */
constexpr uint32_t MSS = 1448;
/** Linux 6.1's tcp_wmem[2] and tcp_rmem[2]. */
constexpr uint32_t WMEM_MAX = 4194304;
/** tcp_rmem[2]. */
constexpr uint32_t RMEM_MAX = 6291456;
/** ns-3's fixed buffers, bytes. */
constexpr uint32_t FIXED = 131072;

/** A link between the two hosts. */
struct LinkParams
{
    std::string rate; //!< data rate
    Time oneWay;      //!< one-way delay
    uint32_t queue;   //!< FIFO, packets (each direction)
};

/** What one transfer showed. */
struct BulkResult
{
    double goodputMbps{0};               //!< over the measured period
    std::vector<uint32_t> sndBuf;        //!< sender's sk_sndbuf, every value it took
    std::vector<uint32_t> sndBufPayload; //!< sender's SndBufSize, every value
    std::vector<uint32_t> rcvBuf;        //!< receiver's sk_rcvbuf, every value
    std::vector<uint32_t> rcvBufPayload; //!< receiver's RcvBufSize, every value
    uint32_t synScale{255};              //!< window scale in the SYN (255: none)
    uint32_t synAckScale{255};           //!< window scale in the SYN-ACK (255: none)
    uint32_t maxRwnd{0};                 //!< largest window the sender was offered, bytes
    uint32_t maxSocketRcvBuf{0};         //!< receiver socket's RcvBufSize after ESTABLISHED
    uint32_t maxSocketSndBuf{0};         //!< sender socket's SndBufSize at the end
    Time receiverRtt;                    //!< receiver's estimate at the end
    uint32_t sndMemToPayloadAtCap{0};    //!< the sender's payload for tcp_wmem[2]
};

/**
 * \brief Two hosts, one TCP connection from the first to the second, bulk data one way, the
 * buffers either autotuned on both sockets or fixed at 128 KiB.
 */
class BulkTransfer
{
  public:
    /**
     * \param link the link
     * \param autotune TcpBufferAutotuning on both sockets, else fixed 128 KiB buffers
     * \param fromInitiator data flows from the connecting side (else from the accepting side)
     */
    BulkTransfer(const LinkParams& link, bool autotune, bool fromInitiator)
        : m_link(link)
        , m_autotune(autotune)
        , m_fromInitiator(fromInitiator)
    {
    }

    /**
     * \brief Let the sender write one segment at this rate instead of filling its socket.
     * \param rate the application's rate
     */
    void
    SetApplicationRate(DataRate rate)
    {
        m_appRate = rate;
    }

    /**
     * \param end when the simulation stops
     * \param measureFrom start of the goodput measurement
     * \return what happened
     */
    BulkResult
    Run(Time end, Time measureFrom)
    {
        m_measureFrom = measureFrom;
        NodeContainer nodes(2);
        PointToPointHelper p2p;
        p2p.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize", StringValue("1p"));
        p2p.SetDeviceAttribute("DataRate", DataRateValue(DataRate(m_link.rate)));
        p2p.SetChannelAttribute("Delay", TimeValue(m_link.oneWay));
        NetDeviceContainer devices = p2p.Install(nodes);
        InternetStackHelper stack;
        stack.Install(nodes);
        TrafficControlHelper fifo;
        fifo.SetRootQueueDisc("ns3::FifoQueueDisc",
                              "MaxSize",
                              QueueSizeValue(QueueSize(QueueSizeUnit::PACKETS, m_link.queue)));
        fifo.Install(devices);
        Ipv4AddressHelper addresses("10.0.0.0", "255.255.255.0");
        Ipv4InterfaceContainer interfaces = addresses.Assign(devices);

        Ptr<Socket> listener = MakeSocket(nodes.Get(1));
        Ptr<Socket> client = MakeSocket(nodes.Get(0));
        if (m_autotune)
        {
            CreateObject<TcpBufferAutotuning>()->PrepareListener(listener);
            Ptr<TcpBufferAutotuning> tuner = CreateObject<TcpBufferAutotuning>();
            Watch(tuner, m_fromInitiator);
            tuner->AttachBeforeConnect(client);
        }
        else
        {
            for (const auto& s : {listener, client})
            {
                s->SetAttribute("SndBufSize", UintegerValue(FIXED));
                s->SetAttribute("RcvBufSize", UintegerValue(FIXED));
            }
        }
        listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), 5000));
        listener->Listen();
        listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    MakeCallback(&BulkTransfer::Accepted, this));
        client->TraceConnectWithoutContext("Tx", MakeCallback(&BulkTransfer::ClientTx, this));
        client->TraceConnectWithoutContext("Rx", MakeCallback(&BulkTransfer::ClientRx, this));
        client->Bind();
        client->SetConnectCallback(MakeCallback(&BulkTransfer::Connected, this),
                                   MakeNullCallback<void, Ptr<Socket>>());
        // After the nodes' initialisation (queue discs), which runs at time 0.
        Simulator::Schedule(MilliSeconds(1),
                            &BulkTransfer::Connect,
                            client,
                            InetSocketAddress(interfaces.GetAddress(1), 5000));
        m_client = client;
        if (m_fromInitiator)
        {
            StartSending(client);
        }
        else
        {
            client->SetRecvCallback(MakeCallback(&BulkTransfer::Read, this));
        }

        Simulator::Stop(end);
        Simulator::Run();

        m_result.goodputMbps = m_measured * 8.0 / (end - measureFrom).GetSeconds() / 1e6;
        Ptr<Socket> receiver = m_fromInitiator ? m_accepted : m_client;
        Ptr<Socket> sender = m_fromInitiator ? m_client : m_accepted;
        if (Ptr<TcpBufferAutotuning> t = receiver->GetObject<TcpBufferAutotuning>())
        {
            m_result.receiverRtt = t->GetReceiverRtt();
        }
        if (Ptr<TcpBufferAutotuning> t = sender->GetObject<TcpBufferAutotuning>())
        {
            m_result.sndMemToPayloadAtCap = t->SndMemoryToPayload(WMEM_MAX);
        }
        UintegerValue v;
        sender->GetAttribute("SndBufSize", v);
        m_result.maxSocketSndBuf = static_cast<uint32_t>(v.Get());
        m_client = nullptr;
        m_accepted = nullptr;
        Simulator::Destroy();
        return m_result;
    }

  private:
    /** \param node where \return a Linux-like TCP socket (Cubic, 200 ms MinRto, 40 ms delack) */
    static Ptr<Socket>
    MakeSocket(Ptr<Node> node)
    {
        Ptr<Socket> s = node->GetObject<TcpL4Protocol>()->CreateSocket(TcpCubic::GetTypeId());
        s->SetAttribute("SegmentSize", UintegerValue(MSS));
        s->SetAttribute("MinRto", TimeValue(MilliSeconds(200)));
        s->SetAttribute("DelAckTimeout", TimeValue(MilliSeconds(40)));
        return s;
    }

    /** \param socket the client \param to the server */
    static void
    Connect(Ptr<Socket> socket, InetSocketAddress to)
    {
        socket->Connect(to);
    }

    /**
     * \param tuner a socket's tuner
     * \param sender whether that socket sends the data
     */
    void
    Watch(Ptr<TcpBufferAutotuning> tuner, bool sender)
    {
        if (sender)
        {
            tuner->TraceConnectWithoutContext("SndBuf",
                                              MakeBoundCallback(&Record, &m_result.sndBuf));
            tuner->TraceConnectWithoutContext("SndBufPayload",
                                              MakeBoundCallback(&Record, &m_result.sndBufPayload));
        }
        else
        {
            tuner->TraceConnectWithoutContext("RcvBuf",
                                              MakeBoundCallback(&Record, &m_result.rcvBuf));
            tuner->TraceConnectWithoutContext("RcvBufPayload",
                                              MakeBoundCallback(&Record, &m_result.rcvBufPayload));
        }
    }

    /** \param values where \param oldValue before \param newValue after */
    static void
    Record(std::vector<uint32_t>* values, uint32_t /* oldValue */, uint32_t newValue)
    {
        values->push_back(newValue);
    }

    /** \param socket accepted \param from peer */
    void
    Accepted(Ptr<Socket> socket, const Address& /* from */)
    {
        m_accepted = socket;
        if (m_autotune)
        {
            Ptr<TcpBufferAutotuning> tuner = CreateObject<TcpBufferAutotuning>();
            Watch(tuner, !m_fromInitiator);
            tuner->AttachAccepted(socket);
        }
        if (m_fromInitiator)
        {
            socket->SetRecvCallback(MakeCallback(&BulkTransfer::Read, this));
        }
        else
        {
            StartSending(socket);
            Begin(socket);
        }
    }

    /** \param socket the sending socket */
    void
    StartSending(Ptr<Socket> socket)
    {
        m_chunk = Create<Packet>(16 * MSS);
        if (m_appRate.GetBitRate() == 0)
        {
            socket->SetSendCallback(MakeCallback(&BulkTransfer::Fill, this));
        }
        socket->TraceConnectWithoutContext("RWND", MakeCallback(&BulkTransfer::Rwnd, this));
    }

    /** \param socket the sending socket: one segment now, the next at the application's rate */
    void
    Write(Ptr<Socket> socket)
    {
        if (socket->GetTxAvailable() >= MSS)
        {
            socket->Send(m_chunk->CreateFragment(0, MSS));
        }
        Simulator::Schedule(
            m_appRate.CalculateBytesTxTime(MSS), &BulkTransfer::Write, this, socket);
    }

    /** \param socket a connected sender: start writing */
    void
    Begin(Ptr<Socket> socket)
    {
        if (m_appRate.GetBitRate() > 0)
        {
            Write(socket);
        }
        else
        {
            Fill(socket, socket->GetTxAvailable());
        }
    }

    /** \param socket the connected client */
    void
    Connected(Ptr<Socket> socket)
    {
        if (m_fromInitiator)
        {
            Begin(socket);
        }
    }

    /** \param socket the sender \param available room */
    void
    Fill(Ptr<Socket> socket, uint32_t available)
    {
        while (available > 0)
        {
            uint32_t n = std::min(available, m_chunk->GetSize());
            if (socket->Send(n == m_chunk->GetSize() ? m_chunk : m_chunk->CreateFragment(0, n))
                <= 0)
            {
                return;
            }
            available = socket->GetTxAvailable();
        }
    }

    /** \param socket the receiver */
    void
    Read(Ptr<Socket> socket)
    {
        while (Ptr<Packet> p = socket->Recv())
        {
            if (p->GetSize() == 0)
            {
                break;
            }
            if (Simulator::Now() >= m_measureFrom)
            {
                m_measured += p->GetSize();
            }
        }
        UintegerValue v;
        socket->GetAttribute("RcvBufSize", v);
        m_result.maxSocketRcvBuf = std::max(m_result.maxSocketRcvBuf, uint32_t(v.Get()));
    }

    /** \param oldValue before \param newValue the window offered to the sender */
    void
    Rwnd(uint32_t /* oldValue */, uint32_t newValue)
    {
        m_result.maxRwnd = std::max(m_result.maxRwnd, newValue);
    }

    /**
     * \param h a segment's header
     * \return its window scale, or 255
     */
    static uint32_t
    ScaleOf(const TcpHeader& h)
    {
        if (!h.HasOption(TcpOption::WINSCALE))
        {
            return 255;
        }
        return DynamicCast<const TcpOptionWinScale>(h.GetOption(TcpOption::WINSCALE))->GetScale();
    }

    /** \param p payload \param h header \param s socket: what the client sends */
    void
    ClientTx(Ptr<const Packet> /* p */, const TcpHeader& h, Ptr<const TcpSocketBase> /* s */)
    {
        if ((h.GetFlags() & TcpHeader::SYN) && !(h.GetFlags() & TcpHeader::ACK))
        {
            m_result.synScale = ScaleOf(h);
        }
    }

    /** \param p payload \param h header \param s socket: what the client receives */
    void
    ClientRx(Ptr<const Packet> /* p */, const TcpHeader& h, Ptr<const TcpSocketBase> /* s */)
    {
        if ((h.GetFlags() & TcpHeader::SYN) && (h.GetFlags() & TcpHeader::ACK))
        {
            m_result.synAckScale = ScaleOf(h);
        }
    }

    LinkParams m_link;      //!< the link
    bool m_autotune;        //!< buffers autotuned
    bool m_fromInitiator;   //!< data direction
    Time m_measureFrom;     //!< goodput period start
    uint64_t m_measured{0}; //!< bytes received in it
    Ptr<Socket> m_client;   //!< connecting socket
    Ptr<Socket> m_accepted; //!< accepted socket
    Ptr<Packet> m_chunk;    //!< what the sender writes
    DataRate m_appRate{0};  //!< the application\'s rate (0: as fast as the socket takes)
    BulkResult m_result;    //!< what is reported
};

/** \param v values \return the largest */
uint32_t
MaxOf(const std::vector<uint32_t>& v)
{
    return v.empty() ? 0 : *std::max_element(v.begin(), v.end());
}

/** \param v values \return whether they never decrease */
bool
NonDecreasing(const std::vector<uint32_t>& v)
{
    return std::is_sorted(v.begin(), v.end());
}

/** 100 Mbit/s, 100 ms RTT: a BDP of 1.25 MB, ten times what 128 KiB buffers cover. */
const LinkParams LARGE_BDP{"100Mbps", MilliSeconds(50), 1000};
/** 10 Mbit/s, 10 ms RTT, a FIFO of about one BDP (12.5 kB). */
const LinkParams SMALL_BDP{"10Mbps", MilliSeconds(5), 10};

/** The formulas against values computed by hand from Linux 6.1's definitions. */
class TcpBufferAutotuningFormulaTest : public TestCase
{
  public:
    TcpBufferAutotuningFormulaTest()
        : TestCase("formulas: per_mss, rcvmem, tcp_win_from_space, sndbuf and rcvbuf targets")
    {
    }

  private:
    void
    DoRun() override
    {
        // roundup_pow_of_two(1460 + 320 + 320) + 256
        NS_TEST_ASSERT_MSG_EQ(TcpBufferAutotuning::GetSndMemPerSegment(1460), 4352, "per_mss");
        NS_TEST_ASSERT_MSG_EQ(TcpBufferAutotuning::GetSndMemPerSegment(536), 2304, "per_mss");
        NS_TEST_ASSERT_MSG_EQ(TcpBufferAutotuning::WinFromSpace(131072, 1), 65536, "half");
        NS_TEST_ASSERT_MSG_EQ(TcpBufferAutotuning::WinFromSpace(131072, 2), 98304, "3/4");
        NS_TEST_ASSERT_MSG_EQ(TcpBufferAutotuning::WinFromSpace(131072, -1), 65536, ">> 1");
        // SKB_TRUESIZE(1448 + 320) = 2344, + 5 x 128 until half of it holds 1448 bytes
        NS_TEST_ASSERT_MSG_EQ(TcpBufferAutotuning::GetRcvMemPerSegment(1448, 1), 2984, "rcvmem");
        NS_TEST_ASSERT_MSG_EQ(
            TcpBufferAutotuning::GetRcvMemPerSegment(1448, 2), 2344, "rcvmem, 3/4 is window");

        NodeContainer nodes(1);
        InternetStackHelper stack;
        stack.Install(nodes);
        Ptr<Socket> s
            = nodes.Get(0)->GetObject<TcpL4Protocol>()->CreateSocket(TcpCubic::GetTypeId());
        s->SetAttribute("SegmentSize", UintegerValue(MSS));
        Ptr<TcpBufferAutotuning> t = CreateObject<TcpBufferAutotuning>();
        t->AttachBeforeConnect(s);
        NS_TEST_ASSERT_MSG_EQ(s->GetObject<TcpBufferAutotuning>(), t, "aggregated to its socket");
        // Before the handshake: tcp_wmem[1] as payload, and tcp_rmem[2] for the window scale.
        NS_TEST_ASSERT_MSG_EQ(t->GetSndBuf(), 16384, "tcp_wmem[1]");
        NS_TEST_ASSERT_MSG_EQ(t->GetSndBufPayload(), 16384 * 1448 / 4352, "its payload");
        UintegerValue v;
        s->GetAttribute("RcvBufSize", v);
        NS_TEST_ASSERT_MSG_EQ(v.Get(), RMEM_MAX, "RcvBufSize = tcp_rmem[2] until ESTABLISHED");
        s->GetAttribute("SndBufSize", v);
        NS_TEST_ASSERT_MSG_EQ(v.Get(), t->GetSndBufPayload(), "SndBufSize applied");

        // 2 x max(10, cwnd, 3 + 1) x 4352, capped at tcp_wmem[2]
        NS_TEST_ASSERT_MSG_EQ(t->GetSndBufTarget(1), 87040, "initial expansion");
        NS_TEST_ASSERT_MSG_EQ(t->GetSndBufTarget(100), 870400, "100 segments");
        NS_TEST_ASSERT_MSG_EQ(t->GetSndBufTarget(482), WMEM_MAX, "capped");
        NS_TEST_ASSERT_MSG_EQ(t->SndMemoryToPayload(87040), 20 * MSS, "20 segments of payload");
        // rcvwin = 2 x 29000 + 16 x 1448 = 81168; grow = 81168 x 14520 / 14480 = 81392;
        // rcvwin = 81168 + 2 x 81392 = 243952; 243952 / 1448 = 168 segments x 2984
        NS_TEST_ASSERT_MSG_EQ(t->GetRcvBufTarget(29000, 14480), 168 * 2984, "DRS step");
        NS_TEST_ASSERT_MSG_EQ(t->GetRcvBufTarget(3000000, 1500000), RMEM_MAX, "capped");

        Ptr<TcpBufferAutotuning> gso = CreateObject<TcpBufferAutotuning>();
        gso->SetAttribute("SndMemoryModel", StringValue("gso"));
        Ptr<Socket> s2
            = nodes.Get(0)->GetObject<TcpL4Protocol>()->CreateSocket(TcpCubic::GetTypeId());
        s2->SetAttribute("SegmentSize", UintegerValue(MSS));
        gso->AttachBeforeConnect(s2);
        NS_TEST_ASSERT_MSG_EQ(gso->SndMemoryToPayload(87040), 87040, "gso: payload = memory");
        Simulator::Destroy();
    }
};

/**
 * Bulk data over 100 Mbit/s and 100 ms RTT: both buffers grow from Linux's defaults to the caps
 * and never beyond, the window scale is Linux's 7 so that the grown window is advertised, and
 * goodput is far above the 128 KiB per RTT that fixed buffers allow.
 */
class TcpBufferAutotuningLargeBdpTest : public TestCase
{
  public:
    /** \param fromInitiator data from the connecting side (else to it) */
    explicit TcpBufferAutotuningLargeBdpTest(bool fromInitiator)
        : TestCase(std::string("100 Mbit/s, 100 ms RTT: buffers grow to the caps, data ")
                   + (fromInitiator ? "from the connecting side" : "to the connecting side"))
        , m_fromInitiator(fromInitiator)
    {
    }

  private:
    void
    DoRun() override
    {
        const Time end = Seconds(5);
        const Time from = Seconds(2);
        BulkResult a = BulkTransfer(LARGE_BDP, true, m_fromInitiator).Run(end, from);
        BulkResult f = BulkTransfer(LARGE_BDP, false, m_fromInitiator).Run(end, from);
        const double fixedLimitMbps = FIXED * 8.0 / 0.1 / 1e6; // 128 KiB per base RTT
        std::clog << "autotuned: " << a.goodputMbps << " Mbit/s, sndbuf " << MaxOf(a.sndBuf)
                  << " (payload " << MaxOf(a.sndBufPayload) << "), rcvbuf " << MaxOf(a.rcvBuf)
                  << " (window " << MaxOf(a.rcvBufPayload) << "), largest window offered "
                  << a.maxRwnd << ", receiver RTT " << a.receiverRtt.As(Time::MS) << ", wscale "
                  << a.synScale << "/" << a.synAckScale << "; fixed 128 KiB: " << f.goodputMbps
                  << " Mbit/s (limit " << fixedLimitMbps << "), wscale " << f.synScale << "/"
                  << f.synAckScale << ", largest window " << f.maxRwnd << std::endl;

        // Linux's window scale for tcp_rmem[2] = 6 MiB, both ways; 2 with 128 KiB buffers.
        NS_TEST_ASSERT_MSG_EQ(a.synScale, 7, "SYN: window scale of tcp_rmem[2]");
        NS_TEST_ASSERT_MSG_EQ(a.synAckScale, 7, "SYN-ACK: window scale of tcp_rmem[2]");
        NS_TEST_ASSERT_MSG_EQ(f.synScale, 2, "fixed 128 KiB: ns-3's scale");

        // Send side: from the handshake's expansion (2 x 10 x per_mss) to tcp_wmem[2].
        NS_TEST_ASSERT_MSG_EQ(a.sndBuf.empty(), false, "send buffer traced");
        NS_TEST_ASSERT_MSG_EQ(a.sndBuf.front(), m_fromInitiator ? 16384U : 87040U, "first");
        NS_TEST_ASSERT_MSG_EQ(NonDecreasing(a.sndBuf), true, "the send buffer never shrinks");
        NS_TEST_ASSERT_MSG_EQ(
            (std::find(a.sndBuf.begin(), a.sndBuf.end(), 87040U) != a.sndBuf.end()),
            true,
            "tcp_init_buffer_space: 2 x 10 x 4352");
        NS_TEST_ASSERT_MSG_EQ(MaxOf(a.sndBuf), WMEM_MAX, "reaches tcp_wmem[2], not beyond");
        NS_TEST_ASSERT_MSG_EQ(MaxOf(a.sndBufPayload), a.sndMemToPayloadAtCap, "payload cap");
        NS_TEST_ASSERT_MSG_EQ(a.maxSocketSndBuf, a.sndMemToPayloadAtCap, "applied to the socket");

        // Receive side: from tcp_rmem[1] (window 64 KiB) to tcp_rmem[2] (window 3 MiB).
        NS_TEST_ASSERT_MSG_EQ(a.rcvBuf.empty(), false, "receive buffer traced");
        NS_TEST_ASSERT_MSG_EQ(a.rcvBuf.front(), 131072, "tcp_rmem[1] at ESTABLISHED");
        NS_TEST_ASSERT_MSG_EQ(a.rcvBufPayload.front(), 65536, "half of it is window");
        NS_TEST_ASSERT_MSG_EQ(NonDecreasing(a.rcvBuf), true, "the receive buffer never shrinks");
        NS_TEST_ASSERT_MSG_EQ(MaxOf(a.rcvBuf), RMEM_MAX, "reaches tcp_rmem[2], not beyond");
        NS_TEST_ASSERT_MSG_EQ(MaxOf(a.rcvBufPayload), RMEM_MAX / 2, "window clamp 3 MiB");
        NS_TEST_ASSERT_MSG_LT_OR_EQ(a.maxSocketRcvBuf, RMEM_MAX / 2, "socket's RcvBufSize");

        // The receiver estimated the RTT without sending data: 100 ms plus queueing.
        NS_TEST_ASSERT_MSG_GT_OR_EQ(a.receiverRtt, MilliSeconds(100), "receiver RTT");
        NS_TEST_ASSERT_MSG_LT(a.receiverRtt, MilliSeconds(300), "receiver RTT");

        // The grown window reached the sender: beyond 64 KiB << 2, the most fixed buffers
        // could advertise, up to the 3 MiB clamp.
        NS_TEST_ASSERT_MSG_GT(a.maxRwnd, 65535U << 2, "advertised beyond the old scale");
        NS_TEST_ASSERT_MSG_GT(a.maxRwnd, 2U * 1024 * 1024, "a window of megabytes advertised");
        NS_TEST_ASSERT_MSG_LT_OR_EQ(a.maxRwnd, RMEM_MAX / 2, "never beyond the clamp");

        // Goodput: fixed buffers stay under 128 KiB per RTT; autotuned ones fill the link.
        NS_TEST_ASSERT_MSG_LT_OR_EQ(f.goodputMbps, fixedLimitMbps, "fixed: window-limited");
        NS_TEST_ASSERT_MSG_GT(a.goodputMbps, 5 * fixedLimitMbps, "autotuned: beyond 128 KiB/RTT");
        NS_TEST_ASSERT_MSG_GT(a.goodputMbps, 90, "autotuned: near the link rate");
    }

    bool m_fromInitiator; //!< data direction
};

/**
 * A small bandwidth-delay product: an application slower than the link leaves both buffers at
 * their post-handshake sizes (it never waits for room, and a round trip never carries more than
 * 10 segments); a bulk sender grows its send buffer only with its congestion window.
 */
class TcpBufferAutotuningSmallBdpTest : public TestCase
{
  public:
    TcpBufferAutotuningSmallBdpTest()
        : TestCase("10 Mbit/s, 10 ms RTT: the buffers stay small")
    {
    }

  private:
    void
    DoRun() override
    {
        BulkTransfer paced(SMALL_BDP, true, true);
        paced.SetApplicationRate(DataRate("4Mbps"));
        BulkResult a = paced.Run(Seconds(5), Seconds(1));
        BulkResult b = BulkTransfer(SMALL_BDP, true, true).Run(Seconds(5), Seconds(1));
        std::clog << "small BDP, 4 Mbit/s application: " << a.goodputMbps << " Mbit/s, sndbuf "
                  << MaxOf(a.sndBuf) << ", rcvbuf " << MaxOf(a.rcvBuf) << ", receiver RTT "
                  << a.receiverRtt.As(Time::MS) << "; bulk: " << b.goodputMbps << " Mbit/s, sndbuf "
                  << MaxOf(b.sndBuf) << " (payload " << MaxOf(b.sndBufPayload) << "), rcvbuf "
                  << MaxOf(b.rcvBuf) << " (window " << MaxOf(b.rcvBufPayload) << "), receiver RTT "
                  << b.receiverRtt.As(Time::MS) << std::endl;

        NS_TEST_ASSERT_MSG_EQ_TOL(a.goodputMbps, 4, 0.1, "the application's rate");
        NS_TEST_ASSERT_MSG_EQ((a.sndBuf == std::vector<uint32_t>{16384, 87040}),
                              true,
                              "send buffer: tcp_wmem[1], then 2 x 10 x per_mss, no more");
        NS_TEST_ASSERT_MSG_EQ((a.rcvBuf == std::vector<uint32_t>{131072}),
                              true,
                              "receive buffer: tcp_rmem[1], no more");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(a.receiverRtt, MilliSeconds(10), "receiver RTT");
        NS_TEST_ASSERT_MSG_LT(a.receiverRtt, MilliSeconds(15), "receiver RTT, no queue");

        // Bulk: the window never exceeds about BDP + FIFO (20 segments) plus slow start's
        // overshoot, and 2 x cwnd x per_mss follows it. (The receive buffer grows more: the
        // burst that a retransmission releases after a slow-start loss counts as a rate
        // increase, as in Linux 6.1; see doc/tcp-encap.md.)
        NS_TEST_ASSERT_MSG_GT(b.goodputMbps, 9, "fills the link");
        NS_TEST_ASSERT_MSG_GT(MaxOf(b.sndBuf), 87040U, "grows with cwnd");
        NS_TEST_ASSERT_MSG_LT_OR_EQ(MaxOf(b.sndBuf), 4 * 87040U, "2 x cwnd: at most 40 segments");
        NS_TEST_ASSERT_MSG_LT_OR_EQ(MaxOf(b.rcvBuf), RMEM_MAX, "tcp_rmem[2] at most");
    }
};

/** The same transfer twice gives the same buffer histories and goodput. */
class TcpBufferAutotuningDeterminismTest : public TestCase
{
  public:
    TcpBufferAutotuningDeterminismTest()
        : TestCase("determinism")
    {
    }

  private:
    void
    DoRun() override
    {
        BulkResult a = BulkTransfer(SMALL_BDP, true, false).Run(Seconds(2), Seconds(1));
        BulkResult b = BulkTransfer(SMALL_BDP, true, false).Run(Seconds(2), Seconds(1));
        NS_TEST_ASSERT_MSG_EQ((a.sndBuf == b.sndBuf), true, "send buffer history");
        NS_TEST_ASSERT_MSG_EQ((a.rcvBuf == b.rcvBuf), true, "receive buffer history");
        NS_TEST_ASSERT_MSG_EQ(a.goodputMbps, b.goodputMbps, "goodput");
    }
};

/** The suite. */
class TcpBufferAutotuningTestSuite : public TestSuite
{
  public:
    TcpBufferAutotuningTestSuite()
        : TestSuite("tcp-encap-tcp-buffer-autotuning", Type::UNIT)
    {
        AddTestCase(new TcpBufferAutotuningFormulaTest(), TestCase::Duration::QUICK);
        AddTestCase(new TcpBufferAutotuningLargeBdpTest(true), TestCase::Duration::QUICK);
        AddTestCase(new TcpBufferAutotuningLargeBdpTest(false), TestCase::Duration::QUICK);
        AddTestCase(new TcpBufferAutotuningSmallBdpTest(), TestCase::Duration::QUICK);
        AddTestCase(new TcpBufferAutotuningDeterminismTest(), TestCase::Duration::QUICK);
    }
};

TcpBufferAutotuningTestSuite g_tcpBufferAutotuningTestSuite; //!< registers the suite

} // namespace
