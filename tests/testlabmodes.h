#pragma once

#include "lab/labcommand.h"

#include <QStringList>
#include <QTest>

#include <initializer_list>
#include <variant>

Q_DECLARE_METATYPE(SocketScope::LabMode)
Q_DECLARE_METATYPE(SocketScope::LabVerb)
Q_DECLARE_METATYPE(SocketScope::LabFlags)
Q_DECLARE_METATYPE(SocketScope::LabLineError::Kind)
Q_DECLARE_METATYPE(SocketScope::LabHost::Kind)
Q_DECLARE_METATYPE(SocketScope::LabArgument)

// What the tests of the lab's command language share: its modes by name, words from C text.
namespace SocketScope::TestLabModes {

inline const char* modeName(LabMode mode)
{
    switch (mode) {
    case LabMode::Standard:
        return "standard";
    case LabMode::Tcp:
        return "tcp";
    case LabMode::Udp:
        return "udp";
    }
    return "";
}

constexpr LabMode allModes[] = {LabMode::Standard, LabMode::Tcp, LabMode::Udp};

inline QStringList strings(std::initializer_list<const char*> texts)
{
    QStringList list;
    for (const char* text : texts)
        list += QString::fromUtf8(text);
    return list;
}

inline const LabLine* lineOf(const std::variant<LabLine, LabLineError>& parsed)
{
    return std::get_if<LabLine>(&parsed);
}

} // namespace SocketScope::TestLabModes
