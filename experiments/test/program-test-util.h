/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// What the experiment program's test suites share: scratch directories, running the program
// (or a shell command) with its output captured, writing input files.
#ifndef TCP_ENCAP_PROGRAM_TEST_UTIL_H
#define TCP_ENCAP_PROGRAM_TEST_UTIL_H

#include <string>

namespace tcpencaptest
{

/** \param name a label \return a fresh, empty scratch directory under /tmp, unique per process */
std::string Scratch(const std::string& name);

/**
 * \param command a shell command
 * \param[out] output its stdout and stderr
 * \return its exit status (-1 if it did not exit)
 */
int Shell(const std::string& command, std::string& output);

/**
 * \param args the program's arguments (shell syntax may follow them)
 * \param[out] output its stdout and stderr
 * \return its exit status
 */
int Program(const std::string& args, std::string& output);

/** \param path a file \param text its whole content, written as bytes */
void WriteText(const std::string& path, const std::string& text);

} // namespace tcpencaptest

#endif /* TCP_ENCAP_PROGRAM_TEST_UTIL_H */
