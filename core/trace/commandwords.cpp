#include "trace/commandwords.h"

#include <QCoreApplication>

namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(CommandWords)
};

bool isBlank(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n');
}

// The characters a backslash escapes inside double quotes (a newline: both go).
bool escapableInDoubleQuotes(QChar c)
{
    return c == QLatin1Char('"') || c == QLatin1Char('\\') || c == QLatin1Char('$') ||
           c == QLatin1Char('`') || c == QLatin1Char('\n');
}

} // namespace

std::optional<QStringList> splitCommandLine(QStringView line, QString* error)
{
    QStringList words;
    QString word;
    bool inWord = false; // a quoted empty string is a word too
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (isBlank(c)) {
            if (inWord)
                words << std::exchange(word, QString());
            inWord = false;
            continue;
        }
        if (c == QLatin1Char('\\')) {
            if (++i == line.size()) {
                *error = Tr::tr("The command line ends with a backslash, which escapes nothing.");
                return std::nullopt;
            }
            // Backslash-newline joins two lines: both go.
            if (line[i] != QLatin1Char('\n')) {
                word += line[i];
                inWord = true;
            }
            continue;
        }
        inWord = true;
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            const qsizetype opened = i;
            while (++i < line.size() && line[i] != c) {
                if (c == QLatin1Char('"') && line[i] == QLatin1Char('\\') && i + 1 < line.size() &&
                    escapableInDoubleQuotes(line[i + 1])) {
                    if (line[++i] == QLatin1Char('\n'))
                        continue;
                }
                word += line[i];
            }
            if (i == line.size()) {
                *error = Tr::tr("The quote %1 opened at character %2 is not closed.")
                             .arg(c)
                             .arg(opened + 1);
                return std::nullopt;
            }
        } else {
            word += c;
        }
    }
    if (inWord)
        words << word;
    return words;
}

} // namespace SocketScope
