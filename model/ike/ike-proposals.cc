/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-proposals.h"

#include "ns3/log.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeProposals");

namespace
{
/** \param cipher an ESP transform \return its key length, bits */
uint16_t
KeyBits(EspCipher cipher)
{
    return cipher == EspCipher::AES_GCM_16_256 ? 256 : 128;
}

/** \param p a proposal \param type a transform type \return how many it has of that type */
std::size_t
Count(const IkeProposal& p, uint8_t type)
{
    return std::count_if(p.transforms.begin(),
                         p.transforms.end(),
                         [type](const IkeTransform& t)
                         {
                             return t.type == type;
                         });
}

/** \param p a proposal \param type a transform type \param id an ID \return whether offered */
bool
Offers(const IkeProposal& p, uint8_t type, uint16_t id, uint16_t keyBits = 0)
{
    return std::any_of(p.transforms.begin(),
                       p.transforms.end(),
                       [=](const IkeTransform& t)
                       {
                           return t.type == type && t.id == id
                                  && (keyBits == 0 || t.GetKeyLength() == keyBits);
                       });
}
} // namespace

IkeSaPayload
IkeProposals::OfferIkeSa(const IkeSaSuite& suite, const std::vector<uint8_t>& spi)
{
    NS_LOG_FUNCTION_NOARGS();
    IkeProposal p;
    p.number = 1;
    p.protocolId = ike::PROTO_IKE;
    p.spi = spi;
    p.transforms.push_back(
        IkeTransform::Make(ike::TRANSFORM_ENCR, ike::ENCR_AES_GCM_16, suite.encrKeyBits));
    p.transforms.push_back(
        IkeTransform::Make(ike::TRANSFORM_PRF, static_cast<uint16_t>(suite.prf)));
    for (DhGroup g : suite.dhGroups)
    {
        p.transforms.push_back(IkeTransform::Make(ike::TRANSFORM_DH, static_cast<uint16_t>(g)));
    }
    IkeSaPayload sa;
    sa.proposals.push_back(p);
    return sa;
}

bool
IkeProposals::ChooseIkeSa(const IkeSaPayload& offered,
                          const IkeSaSuite& suite,
                          IkeSaChoice& choice,
                          IkeProposal& accepted)
{
    NS_LOG_FUNCTION_NOARGS();
    for (const IkeProposal& p : offered.proposals)
    {
        if (p.protocolId != ike::PROTO_IKE
            || !Offers(p, ike::TRANSFORM_ENCR, ike::ENCR_AES_GCM_16, suite.encrKeyBits)
            || !Offers(p, ike::TRANSFORM_PRF, static_cast<uint16_t>(suite.prf)))
        {
            continue;
        }
        for (DhGroup g : suite.dhGroups)
        {
            if (Offers(p, ike::TRANSFORM_DH, static_cast<uint16_t>(g)))
            {
                choice.encrKeyBits = suite.encrKeyBits;
                choice.prf = suite.prf;
                choice.dhGroup = g;
                accepted = IkeProposal();
                accepted.number = p.number;
                accepted.protocolId = ike::PROTO_IKE;
                accepted.transforms = OfferIkeSa({choice.encrKeyBits, choice.prf, {g}}, {})
                                          .proposals.front()
                                          .transforms;
                return true;
            }
        }
    }
    return false;
}

bool
IkeProposals::AcceptIkeSa(const IkeSaPayload& answer,
                          const IkeSaSuite& suite,
                          IkeSaChoice& choice,
                          std::vector<uint8_t>& spi)
{
    NS_LOG_FUNCTION_NOARGS();
    if (answer.proposals.size() != 1)
    {
        return false;
    }
    const IkeProposal& p = answer.proposals.front();
    if (p.protocolId != ike::PROTO_IKE || Count(p, ike::TRANSFORM_ENCR) != 1
        || Count(p, ike::TRANSFORM_PRF) != 1 || Count(p, ike::TRANSFORM_DH) != 1
        || Count(p, ike::TRANSFORM_INTEG) > 1)
    {
        return false;
    }
    const IkeTransform* encr = p.Find(ike::TRANSFORM_ENCR);
    const IkeTransform* prf = p.Find(ike::TRANSFORM_PRF);
    const IkeTransform* dh = p.Find(ike::TRANSFORM_DH);
    const IkeTransform* integ = p.Find(ike::TRANSFORM_INTEG);
    DhGroup group;
    if (encr->id != ike::ENCR_AES_GCM_16 || encr->GetKeyLength() != suite.encrKeyBits
        || prf->id != static_cast<uint16_t>(suite.prf) || !DhGroupFromId(dh->id, group)
        || std::find(suite.dhGroups.begin(), suite.dhGroups.end(), group) == suite.dhGroups.end()
        || (integ && integ->id != ike::INTEG_NONE))
    {
        return false;
    }
    choice.encrKeyBits = suite.encrKeyBits;
    choice.prf = suite.prf;
    choice.dhGroup = group;
    spi = p.spi;
    return true;
}

IkeSaPayload
IkeProposals::OfferChildSa(const ChildSaSuite& suite, uint32_t spi, uint16_t pfsGroup)
{
    NS_LOG_FUNCTION_NOARGS();
    IkeProposal p;
    p.number = 1;
    p.protocolId = ike::PROTO_ESP;
    p.spi = {static_cast<uint8_t>(spi >> 24),
             static_cast<uint8_t>(spi >> 16),
             static_cast<uint8_t>(spi >> 8),
             static_cast<uint8_t>(spi)};
    p.transforms.push_back(
        IkeTransform::Make(ike::TRANSFORM_ENCR, ike::ENCR_AES_GCM_16, KeyBits(suite.cipher)));
    if (pfsGroup != 0)
    {
        p.transforms.push_back(IkeTransform::Make(ike::TRANSFORM_DH, pfsGroup));
    }
    p.transforms.push_back(
        IkeTransform::Make(ike::TRANSFORM_ESN, suite.esn ? ike::ESN_YES : ike::ESN_NO));
    IkeSaPayload sa;
    sa.proposals.push_back(p);
    return sa;
}

bool
IkeProposals::MatchChildSa(const IkeSaPayload& sa,
                           const ChildSaSuite& suite,
                           uint16_t pfsGroup,
                           uint32_t& peerSpi,
                           uint8_t& proposalNumber)
{
    NS_LOG_FUNCTION_NOARGS();
    for (const IkeProposal& p : sa.proposals)
    {
        if (p.protocolId != ike::PROTO_ESP || p.spi.size() != 4
            || !Offers(p, ike::TRANSFORM_ENCR, ike::ENCR_AES_GCM_16, KeyBits(suite.cipher))
            || !Offers(p, ike::TRANSFORM_ESN, suite.esn ? ike::ESN_YES : ike::ESN_NO)
            || (pfsGroup != 0 && !Offers(p, ike::TRANSFORM_DH, pfsGroup))
            || (pfsGroup == 0 && Count(p, ike::TRANSFORM_DH) > 0
                && !Offers(p, ike::TRANSFORM_DH, 0)))
        {
            continue;
        }
        peerSpi = (uint32_t{p.spi[0]} << 24) | (uint32_t{p.spi[1]} << 16)
                  | (uint32_t{p.spi[2]} << 8) | p.spi[3];
        if (peerSpi == 0)
        {
            continue;
        }
        proposalNumber = p.number;
        return true;
    }
    return false;
}

bool
IkeProposals::ParseDhGroupList(const std::string& list,
                               std::vector<DhGroup>& groups,
                               std::string& error)
{
    NS_LOG_FUNCTION_NOARGS();
    groups.clear();
    std::istringstream in(list);
    std::string name;
    while (std::getline(in, name, ','))
    {
        DhGroup g;
        if (!ParseDhGroup(name, g))
        {
            error = name;
            return false;
        }
        groups.push_back(g);
    }
    error = groups.empty() ? list : "";
    return !groups.empty();
}

} // namespace ns3
