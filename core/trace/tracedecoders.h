#pragma once

#include "calls/callvalues.h"
#include "calls/socketaddress.h"

#include <QByteArrayView>
#include <QList>
#include <QStringList>

#include <array>
#include <optional>

// Pure decoders of what socketscope-tracer reads from a traced program: its memory (sockaddrs,
// option values, message headers, iovecs), the kernel's ptrace_syscall_info, and /proc files.
// All of it is outside input: lengths are checked against the bytes really read, and nothing
// here touches a process.
namespace SocketScope::Trace {

// Why a sockaddr the program passed cannot be shown as an address (strace then shows the
// pointer).
enum class AddressProblem : quint8 {
    None,
    Missing,    // a NULL pointer or a length of 0
    Unreadable, // fewer bytes could be read than the length says (EFAULT)
    TooShort,   // shorter than its family's structure, or than sa_family itself
    TooLong,    // longer than any sockaddr (sockaddr_storage)
};

struct DecodedAddress {
    SocketAddress address; // valid only when problem is None
    AddressProblem problem = AddressProblem::Missing;
};

// `bytes` are what could be read at the pointer, `length` what the program (or the kernel,
// for a returned address) says the structure holds.
DecodedAddress decodeAddress(QByteArrayView bytes, qint64 length);

// A socket option's value as setsockopt() was given it or getsockopt() returned it: typed as
// the option takes it (optionValueKind), or the exact bytes when they do not fit that type.
OptionValue decodeOptionValue(int level, int option, QByteArrayView bytes);

// A native-endian 32-bit value (socklen_t, int) at the start of `bytes`.
std::optional<quint32> decodeU32(QByteArrayView bytes);
// A native-endian 64-bit value at the start of `bytes`.
std::optional<quint64> decodeU64(QByteArrayView bytes);
// socketpair()'s int[2].
std::optional<std::array<int, 2>> decodeFdPair(QByteArrayView bytes);

// One struct iovec: where its bytes are and how many.
struct IoSpan {
    quint64 base = 0;
    quint64 length = 0;
    bool operator==(const IoSpan&) const = default;
};
// `count` iovecs from `bytes`; nullopt when the bytes do not hold them all.
std::optional<QList<IoSpan>> decodeIovecs(QByteArrayView bytes, quint64 count);

// struct msghdr (x86_64).
struct MessageHeader {
    quint64 name = 0;
    quint32 nameLength = 0;
    quint64 iov = 0;
    quint64 iovCount = 0;
    quint64 control = 0;
    quint64 controlLength = 0;
    int flags = 0;
    bool operator==(const MessageHeader&) const = default;
};
std::optional<MessageHeader> decodeMessageHeader(QByteArrayView bytes);
inline constexpr int messageHeaderSize = 56;

// struct mmsghdr[count] (sendmmsg, recvmmsg): each header and its msg_len; nullopt when the
// bytes do not hold them all.
struct MultiMessageHeader {
    MessageHeader header;
    quint32 length = 0;
    bool operator==(const MultiMessageHeader&) const = default;
};
std::optional<QList<MultiMessageHeader>> decodeMultiMessageHeaders(QByteArrayView bytes,
                                                                   quint64 count);
inline constexpr int multiMessageHeaderSize = 64;

// poll()'s struct pollfd[count]; nullopt when the bytes do not hold them all.
std::optional<QList<PollEntry>> decodePollEntries(QByteArrayView bytes, quint64 count);
inline constexpr int pollEntrySize = 8;

// The descriptors below `width` set in one of select()'s fd_sets, in order; `bytes` hold at
// least (width + 7) / 8 bytes of the set, or nullopt.
std::optional<QList<int>> decodeFdSet(QByteArrayView bytes, int width);
// select()'s read, write and exceptional sets as poll entries (POLLIN, POLLOUT, POLLPRI),
// one entry per descriptor, in descriptor order.
QList<PollEntry> selectEntries(const QList<int>& read, const QList<int>& write,
                               const QList<int>& except);

// A struct timeval (select) or struct timespec (ppoll, pselect6) as whole milliseconds,
// rounded up as the kernel rounds a wait; nullopt when unreadable or invalid (negative; a
// timespec's nanoseconds out of range), where the call fails with EINVAL or EFAULT.
std::optional<int> decodeTimevalMs(QByteArrayView bytes);
std::optional<int> decodeTimespecMs(QByteArrayView bytes);

// struct epoll_event (packed on x86_64: 12 bytes), and an array of `count` of them.
std::optional<EpollEvent> decodeEpollEvent(QByteArrayView bytes);
std::optional<QList<EpollEvent>> decodeEpollEvents(QByteArrayView bytes, quint64 count);
inline constexpr int epollEventSize = 12;

// struct ptrace_syscall_info as PTRACE_GET_SYSCALL_INFO filled it; `reported` is the size the
// kernel returned (it may be larger than the buffer, or too small for the stop's kind).
struct SyscallStop {
    enum class Kind : quint8 { Entry, Exit, Seccomp };
    Kind kind = Kind::Entry;
    quint32 arch = 0;
    quint64 stackPointer = 0;      // the thread's, at this stop
    quint64 number = 0;            // Entry, Seccomp
    std::array<quint64, 6> args{}; // Entry, Seccomp
    qint64 value = 0;              // Exit: the return value, or -errno when isError
    bool isError = false;          // Exit
    bool operator==(const SyscallStop&) const = default;
};
std::optional<SyscallStop> decodeSyscallInfo(QByteArrayView bytes, qint64 reported);

// The state letter of /proc/TID/stat ("R", "S", "D", "t"...), after the command name in
// parentheses, which may itself hold ") " and spaces.
std::optional<char> procStatState(QByteArrayView stat);
// The process's start time (field 22 of /proc/PID/stat), in clock ticks since boot: with the
// PID, it names one process even after the PID is reused.
std::optional<quint64> procStatStartTicks(QByteArrayView stat);

// "socket:[12345]" (readlink of /proc/PID/fd/N) -> 12345; nullopt for anything else.
std::optional<quint64> socketInode(QByteArrayView link);

// /proc/PID/cmdline: NUL-separated words, the last one possibly without its NUL.
QStringList commandLineWords(QByteArrayView cmdline);

// "Tgid:" and "PPid:" of /proc/TID/status.
struct TaskIds {
    qint64 tgid = 0;
    qint64 ppid = 0;
    bool operator==(const TaskIds&) const = default;
};
std::optional<TaskIds> taskIds(QByteArrayView status);

} // namespace SocketScope::Trace
