#include "channel.h"

#include "calls/callevent.h"

#include <QJsonDocument>

#include <cerrno>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace SocketScope::Tracer {

void Channel::send(const QJsonObject& message)
{
    sendLine(QJsonDocument(message).toJson(QJsonDocument::Compact));
}

void Channel::sendLine(const QByteArray& json)
{
    if (m_out.isEmpty()) {
        m_queuedSinceNs = monotonicNowNs();
        m_out.reserve(80 * 1024);
    }
    m_out += json;
    m_out += '\n';
    if (m_out.size() >= 64 * 1024)
        flush();
}

void Channel::sendNow(const QJsonObject& message)
{
    send(message);
    flush();
}

void Channel::flush()
{
    qsizetype sent = 0;
    while (sent < m_out.size()) {
        const ssize_t n =
            ::send(m_fd, m_out.constData() + sent, size_t(m_out.size() - sent), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break; // the app is gone: its end of file ends the run
        sent += n;
    }
    m_out.resize(0); // keeps its capacity for the next batch
    m_queuedSinceNs = 0;
}

QList<Order> Channel::receive()
{
    QList<Order> commands;
    char buffer[512];
    const ssize_t n = ::recv(m_fd, buffer, sizeof(buffer), MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return commands;
    if (n <= 0) {
        commands << Order{Command::Kill};
        return commands;
    }
    m_pending.append(buffer, n);
    qsizetype end;
    while ((end = m_pending.indexOf('\n')) >= 0) {
        const QByteArray line = m_pending.left(end).trimmed();
        m_pending.remove(0, end + 1);
        if (const auto order = parseOrder(line))
            commands << *order;
        else if (!line.isEmpty())
            std::fprintf(stderr, "socketscope-tracer: unknown command \"%s\"\n", line.constData());
    }
    if (m_pending.size() > 4096) // no command is that long
        m_pending.clear();
    return commands;
}

} // namespace SocketScope::Tracer
