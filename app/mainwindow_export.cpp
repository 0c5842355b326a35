#include "exporter.h"
#include "mainwindow.h"
#include "packetpanel.h"
#include "sequencediagramview.h"

#include <QFileDialog>
#include <QMenu>

// The window's File > Export menu: a picture of each panel as PNG or SVG, for slides.
namespace SocketScope {

// Filled again when the language changes: its entries are made of translated words.
void MainWindow::fillExportMenu(QMenu* menu)
{
    menu->clear();
    menu->setTitle(tr("Export"));
    for (const ExportPanel panel : exportPanels) {
        for (const ExportFormat format : {ExportFormat::Png, ExportFormat::Svg}) {
            const QString text = format == ExportFormat::Png ? tr("%1 as PNG…") : tr("%1 as SVG…");
            menu->addAction(text.arg(exportPanelTitle(panel)), this,
                            [this, panel, format] { askToExport(panel, format); });
        }
    }
    menu->addSeparator();
    menu->addAction(tr("The whole sequence diagram, every packet, as PNG…"), this,
                    [this] { exportDiagram(false); });
    menu->addAction(tr("The whole sequence diagram, every packet, as SVG…"), this,
                    [this] { exportDiagram(true); });
}

bool MainWindow::exportPanel(ExportPanel panel, ExportFormat format, const QString& path,
                             QSize size, QString* error) const
{
    const Exporter exporter(*m_presenter,
                            {m_stage->viewMode(), m_packets->diagram()->relativeNumbers()});
    return exporter.write(panel, format, path, size, error);
}

void MainWindow::askToExport(ExportPanel panel, ExportFormat format)
{
    const bool png = format == ExportFormat::Png;
    const QString title =
        (png ? tr("Export %1 as PNG") : tr("Export %1 as SVG")).arg(exportPanelTitle(panel));
    QString path =
        QFileDialog::getSaveFileName(this, title, exportPanelName(panel) + exportSuffix(format),
                                     png ? tr("PNG images (*.png)") : tr("SVG images (*.svg)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(exportSuffix(format), Qt::CaseInsensitive))
        path += exportSuffix(format);
    QString error;
    if (!exportPanel(panel, format, path, QSize(), &error))
        showInlineMessage(error);
}

} // namespace SocketScope
