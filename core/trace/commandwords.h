#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace SocketScope {

// A command line the user typed, split into words as a POSIX shell splits a simple command,
// without running one: blanks separate words; '...' keeps every character as it is; "..."
// keeps every character but \", \\, \$ and \`; a backslash outside quotes keeps the next
// character. Nothing is expanded: $HOME, * and ~ stay as typed. nullopt, with *error, for a
// quote left open or a last backslash.
std::optional<QStringList> splitCommandLine(QStringView line, QString* error);

} // namespace SocketScope
