#pragma once

#include <QMetaType>
#include <QString>

#include <optional>

namespace SocketScope {

// Which theme the user chose: the desktop's (light or dark, as its palette is), or one of
// ours whatever the desktop. Apart from the Theme, so that the command line is read without
// Qt's GUI.
enum class ThemeChoice { System, Light, Dark };

// "system", "light", "dark": the settings' and the command line's words for a choice.
QString themeChoiceName(ThemeChoice choice);
std::optional<ThemeChoice> themeChoiceNamed(const QString& name);

} // namespace SocketScope

Q_DECLARE_METATYPE(SocketScope::ThemeChoice)
