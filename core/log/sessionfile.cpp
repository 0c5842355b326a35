#include "log/sessionfile.h"

#include "calls/callcodec.h"
#include "packets/packetcodec.h"
#include "packets/pcapformat.h"
#include "scenarios/scenariowriter.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>

// Writing a saved session (docs/trace-format.md) and its packets as a pcap file; reading is
// in sessionfilereader.cpp.
namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(SessionFile)
};

QString kindName(CaptureStatus::Kind kind)
{
    switch (kind) {
    case CaptureStatus::Kind::Starting:
        return QStringLiteral("starting");
    case CaptureStatus::Kind::Captured:
        return QStringLiteral("captured");
    case CaptureStatus::Kind::Inferred:
        return QStringLiteral("inferred");
    }
    return {};
}

QJsonObject header(const EventLog& log)
{
    const CaptureStatus& capture = log.captureStatus();
    QJsonObject object{
        {QStringLiteral("kind"), QStringLiteral("session")},
        {QStringLiteral("format"), SessionFile::formatVersion},
        {QStringLiteral("producer"),
         QStringLiteral("SocketScope %1").arg(QCoreApplication::applicationVersion())},
        {QStringLiteral("language"), log.language()},
        // A scenario read from no file (the lab's) is written from its steps.
        {QStringLiteral("scenario"), log.scenario().definition.isEmpty()
                                         ? ScenarioWriter::scenarioToJson(log.scenario())
                                         : log.scenario().definition},
        {QStringLiteral("capture"), kindName(capture.kind)},
    };
    if (!capture.reason.isEmpty())
        object[QLatin1String("capture_reason")] = capture.reason;
    if (!capture.interfaces.isEmpty())
        object[QLatin1String("capture_interfaces")] = capture.interfaces.join(QLatin1Char(' '));
    if (!log.notice().isEmpty())
        object[QLatin1String("notice")] = log.notice();
    return object;
}

QJsonObject noteToJson(const StepNote& note)
{
    return QJsonObject{{QStringLiteral("kind"), QStringLiteral("step")},
                       {QStringLiteral("seq"), note.seq},
                       {QStringLiteral("t_ns"), note.tNs},
                       {QStringLiteral("step"), note.step},
                       {QStringLiteral("actor"), note.actor},
                       {QStringLiteral("narration"), note.narration},
                       {QStringLiteral("calls_returned"), note.callsReturned}};
}

QJsonObject startToJson(const CallStart& start)
{
    return QJsonObject{{QStringLiteral("kind"), QStringLiteral("call_start")},
                       {QStringLiteral("seq"), start.seq},
                       {QStringLiteral("t_ns"), start.tNs},
                       {QStringLiteral("step"), start.step},
                       {QStringLiteral("actor"), start.actor},
                       {QStringLiteral("call"), Calls::name(start.call)},
                       {QStringLiteral("fd"), start.fd},
                       {QStringLiteral("blocked"), start.blocked}};
}

QJsonObject processEndToJson(const ProcessEnd& end)
{
    QJsonObject object{{QStringLiteral("kind"), QStringLiteral("process_end")},
                       {QStringLiteral("seq"), end.seq},
                       {QStringLiteral("t_ns"), end.tNs},
                       {QStringLiteral("actor"), end.actor},
                       {QStringLiteral("calls_returned"), end.callsReturned}};
    if (end.exec) {
        QJsonArray closed;
        for (const int fd : end.closed)
            closed.append(fd);
        object[QLatin1String("exec")] = true;
        object[QLatin1String("closed")] = closed;
    } else if (end.signal != 0) {
        object[QLatin1String("signal")] = end.signal;
    } else {
        object[QLatin1String("status")] = end.status;
    }
    return object;
}

QJsonObject outcomeToJson(const Outcome& outcome)
{
    return QJsonObject{{QStringLiteral("kind"), QStringLiteral("outcome")},
                       {QStringLiteral("passed"), outcome.passed},
                       {QStringLiteral("failures"), QJsonArray::fromStringList(outcome.failures)}};
}

} // namespace

namespace SessionFile {

bool write(const EventLog& log, QIODevice& device)
{
    QList<std::pair<qint64, QJsonObject>> lines;
    for (const StepNote& note : log.notes())
        lines.append({note.seq, noteToJson(note)});
    for (qsizetype i = 0; i < log.calls().size(); ++i) {
        QJsonObject call = CallCodec::eventToJson(log.calls()[i]);
        call[QLatin1String("returned")] = i;
        lines.append({log.calls()[i].seq, call});
    }
    for (const CallStart& start : log.callsInProgress())
        lines.append({start.seq, startToJson(start)});
    for (const ProcessEnd& end : log.processEnds())
        lines.append({end.seq, processEndToJson(end)});
    // Other programs' packets the capture saw on the session's ports are not the session's.
    for (const PacketEvent& packet : log.packets()) {
        if (packet.isTheSessions())
            lines.append({packet.seq, PacketCodec::toJson(packet)});
    }
    std::stable_sort(lines.begin(), lines.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    const auto put = [&device](const QJsonObject& object) {
        return device.write(QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n') >= 0;
    };
    if (!put(header(log)))
        return false;
    for (const auto& line : std::as_const(lines)) {
        if (!put(line.second))
            return false;
    }
    return !log.outcome() || put(outcomeToJson(*log.outcome()));
}

bool save(const EventLog& log, const QString& path, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !write(log, file) || !file.commit()) {
        if (error)
            *error = Tr::tr("Cannot write the session to %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool savePcap(const EventLog& log, const QString& path, QString* error)
{
    const auto fail = [&](const QString& why) {
        if (error)
            *error = why;
        return false;
    };
    const auto isCaptured = [](const PacketEvent& p) {
        return !p.inferred && p.isTheSessions();
    };
    const auto captured = std::find_if(log.packets().cbegin(), log.packets().cend(), isCaptured);
    if (captured == log.packets().cend())
        return fail(Tr::tr("No packet was captured, so %1 was not written: inferred packets are "
                           "never put in a pcap file.")
                        .arg(path));
    QSaveFile file(path);
    bool written =
        file.open(QIODevice::WriteOnly) && PcapWriter::writeHeader(file, captured->linkType);
    for (const PacketEvent& packet : log.packets()) {
        if (written && isCaptured(packet))
            written = PcapWriter::writeRecord(
                file, {packet.captureTimeNs, packet.originalLength, packet.frame});
    }
    if (!written || !file.commit())
        return fail(Tr::tr("Cannot write the packets to %1: %2").arg(path, file.errorString()));
    return true;
}

} // namespace SessionFile

} // namespace SocketScope
