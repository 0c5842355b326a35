#include "languages.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace SocketScope::Languages {

namespace {

QString current = QStringLiteral("en");

// Owned by the application object, so they go before it does.
QTranslator* ownTranslator = nullptr;
QTranslator* qtTranslator = nullptr;

void replace(QTranslator*& slot, const QString& file, const QString& folder)
{
    if (slot) {
        QCoreApplication::removeTranslator(slot);
        delete slot;
        slot = nullptr;
    }
    if (file.isEmpty())
        return;
    auto* translator = new QTranslator(QCoreApplication::instance());
    if (!translator->load(file, folder)) {
        delete translator;
        return;
    }
    QCoreApplication::installTranslator(translator);
    slot = translator;
}

} // namespace

bool isSupported(const QString& language)
{
    return language == QLatin1String("fr") || language == QLatin1String("en");
}

QString systemLanguage()
{
    return QLocale::system().language() == QLocale::French ? QStringLiteral("fr")
                                                           : QStringLiteral("en");
}

void install(const QString& language)
{
    const bool french = language == QLatin1String("fr");
    current = french ? QStringLiteral("fr") : QStringLiteral("en");
    // English is the source language: no file, only the translators of French go.
    replace(ownTranslator, french ? QStringLiteral(":/i18n/socketscope_fr.qm") : QString(),
            QString());
    replace(qtTranslator, french ? QStringLiteral("qtbase_fr") : QString(),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath));
}

QString installed()
{
    return current;
}

} // namespace SocketScope::Languages
