#pragma once

#include <QByteArray>
#include <QList>

namespace SocketScope {

// Bytes of a stream in their order (those that arrived and were not read yet), as far as the
// log kept them: its size is exact, its bytes are those kept, and where some were not kept
// it says so instead of joining the pieces around the gap.
class StreamBytes {
public:
    StreamBytes() = default;
    StreamBytes(const QByteArray& kept, qint64 notKept = 0) { append(kept, notKept); }

    // `kept` bytes followed by `notKept` more that the log did not keep.
    void append(const QByteArray& kept, qint64 notKept = 0);
    void append(const StreamBytes& other);
    // The first `count` bytes were read: kept or not, they go.
    void removeFront(qint64 count);
    void clear() { *this = {}; }

    qint64 size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    // How many of size() were not kept.
    qint64 notKept() const;
    // The kept bytes at the front, up to the first byte not kept: what can be shown as it is.
    QByteArray leadingBytes() const { return m_pieces.isEmpty() ? QByteArray() : m_pieces[0].kept; }

    bool operator==(const StreamBytes&) const = default;

private:
    struct Piece {
        QByteArray kept;
        qint64 notKept = 0; // after `kept`
        bool operator==(const Piece&) const = default;
    };
    QList<Piece> m_pieces;
    qint64 m_size = 0;
};

} // namespace SocketScope
