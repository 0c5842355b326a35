#pragma once

#include "callevent.h"

#include <QList>
#include <QString>

class QIODevice;

namespace SocketScope {

// The narration shown when a step was performed: a trace event of kind "step".
struct StepNote {
    qint64 seq = 0;
    qint64 tNs = 0;
    int step = -1;
    QString actor;
    QString narration;
};

// The single source of truth of a session: every call and step note, in the order they
// completed. Views are projections of it up to a cursor.
class EventLog {
public:
    void append(const CallEvent& event) { m_calls.append(event); }
    void append(const StepNote& note) { m_notes.append(note); }
    void clear();

    const QList<CallEvent>& calls() const { return m_calls; }
    const QList<StepNote>& notes() const { return m_notes; }
    bool isEmpty() const { return m_calls.isEmpty() && m_notes.isEmpty(); }

    // JSON Lines, one event per line, ordered by seq (docs/trace-format.md).
    bool writeJsonLines(QIODevice& device) const;
    bool saveJsonLines(const QString& path, QString* error) const;

private:
    QList<CallEvent> m_calls;
    QList<StepNote> m_notes;
};

} // namespace SocketScope
