#include "calls/messagebytes.h"

namespace SocketScope {

QByteArray messageBytes(const MultiMessage& message)
{
    QByteArray bytes;
    for (const IoBuffer& buffer : message.vector)
        bytes += buffer.bytes;
    bytes.truncate(qsizetype(qMin<qint64>(bytes.size(), message.length)));
    return bytes;
}

} // namespace SocketScope
