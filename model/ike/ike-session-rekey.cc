/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IkeSession: CREATE_CHILD_SA: Child SA rekey and IKE SA rekey, each side.

#include "ike-session.h"

#include "ns3/abort.h"
#include "ns3/ike-key-schedule.h"
#include "ns3/ike-payload-util.h"
#include "ns3/ike-peer.h"
#include "ns3/log.h"
#include "ns3/random-bytes.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeRekey");

void
IkeSession::CheckChildLifetime()
{
    NS_LOG_FUNCTION(this);
    if (m_peer->state != ESTABLISHED || m_peer->children.empty())
    {
        return;
    }
    const IkeChildSa& c = m_peer->children.back();
    Time age = Simulator::Now() - c.installed;
    uint64_t bytes = c.in->GetBytes() + c.out->GetBytes();
    if ((m_childLifetime.IsStrictlyPositive() && age >= m_childLifetime)
        || (m_childLifetimeBytes > 0 && bytes >= m_childLifetimeBytes))
    {
        NS_LOG_LOGIC("Child SA lifetime over (" << age.As(Time::S) << ", " << bytes << " bytes)");
        m_peer->pending.Add(IkePendingQueue::REKEY_CHILD_SA);
        NextRequest();
        return; // rescheduled when the new Child SA is in place
    }
    Time next = m_childLifetimeBytes > 0 ? MilliSeconds(100) : m_childLifetime - age;
    if (m_childLifetime.IsStrictlyPositive())
    {
        next = std::min(next, m_childLifetime - age);
    }
    m_peer->childRekeyEvent = Simulator::Schedule(next, &IkeSession::CheckChildLifetime, this);
}

void
IkeSession::RekeyChildSa()
{
    NS_LOG_FUNCTION(this);
    if (m_peer->state != ESTABLISHED || m_peer->children.empty())
    {
        NS_LOG_WARN("RekeyChildSa: no established Child SA to rekey");
        return;
    }
    m_peer->pending.Add(IkePendingQueue::REKEY_CHILD_SA);
    NextRequest();
}

void
IkeSession::RekeyIkeSa()
{
    NS_LOG_FUNCTION(this);
    if (m_peer->state != ESTABLISHED)
    {
        NS_LOG_WARN("RekeyIkeSa: no established IKE SA to rekey");
        return;
    }
    StartIkeRekeyWhenFree();
}

void
IkeSession::StartIkeRekeyWhenFree()
{
    NS_LOG_FUNCTION(this);
    m_peer->pending.Add(IkePendingQueue::REKEY_IKE_SA);
    NextRequest();
}

void
IkeSession::StartChildRekey()
{
    NS_LOG_FUNCTION(this);
    if (m_peer->children.empty())
    {
        return;
    }
    uint32_t oldSpi = m_peer->children.back().inSpi;
    m_peer->rekey = IkePendingRekey();
    m_peer->rekey.newInSpi = NewChildSpi();
    m_peer->rekey.ni = NewNonce();
    uint16_t pfsGroup = 0;
    std::vector<IkePayload> payloads;
    IkeNotifyPayload rekeySa;
    rekeySa.protocolId = ike::PROTO_ESP;
    rekeySa.type = ike::REKEY_SA;
    rekeySa.spi = ike::Spi32(oldSpi);
    payloads.emplace_back(ike::PAYLOAD_NOTIFY, rekeySa);
    if (m_pfs)
    {
        DhGroup g = m_peer->sa->GetChoice().dhGroup;
        pfsGroup = static_cast<uint16_t>(g);
        m_peer->rekey.dh = std::make_unique<DiffieHellman>(g);
        NS_ABORT_MSG_IF(m_peer->rekey.dh->GenerateKeyPair(MakeRandomBytesCallback(m_random))
                            != DhStatus::OK,
                        "IKE: cannot make a key pair");
    }
    payloads.emplace_back(
        ike::PAYLOAD_SA,
        IkeProposals::OfferChildSa(m_childSuite, m_peer->rekey.newInSpi, pfsGroup));
    IkeNoncePayload ni;
    ni.data = m_peer->rekey.ni;
    payloads.emplace_back(ike::PAYLOAD_NONCE, ni);
    if (m_peer->rekey.dh)
    {
        IkeKePayload ke;
        ke.dhGroup = pfsGroup;
        ke.data = m_peer->rekey.dh->GetPublicValue();
        payloads.emplace_back(ike::PAYLOAD_KE, ke);
    }
    for (auto& ts : TrafficSelectorPayloads())
    {
        payloads.push_back(ts);
    }
    uint32_t id = m_peer->sa->TakeRequestId();
    StartRequest(
        IkeRequest::REKEY_CHILD,
        m_peer->sa,
        ike::CREATE_CHILD_SA,
        id,
        m_peer->sa->Protect(m_peer->sa->MakeHeader(ike::CREATE_CHILD_SA, false, id), payloads));
    m_peer->request.childSpi = oldSpi;
}

void
IkeSession::HandleChildRekeyResponse(const std::vector<IkePayload>& inner)
{
    NS_LOG_FUNCTION(this);
    const IkeSaPayload* sa = ike::FindBody<IkeSaPayload>(inner, ike::PAYLOAD_SA);
    const IkeNoncePayload* nr = ike::FindBody<IkeNoncePayload>(inner, ike::PAYLOAD_NONCE);
    const IkeKePayload* ke = ike::FindBody<IkeKePayload>(inner, ike::PAYLOAD_KE);
    uint16_t pfsGroup = m_peer->rekey.dh ? static_cast<uint16_t>(m_peer->rekey.dh->GetGroup()) : 0;
    uint32_t peerSpi = 0;
    uint8_t number = 0;
    std::vector<uint8_t> gir;
    if (!sa || !nr || !IkeProposals::MatchChildSa(*sa, m_childSuite, pfsGroup, peerSpi, number)
        || (m_peer->rekey.dh
            && (!ke || ke->dhGroup != pfsGroup
                || m_peer->rekey.dh->ComputeSharedSecret(ke->data, gir) != DhStatus::OK)))
    {
        NS_LOG_INFO("Child SA rekey refused or malformed (notify " << ike::FirstError(inner)
                                                                   << "): keep the old one");
        if (m_childLifetime.IsStrictlyPositive() || m_childLifetimeBytes > 0)
        {
            // The lifetime is still over: try again later (a rekey asked for by RekeyChildSa
            // is not repeated).
            m_peer->childRekeyEvent
                = Simulator::Schedule(Seconds(10), &IkeSession::CheckChildLifetime, this);
        }
        return;
    }
    uint32_t oldSpi = m_peer->children.back().inSpi;
    InstallChildSa(
        m_peer->sa, m_peer->rekey.ni, nr->data, gir, m_peer->rekey.newInSpi, peerSpi, true, true);
    ++m_childRekeys;
    m_childRekeyTrace(oldSpi, m_peer->rekey.newInSpi);
    m_peer->pending.AddChildDelete(oldSpi); // the old pair goes once the new one is in use
    m_peer->rekey = IkePendingRekey();
    ScheduleLifetimes();
}

void
IkeSession::StartIkeRekey()
{
    NS_LOG_FUNCTION(this);
    m_peer->rekey = IkePendingRekey();
    m_peer->rekey.newSpiI = NewIkeSpi();
    m_peer->rekey.ni = NewNonce();
    DhGroup g = m_peer->sa->GetChoice().dhGroup;
    m_peer->rekey.dh = std::make_unique<DiffieHellman>(g);
    NS_ABORT_MSG_IF(m_peer->rekey.dh->GenerateKeyPair(MakeRandomBytesCallback(m_random))
                        != DhStatus::OK,
                    "IKE: cannot make a key pair");
    IkeSaSuite suite{m_peer->sa->GetChoice().encrKeyBits, m_peer->sa->GetChoice().prf, {g}};
    std::vector<IkePayload> payloads;
    payloads.emplace_back(ike::PAYLOAD_SA,
                          IkeProposals::OfferIkeSa(suite, ike::Spi64(m_peer->rekey.newSpiI)));
    IkeNoncePayload ni;
    ni.data = m_peer->rekey.ni;
    payloads.emplace_back(ike::PAYLOAD_NONCE, ni);
    IkeKePayload ke;
    ke.dhGroup = static_cast<uint16_t>(g);
    ke.data = m_peer->rekey.dh->GetPublicValue();
    payloads.emplace_back(ike::PAYLOAD_KE, ke);
    uint32_t id = m_peer->sa->TakeRequestId();
    StartRequest(
        IkeRequest::REKEY_IKE,
        m_peer->sa,
        ike::CREATE_CHILD_SA,
        id,
        m_peer->sa->Protect(m_peer->sa->MakeHeader(ike::CREATE_CHILD_SA, false, id), payloads));
}

void
IkeSession::HandleIkeRekeyResponse(const std::vector<IkePayload>& inner)
{
    NS_LOG_FUNCTION(this);
    const IkeSaPayload* sa = ike::FindBody<IkeSaPayload>(inner, ike::PAYLOAD_SA);
    const IkeNoncePayload* nr = ike::FindBody<IkeNoncePayload>(inner, ike::PAYLOAD_NONCE);
    const IkeKePayload* ke = ike::FindBody<IkeKePayload>(inner, ike::PAYLOAD_KE);
    IkeSaSuite suite{m_peer->sa->GetChoice().encrKeyBits,
                     m_peer->sa->GetChoice().prf,
                     {m_peer->rekey.dh->GetGroup()}};
    IkeSaChoice choice;
    std::vector<uint8_t> spiR;
    std::vector<uint8_t> gir;
    if (!sa || !nr || !ke || !IkeProposals::AcceptIkeSa(*sa, suite, choice, spiR)
        || spiR.size() != 8 || ike::ReadSpi64(spiR) == 0
        || m_peer->rekey.dh->ComputeSharedSecret(ke->data, gir) != DhStatus::OK)
    {
        NS_LOG_INFO("IKE SA rekey refused or malformed: keep the old one");
        if (m_ikeLifetime.IsStrictlyPositive())
        {
            m_peer->ikeRekeyEvent
                = Simulator::Schedule(Seconds(10), &IkeSession::StartIkeRekeyWhenFree, this);
        }
        return;
    }
    Ptr<IkeSa> next = Create<IkeSa>(true, m_peer->rekey.newSpiI);
    next->SetSpiR(ike::ReadSpi64(spiR));
    next->ni = m_peer->rekey.ni;
    next->nr = nr->data;
    std::vector<uint8_t> skeyseed = IkeKeySchedule::ComputeRekeySkeyseed(
        m_peer->sa->GetPrf(), m_peer->sa->GetKeys().skD, gir, next->ni, next->nr);
    next->DeriveKeys(choice, skeyseed, next->ni, next->nr);
    m_keysTrace(next->GetSpiI(), next->GetSpiR(), next->GetKeys().skEi, next->GetKeys().skEr);
    ++m_ikeRekeys;
    m_ikeRekeyTrace(m_peer->sa->GetSpiI(), next->GetSpiI());
    m_peer->SetOldSa(m_peer->sa, true); // deleted next, on the old SA (RFC 7296 §2.18)
    m_peer->sa = next;
    m_peer->rekey = IkePendingRekey();
    m_peer->ikeRekeyEvent.Cancel();
    if (m_ikeLifetime.IsStrictlyPositive() && IsInitiator())
    {
        m_peer->ikeRekeyEvent
            = Simulator::Schedule(m_ikeLifetime, &IkeSession::StartIkeRekeyWhenFree, this);
    }
}

void
IkeSession::HandleCreateChildRequest(Ptr<IkeSa> sa,
                                     const IkeHeader& header,
                                     const std::vector<IkePayload>& inner)
{
    NS_LOG_FUNCTION(this << sa);
    // CREATE_CHILD_SA carries an IKE SA rekey or a Child SA rekey: checks common to both here,
    // then one handler each.
    const IkeSaPayload* saPayload = ike::FindBody<IkeSaPayload>(inner, ike::PAYLOAD_SA);
    const IkeNoncePayload* ni = ike::FindBody<IkeNoncePayload>(inner, ike::PAYLOAD_NONCE);
    if (!saPayload || !ni || saPayload->proposals.empty() || sa != m_peer->sa
        || m_peer->state != ESTABLISHED)
    {
        Respond(sa,
                header,
                {ike::MakeNotify(sa != m_peer->sa ? ike::TEMPORARY_FAILURE : ike::INVALID_SYNTAX)},
                true);
        return;
    }
    std::vector<uint8_t> nonceR = NewNonce(); // drawn before either kind is looked at
    if (saPayload->proposals.front().protocolId == ike::PROTO_IKE)
    {
        HandleIkeRekeyRequest(sa, header, inner, nonceR);
        return;
    }
    HandleChildRekeyRequest(sa, header, inner, nonceR);
}

void
IkeSession::HandleIkeRekeyRequest(Ptr<IkeSa> sa,
                                  const IkeHeader& header,
                                  const std::vector<IkePayload>& inner,
                                  const std::vector<uint8_t>& nonceR)
{
    NS_LOG_FUNCTION(this << sa);
    // IKE SA rekey (RFC 7296 §1.3.2).
    const IkeSaPayload* saPayload = ike::FindBody<IkeSaPayload>(inner, ike::PAYLOAD_SA);
    const IkeNoncePayload* ni = ike::FindBody<IkeNoncePayload>(inner, ike::PAYLOAD_NONCE);
    const IkeKePayload* ke = ike::FindBody<IkeKePayload>(inner, ike::PAYLOAD_KE);
    IkeNoncePayload nr;
    nr.data = nonceR;
    IkeSaSuite suite{sa->GetChoice().encrKeyBits, sa->GetChoice().prf, m_suite.dhGroups};
    IkeSaChoice choice;
    IkeProposal accepted;
    if (!ke || !IkeProposals::ChooseIkeSa(*saPayload, suite, choice, accepted)
        || saPayload->proposals.front().spi.size() != 8)
    {
        Respond(sa, header, {ike::MakeNotify(ike::NO_PROPOSAL_CHOSEN)}, true);
        return;
    }
    if (ke->dhGroup != static_cast<uint16_t>(choice.dhGroup))
    {
        uint16_t g = static_cast<uint16_t>(choice.dhGroup);
        Respond(sa,
                header,
                {ike::MakeNotify(ike::INVALID_KE_PAYLOAD,
                                 {static_cast<uint8_t>(g >> 8), static_cast<uint8_t>(g)})},
                true);
        return;
    }
    DiffieHellman dh(choice.dhGroup);
    std::vector<uint8_t> gir;
    if (dh.GenerateKeyPair(MakeRandomBytesCallback(m_random)) != DhStatus::OK
        || dh.ComputeSharedSecret(ke->data, gir) != DhStatus::OK)
    {
        Respond(sa, header, {ike::MakeNotify(ike::INVALID_SYNTAX)}, true);
        return;
    }
    Ptr<IkeSa> next = Create<IkeSa>(false, ike::ReadSpi64(saPayload->proposals.front().spi));
    next->SetSpiR(NewIkeSpi());
    next->ni = ni->data;
    next->nr = nonceR;
    std::vector<uint8_t> skeyseed = IkeKeySchedule::ComputeRekeySkeyseed(
        sa->GetPrf(), sa->GetKeys().skD, gir, next->ni, next->nr);
    next->DeriveKeys(choice, skeyseed, next->ni, next->nr);
    accepted.spi = ike::Spi64(next->GetSpiR());
    IkeSaPayload answer;
    answer.proposals.push_back(accepted);
    IkeKePayload ourKe;
    ourKe.dhGroup = static_cast<uint16_t>(choice.dhGroup);
    ourKe.data = dh.GetPublicValue();
    Respond(sa,
            header,
            {IkePayload(ike::PAYLOAD_SA, answer),
             IkePayload(ike::PAYLOAD_NONCE, nr),
             IkePayload(ike::PAYLOAD_KE, ourKe)},
            true);
    m_keysTrace(next->GetSpiI(), next->GetSpiR(), next->GetKeys().skEi, next->GetKeys().skEr);
    ++m_ikeRekeys;
    m_ikeRekeyTrace(sa->GetSpiR(), next->GetSpiR());
    m_peer->SetOldSa(sa, false); // until the rekey's initiator deletes it (RFC 7296 §2.18)
    m_peer->sa = next;
}

void
IkeSession::HandleChildRekeyRequest(Ptr<IkeSa> sa,
                                    const IkeHeader& header,
                                    const std::vector<IkePayload>& inner,
                                    const std::vector<uint8_t>& nonceR)
{
    NS_LOG_FUNCTION(this << sa);
    const IkeSaPayload* saPayload = ike::FindBody<IkeSaPayload>(inner, ike::PAYLOAD_SA);
    const IkeNoncePayload* ni = ike::FindBody<IkeNoncePayload>(inner, ike::PAYLOAD_NONCE);
    const IkeKePayload* ke = ike::FindBody<IkeKePayload>(inner, ike::PAYLOAD_KE);
    IkeNoncePayload nr;
    nr.data = nonceR;
    // Child SA rekey (RFC 7296 §1.3.3); a new Child SA without REKEY_SA is not offered.
    const IkeNotifyPayload* rekey = ike::FindNotify(inner, ike::REKEY_SA);
    if (!rekey)
    {
        Respond(sa, header, {ike::MakeNotify(ike::NO_ADDITIONAL_SAS)}, true);
        return;
    }
    IkeChildSa* old = rekey->spi.size() == 4
                          ? m_peer->FindChildByOutbound(ike::ReadSpi32(rekey->spi))
                          : nullptr;
    if (!old)
    {
        IkeNotifyPayload n;
        n.protocolId = ike::PROTO_ESP;
        n.type = ike::CHILD_SA_NOT_FOUND;
        n.spi = rekey->spi;
        Respond(sa, header, {IkePayload(ike::PAYLOAD_NOTIFY, n)}, true);
        return;
    }
    uint16_t pfsGroup = ke ? ke->dhGroup : 0;
    DhGroup g;
    uint32_t peerSpi = 0;
    uint8_t number = 0;
    if ((ke
         && (!DhGroupFromId(ke->dhGroup, g)
             || std::find(m_suite.dhGroups.begin(), m_suite.dhGroups.end(), g)
                    == m_suite.dhGroups.end()))
        || !IkeProposals::MatchChildSa(*saPayload, m_childSuite, pfsGroup, peerSpi, number)
        || !AcceptTrafficSelectors(inner))
    {
        Respond(sa, header, {ike::MakeNotify(ike::NO_PROPOSAL_CHOSEN)}, true);
        return;
    }
    std::vector<uint8_t> gir;
    std::unique_ptr<DiffieHellman> dh;
    if (ke)
    {
        dh = std::make_unique<DiffieHellman>(g);
        if (dh->GenerateKeyPair(MakeRandomBytesCallback(m_random)) != DhStatus::OK
            || dh->ComputeSharedSecret(ke->data, gir) != DhStatus::OK)
        {
            Respond(sa, header, {ike::MakeNotify(ike::INVALID_SYNTAX)}, true);
            return;
        }
    }
    uint32_t oldIn = old->inSpi;
    uint32_t inSpi = NewChildSpi();
    IkeSaPayload answer = IkeProposals::OfferChildSa(m_childSuite, inSpi, pfsGroup);
    answer.proposals.front().number = number;
    std::vector<IkePayload> out;
    out.emplace_back(ike::PAYLOAD_SA, answer);
    out.emplace_back(ike::PAYLOAD_NONCE, nr);
    if (dh)
    {
        IkeKePayload ourKe;
        ourKe.dhGroup = pfsGroup;
        ourKe.data = dh->GetPublicValue();
        out.emplace_back(ike::PAYLOAD_KE, ourKe);
    }
    for (const auto& p : inner)
    {
        if (p.type == ike::PAYLOAD_TSI || p.type == ike::PAYLOAD_TSR)
        {
            out.push_back(p);
        }
    }
    // Make before break: accept the new inbound SA now, seal with the new outbound one once
    // the initiator deletes the old pair (it switches when it gets this response).
    InstallChildSa(sa, ni->data, nonceR, gir, inSpi, peerSpi, false, false);
    Respond(sa, header, out, true);
    ++m_childRekeys;
    m_childRekeyTrace(oldIn, inSpi);
}

} // namespace ns3
