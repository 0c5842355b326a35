#include "lab/labmessage.h"

#include <QCoreApplication>

namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(LabConsole)
};

void setError(QString* error, const QString& text)
{
    if (error)
        *error = text;
}

// Blank-separated groups of hex digit pairs, each group may start with "0x".
std::optional<QByteArray> decodeHex(QStringView text, QString* error)
{
    QByteArray bytes;
    const QString blanksAsSpaces = text.toString().simplified();
    for (QStringView group : QStringView(blanksAsSpaces).split(u' ', Qt::SkipEmptyParts)) {
        if (group.startsWith(u"0x", Qt::CaseInsensitive))
            group = group.mid(2);
        if (group.isEmpty() || group.size() % 2 != 0) {
            setError(error, Tr::tr("\"%1\": hexadecimal bytes are pairs of digits").arg(group));
            return std::nullopt;
        }
        if (bytes.size() + group.size() / 2 > labMessageLimit) {
            setError(error, Tr::tr("The message is longer than %1 bytes").arg(labMessageLimit));
            return std::nullopt;
        }
        for (qsizetype i = 0; i < group.size(); i += 2) {
            const int high = labHexDigit(group.at(i));
            const int low = labHexDigit(group.at(i + 1));
            if (high < 0 || low < 0) {
                setError(error, Tr::tr("\"%1\" is not a hexadecimal byte").arg(group.mid(i, 2)));
                return std::nullopt;
            }
            bytes += char(high * 16 + low);
        }
    }
    return bytes;
}

// socklab's get_msg reads a "#n" with sscanf("#%d"): blanks and a sign may come before the
// digits. That form is the count; socklab ignores what follows it and asks again when n is
// negative, the lab says both are errors. nullopt when the text is no count at all.
std::optional<std::optional<QByteArray>> decodeCount(QStringView text, QString* error)
{
    if (!text.startsWith(u'#'))
        return std::nullopt;
    QStringView rest = text.mid(1);
    while (!rest.isEmpty() && rest.front().isSpace())
        rest = rest.mid(1);
    const bool negative = rest.startsWith(u'-');
    const QStringView unsignedRest =
        rest.startsWith(u'-') || rest.startsWith(u'+') ? rest.mid(1) : rest;
    qsizetype digits = 0;
    while (digits < unsignedRest.size() && unsignedRest.at(digits) >= u'0' &&
           unsignedRest.at(digits) <= u'9')
        ++digits;
    if (digits == 0)
        return std::nullopt;
    if (negative || digits != unsignedRest.size()) {
        setError(error, Tr::tr("\"%1\": #n stands for n bytes '*', n a number alone").arg(text));
        return std::optional<QByteArray>();
    }
    const QStringView number = unsignedRest.left(digits);
    const qint64 count = number.size() > 18 ? labMessageLimit + 1 : number.toLongLong();
    if (count > labMessageLimit) {
        setError(error, Tr::tr("The message is longer than %1 bytes").arg(labMessageLimit));
        return std::optional<QByteArray>();
    }
    return std::optional<QByteArray>(QByteArray(count, '*'));
}

// socklab replaces blank pairs from the end (three blanks: one blank then CR LF), then one
// blank left at the very end.
QByteArray applyLineEnds(QByteArray bytes)
{
    for (qsizetype i = bytes.size() - 1; i >= 1; --i) {
        if (bytes.at(i) == ' ' && bytes.at(i - 1) == ' ') {
            bytes[i] = '\n';
            bytes[i - 1] = '\r';
            --i;
        }
    }
    if (!bytes.isEmpty() && bytes.back() == ' ')
        bytes.back() = '\n';
    return bytes;
}

} // namespace

int labHexDigit(QChar c)
{
    if (c >= u'0' && c <= u'9')
        return c.unicode() - u'0';
    if (c >= u'a' && c <= u'f')
        return c.unicode() - u'a' + 10;
    if (c >= u'A' && c <= u'F')
        return c.unicode() - u'A' + 10;
    return -1;
}

std::optional<QByteArray> decodeLabMessage(QStringView text, LabPayload payload, QString* error)
{
    switch (payload) {
    case LabPayload::Hex:
        return decodeHex(text, error);
    case LabPayload::Escapes: {
        LabEscapeError bad;
        auto bytes = decodeLabEscapes(text, &bad);
        if (!bytes)
            setError(error, bad.text());
        return bytes;
    }
    case LabPayload::Text:
        break;
    }
    if (const auto count = decodeCount(text, error))
        return *count;
    QByteArray bytes = text.toUtf8();
    if (bytes.size() > labMessageLimit) {
        setError(error, Tr::tr("The message is longer than %1 bytes").arg(labMessageLimit));
        return std::nullopt;
    }
    return applyLineEnds(std::move(bytes));
}

} // namespace SocketScope
