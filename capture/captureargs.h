#pragma once

// The capture helper's command line and the "port N" lines the app sends it, parsed into
// typed values. Plain C++: the helper links no Qt (capture/CMakeLists.txt says why).

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace SocketScope::Capture {

inline constexpr std::size_t maxPorts = 1024;
inline constexpr std::size_t maxInterfaces = 16;

struct Options {
    std::vector<std::string> hosts;      // loopback addresses (127.0.0.0/8 or ::1), as given
    std::vector<unsigned> ports;         // each from 1 to 65535
    std::vector<std::string> interfaces; // "lo" first, then those asked for, each once

    bool operator==(const Options&) const = default;
};

// The arguments after the program's name: --host ADDRESS... [--interface NAME]... [--port
// N]..., each with its value. nullopt, with *error, when one is wrong or missing.
std::optional<Options> parseArguments(const std::vector<std::string>& arguments,
                                      std::string* error);

// A port in decimal digits, from 1 to 65535.
std::optional<unsigned> parsePort(const std::string& text);

// One line the app writes on the helper's stdin, without its newline: "port N".
std::optional<unsigned> parsePortCommand(const std::string& line);

} // namespace SocketScope::Capture
