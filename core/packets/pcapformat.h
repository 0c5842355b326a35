#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

class QIODevice;

namespace SocketScope {

// One packet record of a pcap stream.
struct PcapRecord {
    qint64 timeNs = 0; // capture time, nanoseconds since the epoch
    quint32 originalLength = 0;
    QByteArray data; // the captured bytes (may be shorter than originalLength)
};

// Reads a classic pcap stream (the format tcpdump, tshark and libpcap's dumper write) as it
// arrives: feed it bytes in any chunks, take the complete records. Either byte order,
// microsecond or nanosecond timestamps. A bad header or an impossible record length is an
// error, never a crash.
class PcapReader {
public:
    void feed(const QByteArray& bytes);
    QList<PcapRecord> takeRecords();
    bool hasHeader() const { return m_headerRead; }
    int linkType() const { return m_linkType; }
    QString error() const { return m_error; }

private:
    quint32 read32(qsizetype offset) const;

    QByteArray m_buffer;
    QList<PcapRecord> m_records;
    bool m_headerRead = false;
    bool m_swapped = false;
    bool m_nanoseconds = false;
    int m_linkType = -1;
    quint32 m_snapLength = 0;
    QString m_error;
};

// Writes a pcap file that tshark and Wireshark open: microsecond timestamps, host order.
class PcapWriter {
public:
    static bool writeHeader(QIODevice& device, int linkType, quint32 snapLength = 262144);
    static bool writeRecord(QIODevice& device, const PcapRecord& record);
};

} // namespace SocketScope
