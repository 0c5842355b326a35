#include "trace/tracedecoders.h"

#include "calls/constants.h"

#include <QByteArray>
#include <QMap>

#include <cstring>
#include <limits>
#include <netinet/in.h>
#include <poll.h>
#include <sys/un.h>

namespace SocketScope::Trace {

namespace {

template <typename T> std::optional<T> readAt(QByteArrayView bytes, qsizetype offset)
{
    if (offset < 0 || bytes.size() < offset + qsizetype(sizeof(T)))
        return std::nullopt;
    T value;
    std::memcpy(&value, bytes.data() + offset, sizeof(T));
    return value;
}

// The smallest length the kernel takes for a family's sockaddr.
qint64 minimumLength(int family)
{
    switch (family) {
    case AF_INET:
        return qint64(sizeof(sockaddr_in));
    case AF_INET6:
        return 24; // SIN6_LEN_RFC2133: without sin6_scope_id
    default:
        return qint64(sizeof(sa_family_t));
    }
}

} // namespace

DecodedAddress decodeAddress(QByteArrayView bytes, qint64 length)
{
    if (length <= 0)
        return {{}, AddressProblem::Missing};
    if (length > qint64(sizeof(sockaddr_storage)))
        return {{}, AddressProblem::TooLong};
    if (bytes.size() < length)
        return {{}, AddressProblem::Unreadable};
    if (length < qint64(sizeof(sa_family_t)))
        return {{}, AddressProblem::TooShort};
    const auto family = readAt<sa_family_t>(bytes, 0);
    if (!family || length < minimumLength(*family))
        return {{}, AddressProblem::TooShort};
    if (*family == AF_UNIX && length > qint64(sizeof(sockaddr_un)))
        return {{}, AddressProblem::TooLong};
    return {SocketAddress(reinterpret_cast<const sockaddr*>(bytes.data()), socklen_t(length)),
            AddressProblem::None};
}

OptionValue decodeOptionValue(int level, int option, QByteArrayView bytes)
{
    OptionValue value;
    const OptionValue::Kind kind = optionValueKind(level, option);
    switch (kind) {
    case OptionValue::Kind::None:
    case OptionValue::Kind::Integer:
        // The kernel reads an int from any length of at least 4; a boolean option may be
        // given a shorter one, which it refuses: show those bytes as they are.
        if (const auto integer = readAt<int>(bytes, 0)) {
            value.kind = OptionValue::Kind::Integer;
            value.integer = *integer;
            return value;
        }
        break;
    case OptionValue::Kind::Linger:
        if (bytes.size() == qsizetype(sizeof(linger))) {
            value.kind = kind;
            value.integer = *readAt<int>(bytes, 0);
            value.lingerSeconds = *readAt<int>(bytes, sizeof(int));
            return value;
        }
        break;
    case OptionValue::Kind::MulticastRequest:
        if (bytes.size() >= qsizetype(sizeof(ip_mreq))) {
            const auto group = *readAt<in_addr>(bytes, 0);
            const auto interface = *readAt<in_addr>(bytes, sizeof(in_addr));
            value.kind = kind;
            value.group = SocketAddress::fromInet(AF_INET, &group, 0).host();
            value.interface = SocketAddress::fromInet(AF_INET, &interface, 0).host();
            return value;
        }
        break;
    case OptionValue::Kind::InterfaceAddress:
        if (const auto address = readAt<in_addr>(bytes, 0)) {
            value.kind = kind;
            value.interface = SocketAddress::fromInet(AF_INET, &*address, 0).host();
            return value;
        }
        break;
    case OptionValue::Kind::Timeval:
        if (bytes.size() == qsizetype(sizeof(timeval))) {
            const auto seconds = *readAt<qint64>(bytes, 0);
            const auto micro = *readAt<qint64>(bytes, sizeof(qint64));
            // Beyond what a qint64 of microseconds holds: the bytes, not a wrapped number.
            if (seconds >= 0 && seconds < Q_INT64_C(9'000'000'000'000) && micro >= 0 &&
                micro < 1'000'000) {
                value.kind = kind;
                value.microseconds = seconds * 1'000'000 + micro;
                return value;
            }
        }
        break;
    case OptionValue::Kind::Bytes:
        break;
    }
    value.kind = OptionValue::Kind::Bytes;
    value.bytes = bytes.toByteArray();
    return value;
}

std::optional<quint32> decodeU32(QByteArrayView bytes)
{
    return readAt<quint32>(bytes, 0);
}

std::optional<quint64> decodeU64(QByteArrayView bytes)
{
    return readAt<quint64>(bytes, 0);
}

std::optional<std::array<int, 2>> decodeFdPair(QByteArrayView bytes)
{
    const auto first = readAt<int>(bytes, 0);
    const auto second = readAt<int>(bytes, sizeof(int));
    if (!first || !second)
        return std::nullopt;
    return std::array<int, 2>{*first, *second};
}

std::optional<QList<IoSpan>> decodeIovecs(QByteArrayView bytes, quint64 count)
{
    constexpr qsizetype entry = 16;
    if (count > quint64(bytes.size() / entry))
        return std::nullopt;
    QList<IoSpan> spans;
    spans.reserve(qsizetype(count));
    for (qsizetype i = 0; i < qsizetype(count); ++i)
        spans.append({*readAt<quint64>(bytes, i * entry), *readAt<quint64>(bytes, i * entry + 8)});
    return spans;
}

std::optional<MessageHeader> decodeMessageHeader(QByteArrayView bytes)
{
    if (bytes.size() < messageHeaderSize)
        return std::nullopt;
    MessageHeader header;
    header.name = *readAt<quint64>(bytes, 0);
    header.nameLength = *readAt<quint32>(bytes, 8);
    header.iov = *readAt<quint64>(bytes, 16);
    header.iovCount = *readAt<quint64>(bytes, 24);
    header.control = *readAt<quint64>(bytes, 32);
    header.controlLength = *readAt<quint64>(bytes, 40);
    header.flags = *readAt<int>(bytes, 48);
    return header;
}

std::optional<QList<MultiMessageHeader>> decodeMultiMessageHeaders(QByteArrayView bytes,
                                                                   quint64 count)
{
    if (count > quint64(bytes.size() / multiMessageHeaderSize))
        return std::nullopt;
    QList<MultiMessageHeader> headers;
    headers.reserve(qsizetype(count));
    for (qsizetype i = 0; i < qsizetype(count); ++i) {
        const QByteArrayView one = bytes.sliced(i * multiMessageHeaderSize, multiMessageHeaderSize);
        headers.append({*decodeMessageHeader(one), *readAt<quint32>(one, messageHeaderSize)});
    }
    return headers;
}

std::optional<QList<PollEntry>> decodePollEntries(QByteArrayView bytes, quint64 count)
{
    if (count > quint64(bytes.size() / pollEntrySize))
        return std::nullopt;
    QList<PollEntry> entries;
    entries.reserve(qsizetype(count));
    for (qsizetype i = 0; i < qsizetype(count); ++i) {
        const qsizetype at = i * pollEntrySize;
        entries.append({*readAt<int>(bytes, at), *readAt<short>(bytes, at + 4),
                        *readAt<short>(bytes, at + 6)});
    }
    return entries;
}

std::optional<QList<int>> decodeFdSet(QByteArrayView bytes, int width)
{
    if (width < 0 || bytes.size() < (qsizetype(width) + 7) / 8)
        return std::nullopt;
    QList<int> fds;
    for (int fd = 0; fd < width; ++fd) {
        // fd_set is an array of longs: on little-endian x86_64, bit fd is bit fd % 8 of byte
        // fd / 8.
        if (quint8(bytes[fd / 8]) & (1u << (fd % 8)))
            fds << fd;
    }
    return fds;
}

QList<PollEntry> selectEntries(const QList<int>& read, const QList<int>& write,
                               const QList<int>& except)
{
    QMap<int, short> events;
    for (const int fd : read)
        events[fd] |= POLLIN;
    for (const int fd : write)
        events[fd] |= POLLOUT;
    for (const int fd : except)
        events[fd] |= POLLPRI;
    QList<PollEntry> entries;
    for (auto it = events.cbegin(); it != events.cend(); ++it)
        entries.append({it.key(), it.value(), 0});
    return entries;
}

namespace {

// Seconds and a sub-second part of `unitsPerSecond`, as whole milliseconds rounded up;
// beyond what an int holds, the longest wait an int holds. select() carries a part of a
// second or more over into the seconds; the others refuse it.
std::optional<int> wholeMilliseconds(QByteArrayView bytes, qint64 unitsPerSecond, bool carries)
{
    auto seconds = readAt<qint64>(bytes, 0);
    auto fraction = readAt<qint64>(bytes, sizeof(qint64));
    if (!seconds || !fraction || *seconds < 0 || *fraction < 0 ||
        (*fraction >= unitsPerSecond && !carries))
        return std::nullopt;
    if (*seconds > std::numeric_limits<qint64>::max() - *fraction / unitsPerSecond)
        return std::numeric_limits<int>::max();
    *seconds += *fraction / unitsPerSecond;
    *fraction %= unitsPerSecond;
    const qint64 unitsPerMs = unitsPerSecond / 1000;
    const qint64 fractionMs = (*fraction + unitsPerMs - 1) / unitsPerMs;
    if (*seconds >= std::numeric_limits<int>::max() / 1000)
        return std::numeric_limits<int>::max();
    return int(qMin<qint64>(*seconds * 1000 + fractionMs, std::numeric_limits<int>::max()));
}

} // namespace

std::optional<int> decodeTimevalMs(QByteArrayView bytes)
{
    return wholeMilliseconds(bytes, 1'000'000, true);
}

std::optional<int> decodeTimespecMs(QByteArrayView bytes)
{
    return wholeMilliseconds(bytes, 1'000'000'000, false);
}

std::optional<EpollEvent> decodeEpollEvent(QByteArrayView bytes)
{
    const auto events = readAt<quint32>(bytes, 0);
    const auto data = readAt<quint64>(bytes, 4);
    if (!events || !data)
        return std::nullopt;
    return EpollEvent{*events, *data};
}

std::optional<QList<EpollEvent>> decodeEpollEvents(QByteArrayView bytes, quint64 count)
{
    if (count > quint64(bytes.size() / epollEventSize))
        return std::nullopt;
    QList<EpollEvent> events;
    events.reserve(qsizetype(count));
    for (qsizetype i = 0; i < qsizetype(count); ++i)
        events.append(*decodeEpollEvent(bytes.sliced(i * epollEventSize)));
    return events;
}

std::optional<SyscallStop> decodeSyscallInfo(QByteArrayView bytes, qint64 reported)
{
    // struct ptrace_syscall_info: op, pad[3], arch, instruction and stack pointers, then the
    // union of entry {nr, args[6]}, exit {rval, is_error} and seccomp {nr, args[6], ret_data}.
    constexpr qsizetype head = 24;
    const qsizetype available = qMin<qint64>(bytes.size(), qMax<qint64>(reported, 0));
    const QByteArrayView known = bytes.first(available);
    const auto op = readAt<quint8>(known, 0);
    const auto arch = readAt<quint32>(known, 4);
    if (!op || !arch)
        return std::nullopt;
    SyscallStop stop;
    stop.arch = *arch;
    stop.stackPointer = readAt<quint64>(known, 16).value_or(0);
    switch (*op) {
    case 1: // PTRACE_SYSCALL_INFO_ENTRY
    case 3: // PTRACE_SYSCALL_INFO_SECCOMP
        if (known.size() < head + 56)
            return std::nullopt;
        stop.kind = *op == 1 ? SyscallStop::Kind::Entry : SyscallStop::Kind::Seccomp;
        stop.number = *readAt<quint64>(known, head);
        for (qsizetype i = 0; i < 6; ++i)
            stop.args[size_t(i)] = *readAt<quint64>(known, head + 8 + 8 * i);
        return stop;
    case 2: // PTRACE_SYSCALL_INFO_EXIT
        if (known.size() < head + 9)
            return std::nullopt;
        stop.kind = SyscallStop::Kind::Exit;
        stop.value = *readAt<qint64>(known, head);
        stop.isError = *readAt<quint8>(known, head + 8) != 0;
        return stop;
    default:
        return std::nullopt;
    }
}

namespace {

// What follows the command in parentheses of /proc/PID/stat ("1234 (comm) S 1 ..."): the
// command may hold ") " itself, so the last parenthesis ends it.
std::optional<QByteArrayView> procStatFieldsAfterCommand(QByteArrayView stat)
{
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0 || stat.size() < close + 3 || stat[close + 1] != ' ')
        return std::nullopt;
    return stat.sliced(close + 2);
}

// Decimal digits only, as the kernel writes them; nullopt for anything else or past 64 bits.
std::optional<quint64> decimal(QByteArrayView digits)
{
    if (digits.isEmpty() || digits.size() > 20)
        return std::nullopt;
    quint64 value = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9')
            return std::nullopt;
        const quint64 next = value * 10 + quint64(c - '0');
        if (next / 10 != value)
            return std::nullopt;
        value = next;
    }
    return value;
}

} // namespace

std::optional<char> procStatState(QByteArrayView stat)
{
    const auto fields = procStatFieldsAfterCommand(stat);
    if (!fields || fields->isEmpty())
        return std::nullopt;
    const char state = fields->front();
    if (state < 'A' || state > 'z')
        return std::nullopt;
    return state;
}

std::optional<quint64> procStatStartTicks(QByteArrayView stat)
{
    auto fields = procStatFieldsAfterCommand(stat);
    if (!fields)
        return std::nullopt;
    // The fields after the command start at the third (the state).
    for (int field = 3; field < 22; ++field) {
        const qsizetype space = fields->indexOf(' ');
        if (space < 0)
            return std::nullopt;
        *fields = fields->sliced(space + 1);
    }
    const qsizetype end = fields->indexOf(' ');
    return decimal(end < 0 ? fields->trimmed() : fields->first(end));
}

std::optional<quint64> socketInode(QByteArrayView link)
{
    constexpr QByteArrayView prefix("socket:[");
    if (!link.startsWith(prefix) || !link.endsWith(']'))
        return std::nullopt;
    return decimal(link.sliced(prefix.size(), link.size() - prefix.size() - 1));
}

QStringList commandLineWords(QByteArrayView cmdline)
{
    QStringList words;
    qsizetype start = 0;
    while (start < cmdline.size()) {
        qsizetype end = cmdline.indexOf('\0', start);
        if (end < 0)
            end = cmdline.size();
        words << QString::fromLocal8Bit(cmdline.sliced(start, end - start));
        start = end + 1;
    }
    return words;
}

std::optional<TaskIds> taskIds(QByteArrayView status)
{
    const auto field = [&](QByteArrayView name) -> std::optional<qint64> {
        qsizetype at = 0;
        while (at < status.size()) {
            qsizetype end = status.indexOf('\n', at);
            if (end < 0)
                end = status.size();
            const QByteArrayView line = status.sliced(at, end - at);
            if (line.startsWith(name)) {
                bool ok = false;
                const qint64 value =
                    QByteArray(line.sliced(name.size()).trimmed().toByteArray()).toLongLong(&ok);
                if (ok && value >= 0)
                    return value;
                return std::nullopt;
            }
            at = end + 1;
        }
        return std::nullopt;
    };
    const auto tgid = field("Tgid:");
    const auto ppid = field("PPid:");
    if (!tgid || !ppid)
        return std::nullopt;
    return TaskIds{*tgid, *ppid};
}

} // namespace SocketScope::Trace
