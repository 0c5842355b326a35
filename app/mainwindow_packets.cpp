#include "log/sessionfile.h"
#include "mainwindow.h"
#include "packetpanel.h"
#include "sequencediagramview.h"
#include "sources/eventsource.h"

#include <QFileDialog>

// The window's packet side: the exports.
namespace SocketScope {

void MainWindow::savePcap()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the captured packets"),
                                                      QString(), tr("pcap files (*.pcap)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!SessionFile::savePcap(source()->log(), path, &error))
        showInlineMessage(error);
}

void MainWindow::exportDiagram(bool svg)
{
    const QString title =
        svg ? tr("Export the sequence diagram as SVG") : tr("Export the sequence diagram as PNG");
    const QString path = QFileDialog::getSaveFileName(
        this, title, QString(), svg ? tr("SVG images (*.svg)") : tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    QString message;
    SequenceDiagramView* diagram = m_packets->diagram();
    const bool exported =
        svg ? diagram->exportSvg(path, &message) : diagram->exportPng(path, &message);
    if (!exported || !message.isEmpty())
        showInlineMessage(message);
}

} // namespace SocketScope
