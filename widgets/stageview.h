#pragma once

#include "stagestate.h"

#include <QVariantAnimation>
#include <QWidget>

namespace SocketScope {

class StageLayout;

// The stage: each descriptor as a telephone (TCP) or a mailbox (UDP), the lines between
// them, the speech bubbles and letters of the last call; or the same with technical labels
// only. It draws whatever StageState it is given, so Back and Forward redraw the past.
class StageView : public QWidget {
    Q_OBJECT
    Q_PROPERTY(ViewMode viewMode READ viewMode WRITE setViewMode NOTIFY viewModeChanged)
    Q_PROPERTY(qreal transition READ transition WRITE setTransition)
    Q_PROPERTY(int animationDuration READ animationDuration WRITE setAnimationDuration)
public:
    enum class ViewMode { Analogy, Protocol };
    Q_ENUM(ViewMode)

    explicit StageView(QWidget* parent = nullptr);

    void setActors(const QStringList& ids, const QStringList& names);
    void setState(const StageState& state);
    const StageState& state() const { return m_state; }
    // The clock for "waiting for 2.3 s" at the live end of the log.
    void setTime(qint64 nowNs);

    ViewMode viewMode() const { return m_viewMode; }
    void setViewMode(ViewMode mode);
    qreal transition() const { return m_transition; }
    void setTransition(qreal transition);
    int animationDuration() const { return m_animationDuration; }
    void setAnimationDuration(int milliseconds);
    bool isAnimationRunning() const;
    void skipAnimation();

    // The text of one descriptor's cell, as drawn (also what tests and screen readers use).
    QStringList describe(int endpoint) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void viewModeChanged(SocketScope::StageView::ViewMode mode);
    void animationFinished();

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    bool animationsEnabled() const;
    QString waitingText(const StageEndpoint& endpoint) const;
    QString statusText(const StageEndpoint& endpoint) const;
    QString failureText(const StageEndpoint& endpoint) const;
    QStringList exchangeText() const;
    QColor actorColor(const QString& actor) const;
    void paintLines(QPainter& painter, const StageLayout& layout, const QSizeF& scene) const;
    void paintEndpoint(QPainter& painter, const StageLayout& layout, int index) const;
    void paintExchange(QPainter& painter, const StageLayout& layout) const;

    StageState m_state;
    QStringList m_actorIds;
    QStringList m_actorNames;
    ViewMode m_viewMode = ViewMode::Analogy;
    qreal m_transition = 1;
    int m_animationDuration = 600;
    QVariantAnimation m_animation;
};

} // namespace SocketScope
