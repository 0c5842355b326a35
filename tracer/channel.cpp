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

QList<Command> Channel::receive()
{
    QList<Command> commands;
    char buffer[512];
    const ssize_t n = ::recv(m_fd, buffer, sizeof(buffer), MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return commands;
    if (n <= 0) {
        commands << Command::Kill;
        return commands;
    }
    m_pending.append(buffer, n);
    qsizetype end;
    while ((end = m_pending.indexOf('\n')) >= 0) {
        const QByteArray word = m_pending.left(end).trimmed();
        m_pending.remove(0, end + 1);
        if (const auto command = parseCommand(word))
            commands << *command;
        else if (!word.isEmpty())
            std::fprintf(stderr, "socketscope-tracer: unknown command \"%s\"\n", word.constData());
    }
    if (m_pending.size() > 4096) // no command is that long
        m_pending.clear();
    return commands;
}

std::optional<Command> parseCommand(QByteArrayView word)
{
    if (word == "next")
        return Command::Next;
    if (word == "run")
        return Command::Run;
    if (word == "step")
        return Command::Step;
    if (word == "kill")
        return Command::Kill;
    return std::nullopt;
}

} // namespace SocketScope::Tracer
