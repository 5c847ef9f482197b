/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// libFuzzer target: the TLS record path of TlsStream (RFC 9329 Appendix A), server side.
//
// Byte 0 chooses the mode (mod 3); byte 1 the chunk size in which the rest is received
// (0: one call):
//  0: the rest is what a client sent to a fresh server stream (ClientHello and on);
//  1: a fresh server stream completes a real TLS 1.3 handshake with a client's bytes, then the
//     rest arrives at the established server as if from the client;
//  2: as 1, but the rest drives a mutation of a genuine record the client wrote: (position,
//     xor) pairs; a changed record fails (or waits for more bytes when its Length grew), an
//     unchanged one delivers its plaintext.
// Invariants: no crash; Receive fails exactly when the stream has failed, then every later
// call fails too and the error is named and counted; no plaintext ever comes out of bytes
// that are not a genuine record, and none before the handshake. (Every input has the same
// keys, so a record of mode 2 that libFuzzer copies into a mode 1 input is genuine there too,
// and delivers its plaintext.)
//
// Speed (doc/hardening.md): the contexts are made once. The server of modes 1 and 2 restarts
// the same generator before each input (TlsContext::SetRandom), so every input gets the same
// handshake, byte for byte, whatever ran before it. A client is needed only to know what a
// client sends in that handshake: its ClientHello and second flight, and its first record of
// each plaintext size mode 2 uses, are recorded once at start from live handshakes with the
// same generators; per input the fresh server gets those bytes, and must answer with the
// recorded flight, or the target stops (the recording would no longer be a real client's).
// Mode 0 keeps its server's generator running on, as before: a server that repeated its
// random would accept a replayed handshake, which mode 0 asserts never completes.
#include "fuzz-check.h"

#include "ns3/tls-context.h"
#include "ns3/tls-stream.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

using namespace ns3;

namespace
{

/** What a stream handed up. */
struct Collector
{
    std::vector<uint8_t> data; //!< plaintext
    bool done{false};          //!< handshake completed

    /** \param d bytes \param n count */
    void
    Data(const uint8_t* d, uint32_t n)
    {
        data.insert(data.end(), d, d + n);
    }

    /** the handshake completed */
    void
    Done()
    {
        done = true;
    }
};

/** \param seed first byte of the seed \return a generator, always the same for a seed */
Ptr<DeterministicRandom>
MakeRandom(uint8_t seed)
{
    std::array<uint8_t, DeterministicRandom::SEED_SIZE> s{};
    s[0] = seed;
    return Create<DeterministicRandom>(s);
}

/** \param server which side \param seed generator seed \return a context, made once */
Ptr<TlsContext>
MakeContext(bool server, uint8_t seed)
{
    TlsConfig c;
    c.server = server;
    return Create<TlsContext>(c, MakeRandom(seed));
}

/** \param from a stream \return its whole output */
std::vector<uint8_t>
Take(TlsStream& from)
{
    std::vector<uint8_t> out(from.GetPendingOutput());
    out.resize(from.ReadOutput(out.data(), static_cast<uint32_t>(out.size())));
    return out;
}

/**
 * \brief Feed bytes in chunks and check the failure contract.
 * \param stream the receiver
 * \param bytes what arrives
 * \param chunk chunk size, 0 for one call
 * \return whether every call succeeded
 */
bool
Feed(TlsStream& stream, const std::vector<uint8_t>& bytes, size_t chunk)
{
    size_t at = 0;
    bool ok = true;
    uint64_t errorsBefore = stream.GetCounters().errors;
    do
    {
        size_t n = chunk == 0 ? bytes.size() - at : std::min(chunk, bytes.size() - at);
        std::vector<uint8_t> piece(bytes.begin() + at, bytes.begin() + at + n); // exact size
        bool r = stream.Receive(piece.data(), static_cast<uint32_t>(n));
        FUZZ_CHECK(r == !stream.HasFailed(), "Receive result and HasFailed disagree");
        FUZZ_CHECK(ok || !r, "a failed stream accepted bytes");
        ok = ok && r;
        at += n;
    } while (at < bytes.size());
    if (!ok)
    {
        FUZZ_CHECK(!stream.GetError().empty(), "a failure without a reason");
        FUZZ_CHECK(stream.GetCounters().errors == errorsBefore + 1, "a failure counted once");
        uint8_t more = 0x17;
        FUZZ_CHECK(!stream.Receive(&more, 1), "a failed stream accepted bytes");
    }
    return ok;
}

/** \param n a size \return mode 2's plaintext of that size */
std::vector<uint8_t>
Plaintext(size_t n)
{
    std::vector<uint8_t> plain(n);
    for (size_t i = 0; i < n; ++i)
    {
        plain[i] = static_cast<uint8_t>(i * 31 + 1);
    }
    return plain;
}

/** Mode 2 writes 1 + 7 k bytes, k from the input's third byte. */
constexpr size_t PLAIN_SIZES = 256;

/** Generator seeds of the contexts (what they draw when made: the server's key). */
constexpr uint8_t SERVER_SEED = 1;
constexpr uint8_t CLIENT_SEED = 2;
/** Generator seeds of the handshake of modes 1 and 2, restarted for each. */
constexpr uint8_t SERVER_HANDSHAKE_SEED = 3;
constexpr uint8_t CLIENT_HANDSHAKE_SEED = 4;

/** The handshake of modes 1 and 2, recorded once from live handshakes. */
class Handshake
{
  public:
    Handshake()
        : m_server(MakeContext(true, SERVER_SEED))
        , m_client(MakeContext(false, CLIENT_SEED))
    {
        // One live handshake per plaintext size: each client's first record (sequence
        // number 0) is what a fresh server expects. Every one must repeat the first's bytes.
        for (size_t k = 0; k < PLAIN_SIZES; ++k)
        {
            Record(k);
        }
        m_server->ClearHandshakeTimes();
        m_client->ClearHandshakeTimes();
    }

    /**
     * \brief A fresh server stream that completed the recorded handshake.
     * \param server the stream, made on ServerContext and started, with its callbacks
     * \param s its collector
     */
    void
    Complete(TlsStream& server, const Collector& s)
    {
        FUZZ_CHECK(server.Receive(m_clientHello.data(), m_clientHello.size()), "ClientHello");
        FUZZ_CHECK(Take(server) == m_serverFlight, "the server answered differently");
        FUZZ_CHECK(server.Receive(m_clientFinish.data(), m_clientFinish.size()), "Finished");
        FUZZ_CHECK(s.done && server.IsHandshakeDone(), "handshake did not complete");
        FUZZ_CHECK(Take(server) == m_serverAfter, "the server sent something else after");
    }

    /** \return the server context, its generator restarted */
    Ptr<TlsContext>
    ServerContext()
    {
        m_server->SetRandom(MakeRandom(SERVER_HANDSHAKE_SEED));
        return m_server;
    }

    /** \brief Drop what the last input's handshake recorded (the list grows by one each). */
    void
    Forget()
    {
        m_server->ClearHandshakeTimes();
    }

    /**
     * \brief The keys are the same for every input, so a record the client wrote is genuine in
     * any input: libFuzzer lifts mode 2's records from the target's comparisons into its
     * dictionary and puts them into mode 1 inputs.
     * \param bytes what a mode 1 input fed the server
     * \param plain what the server delivered
     * \return whether plain is the plaintext of one of the recorded records and that record
     * is in the bytes (its ignored legacy_record_version may differ, RFC 8446 §5.1)
     */
    bool
    IsRecordedPlaintext(const std::vector<uint8_t>& bytes, const std::vector<uint8_t>& plain) const
    {
        if (plain.empty() || (plain.size() - 1) % 7 != 0 || (plain.size() - 1) / 7 >= PLAIN_SIZES
            || plain != Plaintext(plain.size()))
        {
            return false;
        }
        const std::vector<uint8_t>& r = m_records[(plain.size() - 1) / 7];
        for (size_t at = 0; at + r.size() <= bytes.size(); ++at)
        {
            if (bytes[at] == r[0] && std::equal(r.begin() + 3, r.end(), bytes.begin() + at + 3))
            {
                return true;
            }
        }
        return false;
    }

    /** \param k size index \return the client's first record of Plaintext(1 + 7 k) */
    const std::vector<uint8_t>&
    GetRecord(size_t k) const
    {
        return m_records[k];
    }

  private:
    /** \param k the plaintext size index: a live handshake, then one record */
    void
    Record(size_t k)
    {
        m_server->SetRandom(MakeRandom(SERVER_HANDSHAKE_SEED));
        m_client->SetRandom(MakeRandom(CLIENT_HANDSHAKE_SEED));
        Collector s;
        Collector c;
        TlsStream server(m_server);
        TlsStream client(m_client);
        server.SetCallbacks(MakeCallback(&Collector::Done, &s), MakeCallback(&Collector::Data, &s));
        client.SetCallbacks(MakeCallback(&Collector::Done, &c), MakeCallback(&Collector::Data, &c));
        FUZZ_CHECK(server.Start() && client.Start(), "start");
        std::vector<std::vector<uint8_t>> c2s;
        std::vector<std::vector<uint8_t>> s2c;
        for (int round = 0; round < 8 && !(s.done && c.done); ++round)
        {
            c2s.push_back(Take(client));
            FUZZ_CHECK(server.Receive(c2s.back().data(), c2s.back().size()), "server");
            s2c.push_back(Take(server));
            FUZZ_CHECK(client.Receive(s2c.back().data(), s2c.back().size()), "client");
        }
        FUZZ_CHECK(s.done && c.done, "handshake did not complete");
        FUZZ_CHECK(c2s.size() == 2, "a 1-RTT handshake: ClientHello, then Finished");
        std::vector<uint8_t> late = Take(client); // e.g. nothing, or a late handshake message
        if (!late.empty())
        {
            FUZZ_CHECK(server.Receive(late.data(), late.size()), "late handshake bytes");
            c2s[1].insert(c2s[1].end(), late.begin(), late.end());
        }
        std::vector<uint8_t> after = Take(server);
        std::vector<uint8_t> plain = Plaintext(1 + 7 * k);
        FUZZ_CHECK(client.Write(plain.data(), plain.size()), "client write");
        m_records.push_back(Take(client));
        // The record is genuine: this server delivers it.
        FUZZ_CHECK(server.Receive(m_records.back().data(), m_records.back().size())
                       && s.data == plain,
                   "the recorded record does not deliver its plaintext");
        client.Shutdown();
        if (k == 0)
        {
            m_clientHello = c2s[0];
            m_serverFlight = s2c[0];
            m_clientFinish = c2s[1];
            m_serverAfter = after;
            FUZZ_CHECK(s2c[1].empty(), "the server answered the Finished");
        }
        FUZZ_CHECK(c2s[0] == m_clientHello && s2c[0] == m_serverFlight && c2s[1] == m_clientFinish
                       && after == m_serverAfter,
                   "two handshakes with the same generators differ");
    }

    Ptr<TlsContext> m_server;                    //!< modes 1 and 2
    Ptr<TlsContext> m_client;                    //!< for the recording only
    std::vector<uint8_t> m_clientHello;          //!< the client's first flight
    std::vector<uint8_t> m_serverFlight;         //!< the server's answer
    std::vector<uint8_t> m_clientFinish;         //!< the client's second flight
    std::vector<uint8_t> m_serverAfter;          //!< what the server sent after it
    std::vector<std::vector<uint8_t>> m_records; //!< first record by plaintext size index
};

/** What is made once: mode 0's server context, and the handshake of modes 1 and 2. */
struct Fixture
{
    Ptr<TlsContext> firstContact{MakeContext(true, SERVER_SEED)}; //!< runs on, input to input
    Handshake handshake;                                          //!< recorded at start
};

/** \return the fixture, made at the first call */
Fixture&
GetFixture()
{
    static Fixture fixture;
    return fixture;
}

} // namespace

extern "C" int
LLVMFuzzerInitialize(int* /* argc */, char*** /* argv */)
{
    GetFixture(); // the recording (about 0.5 s) before the first input
    return 0;
}

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 2)
    {
        return 0;
    }
    Ptr<TlsContext> firstContact = GetFixture().firstContact;
    Handshake& handshake = GetFixture().handshake;
    const int mode = data[0] % 3;
    const size_t chunk = data[1];
    std::vector<uint8_t> rest(data + 2, data + size);

    Collector s;
    if (mode == 0)
    {
        TlsStream server(firstContact);
        server.SetCallbacks(MakeCallback(&Collector::Done, &s), MakeCallback(&Collector::Data, &s));
        FUZZ_CHECK(server.Start(), "server start");
        Feed(server, rest, chunk);
        FUZZ_CHECK(s.data.empty(), "plaintext without a handshake");
        return 0;
    }

    // A real handshake in memory, the server's side live.
    TlsStream server(handshake.ServerContext());
    server.SetCallbacks(MakeCallback(&Collector::Done, &s), MakeCallback(&Collector::Data, &s));
    FUZZ_CHECK(server.Start(), "server start");
    handshake.Complete(server, s);
    handshake.Forget();

    if (mode == 1)
    {
        Feed(server, rest, chunk);
        FUZZ_CHECK(s.data.empty() || handshake.IsRecordedPlaintext(rest, s.data),
                   "plaintext from bytes that are not a genuine record");
        return 0;
    }

    // mode 2: mutate a genuine record.
    const size_t k = rest.empty() ? 0 : rest[0];
    const std::vector<uint8_t> plain = Plaintext(1 + 7 * k);
    const std::vector<uint8_t>& record = handshake.GetRecord(k);
    std::vector<uint8_t> changed = record;
    for (size_t at = 1; at + 2 < rest.size(); at += 3)
    {
        changed[(size_t{rest[at]} << 8 | rest[at + 1]) % changed.size()] ^= rest[at + 2];
    }
    bool ok = Feed(server, changed, chunk);
    if (changed == record)
    {
        FUZZ_CHECK(ok && s.data == plain, "a genuine record did not deliver its plaintext");
    }
    else if (!s.data.empty())
    {
        // Only legacy_record_version may change unnoticed (RFC 8446 §5.1: ignored).
        bool onlyVersion = std::equal(changed.begin() + 3, changed.end(), record.begin() + 3)
                           && changed[0] == record[0];
        FUZZ_CHECK(onlyVersion && s.data == plain, "plaintext from a changed record");
    }
    else
    {
        // Failed, or waiting for the rest of a record whose Length grew.
        FUZZ_CHECK(!ok || server.GetPendingOutput() == 0, "a changed record went unnoticed");
    }
    return 0;
}
