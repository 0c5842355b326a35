#pragma once

#include "log/eventlog.h"

namespace SocketScope::TestLog {

// The nth call `call` of `actor`, in the order calls returned; null when there is none.
inline const CallEvent* findCall(const EventLog& log, QStringView actor, Call call, int nth = 0)
{
    for (const CallEvent& event : log.calls()) {
        if (event.actor == actor && event.call == call && nth-- == 0)
            return &event;
    }
    return nullptr;
}

// The cursor position right after the nth call `call` of `actor`; 0 when there is none.
inline int positionAfter(const QList<CallEvent>& calls, QStringView actor, Call call, int nth = 0)
{
    for (qsizetype i = 0; i < calls.size(); ++i) {
        if (calls[i].actor == actor && calls[i].call == call && nth-- == 0)
            return int(i + 1);
    }
    return 0;
}

// The session's packets, as the views show them: those of other programs the capture saw
// on the same ports are left out.
inline QList<PacketEvent> sessionPackets(const EventLog& log)
{
    QList<PacketEvent> packets;
    for (const PacketEvent& packet : log.packets()) {
        if (packet.isTheSessions())
            packets.append(packet);
    }
    return packets;
}

} // namespace SocketScope::TestLog
