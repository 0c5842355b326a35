#include "log/bytebudget.h"

#include <algorithm>

namespace SocketScope {

namespace {

// A socket is its actor's descriptor until it closes (the number may then be reused).
QString socketKey(const CallEvent& event)
{
    return QStringLiteral("%1/%2/%3").arg(event.actor).arg(event.pid).arg(event.fd());
}

QString flowKey(const PacketEvent& packet)
{
    return DecodedPacket::endpointText(packet.decoded.source) + QStringLiteral(">") +
           DecodedPacket::endpointText(packet.decoded.destination);
}

} // namespace

void ByteBudget::clear()
{
    m_perKey.clear();
    m_kept = 0;
}

qint64 ByteBudget::take(const QString& key, qint64 wanted)
{
    qint64& used = m_perKey[key];
    const qint64 granted = qBound<qint64>(0, KeptBytes::perSocket - used, wanted);
    used += granted;
    m_kept += granted;
    return granted;
}

qint64 ByteBudget::cut(QByteArray& bytes, const QString& key)
{
    const qint64 kept = take(key, qMin<qint64>(bytes.size(), KeptBytes::perCall));
    const qint64 dropped = bytes.size() - kept;
    if (dropped > 0) {
        bytes.truncate(qsizetype(kept));
        bytes.squeeze(); // the buffer of a 1 MiB read would stay allocated otherwise
    }
    return dropped;
}

void ByteBudget::keep(CallEvent& event)
{
    const QString key = socketKey(event);
    event.bytesNotKept += cut(event.arguments.payload, key);
    event.bytesNotKept += cut(event.results.data, key);
    for (IoBuffer& buffer : event.arguments.vector)
        event.bytesNotKept += cut(buffer.bytes, key);
    // Each message's bytes are the payload's or the data's again: kept as far as those were,
    // and neither charged nor counted twice.
    qint64 allowance = std::max(event.arguments.payload.size(), event.results.data.size());
    for (MultiMessage& message : event.arguments.messages) {
        for (IoBuffer& buffer : message.vector) {
            buffer.bytes.truncate(qsizetype(std::min<qint64>(buffer.bytes.size(), allowance)));
            allowance -= buffer.bytes.size();
        }
    }
    if (Calls::has(event.call, CallTrait::ReleasesDescriptor) && !event.failed())
        m_perKey.remove(key);
}

void ByteBudget::keep(PacketEvent& packet)
{
    const qint64 dropped = cut(packet.decoded.payload, flowKey(packet));
    if (dropped <= 0)
        return;
    packet.payloadNotKept += dropped;
    // The frame ends with the payload: its cut bytes go too (a pcap record whose captured
    // length is shorter than the length on the wire, as with a snapshot length).
    packet.frame.truncate(qMax<qsizetype>(0, packet.frame.size() - qsizetype(dropped)));
    packet.frame.squeeze();
}

} // namespace SocketScope
