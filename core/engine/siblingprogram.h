#pragma once

#include <QString>

namespace SocketScope {

// The path of one of SocketScope's helper programs: next to the running program, where the
// build and the install put them, unless the environment variable names another (tests,
// packagers).
QString siblingProgram(const char* environmentVariable, const QString& fileName);

} // namespace SocketScope
