// Text with C's escapes, parsed once into the bytes a send passes.
#include "lab/labmessage.h"

#include <QCoreApplication>

#include <algorithm>

namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(LabConsole)
};

// The byte a one-letter escape stands for; -1 when the letter is none.
int simpleEscape(QChar letter)
{
    switch (letter.unicode()) {
    case u'n':
        return '\n';
    case u'r':
        return '\r';
    case u't':
        return '\t';
    case u'0':
        return '\0';
    case u'\\':
        return '\\';
    case u'"':
        return '"';
    case u'\'':
        return '\'';
    case u'a':
        return '\a';
    case u'b':
        return '\b';
    case u'f':
        return '\f';
    case u'v':
        return '\v';
    default:
        return -1;
    }
}

std::nullopt_t fail(LabEscapeError* error, qsizetype position, QStringView sequence)
{
    if (error)
        *error = {position, sequence.toString()};
    return std::nullopt;
}

} // namespace

QString LabEscapeError::text() const
{
    if (position < 0)
        return Tr::tr("The message is longer than %1 bytes").arg(labMessageLimit);
    if (sequence.startsWith(QLatin1String("\\x")))
        return Tr::tr("Character %1: \"%2\": \\x takes two hexadecimal digits (\\x0a)")
            .arg(position + 1)
            .arg(sequence);
    if (sequence == QLatin1String("\\"))
        return Tr::tr("Character %1: a \\ ends the text: \\\\ is one \\").arg(position + 1);
    return Tr::tr("Character %1: \"%2\" is no escape; the escapes are \\n \\r \\t \\0 \\\\ \\\" "
                  "\\' \\a \\b \\f \\v \\xHH")
        .arg(position + 1)
        .arg(sequence);
}

std::optional<QByteArray> decodeLabEscapes(QStringView text, LabEscapeError* error)
{
    QByteArray bytes;
    qsizetype plain = 0; // where the text not yet copied starts
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) != u'\\')
            continue;
        bytes += text.mid(plain, i - plain).toUtf8();
        if (i + 1 >= text.size())
            return fail(error, i, text.mid(i));
        const QChar letter = text.at(i + 1);
        if (letter == u'x') {
            const QStringView digits = text.mid(i + 2, 2);
            if (digits.size() < 2 || labHexDigit(digits.at(0)) < 0 ||
                labHexDigit(digits.at(1)) < 0) {
                // The sequence as far as it goes: "\x4", "\xg".
                qsizetype end = i + 2;
                while (end < text.size() && end < i + 4 && labHexDigit(text.at(end)) >= 0)
                    ++end;
                return fail(error, i, text.mid(i, std::min(end + 1, text.size()) - i));
            }
            bytes += char(labHexDigit(digits.at(0)) * 16 + labHexDigit(digits.at(1)));
            i += 3;
        } else if (const int byte = simpleEscape(letter); byte >= 0) {
            bytes += char(byte);
            i += 1;
        } else {
            return fail(error, i, text.mid(i, 2));
        }
        plain = i + 1;
        if (bytes.size() > labMessageLimit)
            return fail(error, -1, {});
    }
    bytes += text.mid(plain).toUtf8();
    if (bytes.size() > labMessageLimit)
        return fail(error, -1, {});
    return bytes;
}

} // namespace SocketScope
