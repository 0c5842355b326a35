#include "appsettings.h"

#include "languages.h"

#include <QSettings>

namespace SocketScope {

namespace {

const QString languageKey = QStringLiteral("language");
const QString themeKey = QStringLiteral("theme");
const QString zoomKey = QStringLiteral("zoom");
const QString speedKey = QStringLiteral("speed");
const QString scenarioKey = QStringLiteral("scenario");
const QString geometryKey = QStringLiteral("window/geometry");
const QString stateKey = QStringLiteral("window/state");

double boundedNumber(const QSettings& settings, const QString& key, double fallback, double low,
                     double high)
{
    bool ok = false;
    const double value = settings.value(key).toDouble(&ok);
    return ok && value >= low && value <= high ? value : fallback;
}

} // namespace

AppSettings AppSettings::load(QSettings& settings)
{
    AppSettings loaded;
    const QString language = settings.value(languageKey).toString();
    if (Languages::isSupported(language))
        loaded.language = language;
    loaded.theme = themeChoiceNamed(settings.value(themeKey).toString()).value_or(loaded.theme);
    loaded.zoom = boundedNumber(settings, zoomKey, 1.0, minZoom, maxZoom);
    loaded.speed = boundedNumber(settings, speedKey, 1.0, 0.25, 4.0);
    loaded.scenario = settings.value(scenarioKey).toString();
    loaded.geometry = settings.value(geometryKey).toByteArray();
    loaded.windowState = settings.value(stateKey).toByteArray();
    return loaded;
}

void AppSettings::save(QSettings& settings) const
{
    settings.setValue(languageKey, language);
    settings.setValue(themeKey, themeChoiceName(theme));
    settings.setValue(zoomKey, zoom);
    settings.setValue(speedKey, speed);
    settings.setValue(scenarioKey, scenario);
    settings.setValue(geometryKey, geometry);
    settings.setValue(stateKey, windowState);
}

} // namespace SocketScope
