// Text with C's escapes: one parser into bytes, the console's -esc flag, its help.
#include "lab/labcommand.h"
#include "lab/labmessage.h"
#include "lab/labsession.h"
#include "testlabconsole.h"
#include "testsockets.h"

#include <QTest>

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace SocketScope;
using SocketScope::TestLabConsole::Console;
using SocketScope::TestLabConsole::labOptions;

Q_DECLARE_METATYPE(LabMode)

namespace {

// The datagram that came to the socket; waitMs 0: only one already there.
QByteArray receiveWaiting(int fd, int waitMs = 0)
{
    pollfd wanted{fd, POLLIN, 0};
    if (::poll(&wanted, 1, waitMs) != 1)
        return {};
    char buffer[256];
    const ssize_t count = ::recv(fd, buffer, sizeof(buffer), MSG_DONTWAIT);
    return count >= 0 ? QByteArray(buffer, count) : QByteArray();
}

} // namespace

class TestLabEscapes : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void decodes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("no escape") << "ping" << QByteArray("ping");
        QTest::newRow("empty") << "" << QByteArray();
        QTest::newRow("line ends") << "GET /\\r\\n" << QByteArray("GET /\r\n");
        QTest::newRow("tab and newline") << "a\\tb\\n" << QByteArray("a\tb\n");
        QTest::newRow("NUL inside") << "a\\0b" << QByteArray("a\0b", 3);
        QTest::newRow("backslash") << "C:\\\\tmp" << QByteArray("C:\\tmp");
        QTest::newRow("quotes") << "\\\"hi\\\" \\'x\\'" << QByteArray("\"hi\" 'x'");
        QTest::newRow("hex byte") << "\\x41\\x0a" << QByteArray("A\n");
        QTest::newRow("hex upper and top byte") << "\\xFF\\x7f" << QByteArray("\xff\x7f");
        QTest::newRow("hex then digit is a character") << "\\x414" << QByteArray("A4");
        QTest::newRow("bell backspace form feed vertical tab")
            << "\\a\\b\\f\\v" << QByteArray("\a\b\f\v");
        QTest::newRow("blanks are themselves") << "a  b " << QByteArray("a  b ");
        QTest::newRow("hash is itself") << "#5" << QByteArray("#5");
        QTest::newRow("utf8 around an escape") << "café\\n" << QByteArray("caf\xc3\xa9\n");
    }
    void decodes()
    {
        QFETCH(QString, text);
        QFETCH(QByteArray, bytes);
        LabEscapeError error;
        const auto decoded = decodeLabEscapes(text, &error);
        QVERIFY2(decoded, qPrintable(error.text()));
        QCOMPARE(*decoded, bytes);
        // The message's decoder reads the Escapes payload with the same parser.
        QString message;
        QCOMPARE(decodeLabMessage(text, LabPayload::Escapes, &message).value_or("?"), *decoded);
        QVERIFY(message.isEmpty());
    }

    void badEscapes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qsizetype>("position");
        QTest::addColumn<QString>("sequence");
        QTest::newRow("unknown letter") << "ab\\qc" << qsizetype(2) << "\\q";
        QTest::newRow("backslash at the end") << "abc\\" << qsizetype(3) << "\\";
        QTest::newRow("one hex digit at the end") << "\\x4" << qsizetype(0) << "\\x4";
        QTest::newRow("one hex digit then text") << "A\\x4z" << qsizetype(1) << "\\x4z";
        QTest::newRow("no hex digit") << "\\xg1" << qsizetype(0) << "\\xg";
        QTest::newRow("x alone at the end") << "ok\\x" << qsizetype(2) << "\\x";
        QTest::newRow("first bad one is said") << "\\n\\q\\z" << qsizetype(2) << "\\q";
        QTest::newRow("octal is not taken") << "\\1" << qsizetype(0) << "\\1";
        QTest::newRow("upper case letter") << "\\N" << qsizetype(0) << "\\N";
    }
    void badEscapes()
    {
        QFETCH(QString, text);
        QFETCH(qsizetype, position);
        QFETCH(QString, sequence);
        LabEscapeError error;
        QVERIFY(!decodeLabEscapes(text, &error));
        QCOMPARE(error.position, position);
        QCOMPARE(error.sequence, sequence);
        // The message counts from 1, as an editor's column does, and shows the sequence.
        QVERIFY2(error.text().contains(QString::number(position + 1)), qPrintable(error.text()));
        QString message;
        QVERIFY(!decodeLabMessage(text, LabPayload::Escapes, &message));
        QCOMPARE(message, error.text());
    }

    void tooLong()
    {
        LabEscapeError error;
        QVERIFY(!decodeLabEscapes(QString(labMessageLimit, u'a') + QStringLiteral("\\n"), &error));
        QCOMPARE(error.position, qsizetype(-1));
        QVERIFY(
            decodeLabEscapes(QString(labMessageLimit - 1, u'a') + QStringLiteral("\\n"), nullptr));
    }

    // -esc is a flag of the commands that send; with -hex the line is refused.
    void flags_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<int>("payload"); // -1: the line is refused
        QTest::newRow("send -esc") << "send . a\\n -esc" << int(LabPayload::Escapes);
        QTest::newRow("a prefix") << "send . a\\n -e" << int(LabPayload::Escapes);
        QTest::newRow("write") << "write . a -esc" << int(LabPayload::Escapes);
        QTest::newRow("sendto") << "sendto . . 9 a -esc" << int(LabPayload::Escapes);
        QTest::newRow("hex") << "send . 0a -hex" << int(LabPayload::Hex);
        QTest::newRow("text") << "send . a" << int(LabPayload::Text);
        QTest::newRow("both") << "send . 0a -hex -esc" << -1;
    }
    void flags()
    {
        QFETCH(QString, line);
        QFETCH(int, payload);
        const auto parsed = parseLabLine(line, LabMode::Standard);
        if (payload < 0) {
            const auto* error = std::get_if<LabLineError>(&parsed);
            QVERIFY(error);
            QCOMPARE(error->kind, LabLineError::Kind::TwoPayloads);
            QVERIFY(error->text().contains(QLatin1String("-esc")));
            return;
        }
        const auto* parsedLine = std::get_if<LabLine>(&parsed);
        QVERIFY(parsedLine);
        QCOMPARE(int(labPayload(parsedLine->flags)), payload);
    }

    void helpSaysTheEscapes_data()
    {
        QTest::addColumn<LabMode>("mode");
        QTest::addColumn<QString>("command");
        QTest::newRow("send") << LabMode::Standard << "send";
        QTest::newRow("write") << LabMode::Tcp << "write";
        QTest::newRow("sendto") << LabMode::Udp << "sendto";
    }
    void helpSaysTheEscapes()
    {
        QFETCH(LabMode, mode);
        QFETCH(QString, command);
        const QString help = labHelp(mode, {command}).join(QLatin1Char('\n'));
        QVERIFY2(help.contains(QLatin1String("-esc")) && help.contains(QLatin1String("\\xHH")),
                 qPrintable(help));
        QVERIFY(labHelp(mode, {}).join(QLatin1Char('\n')).contains(QLatin1String("-esc")));
    }

    // The console's -esc sends the bytes the escapes stand for, by a real sendto().
    void consoleSendsTheBytes_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("CR LF and NUL") << "a\\r\\n\\0b" << QByteArray("a\r\n\0b", 5);
        QTest::newRow("hex bytes and tab") << "\\x01\\tz" << QByteArray("\x01\tz");
        QTest::newRow("quoted blanks stay") << "\"x  y \"" << QByteArray("x  y ");
        QTest::newRow("a quote in a word") << "say\\\"hi\\\"" << QByteArray("say\"hi\"");
        QTest::newRow("a quote in quotes") << "\"a \\\" b\"" << QByteArray("a \" b");
    }
    void consoleSendsTheBytes()
    {
        QFETCH(QString, message);
        QFETCH(QByteArray, bytes);
        quint16 port = 0;
        const int receiver = TestSockets::boundSocket(AF_INET, SOCK_DGRAM, &port);
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("socket udp")));
        QVERIFY(
            console.type(QStringLiteral("sendto . 127.0.0.1 %1 %2 -esc").arg(port).arg(message)));
        QVERIFY2(console.errors.isEmpty(), qPrintable(console.errors.join(u'\n')));
        const CallEvent& sent = lab.session().log().calls().last();
        QCOMPARE(sent.call, Call::SendTo);
        QCOMPARE(sent.ret, qint64(bytes.size()));
        QCOMPARE(receiveWaiting(receiver, 5000), bytes);
        ::close(receiver);
    }

    // A bad escape is said with its place, and no call is made.
    void consoleRefusesABadEscape_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("said");
        QTest::newRow("unknown letter") << "sendto . 127.0.0.1 %1 ab\\q -esc"
                                        << "\\q";
        QTest::newRow("short hex") << "sendto . 127.0.0.1 %1 ab\\x4 -esc"
                                   << "\\x4";
        QTest::newRow("hex and esc") << "sendto . 127.0.0.1 %1 0a -hex -esc"
                                     << "-hex";
    }
    void consoleRefusesABadEscape()
    {
        QFETCH(QString, line);
        QFETCH(QString, said);
        quint16 port = 0;
        const int receiver = TestSockets::boundSocket(AF_INET, SOCK_DGRAM, &port);
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("socket udp")));
        const qsizetype calls = lab.session().log().calls().size();
        QVERIFY(console.type(line.arg(port)));
        QVERIFY2(console.errors.join(u'\n').contains(said), qPrintable(console.errors.join(u'\n')));
        QCOMPARE(lab.session().log().calls().size(), calls);
        QCOMPARE(receiveWaiting(receiver), QByteArray());
        ::close(receiver);
    }
};

QTEST_GUILESS_MAIN(TestLabEscapes)
#include "tst_labescapes.moc"
