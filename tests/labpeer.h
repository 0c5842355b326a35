#pragma once

#include "kernel/socketdiag.h"

#include <QFile>
#include <QProcess>
#include <QTest>

#include <netinet/in.h>
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

} // namespace SocketScope::LabPeer
