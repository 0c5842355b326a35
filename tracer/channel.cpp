#include "channel.h"

#include <QJsonDocument>

#include <cerrno>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace SocketScope::Tracer {

void Channel::send(const QJsonObject& message)
{
    const QByteArray line = QJsonDocument(message).toJson(QJsonDocument::Compact) + '\n';
    qsizetype sent = 0;
    while (sent < line.size()) {
        const ssize_t n =
            ::send(m_fd, line.constData() + sent, size_t(line.size() - sent), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        sent += n;
    }
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
