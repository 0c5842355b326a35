#include "eventlog.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>

namespace SocketScope {

void EventLog::clear()
{
    m_calls.clear();
    m_notes.clear();
}

bool EventLog::writeJsonLines(QIODevice& device) const
{
    QList<std::pair<qint64, QJsonObject>> lines;
    lines.reserve(m_calls.size() + m_notes.size());
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

} // namespace SocketScope
