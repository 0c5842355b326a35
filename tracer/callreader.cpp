#include "callreader.h"

#include "calls/callcodec.h"
#include "memory.h"
#include "trace/tracedecoders.h"

#include <limits>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

namespace SocketScope::Tracer {

namespace {

using namespace SocketScope::Trace;

// Past this many iovecs a message's buffers are not read (the kernel's UIO_MAXIOV).
constexpr quint64 maxIovecs = 1024;

SocketAddress addressAt(pid_t tid, quint64 pointer, qint64 length)
{
    const qint64 bounded = qBound<qint64>(0, length, qint64(sizeof(sockaddr_storage)) + 1);
    return decodeAddress(readMemory(tid, pointer, bounded), length).address;
}

std::optional<quint32> u32At(pid_t tid, quint64 pointer)
{
    return decodeU32(readMemory(tid, pointer, sizeof(quint32)));
}

// The kernel wrote at most `capacity` bytes of an address whose real length is `length`.
SocketAddress returnedAddressAt(pid_t tid, quint64 pointer, socklen_t capacity, quint32 length)
{
    return addressAt(tid, pointer, qMin<qint64>(capacity, length));
}

// The iovecs' buffers, with at most `budget` bytes of contents in all (what is left of the
// call's keptBytes, taken from it) and at most `limit` bytes (what a receive returned); the
// bytes not kept are added to *notKept.
QList<IoBuffer> buffersAt(pid_t tid, quint64 iov, quint64 count, qint64 limit, qint64* notKept,
                          qint64& budget)
{
    QList<IoBuffer> buffers;
    if (count > maxIovecs)
        return buffers;
    const auto spans = decodeIovecs(readMemory(tid, iov, qint64(count) * 16), count);
    if (!spans)
        return buffers;
    qint64 left = limit;
    for (const IoSpan& span : *spans) {
        IoBuffer buffer;
        buffer.length = qint64(qMin<quint64>(span.length, quint64(INT64_MAX)));
        const qint64 moved = qMin(buffer.length, left);
        buffer.bytes = readMemory(tid, span.base, qMin(moved, budget));
        budget -= buffer.bytes.size();
        left -= moved;
        *notKept += moved - buffer.bytes.size();
        buffers << buffer;
    }
    return buffers;
}

QList<IoBuffer> buffersAt(pid_t tid, quint64 iov, quint64 count, qint64 limit, qint64* notKept)
{
    qint64 budget = keptBytes;
    return buffersAt(tid, iov, count, limit, notKept, budget);
}

// The bytes a vector of buffers sent, as the event keeps them: the payload is what was kept
// of each buffer, in order.
void keepSentVector(CallEvent& e)
{
    qint64 total = 0;
    QByteArray kept;
    for (const IoBuffer& buffer : std::as_const(e.arguments.vector)) {
        total += buffer.length;
        kept += buffer.bytes;
    }
    e.bytesNotKept = total - kept.size();
    e.arguments.payload = kept;
}

// What a receive put in the iovecs' buffers, as far as it returned: the event's vector,
// data and bytes not kept.
void keepReceivedVector(pid_t tid, quint64 iov, quint64 count, bool failed, CallEvent& e)
{
    qint64 notKept = 0;
    e.arguments.vector = buffersAt(tid, iov, count, failed ? 0 : e.ret, &notKept);
    e.bytesNotKept = notKept;
    for (const IoBuffer& buffer : std::as_const(e.arguments.vector))
        e.results.data += buffer.bytes;
}

// The kernel makes at most this many messages in one sendmmsg or recvmmsg (UIO_MAXIOV).
constexpr quint64 maxMessages = 1024;

QList<MultiMessageHeader> messageHeadersAt(pid_t tid, quint64 pointer, quint64 count)
{
    count = qMin(count, maxMessages);
    return decodeMultiMessageHeaders(
               readMemory(tid, pointer, qint64(count) * multiMessageHeaderSize), count)
        .value_or(QList<MultiMessageHeader>());
}

// sendmmsg's messages as given: each destination and its bytes. recvmmsg's as prepared: each
// buffer's size and, as addressLength, the room for the sender's address.
QList<MultiMessage> messagesAt(pid_t tid, quint64 pointer, quint64 count, bool sending)
{
    QList<MultiMessage> messages;
    qint64 budget = keptBytes; // for all the messages of the call
    for (const MultiMessageHeader& each : messageHeadersAt(tid, pointer, count)) {
        const MessageHeader& header = each.header;
        MultiMessage message;
        qint64 notKept = 0; // counted once the call returns, of the messages that went
        if (sending && header.name)
            message.address = addressAt(tid, header.name, header.nameLength);
        else
            message.addressLength = header.nameLength;
        message.vector =
            buffersAt(tid, header.iov, header.iovCount, sending ? INT64_MAX : 0, &notKept, budget);
        messages << message;
    }
    return messages;
}

// What went: the first `e.ret` messages, with their msg_len; sendmmsg's bytes as far as
// each one's length, recvmmsg's sender and bytes. The payload (sent) or the data (received)
// is their bytes in order, as the log keeps them.
void keepMessagesMoved(pid_t tid, quint64 pointer, CallEvent& e)
{
    const bool sending = e.call == Call::SendMmsg;
    QList<MultiMessage>& messages = e.arguments.messages;
    const QList<MultiMessageHeader> headers = messageHeadersAt(tid, pointer, quint64(e.ret));
    messages.resize(qMin(messages.size(), headers.size()));
    QByteArray kept;
    qint64 moved = 0;
    qint64 budget = keptBytes; // for all the messages of the call
    for (qsizetype i = 0; i < messages.size(); ++i) {
        MultiMessage& message = messages[i];
        const MessageHeader& header = headers[i].header;
        message.length = headers[i].length;
        moved += message.length;
        if (!sending) {
            qint64 notKept = 0; // counted below, with the sent ones'
            const socklen_t capacity = message.addressLength;
            message.addressLength = header.nameLength;
            if (header.name)
                message.address = returnedAddressAt(tid, header.name, capacity, header.nameLength);
            message.vector =
                buffersAt(tid, header.iov, header.iovCount, message.length, &notKept, budget);
        }
        qint64 left = message.length;
        for (const IoBuffer& buffer : std::as_const(message.vector)) {
            kept += buffer.bytes.left(left);
            left -= qMin(left, buffer.length);
        }
    }
    e.bytesNotKept = moved - kept.size();
    (sending ? e.arguments.payload : e.results.data) = kept;
    // The last message's other end, as the 5-tuple and the stage's exchange follow it.
    if (messages.isEmpty())
        return;
    if (sending) {
        e.arguments.address = messages.last().address;
    } else {
        e.results.returnedAddress = messages.last().address;
        e.results.returnedLength = messages.last().addressLength;
    }
}

// A poll set longer than the log keeps (CallCodec::maxListItems) is not read: such a call is
// not reported. select() reads at most this many descriptors' bits.
constexpr int maxSelectWidth = 65536;

QList<PollEntry> pollEntriesAt(pid_t tid, quint64 pointer, quint64 count)
{
    if (count > quint64(CallCodec::maxListItems))
        return {};
    return decodePollEntries(readMemory(tid, pointer, qint64(count) * pollEntrySize), count)
        .value_or(QList<PollEntry>());
}

QList<int> fdSetAt(pid_t tid, quint64 pointer, int width)
{
    if (!pointer || width <= 0)
        return {};
    width = qMin(width, maxSelectWidth);
    return decodeFdSet(readMemory(tid, pointer, (qint64(width) + 7) / 8), width)
        .value_or(QList<int>());
}

// The descriptors in select()'s sets; past the number the log keeps, the call is not
// reported (no entries).
QList<PollEntry> selectSetsAt(pid_t tid, const SyscallArgs& r)
{
    const int width = int(r[0]);
    QList<PollEntry> entries = selectEntries(fdSetAt(tid, r[1], width), fdSetAt(tid, r[2], width),
                                             fdSetAt(tid, r[3], width));
    if (entries.size() > CallCodec::maxListItems)
        entries.clear();
    return entries;
}

// A wait's timeout given by pointer: NULL waits for ever (-1).
int timeoutAt(pid_t tid, quint64 pointer, bool timespec)
{
    if (!pointer)
        return -1;
    const QByteArray bytes = readMemory(tid, pointer, 16);
    return (timespec ? decodeTimespecMs(bytes) : decodeTimevalMs(bytes)).value_or(-1);
}

std::optional<int> intAt(pid_t tid, quint64 pointer)
{
    const auto value = u32At(tid, pointer);
    return value ? std::optional<int>(int(*value)) : std::nullopt;
}

} // namespace

CallArguments readArguments(pid_t tid, Call call, const SyscallArgs& r)
{
    CallArguments a;
    a.fd = int(r[0]);
    switch (call) {
    case Call::Socket:
    case Call::Socketpair:
        a.fd = -1;
        a.domain = int(r[0]);
        a.type = int(r[1]);
        a.protocol = int(r[2]);
        if (call == Call::Socketpair)
            a.buffer = r[3];
        break;
    case Call::Bind:
    case Call::Connect:
        a.address = addressAt(tid, r[1], qint64(quint32(r[2])));
        a.addressBuffer = r[1];
        break;
    case Call::Listen:
        a.backlog = int(r[1]);
        break;
    case Call::Accept4:
        a.flags = int(r[3]);
        [[fallthrough]];
    case Call::Accept:
    case Call::GetSockName:
    case Call::GetPeerName:
        a.addressBuffer = r[1];
        a.addressCapacity = u32At(tid, r[2]).value_or(0);
        break;
    case Call::Shutdown:
        a.how = int(r[1]);
        break;
    case Call::GetSockOpt:
        a.level = int(r[1]);
        a.option = int(r[2]);
        a.buffer = r[3];
        break;
    case Call::SetSockOpt: {
        a.level = int(r[1]);
        a.option = int(r[2]);
        a.buffer = r[3];
        const qint64 length = qMin<qint64>(quint32(r[4]), keptBytes);
        a.value = decodeOptionValue(a.level, a.option, readMemory(tid, r[3], length));
        break;
    }
    case Call::SendTo:
        a.flags = int(r[3]);
        if (r[4])
            a.address = addressAt(tid, r[4], qint64(quint32(r[5])));
        a.addressBuffer = r[4];
        [[fallthrough]];
    case Call::Write:
        a.buffer = r[1];
        a.count = qint64(qMin<quint64>(r[2], quint64(INT64_MAX)));
        a.payload = readMemory(tid, r[1], qMin(a.count, keptBytes));
        break;
    case Call::RecvFrom:
        a.flags = int(r[3]);
        a.addressBuffer = r[4];
        if (r[5])
            a.addressCapacity = u32At(tid, r[5]).value_or(0);
        [[fallthrough]];
    case Call::Read:
        a.buffer = r[1];
        a.count = qint64(qMin<quint64>(r[2], quint64(INT64_MAX)));
        break;
    case Call::SendMsg:
    case Call::RecvMsg:
        a.flags = int(r[2]);
        a.buffer = r[1];
        if (const auto header = decodeMessageHeader(readMemory(tid, r[1], messageHeaderSize))) {
            if (call == Call::SendMsg) {
                a.address = addressAt(tid, header->name, header->nameLength);
                qint64 notKept = 0;
                a.vector = buffersAt(tid, header->iov, header->iovCount, INT64_MAX, &notKept);
            } else {
                a.addressCapacity = header->nameLength;
                a.addressBuffer = header->name;
            }
        }
        break;
    case Call::SendMmsg:
    case Call::RecvMmsg:
        a.buffer = r[1];
        a.count = qint64(quint32(r[2])); // vlen is an unsigned int
        a.flags = int(r[3]);
        a.messages = messagesAt(tid, r[1], quint32(r[2]), call == Call::SendMmsg);
        if (call == Call::RecvMmsg)
            a.timeoutMs = timeoutAt(tid, r[4], true);
        break;
    case Call::Readv:
    case Call::Writev: {
        // writev: the bytes given; readv: the buffers' sizes, their bytes when it returns.
        qint64 notKept = 0;
        a.buffer = r[1];
        a.count = qint64(qMin<quint64>(r[2], quint64(std::numeric_limits<int>::max())));
        a.vector = buffersAt(tid, r[1], r[2], call == Call::Writev ? INT64_MAX : 0, &notKept);
        break;
    }
    case Call::Dup3:
        a.flags = int(r[2]);
        [[fallthrough]];
    case Call::Dup2:
        a.targetFd = int(r[1]);
        break;
    case Call::Fcntl:
        a.command = int(r[1]);
        a.commandArgument = qint64(r[2]);
        break;
    case Call::Ioctl:
        a.command = int(r[1]);
        if (r[1] == FIONBIO)
            a.commandArgument = intAt(tid, r[2]).value_or(0);
        break;
    case Call::Poll:
    case Call::PPoll:
        a.fd = -1;
        a.pollItems = pollEntriesAt(tid, r[0], r[1]);
        a.timeoutMs = call == Call::Poll ? int(r[2]) : timeoutAt(tid, r[2], true);
        a.signalMask = call == Call::PPoll ? r[3] : 0;
        break;
    case Call::Select:
    case Call::PSelect6:
        a.fd = -1;
        a.pollItems = selectSetsAt(tid, r);
        a.timeoutMs = timeoutAt(tid, r[4], call == Call::PSelect6);
        break;
    case Call::EpollCreate:
        a.fd = -1;
        a.count = qint64(int(r[0])); // the size hint, ignored since Linux 2.6.8
        break;
    case Call::EpollCreate1:
        a.fd = -1;
        a.flags = int(r[0]);
        break;
    case Call::Fork:
    case Call::Vfork:
        a.fd = -1;
        break;
    case Call::ExitGroup:
        a.fd = -1;
        a.status = int(r[0]);
        break;
    case Call::Clone:
        a.fd = -1;
        a.flags = int(r[0]);
        a.buffer = r[3]; // child_tid (x86_64's order: flags, stack, parent_tid, child_tid, tls)
        break;
    case Call::Clone3:
        // struct clone_args begins with its 64-bit flags; those above 32 bits
        // (CLONE_CLEAR_SIGHAND, CLONE_INTO_CGROUP) are not kept.
        a.fd = -1;
        a.flags = int(decodeU64(readMemory(tid, r[0], sizeof(quint64))).value_or(0));
        a.count = qint64(r[1]);
        break;
    case Call::EpollCtl:
        a.operation = int(r[1]);
        a.targetFd = int(r[2]);
        a.buffer = r[3];
        if (r[3]) {
            a.epollEvent =
                decodeEpollEvent(readMemory(tid, r[3], epollEventSize)).value_or(EpollEvent{});
        }
        break;
    case Call::EpollWait:
    case Call::EpollPwait:
        a.buffer = r[1];
        a.count = int(r[2]);
        a.timeoutMs = int(r[3]);
        a.signalMask = call == Call::EpollPwait ? r[4] : 0;
        break;
    case Call::Close:
    default:
        break;
    }
    return a;
}

void readResults(pid_t tid, const SyscallArgs& r, qint64 value, CallEvent& e)
{
    const bool failed = value < 0 && value >= -4095;
    e.ret = failed ? -1 : value;
    e.error = failed ? int(-value) : 0;
    CallArguments& a = e.arguments;
    CallResults& out = e.results;
    switch (e.call) {
    case Call::Socketpair:
        if (!failed) {
            if (const auto pair = decodeFdPair(readMemory(tid, r[3], 2 * sizeof(int))))
                out.fds = {(*pair)[0], (*pair)[1]};
        }
        break;
    case Call::Accept:
    case Call::Accept4:
    case Call::GetSockName:
    case Call::GetPeerName:
        if (!failed && r[1] && r[2]) {
            if (const auto length = u32At(tid, r[2])) {
                out.returnedLength = *length;
                out.returnedAddress = returnedAddressAt(tid, r[1], a.addressCapacity, *length);
            }
        }
        break;
    case Call::GetSockOpt:
        if (!failed) {
            if (const auto length = u32At(tid, r[4])) {
                out.valueLength = *length;
                out.value = decodeOptionValue(
                    a.level, a.option, readMemory(tid, r[3], qMin<qint64>(*length, keptBytes)));
            }
        }
        break;
    case Call::Write:
    case Call::SendTo:
        e.bytesNotKept = a.count - a.payload.size();
        break;
    case Call::RecvFrom:
        if (!failed && r[4] && r[5]) {
            if (const auto length = u32At(tid, r[5])) {
                out.returnedLength = *length;
                out.returnedAddress = returnedAddressAt(tid, r[4], a.addressCapacity, *length);
            }
        }
        [[fallthrough]];
    case Call::Read:
        if (!failed) {
            out.data = readMemory(tid, r[1], qMin(e.ret, keptBytes));
            e.bytesNotKept = e.ret - out.data.size();
        }
        break;
    case Call::SendMsg:
    case Call::Writev:
        keepSentVector(e);
        break;
    case Call::SendMmsg:
    case Call::RecvMmsg:
        if (failed)
            a.messages.clear();
        else
            keepMessagesMoved(tid, r[1], e);
        break;
    case Call::Readv:
        keepReceivedVector(tid, r[1], r[2], failed, e);
        break;
    case Call::Ioctl:
        if (!failed)
            out.commandResult = r[1] == FIONBIO ? a.commandArgument : intAt(tid, r[2]).value_or(0);
        break;
    case Call::Poll:
    case Call::PPoll:
        if (!failed) {
            for (const PollEntry& entry : pollEntriesAt(tid, r[0], r[1])) {
                if (entry.revents != 0)
                    out.ready << entry;
            }
        }
        break;
    case Call::Select:
    case Call::PSelect6:
        // The kernel left in each set only the descriptors that are ready.
        if (!failed) {
            for (PollEntry entry : selectSetsAt(tid, r)) {
                entry.revents = entry.events;
                out.ready << entry;
            }
        }
        break;
    case Call::EpollWait:
    case Call::EpollPwait:
        // The first events, as many as the log keeps; ret stays exact.
        if (!failed && e.ret > 0) {
            const qint64 shown = qMin<qint64>(e.ret, CallCodec::maxListItems);
            out.epollReady =
                decodeEpollEvents(readMemory(tid, r[1], shown * epollEventSize), quint64(shown))
                    .value_or(QList<EpollEvent>());
        }
        break;
    case Call::RecvMsg:
        if (const auto header = decodeMessageHeader(readMemory(tid, r[1], messageHeaderSize))) {
            keepReceivedVector(tid, header->iov, header->iovCount, failed, e);
            if (!failed && header->name) {
                out.returnedLength = header->nameLength;
                out.returnedAddress =
                    returnedAddressAt(tid, header->name, a.addressCapacity, header->nameLength);
            }
        }
        break;
    default:
        break;
    }
}

} // namespace SocketScope::Tracer
