/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_TEST_IKE_TEST_MESSAGES_H
#define TCP_ENCAP_TEST_IKE_TEST_MESSAGES_H

#include "ns3/deterministic-random.h"
#include "ns3/diffie-hellman.h"
#include "ns3/ike-message.h"
#include "ns3/ike-proposals.h"
#include "ns3/packet.h"
#include "ns3/random-bytes.h"

#include <array>
#include <cstdint>
#include <vector>

namespace ns3
{
namespace tcpencaptest
{

/** \param n size \param first first byte \return n bytes first, first+1, ... */
inline std::vector<uint8_t>
Counting(std::size_t n, uint8_t first)
{
    std::vector<uint8_t> v(n);
    for (std::size_t i = 0; i < n; ++i)
    {
        v[i] = static_cast<uint8_t>(first + i);
    }
    return v;
}

/** \return an IKE_SA_INIT request as a client offers it: SA, KE, Ni, two NAT notifies */
inline IkeMessage
MakeSaInitRequest()
{
    IkeHeader h;
    h.spiI = 0x8a3c5e7f01020304ULL;
    h.spiR = 0;
    h.exchangeType = ike::IKE_SA_INIT;
    h.flags = ike::FLAG_INITIATOR;
    h.messageId = 0;
    IkeMessage m(h);

    IkeProposal p;
    p.number = 1;
    p.protocolId = ike::PROTO_IKE;
    p.transforms = {
        IkeTransform::Make(ike::TRANSFORM_ENCR, ike::ENCR_AES_GCM_16, 256),
        IkeTransform::Make(ike::TRANSFORM_ENCR, ike::ENCR_AES_GCM_16, 128),
        IkeTransform::Make(ike::TRANSFORM_PRF, ike::PRF_HMAC_SHA2_256),
        IkeTransform::Make(ike::TRANSFORM_PRF, ike::PRF_HMAC_SHA2_384),
        IkeTransform::Make(ike::TRANSFORM_DH, ike::DH_CURVE25519),
        IkeTransform::Make(ike::TRANSFORM_DH, ike::DH_ECP_256),
        IkeTransform::Make(ike::TRANSFORM_DH, ike::DH_MODP_2048),
    };
    IkeProposal p2 = p;
    p2.number = 2;
    p2.transforms.resize(3);
    m.AddPayload(IkePayload(ike::PAYLOAD_SA, IkeSaPayload{{p, p2}}));
    m.AddPayload(IkePayload(ike::PAYLOAD_KE, IkeKePayload{ike::DH_CURVE25519, Counting(32, 0x40)}));
    m.AddPayload(IkePayload(ike::PAYLOAD_NONCE, IkeNoncePayload{Counting(32, 0x90)}));
    m.AddPayload(
        IkePayload(ike::PAYLOAD_NOTIFY,
                   IkeNotifyPayload{0, ike::NAT_DETECTION_SOURCE_IP, {}, Counting(20, 0x10)}));
    m.AddPayload(
        IkePayload(ike::PAYLOAD_NOTIFY,
                   IkeNotifyPayload{0, ike::NAT_DETECTION_DESTINATION_IP, {}, Counting(20, 0x20)}));
    return m;
}

/** \return the payloads an IKE_AUTH request carries inside its SK payload, and then some */
inline std::vector<IkePayload>
MakeAuthInnerPayloads()
{
    std::vector<IkePayload> v;
    IkeIdPayload id;
    id.idType = ike::ID_FQDN;
    id.data = {'c', 'l', 'i', 'e', 'n', 't'};
    v.emplace_back(ike::PAYLOAD_IDI, id);
    v.emplace_back(ike::PAYLOAD_CERT, IkeCertPayload{ike::CERT_X509_SIGNATURE, Counting(300, 1)});
    v.emplace_back(ike::PAYLOAD_CERTREQ, IkeCertPayload{ike::CERT_X509_SIGNATURE, Counting(20, 9)});
    v.emplace_back(ike::PAYLOAD_AUTH, IkeAuthPayload{ike::AUTH_SHARED_KEY_MIC, Counting(32, 3)});
    v.emplace_back(ike::PAYLOAD_NOTIFY, IkeNotifyPayload{0, ike::MOBIKE_SUPPORTED, {}, {}});
    IkeProposal esp;
    esp.number = 1;
    esp.protocolId = ike::PROTO_ESP;
    esp.spi = {0xc1, 0x00, 0x00, 0x2a};
    esp.transforms = {IkeTransform::Make(ike::TRANSFORM_ENCR, ike::ENCR_AES_GCM_16, 128),
                      IkeTransform::Make(ike::TRANSFORM_ESN, ike::ESN_NO),
                      IkeTransform::Make(ike::TRANSFORM_ESN, ike::ESN_YES)};
    v.emplace_back(ike::PAYLOAD_SA, IkeSaPayload{{esp}});
    IkeTsPayload tsi;
    tsi.selectors
        = {IkeTrafficSelector::Ipv4Range(Ipv4Address("10.8.0.2"), Ipv4Address("10.8.0.2")),
           IkeTrafficSelector::Ipv4Range(
               Ipv4Address("10.1.1.0"), Ipv4Address("10.1.1.255"), 6, 1024, 65535)};
    IkeTsPayload tsr;
    tsr.selectors
        = {IkeTrafficSelector::Ipv4Range(Ipv4Address("10.1.3.0"), Ipv4Address("10.1.3.255"))};
    v.emplace_back(ike::PAYLOAD_TSI, tsi);
    v.emplace_back(ike::PAYLOAD_TSR, tsr);
    v.emplace_back(ike::PAYLOAD_NOTIFY,
                   IkeNotifyPayload{ike::PROTO_ESP, ike::REKEY_SA, {1, 2, 3, 4}, {}});
    IkeDeletePayload del;
    del.protocolId = ike::PROTO_ESP;
    del.spiSize = 4;
    del.spis = {{0, 0, 0, 1}, {0xff, 0xee, 0xdd, 0xcc}};
    v.emplace_back(ike::PAYLOAD_DELETE, del);
    return v;
}

/** \return an IKE_AUTH request whose SK payload holds MakeAuthInnerPayloads in clear */
inline IkeMessage
MakeAuthRequest()
{
    IkeHeader h;
    h.spiI = 0x8a3c5e7f01020304ULL;
    h.spiR = 0x1122334455667788ULL;
    h.exchangeType = ike::IKE_AUTH;
    h.flags = ike::FLAG_INITIATOR;
    h.messageId = 1;
    IkeMessage m(h);
    std::vector<IkePayload> inner = MakeAuthInnerPayloads();
    IkeSkPayload sk;
    sk.firstInnerPayload = inner.front().type;
    sk.data = IkeMessage::SerializePayloads(inner); // stands in for IV | ciphertext | ICV
    m.AddPayload(IkePayload(ike::PAYLOAD_SK, sk));
    return m;
}

/** \param bytes an IKE message \return a packet of it */
inline Ptr<Packet>
ToPacket(const std::vector<uint8_t>& bytes)
{
    return Create<Packet>(bytes.data(), bytes.size());
}

/**
 * \param spiI the SPIi to use
 * \param seed first byte of the generator's seed
 * \return a well-formed IKE_SA_INIT request (SA, KE with a fresh X25519 key, Nonce) that anyone
 *         on the path could send: nothing in it is authenticated
 */
inline std::vector<uint8_t>
ForgedInitRequest(uint64_t spiI, uint8_t seed)
{
    std::array<uint8_t, DeterministicRandom::SEED_SIZE> bytes{};
    bytes[0] = seed;
    Ptr<DeterministicRandom> random = Create<DeterministicRandom>(bytes);
    DiffieHellman dh(DhGroup::CURVE25519);
    dh.GenerateKeyPair(MakeRandomBytesCallback(random));
    IkeHeader h;
    h.spiI = spiI;
    h.exchangeType = ike::IKE_SA_INIT;
    h.flags = ike::FLAG_INITIATOR;
    IkeMessage m(h);
    m.AddPayload(IkePayload(ike::PAYLOAD_SA, IkeProposals::OfferIkeSa(IkeSaSuite(), {})));
    IkeKePayload ke;
    ke.dhGroup = static_cast<uint16_t>(DhGroup::CURVE25519);
    ke.data = dh.GetPublicValue();
    m.AddPayload(IkePayload(ike::PAYLOAD_KE, ke));
    IkeNoncePayload nonce;
    nonce.data.assign(32, seed);
    m.AddPayload(IkePayload(ike::PAYLOAD_NONCE, nonce));
    return m.Serialize();
}

} // namespace tcpencaptest
} // namespace ns3

#endif /* TCP_ENCAP_TEST_IKE_TEST_MESSAGES_H */
