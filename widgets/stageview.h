#pragma once

#include "stagecrowd.h"
#include "stagelayout.h"
#include "theme.h"

#include <QVariantAnimation>
#include <QWidget>

#include <optional>

class QLabel;

namespace SocketScope {

// The stage: each descriptor as a telephone (TCP) or a mailbox (UDP), the lines between
// them, the speech bubbles and letters of the last call; or the same with technical labels
// only. It draws whatever StageState it is given, so Back and Forward redraw the past. Its
// layout (StageLayout) fits the widget: text as large as the space allows, nothing over
// anything else; hovering a descriptor shows its whole text, clicking pins it.
class StageView : public QWidget {
    Q_OBJECT
    Q_PROPERTY(ViewMode viewMode READ viewMode WRITE setViewMode NOTIFY viewModeChanged)
    Q_PROPERTY(qreal zoom READ zoom WRITE setZoom NOTIFY zoomChanged)
    Q_PROPERTY(qreal transition READ transition WRITE setTransition)
    Q_PROPERTY(int animationDuration READ animationDuration WRITE setAnimationDuration)
public:
    enum class ViewMode { Analogy, Protocol };
    Q_ENUM(ViewMode)

    explicit StageView(QWidget* parent = nullptr);
    ~StageView() override;

    void setActors(const QStringList& ids, const QStringList& names);
    void setState(const StageState& state);
    // What it draws: the state given, or its part foldCrowd() keeps of a crowded one. The
    // endpoint indexes of the methods below are this state's.
    const StageState& state() const { return m_state; }
    // What a crowded stage leaves out, in words (empty when it draws everything).
    const QString& crowdNote() const { return m_crowdNote; }
    // The clock for "waiting for 2.3 s" at the live end of the log.
    void setTime(qint64 nowNs);

    ViewMode viewMode() const { return m_viewMode; }
    void setViewMode(ViewMode mode);
    // Multiplies the text size (Ctrl+plus, Ctrl+minus); the layout wraps more and shrinks
    // the icons to make room, and gives way rather than overlap.
    qreal zoom() const { return m_zoom; }
    void setZoom(qreal zoom);
    // The smallest text, in pixels, the window asks for (0: the stage's own minimum).
    int textFloor() const { return m_textFloor; }
    void setTextFloor(int pixels);
    qreal transition() const { return m_transition; }
    void setTransition(qreal transition);
    int animationDuration() const { return m_animationDuration; }
    void setAnimationDuration(int milliseconds);
    bool isAnimationRunning() const;
    void skipAnimation();

    // The text of one descriptor's cell, whole (also what tests and screen readers use).
    QStringList describe(int endpoint) const;
    // Who is at the far end of `endpoint`'s connection when it is a program outside
    // SocketScope (its name and PID when the kernel said, its address); empty otherwise.
    QStringList outsiderText(int endpoint) const;
    // Everything the stage draws at its present size, in widget pixels.
    const StageScene& scene() const;
    // The descriptor whose whole text is pinned beside it by a click, else -1.
    int pinnedEndpoint() const { return m_pinned; }
    // The colours it draws with: the current theme, taken again when the palette changes.
    const Theme& theme() const { return m_theme; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void viewModeChanged(SocketScope::StageView::ViewMode mode);
    void zoomChanged(qreal zoom);
    void animationFinished();

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    bool animationsEnabled() const;
    // m_state from m_given: a crowd folded for the present size and text.
    void refold();
    // What a crowd leaves room for at this size: columns as wide as the widest heading word
    // or an icon and a word, and cells three lines high, at the smallest text the stage
    // accepts.
    StageCrowdBounds crowdBounds() const;
    QString crowdNoteFor(const StageCrowd& crowd) const;
    // The strip under the stage that says what a crowded stage leaves out: its text size and
    // height in pixels (0 when nothing is left out).
    qreal crowdNotePixels() const;
    qreal crowdStripHeight() const;
    void invalidateScene();
    StageLabel label(int endpoint) const;
    QString waitingText(const StageEndpoint& endpoint) const;
    QString statusText(const StageEndpoint& endpoint) const;
    QString failureText(const StageEndpoint& endpoint) const;
    QStringList exchangeText() const;
    QColor actorColor(const QString& actor) const;
    QString wholeTextAt(const QPointF& point) const;
    void pin(int endpoint);
    void updatePinned();
    void paintLines(QPainter& painter, const StageScene& scene) const;
    void paintEndpoint(QPainter& painter, const StageScene& scene, int index) const;
    void paintExchange(QPainter& painter, const StageScene& scene) const;
    void paintCrowdNote(QPainter& painter) const;

    StageState m_given;
    StageState m_state;      // what foldCrowd() keeps of m_given
    QList<int> m_drawnGiven; // by endpoint of m_state, its index in m_given
    QStringList m_drawnActorIds;
    QString m_crowdNote;
    QString m_longestActorWord; // what a crowd's columns must be wide enough for
    Theme m_theme = Theme::current();
    QStringList m_actorIds;
    QStringList m_actorNames;
    ViewMode m_viewMode = ViewMode::Analogy;
    qreal m_zoom = 1;
    int m_textFloor = 0;
    qreal m_transition = 1;
    int m_animationDuration = 600;
    QVariantAnimation m_animation;
    mutable std::optional<StageScene> m_scene;
    mutable std::optional<StageFit> m_lastFit; // where the last layout settled
    int m_pinned = -1;                         // in m_state
    int m_pinnedGiven = -1;                    // the same in m_given, which a fold keeps
    QLabel* m_pinnedNote = nullptr;
};

} // namespace SocketScope
