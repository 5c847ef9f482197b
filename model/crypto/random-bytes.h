/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_RANDOM_BYTES_H
#define TCP_ENCAP_RANDOM_BYTES_H

#include "ns3/callback.h"
#include "ns3/deterministic-random.h"
#include "ns3/ptr.h"

#include <cstddef>
#include <cstdint>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief Where key generation, nonces and SPIs take their randomness: fill (buffer, size).
 *
 * A simulation passes a DeterministicRandom seeded from its ns-3 stream (see
 * MakeRandomBytesCallback), so that the same seed and run give the same keys; tests pass a
 * function returning fixed bytes.
 */
typedef Callback<void, uint8_t*, std::size_t> RandomBytesCallback;

/**
 * \param generator a deterministic generator (kept alive by the callback)
 * \return a callback drawing from it
 */
inline RandomBytesCallback
MakeRandomBytesCallback(Ptr<DeterministicRandom> generator)
{
    return MakeCallback(&DeterministicRandom::Generate, generator);
}

} // namespace ns3

#endif /* TCP_ENCAP_RANDOM_BYTES_H */
