/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-sa-payload.h"

#include "ns3/abort.h"
#include "ns3/ike-wire.h"
#include "ns3/log.h"

#include <tuple>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeSaPayload");

namespace
{

constexpr uint8_t LAST = 0;                 //!< Last Substruc: this is the last one
constexpr uint8_t MORE_PROPOSALS = 2;       //!< Last Substruc of a proposal with another after it
constexpr uint8_t MORE_TRANSFORMS = 3;      //!< Last Substruc of a transform with another after it
constexpr std::size_t PROPOSAL_HEADER = 8;  //!< fixed part of a proposal
constexpr std::size_t TRANSFORM_HEADER = 8; //!< fixed part of a transform
constexpr uint16_t AF_TV = 0x8000;          //!< attribute format bit

/**
 * \param data a transform's attribute bytes
 * \param size how many
 * \param[out] attributes what they hold
 * \return OK or BAD_ATTRIBUTE
 */
IkeParseError
ParseAttributes(const uint8_t* data,
                std::size_t size,
                std::vector<IkeTransformAttribute>& attributes)
{
    IkeReader r(data, size);
    while (r.GetRemaining() > 0)
    {
        IkeTransformAttribute a;
        uint16_t typeField = 0;
        uint16_t lengthOrValue = 0;
        if (!r.ReadU16(typeField) || !r.ReadU16(lengthOrValue))
        {
            return IkeParseError::BAD_ATTRIBUTE;
        }
        a.tv = (typeField & AF_TV) != 0;
        a.type = typeField & ~AF_TV;
        if (a.tv)
        {
            a.value = lengthOrValue;
        }
        else if (!r.ReadBytes(lengthOrValue, a.data))
        {
            return IkeParseError::BAD_ATTRIBUTE;
        }
        attributes.push_back(std::move(a));
    }
    return IkeParseError::OK;
}

/**
 * \param r reader positioned at a proposal's transforms, bounded by the proposal
 * \param count # of Transforms
 * \param[out] transforms what they hold
 * \return OK, BAD_PROPOSAL, BAD_TRANSFORM or BAD_ATTRIBUTE
 */
IkeParseError
ParseTransforms(IkeReader& r, uint8_t count, std::vector<IkeTransform>& transforms)
{
    for (unsigned i = 0; i < count; ++i)
    {
        uint8_t last = 0;
        uint8_t reserved = 0;
        uint16_t length = 0;
        IkeTransform t;
        if (r.GetRemaining() < TRANSFORM_HEADER)
        {
            return IkeParseError::BAD_TRANSFORM;
        }
        r.ReadU8(last);
        r.ReadU8(reserved);
        r.ReadU16(length);
        r.ReadU8(t.type);
        r.ReadU8(reserved);
        r.ReadU16(t.id);
        const bool isLast = i + 1 == count;
        if (length < TRANSFORM_HEADER || length - TRANSFORM_HEADER > r.GetRemaining()
            || last != (isLast ? LAST : MORE_TRANSFORMS))
        {
            return IkeParseError::BAD_TRANSFORM;
        }
        IkeParseError e = ParseAttributes(r.GetCurrent(), length - TRANSFORM_HEADER, t.attributes);
        if (e != IkeParseError::OK)
        {
            return e;
        }
        r.Skip(length - TRANSFORM_HEADER);
        transforms.push_back(std::move(t));
    }
    // The proposal's length must be exactly its transforms.
    return r.GetRemaining() == 0 ? IkeParseError::OK : IkeParseError::BAD_PROPOSAL;
}

} // namespace

IkeTransform
IkeTransform::Make(uint8_t type, uint16_t id, uint16_t keyLengthBits)
{
    NS_LOG_FUNCTION_NOARGS();
    IkeTransform t;
    t.type = type;
    t.id = id;
    if (keyLengthBits != 0)
    {
        IkeTransformAttribute a;
        a.type = ike::ATTRIBUTE_KEY_LENGTH;
        a.tv = true;
        a.value = keyLengthBits;
        t.attributes.push_back(a);
    }
    return t;
}

uint16_t
IkeTransform::GetKeyLength() const
{
    NS_LOG_FUNCTION(this);
    for (const auto& a : attributes)
    {
        if (a.type == ike::ATTRIBUTE_KEY_LENGTH && a.tv)
        {
            return a.value;
        }
    }
    return 0;
}

const IkeTransform*
IkeProposal::Find(uint8_t type) const
{
    NS_LOG_FUNCTION(this);
    for (const auto& t : transforms)
    {
        if (t.type == type)
        {
            return &t;
        }
    }
    return nullptr;
}

void
IkeSaPayload::SerializeBody(std::vector<uint8_t>& out) const
{
    NS_LOG_FUNCTION(this);
    IkeWriter w(out);
    for (std::size_t p = 0; p < proposals.size(); ++p)
    {
        const IkeProposal& proposal = proposals[p];
        NS_ABORT_MSG_IF(proposal.spi.size() > 255 || proposal.transforms.size() > 255,
                        "IKE proposal with an SPI or transform count beyond one byte");
        const std::size_t start = w.GetPosition();
        w.WriteU8(p + 1 == proposals.size() ? LAST : MORE_PROPOSALS);
        w.WriteU8(0);
        w.WriteU16(0); // Proposal Length, patched below
        w.WriteU8(proposal.number);
        w.WriteU8(proposal.protocolId);
        w.WriteU8(static_cast<uint8_t>(proposal.spi.size()));
        w.WriteU8(static_cast<uint8_t>(proposal.transforms.size()));
        w.WriteBytes(proposal.spi);
        for (std::size_t i = 0; i < proposal.transforms.size(); ++i)
        {
            const IkeTransform& t = proposal.transforms[i];
            const std::size_t tStart = w.GetPosition();
            w.WriteU8(i + 1 == proposal.transforms.size() ? LAST : MORE_TRANSFORMS);
            w.WriteU8(0);
            w.WriteU16(0); // Transform Length, patched below
            w.WriteU8(t.type);
            w.WriteU8(0);
            w.WriteU16(t.id);
            for (const auto& a : t.attributes)
            {
                w.WriteU16(static_cast<uint16_t>((a.type & ~AF_TV) | (a.tv ? AF_TV : 0)));
                if (a.tv)
                {
                    w.WriteU16(a.value);
                }
                else
                {
                    NS_ABORT_MSG_IF(a.data.size() > 0xffff, "IKE attribute value too long");
                    w.WriteU16(static_cast<uint16_t>(a.data.size()));
                    w.WriteBytes(a.data);
                }
            }
            NS_ABORT_MSG_IF(w.GetPosition() - tStart > 0xffff, "IKE transform too long");
            w.PatchU16(tStart + 2, static_cast<uint16_t>(w.GetPosition() - tStart));
        }
        NS_ABORT_MSG_IF(w.GetPosition() - start > 0xffff, "IKE proposal too long");
        w.PatchU16(start + 2, static_cast<uint16_t>(w.GetPosition() - start));
    }
}

IkeParseError
IkeSaPayload::ParseBody(const uint8_t* data, std::size_t size)
{
    NS_LOG_FUNCTION(this);
    proposals.clear();
    IkeReader r(data, size);
    if (size == 0)
    {
        return IkeParseError::BAD_PROPOSAL; // §3.3: one or more proposals
    }
    while (r.GetRemaining() > 0)
    {
        IkeProposal p;
        uint8_t last = 0;
        uint8_t reserved = 0;
        uint16_t length = 0;
        uint8_t spiSize = 0;
        uint8_t transformCount = 0;
        if (r.GetRemaining() < PROPOSAL_HEADER)
        {
            return IkeParseError::BAD_PROPOSAL;
        }
        r.ReadU8(last);
        r.ReadU8(reserved);
        r.ReadU16(length);
        r.ReadU8(p.number);
        r.ReadU8(p.protocolId);
        r.ReadU8(spiSize);
        r.ReadU8(transformCount);
        const std::size_t rest = length >= PROPOSAL_HEADER ? length - PROPOSAL_HEADER : 0;
        if (length < PROPOSAL_HEADER + spiSize || rest > r.GetRemaining())
        {
            return IkeParseError::BAD_PROPOSAL;
        }
        const bool isLast = rest == r.GetRemaining();
        if (last != (isLast ? LAST : MORE_PROPOSALS))
        {
            return IkeParseError::BAD_PROPOSAL;
        }
        IkeReader body(r.GetCurrent(), rest);
        body.ReadBytes(spiSize, p.spi);
        IkeParseError e = ParseTransforms(body, transformCount, p.transforms);
        if (e != IkeParseError::OK)
        {
            return e;
        }
        r.Skip(rest);
        proposals.push_back(std::move(p));
    }
    return IkeParseError::OK;
}

bool
operator==(const IkeTransformAttribute& a, const IkeTransformAttribute& b)
{
    return std::tie(a.type, a.tv, a.value, a.data) == std::tie(b.type, b.tv, b.value, b.data);
}

bool
operator==(const IkeTransform& a, const IkeTransform& b)
{
    return std::tie(a.type, a.id, a.attributes) == std::tie(b.type, b.id, b.attributes);
}

bool
operator==(const IkeProposal& a, const IkeProposal& b)
{
    return std::tie(a.number, a.protocolId, a.spi, a.transforms)
           == std::tie(b.number, b.protocolId, b.spi, b.transforms);
}

bool
operator==(const IkeSaPayload& a, const IkeSaPayload& b)
{
    return a.proposals == b.proposals;
}

} // namespace ns3
