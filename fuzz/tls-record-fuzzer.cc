/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// libFuzzer target: the TLS record path of TlsStream (RFC 9329 Appendix A), server side.
//
// Byte 0 chooses the mode (mod 3); byte 1 the chunk size in which the rest is received
// (0: one call):
//  0: the rest is what a client sent to a fresh server stream (ClientHello and on);
//  1: a client and a server complete a handshake in memory, then the rest arrives at the
//     established server as if from the client;
//  2: as 1, but the rest drives a mutation of a genuine record the client wrote: (position,
//     xor) pairs; a changed record fails (or waits for more bytes when its Length grew), an
//     unchanged one delivers its plaintext.
// Invariants: no crash; Receive fails exactly when the stream has failed, then every later
// call fails too and the error is named and counted; no plaintext ever comes out of bytes
// that are not a genuine record, and none before the handshake.
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

/** \param server which side \param seed generator seed \return a context, made once */
Ptr<TlsContext>
MakeContext(bool server, uint8_t seed)
{
    TlsConfig c;
    c.server = server;
    std::array<uint8_t, DeterministicRandom::SEED_SIZE> s{};
    s[0] = seed;
    return Create<TlsContext>(c, Create<DeterministicRandom>(s));
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

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 2)
    {
        return 0;
    }
    // The server context of mode 0 is made once; it keeps nothing per connection. Modes 1 and
    // 2 make both contexts per input: each handshake appends to a context's handshake times,
    // and heap that grows from one input to the next makes libFuzzer run a leak check after
    // every input (50 ms each), so a fresh pair is cheaper, and deterministic.
    static Ptr<TlsContext> firstContact = MakeContext(true, 1);
    const int mode = data[0] % 3;
    const size_t chunk = data[1];
    std::vector<uint8_t> rest(data + 2, data + size);

    Ptr<TlsContext> serverContext = mode == 0 ? firstContact : MakeContext(true, 1);
    Collector s;
    TlsStream server(serverContext);
    server.SetCallbacks(MakeCallback(&Collector::Done, &s), MakeCallback(&Collector::Data, &s));
    FUZZ_CHECK(server.Start(), "server start");
    if (mode == 0)
    {
        Feed(server, rest, chunk);
        FUZZ_CHECK(s.data.empty(), "plaintext without a handshake");
        return 0;
    }

    // A real handshake in memory.
    Collector c;
    TlsStream client(MakeContext(false, 2));
    client.SetCallbacks(MakeCallback(&Collector::Done, &c), MakeCallback(&Collector::Data, &c));
    FUZZ_CHECK(client.Start(), "client start");
    for (int round = 0; round < 8 && !(s.done && c.done); ++round)
    {
        std::vector<uint8_t> out = Take(client);
        FUZZ_CHECK(out.empty() || server.Receive(out.data(), out.size()), "handshake (server)");
        out = Take(server);
        FUZZ_CHECK(out.empty() || client.Receive(out.data(), out.size()), "handshake (client)");
    }
    FUZZ_CHECK(s.done && c.done, "handshake did not complete");
    std::vector<uint8_t> pending = Take(client); // e.g. nothing, or a late handshake message
    if (!pending.empty())
    {
        FUZZ_CHECK(server.Receive(pending.data(), pending.size()), "late handshake bytes");
    }

    if (mode == 1)
    {
        Feed(server, rest, chunk);
        FUZZ_CHECK(s.data.empty(), "plaintext from bytes that are not a genuine record");
        return 0;
    }

    // mode 2: mutate a genuine record.
    std::vector<uint8_t> plain(1 + (rest.empty() ? 0 : rest[0]) * 7);
    for (size_t i = 0; i < plain.size(); ++i)
    {
        plain[i] = static_cast<uint8_t>(i * 31 + 1);
    }
    FUZZ_CHECK(client.Write(plain.data(), plain.size()), "client write");
    const std::vector<uint8_t> record = Take(client);
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
