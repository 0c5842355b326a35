#include "captureargs.h"

#include <algorithm>
#include <arpa/inet.h>
#include <net/if.h>

namespace SocketScope::Capture {

namespace {

const char* const loopbackInterface = "lo";

// 127.0.0.0/8 or ::1: the only addresses this helper captures for.
bool validLoopbackHost(const std::string& host)
{
    in_addr v4{};
    if (inet_pton(AF_INET, host.c_str(), &v4) == 1)
        return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    return inet_pton(AF_INET6, host.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

// What a Linux interface name may be here: short, letters, digits and ".-_" only.
bool validInterfaceName(const std::string& name)
{
    return !name.empty() && name.size() < IFNAMSIZ && name[0] != '-' &&
           name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                  "0123456789._-") == std::string::npos;
}

} // namespace

std::optional<unsigned> parsePort(const std::string& text)
{
    if (text.empty() || text.size() > 5 ||
        text.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    const unsigned port = unsigned(std::stoul(text));
    if (port < 1 || port > 65535)
        return std::nullopt;
    return port;
}

std::optional<unsigned> parsePortCommand(const std::string& line)
{
    if (line.rfind("port ", 0) != 0)
        return std::nullopt;
    return parsePort(line.substr(5));
}

std::optional<Options> parseArguments(const std::vector<std::string>& arguments, std::string* error)
{
    const auto refuse = [error](const std::string& why) {
        *error = why;
        return std::nullopt;
    };
    Options options;
    options.interfaces.push_back(loopbackInterface);
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string& name = arguments[i];
        if (i + 1 >= arguments.size())
            return refuse("missing value after " + name);
        const std::string& value = arguments[++i];
        if (name == "--host") {
            if (!validLoopbackHost(value))
                return refuse("not a loopback address (127.0.0.0/8 or ::1): " + value);
            options.hosts.push_back(value);
        } else if (name == "--port") {
            const std::optional<unsigned> port = parsePort(value);
            if (!port)
                return refuse("not a port between 1 and 65535: " + value);
            options.ports.push_back(*port);
        } else if (name == "--interface") {
            if (value == "any")
                return refuse("\"any\" stands for every interface: name one");
            if (!validInterfaceName(value))
                return refuse("not an interface name (at most " + std::to_string(IFNAMSIZ - 1) +
                              " letters, digits, '.', '-' or '_'): " + value.substr(0, 40));
            if (std::find(options.interfaces.begin(), options.interfaces.end(), value) ==
                options.interfaces.end())
                options.interfaces.push_back(value);
            if (options.interfaces.size() > maxInterfaces)
                return refuse("more interfaces than a session has");
        } else {
            return refuse("unknown option " + name +
                          " (usage: socketscope-capture --host LOOPBACK-ADDRESS... "
                          "[--interface NAME]... [--port N]...)");
        }
    }
    if (options.hosts.empty())
        return refuse("at least one --host is needed");
    return options;
}

} // namespace SocketScope::Capture
