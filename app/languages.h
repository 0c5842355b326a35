#pragma once

#include <QString>

namespace SocketScope::Languages {

// The languages SocketScope speaks: "fr" and "en".
bool isSupported(const QString& language);
// French when the system's locale is French, English otherwise.
QString systemLanguage();
// Installs SocketScope's translations and Qt's own (its dialogs and buttons) for `language`,
// in place of the ones installed before. Qt then sends every widget a LanguageChange event,
// so an open window retranslates itself without a restart.
void install(const QString& language);
// The language installed last ("en" before any).
QString installed();

} // namespace SocketScope::Languages
