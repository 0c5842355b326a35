#pragma once

#include "order.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace SocketScope::Tracer {

// The socket to the app: JSON lines out, command words in.
class Channel {
public:
    explicit Channel(int fd)
        : m_fd(fd)
    {
    }
    int fd() const { return m_fd; }
    // Queues one message. Messages go out in order, in batches: at the latest after
    // batchNs, at once with sendNow() (what the app waits for: paused, blocked), and on
    // flush(). Each traced call would otherwise cost two wake-ups of the app.
    void send(const QJsonObject& message);
    void sendNow(const QJsonObject& message);
    // A message already written as one line of JSON, without its newline.
    void sendLine(const QByteArray& json);
    void flush();
    // CLOCK_MONOTONIC when the oldest queued message was queued; 0 when none is.
    qint64 queuedSinceNs() const { return m_queuedSinceNs; }
    static constexpr qint64 batchNs = 20'000'000;
    // Reads what the app wrote: the whole orders, in order; end of file is Kill.
    QList<Order> receive();

private:
    int m_fd;
    QByteArray m_pending;
    QByteArray m_out;
    qint64 m_queuedSinceNs = 0;
};

// Every message's first key.
inline QString kindKey()
{
    return QStringLiteral("kind");
}

} // namespace SocketScope::Tracer
