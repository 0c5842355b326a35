#include "log/eventlog.h"

#include "packets/pcapformat.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>

#include <algorithm>
#include <limits>

namespace SocketScope {

void EventLog::clear()
{
    m_calls.clear();
    m_notes.clear();
    m_packets.clear();
}

QList<int> EventLog::packetsVisibleAt(int callCount) const
{
    const int applied = qBound(0, callCount, int(m_calls.size()));
    QSet<qint64> visibleCalls;
    qint64 lastReturnNs = std::numeric_limits<qint64>::min();
    for (int i = 0; i < applied; ++i) {
        visibleCalls.insert(m_calls[i].seq);
        lastReturnNs = qMax(lastReturnNs, m_calls[i].tNs + m_calls[i].durationNs);
    }
    QList<int> visible;
    for (int i = 0; i < m_packets.size(); ++i) {
        const PacketEvent& packet = m_packets[i];
        // The log is in completion order: accept() may be applied before the connect()
        // whose handshake it waited for. What happened before it returned is visible.
        if (packet.tNs <= lastReturnNs || visibleCalls.contains(packet.cause))
            visible.append(i);
    }
    return visible;
}

bool EventLog::writeJsonLines(QIODevice& device) const
{
    QList<std::pair<qint64, QJsonObject>> lines;
    lines.reserve(m_calls.size() + m_notes.size() + m_packets.size());
    for (const CallEvent& call : m_calls)
        lines.append({call.seq, call.toJson()});
    for (const StepNote& note : m_notes) {
        QJsonObject object;
        object[QLatin1String("kind")] = QStringLiteral("step");
        object[QLatin1String("seq")] = note.seq;
        object[QLatin1String("t_ns")] = note.tNs;
        object[QLatin1String("step")] = note.step;
        object[QLatin1String("actor")] = note.actor;
        object[QLatin1String("narration")] = note.narration;
        lines.append({note.seq, object});
    }
    for (const PacketEvent& packet : m_packets)
        lines.append({packet.seq, packet.toJson()});
    std::stable_sort(lines.begin(), lines.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& line : lines) {
        if (device.write(QJsonDocument(line.second).toJson(QJsonDocument::Compact) + '\n') < 0)
            return false;
    }
    return true;
}

bool EventLog::saveJsonLines(const QString& path, QString* error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !writeJsonLines(file) || !file.commit()) {
        if (error)
            *error = QCoreApplication::translate("EventLog", "Cannot write the trace to %1: %2")
                         .arg(path, file.errorString());
        return false;
    }
    return true;
}

bool EventLog::savePcap(const QString& path, QString* error) const
{
    const auto fail = [&](const QString& why) {
        if (error)
            *error = why;
        return false;
    };
    const auto captured = std::find_if(m_packets.cbegin(), m_packets.cend(),
                                       [](const PacketEvent& p) { return !p.inferred; });
    if (captured == m_packets.cend())
        return fail(QCoreApplication::translate(
                        "EventLog", "No packet was captured, so %1 was not written: inferred "
                                    "packets are never put in a pcap file.")
                        .arg(path));
    QSaveFile file(path);
    bool written =
        file.open(QIODevice::WriteOnly) && PcapWriter::writeHeader(file, captured->linkType);
    for (const PacketEvent& packet : m_packets) {
        if (written && !packet.inferred)
            written = PcapWriter::writeRecord(
                file, {packet.captureTimeNs, packet.originalLength, packet.frame});
    }
    if (!written || !file.commit())
        return fail(QCoreApplication::translate("EventLog", "Cannot write the packets to %1: %2")
                        .arg(path, file.errorString()));
    return true;
}

} // namespace SocketScope
