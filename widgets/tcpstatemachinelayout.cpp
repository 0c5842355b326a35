#include "tcpstatemachinelayout.h"

#include <QLineF>

#include <array>

namespace SocketScope {

namespace {

constexpr int rows = 7;

struct Cell {
    int column; // 0 left, 1 centre, 2 right
    int row;
};

// In the order of the boxes: the states, then the second CLOSED.
constexpr std::array<Cell, TcpStateMachineLayout::secondClosedBox + 1> cells{{
    {1, 0}, // CLOSED
    {1, 1}, // LISTEN
    {2, 2}, // SYN-SENT
    {0, 2}, // SYN-RECEIVED
    {1, 3}, // ESTABLISHED
    {0, 4}, // FIN-WAIT-1
    {0, 5}, // FIN-WAIT-2
    {2, 4}, // CLOSE-WAIT
    {1, 5}, // CLOSING
    {2, 5}, // LAST-ACK
    {1, 6}, // TIME-WAIT
    {2, 6}, // CLOSED again
}};

QPointF halfway(const QPolygonF& path)
{
    qreal length = 0;
    for (qsizetype i = 1; i < path.size(); ++i)
        length += QLineF(path.at(i - 1), path.at(i)).length();
    qreal left = length / 2;
    for (qsizetype i = 1; i < path.size(); ++i) {
        const QLineF segment(path.at(i - 1), path.at(i));
        if (segment.length() > 0 && left <= segment.length())
            return segment.pointAt(left / segment.length());
        left -= segment.length();
    }
    return path.isEmpty() ? QPointF() : path.last();
}

QRectF between(qreal left, qreal top, qreal right, qreal bottom)
{
    return QRectF(QPointF(left, top), QPointF(right, bottom));
}

} // namespace

TcpStateMachineLayout::TcpStateMachineLayout(const QSizeF& size)
    : m_size(size)
{
    const qreal w = size.width();
    const qreal h = size.height();
    const qreal margin = 0.02 * qMin(w, h);
    // Boxes grow slower than the window so that the gaps keep room for the labels; the caps
    // keep three columns and seven rows apart in a small window.
    const qreal bw = qMin(0.12 * w + 45, 0.28 * (w - 2 * margin));
    const qreal bh = qMin(0.035 * h + 16, 0.7 * (h - 2 * margin) / rows);
    const qreal hw = bw / 2;
    const qreal hh = bh / 2;
    const qreal pitch = (h - 2 * margin - bh) / (rows - 1);
    const std::array<qreal, 3> x{margin + hw, w / 2, w - margin - hw};
    std::array<qreal, rows> y;
    for (int row = 0; row < rows; ++row)
        y[row] = margin + hh + row * pitch;

    for (int box = 0; box < int(cells.size()); ++box) {
        const Cell cell = cells[box];
        const QPointF centre(x[cell.column], y[cell.row]);
        const TcpState state = box == secondClosedBox ? TcpState::Closed : TcpState(box);
        m_boxes.append({state, QRectF(centre.x() - hw, centre.y() - hh, bw, bh)});
    }

    const qreal xL = x[0];
    const qreal xC = x[1];
    const qreal xR = x[2];
    const qreal e = 0.3 * bh;  // vertical offset of the ports on a box's side
    const qreal d = 0.42 * bw; // horizontal offset of the ports under and over the centre
    const qreal g = 0.04 * bw; // between a path and its label
    const qreal xm = (xL + xC) / 2;
    const qreal xs = (xC + xR) / 2;
    const qreal inner = xR - 0.35 * bw; // SYN-SENT back to CLOSED
    const qreal outer = xR - 0.1 * bw;  // CLOSED to SYN-SENT, its label to the right

    m_edges.resize(tcpTransitions().size());
    const auto add = [this](TcpState from, int toBox, const QPolygonF& path, const QRectF& room,
                            Qt::Alignment alignment, const QRectF& actionRoom = QRectF()) {
        const int index = tcpTransitionIndex(from, m_boxes.at(toBox).state);
        m_edges[index] = {path, int(from), toBox, halfway(path), room, alignment, actionRoom};
    };
    const auto box = [](TcpState state) {
        return int(state);
    };
    using S = TcpState;
    const Qt::Alignment left = Qt::AlignLeft | Qt::AlignVCenter;
    const Qt::Alignment right = Qt::AlignRight | Qt::AlignVCenter;

    add(S::Closed, box(S::Listen), {{xC - d, y[0] + hh}, {xC - d, y[1] - hh}},
        between(margin, y[0] + hh, xC - d - g, y[1] - hh), right);
    add(S::Closed, box(S::SynSent), {{xC + hw, y[0] - e}, {outer, y[0] - e}, {outer, y[2] - hh}},
        between(outer + g, margin, w - margin, y[2] - hh - g), left);
    add(S::Listen, box(S::SynReceived),
        {{xC - d, y[1] + hh}, {xC - d, y[2] - e}, {xL + hw, y[2] - e}},
        between(margin, y[1] + hh, xC - d - g, y[2] - hh - g), Qt::AlignRight | Qt::AlignTop);
    add(S::SynSent, box(S::Established),
        {{xR - hw, y[2] + e}, {xC + d, y[2] + e}, {xC + d, y[3] - hh}},
        between(xC + d + g, y[2] + hh + g, w - margin, y[3] - hh), left);
    add(S::SynReceived, box(S::Established),
        {{xL + hw, y[2] + e}, {xC - d, y[2] + e}, {xC - d, y[3] - hh}},
        between(xL + g, y[2] + hh + g, xC - d - g, y[3] - hh), right);
    // The event over the arrow and the action under it, away from the labels beside.
    add(S::SynSent, box(S::SynReceived), {{xR - hw, y[2]}, {xL + hw, y[2]}},
        between(xC - d + g, y[1] + hh, xC + d - g, y[2] - g), Qt::AlignHCenter | Qt::AlignBottom,
        between(xC - d + g, y[2] + g, xC + d - g, y[3] - hh));
    add(S::Listen, box(S::Closed), {{xC + d, y[1] - hh}, {xC + d, y[0] + hh}},
        between(xC + d + g, y[0] + hh, inner - g, y[1] - hh), left);
    add(S::SynSent, box(S::Closed), {{inner, y[2] - hh}, {inner, y[0] + e}, {xC + hw, y[0] + e}},
        between(xC + hw + g, y[1] - hh, inner - g, y[2] - hh - g), right);
    add(S::SynReceived, box(S::FinWait1), {{xL, y[2] + hh}, {xL, y[4] - hh}},
        between(xL + g, y[3] - hh, xC - hw - g, y[3] + hh), left);
    add(S::Established, box(S::FinWait1),
        {{xC - d, y[3] + hh}, {xC - d, y[4] - e}, {xL + hw, y[4] - e}},
        between(xL + g, y[3] + hh, xC - d - g, y[4] - hh), right);
    add(S::Established, box(S::CloseWait),
        {{xC + d, y[3] + hh}, {xC + d, y[4] - e}, {xR - hw, y[4] - e}},
        between(xC + d + g, y[3] + hh, w - margin, y[4] - hh), left);
    add(S::FinWait1, box(S::FinWait2), {{xL, y[4] + hh}, {xL, y[5] - hh}},
        between(xL + g, y[4] + hh, xm - g, y[5] - hh), left);
    add(S::FinWait1, box(S::Closing), {{xL + hw, y[4]}, {xC, y[4]}, {xC, y[5] - hh}},
        between(xC + g, y[4] + hh, xs - g, y[5] - hh), left);
    add(S::FinWait2, box(S::TimeWait), {{xL, y[5] + hh}, {xL, y[6] + e}, {xC - hw, y[6] + e}},
        between(xL + g, y[5] + hh, xm - g, y[6] + e - g), left);
    add(S::Closing, box(S::TimeWait), {{xC, y[5] + hh}, {xC, y[6] - hh}},
        between(xC + g, y[5] + hh, xs - g, y[6] - hh), left);
    add(S::CloseWait, box(S::LastAck), {{xR, y[4] + hh}, {xR, y[5] - hh}},
        between(xs + g, y[4] + hh, xR - g, y[5] - hh), right);
    add(S::LastAck, secondClosedBox, {{xR, y[5] + hh}, {xR, y[6] - hh}},
        between(xs + g, y[5] + hh, xR - g, y[6] - hh), right);
    add(S::TimeWait, secondClosedBox, {{xC + hw, y[6]}, {xR - hw, y[6]}},
        between(xC + hw + g, y[6] + g, xR - hw - g, h), Qt::AlignHCenter | Qt::AlignTop);
    // Down between FIN-WAIT-2 and CLOSING, into TIME-WAIT above the arrow from FIN-WAIT-2.
    add(S::FinWait1, box(S::TimeWait),
        {{xL + hw, y[4] + e}, {xm, y[4] + e}, {xm, y[6] - e}, {xC - hw, y[6] - e}},
        between(xm + g, y[4] + e + g, xC - g, y[5] - hh), left);
}

int TcpStateMachineLayout::boxAt(const QPointF& point) const
{
    for (int i = 0; i < m_boxes.size(); ++i) {
        if (m_boxes.at(i).rect.contains(point))
            return i;
    }
    return -1;
}

} // namespace SocketScope
