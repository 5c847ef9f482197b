/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Seed corpora for the fuzz targets, from short simulations: ESP-in-TCP (both framings) and
// ESP-in-TLS-in-TCP runs of the remote-access scenario with the fuzzers' fixed keys. It keeps
// what the client sent on its outer TCP connection (after IKETCP) and the ESP packets it
// sealed. For the IKE targets, an ESP-in-UDP run keyed by IKEv2 (a Child SA rekey, an IKE SA
// rekey, liveness checks and a DELETE): every IKE message both sides sent, and, with the keys
// the IkeSaKeys trace gives, the plaintext of every protected one. It writes small files
// under OUT/<target>/:
//
//   tcp-encap-fuzz-make-corpus --out=fuzz/corpus
#include "fuzz-keys.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/tcp-encap-module.h"

#if __has_include("ns3/ike-message.h")
#    include "../test/ike-test-messages.h"
#    define TCP_ENCAP_HAVE_IKE 1
#endif

#include <fstream>
#include <map>
#include <set>
#include <sys/stat.h>
#include <tuple>

using namespace ns3;

namespace
{

/** What the client sent: outer TCP payload by sequence number, and sealed ESP packets. */
struct Capture
{
    uint16_t port{0};                                  //!< the gateway's TCP port
    std::map<uint32_t, std::vector<uint8_t>> segments; //!< payload by sequence number
    std::vector<std::vector<uint8_t>> esp;             //!< ESP packets sealed by the client

    /** \return the stream bytes in order (the run loses nothing) */
    std::vector<uint8_t>
    Stream() const
    {
        std::vector<uint8_t> s;
        for (const auto& [seq, bytes] : segments)
        {
            s.insert(s.end(), bytes.begin(), bytes.end());
        }
        return s;
    }
};

/** \param c the capture \param p an IPv4 packet the client sent */
void
OnIpTx(Capture* c, Ptr<const Packet> p, Ptr<Ipv4> /* ipv4 */, uint32_t /* interface */)
{
    Ptr<Packet> q = p->Copy();
    Ipv4Header ip;
    q->RemoveHeader(ip);
    if (ip.GetProtocol() != TcpL4Protocol::PROT_NUMBER)
    {
        return;
    }
    TcpHeader tcp;
    q->RemoveHeader(tcp);
    if (tcp.GetDestinationPort() != c->port || q->GetSize() == 0)
    {
        return;
    }
    std::vector<uint8_t> bytes(q->GetSize());
    q->CopyData(bytes.data(), bytes.size());
    c->segments[tcp.GetSequenceNumber().GetValue()] = bytes;
}

/** \param c the capture \param esp a packet the client sealed */
void
OnSeal(Capture* c, Ptr<const Packet> /* inner */, Ptr<const Packet> esp)
{
    if (c->esp.size() < 64)
    {
        std::vector<uint8_t> bytes(esp->GetSize());
        esp->CopyData(bytes.data(), bytes.size());
        c->esp.push_back(bytes);
    }
}

/**
 * \param mode "tcp" or "tls"
 * \param framing "rfc9329" or "draft-03"
 * \return what the client sent in 1.5 s of a bulk transfer
 */
Capture
Run(const std::string& mode, const std::string& framing)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    RemoteAccessTopologyParams params;
    RemoteAccessTopology topo(params);
    topo.Build();
    topo.AssignStreams(1);
    IpsecTunnelHelper helper;
    helper.AssignStreams(100);
    helper.SetManualKeys(tcpencapfuzz::ClientToGatewayKeys(), tcpencapfuzz::GatewayToClientKeys());
    helper.SetTransportType(mode == "tls" ? "ns3::TlsEncapTransport" : "ns3::TcpEncapTransport");
    helper.SetTransportAttribute("Framing", StringValue(framing));
    IpsecTunnel tunnel = helper.Install(topo.GetClient(),
                                        topo.GetClientAddress(),
                                        topo.GetGateway(),
                                        topo.GetGatewayAddress(),
                                        topo.GetProtectedNetwork(),
                                        topo.GetProtectedMask());
    Capture c;
    c.port = mode == "tls" ? 443 : 4500;
    tunnel.client->TraceConnectWithoutContext("EspSeal", MakeBoundCallback(&OnSeal, &c));
    topo.GetClient()->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "Tx", MakeBoundCallback(&OnIpTx, &c));

    uint32_t mss = RemoteAccessTopology::GetTcpSegmentSize(tunnel.client->GetTunnelMtu());
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(mss));
    PacketSinkHelper sink("ns3::TcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), 5001));
    sink.Install(topo.GetServer()).Start(Seconds(0));
    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(topo.GetServerAddress(), 5001));
    bulk.SetAttribute("MaxBytes", UintegerValue(200000));
    bulk.Install(topo.GetClient()).Start(Seconds(0.2));
    Simulator::Stop(Seconds(1.5));
    Simulator::Run();
    Simulator::Destroy();
    return c;
}

#ifdef TCP_ENCAP_HAVE_IKE
/** What both sides of an IKEv2 run over UDP sent: IKE messages, and the IKE SA keys. */
struct IkeCapture
{
    std::vector<std::vector<uint8_t>> messages; //!< IKE messages in order, both sides
    std::set<std::vector<uint8_t>> seen;        //!< to keep each message once
    /** SK_ei and SK_er by (SPIi, SPIr) */
    std::map<std::pair<uint64_t, uint64_t>, std::pair<std::vector<uint8_t>, std::vector<uint8_t>>>
        keys;
};

/** \param c the capture \param p an IPv4 packet a tunnel endpoint sent */
void
OnIkeIpTx(IkeCapture* c, Ptr<const Packet> p, Ptr<Ipv4> /* ipv4 */, uint32_t /* interface */)
{
    Ptr<Packet> q = p->Copy();
    Ipv4Header ip;
    q->RemoveHeader(ip);
    if (ip.GetProtocol() != UdpL4Protocol::PROT_NUMBER)
    {
        return;
    }
    UdpHeader udp;
    q->RemoveHeader(udp);
    std::vector<uint8_t> bytes(q->GetSize());
    q->CopyData(bytes.data(), bytes.size());
    // RFC 3948 §2.2: IKE on port 4500 follows the non-ESP marker (four zero bytes).
    const std::vector<uint8_t> marker(4, 0);
    if (udp.GetDestinationPort() != 4500 || bytes.size() <= marker.size()
        || !std::equal(marker.begin(), marker.end(), bytes.begin()))
    {
        return;
    }
    bytes.erase(bytes.begin(), bytes.begin() + marker.size());
    if (c->seen.insert(bytes).second)
    {
        c->messages.push_back(bytes);
    }
}

/** \param c the capture \param spiI SPIi \param spiR SPIr \param ei SK_ei \param er SK_er */
void
OnIkeSaKeys(IkeCapture* c,
            uint64_t spiI,
            uint64_t spiR,
            const std::vector<uint8_t>& ei,
            const std::vector<uint8_t>& er)
{
    c->keys[{spiI, spiR}] = {ei, er};
}

/**
 * \return what an IKEv2-keyed ESP-in-UDP run of 6 s sent: IKE_SA_INIT, IKE_AUTH, a bulk
 * transfer, a Child SA rekey (ChildLifetime 1.5 s) and an IKE SA rekey (IkeLifetime 3 s), then
 * idle: liveness checks (LivenessInterval 1 s), and a DELETE of the IKE SA at 5 s
 */
IkeCapture
RunIke()
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    RemoteAccessTopologyParams params;
    RemoteAccessTopology topo(params);
    topo.Build();
    topo.AssignStreams(1);
    IpsecTunnelHelper helper;
    helper.AssignStreams(100);
    helper.SetKeying(IpsecTunnelHelper::IKEV2);
    helper.SetIkeAttribute("ChildLifetime", TimeValue(Seconds(1.5)));
    helper.SetIkeAttribute("IkeLifetime", TimeValue(Seconds(3)));
    helper.SetIkeAttribute("LivenessInterval", TimeValue(Seconds(1)));
    IpsecTunnel tunnel = helper.Install(topo.GetClient(),
                                        topo.GetClientAddress(),
                                        topo.GetGateway(),
                                        topo.GetGatewayAddress(),
                                        topo.GetProtectedNetwork(),
                                        topo.GetProtectedMask());
    IkeCapture c;
    Ptr<IkeSession> ike = tunnel.client->GetIkeSession();
    NS_ABORT_MSG_UNLESS(ike, "no IKE session");
    ike->TraceConnectWithoutContext("IkeSaKeys", MakeBoundCallback(&OnIkeSaKeys, &c));
    for (Ptr<Node> node : {topo.GetClient(), topo.GetGateway()})
    {
        node->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
            "Tx", MakeBoundCallback(&OnIkeIpTx, &c));
    }
    Simulator::Schedule(Seconds(5), &IkeSession::Delete, ike);

    uint32_t mss = RemoteAccessTopology::GetTcpSegmentSize(tunnel.client->GetTunnelMtu());
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(mss));
    PacketSinkHelper sink("ns3::TcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), 5001));
    sink.Install(topo.GetServer()).Start(Seconds(0));
    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(topo.GetServerAddress(), 5001));
    bulk.SetAttribute("MaxBytes", UintegerValue(200000));
    bulk.Install(topo.GetClient()).Start(Seconds(0.2));
    Simulator::Stop(Seconds(6));
    Simulator::Run();
    Simulator::Destroy();
    return c;
}

/** A protected IKE message, opened with the run's keys. */
struct Opened
{
    IkeMessage message;         //!< parsed
    std::size_t ivOffset{0};    //!< where the SK payload's IV starts
    std::vector<uint8_t> plain; //!< inner chain | padding | Pad Length
};

/**
 * \param c the capture
 * \param bytes an IKE message
 * \param[out] o the message opened
 * \return whether it is a protected message whose keys the run traced, and it opened
 */
bool
OpenWithRunKeys(const IkeCapture& c, const std::vector<uint8_t>& bytes, Opened& o)
{
    IkeParseResult r = IkeMessage::Parse(bytes);
    NS_ABORT_MSG_UNLESS(r.IsOk(), "the simulator sent an IKE message Parse refuses");
    const auto& payloads = r.message.GetPayloads();
    if (payloads.empty() || payloads.back().type != ike::PAYLOAD_SK)
    {
        return false; // IKE_SA_INIT
    }
    const IkeHeader& h = r.message.GetHeader();
    auto k = c.keys.find({h.spiI, h.spiR});
    NS_ABORT_MSG_IF(k == c.keys.end(), "a protected IKE message of an IKE SA without keys");
    const std::vector<uint8_t>& keySalt = h.IsInitiator() ? k->second.first : k->second.second;
    const std::size_t skSize = payloads.back().Get<IkeSkPayload>()->data.size();
    o.message = r.message;
    o.ivOffset = bytes.size() - skSize;
    AesGcm gcm(std::vector<uint8_t>(keySalt.begin(), keySalt.end() - 4));
    std::vector<uint8_t> nonce(keySalt.end() - 4, keySalt.end());
    nonce.insert(nonce.end(), bytes.begin() + o.ivOffset, bytes.begin() + o.ivOffset + 8);
    const std::size_t cipherLen = skSize - 8 - AesGcm::TAG_SIZE;
    o.plain.resize(cipherLen);
    const uint8_t* cipher = bytes.data() + o.ivOffset + 8;
    return gcm.Open(nonce.data(),
                    bytes.data(),
                    o.ivOffset,
                    cipher,
                    cipherLen,
                    cipher + cipherLen,
                    o.plain.data());
}

/**
 * \param o a message opened with the run's keys
 * \param bytes the message
 * \return the same message sealed with the fuzzer's fixed keys (same header, IV and padding)
 */
std::vector<uint8_t>
Reseal(const Opened& o, std::vector<uint8_t> bytes)
{
    std::vector<uint8_t> keySalt
        = o.message.GetHeader().IsInitiator() ? tcpencapfuzz::IkeSkEi() : tcpencapfuzz::IkeSkEr();
    AesGcm gcm(std::vector<uint8_t>(keySalt.begin(), keySalt.end() - 4));
    std::vector<uint8_t> nonce(keySalt.end() - 4, keySalt.end());
    nonce.insert(nonce.end(), bytes.begin() + o.ivOffset, bytes.begin() + o.ivOffset + 8);
    NS_ABORT_UNLESS(gcm.Seal(nonce.data(),
                             bytes.data(),
                             o.ivOffset,
                             o.plain.data(),
                             o.plain.size(),
                             bytes.data() + o.ivOffset + 8));
    return bytes;
}

/** \param type an exchange type \return its name, for file names */
std::string
ExchangeName(uint8_t type)
{
    switch (type)
    {
        case ike::IKE_SA_INIT:
            return "ike-sa-init";
        case ike::IKE_AUTH:
            return "ike-auth";
        case ike::CREATE_CHILD_SA:
            return "create-child-sa";
        case ike::INFORMATIONAL:
            return "informational";
    }
    return "exchange-" + std::to_string(type);
}
#endif

/** \param path a file \param bytes its content */
void
Write(const std::string& path, const std::vector<uint8_t>& bytes)
{
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

/** \param head a prefix \param body bytes \return head | body */
std::vector<uint8_t>
Cat(std::vector<uint8_t> head, const std::vector<uint8_t>& body)
{
    head.insert(head.end(), body.begin(), body.end());
    return head;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string out = "fuzz/corpus";
    CommandLine cmd(__FILE__);
    cmd.AddValue("out", "corpus directory (one folder per target is written in it)", out);
    cmd.Parse(argc, argv);
    for (const char* d : {"", "/deframer", "/esp-open", "/tls-record", "/ike-message", "/ike-sk"})
    {
        ::mkdir((out + d).c_str(), 0755);
    }

    // Deframer: byte 0 framing (and maximum 65535), byte 1 number of chunk sizes, then the
    // stream after the IKETCP prefix; the first 3000 bytes, and a cut mid-stream.
    for (const char* framing : {"rfc9329", "draft-03"})
    {
        Capture c = Run("tcp", framing);
        std::vector<uint8_t> s = c.Stream();
        NS_ABORT_MSG_IF(s.size() < 6000, "too little captured");
        s.erase(s.begin(), s.begin() + IKETCP_PREFIX.size());
        uint8_t v = std::string(framing) == "draft-03" ? 1 : 0;
        std::string base = out + "/deframer/" + framing;
        Write(base + "-start", Cat({v, 0}, {s.begin(), s.begin() + 3000}));
        Write(base + "-chunks", Cat({v, 3, 1, 7, 200}, {s.begin(), s.begin() + 3000}));
        Write(base + "-mid", Cat({v, 1, 100}, {s.begin() + 2001, s.begin() + 5000}));
        if (v == 0)
        {
            // ESP: the client's first packets (pure ACKs, SYN) and full-sized ones.
            for (std::size_t i : {0, 1, 2, 10, 30})
            {
                Write(out + "/esp-open/sealed-" + std::to_string(i), Cat({0}, c.esp.at(i)));
            }
            Write(out + "/esp-open/mutate-one-byte", {1, 0x05, 0xDC, 0, 0, 20, 0x80});
            Write(out + "/esp-open/mutate-truncate", {1, 0x00, 0x28, 0, 0xFF, 40});
        }
    }

    // TLS: mode 0 with what the client sent (ClientHello, Finished, records), whole and in
    // small chunks; mode 1 with the records after the handshake; mode 2 mutations.
    Capture t = Run("tls", "rfc9329");
    std::vector<uint8_t> s = t.Stream();
    NS_ABORT_MSG_IF(s.size() < 3000, "too little captured");
    Write(out + "/tls-record/client-flight", Cat({0, 0}, {s.begin(), s.begin() + 2000}));
    Write(out + "/tls-record/client-flight-chunks", Cat({0, 5}, {s.begin(), s.begin() + 2000}));
    Write(out + "/tls-record/records", Cat({1, 0}, {s.end() - 2000, s.end()}));
    Write(out + "/tls-record/mutate", {2, 0, 200, 0, 1, 0x01});
    Write(out + "/tls-record/mutate-length", {2, 0, 10, 0, 3, 0x40});

#ifdef TCP_ENCAP_HAVE_IKE
    // IKE messages: the codec tests' IKE_SA_INIT and IKE_AUTH requests (both payload chains in
    // the clear), and every message of the IKEv2 run. Named by exchange, request or response,
    // and order.
    Write(out + "/ike-message/sa-init-request", tcpencaptest::MakeSaInitRequest().Serialize());
    Write(out + "/ike-message/auth-request", tcpencaptest::MakeAuthRequest().Serialize());
    IkeCapture ike = RunIke();
    NS_ABORT_MSG_IF(ike.messages.size() < 10, "too few IKE messages");
    std::map<std::string, int> count;
    std::set<std::tuple<uint8_t, bool, std::vector<uint8_t>, std::size_t>> innerKinds;
    for (const std::vector<uint8_t>& m : ike.messages)
    {
        IkeHeader h;
        NS_ABORT_UNLESS(h.Parse(m.data(), m.size()) == IkeParseError::OK);
        std::string name
            = ExchangeName(h.exchangeType) + (h.IsResponse() ? "-response" : "-request");
        name += "-" + std::to_string(++count[name]);
        Write(out + "/ike-message/sim-" + name, m);

        // IKE SK: each protected message once per exchange, direction, inner payload types and
        // size: even mode, sealed again with the fixed keys; odd mode, its inner chain.
        Opened o;
        if (!OpenWithRunKeys(ike, m, o))
        {
            continue;
        }
        std::vector<uint8_t> types;
        uint8_t first = o.message.GetPayloads().back().Get<IkeSkPayload>()->firstInnerPayload;
        std::size_t padLength = o.plain.back();
        NS_ABORT_UNLESS(padLength + 1 <= o.plain.size());
        std::vector<uint8_t> chain(o.plain.begin(), o.plain.end() - padLength - 1);
        std::vector<IkePayload> inner;
        NS_ABORT_UNLESS(IkeMessage::ParsePayloads(first, chain.data(), chain.size(), inner).IsOk());
        for (const IkePayload& p : inner)
        {
            types.push_back(p.type);
        }
        if (!innerKinds.insert({h.exchangeType, h.IsResponse(), types, chain.size()}).second)
        {
            continue;
        }
        Write(out + "/ike-sk/sim-" + name, Cat({0}, Reseal(o, m)));
        std::vector<uint8_t> head{1,
                                  first,
                                  static_cast<uint8_t>(padLength),
                                  0,
                                  static_cast<uint8_t>(chain.size() >> 8),
                                  static_cast<uint8_t>(chain.size())};
        Write(out + "/ike-sk/inner-" + name, Cat(head, chain));
    }
    // Odd mode with changes: one flipped bit in the ICV, a truncation, an extension.
    Write(out + "/ike-sk/mutate-icv", {1, 0, 0, 0, 0, 0, 0x00, 0x2C, 0x01});
    Write(out + "/ike-sk/mutate-truncate", {1, 0, 0, 0, 0, 0, 0xFF, 0x00, 0x20});
    Write(out + "/ike-sk/mutate-extend", {1, 0, 0, 0, 0, 0, 0xFE, 0x04, 0x00});
#endif
    return 0;
}
