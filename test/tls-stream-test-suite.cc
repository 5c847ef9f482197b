/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// TlsStream between two instances over memory: handshakes (TLS 1.3 and 1.2, ECDSA and RSA,
// with and without certificate verification, resumed), data both ways, record overhead and
// sizing, corrupted records, the key log, and byte-for-byte determinism.
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/tls-context.h"
#include "ns3/tls-stream.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/** \param i offset \return a pattern byte */
uint8_t
Pattern(size_t i)
{
    return static_cast<uint8_t>((i * 7 + i / 251) & 0xFF);
}

/** \param n size \param from first offset \return pattern bytes */
std::vector<uint8_t>
PatternBytes(size_t n, size_t from = 0)
{
    std::vector<uint8_t> v(n);
    for (size_t i = 0; i < n; ++i)
    {
        v[i] = Pattern(from + i);
    }
    return v;
}

/** What one side received. */
struct Collector
{
    std::vector<uint8_t> data; //!< plaintext received
    bool done{false};          //!< handshake completed

    /** \param d bytes \param n count */
    void
    Data(const uint8_t* d, uint32_t n)
    {
        data.insert(data.end(), d, d + n);
    }

    /** handshake done */
    void
    Done()
    {
        done = true;
    }
};

/** Context parameters of a test pair. */
struct PairConfig
{
    TlsVersion version{TLS_VERSION_1_3};    //!< version
    TlsKeyType keyType{TLS_KEY_ECDSA_P256}; //!< server key
    bool resumption{false};                 //!< tickets
    bool verify{false};                     //!< client verifies
    bool trust{true};                       //!< client trusts the server's certificate
    uint8_t seed{1};                        //!< generator seeds
    std::string keyLog;                     //!< key log path
};

/** A server and a client context. */
struct Contexts
{
    Ptr<TlsContext> server; //!< server side
    Ptr<TlsContext> client; //!< client side

    /** \param c parameters */
    explicit Contexts(const PairConfig& c)
    {
        TlsConfig sc;
        sc.server = true;
        sc.version = c.version;
        sc.keyType = c.keyType;
        sc.resumption = c.resumption;
        TlsConfig cc = sc;
        cc.server = false;
        cc.verifyPeer = c.verify;
        cc.keyLogFile = c.keyLog;
        std::array<uint8_t, DeterministicRandom::SEED_SIZE> s1{};
        std::array<uint8_t, DeterministicRandom::SEED_SIZE> s2{};
        s1[0] = c.seed;
        s2[0] = c.seed;
        s2[1] = 1;
        server = Create<TlsContext>(sc, Create<DeterministicRandom>(s1));
        client = Create<TlsContext>(cc, Create<DeterministicRandom>(s2));
        if (c.trust)
        {
            client->AddTrustedCertificate(server->GetCertificateDer());
        }
    }
};

/** Two streams joined by memory, and the transcript of what crossed. */
struct Pair
{
    std::unique_ptr<TlsStream> server; //!< server stream
    std::unique_ptr<TlsStream> client; //!< client stream
    Collector s;                       //!< server received
    Collector c;                       //!< client received
    std::vector<uint8_t> c2s;          //!< bytes client to server
    std::vector<uint8_t> s2c;          //!< bytes server to client
    bool serverOk{true};               //!< server never failed
    bool clientOk{true};               //!< client never failed

    /** \param ctx the contexts */
    explicit Pair(const Contexts& ctx)
        : server(std::make_unique<TlsStream>(ctx.server))
        , client(std::make_unique<TlsStream>(ctx.client))
    {
        server->SetCallbacks(MakeCallback(&Collector::Done, &s),
                             MakeCallback(&Collector::Data, &s));
        client->SetCallbacks(MakeCallback(&Collector::Done, &c),
                             MakeCallback(&Collector::Data, &c));
        clientOk = client->Start();
        Pump();
    }

    /** \param from a stream \return its whole output */
    static std::vector<uint8_t>
    Take(TlsStream& from)
    {
        std::vector<uint8_t> out(from.GetPendingOutput());
        out.resize(from.ReadOutput(out.data(), static_cast<uint32_t>(out.size())));
        return out;
    }

    /** \brief Move output both ways until nothing moves. */
    void
    Pump()
    {
        bool moved = true;
        while (moved)
        {
            moved = false;
            std::vector<uint8_t> out = Take(*client);
            if (!out.empty())
            {
                c2s.insert(c2s.end(), out.begin(), out.end());
                serverOk = server->Receive(out.data(), out.size()) && serverOk;
                moved = true;
            }
            out = Take(*server);
            if (!out.empty())
            {
                s2c.insert(s2c.end(), out.begin(), out.end());
                clientOk = client->Receive(out.data(), out.size()) && clientOk;
                moved = true;
            }
        }
    }
};

/** \param v version \return its name */
std::string
Name(TlsVersion v)
{
    return v == TLS_VERSION_1_3 ? "TLS 1.3" : "TLS 1.2";
}

/** Handshake, data both ways, record overhead, counters. */
class TlsStreamDataTest : public TestCase
{
  public:
    /** \param version version \param keyType server key */
    TlsStreamDataTest(TlsVersion version, TlsKeyType keyType)
        : TestCase(Name(version) + (keyType == TLS_KEY_RSA_2048 ? " RSA-2048" : " ECDSA P-256")
                   + ": handshake, data both ways, record overhead and counts")
        , m_version(version)
        , m_keyType(keyType)
    {
    }

  private:
    void
    DoRun() override
    {
        PairConfig pc;
        pc.version = m_version;
        pc.keyType = m_keyType;
        Contexts ctx(pc);
        Pair p(ctx);
        NS_TEST_ASSERT_MSG_EQ((p.serverOk && p.clientOk), true, "no failure");
        NS_TEST_ASSERT_MSG_EQ((p.c.done && p.s.done), true, "both handshakes done");
        std::string version = m_version == TLS_VERSION_1_3 ? "TLSv1.3" : "TLSv1.2";
        NS_TEST_ASSERT_MSG_EQ(p.client->GetVersionName(), version, "negotiated version");
        uint32_t o = p.client->GetRecordOverhead();
        NS_TEST_ASSERT_MSG_EQ(o, (m_version == TLS_VERSION_1_3 ? 22u : 29u), "record overhead");
        NS_TEST_ASSERT_MSG_EQ(p.server->GetRecordOverhead(), o, "same on both sides");

        // Data both ways; a 40000-byte write makes three records.
        std::vector<uint8_t> sent;
        size_t offset = 0;
        for (size_t n : {1, 1000, 40000})
        {
            std::vector<uint8_t> chunk = PatternBytes(n, offset);
            uint32_t before = p.client->GetPendingOutput();
            NS_TEST_ASSERT_MSG_EQ(p.client->Write(chunk.data(), n), true, "write");
            uint32_t records
                = (n + TlsStream::MAX_RECORD_PLAINTEXT - 1) / TlsStream::MAX_RECORD_PLAINTEXT;
            NS_TEST_ASSERT_MSG_EQ(p.client->GetPendingOutput() - before,
                                  n + records * o,
                                  "ciphertext = plaintext + overhead per record");
            sent.insert(sent.end(), chunk.begin(), chunk.end());
            offset += n;
        }
        std::vector<uint8_t> back = PatternBytes(5000, 99);
        p.server->Write(back.data(), back.size());
        p.Pump();
        NS_TEST_ASSERT_MSG_EQ((p.s.data == sent), true, "client to server intact");
        NS_TEST_ASSERT_MSG_EQ((p.c.data == back), true, "server to client intact");

        // GetMaxPlaintext is the most one write can take within the room.
        for (uint32_t room : {0u, 22u, 23u, 30u, 100u, 16406u, 16413u, 16414u, 16436u, 50000u})
        {
            uint32_t t = p.client->GetMaxPlaintext(room);
            auto cost = [o](uint64_t n)
            {
                return n
                       + (n + TlsStream::MAX_RECORD_PLAINTEXT - 1) / TlsStream::MAX_RECORD_PLAINTEXT
                             * o;
            };
            NS_TEST_ASSERT_MSG_EQ((cost(t) <= room), true, "fits, room " << room);
            NS_TEST_ASSERT_MSG_EQ((cost(t + 1) > room), true, "and one more would not, " << room);
        }

        // Counts agree with what crossed, and overhead is per record.
        for (const TlsStream* side : {p.client.get(), p.server.get()})
        {
            const TlsCounters& k = side->GetCounters();
            NS_TEST_ASSERT_MSG_EQ(k.recordBytesTx - k.handshakeBytesTx - k.plainBytesTx,
                                  (k.recordsTx - k.handshakeRecordsTx) * o,
                                  "application records: plaintext + overhead each, sent");
            NS_TEST_ASSERT_MSG_EQ(k.recordBytesRx - k.handshakeBytesRx - k.plainBytesRx,
                                  (k.recordsRx - k.handshakeRecordsRx) * o,
                                  "and received");
            NS_TEST_ASSERT_MSG_GT(k.handshakeBytesTx, 0, "handshake bytes counted");
        }
        const TlsCounters& cc = p.client->GetCounters();
        const TlsCounters& sc = p.server->GetCounters();
        NS_TEST_ASSERT_MSG_EQ(cc.recordBytesTx, p.c2s.size(), "client record bytes = sent");
        NS_TEST_ASSERT_MSG_EQ(sc.recordBytesRx, p.c2s.size(), "= server received");
        NS_TEST_ASSERT_MSG_EQ(sc.recordBytesTx, p.s2c.size(), "server record bytes = sent");
        NS_TEST_ASSERT_MSG_EQ(cc.plainBytesTx, 41001, "client plaintext");
        NS_TEST_ASSERT_MSG_EQ(sc.plainBytesRx, 41001, "server plaintext");
        NS_TEST_ASSERT_MSG_EQ(cc.recordsTx - cc.handshakeRecordsTx, 5, "1 + 1 + 3 records");
        NS_TEST_ASSERT_MSG_EQ(ctx.client->GetCounters().handshakes, 1, "one handshake");
        NS_TEST_ASSERT_MSG_EQ(
            ctx.client->GetCounters().recordBytesTx, cc.recordBytesTx, "context totals follow");
        Simulator::Destroy();
    }

    TlsVersion m_version; //!< version
    TlsKeyType m_keyType; //!< server key
};

/** A flipped byte in a record is detected, reported, and answered with an alert. */
class TlsStreamCorruptionTest : public TestCase
{
  public:
    /** \param version version \param at byte of the record to flip */
    TlsStreamCorruptionTest(TlsVersion version, uint32_t at)
        : TestCase(Name(version) + ": flipped byte " + std::to_string(at)
                   + " of a record fails the stream with an alert")
        , m_version(version)
        , m_at(at)
    {
    }

  private:
    void
    DoRun() override
    {
        PairConfig pc;
        pc.version = m_version;
        Contexts ctx(pc);
        Pair p(ctx);
        std::vector<uint8_t> data = PatternBytes(1000);
        p.client->Write(data.data(), data.size());
        std::vector<uint8_t> record = Pair::Take(*p.client);
        NS_TEST_ASSERT_MSG_EQ(record.size(), 1000 + p.client->GetRecordOverhead(), "one record");
        record[m_at] ^= 0x01;
        NS_TEST_ASSERT_MSG_EQ(p.server->Receive(record.data(), record.size()), false, "detected");
        NS_TEST_ASSERT_MSG_EQ(p.server->HasFailed(), true, "failed");
        NS_TEST_ASSERT_MSG_EQ(p.server->GetError().empty(), false, "reason kept");
        NS_TEST_ASSERT_MSG_EQ(p.s.data.size(), 0, "nothing delivered");
        NS_TEST_ASSERT_MSG_EQ(p.server->GetCounters().errors, 1, "counted");
        NS_TEST_ASSERT_MSG_GT(p.server->GetPendingOutput(), 0, "an alert waits");
        std::vector<uint8_t> alert = Pair::Take(*p.server);
        NS_TEST_ASSERT_MSG_EQ(p.client->Receive(alert.data(), alert.size()), false, "alert");
        NS_TEST_ASSERT_MSG_EQ(p.client->HasFailed(), true, "the client failed too");
        NS_TEST_ASSERT_MSG_EQ(p.server->Write(data.data(), 10), false, "no writes after");
        NS_TEST_ASSERT_MSG_EQ(p.server->GetMaxPlaintext(10000), 0, "no room after");
        Simulator::Destroy();
    }

    TlsVersion m_version; //!< version
    uint32_t m_at;        //!< byte flipped
};

/** With verification the client accepts the trusted certificate and rejects another. */
class TlsStreamVerifyTest : public TestCase
{
  public:
    TlsStreamVerifyTest()
        : TestCase("certificate verification: trusted passes, untrusted fails the handshake")
    {
    }

  private:
    void
    DoRun() override
    {
        PairConfig pc;
        pc.verify = true;
        {
            Contexts ctx(pc);
            Pair p(ctx);
            NS_TEST_ASSERT_MSG_EQ((p.clientOk && p.c.done), true, "trusted certificate");
        }
        pc.trust = false;
        Contexts ctx(pc);
        Pair p(ctx);
        NS_TEST_ASSERT_MSG_EQ(p.clientOk, false, "untrusted: the client fails");
        NS_TEST_ASSERT_MSG_EQ(p.c.done, false, "no handshake");
        NS_TEST_ASSERT_MSG_EQ(p.serverOk, false, "the server got the alert");
        Simulator::Destroy();
    }
};

/** The second connection resumes the first one's session, with a shorter handshake. */
class TlsStreamResumptionTest : public TestCase
{
  public:
    /** \param version version */
    explicit TlsStreamResumptionTest(TlsVersion version)
        : TestCase(Name(version) + ": session resumption")
        , m_version(version)
    {
    }

  private:
    void
    DoRun() override
    {
        PairConfig pc;
        pc.version = m_version;
        pc.resumption = true;
        Contexts ctx(pc);
        Pair first(ctx);
        NS_TEST_ASSERT_MSG_EQ(first.client->IsResumed(), false, "first: full handshake");
        NS_TEST_ASSERT_MSG_EQ(ctx.client->HasSession(), true, "a ticket arrived");
        Pair second(ctx);
        NS_TEST_ASSERT_MSG_EQ((second.clientOk && second.serverOk), true, "no failure");
        NS_TEST_ASSERT_MSG_EQ(second.client->IsResumed(), true, "second: resumed");
        NS_TEST_ASSERT_MSG_EQ(second.server->IsResumed(), true, "on both sides");
        NS_TEST_ASSERT_MSG_LT(second.s2c.size(), first.s2c.size(), "no certificate this time");
        NS_TEST_ASSERT_MSG_EQ(ctx.client->GetCounters().resumptions, 1, "counted");
        NS_TEST_ASSERT_MSG_EQ(ctx.client->GetCounters().handshakes, 2, "two handshakes");
        std::vector<uint8_t> data = PatternBytes(3000);
        second.client->Write(data.data(), data.size());
        second.Pump();
        NS_TEST_ASSERT_MSG_EQ((second.s.data == data), true, "data after resumption");
        Simulator::Destroy();
    }

    TlsVersion m_version; //!< version
};

/** NSS key log lines for each version. */
class TlsStreamKeyLogTest : public TestCase
{
  public:
    TlsStreamKeyLogTest()
        : TestCase("key log in NSS format")
    {
    }

  private:
    void
    DoRun() override
    {
        for (TlsVersion v : {TLS_VERSION_1_3, TLS_VERSION_1_2})
        {
            std::string path = CreateTempDirFilename("keylog-" + Name(v) + ".txt");
            std::remove(path.c_str());
            PairConfig pc;
            pc.version = v;
            pc.keyLog = path;
            {
                Contexts ctx(pc);
                Pair p(ctx);
            }
            std::ifstream in(path);
            std::string label;
            std::string random;
            std::string secret;
            std::vector<std::string> labels;
            while (in >> label >> random >> secret)
            {
                labels.push_back(label);
                NS_TEST_ASSERT_MSG_EQ(random.size(), 64, "32-byte client random in hex");
                NS_TEST_ASSERT_MSG_GT_OR_EQ(secret.size(), 64, "secret in hex");
            }
            std::vector<std::string> expected
                = v == TLS_VERSION_1_3 ? std::vector<std::string>{"SERVER_HANDSHAKE_TRAFFIC_SECRET",
                                                                  "EXPORTER_SECRET",
                                                                  "SERVER_TRAFFIC_SECRET_0",
                                                                  "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
                                                                  "CLIENT_TRAFFIC_SECRET_0"}
                                       : std::vector<std::string>{"CLIENT_RANDOM"};
            for (const auto& e : expected)
            {
                NS_TEST_ASSERT_MSG_EQ(std::count(labels.begin(), labels.end(), e),
                                      1,
                                      Name(v) << ": one " << e << " line");
            }
            NS_TEST_ASSERT_MSG_EQ(labels.size(), expected.size(), "nothing else");
        }
        Simulator::Destroy();
    }
};

/** Same seeds, same bytes on the wire (full and resumed handshakes); other seeds, others. */
class TlsStreamDeterminismTest : public TestCase
{
  public:
    TlsStreamDeterminismTest()
        : TestCase("same seeds, same bytes; other seeds, other bytes")
    {
    }

  private:
    /** \param seed seeds \param v version \return everything that crossed */
    static std::vector<uint8_t>
    Transcript(uint8_t seed, TlsVersion v)
    {
        PairConfig pc;
        pc.seed = seed;
        pc.version = v;
        pc.resumption = true;
        Contexts ctx(pc);
        std::vector<uint8_t> all;
        for (int i = 0; i < 2; ++i)
        {
            Pair p(ctx);
            std::vector<uint8_t> data = PatternBytes(2000);
            p.client->Write(data.data(), data.size());
            p.Pump();
            all.insert(all.end(), p.c2s.begin(), p.c2s.end());
            all.insert(all.end(), p.s2c.begin(), p.s2c.end());
        }
        return all;
    }

    void
    DoRun() override
    {
        for (TlsVersion v : {TLS_VERSION_1_3, TLS_VERSION_1_2})
        {
            std::vector<uint8_t> a = Transcript(1, v);
            std::vector<uint8_t> b = Transcript(1, v);
            std::vector<uint8_t> c = Transcript(2, v);
            NS_TEST_ASSERT_MSG_EQ((a == b), true, Name(v) << ": same seeds, same bytes");
            NS_TEST_ASSERT_MSG_EQ((a == c), false, Name(v) << ": other seeds, other bytes");
        }
        Simulator::Destroy();
    }
};

/** The TlsStream suite. */
class TlsStreamTestSuite : public TestSuite
{
  public:
    TlsStreamTestSuite()
        : TestSuite("tcp-encap-tls-stream", Type::UNIT)
    {
        AddTestCase(new TlsStreamDataTest(TLS_VERSION_1_3, TLS_KEY_ECDSA_P256),
                    TestCase::Duration::QUICK);
        AddTestCase(new TlsStreamDataTest(TLS_VERSION_1_2, TLS_KEY_ECDSA_P256),
                    TestCase::Duration::QUICK);
        AddTestCase(new TlsStreamDataTest(TLS_VERSION_1_3, TLS_KEY_RSA_2048),
                    TestCase::Duration::QUICK);
        AddTestCase(new TlsStreamCorruptionTest(TLS_VERSION_1_3, 2), TestCase::Duration::QUICK);
        AddTestCase(new TlsStreamCorruptionTest(TLS_VERSION_1_3, 500), TestCase::Duration::QUICK);
        AddTestCase(new TlsStreamCorruptionTest(TLS_VERSION_1_2, 500), TestCase::Duration::QUICK);
        AddTestCase(new TlsStreamVerifyTest(), TestCase::Duration::QUICK);
        AddTestCase(new TlsStreamResumptionTest(TLS_VERSION_1_3), TestCase::Duration::QUICK);
        AddTestCase(new TlsStreamResumptionTest(TLS_VERSION_1_2), TestCase::Duration::QUICK);
        AddTestCase(new TlsStreamKeyLogTest(), TestCase::Duration::QUICK);
        AddTestCase(new TlsStreamDeterminismTest(), TestCase::Duration::QUICK);
    }
};

TlsStreamTestSuite g_tlsStreamTestSuite; //!< registers the suite

} // namespace
