/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// libFuzzer target: the receive path of the IKEv2 Encrypted payload (RFC 7296 §3.14, RFC 5282
// AES-GCM-16), IkeSkProtection with a fixed IKE SA (fuzz/fuzz-keys.h).
//
// Every message is received as the IKE SA receives it (IkeSession::Receive, IkeSa::Unprotect):
// IkeMessage::Parse, then IkeSkProtection::Open by the side it is addressed to (the I flag set:
// sent by the original initiator, opened by the responder with SK_ei; clear: by the initiator
// with SK_er), which decrypts and reads the inner chain with ParsePayloads.
//
// Byte 0 chooses the mode:
//  - even: the rest is a received IKE message;
//  - odd: the rest is a plaintext inner chain, sealed into a message with a fixed header (an
//    IKE_AUTH request of the initiator, IV 1) and received, so that the inner payload parser
//    runs behind the real decryption. Byte 1: the first inner type (the SK payload's Next
//    Payload); byte 2: bytes of padding; byte 3: XORed into the Pad Length (0: it tells the
//    truth); bytes 4-5: the chain's length; the chain; then mutations of the sealed message:
//    0xFF a b truncates to (a b) modulo its size, 0xFE a b appends a bytes of value b, then
//    (position, xor) triples.
//
// Invariants, for every message received:
//  - a refused message names its error at an offset inside it; Open's status is named;
//  - Open agrees with a reference written from RFC 5282 on AES-GCM alone (no SK payload, too
//    short, ICV, Pad Length, inner chain) and, when OK, returns exactly the payloads that
//    ParsePayloads reads from the authenticated plaintext;
//  - a message that opens is genuine: sealing its plaintext again with the same IV and AAD
//    gives its ciphertext and ICV byte for byte; with IV 1, no padding, nothing before the SK
//    payload, its flags byte zero and an inner chain without reserved bits set,
//    IkeSkProtection::Seal of its payloads gives the whole message back (the header keeps
//    every bit read);
//  - the inner chain is a fixed point: Serialize(ParsePayloads(x)) has the size of x, parses to
//    the same payloads and serializes to itself (x may differ in reserved bits, RFC 7296 §3).
// And in the odd mode: the unchanged message opens to exactly its plaintext's outcome; any
// change fails, refused by Parse or reported by Open as ICV_FAILURE, TOO_SHORT or
// NO_SK_PAYLOAD, never as decrypted (OK, BAD_PADDING, BAD_PAYLOADS).
#include "fuzz-check.h"
#include "fuzz-keys.h"

#include "ns3/aes-gcm.h"
#include "ns3/ike-message.h"
#include "ns3/ike-sk-protection.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

using namespace ns3;

namespace
{

/** \param keySalt key | salt \return the key */
std::vector<uint8_t>
Key(const std::vector<uint8_t>& keySalt)
{
    return std::vector<uint8_t>(keySalt.begin(), keySalt.end() - IkeSkProtection::SALT_SIZE);
}

/** The reference: AES-GCM per direction, keyed once (AES-GCM keeps no state between calls). */
struct Reference
{
    AesGcm fromInitiator{Key(tcpencapfuzz::IkeSkEi())}; //!< SK_ei
    AesGcm fromResponder{Key(tcpencapfuzz::IkeSkEr())}; //!< SK_er
};

/** \return the reference, made once */
Reference&
GetReference()
{
    static Reference reference;
    return reference;
}

/** What the reference expects of a parsed message. */
struct Expected
{
    IkeSkStatus status{IkeSkStatus::NO_SK_PAYLOAD}; //!< outcome
    std::size_t ivOffset{0};                        //!< where the IV starts
    std::vector<uint8_t> nonce;                     //!< salt | IV
    std::vector<uint8_t> plain;                     //!< decrypted, when authentic
    std::vector<IkePayload> inner;                  //!< the inner chain, when OK
};

/**
 * \param bytes a message that Parse accepted
 * \param message what it parsed to
 * \return what opening it must give, from RFC 7296 §3.14 and RFC 5282
 */
Expected
Expect(const std::vector<uint8_t>& bytes, const IkeMessage& message)
{
    Expected e;
    const auto& payloads = message.GetPayloads();
    if (payloads.empty() || payloads.back().type != ike::PAYLOAD_SK)
    {
        return e;
    }
    const IkeSkPayload* sk = payloads.back().Get<IkeSkPayload>();
    FUZZ_CHECK(sk != nullptr, "an SK payload without an SK body");
    // Find the SK payload by walking the generic headers (§3.2) from the IKE header.
    std::size_t at = IkeHeader::SIZE;
    uint8_t type = message.GetHeader().nextPayload;
    while (type != ike::PAYLOAD_SK)
    {
        FUZZ_CHECK(at + IkeMessage::PAYLOAD_HEADER_SIZE <= bytes.size(), "walk outside");
        type = bytes[at];
        at += std::size_t{bytes[at + 2]} << 8 | bytes[at + 3];
    }
    e.ivOffset = at + IkeMessage::PAYLOAD_HEADER_SIZE;
    FUZZ_CHECK(e.ivOffset + sk->data.size() == bytes.size(), "the SK body is not the end");
    // IV (8), at least the Pad Length (1), ICV (16).
    if (sk->data.size() < IkeSkProtection::IV_SIZE + 1 + AesGcm::TAG_SIZE)
    {
        e.status = IkeSkStatus::TOO_SHORT;
        return e;
    }
    const bool fromInitiator = message.GetHeader().IsInitiator();
    std::vector<uint8_t> keySalt
        = fromInitiator ? tcpencapfuzz::IkeSkEi() : tcpencapfuzz::IkeSkEr();
    e.nonce.assign(keySalt.end() - IkeSkProtection::SALT_SIZE, keySalt.end());
    e.nonce.insert(e.nonce.end(),
                   bytes.begin() + e.ivOffset,
                   bytes.begin() + e.ivOffset + IkeSkProtection::IV_SIZE);
    const std::size_t cipherAt = e.ivOffset + IkeSkProtection::IV_SIZE;
    const std::size_t cipherLen = bytes.size() - cipherAt - AesGcm::TAG_SIZE;
    e.plain.resize(cipherLen);
    AesGcm& gcm = fromInitiator ? GetReference().fromInitiator : GetReference().fromResponder;
    if (!gcm.Open(e.nonce.data(),
                  bytes.data(),
                  e.ivOffset, // AAD: the IKE header and every payload up to the IV
                  bytes.data() + cipherAt,
                  cipherLen,
                  bytes.data() + cipherAt + cipherLen,
                  e.plain.data()))
    {
        e.plain.clear();
        e.status = IkeSkStatus::ICV_FAILURE;
        return e;
    }
    const std::size_t padLength = e.plain.back();
    if (padLength + 1 > e.plain.size())
    {
        e.status = IkeSkStatus::BAD_PADDING;
        return e;
    }
    IkeParseResult r = IkeMessage::ParsePayloads(
        sk->firstInnerPayload, e.plain.data(), e.plain.size() - padLength - 1, e.inner);
    FUZZ_CHECK(r.error < IkeParseError::COUNT, "an inner outcome without a name");
    e.status = r.IsOk() ? IkeSkStatus::OK : IkeSkStatus::BAD_PAYLOADS;
    return e;
}

/** \param inner an inner chain that ParsePayloads accepted: check the fixed point */
void
CheckFixedPoint(const std::vector<IkePayload>& inner, std::size_t chainSize)
{
    std::vector<uint8_t> y = IkeMessage::SerializePayloads(inner);
    FUZZ_CHECK(y.size() == chainSize, "Serialize(ParsePayloads(x)) changed the size");
    std::vector<IkePayload> again;
    uint8_t first = inner.empty() ? ike::PAYLOAD_NONE : inner.front().type;
    IkeParseResult r = IkeMessage::ParsePayloads(first, y.data(), y.size(), again);
    FUZZ_CHECK(r.IsOk(), "SerializePayloads produced what ParsePayloads refuses");
    FUZZ_CHECK(again == inner, "ParsePayloads(SerializePayloads(p)) != p");
    FUZZ_CHECK(IkeMessage::SerializePayloads(again) == y, "the inner chain is no fixed point");
}

/** What receiving a message gave. */
struct Outcome
{
    bool parsed{false};                             //!< Parse accepted it
    IkeSkStatus status{IkeSkStatus::NO_SK_PAYLOAD}; //!< Open's outcome, when parsed
    std::vector<IkePayload> inner;                  //!< the inner payloads, when OK
};

/**
 * \brief Receive a message as the IKE SA does, and check every invariant that holds for any
 * message.
 * \param bytes the message, exactly its size
 * \return what happened
 */
Outcome
Receive(const std::vector<uint8_t>& bytes)
{
    Outcome o;
    IkeParseResult r = IkeMessage::Parse(bytes);
    FUZZ_CHECK(r.error < IkeParseError::COUNT, "an outcome without a name");
    if (!r.IsOk())
    {
        FUZZ_CHECK(r.offset <= bytes.size(), "an error offset outside the input");
        return o;
    }
    o.parsed = true;
    const IkeMessage& message = r.message;
    const bool fromInitiator = message.GetHeader().IsInitiator();
    // The receiving side: its out key is its own, its in key the sender's.
    IkeSkProtection receiver(fromInitiator ? tcpencapfuzz::IkeSkEr() : tcpencapfuzz::IkeSkEi(),
                             fromInitiator ? tcpencapfuzz::IkeSkEi() : tcpencapfuzz::IkeSkEr());
    o.status = receiver.Open(bytes, message, o.inner);
    FUZZ_CHECK(std::strcmp(ToString(o.status), "?") != 0, "a status without a name");
    Expected e = Expect(bytes, message);
    FUZZ_CHECK(o.status == e.status, "Open disagrees with the reference");
    if (o.status != IkeSkStatus::OK)
    {
        return o;
    }
    FUZZ_CHECK(o.inner == e.inner, "Open returned other payloads than the plaintext holds");

    // Genuine: the same plaintext, IV and AAD seal to the same ciphertext and ICV.
    const std::size_t cipherAt = e.ivOffset + IkeSkProtection::IV_SIZE;
    std::vector<uint8_t> resealed(e.plain.size() + AesGcm::TAG_SIZE);
    AesGcm& gcm = fromInitiator ? GetReference().fromInitiator : GetReference().fromResponder;
    FUZZ_CHECK(gcm.Seal(e.nonce.data(),
                        bytes.data(),
                        e.ivOffset,
                        e.plain.data(),
                        e.plain.size(),
                        resealed.data()),
               "reseal");
    FUZZ_CHECK(std::equal(resealed.begin(), resealed.end(), bytes.begin() + cipherAt),
               "a message opened that its key did not seal");

    const std::size_t chainSize = e.plain.size() - e.plain.back() - 1;
    CheckFixedPoint(o.inner, chainSize);

    // The model's own Seal gives the whole message back when nothing it would write
    // differently is in it: IV 1 (a fresh sender's first), no padding, the SK payload alone
    // and not critical, no reserved bits set in the inner chain.
    const std::vector<uint8_t> chain(e.plain.begin(), e.plain.begin() + chainSize);
    const std::vector<uint8_t> ivOne{0, 0, 0, 0, 0, 0, 0, 1};
    const bool firstIv = std::equal(ivOne.begin(), ivOne.end(), bytes.begin() + e.ivOffset);
    const uint8_t skFlags = bytes[e.ivOffset - 3]; // Critical bit and RESERVED: both zero
    if (firstIv && e.plain.back() == 0 && message.GetPayloads().size() == 1 && skFlags == 0
        && IkeMessage::SerializePayloads(o.inner) == chain)
    {
        IkeSkProtection sender(fromInitiator ? tcpencapfuzz::IkeSkEi() : tcpencapfuzz::IkeSkEr(),
                               fromInitiator ? tcpencapfuzz::IkeSkEr() : tcpencapfuzz::IkeSkEi());
        FUZZ_CHECK(sender.Seal(message.GetHeader(), o.inner) == bytes,
                   "Seal of the opened payloads is not the message");
    }
    return o;
}

/** The fixed header of the odd mode: the initiator's IKE_AUTH request. */
IkeHeader
FixedHeader()
{
    IkeHeader h;
    h.spiI = tcpencapfuzz::IKE_SPI_I;
    h.spiR = tcpencapfuzz::IKE_SPI_R;
    h.exchangeType = ike::IKE_AUTH;
    h.flags = ike::FLAG_INITIATOR;
    h.messageId = 1;
    return h;
}

/**
 * \brief Seal a plaintext as the initiator, IV 1, written from RFC 7296 §3.14 (so that any
 * bytes can be inside, not only payloads IkeSkProtection::Seal takes).
 * \param firstType the SK payload's Next Payload
 * \param plain inner chain | padding | Pad Length
 * \return the whole message
 */
std::vector<uint8_t>
SealRaw(uint8_t firstType, const std::vector<uint8_t>& plain)
{
    const std::size_t skLength = IkeMessage::PAYLOAD_HEADER_SIZE + IkeSkProtection::IV_SIZE
                                 + plain.size() + AesGcm::TAG_SIZE;
    std::vector<uint8_t> out;
    IkeHeader h = FixedHeader();
    h.nextPayload = ike::PAYLOAD_SK;
    h.length = static_cast<uint32_t>(IkeHeader::SIZE + skLength);
    h.Serialize(out);
    out.push_back(firstType);
    out.push_back(0); // not critical
    out.push_back(static_cast<uint8_t>(skLength >> 8));
    out.push_back(static_cast<uint8_t>(skLength));
    const std::size_t ivOffset = out.size();
    std::vector<uint8_t> salt = tcpencapfuzz::IkeSkEi();
    std::vector<uint8_t> nonce(salt.end() - IkeSkProtection::SALT_SIZE, salt.end());
    for (std::size_t i = 0; i < IkeSkProtection::IV_SIZE; ++i)
    {
        uint8_t b = i + 1 == IkeSkProtection::IV_SIZE ? 1 : 0;
        out.push_back(b);
        nonce.push_back(b);
    }
    out.resize(out.size() + plain.size() + AesGcm::TAG_SIZE);
    FUZZ_CHECK(GetReference().fromInitiator.Seal(nonce.data(),
                                                 out.data(),
                                                 ivOffset,
                                                 plain.data(),
                                                 plain.size(),
                                                 out.data() + ivOffset + IkeSkProtection::IV_SIZE),
               "seal");
    return out;
}

void
SealAndOpen(const uint8_t* data, size_t size)
{
    if (size < 5)
    {
        return;
    }
    const uint8_t firstType = data[0];
    const std::size_t padding = data[1];
    const uint8_t padLengthField = static_cast<uint8_t>(padding ^ data[2]);
    std::size_t chainSize = std::min<std::size_t>(std::size_t{data[3]} << 8 | data[4], size - 5);
    const uint8_t* chain = data + 5;
    std::vector<uint8_t> plain(chain, chain + chainSize);
    for (std::size_t i = 0; i < padding; ++i)
    {
        plain.push_back(static_cast<uint8_t>(0xA0 + i));
    }
    plain.push_back(padLengthField);
    if (IkeHeader::SIZE + IkeMessage::PAYLOAD_HEADER_SIZE + IkeSkProtection::IV_SIZE + plain.size()
            + AesGcm::TAG_SIZE
        > 0xFFFF)
    {
        return; // the SK payload's Length has 16 bits
    }
    const std::vector<uint8_t> sealed = SealRaw(firstType, plain);

    // The model's Seal makes the same message of the same payloads.
    std::vector<IkePayload> payloads;
    if (padding == 0 && padLengthField == 0
        && IkeMessage::ParsePayloads(firstType, chain, chainSize, payloads).IsOk()
        && IkeMessage::SerializePayloads(payloads)
               == std::vector<uint8_t>(chain, chain + chainSize))
    {
        IkeSkProtection sender(tcpencapfuzz::IkeSkEi(), tcpencapfuzz::IkeSkEr());
        FUZZ_CHECK(sender.Seal(FixedHeader(), payloads) == sealed,
                   "IkeSkProtection::Seal differs from RFC 7296 §3.14");
    }

    std::vector<uint8_t> changed = sealed;
    const uint8_t* m = data + 5 + chainSize;
    std::size_t left = size - 5 - chainSize;
    if (left >= 3 && m[0] == 0xFF)
    {
        changed.resize((std::size_t{m[1]} << 8 | m[2]) % changed.size());
        m += 3;
        left -= 3;
    }
    else if (left >= 3 && m[0] == 0xFE)
    {
        changed.insert(changed.end(), m[1], m[2]);
        m += 3;
        left -= 3;
    }
    for (; left >= 3 && !changed.empty(); m += 3, left -= 3)
    {
        changed[(std::size_t{m[0]} << 8 | m[1]) % changed.size()] ^= m[2];
    }

    Outcome o = Receive(changed);
    if (changed == sealed)
    {
        FUZZ_CHECK(o.parsed, "Parse refused a sealed message");
        // Exactly what the plaintext holds (BAD_PADDING and BAD_PAYLOADS included).
        IkeSkStatus want = IkeSkStatus::BAD_PADDING;
        std::vector<IkePayload> inner;
        if (std::size_t{padLengthField} + 1 <= plain.size())
        {
            bool ok = IkeMessage::ParsePayloads(
                          firstType, plain.data(), plain.size() - padLengthField - 1, inner)
                          .IsOk();
            want = ok ? IkeSkStatus::OK : IkeSkStatus::BAD_PAYLOADS;
        }
        FUZZ_CHECK(o.status == want, "a sealed message did not open to its plaintext");
        FUZZ_CHECK(o.status != IkeSkStatus::OK || o.inner == inner,
                   "a sealed message opened to other payloads");
    }
    else if (o.parsed)
    {
        FUZZ_CHECK(o.status == IkeSkStatus::ICV_FAILURE || o.status == IkeSkStatus::TOO_SHORT
                       || o.status == IkeSkStatus::NO_SK_PAYLOAD,
                   "a changed message was decrypted");
    }
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
    {
        return 0;
    }
    if (data[0] & 1)
    {
        SealAndOpen(data + 1, size - 1);
    }
    else
    {
        Receive(std::vector<uint8_t>(data + 1, data + size)); // exact size
    }
    return 0;
}
