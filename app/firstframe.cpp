#include "firstframe.h"

#include "logging.h"

#include <QEvent>
#include <QTimer>
#include <QWidget>

namespace SocketScope {

FirstFrameReporter::FirstFrameReporter(QWidget* window)
    : QObject(window)
    , m_window(window)
{
    window->installEventFilter(this);
}

bool FirstFrameReporter::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_window && event->type() == QEvent::Paint) {
        m_window->removeEventFilter(this);
        // The paint event draws into the backing store; the frame is up once the loop has
        // flushed it, at its next turn.
        QTimer::singleShot(0, this, [] { qCInfo(lcStartup) << "first frame painted"; });
    }
    return QObject::eventFilter(watched, event);
}

} // namespace SocketScope
