/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IKE_PAYLOAD_UTIL_H
#define TCP_ENCAP_IKE_PAYLOAD_UTIL_H

#include "ns3/ike-payloads.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace ike
{

/**
 * \ingroup tcp-encap
 * \brief Small helpers the IkeSession files share: building a Notify, finding payloads in a
 * chain, SPIs as bytes. Header-only; none of them is on a per-packet (ESP) path.
 */

/** \param type a Notify type \param data its data \return a Notify payload about the IKE SA */
inline IkePayload
MakeNotify(uint16_t type, std::vector<uint8_t> data = {})
{
    IkeNotifyPayload n;
    n.type = type;
    n.data = std::move(data);
    return IkePayload(ike::PAYLOAD_NOTIFY, n);
}

/** \param payloads a chain \param type a payload type \return the first body of that type */
template<class T>
const T*
FindBody(const std::vector<IkePayload>& payloads, uint8_t type)
{
    for (const auto& p : payloads)
    {
        if (p.type == type)
        {
            return p.Get<T>();
        }
    }
    return nullptr;
}

/** \param payloads a chain \param type a Notify type \return the first such Notify */
inline const IkeNotifyPayload*
FindNotify(const std::vector<IkePayload>& payloads, uint16_t type)
{
    for (const auto& p : payloads)
    {
        const IkeNotifyPayload* n = p.Get<IkeNotifyPayload>();
        if (p.type == ike::PAYLOAD_NOTIFY && n && n->type == type)
        {
            return n;
        }
    }
    return nullptr;
}

/** \param payloads a chain \return the first error Notify's type, or 0 */
inline uint16_t
FirstError(const std::vector<IkePayload>& payloads)
{
    for (const auto& p : payloads)
    {
        const IkeNotifyPayload* n = p.Get<IkeNotifyPayload>();
        if (p.type == ike::PAYLOAD_NOTIFY && n && n->IsError())
        {
            return n->type;
        }
    }
    return 0;
}

/** \param v 4 bytes, big-endian \return the value */
inline uint32_t
ReadSpi32(const std::vector<uint8_t>& v)
{
    return (uint32_t{v[0]} << 24) | (uint32_t{v[1]} << 16) | (uint32_t{v[2]} << 8) | v[3];
}

/** \param spi a value \return 4 bytes, big-endian */
inline std::vector<uint8_t>
Spi32(uint32_t spi)
{
    return {static_cast<uint8_t>(spi >> 24),
            static_cast<uint8_t>(spi >> 16),
            static_cast<uint8_t>(spi >> 8),
            static_cast<uint8_t>(spi)};
}

/** \param spi a value \return 8 bytes, big-endian */
inline std::vector<uint8_t>
Spi64(uint64_t spi)
{
    std::vector<uint8_t> v(8);
    for (int i = 0; i < 8; ++i)
    {
        v[i] = static_cast<uint8_t>(spi >> (56 - 8 * i));
    }
    return v;
}

/** \param v 8 bytes, big-endian \return the value */
inline uint64_t
ReadSpi64(const std::vector<uint8_t>& v)
{
    uint64_t x = 0;
    for (int i = 0; i < 8; ++i)
    {
        x = (x << 8) | v[i];
    }
    return x;
}

} // namespace ike
} // namespace ns3

#endif /* TCP_ENCAP_IKE_PAYLOAD_UTIL_H */
