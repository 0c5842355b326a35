#include "log/streambytes.h"

namespace SocketScope {

void StreamBytes::append(const QByteArray& kept, qint64 notKept)
{
    if (kept.isEmpty() && notKept <= 0)
        return;
    m_size += kept.size() + qMax<qint64>(0, notKept);
    // Bytes that follow a gap start a piece; a gap after a gap, or bytes after bytes, join.
    if (!m_pieces.isEmpty() && (kept.isEmpty() || m_pieces.last().notKept == 0)) {
        Piece& last = m_pieces.last();
        last.kept += kept;
        last.notKept += qMax<qint64>(0, notKept);
        return;
    }
    m_pieces.append({kept, qMax<qint64>(0, notKept)});
}

void StreamBytes::append(const StreamBytes& other)
{
    for (const Piece& piece : other.m_pieces)
        append(piece.kept, piece.notKept);
}

void StreamBytes::removeFront(qint64 count)
{
    while (count > 0 && !m_pieces.isEmpty()) {
        Piece& first = m_pieces.first();
        const qint64 fromKept = qMin<qint64>(count, first.kept.size());
        first.kept.remove(0, qsizetype(fromKept));
        const qint64 fromGap = qMin(count - fromKept, first.notKept);
        first.notKept -= fromGap;
        count -= fromKept + fromGap;
        m_size -= fromKept + fromGap;
        if (first.kept.isEmpty() && first.notKept == 0)
            m_pieces.removeFirst();
    }
}

qint64 StreamBytes::notKept() const
{
    qint64 total = 0;
    for (const Piece& piece : m_pieces)
        total += piece.notKept;
    return total;
}

} // namespace SocketScope
