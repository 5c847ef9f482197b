/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IkeSession: sending, requests and retransmission, the pending queue, receiving and
// dispatching to one handler per exchange.

#include "ike-session.h"

#include "ns3/ike-mobike.h"
#include "ns3/ike-payload-util.h"
#include "ns3/ike-peer.h"
#include "ns3/ike-transport-selection.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/switchable-encap-transport.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeSessionRequests");

void
IkeSession::SendBytes(const std::vector<uint8_t>& bytes, int via)
{
    NS_LOG_FUNCTION(this << bytes.size() << via);
    ++m_messagesTx;
    m_bytesTx += bytes.size();
    m_txTrace(
        bytes[18], (bytes[19] & ike::FLAG_RESPONSE) != 0, static_cast<uint32_t>(bytes.size()));
    Ptr<Packet> packet = Create<Packet>(bytes.data(), bytes.size());
    Ptr<SwitchableEncapTransport> sw = via >= 0 ? GetSwitchable() : nullptr;
    if (sw)
    {
        m_txBytesTrace(bytes,
                       sw->Get(static_cast<SwitchableEncapTransport::Kind>(via))->IsStream());
        sw->SendIkeOn(static_cast<SwitchableEncapTransport::Kind>(via), packet);
        return;
    }
    m_txBytesTrace(bytes, IsStream());
    m_endpoint->GetTransport()->SendIke(packet);
}

void
IkeSession::StartRequest(IkeRequestKind kind,
                         Ptr<IkeSa> sa,
                         uint8_t exchangeType,
                         uint32_t messageId,
                         std::vector<uint8_t> bytes,
                         int via)
{
    NS_LOG_FUNCTION(this << int{exchangeType} << messageId << via);
    NS_ASSERT_MSG(m_peer->request.kind == IkeRequest::NONE, "one request at a time");
    m_peer->request.timer.Cancel();
    m_peer->request = IkeRequest();
    m_peer->request.kind = kind;
    m_peer->request.sa = sa;
    m_peer->request.exchangeType = exchangeType;
    m_peer->request.messageId = messageId;
    m_peer->request.bytes = std::move(bytes);
    m_peer->request.via = via;
    m_peer->request.firstSent = Simulator::Now();
    SendRequestNow();
}

void
IkeSession::SendRequestNow()
{
    NS_LOG_FUNCTION(this);
    SendBytes(m_peer->request.bytes, m_peer->request.via);
    ++m_peer->request.sends;
    m_peer->request.sentOnPath = !IsStream() || m_peer->pathUp;
    m_peer->request.pathGeneration = m_peer->pathGeneration;
    IkeRetransmitPolicy policy = GetPolicy();
    Time elapsed = Simulator::Now() - m_peer->request.firstSent;
    Time wait;
    if (m_peer->request.kind == IkeRequest::RETURN_PROBE)
    {
        // A probe of the UDP path: sent once, and an unanswered probe changes nothing.
        wait = m_mobikeSwitchTimeout;
        m_peer->request.lastWait = true;
    }
    else if (IsStream())
    {
        // No retransmission on a reliable stream: one timer for the whole exchange.
        wait = policy.GetTotalTime() - elapsed;
        m_peer->request.lastWait = true;
    }
    else
    {
        wait = policy.GetWait(m_peer->request.sends, elapsed, m_peer->request.lastWait);
        // Either may want to look again before the next retransmission is due: MOBIKE when
        // it is time to move the established SA to TCP, the transport selection (SEQUENTIAL)
        // when it is time to try TCP for IKE_SA_INIT. They never both apply.
        m_mobikeMoves->LimitWait(wait, m_peer->request.lastWait);
        m_selection->LimitWait(wait, m_peer->request.lastWait);
    }
    m_peer->request.timer = Simulator::Schedule(wait, &IkeSession::RequestTimeout, this);
}

void
IkeSession::RequestTimeout()
{
    NS_LOG_FUNCTION(this);
    // MOBIKE's return probe, the transport selection's fallback and a MOBIKE move take the
    // timeout first, in that order; otherwise retransmit, or give up.
    if (m_mobikeMoves->OnProbeTimeout() || m_selection->OnRequestTimeout()
        || m_mobikeMoves->OnRequestTimeout())
    {
        return;
    }
    if (!m_peer->request.lastWait)
    {
        ++m_retransmissions;
        NS_LOG_INFO("retransmitting request " << m_peer->request.messageId << " (send "
                                              << m_peer->request.sends + 1 << ")");
        SendRequestNow();
        return;
    }
    IkeRequestKind kind = m_peer->request.kind;
    Time waited = Simulator::Now() - m_peer->request.firstSent;
    Ptr<IkeSa> sa = m_peer->request.sa;
    EndRequest();
    NS_LOG_INFO("no response after " << waited.As(Time::S));
    if (kind == IkeRequest::LIVENESS)
    {
        m_livenessTrace(false, waited);
    }
    if (kind == IkeRequest::DELETE_IKE && sa == m_peer->oldSa)
    {
        NS_LOG_LOGIC("the rekeyed IKE SA's DELETE went unanswered: it is gone anyway");
        m_peer->SetOldSa(nullptr); // the old IKE SA after a rekey: gone either way
        NextRequest();
        return;
    }
    Fail(0);
}

void
IkeSession::EndRequest()
{
    NS_LOG_FUNCTION(this);
    m_peer->request.timer.Cancel();
    m_peer->request = IkeRequest();
}

std::vector<uint8_t>
IkeSession::Respond(Ptr<IkeSa> sa,
                    const IkeHeader& request,
                    const std::vector<IkePayload>& payloads,
                    bool protect,
                    int via)
{
    NS_LOG_FUNCTION(this << sa << request.messageId << protect);
    IkeHeader h = sa->MakeHeader(request.exchangeType, true, request.messageId);
    std::vector<uint8_t> bytes;
    if (protect)
    {
        bytes = sa->Protect(h, payloads);
    }
    else
    {
        IkeMessage m(h);
        for (const auto& p : payloads)
        {
            m.AddPayload(p);
        }
        bytes = m.Serialize();
    }
    sa->KeepResponse(request.messageId, bytes);
    SendBytes(bytes, via);
    return bytes;
}

void
IkeSession::RespondError(const IkeHeader& request,
                         uint16_t notifyType,
                         const std::vector<uint8_t>& data)
{
    NS_LOG_FUNCTION(this << notifyType);
    // An unprotected answer, no state kept: to IKE_SA_INIT (RFC 7296 §2.6, §1.3), or to a
    // request in another major version (§1.5, §2.5). The request's SPIs, exchange and Message
    // ID, the Response flag, and our version (2.0, the closest we support) in the header.
    IkeHeader h;
    h.spiI = request.spiI;
    h.spiR = request.spiR;
    h.exchangeType = request.exchangeType;
    h.flags = static_cast<uint8_t>(ike::FLAG_RESPONSE | (IsInitiator() ? ike::FLAG_INITIATOR : 0));
    h.messageId = request.messageId;
    IkeMessage m(h);
    m.AddPayload(ike::MakeNotify(notifyType, data));
    SendBytes(m.Serialize());
}

void
IkeSession::NextRequest()
{
    NS_LOG_FUNCTION(this);
    if (m_peer->request.kind != IkeRequest::NONE || m_peer->state != ESTABLISHED)
    {
        return;
    }
    if (m_mobikeMoves->StartOwedUpdate())
    {
        return; // a MOBIKE move waited for the window: its UPDATE_SA_ADDRESSES goes first
    }
    // The most urgent pending request (IkePendingQueue documents the order).
    IkePendingQueue::Item next = m_peer->pending.Take();
    switch (next.kind)
    {
        case IkePendingQueue::DELETE_IKE_SA:
            SendDeleteIke(m_peer->sa);
            return;
        case IkePendingQueue::DELETE_OLD_IKE_SA:
            SendDeleteIke(m_peer->oldSa);
            return;
        case IkePendingQueue::DELETE_CHILD_SA:
            SendDeleteChild(next.childSpi);
            return;
        case IkePendingQueue::REKEY_IKE_SA:
            StartIkeRekey();
            return;
        case IkePendingQueue::REKEY_CHILD_SA:
            StartChildRekey();
            return;
        case IkePendingQueue::LIVENESS:
            SendEmptyInformational();
            return;
        case IkePendingQueue::NONE:
            return;
    }
}

void
IkeSession::Receive(Ptr<Packet> packet, const Address& from)
{
    NS_LOG_FUNCTION(this << packet << from);
    std::vector<uint8_t> bytes(packet->GetSize());
    packet->CopyData(bytes.data(), bytes.size());
    ++m_messagesRx;
    m_bytesRx += bytes.size();
    if (!m_random)
    {
        NS_LOG_WARN("dropping an IKE message: not started");
        ++m_drops;
        return;
    }
    IkeParseResult r = IkeMessage::Parse(bytes);
    if (!r.IsOk())
    {
        NS_LOG_WARN("dropping an IKE message: " << r.error);
        ++m_drops;
        if (r.error == IkeParseError::BAD_VERSION)
        {
            // RFC 7296 §2.5: another major version is dropped, and a request answered with
            // the version this side speaks. Not corruption: a newer peer.
            if (r.headerValid && !r.message.GetHeader().IsResponse())
            {
                RespondError(r.message.GetHeader(), ike::INVALID_MAJOR_VERSION, {});
            }
            return;
        }
        // RFC 9329 §6.1: on a stream, unparseable messages count toward closing the
        // connection, as unusable ESP does (MaxInvalidMessages); datagrams just go.
        m_endpoint->GetTransport()->ReportInvalid(from, EspStatus::MALFORMED);
        return;
    }
    const IkeMessage& message = r.message;
    const IkeHeader& h = message.GetHeader();
    m_rxTrace(h.exchangeType, h.IsResponse(), static_cast<uint32_t>(bytes.size()));

    if (h.exchangeType == ike::IKE_SA_INIT)
    {
        if (!h.IsResponse() && !IsInitiator() && h.IsInitiator() && h.spiR == 0 && h.messageId == 0)
        {
            HandleInitRequest(message, bytes, from);
        }
        else if (h.IsResponse() && IsInitiator() && m_peer->request.kind == IkeRequest::INIT
                 && h.messageId == 0 && m_selection->SelectInitAttempt(h.spiI))
        {
            HandleInitResponse(message, bytes, from);
        }
        else
        {
            NS_LOG_WARN("dropping an IKE_SA_INIT " << (h.IsResponse() ? "response" : "request")
                                                   << " that does not fit");
            ++m_drops;
        }
        return;
    }

    Ptr<IkeSa> sa;
    for (const Ptr<IkeSa>& candidate : {m_peer->sa, m_peer->oldSa, m_peer->halfOpen})
    {
        // A half-open IKE SA beside the current one knows nothing but its IKE_AUTH.
        if (candidate && candidate->HasKeys() && candidate->GetSpiI() == h.spiI
            && candidate->GetSpiR() == h.spiR
            && (candidate != m_peer->halfOpen || h.exchangeType == ike::IKE_AUTH))
        {
            sa = candidate;
        }
    }
    if (!sa || m_peer->state == FAILED || m_peer->state == CLOSED
        || h.IsInitiator() == sa->IsOriginalInitiator())
    {
        NS_LOG_WARN("dropping an IKE message: unknown SPIs, a dead SA, or our own direction");
        ++m_drops;
        return;
    }
    if (!h.IsResponse())
    {
        if (h.messageId != sa->GetExpectedRequestId())
        {
            const std::vector<uint8_t>* kept = sa->FindResponse(h.messageId);
            std::vector<IkePayload> ignored;
            IkeSkStatus status = kept ? sa->Unprotect(bytes, message, ignored) : IkeSkStatus::OK;
            if (kept && status == IkeSkStatus::OK)
            {
                // RFC 7296 §2.1: a retransmitted request gets the same response again, on
                // the path it came by (a new connection, or the other transport after MOBIKE).
                ++m_cachedResponses;
                if (!IsInitiator())
                {
                    m_endpoint->GetTransport()->ConfirmPeer(from);
                }
                SendBytes(*kept);
            }
            else
            {
                NS_LOG_WARN("dropping request " << h.messageId << ": not the expected one ("
                                                << sa->GetExpectedRequestId() << ")");
                ++m_drops;
                m_icvFailures += status == IkeSkStatus::ICV_FAILURE ? 1 : 0;
            }
            return;
        }
    }
    else if (m_peer->request.kind == IkeRequest::NONE || m_peer->request.sa != sa
             || m_peer->request.messageId != h.messageId)
    {
        NS_LOG_WARN("dropping response " << h.messageId
                                         << ": a late duplicate, or an answer to nothing asked");
        ++m_drops;
        return;
    }

    std::vector<IkePayload> inner;
    IkeSkStatus status = sa->Unprotect(bytes, message, inner);
    if (status != IkeSkStatus::OK)
    {
        NS_LOG_WARN("dropping a protected IKE message: " << status);
        ++m_drops;
        if (status == IkeSkStatus::ICV_FAILURE)
        {
            ++m_icvFailures;
        }
        else if (status == IkeSkStatus::BAD_PAYLOADS || status == IkeSkStatus::BAD_PADDING)
        {
            HandleBadSyntax(sa, h);
        }
        return;
    }
    m_peer->lastRx = Simulator::Now();
    if (!IsInitiator() && !h.IsResponse())
    {
        // An authenticated request on a new connection or address: the peer is there now.
        // Not a response: the peer may answer our request on the path it is leaving, after
        // its request on the new one (a MOBIKE probe) has moved us.
        m_endpoint->GetTransport()->ConfirmPeer(from);
    }
    if (h.IsResponse())
    {
        HandleResponse(sa, h, inner);
    }
    else
    {
        HandleRequest(sa, h, inner);
    }
}

void
IkeSession::HandleBadSyntax(Ptr<IkeSa> sa, const IkeHeader& header)
{
    NS_LOG_FUNCTION(this << sa << header.messageId);
    // Authentic (the ICV verified) but not well-formed inside: a payload chain that does not
    // parse, or a Pad Length beyond the plaintext. RFC 7296 §2.21.3: a request is answered
    // with INVALID_SYNTAX and the IKE SA is deleted; after a bad response the IKE SA is
    // deleted with an INFORMATIONAL exchange.
    m_peer->failure = ike::INVALID_SYNTAX;
    if (!header.IsResponse())
    {
        Respond(sa, header, {ike::MakeNotify(ike::INVALID_SYNTAX)}, true);
        Fail(ike::INVALID_SYNTAX);
        return;
    }
    EndRequest();
    m_peer->pending.Add(IkePendingQueue::DELETE_IKE_SA);
    NextRequest();
}

void
IkeSession::HandleRequest(Ptr<IkeSa> sa,
                          const IkeHeader& header,
                          const std::vector<IkePayload>& inner)
{
    NS_LOG_FUNCTION(this << sa << int{header.exchangeType} << header.messageId);
    switch (header.exchangeType)
    {
        case ike::IKE_AUTH:
            HandleAuthRequest(sa, header, inner);
            return;
        case ike::INFORMATIONAL:
            HandleInformationalRequest(sa, header, inner);
            return;
        case ike::CREATE_CHILD_SA:
            HandleCreateChildRequest(sa, header, inner);
            return;
        default:
            NS_LOG_WARN("dropping a request of unknown exchange " << int{header.exchangeType});
            ++m_drops;
    }
}

void
IkeSession::HandleResponse(Ptr<IkeSa> sa,
                           const IkeHeader& /* header */,
                           const std::vector<IkePayload>& inner)
{
    NS_LOG_FUNCTION(this << sa);
    IkeRequestKind kind = m_peer->request.kind;
    Time rtt = Simulator::Now() - m_peer->request.firstSent;
    uint32_t childSpi = m_peer->request.childSpi;
    EndRequest();
    NS_LOG_LOGIC("response to request kind " << static_cast<int>(kind));
    switch (kind)
    {
        case IkeRequest::AUTH:
            HandleAuthResponse(inner);
            break;
        case IkeRequest::LIVENESS:
            HandleLivenessResponse(rtt);
            break;
        case IkeRequest::DELETE_CHILD:
            HandleDeleteChildResponse(childSpi);
            break;
        case IkeRequest::DELETE_IKE:
            HandleDeleteIkeResponse(sa);
            break;
        case IkeRequest::REKEY_CHILD:
            HandleChildRekeyResponse(inner);
            break;
        case IkeRequest::REKEY_IKE:
            HandleIkeRekeyResponse(inner);
            break;
        case IkeRequest::UPDATE_ADDRESSES:
            m_mobikeMoves->HandleUpdateAddressesResponse(inner);
            break;
        case IkeRequest::PROBE_RECOVERY:
            m_mobikeMoves->HandleProbeRecoveryResponse();
            break;
        case IkeRequest::RETURN_PROBE:
            m_mobikeMoves->HandleReturnProbeResponse(inner);
            break;
        case IkeRequest::NONE:
        case IkeRequest::INIT: // IKE_SA_INIT responses are unprotected: HandleInitResponse
            break;
    }
    NextRequest();
}

} // namespace ns3
