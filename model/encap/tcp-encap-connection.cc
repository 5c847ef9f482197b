/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-encap-connection.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-socket-base.h"
#include "ns3/tls-stream.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpEncapConnection");

NS_OBJECT_ENSURE_REGISTERED(TcpEncapConnection);

namespace
{
/** \param a an address \return "a.b.c.d:port" when it is one, for logs */
std::string
Describe(const Address& a)
{
    if (!InetSocketAddress::IsMatchingType(a))
    {
        return "(unknown)";
    }
    InetSocketAddress inet = InetSocketAddress::ConvertFrom(a);
    std::ostringstream os;
    os << inet.GetIpv4() << ":" << inet.GetPort();
    return os.str();
}
} // namespace

TypeId
TcpEncapConnection::GetTypeId()
{
    static TypeId tid = TypeId("ns3::TcpEncapConnection")
                            .SetParent<Object>()
                            .SetGroupName("TcpEncap")
                            .AddTraceSource("State",
                                            "Life of the connection: CONNECTING, TLS_HANDSHAKE, "
                                            "AWAITING_PREFIX, OPEN, CLOSED.",
                                            MakeTraceSourceAccessor(&TcpEncapConnection::m_state),
                                            "ns3::TcpEncapConnection::StateTracedCallback");
    return tid;
}

const char*
TcpEncapConnection::ToString(State state)
{
    switch (state)
    {
        case CONNECTING:
            return "CONNECTING";
        case TLS_HANDSHAKE:
            return "TLS_HANDSHAKE";
        case AWAITING_PREFIX:
            return "AWAITING_PREFIX";
        case OPEN:
            return "OPEN";
        case CLOSED:
            return "CLOSED";
    }
    return "invalid";
}

const char*
TcpEncapConnection::ToString(CloseReason reason)
{
    switch (reason)
    {
        case PEER_FIN:
            return "peer-fin";
        case PEER_RESET:
            return "peer-reset";
        case TCP_TIMEOUT:
            return "tcp-timeout";
        case NO_PREFIX:
            return "no-prefix";
        case BAD_LENGTH:
            return "bad-length";
        case TOO_LONG:
            return "too-long";
        case ICV_FAILURE:
            return "icv-failure";
        case TOO_MANY_INVALID:
            return "too-many-invalid";
        case NO_PROGRESS:
            return "no-progress";
        case RETIRED:
            return "retired";
        case LOCAL_CLOSE:
            return "local-close";
        case TLS_ERROR:
            return "tls-error";
        case SA_DELETED:
            return "sa-deleted";
        case IDLE:
            return "idle";
        case CLOSE_REASON_COUNT:
            break;
    }
    return "invalid";
}

TcpEncapConnection::TcpEncapConnection(Ptr<Socket> socket,
                                       bool originator,
                                       FramingVariant framing,
                                       uint32_t maxLength)
    : m_socket(socket)
    , m_originator(originator)
    , m_state(originator ? CONNECTING : AWAITING_PREFIX)
    , m_deframer(framing, maxLength)
    , m_prefixHave(0)
    , m_rxBuf(4096)
    , m_sawCloseWait(false)
    , m_invalid(0)
    , m_tcpStats(Create<TcpSocketStats>(socket, false))
{
    m_deframer.SetMessageCallback(MakeCallback(&TcpEncapConnection::HandleMessage, this));
    m_socket->SetRecvCallback(MakeCallback(&TcpEncapConnection::HandleRead, this));
    m_socket->SetSendCallback(MakeCallback(&TcpEncapConnection::HandleSend, this));
    m_socket->SetCloseCallbacks(MakeCallback(&TcpEncapConnection::HandleNormalClose, this),
                                MakeCallback(&TcpEncapConnection::HandleErrorClose, this));
    m_socket->TraceConnectWithoutContext("State",
                                         MakeCallback(&TcpEncapConnection::HandleTcpState, this));
    if (!originator)
    {
        m_socket->GetPeerName(m_peer);
    }
    m_socket->TraceConnectWithoutContext("HighestRxAck",
                                         MakeCallback(&TcpEncapConnection::HandleAck, this));
    m_lastRx = Simulator::Now();
    m_lastProgress = m_lastRx;
    NS_LOG_FUNCTION(this << socket << originator << maxLength);
    NS_LOG_INFO((originator ? "originator" : "responder")
                << " connection in " << ToString(m_state.Get())
                << (originator ? "" : std::string(", accepted from ") + Describe(m_peer)));
}

TcpEncapConnection::~TcpEncapConnection()
{
    NS_LOG_FUNCTION(this);
}

void
TcpEncapConnection::SetState(State state)
{
    if (m_state.Get() != state)
    {
        NS_LOG_INFO(Describe(m_peer)
                    << ": " << ToString(m_state.Get()) << " -> " << ToString(state));
    }
    m_state = state;
}

void
TcpEncapConnection::EnableTls(std::unique_ptr<TlsStream> tls, bool coalesce)
{
    NS_LOG_FUNCTION(this << coalesce);
    m_tls = std::move(tls);
    m_coalesce = coalesce;
    m_tls->SetCallbacks(MakeCallback(&TcpEncapConnection::HandleTlsHandshake, this),
                        MakeCallback(&TcpEncapConnection::HandleTlsData, this));
    m_tls->SetStartTime(Simulator::Now());
    if (!m_originator)
    {
        SetState(TLS_HANDSHAKE); // the prefix comes inside TLS, after the handshake
    }
}

const TlsStream*
TcpEncapConnection::GetTls() const
{
    return m_tls.get();
}

uint32_t
TcpEncapConnection::CountInvalid()
{
    NS_LOG_FUNCTION(this);
    ++m_invalid;
    NS_LOG_LOGIC(Describe(m_peer) << ": " << m_invalid << " unusable messages so far");
    return m_invalid;
}

bool
TcpEncapConnection::IsStalled(Time now, Time timeout) const
{
    return m_lastTx > m_lastProgress && now - m_lastProgress >= timeout;
}

void
TcpEncapConnection::HandleAck(SequenceNumber32 /* oldAck */, SequenceNumber32 /* newAck */)
{
    m_lastProgress = Simulator::Now();
}

void
TcpEncapConnection::SetCallbacks(OpenCallback open,
                                 MessageCallback message,
                                 SendSpaceCallback space,
                                 ClosedCallback closed)
{
    NS_LOG_FUNCTION(this);
    m_openCb = open;
    m_messageCb = message;
    m_spaceCb = space;
    m_closedCb = closed;
}

void
TcpEncapConnection::Connect(const Address& peer)
{
    NS_LOG_FUNCTION(this << Describe(peer));
    m_peer = peer;
    NS_LOG_INFO("connecting to " << Describe(peer));
    m_socket->SetConnectCallback(MakeCallback(&TcpEncapConnection::HandleConnected, this),
                                 MakeCallback(&TcpEncapConnection::HandleConnectFailed, this));
    m_socket->Connect(peer);
}

TcpEncapConnection::State
TcpEncapConnection::GetState() const
{
    return m_state;
}

const Address&
TcpEncapConnection::GetPeer() const
{
    return m_peer;
}

uint32_t
TcpEncapConnection::GetTxAvailable() const
{
    if (m_state != OPEN)
    {
        return 0;
    }
    uint32_t available = m_socket->GetTxAvailable();
    if (!m_tls)
    {
        return available;
    }
    if (m_tlsWriteFailed)
    {
        return 0;
    }
    // Records still waiting for the socket come first; then plaintext that fits in what is
    // left once each record's header and tag are added.
    uint32_t pending = m_tls->GetPendingOutput();
    uint32_t room = available > pending ? available - pending : 0;
    uint32_t plain = m_tls->GetMaxPlaintext(room);
    uint32_t buffered = static_cast<uint32_t>(m_tlsPlain.size());
    return plain > buffered ? plain - buffered : 0;
}

void
TcpEncapConnection::Write(Ptr<Packet> bytes)
{
    NS_LOG_LOGIC(Describe(m_peer) << ": writing " << bytes->GetSize() << " bytes");
    if (m_state != OPEN)
    {
        NS_LOG_WARN("not open (" << ToString(m_state.Get()) << "): " << bytes->GetSize()
                                 << " bytes not written");
        return;
    }
    m_lastTx = Simulator::Now();
    if (!m_tls)
    {
        m_socket->Send(bytes);
        return;
    }
    uint32_t size = bytes->GetSize();
    size_t offset = m_tlsPlain.size();
    m_tlsPlain.resize(offset + size);
    bytes->CopyData(m_tlsPlain.data() + offset, size);
    if (!m_coalesce)
    {
        SealTls(m_tlsPlain.data(), static_cast<uint32_t>(m_tlsPlain.size()));
    }
}

void
TcpEncapConnection::SealTls(const uint8_t* data, uint32_t size)
{
    if (!m_tls->Write(data, size))
    {
        NS_LOG_WARN(Describe(m_peer) << ": TLS refused " << size << " bytes of plaintext");
        m_tlsWriteFailed = true; // closed at Flush: not from inside the owner's queue drain
    }
    m_tlsPlain.clear(); // keeps its capacity
    FlushTls();
}

void
TcpEncapConnection::Flush()
{
    if (!m_tls || m_state != OPEN)
    {
        return;
    }
    if (!m_tlsPlain.empty())
    {
        SealTls(m_tlsPlain.data(), static_cast<uint32_t>(m_tlsPlain.size()));
    }
    if (m_tlsWriteFailed)
    {
        Close(TLS_ERROR);
    }
}

void
TcpEncapConnection::FlushTls()
{
    uint32_t pending = m_tls->GetPendingOutput();
    uint32_t available = m_socket->GetTxAvailable();
    uint32_t n = std::min(pending, available);
    if (n == 0)
    {
        return;
    }
    if (m_tlsOut.size() < n)
    {
        m_tlsOut.resize(n);
    }
    n = m_tls->ReadOutput(m_tlsOut.data(), n);
    m_socket->Send(Create<Packet>(m_tlsOut.data(), n));
}

void
TcpEncapConnection::HandleTlsHandshake()
{
    NS_LOG_FUNCTION(this);
    NS_LOG_INFO(Describe(m_peer) << ": TLS handshake complete");
    if (m_originator)
    {
        // RFC 9329 §4 and Appendix A: the prefix is the first application data inside TLS.
        m_tls->Write(IKETCP_PREFIX.data(), IKETCP_PREFIX.size());
        FlushTls();
        BecomeOpen();
    }
    else
    {
        SetState(AWAITING_PREFIX);
    }
}

void
TcpEncapConnection::HandleTlsData(const uint8_t* data, uint32_t size)
{
    if (m_state != CLOSED)
    {
        ProcessStream(data, size);
    }
}

Time
TcpEncapConnection::GetLastRx() const
{
    return m_lastRx;
}

Time
TcpEncapConnection::GetLastTx() const
{
    return m_lastTx;
}

bool
TcpEncapConnection::HasPartialFrame() const
{
    return m_deframer.HasPartialFrame();
}

const StreamDeframer&
TcpEncapConnection::GetDeframer() const
{
    return m_deframer;
}

uint64_t
TcpEncapConnection::GetRetransmissions() const
{
    return m_tcpStats->GetRetransmissions();
}

uint64_t
TcpEncapConnection::GetTimeouts() const
{
    return m_tcpStats->GetTimeouts();
}

Ptr<Socket>
TcpEncapConnection::GetSocket() const
{
    return m_socket;
}

void
TcpEncapConnection::BecomeOpen()
{
    NS_LOG_FUNCTION(this);
    SetState(OPEN);
    if (!m_openCb.IsNull())
    {
        m_openCb(this);
    }
}

void
TcpEncapConnection::HandleConnected(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Ptr<TcpEncapConnection> self(this); // the owner may let go of us in a callback
    NS_LOG_INFO("TCP connected to " << Describe(m_peer));
    m_lastTx = Simulator::Now();
    m_lastRx = Simulator::Now();
    m_lastProgress = m_lastRx;
    if (m_tls)
    {
        SetState(TLS_HANDSHAKE);
        bool ok = m_tls->Start(); // ClientHello
        FlushTls();
        if (!ok)
        {
            Close(TLS_ERROR);
        }
        return;
    }
    // RFC 9329 §4: the originator's first bytes on every connection.
    NS_LOG_LOGIC("sending the IKETCP prefix");
    socket->Send(Create<Packet>(IKETCP_PREFIX.data(), IKETCP_PREFIX.size()));
    BecomeOpen();
}

void
TcpEncapConnection::HandleConnectFailed(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    NS_LOG_INFO("could not connect to " << Describe(m_peer));
    Ptr<TcpEncapConnection> self(this);
    Finish(TCP_TIMEOUT);
}

void
TcpEncapConnection::HandleRead(Ptr<Socket> socket)
{
    Ptr<TcpEncapConnection> self(this);
    while (m_state != CLOSED)
    {
        Ptr<Packet> p = socket->Recv();
        if (!p || p->GetSize() == 0)
        {
            break;
        }
        uint32_t size = p->GetSize();
        if (m_rxBuf.size() < size)
        {
            m_rxBuf.resize(size);
        }
        p->CopyData(m_rxBuf.data(), size);
        NS_LOG_LOGIC(Describe(m_peer) << ": " << size << " bytes from the stream");
        m_lastRx = Simulator::Now();
        m_lastProgress = m_lastRx;
        if (!m_tls)
        {
            if (!ProcessStream(m_rxBuf.data(), size))
            {
                return;
            }
            continue;
        }
        bool ok = m_tls->Receive(m_rxBuf.data(), size);
        if (m_state == CLOSED)
        {
            return;
        }
        FlushTls(); // handshake flights, alerts
        if (!ok)
        {
            NS_LOG_WARN(Describe(m_peer) << ": TLS failed on received records");
            Close(TLS_ERROR);
            return;
        }
        if (m_tls->IsPeerClosed())
        {
            NS_LOG_INFO(Describe(m_peer) << ": TLS close_notify from the peer");
            Close(PEER_FIN); // close_notify; its FIN follows
            return;
        }
    }
}

bool
TcpEncapConnection::ProcessStream(const uint8_t* data, uint32_t size)
{
    if (m_state == AWAITING_PREFIX)
    {
        // RFC 9329 §4: nothing counts before the whole prefix; anything else ends it.
        uint32_t take = std::min<uint32_t>(size, IKETCP_PREFIX.size() - m_prefixHave);
        if (!std::equal(data, data + take, IKETCP_PREFIX.begin() + m_prefixHave))
        {
            NS_LOG_INFO("connection from " << Describe(m_peer) << " did not start with IKETCP");
            Close(NO_PREFIX);
            return false;
        }
        m_prefixHave += take;
        data += take;
        size -= take;
        if (m_prefixHave < IKETCP_PREFIX.size())
        {
            NS_LOG_LOGIC("prefix: " << m_prefixHave << " of " << IKETCP_PREFIX.size()
                                    << " bytes so far");
            return true;
        }
        NS_LOG_LOGIC("IKETCP prefix complete");
        BecomeOpen();
        if (m_state != OPEN)
        {
            return false;
        }
    }
    switch (m_deframer.Push(data, size))
    {
        case StreamDeframer::OK:
            break;
        case StreamDeframer::BAD_LENGTH:
            NS_LOG_WARN(Describe(m_peer) << ": Length field 0 or 1 (RFC 9329 §3)");
            Close(BAD_LENGTH);
            return false;
        case StreamDeframer::TOO_LONG:
            NS_LOG_WARN(Describe(m_peer) << ": Length field above the maximum");
            Close(TOO_LONG);
            return false;
    }
    return m_state != CLOSED;
}

void
TcpEncapConnection::HandleMessage(const uint8_t* data, uint32_t size)
{
    NS_LOG_LOGIC(Describe(m_peer) << ": message of " << size << " bytes");
    if (m_state == OPEN && !m_messageCb.IsNull())
    {
        m_messageCb(this, data, size);
    }
}

void
TcpEncapConnection::HandleSend(Ptr<Socket> /* socket */, uint32_t available)
{
    NS_LOG_LOGIC(Describe(m_peer) << ": room for " << available << " bytes");
    Ptr<TcpEncapConnection> self(this);
    if (m_tls)
    {
        FlushTls();
    }
    if (m_state == OPEN && !m_spaceCb.IsNull())
    {
        m_spaceCb(this);
    }
}

void
TcpEncapConnection::HandleTcpState(TcpSocket::TcpStates_t oldState, TcpSocket::TcpStates_t newState)
{
    NS_LOG_LOGIC(Describe(m_peer) << ": outer TCP " << TcpSocket::TcpStateName[oldState] << " -> "
                                  << TcpSocket::TcpStateName[newState]);
    if (newState == TcpSocket::CLOSE_WAIT)
    {
        m_sawCloseWait = true;
    }
}

void
TcpEncapConnection::HandleNormalClose(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Ptr<TcpEncapConnection> self(this);
    // ns-3 reports a FIN and a RST alike; a FIN went through CLOSE_WAIT first.
    bool fin = m_sawCloseWait;
    Finish(fin ? PEER_FIN : PEER_RESET);
    if (fin)
    {
        socket->Close(); // complete the close from our side
    }
}

void
TcpEncapConnection::HandleErrorClose(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Ptr<TcpEncapConnection> self(this);
    Finish(TCP_TIMEOUT);
}

void
TcpEncapConnection::Close(CloseReason reason)
{
    NS_LOG_FUNCTION(this);
    if (m_state == CLOSED)
    {
        return;
    }
    Ptr<TcpEncapConnection> self(this);
    Ptr<Socket> socket = m_socket;
    if (m_tls)
    {
        if (reason != TLS_ERROR)
        {
            m_tls->Shutdown(); // close_notify
        }
        FlushTls(); // and any alert OpenSSL produced
    }
    Finish(reason);
    socket->Close();
}

void
TcpEncapConnection::Finish(CloseReason reason)
{
    if (m_state == CLOSED)
    {
        return;
    }
    NS_LOG_INFO("connection with " << Describe(m_peer) << " ends: " << ToString(reason));
    ClosedCallback closed = m_closedCb;
    Unhook();
    if (!closed.IsNull())
    {
        closed(this, reason);
    }
}

void
TcpEncapConnection::Abandon()
{
    NS_LOG_FUNCTION(this);
    if (m_state != CLOSED)
    {
        Unhook();
    }
}

void
TcpEncapConnection::Unhook()
{
    SetState(CLOSED);
    if (m_tls)
    {
        m_tls->Halt();
    }
    m_deframer.Reset(); // RFC 9329 §6: a partial message on a dead connection is discarded
    m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    m_socket->SetSendCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
    m_socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                                MakeNullCallback<void, Ptr<Socket>>());
    m_socket->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                                 MakeNullCallback<void, Ptr<Socket>>());
    m_socket->TraceDisconnectWithoutContext(
        "State", MakeCallback(&TcpEncapConnection::HandleTcpState, this));
    m_tcpStats->Detach();
    m_socket->TraceDisconnectWithoutContext("HighestRxAck",
                                            MakeCallback(&TcpEncapConnection::HandleAck, this));
    m_openCb = MakeNullCallback<void, TcpEncapConnection*>();
    m_messageCb = MakeNullCallback<void, TcpEncapConnection*, const uint8_t*, uint32_t>();
    m_spaceCb = MakeNullCallback<void, TcpEncapConnection*>();
    m_closedCb = MakeNullCallback<void, TcpEncapConnection*, CloseReason>();
}

} // namespace ns3
