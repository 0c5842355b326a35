#pragma once

#include "calls/tcpstate.h"
#include "tcpstatemachinelayout.h"

#include <QWidget>

#include <optional>

namespace SocketScope {

// The TCP state machine of RFC 9293 with one socket on it: its state lit, the states it went
// through traced and numbered (dashed where the samples skipped states), and optionally a
// second state outlined with a caption, such as what the kernel says now while the lit state
// is the one of the selected step.
class TcpStateMachineView : public QWidget {
    Q_OBJECT
    Q_PROPERTY(std::optional<SocketScope::TcpState> currentState READ currentState WRITE
                   setCurrentState NOTIFY currentStateChanged)
    Q_PROPERTY(std::optional<SocketScope::TcpState> secondaryState READ secondaryState WRITE
                   setSecondaryState NOTIFY secondaryStateChanged)
    Q_PROPERTY(QString secondaryCaption READ secondaryCaption WRITE setSecondaryCaption NOTIFY
                   secondaryCaptionChanged)
    Q_PROPERTY(QList<SocketScope::TcpState> trace READ trace WRITE setTrace NOTIFY traceChanged)
public:
    // States kept by setTrace(), the most recent ones.
    static constexpr int maximumTrace = 6;

    // One arrow of the trace, by its index in tcpTransitions(); `skipped` when it lies
    // between two states the samples saw, on the shortest path (tcpPath).
    struct TraceStep {
        int transition;
        bool skipped;
        bool operator==(const TraceStep&) const = default;
    };

    explicit TcpStateMachineView(QWidget* parent = nullptr);

    std::optional<TcpState> currentState() const { return m_current; }
    void setCurrentState(std::optional<TcpState> state);
    std::optional<TcpState> secondaryState() const { return m_secondary; }
    void setSecondaryState(std::optional<TcpState> state);
    QString secondaryCaption() const { return m_secondaryCaption; }
    void setSecondaryCaption(const QString& caption);
    // Oldest first; repeats of a state in a row count once. A step no chain of arrows
    // explains (one through CLOSED, see tcpPath) is not drawn.
    QList<TcpState> trace() const { return m_trace; }
    void setTrace(const QList<TcpState>& states);
    // The arrows drawn for the trace, in order (numbered from 1 on screen).
    QList<TraceStep> traceSteps() const { return m_steps; }

    // The state whose box is under a point, in widget coordinates.
    std::optional<TcpState> stateAt(const QPoint& point) const;
    // Where the state is drawn: for CLOSED, the bottom box when the trace ends there from
    // TIME-WAIT or LAST-ACK, the top one otherwise.
    QRectF stateBoxRect(TcpState state) const;
    // Whether the events and actions are written on the arrows: all of them fit, at this size.
    bool labelsShown() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void currentStateChanged(std::optional<SocketScope::TcpState> state);
    void secondaryStateChanged(std::optional<SocketScope::TcpState> state);
    void secondaryCaptionChanged(const QString& caption);
    void traceChanged(const QList<SocketScope::TcpState>& states);

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    struct Fonts;

    TcpStateMachineLayout currentLayout() const { return TcpStateMachineLayout(size()); }
    Fonts fontsFor(const TcpStateMachineLayout& layout) const;
    int boxOf(TcpState state) const;
    bool isEmpty() const;
    void paintEdges(QPainter& painter, const TcpStateMachineLayout& layout) const;
    void paintTrace(QPainter& painter, const TcpStateMachineLayout& layout) const;
    void paintBoxes(QPainter& painter, const TcpStateMachineLayout& layout,
                    const Fonts& fonts) const;
    void paintSecondary(QPainter& painter, const TcpStateMachineLayout& layout,
                        const Fonts& fonts) const;

    std::optional<TcpState> m_current;
    std::optional<TcpState> m_secondary;
    QString m_secondaryCaption;
    QList<TcpState> m_trace;
    QList<TraceStep> m_steps;
};

} // namespace SocketScope
