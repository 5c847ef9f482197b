/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "program-test-util.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace tcpencaptest
{

std::string
Scratch(const std::string& name)
{
    std::string dir = "/tmp/tcp-encap-test-" + std::to_string(::getpid()) + "-" + name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

int
Shell(const std::string& command, std::string& output)
{
    std::string log = "/tmp/tcp-encap-test-" + std::to_string(::getpid()) + ".log";
    int rc = std::system(("(" + command + ") > '" + log + "' 2>&1").c_str());
    std::ifstream in(log);
    std::stringstream ss;
    ss << in.rdbuf();
    output = ss.str();
    std::filesystem::remove(log);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

int
Program(const std::string& args, std::string& output)
{
    return Shell(std::string(TCP_ENCAP_PROGRAM) + " " + args, output);
}

void
WriteText(const std::string& path, const std::string& text)
{
    std::ofstream(path, std::ios::binary) << text;
}

} // namespace tcpencaptest
