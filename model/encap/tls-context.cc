/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tls-context.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <ctime>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TlsContext");

uint64_t
TlsCounters::GetOverheadTx() const
{
    return recordBytesTx - plainBytesTx;
}

uint64_t
TlsCounters::GetOverheadRx() const
{
    return recordBytesRx - plainBytesRx;
}

TlsCounters&
TlsCounters::operator+=(const TlsCounters& o)
{
    recordsTx += o.recordsTx;
    recordsRx += o.recordsRx;
    recordBytesTx += o.recordBytesTx;
    recordBytesRx += o.recordBytesRx;
    plainBytesTx += o.plainBytesTx;
    plainBytesRx += o.plainBytesRx;
    handshakeBytesTx += o.handshakeBytesTx;
    handshakeBytesRx += o.handshakeBytesRx;
    handshakeRecordsTx += o.handshakeRecordsTx;
    handshakeRecordsRx += o.handshakeRecordsRx;
    handshakes += o.handshakes;
    resumptions += o.resumptions;
    errors += o.errors;
    return *this;
}

void
TlsContext::CtxFree::operator()(ssl_ctx_st* p) const
{
    SSL_CTX_free(p);
}

void
TlsContext::KeyFree::operator()(evp_pkey_st* p) const
{
    EVP_PKEY_free(p);
}

void
TlsContext::CertFree::operator()(x509_st* p) const
{
    X509_free(p);
}

void
TlsContext::SessionFree::operator()(ssl_session_st* p) const
{
    SSL_SESSION_free(p);
}

TlsContext::TlsContext(const TlsConfig& config, Ptr<DeterministicRandom> random)
    : m_config(config)
    , m_random(random)
{
    NS_LOG_FUNCTION(this << random);
    DeterministicRandom::InstallAsOpenSslRand();
    DeterministicRandom::Scope scope(PeekPointer(m_random));
    m_ctx.reset(SSL_CTX_new(config.server ? TLS_server_method() : TLS_client_method()));
    NS_ABORT_MSG_UNLESS(m_ctx, "SSL_CTX_new failed");
    SSL_CTX* ctx = m_ctx.get();
    SSL_CTX_set_app_data(ctx, this);
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_max_proto_version(
        ctx, config.version == TLS_VERSION_1_3 ? TLS1_3_VERSION : TLS1_2_VERSION);
    // TLS 1.2: AEAD suites only, so that the record overhead is known (TlsStream).
    NS_ABORT_UNLESS(SSL_CTX_set_cipher_list(ctx, "ECDHE+AESGCM:ECDHE+CHACHA20") == 1);
    SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION);
    if (config.server)
    {
        MakeCredentials();
        NS_ABORT_UNLESS(SSL_CTX_use_certificate(ctx, m_cert.get()) == 1);
        NS_ABORT_UNLESS(SSL_CTX_use_PrivateKey(ctx, m_key.get()) == 1);
        // Stateless tickets only: no server-side cache keyed by wall-clock time.
        SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
        if (config.resumption)
        {
            SSL_CTX_set_num_tickets(ctx, 1);
            // Tickets carry the session's issue time: make it a constant (and the lifetime
            // long enough), so that ticket bytes do not depend on the wall clock.
            SSL_CTX_set_timeout(ctx, 1L << 30);
            SSL_CTX_set_session_ticket_cb(ctx, &TlsContext::GenerateTicket, nullptr, nullptr);
        }
        else
        {
            SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
            SSL_CTX_set_num_tickets(ctx, 0);
        }
    }
    else
    {
        SSL_CTX_set_verify(ctx, config.verifyPeer ? SSL_VERIFY_PEER : SSL_VERIFY_NONE, nullptr);
        if (config.resumption)
        {
            SSL_CTX_set_session_cache_mode(
                ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
            SSL_CTX_sess_set_new_cb(ctx, &TlsContext::NewSession);
        }
        else
        {
            SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
            SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
        }
    }
    if (!config.keyLogFile.empty())
    {
        m_keyLog.open(config.keyLogFile, std::ios::app);
        NS_ABORT_MSG_UNLESS(m_keyLog, "cannot open the TLS key log " << config.keyLogFile);
        SSL_CTX_set_keylog_callback(ctx, &TlsContext::KeyLog);
    }
    ERR_clear_error();
}

TlsContext::~TlsContext() = default;

void
TlsContext::MakeCredentials()
{
    NS_LOG_FUNCTION(this);
    m_key.reset(m_config.keyType == TLS_KEY_RSA_2048 ? EVP_RSA_gen(2048) : EVP_EC_gen("P-256"));
    NS_ABORT_MSG_UNLESS(m_key, "TLS key generation failed");
    m_cert.reset(X509_new());
    X509* x = m_cert.get();
    NS_ABORT_UNLESS(x && X509_set_version(x, 2) == 1);
    ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
    // Fixed validity: the certificate's bytes must not depend on the wall clock.
    NS_ABORT_UNLESS(ASN1_TIME_set_string_X509(X509_getm_notBefore(x), "20240101000000Z") == 1);
    NS_ABORT_UNLESS(ASN1_TIME_set_string_X509(X509_getm_notAfter(x), "20491231235959Z") == 1);
    X509_NAME* name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(name,
                               "CN",
                               MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(m_config.serverName.c_str()),
                               -1,
                               -1,
                               0);
    X509_set_issuer_name(x, name);
    NS_ABORT_UNLESS(X509_set_pubkey(x, m_key.get()) == 1);
    NS_ABORT_MSG_UNLESS(X509_sign(x, m_key.get(), EVP_sha256()) > 0, "certificate signing failed");
}

const TlsConfig&
TlsContext::GetConfig() const
{
    return m_config;
}

ssl_ctx_st*
TlsContext::GetSslContext() const
{
    return m_ctx.get();
}

DeterministicRandom*
TlsContext::GetRandom() const
{
    return PeekPointer(m_random);
}

void
TlsContext::SetRandom(Ptr<DeterministicRandom> random)
{
    NS_LOG_FUNCTION(this << random);
    NS_ABORT_MSG_UNLESS(random, "TlsContext::SetRandom needs a generator");
    m_random = random;
}

std::vector<uint8_t>
TlsContext::GetCertificateDer() const
{
    std::vector<uint8_t> der;
    if (!m_cert)
    {
        return der;
    }
    int len = i2d_X509(m_cert.get(), nullptr);
    if (len > 0)
    {
        der.resize(len);
        unsigned char* p = der.data();
        i2d_X509(m_cert.get(), &p);
    }
    return der;
}

bool
TlsContext::AddTrustedCertificate(const std::vector<uint8_t>& der)
{
    NS_LOG_FUNCTION(this);
    const unsigned char* p = der.data();
    std::unique_ptr<x509_st, CertFree> cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
    bool ok = cert && X509_STORE_add_cert(SSL_CTX_get_cert_store(m_ctx.get()), cert.get()) == 1;
    ERR_clear_error();
    return ok;
}

void
TlsContext::PrepareResumption(ssl_st* ssl)
{
    NS_LOG_FUNCTION(this);
    if (!m_session)
    {
        return;
    }
    // The ticket age the client reports comes from the wall clock (whole seconds): restart it
    // now so that the ClientHello does not depend on how long the simulation took to run.
    SSL_SESSION_set_time(m_session.get(), static_cast<long>(std::time(nullptr)));
    SSL_set_session(ssl, m_session.get());
}

bool
TlsContext::HasSession() const
{
    return static_cast<bool>(m_session);
}

int
TlsContext::GenerateTicket(ssl_st* ssl, void* /* arg */)
{
    NS_LOG_FUNCTION_NOARGS();
    const long issued = 1704067200; // 2024-01-01T00:00:00Z
    SSL_SESSION_set_time(SSL_get0_session(ssl), issued);
    return 1;
}

int
TlsContext::NewSession(ssl_st* ssl, ssl_session_st* session)
{
    NS_LOG_FUNCTION_NOARGS();
    auto self = static_cast<TlsContext*>(SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl)));
    self->m_session.reset(session);
    return 1;
}

void
TlsContext::KeyLog(const ssl_st* ssl, const char* line)
{
    NS_LOG_FUNCTION_NOARGS();
    auto self = static_cast<TlsContext*>(SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl)));
    self->m_keyLog << line << '\n';
    self->m_keyLog.flush();
}

void
TlsContext::SetHandshakeCallback(HandshakeCallback cb)
{
    NS_LOG_FUNCTION(this);
    m_handshakeCb = cb;
}

void
TlsContext::NotifyHandshake(Time duration, bool resumed)
{
    NS_LOG_FUNCTION(this << duration << resumed);
    ++m_counters.handshakes;
    m_counters.resumptions += resumed ? 1 : 0;
    m_handshakeTimes.push_back(duration);
    if (!m_handshakeCb.IsNull())
    {
        m_handshakeCb(duration, resumed);
    }
}

TlsCounters&
TlsContext::GetCounters()
{
    return m_counters;
}

const std::vector<Time>&
TlsContext::GetHandshakeTimes() const
{
    return m_handshakeTimes;
}

void
TlsContext::ClearHandshakeTimes()
{
    NS_LOG_FUNCTION(this);
    m_handshakeTimes.clear();
}

} // namespace ns3
