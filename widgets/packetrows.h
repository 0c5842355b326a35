#pragma once

#include "packets/packetevent.h"

#include <QList>
#include <QString>

// What the packet views (diagram and list) share: the time text, and how they recognise
// that new visible packets only continue the ones they show, so that a running session
// costs them the new rows only.
namespace SocketScope::PacketRows {

// "+1.234 ms", "+2.500 s", "-0.010 ms": a time relative to the views' origin.
QString timeText(qint64 ns);

// The indices of `visible` that exist in `packets`: usually all of them, then not copied.
QList<int> validIndices(const QList<PacketEvent>& packets, const QList<int>& visible);

// How many leading rows two lists of visible packets share: the same indices, and the same
// packets at both ends of the common part (a session run again reuses sequence numbers, but
// not times).
qsizetype sharedRows(const QList<PacketEvent>& before, const QList<int>& visibleBefore,
                     const QList<PacketEvent>& after, const QList<int>& visibleAfter);

} // namespace SocketScope::PacketRows
