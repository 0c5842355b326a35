#pragma once

// Runs socketscope-tracer on a program, as the app does: a socketpair channel, the tracer's
// messages read line by line, waiting on them (never on time), and strace -f on the same
// program to compare with.

#include "calls/callcodec.h"
#include "sources/tracesource.h"
#include "trace/attachpermission.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <netinet/in.h>
#include <optional>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace TracerTest {

// `programs` traced by this build's helper, from the current folder.
inline SocketScope::TraceOptions tracedRun(const QList<QStringList>& programs)
{
    SocketScope::TraceOptions options;
    for (const QStringList& words : programs)
        options.programs << SocketScope::TracedProgram{words, 0};
    options.workingDirectory = QDir::currentPath();
    options.helperPath = QStringLiteral(SOCKETSCOPE_TRACER);
    return options;
}

inline bool waitForEnd(SocketScope::TraceSource& source, int timeoutMs = 120'000)
{
    return QTest::qWaitFor(
        [&] { return source.state() == SocketScope::EventSource::State::Finished; }, timeoutMs);
}

// The calls of the log in their order, of one actor or of all.
inline QList<SocketScope::Call> callsOf(const SocketScope::EventLog& log, const QString& actor = {})
{
    QList<SocketScope::Call> calls;
    for (const SocketScope::CallEvent& event : log.calls()) {
        if (actor.isEmpty() || event.actor == actor)
            calls << event.call;
    }
    return calls;
}

// The program's last call is an accept() seen blocked in the kernel.
inline bool waitsInAccept(const SocketScope::TraceSource& source)
{
    const auto& waiting = source.log().callsInProgress();
    return !waiting.isEmpty() && waiting.last().call == SocketScope::Call::Accept &&
           waiting.last().blocked;
}

// Whether this process holds CAP_SYS_PTRACE (root in a container may not).
inline bool hasPtraceCapability()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return false;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("CapEff:"))
            return (line.mid(7).trimmed().toULongLong(nullptr, 16) >> 19) & 1;
    }
    return false;
}

// Whether this user may attach to a process it did not start (its sibling): Yama's
// ptrace_scope at 0 or absent, or at 1 or 2 with CAP_SYS_PTRACE; never at 3.
inline bool mayAttachToOthers()
{
    const int scope = SocketScope::yamaPtraceScope().value_or(0);
    return scope == 0 || (scope < 3 && hasPtraceCapability());
}

inline QString peer(const char* name)
{
    return QStringLiteral(TRACER_PEERS "/") + QLatin1String(name);
}

class TracerRun {
public:
    // `launcher`: the command that runs the tracer instead of this build's (setpriv, to run a
    // copy of it as another user).
    explicit TracerRun(const QStringList& command, bool step = false,
                       const QStringList& options = {}, const QStringList& launcher = {})
    {
        int ends[2];
        if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0)
            return;
        m_fd = ends[0];
        const int theirs = ends[1];
        // The tracer inherits its end, and nothing else does.
        process.setChildProcessModifier([theirs] { fcntl(theirs, F_SETFD, 0); });
        QStringList arguments;
        if (step)
            arguments << QStringLiteral("--step");
        arguments << options;
        arguments << QStringLiteral("--channel") << QString::number(theirs) << QStringLiteral("--")
                  << command;
        if (launcher.isEmpty())
            process.start(QStringLiteral(SOCKETSCOPE_TRACER), arguments);
        else
            process.start(launcher.first(), launcher.mid(1) + arguments);
        process.waitForStarted();
        close(theirs);
    }
    ~TracerRun()
    {
        closeChannel();
        if (process.state() != QProcess::NotRunning)
            process.waitForFinished(30000);
    }
    TracerRun(const TracerRun&) = delete;
    TracerRun& operator=(const TracerRun&) = delete;

    void closeChannel()
    {
        if (m_fd >= 0)
            close(m_fd);
        m_fd = -1;
    }
    void send(const QByteArray& word)
    {
        const QByteArray line = word + '\n';
        QCOMPARE(::send(m_fd, line.constData(), size_t(line.size()), MSG_NOSIGNAL),
                 ssize_t(line.size()));
    }
    // The next message; nullopt at end of file or when none came within `timeoutMs`.
    std::optional<QJsonObject> next(int timeoutMs = 30000)
    {
        while (m_fd >= 0) {
            const qsizetype end = m_buffer.indexOf('\n');
            if (end >= 0) {
                const QJsonObject message = QJsonDocument::fromJson(m_buffer.left(end)).object();
                m_buffer.remove(0, end + 1);
                messages << message;
                return message;
            }
            pollfd wait{m_fd, POLLIN, 0};
            if (poll(&wait, 1, timeoutMs) <= 0)
                return std::nullopt;
            char chunk[65536];
            const ssize_t n = read(m_fd, chunk, sizeof(chunk));
            if (n <= 0)
                return std::nullopt;
            m_buffer.append(chunk, n);
        }
        return std::nullopt;
    }
    std::optional<QJsonObject> waitFor(const std::function<bool(const QJsonObject&)>& wanted)
    {
        while (const auto message = next()) {
            if (wanted(*message))
                return message;
        }
        return std::nullopt;
    }
    std::optional<QJsonObject> waitForKind(const QString& kind)
    {
        return waitFor([&](const QJsonObject& m) { return m[QStringLiteral("kind")] == kind; });
    }
    // What the program reads on its standard input, then end of file.
    void input(const QByteArray& bytes)
    {
        process.write(bytes);
        process.waitForBytesWritten(30000);
        process.closeWriteChannel();
    }
    // Every message until the tracer ends, then its exit status.
    int finish()
    {
        while (next()) {
        }
        process.waitForFinished(60000);
        while (next(1000)) {
        }
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }
    QList<QJsonObject> ofKind(const QString& kind) const
    {
        QList<QJsonObject> found;
        for (const QJsonObject& message : messages) {
            if (message[QStringLiteral("kind")] == kind)
                found << message;
        }
        return found;
    }

    QProcess process;
    QList<QJsonObject> messages;

private:
    int m_fd = -1;
    QByteArray m_buffer;
};

// A call message's arguments as the app writes them (strace's way), from its typed values: the
// tracer sends no text.
inline QString argumentsOf(const QJsonObject& event)
{
    QString error;
    const auto decoded = SocketScope::CallCodec::eventFromJson(event, &error);
    return decoded ? decoded->argumentsText() : QStringLiteral("(undecodable: %1)").arg(error);
}

// "call=ret" or "call=-1 ENAME", per process in the order processes first appear.
using CallLists = QList<QStringList>;

inline QString callText(const QString& call, qint64 ret, const QString& error)
{
    // A child's PID differs from run to run.
    static const QStringList starts{QStringLiteral("fork"), QStringLiteral("vfork"),
                                    QStringLiteral("clone"), QStringLiteral("clone3")};
    if (error.isEmpty() && ret > 0 && starts.contains(call))
        return call + QStringLiteral("=child");
    return error.isEmpty() ? QStringLiteral("%1=%2").arg(call).arg(ret)
                           : QStringLiteral("%1=-1 %2").arg(call, error);
}

inline CallLists tracedCalls(const QList<QJsonObject>& messages)
{
    QList<qint64> order;
    QHash<qint64, QStringList> calls;
    for (const QJsonObject& message : messages) {
        // Processes in the order they were announced: a thread's first call may come before
        // the clone that made it returns in its parent.
        if (message[QStringLiteral("kind")] == QStringLiteral("process"))
            order << message[QStringLiteral("pid")].toInteger();
        if (message[QStringLiteral("kind")] != QStringLiteral("call"))
            continue;
        const QJsonObject event = message[QStringLiteral("event")].toObject();
        const qint64 pid = event[QStringLiteral("pid")].toInteger();
        const int error = event[QStringLiteral("error")].toInt();
        const QString call = event[QStringLiteral("call")].toString();
        if (event[QStringLiteral("never_returned")].toBool())
            calls[pid] << call + QStringLiteral("=?");
        else
            calls[pid] << callText(call, event[QStringLiteral("ret")].toInteger(),
                                   error ? QString::fromLatin1(strerrorname_np(error)) : QString());
    }
    CallLists lists;
    for (const qint64 pid : order)
        if (calls.contains(pid))
            lists << calls[pid];
    return lists;
}

// Which of strace's lines the tracer reports, as tracedcalls.cpp says: calls on one
// descriptor count only on a socket, poll, select and epoll_ctl only when a socket is among
// their descriptors. epoll_create1 and epoll_wait always count: the test programs wait only
// on epoll instances that watch sockets.
inline bool reportedByTracer(const QString& call, bool firstOnSocket, bool anyOnSocket)
{
    static const QStringList onFirst{QStringLiteral("read"),   QStringLiteral("write"),
                                     QStringLiteral("close"),  QStringLiteral("readv"),
                                     QStringLiteral("writev"), QStringLiteral("dup"),
                                     QStringLiteral("dup2"),   QStringLiteral("dup3"),
                                     QStringLiteral("fcntl"),  QStringLiteral("ioctl")};
    static const QStringList onAny{QStringLiteral("poll"), QStringLiteral("ppoll"),
                                   QStringLiteral("select"), QStringLiteral("pselect6"),
                                   QStringLiteral("epoll_ctl")};
    if (onFirst.contains(call))
        return firstOnSocket;
    if (onAny.contains(call))
        return anyOnSocket;
    return true;
}

// strace -f -yy output, the calls the tracer reports (reportedByTracer).
inline CallLists straceCalls(const QByteArray& output)
{
    static const QRegularExpression head(
        QStringLiteral(R"(^(\d+)\s+(?:<\.\.\. (\w+) resumed>|(\w+)\(([^,)]*)))"));
    static const QRegularExpression result(
        QStringLiteral(R"(\) += (-?(?:0x[0-9a-f]+|\d+))(?:<.*>)?(?: (E\w+) \(.*\)| \(.*\))?$)"));
    static const QRegularExpression socketFd(QStringLiteral(R"(<(TCP|UDP|UNIX|socket:))"));
    // exit_group, or a call its process ended inside: "= ?".
    static const QRegularExpression endedInside(QStringLiteral(R"(\) += \?$)"));
    QList<qint64> order;
    QHash<qint64, QStringList> calls;
    struct Unfinished {
        QString call;
        bool firstOnSocket = false;
        bool anyOnSocket = false;
    };
    QHash<qint64, Unfinished> unfinished;
    for (const QByteArray& raw : output.split('\n')) {
        const QString text = QString::fromUtf8(raw);
        const auto match = head.match(text);
        if (!match.hasMatch())
            continue;
        const qint64 pid = match.captured(1).toLongLong();
        // In the order of their first line: a clone's first half comes before its child's
        // calls, though it may return after them.
        if (!order.contains(pid))
            order << pid;
        QString call = match.captured(3);
        bool onSocket = socketFd.match(match.captured(4)).hasMatch();
        bool anyOnSocket = socketFd.match(text).hasMatch();
        if (!match.captured(2).isEmpty()) {
            const auto started = unfinished.take(pid);
            call = started.call;
            onSocket = started.firstOnSocket;
            anyOnSocket = started.anyOnSocket;
        } else if (raw.contains("<unfinished ...>")) {
            unfinished[pid] = {call, onSocket, anyOnSocket};
            continue;
        }
        const auto returned = result.match(text);
        const bool ended = endedInside.match(text).hasMatch();
        if (call.isEmpty() || !(returned.hasMatch() || ended))
            continue;
        if (!reportedByTracer(call, onSocket, anyOnSocket))
            continue;
        if (ended) {
            calls[pid] << call + QStringLiteral("=?");
            continue;
        }
        calls[pid] << callText(call, returned.captured(1).toLongLong(nullptr, 0),
                               returned.captured(2));
    }
    CallLists lists;
    for (const qint64 pid : order)
        if (calls.contains(pid))
            lists << calls[pid];
    return lists;
}

// Starts `command` under strace -f, writing its record to `output`.
inline void startStrace(QProcess& process, const QString& output, const QStringList& command)
{
    process.start(QStringLiteral("strace"),
                  QStringList{QStringLiteral("-f"), QStringLiteral("-yy"), QStringLiteral("-qq"),
                              QStringLiteral("-e"),
                              QStringLiteral("trace=network,read,write,close,readv,writev,"
                                             "dup,dup2,dup3,fcntl,ioctl,poll,ppoll,select,"
                                             "pselect6,epoll_create,epoll_create1,epoll_ctl,"
                                             "epoll_wait,epoll_pwait,"
                                             "fork,vfork,clone,clone3,exit_group"),
                              QStringLiteral("-o"), output}
                      << command);
    process.waitForStarted();
}

// A port bound on loopback without listening: a connect() to it is refused.
struct RefusingPort {
    RefusingPort()
    {
        fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof(address);
        bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
        getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
        port = ntohs(address.sin_port);
    }
    ~RefusingPort() { close(fd); }
    int fd = -1;
    quint16 port = 0;
};

// The one-client echo server, started untraced: its port once it listens.
struct RunningServer {
    RunningServer()
    {
        process.start(peer("tracer_server"));
        while (!process.canReadLine()) {
            if (!process.waitForReadyRead(30000))
                return;
        }
        port = quint16(process.readLine().trimmed().toUInt());
    }
    ~RunningServer()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(30000);
        }
    }
    qint64 pid() const { return process.processId(); }
    // Whether it has ended by itself (an event loop may have seen it end already).
    bool ends()
    {
        return process.state() == QProcess::NotRunning || process.waitForFinished(30000);
    }
    QProcess process;
    quint16 port = 0;
};

// One message to the loopback `port` and what comes back before the server closes.
inline QByteArray echo(quint16 port, const QByteArray& message)
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QByteArray answer;
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0 &&
        ::send(fd, message.constData(), size_t(message.size()), MSG_NOSIGNAL) ==
            ssize_t(message.size())) {
        char buffer[256];
        ssize_t n;
        while ((n = ::recv(fd, buffer, sizeof(buffer), 0)) > 0)
            answer.append(buffer, n);
    }
    close(fd);
    return answer;
}

} // namespace TracerTest
