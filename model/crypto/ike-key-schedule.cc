/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-key-schedule.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeKeySchedule");

namespace
{

/**
 * \param out where to append
 * \param spi an IKE SPI, appended in network byte order
 */
void
AppendSpi(std::vector<uint8_t>& out, uint64_t spi)
{
    for (int shift = 56; shift >= 0; shift -= 8)
    {
        out.push_back(static_cast<uint8_t>(spi >> shift));
    }
}

/**
 * \param a first part
 * \param b second part
 * \return a | b
 */
std::vector<uint8_t>
Concat(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b)
{
    std::vector<uint8_t> out;
    out.reserve(a.size() + b.size());
    out.insert(out.end(), a.begin(), a.end());
    out.insert(out.end(), b.begin(), b.end());
    return out;
}

/**
 * \param stream key stream
 * \param[in,out] pos read position
 * \param n bytes to take
 * \return the next n bytes
 */
std::vector<uint8_t>
Take(const std::vector<uint8_t>& stream, std::size_t& pos, std::size_t n)
{
    std::vector<uint8_t> out(stream.begin() + pos, stream.begin() + pos + n);
    pos += n;
    return out;
}

} // namespace

std::vector<uint8_t>
IkeKeySchedule::ComputeSkeyseed(IkePrf& prf,
                                const std::vector<uint8_t>& ni,
                                const std::vector<uint8_t>& nr,
                                const std::vector<uint8_t>& gir)
{
    NS_LOG_FUNCTION_NOARGS();
    return prf.Compute(Concat(ni, nr), gir);
}

IkeSaKeys
IkeKeySchedule::DeriveIkeSaKeys(IkePrf& prf,
                                const std::vector<uint8_t>& skeyseed,
                                const std::vector<uint8_t>& ni,
                                const std::vector<uint8_t>& nr,
                                uint64_t spiI,
                                uint64_t spiR,
                                std::size_t encrKeySize,
                                std::size_t integKeySize)
{
    NS_LOG_FUNCTION(spiI << spiR);
    std::vector<uint8_t> seed = Concat(ni, nr);
    AppendSpi(seed, spiI);
    AppendSpi(seed, spiR);
    const std::size_t prfKeySize = prf.GetOutputSize();
    std::vector<uint8_t> stream
        = prf.PrfPlus(skeyseed, seed, 3 * prfKeySize + 2 * integKeySize + 2 * encrKeySize);
    IkeSaKeys keys;
    std::size_t pos = 0;
    keys.skD = Take(stream, pos, prfKeySize);
    keys.skAi = Take(stream, pos, integKeySize);
    keys.skAr = Take(stream, pos, integKeySize);
    keys.skEi = Take(stream, pos, encrKeySize);
    keys.skEr = Take(stream, pos, encrKeySize);
    keys.skPi = Take(stream, pos, prfKeySize);
    keys.skPr = Take(stream, pos, prfKeySize);
    std::fill(stream.begin(), stream.end(), 0);
    return keys;
}

ChildSaKeys
IkeKeySchedule::DeriveChildSaKeys(IkePrf& prf,
                                  const std::vector<uint8_t>& skD,
                                  const std::vector<uint8_t>& ni,
                                  const std::vector<uint8_t>& nr,
                                  const std::vector<uint8_t>& gir,
                                  std::size_t keySizePerDirection)
{
    NS_LOG_FUNCTION_NOARGS();
    std::vector<uint8_t> stream
        = prf.PrfPlus(skD, Concat(gir, Concat(ni, nr)), 2 * keySizePerDirection);
    ChildSaKeys keys;
    std::size_t pos = 0;
    keys.initiatorToResponder = Take(stream, pos, keySizePerDirection);
    keys.responderToInitiator = Take(stream, pos, keySizePerDirection);
    std::fill(stream.begin(), stream.end(), 0);
    return keys;
}

std::vector<uint8_t>
IkeKeySchedule::ComputeRekeySkeyseed(IkePrf& prf,
                                     const std::vector<uint8_t>& oldSkD,
                                     const std::vector<uint8_t>& gir,
                                     const std::vector<uint8_t>& ni,
                                     const std::vector<uint8_t>& nr)
{
    NS_LOG_FUNCTION_NOARGS();
    return prf.Compute(oldSkD, Concat(gir, Concat(ni, nr)));
}

} // namespace ns3
