#pragma once

#include "calls/callevent.h"
#include "packets/packetevent.h"

#include <QHash>
#include <QString>

namespace SocketScope {

// How much of a long stream the log keeps. A peer may stream gigabytes: the log keeps a
// sample of each call and packet and, past a total per socket, their counts only, so that
// memory stays bounded while every count (return values, lengths, sequence numbers, bytes
// waiting) stays exact. What was not kept is counted (CallEvent::bytesNotKept,
// PacketEvent::payloadNotKept) and marked wherever bytes are shown.
namespace KeptBytes {
// Of each call and packet, the first bytes: more than any message a student types or a
// line protocol exchanges (a request line, a header block, a greeting) and than a view
// shows, small enough that a thousand 1 MiB reads keep 4 MiB.
constexpr qint64 perCall = 4096;
// Of each socket (for packets, each direction of a flow): a whole student exchange fits;
// a stream of gigabytes keeps its first mebibyte.
constexpr qint64 perSocket = 1 << 20;
} // namespace KeptBytes

// Cuts calls and packets to what the log keeps, and counts the rest. The log owns one.
class ByteBudget {
public:
    void clear();
    void keep(CallEvent& event);
    void keep(PacketEvent& packet);
    // The bytes of data kept so far, calls and packets together.
    qint64 keptBytes() const { return m_kept; }

private:
    // How many of `wanted` bytes may still be kept for `key`; counts them as kept.
    qint64 take(const QString& key, qint64 wanted);
    qint64 cut(QByteArray& bytes, const QString& key);

    QHash<QString, qint64> m_perKey; // bytes kept per socket or flow direction
    qint64 m_kept = 0;
};

} // namespace SocketScope
