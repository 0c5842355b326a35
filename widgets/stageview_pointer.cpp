// StageView and the pointer: hovering a descriptor, a heading, a bubble or a letter shows
// its whole text; clicking a descriptor pins that text beside it until the next click.
#include "stageview.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QToolTip>

namespace SocketScope {

QString StageView::wholeTextAt(const QPointF& point) const
{
    const StageScene& stage = scene();
    const int endpoint = stage.endpointAt(point);
    if (endpoint >= 0)
        return describe(endpoint).join(QLatin1Char('\n'));
    const int text = stage.textAt(point);
    return text >= 0 ? stage.texts[text].whole.join(QLatin1Char('\n')) : QString();
}

bool StageView::event(QEvent* event)
{
    // Esc closes a pinned description before it reaches the window's shortcuts.
    if (event->type() == QEvent::ShortcutOverride && m_pinned >= 0 &&
        static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
        event->accept();
        return true;
    }
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        const QString text = wholeTextAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

void StageView::mousePressEvent(QMouseEvent* event)
{
    const int endpoint = scene().endpointAt(event->position());
    pin(endpoint == m_pinned ? -1 : endpoint);
    QWidget::mousePressEvent(event);
}

void StageView::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape && m_pinned >= 0) {
        pin(-1);
        return;
    }
    QWidget::keyPressEvent(event);
}

void StageView::pin(int endpoint)
{
    m_pinned = endpoint;
    m_pinnedGiven = int(m_drawnGiven.value(endpoint, -1));
    if (endpoint >= 0 && !m_pinnedNote) {
        m_pinnedNote = new QLabel(this);
        m_pinnedNote->setObjectName(QStringLiteral("pinnedDescription"));
        m_pinnedNote->setWordWrap(true);
        m_pinnedNote->setTextFormat(Qt::PlainText);
        m_pinnedNote->setMargin(8);
        m_pinnedNote->setFrameShape(QFrame::Box);
        m_pinnedNote->setAutoFillBackground(true);
        m_pinnedNote->setAttribute(Qt::WA_TransparentForMouseEvents);
    }
    updatePinned();
}

// The pinned text follows the cursor: the same descriptor, as it is at this step.
void StageView::updatePinned()
{
    if (!m_pinnedNote)
        return;
    // A tooltip's look, in the theme's colours.
    QPalette note = m_pinnedNote->palette();
    note.setColor(QPalette::Window, m_theme.bubble);
    note.setColor(QPalette::WindowText, m_theme.ink);
    m_pinnedNote->setPalette(note);
    if (m_pinned < 0 || m_pinned >= m_state.endpoints.size()) {
        m_pinned = -1;
        m_pinnedGiven = -1;
        m_pinnedNote->hide();
        return;
    }
    const StageScene& stage = scene();
    QFont noteFont = font();
    noteFont.setPixelSize(int(stage.textPixels));
    m_pinnedNote->setFont(noteFont);
    m_pinnedNote->setText(describe(m_pinned).join(QLatin1Char('\n')));
    m_pinnedNote->setMaximumWidth(qMax(200, width() / 2));
    m_pinnedNote->adjustSize();
    // Under the descriptor's cell when there is room, else above it; always on the stage.
    const QRectF cell = stage.cells.value(m_pinned).cell;
    QPoint at(int(cell.left()), int(cell.bottom()) + 4);
    if (at.y() + m_pinnedNote->height() > height())
        at.setY(int(cell.top()) - m_pinnedNote->height() - 4);
    at.setX(qBound(0, at.x(), qMax(0, width() - m_pinnedNote->width())));
    at.setY(qBound(0, at.y(), qMax(0, height() - m_pinnedNote->height())));
    m_pinnedNote->move(at);
    m_pinnedNote->show();
    m_pinnedNote->raise();
}

} // namespace SocketScope
