#include "inspectorwindow.h"
#include "mainwindow.h"
#include "tuplecardsview.h"

// The window's side of the live inspector: opening it, and a session socket chosen in it.
namespace SocketScope {

InspectorWindow* MainWindow::inspector()
{
    if (!m_inspector) {
        // A window of its own, so that it can go on a second screen or the projector.
        m_inspector = new InspectorWindow(m_presenter, this);
        m_inspector->setWindowFlag(Qt::Window);
        connect(m_inspector, &InspectorWindow::sessionSocketChosen, this,
                [this](const PacketEnd& end) {
                    m_tupleCards->setHighlighted({end});
                    showPanel(QStringLiteral("tuples"));
                });
    }
    return m_inspector;
}

void MainWindow::openInspector()
{
    InspectorWindow* window = inspector();
    window->show();
    window->raise();
    window->activateWindow();
}

} // namespace SocketScope
