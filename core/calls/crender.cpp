#include "calls/crender.h"

namespace SocketScope::CRender {

QString quotedBytes(const QByteArray& bytes, int limit)
{
    QString text = QStringLiteral("\"");
    const qsizetype shown = std::min<qsizetype>(bytes.size(), limit);
    for (qsizetype i = 0; i < shown; ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        switch (c) {
        case '\n':
            text += QLatin1String("\\n");
            continue;
        case '\t':
            text += QLatin1String("\\t");
            continue;
        case '\r':
            text += QLatin1String("\\r");
            continue;
        case '\v':
            text += QLatin1String("\\v");
            continue;
        case '\f':
            text += QLatin1String("\\f");
            continue;
        case '"':
        case '\\':
            text += QLatin1Char('\\');
            text += QLatin1Char(char(c));
            continue;
        default:
            break;
        }
        if (c >= 0x20 && c < 0x7f) {
            text += QLatin1Char(char(c));
            continue;
        }
        // Octal like strace: short form unless a digit follows and would be read as part of it.
        const bool digitFollows = i + 1 < shown && bytes[i + 1] >= '0' && bytes[i + 1] <= '7';
        text += QLatin1Char('\\');
        text += digitFollows ? QStringLiteral("%1").arg(c, 3, 8, QLatin1Char('0'))
                             : QString::number(c, 8);
    }
    text += QLatin1Char('"');
    if (bytes.size() > shown)
        text += QLatin1String("...");
    return text;
}

QString hexBytes(const QByteArray& bytes, int limit)
{
    if (limit < 0 || bytes.size() <= limit)
        return QString::fromLatin1(bytes.toHex(' '));
    return QString::fromLatin1(bytes.left(limit).toHex(' ')) + QStringLiteral(" …");
}

QString pointer(quint64 address)
{
    if (address == 0)
        return QStringLiteral("NULL");
    return QStringLiteral("0x") + QString::number(address, 16);
}

quint64 addressOf(const void* pointer)
{
    return quint64(quintptr(pointer));
}

QString lengthInOut(unsigned int in, unsigned int out)
{
    if (in == out)
        return QStringLiteral("[%1]").arg(out);
    return QStringLiteral("[%1 => %2]").arg(in).arg(out);
}

} // namespace SocketScope::CRender
