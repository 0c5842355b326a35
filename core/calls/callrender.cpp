// A call as strace prints it, made from the event's typed values.
#include "calls/callevent.h"
#include "calls/callrender_buffers.h"
#include "calls/constants.h"
#include "calls/crender.h"

#include <QStringList>

#include <arpa/inet.h>
#include <csignal>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <sys/select.h>
#include <sys/socket.h>

namespace SocketScope {

namespace {

// Text that may hold the program's bytes or a path is substituted in the same arg() call as
// what follows it: a later arg() would replace a "%1" inside it.

using CRender::lengthInOut;
using CRender::pointer;
using CRender::quotedBytes;

// getnameinfo's buffers, as the engine passes them (NI_MAXHOST, NI_MAXSERV).
constexpr int nameInfoHostSize = 1025;
constexpr int nameInfoServiceSize = 32;

QString number(qint64 value)
{
    return QString::number(value);
}

QString joined(const QStringList& parts)
{
    return parts.join(QStringLiteral(", "));
}

// clone()'s flags end with the signal the child sends its parent when it ends (CSIGNAL's
// byte), which strace names: CLONE_CHILD_SETTID|SIGCHLD.
QString cloneFlagsText(int flags)
{
    constexpr int exitSignalBits = 0xff;
    QStringList parts;
    if (flags & ~exitSignalBits)
        parts << flagsText(ConstantKind::CloneFlag, flags & ~exitSignalBits);
    if (const int exitSignal = flags & exitSignalBits) {
        const char* name = sigabbrev_np(exitSignal);
        parts << (name ? QStringLiteral("SIG") + QLatin1String(name) : number(exitSignal));
    }
    return parts.isEmpty() ? QStringLiteral("0") : parts.join(QLatin1Char('|'));
}

QString pollSet(const QList<PollEntry>& entries, bool returned)
{
    QStringList items;
    for (const PollEntry& entry : entries) {
        items << QStringLiteral("{fd=%1, %2=%3}")
                     .arg(entry.fd)
                     .arg(returned ? QStringLiteral("revents") : QStringLiteral("events"))
                     .arg(flagsText(ConstantKind::PollEvent,
                                    returned ? entry.revents : entry.events));
    }
    return QLatin1Char('[') + joined(items) + QLatin1Char(']');
}

// select()'s sets are built from the entries: POLLIN the read set, POLLOUT the write set,
// POLLPRI the exceptional one. Descriptors select cannot hold are left out, as it must.
QList<int> selectSet(const QList<PollEntry>& entries, short event)
{
    QList<int> fds;
    for (const PollEntry& entry : entries) {
        if (entry.fd >= 0 && entry.fd < FD_SETSIZE && (entry.events & event))
            fds << entry.fd;
    }
    return fds;
}

QString fdSet(const QList<int>& fds)
{
    if (fds.isEmpty())
        return QStringLiteral("NULL");
    QStringList items;
    for (const int fd : fds)
        items << number(fd);
    return QLatin1Char('[') + items.join(QLatin1Char(' ')) + QLatin1Char(']');
}

int selectWidth(const QList<PollEntry>& entries)
{
    int maxFd = -1;
    for (const PollEntry& entry : entries) {
        if (entry.fd >= 0 && entry.fd < FD_SETSIZE)
            maxFd = std::max(maxFd, entry.fd);
    }
    return maxFd + 1;
}

QString timeval(int timeoutMs)
{
    if (timeoutMs < 0)
        return QStringLiteral("NULL");
    return QStringLiteral("{tv_sec=%1, tv_usec=%2}")
        .arg(timeoutMs / 1000)
        .arg((timeoutMs % 1000) * 1000);
}

QString timespec(int timeoutMs)
{
    if (timeoutMs < 0)
        return QStringLiteral("NULL");
    return QStringLiteral("{tv_sec=%1, tv_nsec=%2}")
        .arg(timeoutMs / 1000)
        .arg(qint64(timeoutMs % 1000) * 1'000'000);
}

QString protocolText(int domain, int protocol)
{
    return domain == AF_INET || domain == AF_INET6 ? constantName(ConstantKind::Protocol, protocol)
                                                   : number(protocol);
}

QString optionValueText(const OptionValue& value, bool returned)
{
    switch (value.kind) {
    case OptionValue::Kind::None:
    case OptionValue::Kind::Integer:
        return QStringLiteral("[%1]").arg(value.integer);
    case OptionValue::Kind::Linger:
        return QStringLiteral("{l_onoff=%1, l_linger=%2}")
            .arg(value.integer)
            .arg(value.lingerSeconds);
    case OptionValue::Kind::MulticastRequest:
        return QStringLiteral("{imr_multiaddr=inet_addr(\"%1\"), imr_interface=inet_addr(\"%2\")}")
            .arg(value.group, value.interface);
    case OptionValue::Kind::InterfaceAddress:
        return QStringLiteral("{s_addr=inet_addr(\"%1\")}").arg(value.interface);
    case OptionValue::Kind::Timeval:
        return QStringLiteral("{tv_sec=%1, tv_usec=%2}")
            .arg(value.microseconds / 1'000'000)
            .arg(value.microseconds % 1'000'000);
    case OptionValue::Kind::Bytes:
        return returned ? quotedBytes(value.bytes) : QStringLiteral("[%1]").arg(value.integer);
    }
    return {};
}

// sizeof the C value setsockopt() is given.
int optionValueSize(const OptionValue& value)
{
    switch (value.kind) {
    case OptionValue::Kind::None:
    case OptionValue::Kind::Integer:
    case OptionValue::Kind::InterfaceAddress:
        return 4;
    case OptionValue::Kind::Linger:
    case OptionValue::Kind::MulticastRequest:
        return 8;
    case OptionValue::Kind::Timeval:
        return 16;
    case OptionValue::Kind::Bytes:
        return int(value.bytes.size());
    }
    return 0;
}

QString epollEvent(const EpollEvent& event)
{
    return QStringLiteral("{events=%1, data={u32=%2, u64=%3}}")
        .arg(flagsText(ConstantKind::EpollFlag, int(event.events)))
        .arg(quint32(event.data))
        .arg(event.data);
}

QString quotedOrNull(const QString& text)
{
    return text.isEmpty() ? QStringLiteral("NULL") : quotedBytes(text.toUtf8(), 256);
}

QString acceptArguments(const CallEvent& e)
{
    const CallArguments& a = e.arguments;
    const socklen_t capacity = a.addressCapacity;
    const bool filled = e.ret >= 0 && e.results.returnedAddress.isValid();
    QString text =
        e.cancelled
            ? QStringLiteral("%1, NULL, [%2]").arg(a.fd).arg(capacity)
            : QStringLiteral("%1, %2, %3")
                  .arg(number(a.fd),
                       filled ? e.results.returnedAddress.straceText() : pointer(a.addressBuffer),
                       lengthInOut(capacity, filled ? e.results.returnedLength : capacity));
    if (e.call == Call::Accept4)
        text += QStringLiteral(", ") + flagsText(ConstantKind::SocketType, a.flags);
    return text;
}

QString optionArguments(const CallEvent& e)
{
    const CallArguments& a = e.arguments;
    const QString head = QStringLiteral("%1, %2, %3")
                             .arg(number(a.fd), constantName(ConstantKind::OptionLevel, a.level),
                                  socketOptionName(a.level, a.option));
    if (e.call == Call::SetSockOpt)
        return head + QStringLiteral(", %1, %2")
                          .arg(optionValueText(a.value, false), number(optionValueSize(a.value)));
    return head + QStringLiteral(", %1, [%2]")
                      .arg(optionValueText(e.results.value, true), number(e.results.valueLength));
}

QString addressNameArguments(const CallEvent& e)
{
    const CallArguments& a = e.arguments;
    const bool filled = e.ret == 0 && e.results.returnedAddress.isValid();
    return QStringLiteral("%1, %2, %3")
        .arg(number(a.fd),
             filled ? e.results.returnedAddress.straceText() : pointer(a.addressBuffer),
             lengthInOut(a.addressCapacity, filled ? e.results.returnedLength : a.addressCapacity));
}

QString addrInfoArguments(const CallEvent& e)
{
    const CallArguments& a = e.arguments;
    const QString head =
        QStringLiteral("%1, %2, {ai_flags=%3, ai_family=%4, ai_socktype=%5}")
            .arg(quotedOrNull(a.host), quotedOrNull(a.service),
                 flagsText(ConstantKind::AddrInfoFlag, a.flags), familyName(a.domain),
                 a.type ? flagsText(ConstantKind::SocketType, a.type) : QStringLiteral("0"));
    if (e.failed())
        return head + QStringLiteral(", ") + pointer(a.buffer);
    QStringList items;
    for (const SocketAddress& address : e.results.resolved)
        items << address.straceText();
    return head + QStringLiteral(", [%1]").arg(joined(items));
}

QString nameInfoArguments(const CallEvent& e)
{
    const CallArguments& a = e.arguments;
    const bool found = !e.failed();
    return QStringLiteral("%1, %2, %3, %4, %5, %6, %7")
        .arg(a.address.straceText(), number(a.address.length()),
             found ? quotedBytes(e.results.resolvedHost.toUtf8()) : pointer(a.buffer),
             number(nameInfoHostSize),
             found ? quotedBytes(e.results.resolvedService.toUtf8()) : pointer(a.addressBuffer),
             number(nameInfoServiceSize), flagsText(ConstantKind::NameInfoFlag, a.flags));
}

QString fcntlArguments(const CallArguments& a)
{
    const QString head = QStringLiteral("%1, %2").arg(
        number(a.fd), constantName(ConstantKind::FcntlCommand, a.command));
    switch (a.command) {
    case F_SETFL:
        return head + QStringLiteral(", ") +
               flagsText(ConstantKind::FileFlag, int(a.commandArgument));
    case F_SETFD:
        return head + (a.commandArgument ? QStringLiteral(", FD_CLOEXEC") : QStringLiteral(", 0"));
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
        return head + QStringLiteral(", ") + number(a.commandArgument);
    default:
        return head;
    }
}

QString selectArguments(const CallEvent& e)
{
    const CallArguments& a = e.arguments;
    const QString sets =
        QStringLiteral("%1, %2, %3, %4")
            .arg(selectWidth(a.pollItems))
            .arg(fdSet(selectSet(a.pollItems, POLLIN)), fdSet(selectSet(a.pollItems, POLLOUT)),
                 fdSet(selectSet(a.pollItems, POLLPRI)));
    if (e.call == Call::PSelect6)
        return sets + QStringLiteral(", %1, NULL").arg(timespec(a.timeoutMs));
    return sets + QStringLiteral(", ") + timeval(a.timeoutMs);
}

QString argvText(const QStringList& argv)
{
    QStringList items;
    for (const QString& argument : argv)
        items << quotedBytes(argument.toLocal8Bit(), 256);
    return QLatin1Char('[') + joined(items) + QLatin1Char(']');
}

QString epollWaitArguments(const CallEvent& e)
{
    QStringList ready;
    for (const EpollEvent& event : e.results.epollReady)
        ready << epollEvent(event);
    const QString events = e.ret > 0 ? QLatin1Char('[') + joined(ready) + QLatin1Char(']')
                                     : pointer(e.arguments.buffer);
    return QStringLiteral("%1, %2, %3, %4")
        .arg(number(e.arguments.fd), events, number(e.arguments.count),
             number(e.arguments.timeoutMs));
}

QString selectReady(const CallEvent& e)
{
    QStringList parts;
    const QList<int> in = selectSet(e.results.ready, POLLIN);
    const QList<int> out = selectSet(e.results.ready, POLLOUT);
    const QList<int> except = selectSet(e.results.ready, POLLPRI);
    if (!in.isEmpty())
        parts << QStringLiteral("in ") + fdSet(in);
    if (!out.isEmpty())
        parts << QStringLiteral("out ") + fdSet(out);
    if (!except.isEmpty())
        parts << QStringLiteral("except ") + fdSet(except);
    return QLatin1Char('(') + joined(parts) + QLatin1Char(')');
}

// "(flags O_RDWR|O_NONBLOCK)": O_RDONLY is no bit, only the absence of the others.
QString fileFlagsText(qint64 flags)
{
    const QString bits = flagsText(ConstantKind::FileFlag, int(flags));
    if (flags & O_ACCMODE)
        return QStringLiteral("(flags %1)").arg(bits);
    return flags ? QStringLiteral("(flags O_RDONLY|%1)").arg(bits)
                 : QStringLiteral("(flags O_RDONLY)");
}

// What strace adds after a successful return value.
QString resultDetail(const CallEvent& e)
{
    switch (e.call) {
    case Call::Poll:
    case Call::PPoll:
        if (e.ret == 0)
            return QStringLiteral("(Timeout)");
        return QLatin1Char('(') + pollSet(e.results.ready, true) + QLatin1Char(')');
    case Call::Select:
    case Call::PSelect6:
        return e.ret == 0 ? QStringLiteral("(Timeout)") : selectReady(e);
    case Call::Fcntl:
        return e.arguments.command == F_GETFL ? fileFlagsText(e.ret) : QString();
    case Call::EpollWait:
    case Call::EpollPwait:
        return e.ret == 0 ? QStringLiteral("(Timeout)") : QString();
    case Call::Socket:
    case Call::Socketpair:
    case Call::Bind:
    case Call::Listen:
    case Call::Accept:
    case Call::Accept4:
    case Call::Connect:
    case Call::Shutdown:
    case Call::Close:
    case Call::Dup:
    case Call::Dup2:
    case Call::Dup3:
    case Call::Ioctl:
    case Call::Read:
    case Call::Write:
    case Call::Readv:
    case Call::Writev:
    case Call::Send:
    case Call::Recv:
    case Call::SendTo:
    case Call::RecvFrom:
    case Call::SendMsg:
    case Call::RecvMsg:
    case Call::SendMmsg:
    case Call::RecvMmsg:
    case Call::GetSockName:
    case Call::GetPeerName:
    case Call::GetSockOpt:
    case Call::SetSockOpt:
    case Call::EpollCreate:
    case Call::EpollCreate1:
    case Call::EpollCtl:
    case Call::GetAddrInfo:
    case Call::GetNameInfo:
    case Call::Fork:
    case Call::Vfork:
    case Call::Clone:
    case Call::Clone3:
    case Call::Execve:
    case Call::ExitGroup:
    case Call::PthreadCreate:
        return {};
    }
    return {};
}

} // namespace

QString CallEvent::argumentsText(BytesText style) const
{
    const CallArguments& a = arguments;
    switch (call) {
    case Call::Socket:
        return QStringLiteral("%1, %2, %3")
            .arg(familyName(a.domain), flagsText(ConstantKind::SocketType, a.type),
                 protocolText(a.domain, a.protocol));
    case Call::Socketpair:
        return QStringLiteral("%1, %2, %3, %4")
            .arg(familyName(a.domain), flagsText(ConstantKind::SocketType, a.type),
                 protocolText(a.domain, a.protocol),
                 results.fds.size() == 2
                     ? QStringLiteral("[%1, %2]").arg(results.fds[0]).arg(results.fds[1])
                     : pointer(a.buffer));
    case Call::Bind:
    case Call::Connect:
        return QStringLiteral("%1, %2, %3")
            .arg(number(a.fd), a.address.straceText(), number(a.address.length()));
    case Call::Listen:
        return QStringLiteral("%1, %2").arg(a.fd).arg(a.backlog);
    case Call::Accept:
    case Call::Accept4:
        return acceptArguments(*this);
    case Call::Shutdown:
        return QStringLiteral("%1, %2").arg(number(a.fd),
                                            constantName(ConstantKind::ShutdownHow, a.how));
    case Call::Close:
    case Call::Dup:
        return number(a.fd);
    case Call::Dup2:
        return QStringLiteral("%1, %2").arg(a.fd).arg(a.targetFd);
    case Call::Dup3:
        return QStringLiteral("%1, %2, %3")
            .arg(number(a.fd), number(a.targetFd), flagsText(ConstantKind::FileFlag, a.flags));
    case Call::Fcntl:
        return fcntlArguments(a);
    case Call::Ioctl:
        return QStringLiteral("%1, %2, [%3]")
            .arg(number(a.fd), constantName(ConstantKind::IoctlRequest, a.command),
                 number(failed() ? a.commandArgument : results.commandResult));
    case Call::Read:
    case Call::Recv:
    case Call::RecvFrom:
        return CallTexts::receiveArguments(*this, style);
    case Call::Write:
    case Call::Send:
    case Call::SendTo:
        return CallTexts::sendArguments(*this, style);
    case Call::Readv:
    case Call::Writev:
        return QStringLiteral("%1, %2, %3")
            .arg(number(a.fd),
                 CallTexts::ioVector(a.vector, call == Call::Writev || !failed(), style) +
                     CallTexts::notKept(*this, style),
                 number(a.count > 0 ? a.count : a.vector.size()));
    case Call::SendMsg:
    case Call::RecvMsg:
        return QStringLiteral("%1, %2, %3")
            .arg(number(a.fd), CallTexts::messageHeader(*this, call == Call::RecvMsg, style),
                 flagsText(ConstantKind::MessageFlag, a.flags));
    case Call::SendMmsg:
    case Call::RecvMmsg:
        return QStringLiteral("%1, %2, %3")
                   .arg(number(a.fd), CallTexts::multiMessages(*this, style),
                        number(a.count) + QStringLiteral(", ") +
                            flagsText(ConstantKind::MessageFlag, a.flags)) +
               (call == Call::RecvMmsg ? QStringLiteral(", ") + timespec(a.timeoutMs) : QString());
    case Call::GetSockName:
    case Call::GetPeerName:
        return addressNameArguments(*this);
    case Call::GetSockOpt:
    case Call::SetSockOpt:
        return optionArguments(*this);
    case Call::Select:
    case Call::PSelect6:
        return selectArguments(*this);
    case Call::Poll:
        return QStringLiteral("%1, %2, %3")
            .arg(pollSet(a.pollItems, false))
            .arg(a.pollItems.size())
            .arg(a.timeoutMs);
    case Call::PPoll:
        return QStringLiteral("%1, %2, %3, %4, 8")
            .arg(pollSet(a.pollItems, false))
            .arg(a.pollItems.size())
            .arg(timespec(a.timeoutMs), pointer(a.signalMask));
    case Call::EpollCreate:
        return number(qint64(a.count));
    case Call::EpollCreate1:
        return flagsText(ConstantKind::EpollFlag, a.flags);
    case Call::EpollCtl:
        return QStringLiteral("%1, %2, %3, %4")
            .arg(number(a.fd), constantName(ConstantKind::EpollControl, a.operation),
                 number(a.targetFd),
                 a.epollEvent == EpollEvent{} && a.buffer == 0 ? QStringLiteral("NULL")
                                                               : epollEvent(a.epollEvent));
    case Call::EpollWait:
        return epollWaitArguments(*this);
    case Call::EpollPwait:
        // The mask as a pointer: strace shows the signals in it.
        return epollWaitArguments(*this) + QStringLiteral(", ") + pointer(a.signalMask) +
               QStringLiteral(", 8");
    case Call::GetAddrInfo:
        return addrInfoArguments(*this);
    case Call::GetNameInfo:
        return nameInfoArguments(*this);
    case Call::Clone: {
        const QString head =
            QStringLiteral("child_stack=NULL, flags=%1").arg(cloneFlagsText(a.flags));
        // Where the kernel writes the child's thread ID, when asked to.
        return a.flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)
                   ? head + QStringLiteral(", child_tidptr=") + pointer(a.buffer)
                   : head;
    }
    case Call::Clone3:
        // struct clone_args and its size; only its flags are kept.
        return QStringLiteral("{flags=%1, ...}, %2")
            .arg(flagsText(ConstantKind::CloneFlag, a.flags), number(a.count));
    case Call::ExitGroup:
        return number(a.status);
    case Call::Execve:
        return QStringLiteral("%1, %2, %3")
            .arg(quotedBytes(a.program.toLocal8Bit(), 256), argvText(a.argv), pointer(a.buffer));
    case Call::Fork:
    case Call::Vfork:
    case Call::PthreadCreate:
        return {};
    }
    return {};
}

QString CallEvent::resultText() const
{
    if (cancelled)
        return QStringLiteral("? <cancelled>");
    // exit_group() never returns: that is what it does.
    if (neverReturned)
        return call == Call::ExitGroup ? QStringLiteral("?") : QStringLiteral("? <unfinished ...>");
    if (error != 0) {
        const ErrnoInfo info = errorInfo();
        // The program was given no value: the call was interrupted, to be made again.
        const QString value = isRestartCode(error) ? QStringLiteral("?") : QString::number(ret);
        return QStringLiteral("%1 %2 (%3)").arg(value, info.name, info.message);
    }
    const QString detail = resultDetail(*this);
    const QString value = call == Call::Fcntl && arguments.command == F_GETFL
                              ? QStringLiteral("0x") + QString::number(ret, 16)
                              : QString::number(ret);
    return detail.isEmpty() ? value : value + QLatin1Char(' ') + detail;
}

QString CallEvent::straceLine() const
{
    return Calls::name(call) + QLatin1Char('(') + argumentsText() + QStringLiteral(") = ") +
           resultText();
}

QString CallEvent::displayLine() const
{
    return Calls::name(call) + QLatin1Char('(') + argumentsText(BytesText::Display) +
           QStringLiteral(") = ") + resultText();
}

} // namespace SocketScope
