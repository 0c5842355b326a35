#pragma once

#include "calls/tcpstate.h"

#include <QList>
#include <QPolygonF>
#include <QRectF>

namespace SocketScope {

struct TcpStateBox {
    TcpState state;
    QRectF rect;
};

// One arrow of tcpTransitions(): an orthogonal polyline from the side of one box to the
// side of another, and the free space beside it where its event and action fit.
struct TcpEdgeGeometry {
    QPolygonF path;
    int fromBox = -1;
    int toBox = -1;
    QPointF middle; // half way along the path
    QRectF labelRoom;
    Qt::Alignment labelAlignment; // towards the path, so that the label reads as its own
    // Valid when the action goes across the path from the event, as in the RFC; then the
    // action is aligned to the top of it, the event to the bottom of labelRoom.
    QRectF actionRoom;
};

// RFC 9293 figure 5 fitted to a size: CLOSED at the top centre, LISTEN below it, SYN-RECEIVED
// and SYN-SENT left and right, ESTABLISHED in the centre, FIN-WAIT-1 and FIN-WAIT-2 down the
// left, CLOSE-WAIT and LAST-ACK down the right, CLOSING in the centre, TIME-WAIT at the
// bottom. As in the RFC, the arrows that end a connection lead to a second CLOSED box at the
// bottom right rather than all the way back up.
class TcpStateMachineLayout {
public:
    // Boxes 0 to 10 are the states in the order of TcpState; this one is the second CLOSED.
    static constexpr int secondClosedBox = tcpStateCount;

    TcpStateMachineLayout() = default;
    explicit TcpStateMachineLayout(const QSizeF& size);

    QSizeF size() const { return m_size; }
    const QList<TcpStateBox>& boxes() const { return m_boxes; }
    // The first box of the state (the top one for CLOSED).
    QRectF stateRect(TcpState state) const { return m_boxes.at(int(state)).rect; }
    // In the order of tcpTransitions().
    const QList<TcpEdgeGeometry>& edges() const { return m_edges; }
    // The box under a point, -1 when none.
    int boxAt(const QPointF& point) const;

private:
    QSizeF m_size;
    QList<TcpStateBox> m_boxes;
    QList<TcpEdgeGeometry> m_edges;
};

} // namespace SocketScope
