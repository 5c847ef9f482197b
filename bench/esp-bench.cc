/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Micro-benchmarks (Google Benchmark): what one ESP packet costs the model, against the
// plain OpenSSL EVP loop on the same buffers in the same run, and the stream deframer.
// Prints the usual table, then the ratios and whether each meets its target.
#include "ns3/aes-gcm.h"
#include "ns3/esp-sa.h"
#include "ns3/stream-framing.h"

#include <benchmark/benchmark.h>
#include <cstdio>
#include <map>
#include <openssl/evp.h>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

EspSaParams
Params(EspCipher cipher)
{
    EspSaParams p;
    p.spi = 0x1000;
    p.cipher = cipher;
    p.keyMaterial.assign(GetKeyMaterialSize(cipher), 0x42);
    return p;
}

/** ESP seal then open of one packet: what a tunnelled packet costs both endpoints. */
void
BM_EspSealOpen(benchmark::State& state)
{
    auto cipher = state.range(1) == 128 ? EspCipher::AES_GCM_16_128 : EspCipher::AES_GCM_16_256;
    EspSa out(Params(cipher));
    EspSaParams inParams = Params(cipher);
    inParams.replayWindow = 64;
    EspSa in(inParams);
    std::vector<uint8_t> payload(state.range(0), 0xAB);
    Ptr<Packet> inner = Create<Packet>(payload.data(), payload.size());
    std::vector<uint8_t> wire(EspSa::GetSealedSize(payload.size()));
    for (auto _ : state)
    {
        Ptr<Packet> esp;
        out.Seal(inner, 4, esp);
        esp->CopyData(wire.data(), wire.size()); // what a transport does once
        Ptr<Packet> back;
        uint8_t nh = 0;
        if (in.Open(wire.data(), wire.size(), back, nh) != EspStatus::OK)
        {
            state.SkipWithError("open failed");
            break;
        }
        benchmark::DoNotOptimize(back);
    }
    state.SetBytesProcessed(state.iterations() * state.range(0));
}

/** The same AES-GCM work straight through OpenSSL EVP: encrypt and decrypt+verify. */
void
BM_EvpSealOpen(benchmark::State& state)
{
    const EVP_CIPHER* cipher = state.range(1) == 128 ? EVP_aes_128_gcm() : EVP_aes_256_gcm();
    std::vector<uint8_t> key(state.range(1) / 8, 0x42);
    uint8_t iv[12] = {1};
    uint8_t aad[8] = {2};
    uint8_t tag[16];
    std::vector<uint8_t> plain(state.range(0), 0xAB);
    std::vector<uint8_t> buf(state.range(0) + 16);
    EVP_CIPHER_CTX* enc = EVP_CIPHER_CTX_new();
    EVP_CIPHER_CTX* dec = EVP_CIPHER_CTX_new();
    EVP_EncryptInit_ex(enc, cipher, nullptr, key.data(), nullptr);
    EVP_DecryptInit_ex(dec, cipher, nullptr, key.data(), nullptr);
    int n = 0;
    for (auto _ : state)
    {
        ++iv[11];
        EVP_EncryptInit_ex(enc, nullptr, nullptr, nullptr, iv);
        EVP_EncryptUpdate(enc, nullptr, &n, aad, sizeof(aad));
        EVP_EncryptUpdate(enc, buf.data(), &n, plain.data(), plain.size());
        EVP_EncryptFinal_ex(enc, buf.data() + plain.size(), &n);
        EVP_CIPHER_CTX_ctrl(enc, EVP_CTRL_GCM_GET_TAG, 16, tag);
        EVP_DecryptInit_ex(dec, nullptr, nullptr, nullptr, iv);
        EVP_DecryptUpdate(dec, nullptr, &n, aad, sizeof(aad));
        EVP_DecryptUpdate(dec, buf.data(), &n, buf.data(), plain.size());
        EVP_CIPHER_CTX_ctrl(dec, EVP_CTRL_GCM_SET_TAG, 16, tag);
        if (EVP_DecryptFinal_ex(dec, buf.data() + plain.size(), &n) != 1)
        {
            state.SkipWithError("verify failed");
            break;
        }
        benchmark::DoNotOptimize(buf.data());
    }
    EVP_CIPHER_CTX_free(enc);
    EVP_CIPHER_CTX_free(dec);
    state.SetBytesProcessed(state.iterations() * state.range(0));
}

/** Deframing a long stream of mixed frames fed in 1448-byte segments. */
void
BM_Deframe(benchmark::State& state)
{
    std::vector<uint8_t> stream;
    const uint32_t sizes[] = {1472, 90, 1472, 1472, 200, 60};
    for (int i = 0; i < 600; ++i)
    {
        uint32_t size = sizes[i % 6];
        uint32_t length = size + 2;
        stream.push_back(length >> 8);
        stream.push_back(length);
        stream.insert(stream.end(), size, static_cast<uint8_t>(i | 1));
    }
    StreamDeframer deframer(FRAMING_RFC9329, 65535);
    uint64_t messages = 0;
    deframer.SetMessageCallback(MakeBoundCallback(
        +[](uint64_t* n, const uint8_t*, uint32_t)
        {
            ++*n;
        },
        &messages));
    for (auto _ : state)
    {
        for (std::size_t at = 0; at < stream.size(); at += 1448)
        {
            deframer.Push(stream.data() + at, std::min<std::size_t>(1448, stream.size() - at));
        }
    }
    benchmark::DoNotOptimize(messages);
    state.SetBytesProcessed(state.iterations() * stream.size());
}

/** Keeps each run's bytes per second, to print ratios after the table. */
class RatioReporter : public benchmark::ConsoleReporter
{
  public:
    void
    ReportRuns(const std::vector<Run>& runs) override
    {
        for (const auto& r : runs)
        {
            auto it = r.counters.find("bytes_per_second");
            if (it != r.counters.end())
            {
                rates[r.benchmark_name()] = it->second;
            }
        }
        ConsoleReporter::ReportRuns(runs);
    }

    std::map<std::string, double> rates; //!< bytes per second by benchmark name
};

} // namespace

BENCHMARK(BM_EspSealOpen)->ArgsProduct({{64, 576, 1400, 8000}, {128, 256}});
BENCHMARK(BM_EvpSealOpen)->ArgsProduct({{64, 576, 1400, 8000}, {128, 256}});
BENCHMARK(BM_Deframe);

int
main(int argc, char** argv)
{
    benchmark::Initialize(&argc, argv);
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    std::printf("\nESP seal+open per byte against the plain EVP loop (target at 1400 bytes: "
                "within 1.5x)\n");
    std::printf("%8s %6s %14s %14s %7s\n", "bytes", "key", "ESP MB/s", "EVP MB/s", "ratio");
    for (int size : {64, 576, 1400, 8000})
    {
        for (int key : {128, 256})
        {
            std::string suffix = "/" + std::to_string(size) + "/" + std::to_string(key);
            double esp = reporter.rates["BM_EspSealOpen" + suffix];
            double evp = reporter.rates["BM_EvpSealOpen" + suffix];
            if (esp <= 0 || evp <= 0)
            {
                continue;
            }
            double ratio = evp / esp;
            std::printf("%8d %6d %14.1f %14.1f %7.2f%s\n",
                        size,
                        key,
                        esp / 1e6,
                        evp / 1e6,
                        ratio,
                        size == 1400 ? (ratio <= 1.5 ? "  meets" : "  misses") : "");
        }
    }
    double deframe = reporter.rates["BM_Deframe"];
    if (deframe > 0)
    {
        std::printf("\ndeframer: %.1f MB/s of mixed frames\n", deframe / 1e6);
    }
    return 0;
}
