#pragma once

#include "calls/callevent.h"

#include <QHash>
#include <QString>

namespace SocketScope {

// Which actors are threads of one process, followed from the pthread_create() calls (and a
// traced program's clone() with CLONE_FILES): threads share one descriptor table, so what one
// closes the others no longer have.
class ThreadGroups {
public:
    void follow(const CallEvent& event);
    // The actor whose process `actor` runs in: itself unless it is a thread it started.
    QString processOf(const QString& actor) const { return m_processOf.value(actor, actor); }
    bool shareTable(const QString& a, const QString& b) const
    {
        return processOf(a) == processOf(b);
    }
    // Whether any actor is a thread of another: if not, every actor has a table of its own.
    bool anyThreads() const { return !m_processOf.isEmpty(); }

private:
    QHash<QString, QString> m_processOf;
};

// A fork(), vfork(), clone() or pthread_create() that started the actor in `childActor`.
bool startsActor(const CallEvent& event);
// ... and one whose child shares its descriptor table (a thread).
bool sharesTable(const CallEvent& event);

} // namespace SocketScope
