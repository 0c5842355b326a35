#pragma once

#include "calls/displaytext.h"
#include "kernel/socketdiag.h"
#include "log/sessionfile.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <functional>
#include <memory>
#include <netinet/in.h>
#include <optional>
#include <sys/socket.h>
#include <unistd.h>

namespace SocketScope::LabPeer {

// A program the test talks to while it runs (the headless lab, nc, socat, the course's
// programs): what it has printed so far, and waits on its output, never on the clock.
class Program {
public:
    // `lineBuffered`: the course's programs print with printf, which holds its lines until the
    // end when stdout is a pipe; stdbuf makes it write each line as it comes, as on a terminal.
    Program(const QString& program, const QStringList& arguments, bool lineBuffered = false)
    {
        if (lineBuffered)
            m_process.start(QStringLiteral("stdbuf"),
                            QStringList{QStringLiteral("-oL"), program} + arguments);
        else
            m_process.start(program, arguments);
        m_process.waitForStarted(60'000);
        m_pid = m_process.processId();
    }
    ~Program()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(60'000);
        }
    }
    Program(const Program&) = delete;
    Program& operator=(const Program&) = delete;

    void write(const QByteArray& bytes) { m_process.write(bytes); }
    // A line of the lab's console.
    void type(const QString& line) { write(line.toUtf8() + '\n'); }
    void closeInput() { m_process.closeWriteChannel(); }
    qint64 pid() const { return m_pid; } // still known once it has ended
    bool running() const { return m_process.state() != QProcess::NotRunning; }
    int exitCode() const
    {
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }
    QByteArray outBytes()
    {
        m_out += m_process.readAllStandardOutput();
        return m_out;
    }
    QString out() { return QString::fromUtf8(outBytes()); }
    QString err()
    {
        m_err += m_process.readAllStandardError();
        return QString::fromUtf8(m_err);
    }
    // Waits until `text` has been printed (on either output); two minutes on a loaded machine.
    bool waitFor(const QString& text, int timeoutMs = 120'000)
    {
        return QTest::qWaitFor([&] { return out().contains(text) || err().contains(text); },
                               timeoutMs);
    }
    // The line that starts with `start`, the last one printed.
    QString lineStarting(const QString& start)
    {
        const QStringList lines = out().split(QLatin1Char('\n'));
        for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
            if (it->startsWith(start))
                return *it;
        }
        return {};
    }
    bool waitForEnd(int timeoutMs = 120'000)
    {
        return QTest::qWaitFor([&] { return !running(); }, timeoutMs);
    }

private:
    QProcess m_process;
    qint64 m_pid = 0;
    QByteArray m_out;
    QByteArray m_err;
};

// A loopback port nobody uses right now, for a program that cannot listen on port 0 and say
// which port it got (nc -l, the course's servers). Another program may take it before the
// one started: the caller checks that its program holds it (holds()) and tries another.
inline quint16 unusedPort(int type)
{
    const int fd = ::socket(AF_INET, type | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    quint16 port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
        port = ntohs(address.sin_port);
    ::close(fd);
    return port;
}

// Whether process `pid` holds a socket listening at (TCP) or bound to (UDP) `port`, as the
// kernel tells it: a server that prints nothing before accept() is ready when this is true.
inline bool holds(qint64 pid, quint16 port, bool datagram)
{
    const SocketSnapshot snapshot = takeSocketSnapshot({});
    for (const SocketRow& row : snapshot.rows) {
        const bool kind = datagram ? row.protocol.startsWith(QLatin1String("udp"))
                                   : row.state == QLatin1String("LISTEN");
        if (!kind || row.localAddress.port() != port)
            continue;
        for (const SocketOwner& owner : row.owners) {
            if (owner.pid == pid)
                return true;
        }
    }
    return false;
}

// The name the kernel gives a process (/proc/PID/comm): "nc.openbsd" for nc on Debian.
inline QString commandOf(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/comm").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLocal8Bit(file.readAll()).trimmed();
}

// The headless lab (socketscope --lab MODE), its session saved to `trace` at its end.
inline std::unique_ptr<Program> startLab(const QString& mode, const QString& trace = {})
{
    QStringList arguments{QStringLiteral("--lab"), mode, QStringLiteral("--no-capture")};
    if (!trace.isEmpty())
        arguments << QStringLiteral("--trace") << trace;
    return std::make_unique<Program>(QStringLiteral(SOCKETSCOPE_BINARY), arguments);
}

// A server that takes its port as an argument, on a port nobody else holds: when another
// program took the port first (bind fails, or nc shares it), another port is tried.
inline std::unique_ptr<Program> startServer(const QString& program,
                                            const std::function<QStringList(quint16)>& arguments,
                                            bool datagram, quint16* port, bool lineBuffered = true)
{
    for (int attempt = 0; attempt < 10; ++attempt) {
        *port = LabPeer::unusedPort(datagram ? SOCK_DGRAM : SOCK_STREAM);
        auto server = std::make_unique<Program>(program, arguments(*port), lineBuffered);
        const qint64 pid = server->pid();
        const bool ready = QTest::qWaitFor(
            [&] { return !server->running() || LabPeer::holds(pid, *port, datagram); }, 120'000);
        if (ready && server->running())
            return server;
    }
    return nullptr;
}

// One of the course's servers, which takes its port as its only argument.
inline std::unique_ptr<Program> startCourseServer(const QString& program, bool datagram,
                                                  quint16* port)
{
    return startServer(
        program, [](quint16 p) { return QStringList{QString::number(p)}; }, datagram, port);
}

// The port socklab's words give: "TCP socket created: id=3, port=41234".
inline quint16 portIn(const QString& line)
{
    return line.section(QStringLiteral("port="), 1).toUShort();
}

// The port in "... from 127.0.0.1 (41234)."
inline quint16 parenthesisedPort(const QString& line)
{
    return line.section(QLatin1Char('('), -1).section(QLatin1Char(')'), 0, 0).toUShort();
}

// What the lab prints for bytes it read: the same words whatever the bytes.
inline QString readLine(const QByteArray& bytes)
{
    return QStringLiteral("Read %1 bytes: message=%2")
        .arg(bytes.size())
        .arg(DisplayText::quoted(bytes, 1000));
}

inline std::optional<SavedSession> savedLab(const QString& trace)
{
    SessionFileError error;
    auto saved = SessionFile::load(trace, &error);
    if (!saved)
        qWarning() << error.text();
    return saved;
}

inline const CallEvent* firstCall(const SavedSession& saved, Call call)
{
    for (const CallEvent& event : saved.calls) {
        if (event.call == call)
            return &event;
    }
    return nullptr;
}

// The tools the lab's tests against outside programs run; "" when all are installed, else
// what to do.
inline QString missingTool()
{
    for (const char* tool : {"nc", "socat", "stdbuf"}) {
        if (QStandardPaths::findExecutable(QLatin1String(tool)).isEmpty())
            return QStringLiteral("%1 is missing: scripts/install-dependencies.sh --tests "
                                  "installs it")
                .arg(QLatin1String(tool));
    }
    return {};
}

// The lab's passive socket (socklab tcp's passive): its port, 0 when it was not made.
inline quint16 labPassive(Program& lab)
{
    lab.type(QStringLiteral("passive"));
    if (!lab.waitFor(QStringLiteral("TCP socket created:")))
        return 0;
    return portIn(lab.lineStarting(QStringLiteral("TCP socket created:")));
}

// The lab's mailbox (socklab udp's socket): its port, 0 when it was not made.
inline quint16 labMailbox(Program& lab)
{
    lab.type(QStringLiteral("s"));
    if (!lab.waitFor(QStringLiteral("UDP socket created:")))
        return 0;
    return portIn(lab.lineStarting(QStringLiteral("UDP socket created:")));
}

// The lab accepts the caller waiting on its current socket: the caller's port as the lab
// named it, 0 when no connection was established.
inline quint16 labAccepts(Program& lab)
{
    lab.type(QStringLiteral("a"));
    lab.type(QString());
    if (!lab.waitFor(QStringLiteral("Connection is established, with socket ID")))
        return 0;
    return parenthesisedPort(lab.lineStarting(QStringLiteral("A connection from 127.0.0.1")));
}

} // namespace SocketScope::LabPeer
