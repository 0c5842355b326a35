#pragma once

#include <QSize>
#include <QString>

#include <optional>

namespace SocketScope {

// The views that can be exported as a picture, and in which format.
enum class ExportPanel { Stage, Diagram, Tuples, Bytes, States };
enum class ExportFormat { Png, Svg };

inline constexpr ExportPanel exportPanels[] = {ExportPanel::Stage, ExportPanel::Diagram,
                                               ExportPanel::Tuples, ExportPanel::Bytes,
                                               ExportPanel::States};

// The name on the command line (--panel): "stage", "diagram", "tuples", "bytes", "states".
QString exportPanelName(ExportPanel panel);
std::optional<ExportPanel> exportPanelFromName(const QString& name);
// The panel's name for the user, translated: "Stage", "Sequence diagram", ...
QString exportPanelTitle(ExportPanel panel);
// The size a panel is exported at unless asked otherwise: a full slide for the stage and the
// cards, the proportions of the panel for the others.
QSize defaultExportSize(ExportPanel panel);
// ".png" or ".svg".
QString exportSuffix(ExportFormat format);

} // namespace SocketScope
