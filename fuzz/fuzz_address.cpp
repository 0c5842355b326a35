// Addresses and ports as the user types them (the address fields, --list-sockets filters,
// the lab's hosts, ports and paths) and command lines for --run. An address that parses
// is written out and must parse back to itself.
#include "calls/socketaddress.h"
#include "fuzzinput.h"
#include "lab/labcommand.h"
#include "trace/commandwords.h"

using namespace SocketScope;

extern "C" int LLVMFuzzerTestOneInput(const quint8* data, size_t size)
{
    FuzzInput input(data, size);
    const auto port = input.take<quint16>();
    const QString text = QString::fromUtf8(input.rest());
    QString error;
    if (const auto address = SocketAddress::fromEndpoint(text, &error)) {
        const auto again = SocketAddress::fromEndpoint(address->endpoint());
        FUZZ_CHECK(again && *again == *address);
    } else {
        FUZZ_CHECK(!error.isEmpty());
    }
    if (const auto address = SocketAddress::fromIp(text, port)) {
        FUZZ_CHECK(address->port() == port);
        const auto again = SocketAddress::fromIp(address->host(), port);
        FUZZ_CHECK(again && *again == *address);
    }
    SocketAddress::fromUnixPath(text);
    endpointPort(text);
    // Each parser says why it refuses, in its own error.
    const auto refusedWithReason = [&](auto parse) {
        QString why;
        const bool parsed = bool(parse(text, &why));
        FUZZ_CHECK(parsed || !why.isEmpty());
    };
    refusedWithReason(parseLabHost);
    refusedWithReason(parseLabPort);
    refusedWithReason(parseLabPath);
    refusedWithReason(parseLabGroup);
    refusedWithReason(parseLabTimeout);
    refusedWithReason(splitCommandLine);
    return 0;
}
