#include "packets/pcapformat.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QtEndian>

namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(Pcap)
};

constexpr quint32 magicMicroseconds = 0xa1b2c3d4;
constexpr quint32 magicNanoseconds = 0xa1b23c4d;
constexpr qsizetype globalHeaderSize = 24;
constexpr qsizetype recordHeaderSize = 16;
// No link layer carries frames larger than this; a bigger length means a corrupt stream.
constexpr quint32 largestRecord = 16 * 1024 * 1024;

} // namespace

quint32 PcapReader::read32(qsizetype offset) const
{
    const auto value = qFromUnaligned<quint32>(m_buffer.constData() + offset);
    return m_swapped ? qbswap(value) : value;
}

void PcapReader::feed(const QByteArray& bytes)
{
    if (!m_error.isEmpty())
        return;
    m_buffer += bytes;
    if (!m_headerRead) {
        if (m_buffer.size() < globalHeaderSize)
            return;
        const auto magic = qFromUnaligned<quint32>(m_buffer.constData());
        if (magic == magicMicroseconds || magic == magicNanoseconds) {
            m_swapped = false;
        } else if (qbswap(magic) == magicMicroseconds || qbswap(magic) == magicNanoseconds) {
            m_swapped = true;
        } else {
            m_error =
                Tr::tr("not a pcap stream (magic number %1)").arg(magic, 8, 16, QLatin1Char('0'));
            return;
        }
        m_nanoseconds = read32(0) == magicNanoseconds;
        m_snapLength = read32(16);
        m_linkType = int(read32(20) & 0x0fffffff);
        m_headerRead = true;
        m_buffer.remove(0, globalHeaderSize);
    }
    while (m_buffer.size() >= recordHeaderSize) {
        const quint32 seconds = read32(0);
        const quint32 fraction = read32(4);
        const quint32 captured = read32(8);
        const quint32 original = read32(12);
        if (captured > largestRecord ||
            (m_snapLength > 0 && captured > qMax(m_snapLength, 65535u))) {
            m_error = Tr::tr("corrupt pcap stream: a record claims %1 bytes").arg(captured);
            return;
        }
        if (m_buffer.size() < recordHeaderSize + qsizetype(captured))
            return; // the rest has not arrived yet
        PcapRecord record;
        record.timeNs = qint64(seconds) * 1'000'000'000 +
                        (m_nanoseconds ? qint64(fraction) : qint64(fraction) * 1000);
        record.originalLength = original;
        record.data = m_buffer.mid(recordHeaderSize, captured);
        m_records.append(record);
        m_buffer.remove(0, recordHeaderSize + captured);
    }
}

QList<PcapRecord> PcapReader::takeRecords()
{
    return std::exchange(m_records, {});
}

bool PcapWriter::writeHeader(QIODevice& device, int linkType, quint32 snapLength)
{
    QByteArray header(globalHeaderSize, '\0');
    qToUnaligned<quint32>(magicMicroseconds, header.data());
    qToUnaligned<quint16>(2, header.data() + 4); // version 2.4
    qToUnaligned<quint16>(4, header.data() + 6);
    qToUnaligned<quint32>(snapLength, header.data() + 16);
    qToUnaligned<quint32>(quint32(linkType), header.data() + 20);
    return device.write(header) == header.size();
}

bool PcapWriter::writeRecord(QIODevice& device, const PcapRecord& record)
{
    QByteArray header(recordHeaderSize, '\0');
    qToUnaligned<quint32>(quint32(record.timeNs / 1'000'000'000), header.data());
    qToUnaligned<quint32>(quint32((record.timeNs % 1'000'000'000) / 1000), header.data() + 4);
    qToUnaligned<quint32>(quint32(record.data.size()), header.data() + 8);
    qToUnaligned<quint32>(qMax<quint32>(record.originalLength, quint32(record.data.size())),
                          header.data() + 12);
    return device.write(header) == header.size() && device.write(record.data) == record.data.size();
}

} // namespace SocketScope
