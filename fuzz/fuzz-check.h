/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_FUZZ_CHECK_H
#define TCP_ENCAP_FUZZ_CHECK_H

#include <cstdio>
#include <cstdlib>

/**
 * \brief An invariant of a fuzz target: when it does not hold, print it and abort, which
 * libFuzzer reports as a crash and saves the input.
 */
#define FUZZ_CHECK(condition, message)                         \
    do                                                         \
    {                                                          \
        if (!(condition))                                      \
        {                                                      \
            std::fprintf(stderr,                               \
                         "%s:%d: invariant broken: %s (%s)\n", \
                         __FILE__,                             \
                         __LINE__,                             \
                         message,                              \
                         #condition);                          \
            std::abort();                                      \
        }                                                      \
    } while (false)

#endif /* TCP_ENCAP_FUZZ_CHECK_H */
