/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Compiled, never run: the module header (every public header) must not bring OpenSSL's
// headers to the programs that use the module (CMakeLists.txt, tcp_encap_private_headers).
#include "ns3/tcp-encap-module.h"

#if defined(OPENSSL_VERSION_NUMBER) || defined(OPENSSL_EVP_H) || defined(HEADER_EVP_H)
#    error \
        "a public tcp-encap header includes OpenSSL: make it private (openssl-ptr.h) or use a pimpl"
#endif
