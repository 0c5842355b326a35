#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>

#include <optional>

namespace SocketScope::Tracer {

// What the app asks, one word a line (docs/tracer-protocol.md).
enum class Command : quint8 { Next, Run, Step, Kill };

// The socket to the app: JSON lines out, command words in.
class Channel {
public:
    explicit Channel(int fd)
        : m_fd(fd)
    {
    }
    int fd() const { return m_fd; }
    // Writes one message; a channel the app closed is not an error (its EOF ends the run).
    void send(const QJsonObject& message);
    // Reads what the app wrote: the whole commands, in order; end of file is Kill.
    QList<Command> receive();

private:
    int m_fd;
    QByteArray m_pending;
};

std::optional<Command> parseCommand(QByteArrayView word);

} // namespace SocketScope::Tracer
