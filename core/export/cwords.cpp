#include "export/cstatements.h"

#include <QCoreApplication>
#include <QTranslator>

// The generator's own words (messages and comments) in the language the export was asked
// for, which may not be the one the application shows.
namespace SocketScope::CProgram::Detail {

namespace {

enum class Source { Installed, English, Translator };

thread_local Source source = Source::Installed;
thread_local const QTranslator* translator = nullptr;

} // namespace

struct WordsLanguage::Saved {
    Source source;
    const QTranslator* translator;
};

WordsLanguage::WordsLanguage(const QString& language)
    : m_saved(std::make_unique<Saved>(Saved{source, translator}))
{
    if (language == QLatin1String("en")) {
        // English is the source language of the messages: no file.
        source = Source::English;
        translator = nullptr;
        return;
    }
    m_translator = std::make_unique<QTranslator>();
    if (m_translator->load(QStringLiteral(":/i18n/socketscope_%1.qm").arg(language))) {
        source = Source::Translator;
        translator = m_translator.get();
    } else {
        // Without the file (a program built without the translations): the application's.
        source = Source::Installed;
        translator = nullptr;
    }
}

WordsLanguage::~WordsLanguage()
{
    source = m_saved->source;
    translator = m_saved->translator;
}

QString words(const char* text)
{
    switch (source) {
    case Source::English:
        return QString::fromUtf8(text);
    case Source::Translator: {
        const QString translated = translator->translate("CProgram", text);
        return translated.isEmpty() ? QString::fromUtf8(text) : translated;
    }
    case Source::Installed:
        break;
    }
    return QCoreApplication::translate("CProgram", text);
}

} // namespace SocketScope::CProgram::Detail
