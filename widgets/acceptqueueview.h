#pragma once

#include "theme.h"

#include <QStringList>
#include <QWidget>

namespace SocketScope {

// What a listening socket holds, as ss reports it for a LISTEN row and its SYN_RECV ones.
struct AcceptQueue {
    QString listener;         // "127.0.0.1:5000"; empty when no listener is selected
    quint32 backlog = 0;      // the limit given to listen() (ss's Send-Q of the listener)
    QStringList waiting;      // peers of the connections known to wait, up to waitingCount
    QStringList halfOpen;     // peers in SYN_RECV: handshake not finished
    quint32 waitingCount = 0; // established, not yet accepted (ss's Recv-Q of the listener)
    bool operator==(const AcceptQueue&) const = default;
};

// A listening socket's queues in the telephone analogy: the listener is a switchboard, and
// the calls that got through wait on hold, one per slot, until the server picks up with
// accept(). A backlog too large for slots is a proportional bar with the first callers
// beside it. Calls still in the handshake are a smaller row of their own.
class AcceptQueueView : public QWidget {
    Q_OBJECT
    Q_PROPERTY(SocketScope::AcceptQueue queue READ queue WRITE setQueue NOTIFY queueChanged)
public:
    // Linux lets backlog + 1 connections wait; more slots than this are drawn as a bar.
    static constexpr int maximumSlots = 32;
    // The waiting peers drawn as slots next to the bar.
    static constexpr int barSlots = 8;

    explicit AcceptQueueView(QWidget* parent = nullptr);

    AcceptQueue queue() const { return m_queue; }
    void setQueue(const AcceptQueue& queue);

    // Connections established and not accepted: waitingCount, or more when more peers are known.
    quint32 waitingTotal() const;
    // Whether the kernel now drops new SYNs: more than the backlog wait.
    bool isFull() const;
    bool showsBar() const;
    // Where the bar is drawn; null when the queue is slots only.
    QRectF barRect() const;
    // The slots drawn, filled ones first; none in the empty state.
    int drawnSlots() const;
    int filledSlots() const;
    QRectF slotRect(int index) const;
    // The text in a filled slot: the peer, its port alone when narrow, or nothing.
    QString slotText(int index) const;
    QString caption() const;
    // The line under the slots; a full queue says so in words, not in red alone.
    QString note() const;
    // The half-open peers drawn; the others are counted in a "+N more".
    int drawnHalfOpen() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void queueChanged(const SocketScope::AcceptQueue& queue);

protected:
    void changeEvent(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    struct Geometry;

    Geometry geometry() const;
    bool isEmpty() const { return m_queue.listener.isEmpty(); }
    QString textFor(int index, qreal width) const;
    QColor fillColour() const;
    void paintHeader(QPainter& painter, const Geometry& geometry) const;
    void paintSlots(QPainter& painter, const Geometry& geometry) const;
    void paintCaption(QPainter& painter, const Geometry& geometry) const;
    void paintHalfOpen(QPainter& painter, const Geometry& geometry) const;

    AcceptQueue m_queue;
    Theme m_theme = Theme::current();
};

} // namespace SocketScope
