#include "exportpanel.h"

#include <QCoreApplication>

namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(Export)
};

} // namespace

QString exportPanelName(ExportPanel panel)
{
    switch (panel) {
    case ExportPanel::Stage:
        return QStringLiteral("stage");
    case ExportPanel::Diagram:
        return QStringLiteral("diagram");
    case ExportPanel::Tuples:
        return QStringLiteral("tuples");
    case ExportPanel::Bytes:
        return QStringLiteral("bytes");
    case ExportPanel::States:
        return QStringLiteral("states");
    }
    return {};
}

std::optional<ExportPanel> exportPanelFromName(const QString& name)
{
    for (const ExportPanel panel : exportPanels) {
        if (exportPanelName(panel) == name)
            return panel;
    }
    return std::nullopt;
}

QString exportPanelTitle(ExportPanel panel)
{
    switch (panel) {
    case ExportPanel::Stage:
        return Tr::tr("Stage");
    case ExportPanel::Diagram:
        return Tr::tr("Sequence diagram");
    case ExportPanel::Tuples:
        return Tr::tr("5-tuples");
    case ExportPanel::Bytes:
        return Tr::tr("Bytes");
    case ExportPanel::States:
        return Tr::tr("TCP state machine");
    }
    return {};
}

QSize defaultExportSize(ExportPanel panel)
{
    switch (panel) {
    case ExportPanel::Stage:
    case ExportPanel::Tuples:
    case ExportPanel::Bytes:
        return {1920, 1080};
    case ExportPanel::Diagram:
    case ExportPanel::States:
        return {1440, 1080};
    }
    return {};
}

QString exportSuffix(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Png:
        return QStringLiteral(".png");
    case ExportFormat::Svg:
        return QStringLiteral(".svg");
    }
    return {};
}

} // namespace SocketScope
