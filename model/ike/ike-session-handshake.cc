/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IkeSession: IKE_SA_INIT (COOKIE, INVALID_KE_PAYLOAD, NAT detection) and IKE_AUTH.

#include "ike-session.h"

#include "ns3/abort.h"
#include "ns3/ike-credential.h"
#include "ns3/ike-key-schedule.h"
#include "ns3/ike-nat-detection.h"
#include "ns3/ike-payload-util.h"
#include "ns3/ike-peer.h"
#include "ns3/ike-psk-auth.h"
#include "ns3/ike-signature-auth.h"
#include "ns3/ike-transport-selection.h"
#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/random-bytes.h"
#include "ns3/simulator.h"
#include "ns3/switchable-encap-transport.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeHandshake");

void
IkeSession::SendInitRequest()
{
    NS_LOG_FUNCTION(this);
    if (!m_peer->sa)
    {
        m_peer->sa = Create<IkeSa>(true, NewIkeSpi());
        m_peer->sa->ni = NewNonce();
    }
    if (!m_peer->dh || m_peer->dh->GetGroup() != m_peer->keGroup)
    {
        m_peer->dh = std::make_unique<DiffieHellman>(m_peer->keGroup);
        DhStatus s = m_peer->dh->GenerateKeyPair(MakeRandomBytesCallback(m_random));
        NS_ABORT_MSG_IF(s != DhStatus::OK, "IKE: cannot make a key pair: " << s);
    }
    m_peer->sa->initRequest = BuildInitRequest(m_peer->sa, -1);
    if (m_peer->sa->PeekRequestId() == 0)
    {
        m_peer->sa->TakeRequestId(); // IKE_SA_INIT is Message ID 0, its retries too
    }
    SetState(INIT);
    StartRequest(IkeRequest::INIT, m_peer->sa, ike::IKE_SA_INIT, 0, m_peer->sa->initRequest);
}

std::vector<uint8_t>
IkeSession::BuildInitRequest(Ptr<IkeSa> sa, int via)
{
    NS_LOG_FUNCTION(this << sa << via);
    std::vector<IkePayload> payloads;
    if (!m_peer->cookie.empty() && sa == m_peer->sa)
    {
        payloads.push_back(ike::MakeNotify(ike::COOKIE, m_peer->cookie)); // first (RFC 7296 §2.6)
    }
    payloads.emplace_back(ike::PAYLOAD_SA, IkeProposals::OfferIkeSa(m_suite, {}));
    IkeKePayload ke;
    ke.dhGroup = static_cast<uint16_t>(m_peer->keGroup);
    ke.data = m_peer->dh->GetPublicValue();
    payloads.emplace_back(ike::PAYLOAD_KE, ke);
    IkeNoncePayload nonce;
    nonce.data = sa->ni;
    payloads.emplace_back(ike::PAYLOAD_NONCE, nonce);
    AddNatDetection(payloads, sa->GetSpiI(), 0, via);
    AddSignatureHashes(payloads);

    IkeMessage m(sa->MakeHeader(ike::IKE_SA_INIT, false, 0));
    for (auto& p : payloads)
    {
        m.AddPayload(std::move(p));
    }
    return m.Serialize();
}

void
IkeSession::AddNatDetection(std::vector<IkePayload>& payloads,
                            uint64_t spiI,
                            uint64_t spiR,
                            int via) const
{
    NS_LOG_FUNCTION(this << via);
    InetSocketAddress local(Ipv4Address::GetAny(), 0);
    InetSocketAddress peer(Ipv4Address::GetAny(), 0);
    if (GetPathOn(via, local, peer))
    {
        IkeAddNatDetection(payloads, spiI, spiR, local, peer);
    }
}

void
IkeSession::CheckNatDetection(const IkeMessage& message,
                              uint64_t spiI,
                              uint64_t spiR,
                              const Address& from)
{
    NS_LOG_FUNCTION(this);
    const IkeNotifyPayload* src = message.FindNotify(ike::NAT_DETECTION_SOURCE_IP);
    const IkeNotifyPayload* dst = message.FindNotify(ike::NAT_DETECTION_DESTINATION_IP);
    InetSocketAddress local(Ipv4Address::GetAny(), 0);
    InetSocketAddress peer(Ipv4Address::GetAny(), 0);
    if (!src || !dst || !InetSocketAddress::IsMatchingType(from)
        || !m_endpoint->GetTransport()->GetPath(local, peer))
    {
        return;
    }
    bool peerBehindNat
        = src->data != IkeNatDetectionHash(spiI, spiR, InetSocketAddress::ConvertFrom(from));
    bool selfBehindNat = dst->data != IkeNatDetectionHash(spiI, spiR, local);
    m_peer->natDetected = peerBehindNat || selfBehindNat;
    if (selfBehindNat)
    {
        // Keep the NAT's UDP mapping alive (RFC 3948 §2.3); stream transports send none.
        m_endpoint->GetTransport()->SetNatKeepalive(true);
    }
    NS_LOG_INFO("NAT detection: peer behind NAT " << peerBehindNat << ", this side "
                                                  << selfBehindNat);
}

std::vector<uint8_t>
IkeSession::Cookie(const IkeMessage& message, const Address& from) const
{
    NS_LOG_FUNCTION(this);
    // RFC 7296 §2.6: Cookie = <VersionIDofSecret> | Hash(Ni | IPi | SPIi | <secret>).
    const IkeNoncePayload* ni = nullptr;
    for (const auto& p : message.GetPayloads())
    {
        if (p.type == ike::PAYLOAD_NONCE)
        {
            ni = p.Get<IkeNoncePayload>();
        }
    }
    std::vector<uint8_t> input = ni ? ni->data : std::vector<uint8_t>();
    if (InetSocketAddress::IsMatchingType(from))
    {
        uint8_t ip[4];
        InetSocketAddress::ConvertFrom(from).GetIpv4().Serialize(ip);
        input.insert(input.end(), ip, ip + 4);
    }
    std::vector<uint8_t> spi = ike::Spi64(message.GetHeader().spiI);
    input.insert(input.end(), spi.begin(), spi.end());
    IkePrf prf(PrfAlgorithm::HMAC_SHA2_256);
    std::vector<uint8_t> cookie{0}; // version of the secret
    std::vector<uint8_t> hash = prf.Compute(m_cookieSecret, input);
    cookie.insert(cookie.end(), hash.begin(), hash.end());
    return cookie;
}

void
IkeSession::HandleInitRequest(const IkeMessage& message,
                              const std::vector<uint8_t>& bytes,
                              const Address& from)
{
    NS_LOG_FUNCTION(this << from);
    const IkeHeader& h = message.GetHeader();
    Ptr<SwitchableEncapTransport> sw = GetSwitchable();
    for (const Ptr<IkeSa>& known : {m_peer->sa, m_peer->halfOpen})
    {
        if (known && known->GetSpiI() == h.spiI && known->initRequest == bytes
            && !known->initResponse.empty())
        {
            ++m_cachedResponses; // a retransmitted IKE_SA_INIT
            if (sw)
            {
                // Answer where it came from without moving there: a late copy may arrive
                // after IKE_AUTH settled the SA on the other transport.
                sw->Get(sw->GetDelivering())->ConfirmPeer(from);
                SendBytes(known->initResponse, sw->GetDelivering());
                return;
            }
            m_endpoint->GetTransport()->ConfirmPeer(from);
            SendBytes(known->initResponse);
            return;
        }
    }
    // An established IKE SA stays as it is until the new one is authenticated (IKE_AUTH:
    // PromoteHalfOpen): a RACE's losing IKE_SA_INIT (its own SPI, RFC 9329 §6.1) may arrive
    // after IKE_AUTH settled the winner. It is answered where it came from, without moving.
    const bool keepCurrent = m_peer->state == ESTABLISHED;
    const int via = keepCurrent && sw ? sw->GetDelivering() : -1;
    if (via >= 0)
    {
        sw->Get(sw->GetDelivering())->ConfirmPeer(from);
    }
    else
    {
        // Answer on the transport and address it came from (UDP or TCP, a new connection).
        m_endpoint->GetTransport()->ConfirmPeer(from);
    }
    const auto& payloads = message.GetPayloads();
    const IkeSaPayload* saPayload = ike::FindBody<IkeSaPayload>(payloads, ike::PAYLOAD_SA);
    const IkeKePayload* ke = ike::FindBody<IkeKePayload>(payloads, ike::PAYLOAD_KE);
    const IkeNoncePayload* ni = ike::FindBody<IkeNoncePayload>(payloads, ike::PAYLOAD_NONCE);
    if (!saPayload || !ke || !ni)
    {
        NS_LOG_WARN("IKE_SA_INIT request without SA, KE or Nonce: INVALID_SYNTAX");
        ++m_drops;
        RespondError(h, ike::INVALID_SYNTAX, {});
        return;
    }
    uint32_t halfOpen = (m_peer->state == AUTH ? 1 : 0) + (m_peer->halfOpen ? 1 : 0);
    if (halfOpen >= m_cookieThreshold)
    {
        std::vector<uint8_t> expected = Cookie(message, from);
        const IkePayload& first = payloads.front();
        const IkeNotifyPayload* cookie = first.Get<IkeNotifyPayload>();
        if (first.type != ike::PAYLOAD_NOTIFY || !cookie || cookie->type != ike::COOKIE
            || cookie->data != expected)
        {
            NS_LOG_INFO("IKE_SA_INIT without a valid cookie: asking for one");
            RespondError(h, ike::COOKIE, expected);
            return;
        }
    }
    IkeSaChoice choice;
    IkeProposal accepted;
    if (!IkeProposals::ChooseIkeSa(*saPayload, m_suite, choice, accepted))
    {
        RespondError(h, ike::NO_PROPOSAL_CHOSEN, {});
        return;
    }
    if (ke->dhGroup != static_cast<uint16_t>(choice.dhGroup))
    {
        uint16_t g = static_cast<uint16_t>(choice.dhGroup);
        RespondError(
            h, ike::INVALID_KE_PAYLOAD, {static_cast<uint8_t>(g >> 8), static_cast<uint8_t>(g)});
        return;
    }

    // A new IKE SA. Beside an established one it waits as halfOpen for its IKE_AUTH; beside
    // a half-open one (another attempt of the same initiator, e.g. a RACE's other copy) it
    // becomes the current one and keeps the other as halfOpen; after a failure it replaces it.
    if (m_peer->sa && m_peer->state != IDLE && m_peer->state != AUTH && !keepCurrent)
    {
        RemoveAllChildren();
        m_peer->request.timer.Cancel();
        m_peer->request = IkeRequest();
    }
    Ptr<IkeSa> sa = Create<IkeSa>(false, h.spiI);
    sa->SetSpiR(NewIkeSpi());
    sa->ni = ni->data;
    sa->nr = NewNonce();
    sa->initRequest = bytes;
    DiffieHellman dh(choice.dhGroup);
    NS_ABORT_MSG_IF(dh.GenerateKeyPair(MakeRandomBytesCallback(m_random)) != DhStatus::OK,
                    "IKE: cannot make a key pair");
    if (!ComputeIkeSaKeys(sa, choice, dh, *ke))
    {
        RespondError(h, ike::INVALID_SYNTAX, {});
        return;
    }
    if (keepCurrent)
    {
        m_peer->halfOpen = sa;
    }
    else
    {
        m_peer->halfOpen = m_peer->state == AUTH ? m_peer->sa : nullptr;
        m_peer->sa = sa;
        m_peer->SetOldSa(nullptr);
        m_peer->startTime = Simulator::Now();
        m_peer->failure = 0;
        m_peer->handshakeTime = Time(0);
        CheckNatDetection(message, h.spiI, 0, from);
    }

    std::vector<IkePayload> out;
    IkeSaPayload answer;
    answer.proposals.push_back(accepted);
    out.emplace_back(ike::PAYLOAD_SA, answer);
    IkeKePayload ourKe;
    ourKe.dhGroup = static_cast<uint16_t>(choice.dhGroup);
    ourKe.data = dh.GetPublicValue();
    out.emplace_back(ike::PAYLOAD_KE, ourKe);
    IkeNoncePayload nr;
    nr.data = sa->nr;
    out.emplace_back(ike::PAYLOAD_NONCE, nr);
    AddNatDetection(out, sa->GetSpiI(), sa->GetSpiR(), via);
    AddSignatureHashes(out);
    AddCertificateRequest(out);
    NoteSignatureHashes(message);
    sa->initResponse = Respond(sa, h, out, false, via);
    if (!keepCurrent)
    {
        SetState(AUTH);
    }
}

bool
IkeSession::ComputeIkeSaKeys(Ptr<IkeSa> sa,
                             const IkeSaChoice& choice,
                             DiffieHellman& dh,
                             const IkeKePayload& peerKe)
{
    NS_LOG_FUNCTION(this);
    std::vector<uint8_t> gir;
    DhStatus s = dh.ComputeSharedSecret(peerKe.data, gir);
    if (s != DhStatus::OK)
    {
        NS_LOG_INFO("bad KE payload: " << s);
        return false;
    }
    IkePrf prf(choice.prf);
    std::vector<uint8_t> skeyseed = IkeKeySchedule::ComputeSkeyseed(prf, sa->ni, sa->nr, gir);
    sa->DeriveKeys(choice, skeyseed, sa->ni, sa->nr);
    m_keysTrace(sa->GetSpiI(), sa->GetSpiR(), sa->GetKeys().skEi, sa->GetKeys().skEr);
    return true;
}

void
IkeSession::HandleInitResponse(const IkeMessage& message,
                               const std::vector<uint8_t>& bytes,
                               const Address& from)
{
    NS_LOG_FUNCTION(this << from);
    const IkeHeader& h = message.GetHeader();
    const auto& payloads = message.GetPayloads();
    Ptr<SwitchableEncapTransport> sw = GetSwitchable();
    m_selection->OnInitResponse(sw); // RACE: the first answer decides
    if (const IkeNotifyPayload* cookie = message.FindNotify(ike::COOKIE))
    {
        // RFC 9329 §6.4 (over TCP, too): retry at once on the same connection.
        EndRequest();
        if (++m_initRetries > 5 || cookie->data.empty())
        {
            Fail(ike::COOKIE);
            return;
        }
        m_peer->cookie = cookie->data;
        SendInitRequest();
        return;
    }
    if (const IkeNotifyPayload* invalidKe = message.FindNotify(ike::INVALID_KE_PAYLOAD))
    {
        EndRequest();
        DhGroup g;
        if (invalidKe->data.size() != 2
            || !DhGroupFromId(static_cast<uint16_t>((invalidKe->data[0] << 8) | invalidKe->data[1]),
                              g)
            || g == m_peer->keGroup
            || std::find(m_suite.dhGroups.begin(), m_suite.dhGroups.end(), g)
                   == m_suite.dhGroups.end()
            || ++m_initRetries > 5)
        {
            Fail(ike::INVALID_KE_PAYLOAD);
            return;
        }
        NS_LOG_INFO("responder wants group " << ToString(g));
        m_peer->keGroup = g;
        SendInitRequest();
        return;
    }
    if (uint16_t error = message.FindNotify(ike::NO_PROPOSAL_CHOSEN) ? ike::NO_PROPOSAL_CHOSEN
                                                                     : ike::FirstError(payloads))
    {
        EndRequest();
        Fail(error);
        return;
    }
    const IkeSaPayload* saPayload = ike::FindBody<IkeSaPayload>(payloads, ike::PAYLOAD_SA);
    const IkeKePayload* ke = ike::FindBody<IkeKePayload>(payloads, ike::PAYLOAD_KE);
    const IkeNoncePayload* nr = ike::FindBody<IkeNoncePayload>(payloads, ike::PAYLOAD_NONCE);
    IkeSaChoice choice;
    std::vector<uint8_t> spi;
    if (!saPayload || !ke || !nr || h.spiR == 0
        || !IkeProposals::AcceptIkeSa(*saPayload, m_suite, choice, spi)
        || choice.dhGroup != m_peer->keGroup
        || ke->dhGroup != static_cast<uint16_t>(m_peer->keGroup))
    {
        NS_LOG_WARN("malformed or unacceptable IKE_SA_INIT response");
        ++m_drops;
        EndRequest();
        Fail(ike::INVALID_SYNTAX);
        return;
    }
    EndRequest();
    m_selection->OnInitAccepted(sw); // the transport is settled (RACE: the loser goes)
    m_peer->sa->SetSpiR(h.spiR);
    m_peer->sa->nr = nr->data;
    m_peer->sa->initResponse = bytes;
    if (!ComputeIkeSaKeys(m_peer->sa, choice, *m_peer->dh, *ke))
    {
        Fail(ike::INVALID_SYNTAX);
        return;
    }
    m_peer->dh.reset();
    CheckNatDetection(message, h.spiI, h.spiR, from);
    NoteSignatureHashes(message);
    SendAuthRequest();
}

void
IkeSession::AddSignatureHashes(std::vector<IkePayload>& payloads) const
{
    NS_LOG_FUNCTION(this);
    // Sent when this side authenticates with certificates, i.e. expects the peer to sign too
    // (RFC 7427 §4: it lists the hashes this side can verify); not with a PSK.
    if (m_authMethod != CERTIFICATE)
    {
        return;
    }
    std::vector<uint8_t> data;
    for (IkeSignatureHash h : m_signatureHashes)
    {
        data.push_back(static_cast<uint8_t>(static_cast<uint16_t>(h) >> 8));
        data.push_back(static_cast<uint8_t>(static_cast<uint16_t>(h)));
    }
    payloads.push_back(ike::MakeNotify(ike::SIGNATURE_HASH_ALGORITHMS, data));
}

void
IkeSession::AddCertificateRequest(std::vector<IkePayload>& payloads) const
{
    NS_LOG_FUNCTION(this);
    if (m_authMethod != CERTIFICATE)
    {
        return;
    }
    IkeCertPayload request;
    request.encoding = ike::CERT_X509_SIGNATURE;
    request.data = IkeSignatureAuth::GetPublicKeyHash(m_trustedPeerCert);
    payloads.emplace_back(ike::PAYLOAD_CERTREQ, request);
}

void
IkeSession::NoteSignatureHashes(const IkeMessage& message)
{
    NS_LOG_FUNCTION(this);
    m_peer->peerHashes.clear();
    const IkeNotifyPayload* n = message.FindNotify(ike::SIGNATURE_HASH_ALGORITHMS);
    m_peer->peerSentHashes = n != nullptr;
    if (!n)
    {
        return;
    }
    for (std::size_t i = 0; i + 1 < n->data.size(); i += 2)
    {
        m_peer->peerHashes.push_back(static_cast<uint16_t>(n->data[i] << 8 | n->data[i + 1]));
    }
}

IkeIdPayload
IkeSession::LocalId() const
{
    NS_LOG_FUNCTION(this);
    IkeIdPayload id;
    if (m_authMethod == CERTIFICATE)
    {
        id.idType = ike::ID_DER_ASN1_DN;
        id.data = m_credential->GetSubjectDer();
        return id;
    }
    std::string name = m_localId;
    if (name.empty())
    {
        name = IsInitiator() ? "client.tcp-encap.example" : "gateway.tcp-encap.example";
    }
    id.idType = ike::ID_FQDN;
    id.data.assign(name.begin(), name.end());
    return id;
}

void
IkeSession::AddAuthentication(Ptr<IkeSa> sa, std::vector<IkePayload>& payloads)
{
    NS_LOG_FUNCTION(this);
    bool initiator = sa->IsOriginalInitiator();
    IkeIdPayload id = LocalId();
    payloads.emplace_back(initiator ? ike::PAYLOAD_IDI : ike::PAYLOAD_IDR, id);
    const std::vector<uint8_t>& realMessage = initiator ? sa->initRequest : sa->initResponse;
    const std::vector<uint8_t>& peerNonce = initiator ? sa->nr : sa->ni;
    const std::vector<uint8_t>& skP = initiator ? sa->GetKeys().skPi : sa->GetKeys().skPr;
    IkeAuthPayload auth;
    if (m_authMethod == CERTIFICATE)
    {
        IkeCertPayload cert;
        cert.encoding = ike::CERT_X509_SIGNATURE;
        cert.data = m_credential->GetCertificateDer();
        payloads.emplace_back(ike::PAYLOAD_CERT, cert);
        auth.method = ike::AUTH_DIGITAL_SIGNATURE;
        // RFC 7427 §4: a hash the peer announced; SHA2-256 when it announced none we have,
        // or nothing at all (it may then refuse the signature: logged).
        IkeSignatureHash hash = IkeSignatureHash::SHA2_256;
        if (!IkeSignatureAuth::ChooseHash(m_peer->peerHashes, hash))
        {
            NS_LOG_WARN((m_peer->peerSentHashes ? "the peer's SIGNATURE_HASH_ALGORITHMS has "
                                                  "no SHA2 hash we sign with"
                                                : "the peer sent no SIGNATURE_HASH_ALGORITHMS")
                        << ": signing with SHA2-256");
        }
        auth.data = IkeSignatureAuth::Sign(
            *m_credential,
            IkePskAuth::BuildSignedOctets(sa->GetPrf(), realMessage, peerNonce, skP, id.GetBody()),
            m_random,
            hash);
    }
    else
    {
        auth.method = ike::AUTH_SHARED_KEY_MIC;
        auth.data = IkePskAuth::Compute(sa->GetPrf(),
                                        std::vector<uint8_t>(m_psk.begin(), m_psk.end()),
                                        realMessage,
                                        peerNonce,
                                        skP,
                                        id.GetBody());
    }
    payloads.emplace_back(ike::PAYLOAD_AUTH, auth);
}

bool
IkeSession::VerifyAuthentication(Ptr<IkeSa> sa, const std::vector<IkePayload>& inner)
{
    NS_LOG_FUNCTION(this);
    bool peerIsInitiator = !sa->IsOriginalInitiator();
    const IkeIdPayload* id
        = ike::FindBody<IkeIdPayload>(inner, peerIsInitiator ? ike::PAYLOAD_IDI : ike::PAYLOAD_IDR);
    const IkeAuthPayload* auth = ike::FindBody<IkeAuthPayload>(inner, ike::PAYLOAD_AUTH);
    if (!id || !auth)
    {
        return false;
    }
    if (!m_peerId.empty() && m_authMethod == PSK
        && (id->idType != ike::ID_FQDN
            || std::string(id->data.begin(), id->data.end()) != m_peerId))
    {
        NS_LOG_INFO("peer identity is not " << m_peerId);
        return false;
    }
    const std::vector<uint8_t>& realMessage = peerIsInitiator ? sa->initRequest : sa->initResponse;
    const std::vector<uint8_t>& ownNonce = peerIsInitiator ? sa->nr : sa->ni;
    const std::vector<uint8_t>& skP = peerIsInitiator ? sa->GetKeys().skPi : sa->GetKeys().skPr;
    if (m_authMethod == PSK)
    {
        return auth->method == ike::AUTH_SHARED_KEY_MIC
               && IkePskAuth::Verify(sa->GetPrf(),
                                     std::vector<uint8_t>(m_psk.begin(), m_psk.end()),
                                     realMessage,
                                     ownNonce,
                                     skP,
                                     id->GetBody(),
                                     auth->data);
    }
    const IkeCertPayload* cert = ike::FindBody<IkeCertPayload>(inner, ike::PAYLOAD_CERT);
    if (auth->method != ike::AUTH_DIGITAL_SIGNATURE || !cert
        || cert->encoding != ike::CERT_X509_SIGNATURE || cert->data != m_trustedPeerCert)
    {
        NS_LOG_INFO("no signature, or a certificate that is not the trusted one");
        return false;
    }
    IkeSignatureStatus s = IkeSignatureAuth::Verify(
        cert->data,
        IkePskAuth::BuildSignedOctets(sa->GetPrf(), realMessage, ownNonce, skP, id->GetBody()),
        auth->data,
        m_signatureHashes); // only the hashes announced (RFC 7427 §4)
    NS_LOG_INFO("signature: " << ToString(s));
    return s == IkeSignatureStatus::OK;
}

void
IkeSession::SendAuthRequest()
{
    NS_LOG_FUNCTION(this);
    std::vector<IkePayload> payloads;
    AddAuthentication(m_peer->sa, payloads);
    AddCertificateRequest(payloads);
    if (m_mobike)
    {
        payloads.push_back(ike::MakeNotify(ike::MOBIKE_SUPPORTED));
    }
    if (m_sendInitialContact)
    {
        // After IDi, [CERT]: before AUTH is also allowed; kept after for simplicity.
        payloads.push_back(ike::MakeNotify(ike::INITIAL_CONTACT));
    }
    m_peer->childInSpi = NewChildSpi();
    payloads.emplace_back(ike::PAYLOAD_SA,
                          IkeProposals::OfferChildSa(m_childSuite, m_peer->childInSpi, 0));
    for (auto& ts : TrafficSelectorPayloads())
    {
        payloads.push_back(ts);
    }
    uint32_t id = m_peer->sa->TakeRequestId();
    SetState(AUTH);
    StartRequest(IkeRequest::AUTH,
                 m_peer->sa,
                 ike::IKE_AUTH,
                 id,
                 m_peer->sa->Protect(m_peer->sa->MakeHeader(ike::IKE_AUTH, false, id), payloads));
}

void
IkeSession::HandleAuthRequest(Ptr<IkeSa> sa,
                              const IkeHeader& header,
                              const std::vector<IkePayload>& inner)
{
    NS_LOG_FUNCTION(this << sa);
    if (sa && sa == m_peer->halfOpen)
    {
        PromoteHalfOpen();
    }
    if (m_peer->state != AUTH || sa != m_peer->sa)
    {
        NS_LOG_WARN("dropping an IKE_AUTH request outside the AUTH state");
        ++m_drops;
        return;
    }
    if (!VerifyAuthentication(sa, inner))
    {
        NS_LOG_INFO("IKE_AUTH: the initiator's AUTH does not verify");
        Respond(sa, header, {ike::MakeNotify(ike::AUTHENTICATION_FAILED)}, true);
        Fail(ike::AUTHENTICATION_FAILED);
        return;
    }
    const IkeIdPayload* id = ike::FindBody<IkeIdPayload>(inner, ike::PAYLOAD_IDI);
    m_peer->peerIdentity.assign(id->data.begin(), id->data.end()); // verified: there, authentic
    m_peer->initialContact = ike::FindNotify(inner, ike::INITIAL_CONTACT) != nullptr;
    std::vector<IkePayload> out;
    AddAuthentication(sa, out);
    m_peer->mobikeNegotiated = m_mobike && ike::FindNotify(inner, ike::MOBIKE_SUPPORTED);
    if (m_peer->mobikeNegotiated)
    {
        out.push_back(ike::MakeNotify(ike::MOBIKE_SUPPORTED));
    }
    const IkeSaPayload* childSa = ike::FindBody<IkeSaPayload>(inner, ike::PAYLOAD_SA);
    uint32_t peerSpi = 0;
    uint8_t number = 0;
    if (!childSa || !IkeProposals::MatchChildSa(*childSa, m_childSuite, 0, peerSpi, number))
    {
        out.push_back(ike::MakeNotify(ike::NO_PROPOSAL_CHOSEN));
    }
    else if (!AcceptTrafficSelectors(inner))
    {
        out.push_back(ike::MakeNotify(ike::TS_UNACCEPTABLE));
    }
    else
    {
        uint32_t inSpi = NewChildSpi();
        IkeSaPayload answer = IkeProposals::OfferChildSa(m_childSuite, inSpi, 0);
        answer.proposals.front().number = number;
        out.emplace_back(ike::PAYLOAD_SA, answer);
        for (const auto& p : inner)
        {
            if (p.type == ike::PAYLOAD_TSI || p.type == ike::PAYLOAD_TSR)
            {
                out.push_back(p); // accepted as proposed (no narrowing)
            }
        }
        InstallChildSa(sa, sa->ni, sa->nr, {}, inSpi, peerSpi, false, true);
    }
    Respond(sa, header, out, true);
    Established();
}

void
IkeSession::HandleAuthResponse(const std::vector<IkePayload>& inner)
{
    NS_LOG_FUNCTION(this);
    if (ike::FindNotify(inner, ike::AUTHENTICATION_FAILED))
    {
        Fail(ike::AUTHENTICATION_FAILED);
        return;
    }
    if (!VerifyAuthentication(m_peer->sa, inner))
    {
        uint16_t error = ike::FirstError(inner);
        if (error == 0)
        {
            // RFC 7296 §2.21.2: the responder's AUTH failed here, after the responder
            // established its side; tell it in a separate INFORMATIONAL (sent once: this side
            // keeps nothing to wait for an answer with).
            NS_LOG_INFO("IKE_AUTH: the responder's AUTH does not verify: telling it");
            uint32_t id = m_peer->sa->TakeRequestId();
            SendBytes(m_peer->sa->Protect(m_peer->sa->MakeHeader(ike::INFORMATIONAL, false, id),
                                          {ike::MakeNotify(ike::AUTHENTICATION_FAILED)}));
        }
        Fail(error != 0 ? error : ike::AUTHENTICATION_FAILED);
        return;
    }
    m_peer->mobikeNegotiated = m_mobike && ike::FindNotify(inner, ike::MOBIKE_SUPPORTED);
    const IkeSaPayload* childSa = ike::FindBody<IkeSaPayload>(inner, ike::PAYLOAD_SA);
    uint32_t peerSpi = 0;
    uint8_t number = 0;
    if (childSa && IkeProposals::MatchChildSa(*childSa, m_childSuite, 0, peerSpi, number)
        && ike::FindBody<IkeTsPayload>(inner, ike::PAYLOAD_TSI)
        && ike::FindBody<IkeTsPayload>(inner, ike::PAYLOAD_TSR))
    {
        InstallChildSa(m_peer->sa,
                       m_peer->sa->ni,
                       m_peer->sa->nr,
                       {},
                       m_peer->childInSpi,
                       peerSpi,
                       true,
                       true);
    }
    else
    {
        // The IKE SA stands; the Child SA was refused (RFC 7296 §1.2).
        m_peer->failure = ike::FirstError(inner);
        NS_LOG_INFO("the responder refused the Child SA: notify " << m_peer->failure);
    }
    Established();
}

} // namespace ns3
