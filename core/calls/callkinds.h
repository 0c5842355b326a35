#pragma once

#include "calls/callevent.h"

#include <QHash>
#include <QString>

#include <initializer_list>

namespace SocketScope {

// What a call does, by its name and result: the families the packet and stage projections
// share.
namespace CallKinds {

bool isOneOf(const QString& value, std::initializer_list<const char*> names);
bool sendsData(const QString& call);    // write, send, sendto, sendmsg, writev
bool receivesData(const QString& call); // read, recv, recvfrom, recvmsg
// A fork() or pthread_create() that started the actor in `childActor`.
bool startsActor(const CallEvent& event);

} // namespace CallKinds

// Which actors are threads of one process, followed from the pthread_create() calls: threads
// share one descriptor table, so what one closes the others no longer have.
class ThreadGroups {
public:
    void follow(const CallEvent& event);
    void clear() { m_processOf.clear(); }
    // The actor whose process `actor` runs in: itself unless it is a thread it started.
    QString processOf(const QString& actor) const { return m_processOf.value(actor, actor); }
    bool shareTable(const QString& a, const QString& b) const
    {
        return processOf(a) == processOf(b);
    }

private:
    QHash<QString, QString> m_processOf;
};

} // namespace SocketScope
