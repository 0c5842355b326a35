#include "calls/displaytext.h"

#include <QChar>
#include <QCoreApplication>
#include <QList>

#include <algorithm>

namespace SocketScope::DisplayText {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(DisplayText)
};

// One character of the bytes, or one byte that starts no valid UTF-8 sequence (invalid).
struct Unit {
    char32_t codePoint = 0;
    int length = 1;
    bool valid = false;
};

bool continuation(const QByteArray& bytes, qsizetype at, uchar low = 0x80, uchar high = 0xbf)
{
    if (at >= bytes.size())
        return false;
    const auto c = static_cast<uchar>(bytes[at]);
    return c >= low && c <= high;
}

// RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF.
Unit decode(const QByteArray& bytes, qsizetype at)
{
    const auto lead = static_cast<uchar>(bytes[at]);
    if (lead < 0x80)
        return {lead, 1, true};
    int length = 0;
    uchar low = 0x80;
    uchar high = 0xbf;
    char32_t value = 0;
    if (lead >= 0xc2 && lead <= 0xdf) {
        length = 2;
        value = lead & 0x1f;
    } else if (lead >= 0xe0 && lead <= 0xef) {
        length = 3;
        value = lead & 0x0f;
        low = lead == 0xe0 ? 0xa0 : 0x80;
        high = lead == 0xed ? 0x9f : 0xbf;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
        length = 4;
        value = lead & 0x07;
        low = lead == 0xf0 ? 0x90 : 0x80;
        high = lead == 0xf4 ? 0x8f : 0xbf;
    } else {
        return {};
    }
    if (!continuation(bytes, at + 1, low, high))
        return {};
    for (int i = 1; i < length; ++i) {
        if (!continuation(bytes, at + i))
            return {};
        value = (value << 6) | (static_cast<uchar>(bytes[at + i]) & 0x3f);
    }
    return {value, length, true};
}

bool invisible(char32_t codePoint)
{
    switch (QChar::category(codePoint)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return true;
    default:
        return false;
    }
}

QString hexByte(uchar byte)
{
    return QStringLiteral("\\x%1").arg(byte, 2, 16, QLatin1Char('0'));
}

// How one unit is written between the quotes.
QString written(const QByteArray& bytes, qsizetype at, const Unit& unit)
{
    if (!unit.valid)
        return hexByte(static_cast<uchar>(bytes[at]));
    switch (unit.codePoint) {
    case '\n':
        return QStringLiteral("\\n");
    case '\t':
        return QStringLiteral("\\t");
    case '\r':
        return QStringLiteral("\\r");
    case '"':
        return QStringLiteral("\\\"");
    case '\\':
        return QStringLiteral("\\\\");
    case 0: {
        // "\0" unless a digit follows, which a reader of C would take as part of it.
        const bool digitFollows =
            at + 1 < bytes.size() && bytes[at + 1] >= '0' && bytes[at + 1] <= '9';
        return digitFollows ? hexByte(0) : QStringLiteral("\\0");
    }
    default:
        break;
    }
    if (unit.codePoint < 0x80) {
        return unit.codePoint < 0x20 || unit.codePoint == 0x7f
                   ? hexByte(uchar(unit.codePoint))
                   : QString(QChar(char16_t(unit.codePoint)));
    }
    if (invisible(unit.codePoint))
        return QStringLiteral("\\u{%1}").arg(quint32(unit.codePoint), 4, 16, QLatin1Char('0'));
    return QString::fromUcs4(&unit.codePoint, 1);
}

} // namespace

QString quoted(const QByteArray& bytes, int limit)
{
    QString inside;
    int shown = 0;
    qsizetype at = 0;
    while (at < bytes.size()) {
        const Unit unit = decode(bytes, at);
        const QString text = written(bytes, at, unit);
        const int width = int(text.toUcs4().size());
        if (shown + width > limit)
            break;
        inside += text;
        shown += width;
        at += unit.valid ? unit.length : 1;
    }
    const QString text = QLatin1Char('"') + inside + QLatin1Char('"');
    return at < bytes.size() ? text + QStringLiteral("…") : text;
}

bool isAsciiText(const QByteArray& bytes)
{
    return std::all_of(bytes.cbegin(), bytes.cend(), [](char c) {
        return (c >= 0x20 && c < 0x7f) || c == '\n' || c == '\r' || c == '\t';
    });
}

QString notKept(qint64 count)
{
    return Tr::tr("%n bytes not kept", nullptr, int(qMin<qint64>(count, INT_MAX)));
}

} // namespace SocketScope::DisplayText
