/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tls-stream.h"

#include "ns3/abort.h"
#include "ns3/deterministic-random.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TlsStream");

void
TlsStream::SslFree::operator()(ssl_st* p) const
{
    SSL_free(p);
}

TlsStream::TlsStream(Ptr<TlsContext> context)
    : m_context(context)
    , m_rbio(nullptr)
    , m_wbio(nullptr)
    , m_plain(MAX_RECORD_PLAINTEXT)
{
    NS_LOG_FUNCTION(this << context);
    DeterministicRandom::Scope scope(m_context->GetRandom());
    m_ssl.reset(SSL_new(m_context->GetSslContext()));
    NS_ABORT_MSG_UNLESS(m_ssl, "SSL_new failed");
    m_rbio = BIO_new(BIO_s_mem());
    m_wbio = BIO_new(BIO_s_mem());
    NS_ABORT_MSG_UNLESS(m_rbio && m_wbio, "BIO_new failed");
    BIO_set_mem_eof_return(m_rbio, -1); // empty: "retry", not end of stream
    SSL_set_bio(m_ssl.get(), m_rbio, m_wbio);
    SSL_set_msg_callback(m_ssl.get(), &TlsStream::MessageCallback);
    SSL_set_msg_callback_arg(m_ssl.get(), this);
    if (m_context->GetConfig().server)
    {
        SSL_set_accept_state(m_ssl.get());
    }
    else
    {
        SSL_set_connect_state(m_ssl.get());
    }
}

TlsStream::~TlsStream()
{
    NS_LOG_FUNCTION(this);
    // A stream that ends without close_notify (the peer's RST or FIN, a TCP timeout) keeps its
    // session resumable: since TLS 1.1 an unclean close no longer forbids resumption (RFC 5246
    // §7.2.1; RFC 8446 has no such rule), only a fatal alert does (RFC 5246 §7.2.2), and a
    // fatal alert sent or received fails the stream. OpenSSL instead marks the session not
    // resumable when an SSL that has not sent close_notify is freed (ssl_clear_bad_session):
    // tell it the close was clean. A client that lost its TCP connection, as the RFC 9329
    // initiator does on every reset, then resumes on the next one.
    if (m_ssl && m_handshakeDone && !m_failed)
    {
        SSL_set_shutdown(m_ssl.get(), SSL_get_shutdown(m_ssl.get()) | SSL_SENT_SHUTDOWN);
    }
}

void
TlsStream::SetCallbacks(HandshakeCallback handshake, DataCallback data)
{
    NS_LOG_FUNCTION(this);
    m_handshakeCb = handshake;
    m_dataCb = data;
}

void
TlsStream::Add(uint64_t TlsCounters::*field, uint64_t n)
{
    NS_LOG_FUNCTION(this << n);
    m_counters.*field += n;
    m_context->GetCounters().*field += n;
}

void
TlsStream::MessageCallback(int writeP,
                           int /* version */,
                           int contentType,
                           const void* buf,
                           size_t len,
                           ssl_st* /* ssl */,
                           void* arg)
{
    NS_LOG_FUNCTION(len);
    auto self = static_cast<TlsStream*>(arg);
    const auto* b = static_cast<const uint8_t*>(buf);
    int dir = writeP ? 1 : 0;
    if (contentType == SSL3_RT_HEADER && len >= SSL3_RT_HEADER_LENGTH)
    {
        uint32_t size = SSL3_RT_HEADER_LENGTH + ((uint32_t(b[3]) << 8) | b[4]);
        bool app = b[0] == SSL3_RT_APPLICATION_DATA;
        self->m_lastRecord[dir] = size;
        self->m_lastOuterApp[dir] = app;
        self->Add(dir ? &TlsCounters::recordsTx : &TlsCounters::recordsRx, 1);
        self->Add(dir ? &TlsCounters::recordBytesTx : &TlsCounters::recordBytesRx, size);
        if (!app)
        {
            self->Add(dir ? &TlsCounters::handshakeBytesTx : &TlsCounters::handshakeBytesRx, size);
            self->Add(dir ? &TlsCounters::handshakeRecordsTx : &TlsCounters::handshakeRecordsRx, 1);
        }
    }
    else if (contentType == SSL3_RT_INNER_CONTENT_TYPE && len >= 1)
    {
        // TLS 1.3 hides the real type inside the record (RFC 8446 §5.2): reclassify.
        if (self->m_lastOuterApp[dir] && b[0] != SSL3_RT_APPLICATION_DATA)
        {
            self->Add(dir ? &TlsCounters::handshakeBytesTx : &TlsCounters::handshakeBytesRx,
                      self->m_lastRecord[dir]);
            self->Add(dir ? &TlsCounters::handshakeRecordsTx : &TlsCounters::handshakeRecordsRx, 1);
        }
        self->m_lastOuterApp[dir] = false;
    }
}

bool
TlsStream::Fail(const char* where)
{
    NS_LOG_FUNCTION(this);
    m_failed = true;
    Add(&TlsCounters::errors, 1);
    unsigned long code = ERR_peek_last_error();
    char text[256] = "no OpenSSL error";
    if (code != 0)
    {
        ERR_error_string_n(code, text, sizeof(text));
    }
    m_error = std::string(where) + ": " + text;
    NS_LOG_WARN("TLS failed in " << m_error);
    ERR_clear_error();
    return false;
}

bool
TlsStream::Start()
{
    NS_LOG_FUNCTION(this);
    if (m_context->GetConfig().server)
    {
        return !m_failed;
    }
    if (m_context->GetConfig().resumption)
    {
        m_context->PrepareResumption(m_ssl.get()); // just before the ClientHello is made
    }
    return Advance();
}

bool
TlsStream::Receive(const uint8_t* data, uint32_t size)
{
    NS_LOG_FUNCTION(this << size);
    if (m_failed)
    {
        return false;
    }
    if (size > 0 && BIO_write(m_rbio, data, static_cast<int>(size)) != static_cast<int>(size))
    {
        return Fail("buffer");
    }
    return Advance();
}

bool
TlsStream::Advance()
{
    NS_LOG_FUNCTION(this);
    DeterministicRandom::Scope scope(m_context->GetRandom());
    SSL* ssl = m_ssl.get();
    if (!m_handshakeDone)
    {
        int r = SSL_do_handshake(ssl);
        if (r != 1)
        {
            if (SSL_get_error(ssl, r) == SSL_ERROR_WANT_READ)
            {
                ERR_clear_error();
                return true;
            }
            return Fail("handshake");
        }
        m_handshakeDone = true;
        m_resumed = SSL_session_reused(ssl) == 1;
        NS_LOG_INFO("handshake complete: " << SSL_get_version(ssl)
                                           << (m_resumed ? ", resumed" : ", full"));
        if (SSL_version(ssl) == TLS1_3_VERSION)
        {
            m_overhead = SSL3_RT_HEADER_LENGTH + 1 + 16;
        }
        else
        {
            const SSL_CIPHER* c = SSL_get_current_cipher(ssl);
            bool chacha = c && SSL_CIPHER_get_cipher_nid(c) == NID_chacha20_poly1305;
            m_overhead = SSL3_RT_HEADER_LENGTH + (chacha ? 0 : 8) + 16;
        }
        m_context->NotifyHandshake(Simulator::Now() - m_start, m_resumed);
        if (!m_handshakeCb.IsNull())
        {
            m_handshakeCb();
        }
    }
    while (!m_halted && !m_failed)
    {
        int n = SSL_read(ssl, m_plain.data(), static_cast<int>(m_plain.size()));
        if (n > 0)
        {
            Add(&TlsCounters::plainBytesRx, n);
            if (!m_dataCb.IsNull())
            {
                m_dataCb(m_plain.data(), static_cast<uint32_t>(n));
            }
            continue;
        }
        int err = SSL_get_error(ssl, n);
        if (err == SSL_ERROR_WANT_READ)
        {
            ERR_clear_error();
            break;
        }
        if (err == SSL_ERROR_ZERO_RETURN)
        {
            m_peerClosed = true;
            break;
        }
        return Fail("read");
    }
    return !m_failed;
}

bool
TlsStream::Write(const uint8_t* data, uint32_t size)
{
    NS_LOG_FUNCTION(this << size);
    if (m_failed || !m_handshakeDone)
    {
        return false;
    }
    if (size == 0)
    {
        return true;
    }
    DeterministicRandom::Scope scope(m_context->GetRandom());
    int n = SSL_write(m_ssl.get(), data, static_cast<int>(size));
    if (n != static_cast<int>(size))
    {
        return Fail("write");
    }
    Add(&TlsCounters::plainBytesTx, size);
    return true;
}

void
TlsStream::Shutdown()
{
    NS_LOG_FUNCTION(this);
    if (m_failed || !m_handshakeDone)
    {
        return;
    }
    DeterministicRandom::Scope scope(m_context->GetRandom());
    SSL_shutdown(m_ssl.get());
    ERR_clear_error();
}

void
TlsStream::SetStartTime(Time start)
{
    NS_LOG_FUNCTION(this << start);
    m_start = start;
}

void
TlsStream::Halt()
{
    NS_LOG_FUNCTION(this);
    m_halted = true;
}

uint32_t
TlsStream::GetPendingOutput() const
{
    return static_cast<uint32_t>(BIO_ctrl_pending(m_wbio));
}

uint32_t
TlsStream::ReadOutput(uint8_t* buf, uint32_t max)
{
    NS_LOG_FUNCTION(this << max);
    if (max == 0 || GetPendingOutput() == 0)
    {
        return 0;
    }
    int n = BIO_read(m_wbio, buf, static_cast<int>(max));
    return n > 0 ? static_cast<uint32_t>(n) : 0;
}

bool
TlsStream::IsHandshakeDone() const
{
    return m_handshakeDone;
}

bool
TlsStream::IsResumed() const
{
    return m_resumed;
}

bool
TlsStream::IsPeerClosed() const
{
    return m_peerClosed;
}

bool
TlsStream::HasFailed() const
{
    return m_failed;
}

uint32_t
TlsStream::GetRecordOverhead() const
{
    return m_overhead;
}

uint32_t
TlsStream::GetMaxPlaintext(uint32_t room) const
{
    if (!m_handshakeDone || m_failed)
    {
        return 0;
    }
    // room = T + ceil(T / L) * overhead at most: whole records, then a partial one.
    uint32_t full = room / (MAX_RECORD_PLAINTEXT + m_overhead);
    uint32_t rest = room % (MAX_RECORD_PLAINTEXT + m_overhead);
    return full * MAX_RECORD_PLAINTEXT + (rest > m_overhead ? rest - m_overhead : 0);
}

const TlsCounters&
TlsStream::GetCounters() const
{
    return m_counters;
}

std::string
TlsStream::GetVersionName() const
{
    return SSL_get_version(m_ssl.get());
}

std::string
TlsStream::GetCipherName() const
{
    const SSL_CIPHER* c = SSL_get_current_cipher(m_ssl.get());
    return c ? SSL_CIPHER_get_name(c) : "";
}

const std::string&
TlsStream::GetError() const
{
    return m_error;
}

} // namespace ns3
