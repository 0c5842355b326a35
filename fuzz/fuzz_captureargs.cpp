// The capture helper's command line and the "port N" lines the app sends on its stdin: the
// input of the one program that may hold CAP_NET_RAW. What it accepts goes into a BPF filter
// and to libpcap as it is, so it must be loopback addresses, interface names and ports and
// nothing else; written back as arguments, it must read back to itself.
#include "captureargs.h"
#include "fuzzinput.h"

#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>

using namespace SocketScope::Capture;

namespace {

// A command line's words: NUL ends each.
std::vector<std::string> words(const quint8* data, size_t size)
{
    std::vector<std::string> split;
    if (size == 0)
        return split;
    const std::string text(reinterpret_cast<const char*>(data), size);
    size_t start = 0;
    for (size_t end; (end = text.find('\0', start)) != std::string::npos; start = end + 1)
        split.push_back(text.substr(start, end - start));
    split.push_back(text.substr(start));
    return split;
}

bool onlyCharacters(const std::string& text, const char* allowed)
{
    return text.find_first_not_of(allowed) == std::string::npos;
}

// Read by the resolver, numbers only, not by the helper's inet_pton.
bool loopbackNumber(const std::string& host)
{
    addrinfo hints{};
    hints.ai_flags = AI_NUMERICHOST;
    addrinfo* found = nullptr;
    if (getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0)
        return false;
    bool loopback = false;
    if (found->ai_family == AF_INET) {
        const auto* v4 = reinterpret_cast<const sockaddr_in*>(found->ai_addr);
        loopback = (ntohl(v4->sin_addr.s_addr) >> 24) == 127;
    } else if (found->ai_family == AF_INET6) {
        const auto* v6 = reinterpret_cast<const sockaddr_in6*>(found->ai_addr);
        loopback = IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr);
    }
    freeaddrinfo(found);
    return loopback;
}

bool validPort(unsigned port)
{
    return port >= 1 && port <= 65535;
}

std::vector<std::string> argumentsFor(const Options& options)
{
    std::vector<std::string> arguments;
    for (const std::string& host : options.hosts)
        arguments.insert(arguments.end(), {"--host", host});
    for (size_t i = 1; i < options.interfaces.size(); ++i)
        arguments.insert(arguments.end(), {"--interface", options.interfaces[i]});
    for (const unsigned port : options.ports)
        arguments.insert(arguments.end(), {"--port", std::to_string(port)});
    return arguments;
}

void checkPortCommand(const std::string& line)
{
    const std::optional<unsigned> port = parsePortCommand(line);
    if (!port)
        return;
    FUZZ_CHECK(validPort(*port));
    FUZZ_CHECK(parsePort(line.substr(5)) == port);
    FUZZ_CHECK(parsePortCommand("port " + std::to_string(*port)) == port);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const quint8* data, size_t size)
{
    const std::vector<std::string> arguments = words(data, size);
    for (const std::string& word : arguments)
        checkPortCommand(word);
    std::string error;
    const std::optional<Options> options = parseArguments(arguments, &error);
    if (!options) {
        FUZZ_CHECK(!error.empty());
        return 0;
    }
    FUZZ_CHECK(!options->hosts.empty());
    for (const std::string& host : options->hosts)
        FUZZ_CHECK(onlyCharacters(host, "0123456789abcdefABCDEF.:") && loopbackNumber(host));
    for (const unsigned port : options->ports)
        FUZZ_CHECK(validPort(port));
    FUZZ_CHECK(!options->interfaces.empty() && options->interfaces.front() == "lo");
    FUZZ_CHECK(options->interfaces.size() <= maxInterfaces);
    for (size_t i = 1; i < options->interfaces.size(); ++i) {
        const std::string& name = options->interfaces[i];
        FUZZ_CHECK(!name.empty() && name.size() < IFNAMSIZ && name.front() != '-' && name != "any");
        FUZZ_CHECK(onlyCharacters(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                        "0123456789._-"));
        for (size_t j = 0; j < i; ++j)
            FUZZ_CHECK(options->interfaces[j] != name);
    }
    FUZZ_CHECK(parseArguments(argumentsFor(*options), &error) == options);
    return 0;
}
