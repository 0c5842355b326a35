// What the tracer reads from a traced program's memory and from the kernel about it:
// sockaddrs, option values, iovecs, message headers, poll and select sets, timeouts, epoll
// events, ptrace_syscall_info and /proc files. Every decoder gets the same bytes.
#include "fuzzinput.h"
#include "trace/tracedecoders.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

using namespace SocketScope;
using namespace SocketScope::Trace;

namespace {

// Options whose values are typed differently: an int, a linger, a timeval, bytes.
constexpr std::pair<int, int> options[] = {
    {SOL_SOCKET, SO_REUSEADDR},      {SOL_SOCKET, SO_LINGER},     {SOL_SOCKET, SO_RCVTIMEO},
    {SOL_SOCKET, SO_RCVBUF},         {SOL_SOCKET, SO_TYPE},       {SOL_SOCKET, SO_BINDTODEVICE},
    {IPPROTO_TCP, TCP_NODELAY},      {IPPROTO_TCP, TCP_INFO},     {IPPROTO_IP, IP_TTL},
    {IPPROTO_IP, IP_ADD_MEMBERSHIP}, {IPPROTO_IPV6, IPV6_V6ONLY}, {12345, 678},
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const quint8* data, size_t size)
{
    FuzzInput input(data, size);
    const qint64 length = input.take<qint16>();
    const quint64 count = input.take<quint8>();
    const auto [level, option] = options[input.take<quint8>() % std::size(options)];
    const QByteArrayView bytes = input.rest();

    const DecodedAddress address = decodeAddress(bytes, length);
    if (address.problem == AddressProblem::None)
        FUZZ_CHECK(address.address.isValid());
    decodeOptionValue(level, option, bytes);
    decodeU32(bytes);
    decodeU64(bytes);
    decodeFdPair(bytes);
    if (const auto spans = decodeIovecs(bytes, count))
        FUZZ_CHECK(quint64(spans->size()) == count);
    decodeMessageHeader(bytes);
    decodeMultiMessageHeaders(bytes, count);
    if (const auto entries = decodePollEntries(bytes, count))
        FUZZ_CHECK(quint64(entries->size()) == count);
    const int width = int(count) * 8;
    const auto read = decodeFdSet(bytes, width);
    if (read) {
        for (const int fd : *read)
            FUZZ_CHECK(fd >= 0 && fd < width);
        selectEntries(*read, *read, {});
    }
    decodeTimevalMs(bytes);
    decodeTimespecMs(bytes);
    decodeEpollEvent(bytes);
    decodeEpollEvents(bytes, count);
    decodeSyscallInfo(bytes, length);
    procStatState(bytes);
    procStatStartTicks(bytes);
    socketInode(bytes);
    commandLineWords(bytes);
    taskIds(bytes);
    return 0;
}
