#include "themechoice.h"

namespace SocketScope {

QString themeChoiceName(ThemeChoice choice)
{
    switch (choice) {
    case ThemeChoice::System:
        return QStringLiteral("system");
    case ThemeChoice::Light:
        return QStringLiteral("light");
    case ThemeChoice::Dark:
        return QStringLiteral("dark");
    }
    return {};
}

std::optional<ThemeChoice> themeChoiceNamed(const QString& name)
{
    for (ThemeChoice choice : {ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark}) {
        if (name == themeChoiceName(choice))
            return choice;
    }
    return std::nullopt;
}

} // namespace SocketScope
