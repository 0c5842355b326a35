#include "calls/crender.h"
#include "export/cstatements.h"

#include <QCoreApplication>

#include <climits>

// The C text of an export: lines, comments, identifiers and literals.
namespace SocketScope::CProgram::Detail {

namespace {

constexpr int commentWidth = 92;

const QStringList& reservedNames()
{
    static const QStringList names{
        QStringLiteral("main"),         QStringLiteral("buffer"),      QStringLiteral("received"),
        QStringLiteral("sent"),         QStringLiteral("result"),      QStringLiteral("port"),
        QStringLiteral("host"),         QStringLiteral("pid"),         QStringLiteral("argc"),
        QStringLiteral("argv"),         QStringLiteral("int"),         QStringLiteral("char"),
        QStringLiteral("return"),       QStringLiteral("if"),          QStringLiteral("else"),
        QStringLiteral("while"),        QStringLiteral("for"),         QStringLiteral("do"),
        QStringLiteral("switch"),       QStringLiteral("case"),        QStringLiteral("default"),
        QStringLiteral("static"),       QStringLiteral("const"),       QStringLiteral("struct"),
        QStringLiteral("void"),         QStringLiteral("long"),        QStringLiteral("short"),
        QStringLiteral("unsigned"),     QStringLiteral("signed"),      QStringLiteral("socket"),
        QStringLiteral("bind"),         QStringLiteral("listen"),      QStringLiteral("accept"),
        QStringLiteral("connect"),      QStringLiteral("read"),        QStringLiteral("write"),
        QStringLiteral("close"),        QStringLiteral("send"),        QStringLiteral("recv"),
        QStringLiteral("printAddress"), QStringLiteral("portArgument")};
    return names;
}

// A process role: an actor that no fork() or pthread_create() starts.
} // namespace

void Lines::add(const QString& line)
{
    m_lines << (line.isEmpty() ? QString() : QString(m_depth * 4, QLatin1Char(' ')) + line);
}

void Lines::open(const QString& line)
{
    add(line);
    ++m_depth;
}

void Lines::close(const QString& line)
{
    m_depth = std::max(0, m_depth - 1);
    add(line);
}

void Lines::comment(const QString& text)
{
    QString safe = text.simplified();
    safe.replace(QLatin1String("*/"), QLatin1String("* /"));
    safe.replace(QLatin1String("/*"), QLatin1String("/ *"));
    const int width = std::max(40, commentWidth - m_depth * 4);
    QStringList lines;
    QString line;
    for (const QString& word : safe.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > width) {
            lines << line;
            line.clear();
        }
        line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    if (!line.isEmpty())
        lines << line;
    if (lines.isEmpty())
        return;
    if (lines.size() == 1) {
        add(QStringLiteral("/* %1 */").arg(lines.first()));
        return;
    }
    add(QStringLiteral("/* ") + lines.first());
    for (qsizetype i = 1; i < lines.size(); ++i)
        add(QStringLiteral(" * ") + lines.at(i));
    add(QStringLiteral(" */"));
}

QString identifier(const QString& name)
{
    QString id;
    for (const QChar c : name)
        id += (c.isLetterOrNumber() && c.unicode() < 0x80) || c == QLatin1Char('_')
                  ? c
                  : QLatin1Char('_');
    if (id.isEmpty() || id.front().isDigit())
        id.prepend(QLatin1Char('_'));
    if (reservedNames().contains(id))
        id += QLatin1Char('_');
    return id;
}

// No "??" either: with -std=c11, "??/" and its kin are trigraphs.
QString textLiteral(const QString& text)
{
    QString literal = QStringLiteral("\"");
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '\n':
            literal += QLatin1String("\\n");
            break;
        case '"':
        case '\\':
            literal += QLatin1Char('\\');
            literal += c;
            break;
        case '?':
            literal +=
                literal.endsWith(QLatin1Char('?')) ? QStringLiteral("\\?") : QStringLiteral("?");
            break;
        default:
            literal += c;
        }
    }
    return literal + QLatin1Char('"');
}

QString bytesLiteral(const QByteArray& bytes)
{
    QString literal = CRender::quotedBytes(bytes, int(std::min<qsizetype>(bytes.size(), INT_MAX)));
    literal.replace(QLatin1String("??"), QLatin1String("?\\?"));
    return literal;
}

QString narrationComment(const ScenarioStep& step, const QString& language)
{
    QString text;
    for (const NarrationPiece& piece : step.narration.in(language)) {
        switch (piece.kind) {
        case NarrationPiece::Kind::Text:
            text += piece.text;
            break;
        case NarrationPiece::Kind::Descriptor:
        case NarrationPiece::Kind::KeptAddress:
            text += identifier(piece.text);
            break;
        case NarrationPiece::Kind::ServicePort:
        case NarrationPiece::Kind::PortWithoutHtons:
        case NarrationPiece::Kind::CallPort:
            text += QStringLiteral("[port]"); // the program's variable: its argument
            break;
        case NarrationPiece::Kind::LocalPort:
        case NarrationPiece::Kind::PeerPort:
        case NarrationPiece::Kind::LocalAddress:
        case NarrationPiece::Kind::PeerAddress:
        case NarrationPiece::Kind::KeptPort:
            text += QStringLiteral("(%1)").arg(
                words(QT_TRANSLATE_NOOP("CProgram", "as the system gives it")));
            break;
        }
    }
    return text;
}

} // namespace SocketScope::CProgram::Detail
