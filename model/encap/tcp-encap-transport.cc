/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-encap-transport.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/non-esp-marker.h"
#include "ns3/object-factory.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/tcp-buffer-autotuning.h"
#include "ns3/tcp-cubic.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/type-id.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpEncapTransport");

NS_OBJECT_ENSURE_REGISTERED(TcpEncapTransport);

namespace
{

/**
 * \param sndBufSize the transport's SndBufSize (0: auto)
 * \param rcvBufSize its RcvBufSize (0: auto)
 * \return a tuner for the directions left to autotuning, or nullptr if both are fixed
 */
Ptr<TcpBufferAutotuning>
NewBufferAutotuning(uint32_t sndBufSize, uint32_t rcvBufSize)
{
    if (sndBufSize > 0 && rcvBufSize > 0)
    {
        return nullptr;
    }
    Ptr<TcpBufferAutotuning> tuner = CreateObject<TcpBufferAutotuning>();
    tuner->SetAttribute("TuneSend", BooleanValue(sndBufSize == 0));
    tuner->SetAttribute("TuneReceive", BooleanValue(rcvBufSize == 0));
    return tuner;
}

/** \param a an address \return "a.b.c.d:port" when it is one, for logs */
std::string
Describe(const Address& a)
{
    if (!InetSocketAddress::IsMatchingType(a))
    {
        return "(no address)";
    }
    InetSocketAddress inet = InetSocketAddress::ConvertFrom(a);
    std::ostringstream os;
    os << inet.GetIpv4() << ":" << inet.GetPort();
    return os.str();
}

} // namespace

namespace
{
/**
 * \param conn a connection, or nullptr
 * \param[out] local this side's address and port on it
 * \param[out] peer the peer's
 * \return whether it is open and both are known
 */
bool
ConnectionPath(Ptr<TcpEncapConnection> conn, InetSocketAddress& local, InetSocketAddress& peer)
{
    Address localAddress;
    Address peerAddress;
    if (!conn || conn->GetState() != TcpEncapConnection::OPEN || !conn->GetSocket()
        || conn->GetSocket()->GetSockName(localAddress) != 0
        || conn->GetSocket()->GetPeerName(peerAddress) != 0
        || !InetSocketAddress::IsMatchingType(localAddress)
        || !InetSocketAddress::IsMatchingType(peerAddress))
    {
        return false;
    }
    local = InetSocketAddress::ConvertFrom(localAddress);
    peer = InetSocketAddress::ConvertFrom(peerAddress);
    return true;
}
} // namespace

TypeId
TcpEncapTransport::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::TcpEncapTransport")
              .SetParent<EncapTransport>()
              .SetGroupName("TcpEncap")
              .AddConstructor<TcpEncapTransport>()
              .AddAttribute("LocalPort",
                            "Responder: TCP port to listen on (RFC 9329 §4: 4500 must be "
                            "supported; other ports, e.g. 443, by configuration). 0: the "
                            "mode's default, 4500 over TCP, 443 over TLS (Appendix A).",
                            UintegerValue(0),
                            MakeUintegerAccessor(&TcpEncapTransport::m_localPort),
                            MakeUintegerChecker<uint16_t>())
              .AddAttribute("PeerAddress",
                            "Initiator: outer IPv4 address of the responder.",
                            Ipv4AddressValue(),
                            MakeIpv4AddressAccessor(&TcpEncapTransport::m_peerAddress),
                            MakeIpv4AddressChecker())
              .AddAttribute("PeerPort",
                            "Initiator: TCP port of the responder. 0: the mode's default, "
                            "4500 over TCP, 443 over TLS.",
                            UintegerValue(0),
                            MakeUintegerAccessor(&TcpEncapTransport::m_peerPort),
                            MakeUintegerChecker<uint16_t>())
              .AddAttribute(
                  "Framing",
                  "Stream framing: rfc9329 (16-bit Length, RFC 9329 §3) or draft-03 "
                  "(32-bit Length, as on the draft-03 slides). Both ends must agree.",
                  EnumValue(FRAMING_RFC9329),
                  MakeEnumAccessor<FramingVariant>(&TcpEncapTransport::m_framing),
                  MakeEnumChecker(FRAMING_RFC9329, "rfc9329", FRAMING_DRAFT03, "draft-03"))
              .AddAttribute("MaxFrameLength",
                            "Largest Length field accepted or sent, bytes; a larger received "
                            "Length closes the connection.",
                            UintegerValue(65535),
                            MakeUintegerAccessor(&TcpEncapTransport::m_maxFrameLength),
                            MakeUintegerChecker<uint32_t>(16))
              .AddAttribute("MaxEspSize",
                            "Largest ESP packet per frame, bytes; it sets the tunnel MTU. The "
                            "default gives the same inner MTU as ESP-in-UDP on a 1500-byte "
                            "path (1472 bytes of ESP), so that modes compare like for like; "
                            "such a frame is longer than one outer segment and leaves as two. "
                            "0: the largest ESP packet whose frame (Length field and, over "
                            "TLS, record overhead) fills one outer segment of SegmentSize. "
                            "Otherwise at least 64.",
                            UintegerValue(1472),
                            MakeUintegerAccessor(&TcpEncapTransport::m_maxEspSize),
                            MakeUintegerChecker<uint32_t>(0, 65000))
              .AddAttribute("QueueType",
                            "Class of the tunnel queue between tun and socket, a subclass of "
                            "ns3::EncapTxQueue (ns3::LinuxEncapTxQueue, ns3::FifoEncapTxQueue "
                            "or your own). ns3::EncapTxQueue itself, the default, means the "
                            "class QueuePolicy names.",
                            TypeIdValue(EncapTxQueue::GetTypeId()),
                            MakeTypeIdAccessor(&TcpEncapTransport::m_queueType),
                            MakeTypeIdChecker())
              .AddAttribute(
                  "QueuePolicy",
                  "Tunnel queue between tun and socket, when QueueType does not name a "
                  "class: linux (ns3::LinuxEncapTxQueue: hold one frame the socket could "
                  "not take, drop the others, as espintcp) or fifo (ns3::FifoEncapTxQueue: "
                  "queue up to QueueMaxPackets / QueueMaxBytes).",
                  EnumValue(EncapTxQueue::LINUX),
                  MakeEnumAccessor<EncapTxQueue::Policy>(&TcpEncapTransport::m_queuePolicy),
                  MakeEnumChecker(EncapTxQueue::LINUX, "linux", EncapTxQueue::FIFO, "fifo"))
              .AddAttribute("QueueMaxPackets",
                            "fifo policy: most frames waiting (0: no bound; Linux's "
                            "netdev_max_backlog is 1000).",
                            UintegerValue(1000),
                            MakeUintegerAccessor(&TcpEncapTransport::m_queueMaxPackets),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("QueueMaxBytes",
                            "fifo policy: most bytes waiting (0: no bound).",
                            UintegerValue(0),
                            MakeUintegerAccessor(&TcpEncapTransport::m_queueMaxBytes),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("TxQueue",
                            "The tunnel queue (made at construction and again at Start if "
                            "QueueType or QueuePolicy changed): its trace sources Enqueue, "
                            "Dequeue, Drop, PacketsInQueue and BytesInQueue are the backlog "
                            "in front of the outer connection.",
                            TypeId::ATTR_GET,
                            PointerValue(),
                            MakePointerAccessor(&TcpEncapTransport::m_queue),
                            MakePointerChecker<EncapTxQueue>())
              .AddAttribute("CongestionControl",
                            "Congestion control of the outer connection (Linux: Cubic).",
                            TypeIdValue(TcpCubic::GetTypeId()),
                            MakeTypeIdAccessor(&TcpEncapTransport::m_congestionControl),
                            MakeTypeIdChecker())
              .AddAttribute("SegmentSize",
                            "Outer TCP MSS, bytes (1500 - 20 - 20 - 12 for timestamps).",
                            UintegerValue(1448),
                            MakeUintegerAccessor(&TcpEncapTransport::m_segmentSize),
                            MakeUintegerChecker<uint32_t>(64))
              .AddAttribute("InitialCwnd",
                            "Outer initial congestion window, segments.",
                            UintegerValue(10),
                            MakeUintegerAccessor(&TcpEncapTransport::m_initialCwnd),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("SndBufSize",
                            "Outer send buffer, payload bytes: with the receive buffer, the "
                            "window limit of the outer connection, and the tunnel's queue. 0: "
                            "sized as Linux autotunes it (TcpBufferAutotuning, with its "
                            "attributes' defaults); a number fixes it, as setsockopt SO_SNDBUF "
                            "does on Linux.",
                            UintegerValue(0),
                            MakeUintegerAccessor(&TcpEncapTransport::m_sndBufSize),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("RcvBufSize",
                            "Outer receive buffer, payload bytes (the most the connection "
                            "advertises). 0: Linux's autotuning (dynamic right-sizing); a "
                            "number fixes it, as SO_RCVBUF does.",
                            UintegerValue(0),
                            MakeUintegerAccessor(&TcpEncapTransport::m_rcvBufSize),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("MinRto",
                            "Outer minimum retransmission timeout (Linux: 200 ms; ns-3's "
                            "own default is 1 s).",
                            TimeValue(MilliSeconds(200)),
                            MakeTimeAccessor(&TcpEncapTransport::m_minRto),
                            MakeTimeChecker(Time(0)))
              .AddAttribute("DelAckTimeout",
                            "Outer delayed-ACK timeout (Linux's minimum: 40 ms). ns-3's default "
                            "of 200 ms with a 200 ms minimum RTO makes a window of one segment "
                            "time out again and again after every loss.",
                            TimeValue(MilliSeconds(40)),
                            MakeTimeAccessor(&TcpEncapTransport::m_delAckTimeout),
                            MakeTimeChecker(Time(0)))
              .AddAttribute("NoDelay",
                            "Disable Nagle on the outer connection (TCP_NODELAY): small frames "
                            "such as inner ACKs are not held back.",
                            BooleanValue(true),
                            MakeBooleanAccessor(&TcpEncapTransport::m_noDelay),
                            MakeBooleanChecker())
              .AddAttribute("ReconnectDelay",
                            "Initiator: wait before the first reconnection; doubles with each "
                            "failed attempt.",
                            TimeValue(MilliSeconds(100)),
                            MakeTimeAccessor(&TcpEncapTransport::m_reconnectDelay),
                            MakeTimeChecker(Time(0)))
              .AddAttribute("ReconnectMaxDelay",
                            "Initiator: cap of the reconnection backoff.",
                            TimeValue(Seconds(10)),
                            MakeTimeAccessor(&TcpEncapTransport::m_reconnectMaxDelay),
                            MakeTimeChecker(Time(0)))
              .AddAttribute("ProgressTimeout",
                            "Close a connection that has unacknowledged data and has received "
                            "nothing (no bytes, no acknowledgement) for this long; 0: never.",
                            TimeValue(Time(0)),
                            MakeTimeAccessor(&TcpEncapTransport::m_progressTimeout),
                            MakeTimeChecker(Time(0)))
              .AddAttribute("MaxInvalidMessages",
                            "Unparseable messages or unknown SPIs tolerated on one connection "
                            "before it is closed (RFC 9329 §6.1); one alone never closes it.",
                            UintegerValue(16),
                            MakeUintegerAccessor(&TcpEncapTransport::m_maxInvalid),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute(
                  "IdleConnectionTimeout",
                  "Responder with IKE: close a connection that has carried no IKE SA for this "
                  "long, counted from its acceptance or from the deletion of the IKE SA it "
                  "carried (RFC 9329 §6.1: the originator closes a connection it no longer "
                  "needs; the responder cleans up those left behind). The default, 30 s, is "
                  "strongSwan's half-open IKE SA timeout (charon.half_open_timeout): an IKE "
                  "SA not established by then never will be. 0: never.",
                  TimeValue(Seconds(30)),
                  MakeTimeAccessor(&TcpEncapTransport::m_idleTimeout),
                  MakeTimeChecker(Time(0)))
              .AddTraceSource("ConnectionOpened",
                              "A connection reached OPEN (prefix sent or received).",
                              MakeTraceSourceAccessor(&TcpEncapTransport::m_openedTrace),
                              "ns3::TcpEncapTransport::ConnectionOpenedTracedCallback")
              .AddTraceSource("ConnectionClosed",
                              "A connection ended; the reason is a "
                              "TcpEncapConnection::CloseReason.",
                              MakeTraceSourceAccessor(&TcpEncapTransport::m_closedTrace),
                              "ns3::TcpEncapTransport::ConnectionClosedTracedCallback")
              .AddTraceSource("Outage",
                              "Initiator: time from the last frame on a lost connection to the "
                              "first frame on the next.",
                              MakeTraceSourceAccessor(&TcpEncapTransport::m_outageTrace),
                              "ns3::TcpEncapTransport::OutageTracedCallback")
              .AddTraceSource("ConnectionState",
                              "A connection's State changed (the TcpEncapConnection trace "
                              "source State, for every connection of this transport).",
                              MakeTraceSourceAccessor(&TcpEncapTransport::m_connectionStateTrace),
                              "ns3::TcpEncapTransport::ConnectionStateTracedCallback");
    return tid;
}

TcpEncapTransport::TcpEncapTransport()
    : m_started(false)
    , m_outagePending(false)
{
    NS_LOG_FUNCTION(this);
    m_writeToActive = MakeCallback(&TcpEncapTransport::WriteToActive, this);
}

TcpEncapTransport::~TcpEncapTransport() = default;

void
TcpEncapTransport::NotifyConstructionCompleted()
{
    NS_LOG_FUNCTION(this);
    EncapTransport::NotifyConstructionCompleted();
    SetUpQueue(); // there from the start, for whoever connects to its trace sources
}

TypeId
TcpEncapTransport::GetQueueTypeId() const
{
    if (m_queueType == EncapTxQueue::GetTypeId())
    {
        return EncapTxQueue::GetPolicyTypeId(m_queuePolicy);
    }
    return m_queueType;
}

void
TcpEncapTransport::SetUpQueue()
{
    NS_LOG_FUNCTION(this);
    if (!m_queue || m_queue->GetInstanceTypeId() != GetQueueTypeId())
    {
        if (m_queue)
        {
            m_queue->Dispose();
        }
        m_queue = NewQueue();
    }
    SizeQueue(m_queue);
}

Ptr<EncapTxQueue>
TcpEncapTransport::NewQueue() const
{
    TypeId type = GetQueueTypeId();
    NS_ABORT_MSG_UNLESS(type.IsChildOf(EncapTxQueue::GetTypeId()) && type.HasConstructor(),
                        "TcpEncapTransport::QueueType " << type.GetName()
                                                        << " is not an EncapTxQueue");
    NS_LOG_LOGIC("tunnel queue: " << type.GetName());
    ObjectFactory factory;
    factory.SetTypeId(type);
    Ptr<EncapTxQueue> queue = factory.Create<EncapTxQueue>();
    SizeQueue(queue);
    return queue;
}

void
TcpEncapTransport::SizeQueue(Ptr<EncapTxQueue> queue) const
{
    // QueueMaxPackets and QueueMaxBytes are both bounds (0: none): MaxSize holds the packet
    // bound if any, else the byte bound; a byte bound besides a packet bound goes to MaxBytes.
    if (m_queueMaxPackets > 0)
    {
        queue->SetMaxSize(QueueSize(QueueSizeUnit::PACKETS, m_queueMaxPackets));
        queue->SetAttributeFailSafe("MaxBytes", UintegerValue(m_queueMaxBytes));
    }
    else
    {
        queue->SetMaxSize(QueueSize(QueueSizeUnit::BYTES, m_queueMaxBytes));
        queue->SetAttributeFailSafe("MaxBytes", UintegerValue(0));
    }
}

void
TcpEncapTransport::DoDispose()
{
    NS_LOG_FUNCTION(this);
    // The node's stack is being torn down too: let go of sockets without closing them (a FIN
    // now would go through a disposed IP layer).
    m_started = false;
    m_reconnectEvent.Cancel();
    m_progressEvent.Cancel();
    CancelIdleChecks();
    if (m_listener)
    {
        m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                      MakeNullCallback<void, Ptr<Socket>, const Address&>());
        m_listener = nullptr;
    }
    for (auto& conn : m_connections)
    {
        conn->Abandon();
    }
    m_connections.clear();
    m_peers.clear();
    m_inUse = MakeNullCallback<bool, const Address&>();
    m_active = nullptr;
    m_queue->Clear();
    m_queue->Dispose();
    m_writeToActive = MakeNullCallback<void, Ptr<Packet>>();
    m_node = nullptr;
    EncapTransport::DoDispose();
}

std::string
TcpEncapTransport::GetName() const
{
    return "tcp";
}

bool
TcpEncapTransport::IsStream() const
{
    return true;
}

bool
TcpEncapTransport::GetPath(InetSocketAddress& local, InetSocketAddress& peer) const
{
    return ConnectionPath(m_active, local, peer);
}
uint16_t
TcpEncapTransport::GetDefaultPort() const
{
    return IKE_NAT_T_PORT;
}

Ptr<TcpEncapConnection>
TcpEncapTransport::CreateConnection(Ptr<Socket> socket, bool originator)
{
    NS_LOG_FUNCTION(this << socket << originator);
    return CreateObject<TcpEncapConnection>(socket, originator, m_framing, m_maxFrameLength);
}

uint32_t
TcpEncapTransport::GetMaxEspSize() const
{
    NS_ABORT_MSG_IF(m_maxEspSize > 0 && m_maxEspSize < 64,
                    "TcpEncapTransport::MaxEspSize must be 0 (fit one segment) or at least 64, not "
                        << m_maxEspSize);
    uint32_t framing = GetLengthFieldSize(m_framing);
    uint32_t size = m_maxEspSize;
    if (size == 0)
    {
        uint32_t perFrame = framing + GetRecordOverhead();
        NS_ABORT_MSG_IF(m_segmentSize < perFrame + 64,
                        "TcpEncapTransport: SegmentSize " << m_segmentSize
                                                          << " leaves no room for an ESP packet");
        size = m_segmentSize - perFrame;
    }
    return std::min(size, m_maxFrameLength - framing);
}

uint32_t
TcpEncapTransport::GetRecordOverhead() const
{
    return 0;
}

Ptr<Socket>
TcpEncapTransport::CreateOuterSocket()
{
    NS_LOG_FUNCTION(this);
    Ptr<TcpL4Protocol> tcp = m_node->GetObject<TcpL4Protocol>();
    NS_ABORT_MSG_IF(!tcp, "node " << m_node->GetId() << " has no TCP for TCP encapsulation");
    Ptr<Socket> socket = tcp->CreateSocket(m_congestionControl);
    socket->SetAttribute("SegmentSize", UintegerValue(m_segmentSize));
    socket->SetAttribute("InitialCwnd", UintegerValue(m_initialCwnd));
    // Fixed sizes here; 0 (auto) is left to a TcpBufferAutotuning (NewBufferAutotuning).
    if (m_sndBufSize > 0)
    {
        socket->SetAttribute("SndBufSize", UintegerValue(m_sndBufSize));
    }
    if (m_rcvBufSize > 0)
    {
        socket->SetAttribute("RcvBufSize", UintegerValue(m_rcvBufSize));
    }
    socket->SetAttribute("MinRto", TimeValue(m_minRto));
    socket->SetAttribute("TcpNoDelay", BooleanValue(m_noDelay));
    socket->SetAttribute("DelAckTimeout", TimeValue(m_delAckTimeout));
    return socket;
}

void
TcpEncapTransport::Start(Ptr<Node> node)
{
    NS_LOG_FUNCTION(this << node);
    if (m_started)
    {
        return;
    }
    NS_ABORT_MSG_IF(m_maxFrameLength > 65535 && m_framing == FRAMING_RFC9329,
                    "MaxFrameLength above 65535 needs draft-03 framing");
    m_node = node;
    m_started = true;
    SetUpQueue();
    m_backoff = m_reconnectDelay;
    m_lastFrameRx = Simulator::Now();
    if (GetRole() == INITIATOR)
    {
        OpenConnection();
    }
    else
    {
        uint16_t port = m_localPort ? m_localPort : GetDefaultPort();
        m_listener = CreateOuterSocket();
        if (Ptr<TcpBufferAutotuning> tuner = NewBufferAutotuning(m_sndBufSize, m_rcvBufSize))
        {
            tuner->PrepareListener(m_listener); // window scale of the accepted connections
        }
        int rc = m_listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
        NS_ABORT_MSG_IF(rc != 0,
                        "node " << node->GetId() << ": cannot listen on TCP port " << port);
        m_listener->Listen();
        m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                      MakeCallback(&TcpEncapTransport::HandleAccept, this));
    }
    if (m_progressTimeout.IsStrictlyPositive())
    {
        m_progressEvent
            = Simulator::Schedule(m_progressTimeout / 4, &TcpEncapTransport::CheckProgress, this);
    }
}

void
TcpEncapTransport::Stop()
{
    NS_LOG_FUNCTION(this);
    StopWith(TcpEncapConnection::LOCAL_CLOSE);
}

void
TcpEncapTransport::StopWith(TcpEncapConnection::CloseReason reason)
{
    NS_LOG_FUNCTION(this << TcpEncapConnection::ToString(reason));
    if (!m_started)
    {
        return;
    }
    m_started = false;
    m_reconnectEvent.Cancel();
    m_progressEvent.Cancel();
    CancelIdleChecks();
    if (m_listener)
    {
        m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                      MakeNullCallback<void, Ptr<Socket>, const Address&>());
        m_listener->Close();
        m_listener = nullptr;
    }
    CloseAll(reason);
    m_peers.clear(); // each closed already (HandleClosed); nothing else refers to them
    m_peerPathUp = false;
    m_queue->Clear();
}

void
TcpEncapTransport::NotifyIkeSa(IkeSaPresence presence)
{
    NS_LOG_FUNCTION(this << static_cast<int>(presence));
    m_ikeManaged = true;
    m_ikeSaUp = presence == IkeSaPresence::UP;
    if (presence != IkeSaPresence::GONE)
    {
        return;
    }
    if (GetRole() == INITIATOR)
    {
        // RFC 9329 §6.1: the originator closes the connection when no IKE SA uses it any
        // more (a FIN, after what is already written, e.g. the answer to a DELETE).
        NS_LOG_INFO("the IKE SA is gone: closing the connection");
        StopWith(TcpEncapConnection::SA_DELETED);
        return;
    }
    // The originator should close them; whatever it leaves open goes after the timeout.
    for (const auto& conn : m_connections)
    {
        ScheduleIdleCheck(conn);
    }
}

void
TcpEncapTransport::ScheduleIdleCheck(Ptr<TcpEncapConnection> conn)
{
    if (m_ikeManaged && m_idleTimeout.IsStrictlyPositive() && GetRole() == RESPONDER)
    {
        std::erase_if(m_idleEvents,
                      [](const EventId& e)
                      {
                          return !e.IsPending();
                      });
        m_idleEvents.push_back(
            Simulator::Schedule(m_idleTimeout, &TcpEncapTransport::CheckIdle, this, conn));
    }
}

void
TcpEncapTransport::CancelIdleChecks()
{
    for (EventId& e : m_idleEvents)
    {
        e.Cancel();
    }
    m_idleEvents.clear();
}

void
TcpEncapTransport::CheckIdle(Ptr<TcpEncapConnection> conn)
{
    NS_LOG_FUNCTION(this << conn);
    if (!m_inUse.IsNull() && m_started && conn->GetState() != TcpEncapConnection::CLOSED
        && m_inUse(conn->GetPeer()))
    {
        ScheduleIdleCheck(conn); // many peers: look again after another timeout
        return;
    }
    if (!m_started || conn->GetState() == TcpEncapConnection::CLOSED
        || (m_ikeSaUp && conn == m_active))
    {
        return; // gone already, or it carries the IKE SA (checked again when that goes)
    }
    NS_LOG_INFO("no IKE SA on connection " << Describe(conn->GetPeer()) << " for "
                                           << m_idleTimeout.As(Time::S) << ": closing it");
    conn->Close(TcpEncapConnection::IDLE);
}

void
TcpEncapTransport::CloseConnections()
{
    NS_LOG_FUNCTION(this);
    CloseAll(TcpEncapConnection::LOCAL_CLOSE);
}

void
TcpEncapTransport::CloseAll(TcpEncapConnection::CloseReason reason)
{
    NS_LOG_FUNCTION(this << TcpEncapConnection::ToString(reason));
    // Copy: closing calls back into HandleClosed, which edits the list.
    std::vector<Ptr<TcpEncapConnection>> all = m_connections;
    for (auto& conn : all)
    {
        conn->Close(reason);
    }
}

void
TcpEncapTransport::OpenConnection()
{
    NS_LOG_FUNCTION(this);
    if (!m_started)
    {
        return;
    }
    Ptr<Socket> socket = CreateOuterSocket();
    if (Ptr<TcpBufferAutotuning> tuner = NewBufferAutotuning(m_sndBufSize, m_rcvBufSize))
    {
        tuner->AttachBeforeConnect(socket); // lives with the socket
    }
    socket->Bind();
    Ptr<TcpEncapConnection> conn = CreateConnection(socket, true);
    Adopt(conn);
    m_active = conn;
    NS_LOG_INFO("opening a connection to " << m_peerAddress << ":"
                                           << (m_peerPort ? m_peerPort : GetDefaultPort()));
    conn->Connect(InetSocketAddress(m_peerAddress, m_peerPort ? m_peerPort : GetDefaultPort()));
}

void
TcpEncapTransport::ScheduleReconnect()
{
    NS_LOG_FUNCTION(this);
    if (!m_started || m_reconnectEvent.IsPending())
    {
        return;
    }
    Time delay = m_backoff;
    m_backoff = std::min(m_backoff * 2, m_reconnectMaxDelay);
    NS_LOG_INFO("reconnecting in " << delay.As(Time::MS));
    m_reconnectEvent = Simulator::Schedule(delay, &TcpEncapTransport::Reconnect, this);
}

void
TcpEncapTransport::Reconnect()
{
    NS_LOG_FUNCTION(this);
    ++m_reconnects;
    OpenConnection();
}

void
TcpEncapTransport::HandleAccept(Ptr<Socket> socket, const Address& /* from */)
{
    NS_LOG_FUNCTION(this << socket);
    if (Ptr<TcpBufferAutotuning> tuner = NewBufferAutotuning(m_sndBufSize, m_rcvBufSize))
    {
        tuner->AttachAccepted(socket);
    }
    Ptr<TcpEncapConnection> conn = CreateConnection(socket, false);
    NS_LOG_INFO("accepted a connection from " << Describe(conn->GetPeer()));
    Adopt(conn);
    ScheduleIdleCheck(conn);
}

void
TcpEncapTransport::Adopt(Ptr<TcpEncapConnection> conn)
{
    NS_LOG_FUNCTION(this << conn);
    conn->SetCallbacks(MakeCallback(&TcpEncapTransport::HandleOpen, this),
                       MakeCallback(&TcpEncapTransport::HandleMessage, this),
                       MakeCallback(&TcpEncapTransport::HandleSendSpace, this),
                       MakeCallback(&TcpEncapTransport::HandleClosed, this));
    conn->TraceConnectWithoutContext(
        "State",
        MakeCallback(&TcpEncapTransport::HandleConnectionState, this).Bind(PeekPointer(conn)));
    m_connections.push_back(conn);
    if (!m_inUse.IsNull())
    {
        PeerStream peer;
        peer.conn = conn;
        peer.queue = NewQueue();
        peer.write = MakeCallback(&TcpEncapConnection::Write, PeekPointer(conn));
        m_peers[PeerKey(conn->GetPeer())] = peer;
    }
}

void
TcpEncapTransport::HandleConnectionState(TcpEncapConnection* conn,
                                         TcpEncapConnection::State oldState,
                                         TcpEncapConnection::State newState)
{
    m_connectionStateTrace(conn->GetPeer(), oldState, newState);
}

Ptr<TcpEncapConnection>
TcpEncapTransport::Find(const Address& from) const
{
    if (!m_inUse.IsNull())
    {
        auto it = m_peers.find(PeerKey(from));
        return it == m_peers.end() ? nullptr : it->second.conn;
    }
    for (const auto& conn : m_connections)
    {
        if (conn->GetPeer() == from)
        {
            return conn;
        }
    }
    return nullptr;
}

void
TcpEncapTransport::HandleOpen(TcpEncapConnection* conn)
{
    NS_LOG_FUNCTION(this);
    ++m_opened;
    if (conn->GetState() == TcpEncapConnection::OPEN && GetRole() == INITIATOR)
    {
        m_framingBytes += IKETCP_PREFIX.size();
    }
    m_openedTrace(conn->GetPeer());
    if (!m_inUse.IsNull())
    {
        NS_LOG_INFO("connection " << Describe(conn->GetPeer()) << " open");
        return; // many peers: written through SendTo once a client's message came on it
    }
    NS_LOG_INFO("connection " << Describe(conn->GetPeer()) << " open; " << m_queue->GetPackets()
                              << " frames waiting");
    if (!m_active)
    {
        NS_LOG_LOGIC("no active connection: sending on this one");
        m_active = conn; // responder: until ESP confirms a connection, use the newest
    }
    Drain();
    if (GetRole() == INITIATOR && conn == PeekPointer(m_active)
        && conn->GetState() == TcpEncapConnection::OPEN)
    {
        NotifyPathUp();
    }
}

void
TcpEncapTransport::HandleMessage(TcpEncapConnection* conn, const uint8_t* data, uint32_t size)
{
    NS_LOG_FUNCTION(this << size);
    ++m_framesRx;
    Time now = Simulator::Now();
    if (m_outagePending)
    {
        m_outagePending = false;
        Time outage = now - m_outageStart;
        NS_LOG_INFO("first frame after the loss: outage " << outage.As(Time::MS));
        m_outages.push_back(outage);
        m_outageTrace(outage);
    }
    m_lastFrameRx = now;
    m_backoff = m_reconnectDelay; // this connection works: start backoff afresh next time
    if (!m_active && GetRole() == RESPONDER && m_inUse.IsNull())
    {
        m_active = conn;
    }
    Deliver(data, size, conn->GetPeer());
}

void
TcpEncapTransport::HandleSendSpace(TcpEncapConnection* conn)
{
    NS_LOG_FUNCTION(this);
    if (!m_inUse.IsNull())
    {
        auto it = m_peers.find(PeerKey(conn->GetPeer()));
        if (it != m_peers.end() && it->second.conn == conn)
        {
            DrainPeer(it->second);
        }
        return;
    }
    if (conn == PeekPointer(m_active))
    {
        Drain();
    }
}

void
TcpEncapTransport::KeepTcpCounts(const TcpEncapConnection* conn)
{
    NS_LOG_FUNCTION(this);
    m_pastRetransmissions += conn->GetRetransmissions();
    m_pastTimeouts += conn->GetTimeouts();
}

void
TcpEncapTransport::HandleClosed(TcpEncapConnection* conn, TcpEncapConnection::CloseReason reason)
{
    NS_LOG_FUNCTION(this);
    Ptr<TcpEncapConnection> keep(conn); // alive until we return
    ++m_closed[reason];
    m_closedTrace(conn->GetPeer(), reason);
    KeepTcpCounts(conn);
    m_connections.erase(std::remove(m_connections.begin(), m_connections.end(), keep),
                        m_connections.end());
    auto peer = m_peers.find(PeerKey(conn->GetPeer()));
    if (peer != m_peers.end() && peer->second.conn == keep)
    {
        m_pastPeerDrops += peer->second.queue->GetDrops() + peer->second.queue->GetPartialDrops()
                           + (peer->second.queue->DropPartial() ? 1 : 0);
        m_peers.erase(peer);
    }
    if (conn != PeekPointer(m_active))
    {
        NS_LOG_LOGIC("an inactive connection ended: " << TcpEncapConnection::ToString(reason));
        return;
    }
    NS_LOG_INFO("the active connection ended: " << TcpEncapConnection::ToString(reason) << "; "
                                                << m_queue->GetPackets() << " frames waiting");
    m_active = nullptr;
    m_queue->DropPartial(); // its remainder means nothing on another connection
    if (GetRole() == RESPONDER && m_peerPathUp)
    {
        m_peerPathUp = false;
        NotifyPathDown(); // up again when the initiator shows up on a connection (ConfirmPeer)
    }
    if (GetRole() == INITIATOR)
    {
        NotifyPathDown();
        if (!m_outagePending && m_started)
        {
            m_outagePending = true;
            m_outageStart = m_lastFrameRx;
        }
        ScheduleReconnect();
        return;
    }
    for (auto it = m_connections.rbegin(); it != m_connections.rend(); ++it)
    {
        if ((*it)->GetState() == TcpEncapConnection::OPEN)
        {
            NS_LOG_LOGIC("sending on the newest open connection, " << Describe((*it)->GetPeer()));
            m_active = *it;
            break;
        }
    }
}

void
TcpEncapTransport::ConfirmPeer(const Address& from)
{
    NS_LOG_FUNCTION(this << from);
    if (GetRole() != RESPONDER || !m_inUse.IsNull())
    {
        return; // many peers: each client's GatewayClientTransport follows it
    }
    if (m_active && m_active->GetPeer() == from)
    {
        ConfirmPath();
        return;
    }
    Ptr<TcpEncapConnection> conn = Find(from);
    if (!conn)
    {
        return;
    }
    // RFC 9329 §6: valid traffic on a new connection retires the old one.
    NS_LOG_INFO("peer moved to connection from " << Describe(from));
    if (m_peerPathUp)
    {
        m_peerPathUp = false;
        NotifyPathDown(); // what was sent on the old connection may be lost with it
    }
    m_queue->DropPartial();
    m_active = conn;
    std::vector<Ptr<TcpEncapConnection>> others;
    for (const auto& c : m_connections)
    {
        if (c != conn)
        {
            others.push_back(c);
        }
    }
    for (auto& c : others)
    {
        c->Close(TcpEncapConnection::RETIRED);
    }
    Drain();
    ConfirmPath();
}

void
TcpEncapTransport::ConfirmPath()
{
    NS_LOG_FUNCTION(this);
    if (m_peerPathUp || !m_active || m_active->GetState() != TcpEncapConnection::OPEN)
    {
        return;
    }
    // Responder: the initiator is known to be on this connection now (RFC 9329 §6.2: IKE
    // resends an outstanding request of its own here).
    m_peerPathUp = true;
    NotifyPathUp();
}

void
TcpEncapTransport::ReportInvalid(const Address& from, EspStatus reason)
{
    NS_LOG_FUNCTION(this << from);
    Ptr<TcpEncapConnection> conn = Find(from);
    if (!conn)
    {
        return;
    }
    if (reason == EspStatus::ICV_FAILURE)
    {
        // A known SPI failing its ICV on a reliable stream: desynchronised or forged.
        NS_LOG_WARN("ICV failure on connection " << Describe(from) << ": closing it");
        conn->Close(TcpEncapConnection::ICV_FAILURE);
    }
    else if (reason == EspStatus::UNKNOWN_SPI || reason == EspStatus::MALFORMED)
    {
        if (conn->CountInvalid() > m_maxInvalid)
        {
            NS_LOG_WARN("more than " << m_maxInvalid << " unusable messages on " << Describe(from)
                                     << ": closing it");
            conn->Close(TcpEncapConnection::TOO_MANY_INVALID);
        }
    }
}

bool
TcpEncapTransport::SendEsp(Ptr<Packet> esp)
{
    NS_LOG_FUNCTION(this << esp);
    return SendMessage(esp, EncapMessageKind::ESP);
}

bool
TcpEncapTransport::SendIke(Ptr<Packet> ike)
{
    NS_LOG_FUNCTION(this << ike);
    return SendMessage(ike, EncapMessageKind::IKE);
}

bool
TcpEncapTransport::SendMessage(Ptr<Packet> message, EncapMessageKind kind)
{
    NS_LOG_FUNCTION(this << message);
    if (!m_started)
    {
        NS_LOG_WARN("not started: message dropped");
        return false;
    }
    if (!m_inUse.IsNull())
    {
        NS_LOG_WARN("serving many peers: a message without a peer (SendTo) dropped");
        return false;
    }
    Ptr<Packet> frame = Frame(message, kind);
    if (!frame)
    {
        return false;
    }
    if (!m_queue->Enqueue(frame, kind != EncapMessageKind::IKE))
    {
        NS_LOG_WARN("tunnel queue full: " << (kind == EncapMessageKind::ESP ? "ESP" : "IKE")
                                          << " message of " << message->GetSize()
                                          << " bytes dropped");
        return false;
    }
    CountFrame(kind, message->GetSize(), frame->GetSize()); // Tx: only what the queue took
    Drain();
    return true;
}

Ptr<Packet>
TcpEncapTransport::Frame(Ptr<Packet> message, EncapMessageKind kind)
{
    StreamFrameHeader header(m_framing, kind, message->GetSize());
    if (header.GetLength() > m_maxFrameLength)
    {
        NS_LOG_WARN("a " << message->GetSize() << "-byte message exceeds MaxFrameLength "
                         << m_maxFrameLength << ": dropped");
        ++m_oversize;
        return nullptr;
    }
    Ptr<Packet> frame = message->Copy();
    frame->AddHeader(header);
    return frame;
}

void
TcpEncapTransport::CountFrame(EncapMessageKind kind, uint32_t messageSize, uint32_t frameSize)
{
    NotifySend(kind, messageSize);
    ++m_framesTx;
    m_framingBytes += frameSize - messageSize;
}

void
TcpEncapTransport::Drain()
{
    NS_LOG_FUNCTION(this);
    // One write at a time, asking for room before each: over TLS every write costs a record's
    // overhead besides its bytes.
    Ptr<TcpEncapConnection> conn = m_active;
    while (conn && conn == m_active && conn->GetState() == TcpEncapConnection::OPEN)
    {
        uint32_t available = conn->GetTxAvailable();
        if (available == 0 || m_queue->Drain(available, m_writeToActive, 1) == 0)
        {
            break;
        }
    }
    if (conn && conn->GetState() == TcpEncapConnection::OPEN)
    {
        conn->Flush();
    }
}

void
TcpEncapTransport::ServeManyPeers(Callback<bool, const Address&> inUse)
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(GetRole() != RESPONDER || m_started,
                    "TcpEncapTransport::ServeManyPeers: a responder, before Start");
    m_inUse = inUse;
    m_ikeManaged = true; // connections without an IKE SA close after IdleConnectionTimeout
}

uint32_t
TcpEncapTransport::GetConnectionCount() const
{
    return static_cast<uint32_t>(m_connections.size());
}

uint64_t
TcpEncapTransport::PeerKey(const Address& address)
{
    if (!InetSocketAddress::IsMatchingType(address))
    {
        return UINT64_MAX;
    }
    InetSocketAddress inet = InetSocketAddress::ConvertFrom(address);
    return (uint64_t{inet.GetIpv4().Get()} << 16) | inet.GetPort();
}

bool
TcpEncapTransport::SendTo(Ptr<Packet> message, EncapMessageKind kind, const Address& to)
{
    NS_LOG_FUNCTION(this << message << to);
    auto it = m_peers.find(PeerKey(to));
    if (!m_started || it == m_peers.end())
    {
        NS_LOG_WARN("no connection from " << Describe(to) << ": message dropped");
        return false;
    }
    Ptr<Packet> frame = Frame(message, kind);
    if (!frame)
    {
        return false;
    }
    if (!it->second.queue->Enqueue(frame, kind != EncapMessageKind::IKE))
    {
        NS_LOG_WARN("queue of " << Describe(to) << " full: message of " << message->GetSize()
                                << " bytes dropped");
        return false;
    }
    CountFrame(kind, message->GetSize(), frame->GetSize());
    DrainPeer(it->second);
    return true;
}

void
TcpEncapTransport::DrainPeer(PeerStream peer)
{
    NS_LOG_FUNCTION(this);
    // A copy: a write may end the connection, which removes it from m_peers.
    while (peer.conn->GetState() == TcpEncapConnection::OPEN)
    {
        uint32_t available = peer.conn->GetTxAvailable();
        if (available == 0 || peer.queue->Drain(available, peer.write, 1) == 0)
        {
            break;
        }
    }
    if (peer.conn->GetState() == TcpEncapConnection::OPEN)
    {
        peer.conn->Flush();
    }
}

bool
TcpEncapTransport::GetPathTo(const Address& to,
                             InetSocketAddress& local,
                             InetSocketAddress& peer) const
{
    return ConnectionPath(Find(to), local, peer);
}
void
TcpEncapTransport::WriteToActive(Ptr<Packet> bytes)
{
    NS_LOG_FUNCTION(this << bytes);
    m_active->Write(bytes);
}

void
TcpEncapTransport::CheckProgress()
{
    NS_LOG_FUNCTION(this);
    Time now = Simulator::Now();
    if (m_active && m_active->GetState() == TcpEncapConnection::OPEN
        && m_active->IsStalled(now, m_progressTimeout))
    {
        NS_LOG_INFO("no progress for " << m_progressTimeout.As(Time::S) << ": closing");
        m_active->Close(TcpEncapConnection::NO_PROGRESS);
    }
    m_progressEvent
        = Simulator::Schedule(m_progressTimeout / 4, &TcpEncapTransport::CheckProgress, this);
}

Ptr<TcpEncapConnection>
TcpEncapTransport::GetActiveConnection() const
{
    return m_active;
}

uint64_t
TcpEncapTransport::GetConnectionsOpened() const
{
    return m_opened;
}

uint64_t
TcpEncapTransport::GetConnectionsClosed(TcpEncapConnection::CloseReason reason) const
{
    return m_closed[reason];
}

uint64_t
TcpEncapTransport::GetReconnects() const
{
    return m_reconnects;
}

uint64_t
TcpEncapTransport::GetFramesSent() const
{
    return m_framesTx;
}

uint64_t
TcpEncapTransport::GetFramesReceived() const
{
    return m_framesRx;
}

uint64_t
TcpEncapTransport::GetFramingBytes() const
{
    return m_framingBytes;
}

uint64_t
TcpEncapTransport::GetQueueDrops() const
{
    uint64_t drops = m_queue->GetDrops() + m_queue->GetPartialDrops() + m_pastPeerDrops;
    for (const auto& [key, peer] : m_peers)
    {
        drops += peer.queue->GetDrops() + peer.queue->GetPartialDrops();
    }
    return drops;
}

const EncapTxQueue&
TcpEncapTransport::GetQueue() const
{
    return *m_queue;
}

uint64_t
TcpEncapTransport::GetOuterRetransmissions() const
{
    uint64_t n = m_pastRetransmissions;
    for (const auto& c : m_connections)
    {
        n += c->GetRetransmissions();
    }
    return n;
}

uint64_t
TcpEncapTransport::GetOuterTimeouts() const
{
    uint64_t n = m_pastTimeouts;
    for (const auto& c : m_connections)
    {
        n += c->GetTimeouts();
    }
    return n;
}

const std::vector<Time>&
TcpEncapTransport::GetOutages() const
{
    return m_outages;
}

} // namespace ns3
