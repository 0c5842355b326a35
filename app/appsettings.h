#pragma once

#include "theme.h"

#include <QByteArray>
#include <QString>

class QSettings;

namespace SocketScope {

// What the window remembers from one lecture to the next, read once into typed values (a
// value out of range is the default, never an error shown to the class).
struct AppSettings {
    QString language;                       // "fr", "en", or empty: follow the system
    ThemeChoice theme = ThemeChoice::Light; // light, high-contrast: a projector's friend
    double zoom = 1.0;
    double speed = 1.0;
    QString scenario;
    QByteArray geometry;    // QMainWindow::saveGeometry()
    QByteArray windowState; // QMainWindow::saveState(): docks and toolbars

    static constexpr double minZoom = 0.5;
    static constexpr double maxZoom = 3.0;

    static AppSettings load(QSettings& settings);
    void save(QSettings& settings) const;
    bool operator==(const AppSettings&) const = default;
};

} // namespace SocketScope
