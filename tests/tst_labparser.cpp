#include "lab/labcommand.h"
#include "lab/labmessage.h"

#include <QSet>
#include <QTest>
#include <QTranslator>

#include <algorithm>
#include <sys/socket.h>

using namespace SocketScope;

Q_DECLARE_METATYPE(LabMode)
Q_DECLARE_METATYPE(LabVerb)
Q_DECLARE_METATYPE(LabFlags)
Q_DECLARE_METATYPE(LabLineError::Kind)
Q_DECLARE_METATYPE(LabHost::Kind)
Q_DECLARE_METATYPE(LabArgument)

namespace {

const char* modeName(LabMode mode)
{
    switch (mode) {
    case LabMode::Standard:
        return "standard";
    case LabMode::Tcp:
        return "tcp";
    case LabMode::Udp:
        return "udp";
    }
    return "";
}

constexpr LabMode allModes[] = {LabMode::Standard, LabMode::Tcp, LabMode::Udp};

// The names and letters of the reference, mode by mode, in socklab's order.
struct Expected {
    const char* name;
    char letter;
    const char* usage;
};

QList<Expected> socklabTable(LabMode mode)
{
    switch (mode) {
    case LabMode::Standard:
        return {{"socket", 's', "[tcp|udp]"},
                {"socket6", 'n', "[tcp|udp]"},
                {"bind", 'b', "[id] [host] [port]"},
                {"listen", 'l', "[id] [nb]"},
                {"accept", 'a', "[id]"},
                {"connect", 'c', "[id] [host] [port]"},
                {"close", 'k', "[id]"},
                {"shutdown", 'h', "[id] [in|out|both]"},
                {"options", 'o', "[id] [name]..."},
                {"read", 'r', "[id] [nb]"},
                {"recv", 'v', "[id] [nb] [-oob] [-peek]"},
                {"recvfrom", 'f', "[id] [nb] [-oob] [-peek]"},
                {"write", 'w', "[id] [mesg]"},
                {"send", 'd', "[id] [mesg] [-oob] [-dontroute] [-loop]"},
                {"sendto", 't', "[id] [host] [port] [mesg] [-oob] [-dontroute] [-loop]"},
                {"help", '?', "[cmd]..."},
                {"status", '=', ""},
                {"quit", 'q', ""},
                {"exit", 'x', ""}};
    case LabMode::Tcp:
        return {{"passive", 'p', ""},
                {"passive6", 'n', ""},
                {"accept", 'a', "[id]"},
                {"connect", 'c', "[host] [port]"},
                {"connect6", 'e', "[host] [port]"},
                {"close", 'k', "[id]"},
                {"shutdown", 'h', "[id] [in|out|both]"},
                {"options", 'o', "[id] [name]..."},
                {"read", 'r', "[id] [nb]"},
                {"urecv", 'v', "[id] [nb]"},
                {"write", 'w', "[id] [mesg]"},
                {"usend", 'd', "[id] [mesg]"},
                {"help", '?', "[cmd]..."},
                {"status", '=', ""},
                {"quit", 'q', ""},
                {"exit", 'x', ""}};
    case LabMode::Udp:
        return {{"socket", 's', ""},
                {"socket6", 'n', ""},
                {"msocket", 'c', ""},
                {"close", 'k', "[id]"},
                {"options", 'o', "[id] [name]..."},
                {"mjoin", 'j', "[id] [group] [local]"},
                {"mleave", 'l', "[id] [group] [local]"},
                {"mbind", 'b', "[id] [port]"},
                {"recvfrom", 'f', "[id] [nb]"},
                {"mrecvfrom", 'r', "[id] [nb]"},
                {"sendto", 't', "[id] [host] [port] [mesg]"},
                {"msendto", 'm', "[id] [group] [local]"},
                {"bsend", 'a', "[id]"},
                {"help", '?', "[cmd]..."},
                {"status", '=', ""},
                {"quit", 'q', ""},
                {"exit", 'x', ""}};
    }
    return {};
}

const QList<Expected> labAdditions = {{"select", 0, "[id]... [timeout-ms]"},
                                      {"poll", 0, "[id]... [timeout-ms]"},
                                      {"getsockname", 0, "[id]"},
                                      {"getpeername", 0, "[id]"},
                                      {"getaddrinfo", 0, "[host] [service]"},
                                      {"terminal", 0, "[1|2]"}};

QStringList strings(std::initializer_list<const char*> texts)
{
    QStringList list;
    for (const char* text : texts)
        list += QString::fromUtf8(text);
    return list;
}

const LabLine* lineOf(const std::variant<LabLine, LabLineError>& parsed)
{
    return std::get_if<LabLine>(&parsed);
}

} // namespace

class TestLabParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tablesAreSocklabs_data()
    {
        QTest::addColumn<LabMode>("mode");
        for (const LabMode mode : allModes)
            QTest::newRow(modeName(mode)) << mode;
    }
    void tablesAreSocklabs()
    {
        QFETCH(LabMode, mode);
        const QList<Expected> expected = socklabTable(mode) + labAdditions;
        const QList<LabCommandSpec>& commands = labCommands(mode);
        QCOMPARE(commands.size(), expected.size());
        QSet<QString> names;
        QSet<char> letters;
        for (qsizetype i = 0; i < commands.size(); ++i) {
            QCOMPARE(commands[i].name, expected[i].name);
            QCOMPARE(commands[i].letter, expected[i].letter);
            QCOMPARE(commands[i].usage, expected[i].usage);
            QCOMPARE(labCommand(mode, commands[i].verb), &commands[i]);
            QVERIFY2(!names.contains(QLatin1String(commands[i].name)), commands[i].name);
            names.insert(QLatin1String(commands[i].name));
            if (commands[i].letter != 0) {
                QVERIFY2(!letters.contains(commands[i].letter), commands[i].name);
                letters.insert(commands[i].letter);
            }
        }
    }

    // Every letter and every name of every mode reaches its command, in any case.
    void everyLetterAndName_data()
    {
        QTest::addColumn<LabMode>("mode");
        QTest::addColumn<QString>("word");
        QTest::addColumn<QString>("name");
        for (const LabMode mode : allModes) {
            for (const Expected& command : socklabTable(mode) + labAdditions) {
                const QString name = QLatin1String(command.name);
                QTest::addRow("%s %s", modeName(mode), command.name) << mode << name << name;
                QTest::addRow("%s %s upper", modeName(mode), command.name)
                    << mode << name.toUpper() << name;
                if (command.letter != 0)
                    QTest::addRow("%s letter %c", modeName(mode), command.letter)
                        << mode << QString(QLatin1Char(command.letter)) << name;
            }
        }
    }
    void everyLetterAndName()
    {
        QFETCH(LabMode, mode);
        QFETCH(QString, word);
        QFETCH(QString, name);
        const auto parsed = parseLabLine(word, mode);
        const LabLine* line = lineOf(parsed);
        QVERIFY(line);
        QCOMPARE(QLatin1String(line->command->name), name);
        QVERIFY(line->words.isEmpty());
    }

    void commandWords_data()
    {
        QTest::addColumn<LabMode>("mode");
        QTest::addColumn<QString>("line");
        QTest::addColumn<LabVerb>("verb");
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<LabFlags>("flags");
        QTest::newRow("unique prefix")
            << LabMode::Standard << "acc 3" << LabVerb::Accept << strings({"3"}) << LabFlags();
        QTest::newRow("exact name that prefixes another")
            << LabMode::Standard << "socket tcp" << LabVerb::Socket << strings({"tcp"})
            << LabFlags();
        QTest::newRow("exact sendto")
            << LabMode::Standard << "sendto" << LabVerb::SendTo << QStringList() << LabFlags();
        QTest::newRow("tcp mode n is passive6")
            << LabMode::Tcp << "n" << LabVerb::Passive6 << QStringList() << LabFlags();
        QTest::newRow("tcp mode e is connect6")
            << LabMode::Tcp << "e . 80" << LabVerb::Connect6 << strings({".", "80"}) << LabFlags();
        QTest::newRow("tcp mode v is urecv")
            << LabMode::Tcp << "v" << LabVerb::Urecv << QStringList() << LabFlags();
        QTest::newRow("udp mode c is msocket")
            << LabMode::Udp << "c" << LabVerb::Msocket << QStringList() << LabFlags();
        QTest::newRow("udp mode a is bsend")
            << LabMode::Udp << "a 3" << LabVerb::Bsend << strings({"3"}) << LabFlags();
        QTest::newRow("prefix of a lab command") << LabMode::Tcp << "sel 3 4 100" << LabVerb::Select
                                                 << strings({"3", "4", "100"}) << LabFlags();
        QTest::newRow("blanks around") << LabMode::Standard << "  \t w   .  hello \t"
                                       << LabVerb::Write << strings({".", "hello"}) << LabFlags();
        QTest::newRow("quoted message keeps its blanks")
            << LabMode::Standard << "w . \"GET /  \"" << LabVerb::Write << strings({".", "GET /  "})
            << LabFlags();
        QTest::newRow("quote splits a word") << LabMode::Standard << "w a\"b c\"d" << LabVerb::Write
                                             << strings({"a", "b c", "d"}) << LabFlags();
        QTest::newRow("empty quotes are a word")
            << LabMode::Standard << "w . \"\"" << LabVerb::Write << strings({".", ""})
            << LabFlags();
        QTest::newRow("arguments keep their case")
            << LabMode::Standard << "W . HeLLo" << LabVerb::Write << strings({".", "HeLLo"})
            << LabFlags();
        QTest::newRow("flags") << LabMode::Standard << "send . hi -oob -dontroute -loop"
                               << LabVerb::Send << strings({".", "hi"})
                               << (LabFlag::Oob | LabFlag::DontRoute | LabFlag::Loop);
        QTest::newRow("flag prefixes, socklab's first")
            << LabMode::Standard << "d -o -d -l . hi" << LabVerb::Send << strings({".", "hi"})
            << (LabFlag::Oob | LabFlag::DontRoute | LabFlag::Loop);
        QTest::newRow("recv flags")
            << LabMode::Standard << "v . 10 -p -w -dontw" << LabVerb::Recv << strings({".", "10"})
            << (LabFlag::Peek | LabFlag::WaitAll | LabFlag::DontWait);
        QTest::newRow("lab's send flags") << LabMode::Standard << "t -n -h -dontwa . . 9 41"
                                          << LabVerb::SendTo << strings({".", ".", "9", "41"})
                                          << (LabFlag::NoSignal | LabFlag::Hex | LabFlag::DontWait);
        QTest::newRow("udp recvfrom takes socklab's flags")
            << LabMode::Udp << "f . -peek" << LabVerb::RecvFrom << strings({"."})
            << LabFlags(LabFlag::Peek);
        QTest::newRow("unknown flag stays positional")
            << LabMode::Standard << "w . -xyz" << LabVerb::Write << strings({".", "-xyz"})
            << LabFlags();
        QTest::newRow("flag of another command stays positional")
            << LabMode::Standard << "read . -oob" << LabVerb::Read << strings({".", "-oob"})
            << LabFlags();
        QTest::newRow("negative timeout stays positional")
            << LabMode::Standard << "select 3 -1" << LabVerb::Select << strings({"3", "-1"})
            << LabFlags();
        QTest::newRow("dash alone stays positional")
            << LabMode::Standard << "send . -" << LabVerb::Send << strings({".", "-"})
            << LabFlags();
        QTest::newRow("flags compare case-sensitively as socklab")
            << LabMode::Standard << "send . -OOB" << LabVerb::Send << strings({".", "-OOB"})
            << LabFlags();
        QTest::newRow("write's hex") << LabMode::Tcp << "w . -hex 0a0d" << LabVerb::Write
                                     << strings({".", "0a0d"}) << LabFlags(LabFlag::Hex);
    }
    void commandWords()
    {
        QFETCH(LabMode, mode);
        QFETCH(QString, line);
        QFETCH(LabVerb, verb);
        QFETCH(QStringList, words);
        QFETCH(LabFlags, flags);
        const auto parsed = parseLabLine(line, mode);
        const LabLine* result = lineOf(parsed);
        QVERIFY(result);
        QCOMPARE(result->command->verb, verb);
        QCOMPARE(result->words, words);
        QCOMPARE(result->flags, flags);
    }

    void lineErrors_data()
    {
        QTest::addColumn<LabMode>("mode");
        QTest::addColumn<QString>("line");
        QTest::addColumn<LabLineError::Kind>("kind");
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << LabMode::Standard << "" << LabLineError::Kind::Empty << "";
        QTest::newRow("blanks") << LabMode::Standard << " \t " << LabLineError::Kind::Empty << "";
        QTest::newRow("open quote") << LabMode::Standard << "w . \"hello"
                                    << LabLineError::Kind::InvalidQuoting << "*** invalid quoting";
        QTest::newRow("ambiguous se")
            << LabMode::Standard << "se" << LabLineError::Kind::AmbiguousCommand
            << "*** ambiguous command";
        QTest::newRow("ambiguous so")
            << LabMode::Udp << "so" << LabLineError::Kind::AmbiguousCommand
            << "*** ambiguous command";
        QTest::newRow("ambiguous get")
            << LabMode::Tcp << "get" << LabLineError::Kind::AmbiguousCommand
            << "*** ambiguous command";
        QTest::newRow("unknown") << LabMode::Standard << "frobnicate 3"
                                 << LabLineError::Kind::InvalidCommand << "*** invalid command";
        QTest::newRow("letter of another mode")
            << LabMode::Standard << "p" << LabLineError::Kind::InvalidCommand
            << "*** invalid command";
        QTest::newRow("standard command in tcp mode")
            << LabMode::Tcp << "socket" << LabLineError::Kind::InvalidCommand
            << "*** invalid command";
        QTest::newRow("a letter is never a prefix")
            << LabMode::Standard << "g" << LabLineError::Kind::InvalidCommand
            << "*** invalid command";
        QTest::newRow("socket id as command, not implemented by socklab")
            << LabMode::Standard << "3" << LabLineError::Kind::InvalidCommand
            << "*** invalid command";
        QTest::newRow("empty quoted command")
            << LabMode::Standard << "\"\"" << LabLineError::Kind::InvalidCommand
            << "*** invalid command";
    }
    void lineErrors()
    {
        QFETCH(LabMode, mode);
        QFETCH(QString, line);
        QFETCH(LabLineError::Kind, kind);
        QFETCH(QString, text);
        const auto parsed = parseLabLine(line, mode);
        const auto* error = std::get_if<LabLineError>(&parsed);
        QVERIFY(error);
        QCOMPARE(error->kind, kind);
        QCOMPARE(error->text(), text);
    }

    void ids_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<bool>("current");
        QTest::addColumn<int>("id");
        QTest::newRow("number") << "3" << true << false << 3;
        QTest::newRow("zero") << "0" << true << false << 0;
        QTest::newRow("dot") << "." << true << true << -1;
        QTest::newRow("nothing") << "" << true << true << -1;
        QTest::newRow("negative") << "-1" << false << false << 0;
        QTest::newRow("letters") << "abc" << false << false << 0;
        QTest::newRow("trailing junk") << "3x" << false << false << 0;
        QTest::newRow("too large") << "99999999999" << false << false << 0;
    }
    void ids()
    {
        QFETCH(QString, word);
        QFETCH(bool, valid);
        QFETCH(bool, current);
        QFETCH(int, id);
        QString error;
        const auto parsed = parseLabId(word, &error);
        QCOMPARE(parsed.has_value(), valid);
        QCOMPARE(error.isEmpty(), valid);
        if (valid) {
            QCOMPARE(parsed->current, current);
            QCOMPARE(parsed->id, id);
        } else {
            QVERIFY(error.contains(word));
        }
    }

    void hosts_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<LabHost::Kind>("kind");
        QTest::addColumn<QString>("text");
        QTest::newRow("any") << "*" << true << LabHost::Kind::Any << "*";
        QTest::newRow("loopback") << "." << true << LabHost::Kind::Loopback << ".";
        QTest::newRow("ipv4") << "127.0.0.1" << true << LabHost::Kind::Numeric << "127.0.0.1";
        QTest::newRow("ipv6 normalised")
            << "0:0:0:0:0:0:0:1" << true << LabHost::Kind::Numeric << "::1";
        QTest::newRow("ipv6 upper") << "FE80::A" << true << LabHost::Kind::Numeric << "fe80::a";
        QTest::newRow("mapped") << "::ffff:10.0.0.1" << true << LabHost::Kind::Numeric
                                << "::ffff:10.0.0.1";
        QTest::newRow("name") << "localhost" << true << LabHost::Kind::Name << "localhost";
        QTest::newRow("dotted name")
            << "www.example-1.org." << true << LabHost::Kind::Name << "www.example-1.org.";
        QTest::newRow("short ipv4 is no name") << "1.2.3" << false << LabHost::Kind::Any << "";
        QTest::newRow("ipv4 out of range") << "256.1.1.1" << false << LabHost::Kind::Any << "";
        QTest::newRow("bad ipv6") << "1::2::3" << false << LabHost::Kind::Any << "";
        QTest::newRow("blank inside") << "a b" << false << LabHost::Kind::Any << "";
        QTest::newRow("underscore") << "my_host" << false << LabHost::Kind::Any << "";
        QTest::newRow("leading hyphen") << "-host" << false << LabHost::Kind::Any << "";
        QTest::newRow("empty label") << "a..b" << false << LabHost::Kind::Any << "";
        QTest::newRow("label too long") << QString(64, u'a') << false << LabHost::Kind::Any << "";
        QTest::newRow("name too long")
            << (QString(60, u'a') + u'.').repeated(5) + u'b' << false << LabHost::Kind::Any << "";
        QTest::newRow("non ascii") << "hôte" << false << LabHost::Kind::Any << "";
        QTest::newRow("empty") << "" << false << LabHost::Kind::Any << "";
    }
    void hosts()
    {
        QFETCH(QString, word);
        QFETCH(bool, valid);
        QFETCH(LabHost::Kind, kind);
        QFETCH(QString, text);
        QString error;
        const auto host = parseLabHost(word, &error);
        QCOMPARE(host.has_value(), valid);
        QCOMPARE(error.isEmpty(), valid);
        if (valid) {
            QCOMPARE(host->kind, kind);
            QCOMPARE(host->text, text);
        }
    }

    void ports_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<int>("port");
        QTest::newRow("zero") << "0" << 0;
        QTest::newRow("number") << "5000" << 5000;
        QTest::newRow("highest") << "65535" << 65535;
        QTest::newRow("service http") << "http" << 80;
        QTest::newRow("service ssh") << "ssh" << 22;
        QTest::newRow("out of range") << "65536" << -1;
        QTest::newRow("huge") << "123456789012345678901" << -1;
        QTest::newRow("negative") << "-1" << -1;
        QTest::newRow("unknown service") << "no-such-service" << -1;
        QTest::newRow("junk after digits") << "80x" << -1;
        QTest::newRow("empty") << "" << -1;
        QTest::newRow("non ascii") << "sérvice" << -1;
    }
    void ports()
    {
        QFETCH(QString, word);
        QFETCH(int, port);
        QString error;
        const auto parsed = parseLabPort(word, &error);
        QCOMPARE(parsed.has_value(), port >= 0);
        QCOMPARE(error.isEmpty(), port >= 0);
        if (port >= 0)
            QCOMPARE(int(*parsed), port);
    }

    void counts_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<int>("defaultValue");
        QTest::addColumn<qint64>("maximum");
        QTest::addColumn<int>("count");
        QTest::newRow("backlog default") << "" << 5 << qint64(4096) << 5;
        QTest::newRow("bytes default") << "" << 100 << qint64(labMessageLimit) << 100;
        QTest::newRow("given") << "42" << 100 << qint64(labMessageLimit) << 42;
        QTest::newRow("zero") << "0" << 1 << qint64(10) << 0;
        QTest::newRow("at maximum") << "10" << 1 << qint64(10) << 10;
        QTest::newRow("past maximum") << "11" << 1 << qint64(10) << -1;
        QTest::newRow("negative") << "-5" << 1 << qint64(10) << -1;
        QTest::newRow("not a number") << "many" << 1 << qint64(10) << -1;
        QTest::newRow("overflow") << "99999999999999999999" << 1 << qint64(1) << -1;
    }
    void counts()
    {
        QFETCH(QString, word);
        QFETCH(int, defaultValue);
        QFETCH(qint64, maximum);
        QFETCH(int, count);
        QString error;
        const auto parsed = parseLabCount(word, defaultValue, maximum, &error);
        QCOMPARE(parsed.has_value(), count >= 0);
        QCOMPARE(error.isEmpty(), count >= 0);
        if (count >= 0)
            QCOMPARE(*parsed, count);
    }

    void choices_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("word");
        QTest::addColumn<int>("value");
        QTest::newRow("in") << "direction"
                            << "in" << int(SHUT_RD);
        QTest::newRow("i") << "direction"
                           << "i" << int(SHUT_RD);
        QTest::newRow("out") << "direction"
                             << "out" << int(SHUT_WR);
        QTest::newRow("o") << "direction"
                           << "o" << int(SHUT_WR);
        QTest::newRow("both") << "direction"
                              << "both" << int(SHUT_RDWR);
        QTest::newRow("b") << "direction"
                           << "b" << int(SHUT_RDWR);
        QTest::newRow("BOTH") << "direction"
                              << "BOTH" << int(SHUT_RDWR);
        QTest::newRow("inside") << "direction"
                                << "inside" << -1;
        QTest::newRow("no direction") << "direction"
                                      << "" << -1;
        QTest::newRow("tcp") << "protocol"
                             << "tcp" << int(SOCK_STREAM);
        QTest::newRow("t") << "protocol"
                           << "t" << int(SOCK_STREAM);
        QTest::newRow("udp") << "protocol"
                             << "udp" << int(SOCK_DGRAM);
        QTest::newRow("u") << "protocol"
                           << "u" << int(SOCK_DGRAM);
        QTest::newRow("sctp") << "protocol"
                              << "sctp" << -1;
        QTest::newRow("timeout forever") << "timeout"
                                         << "-1" << -1;
        QTest::newRow("timeout zero") << "timeout"
                                      << "0" << 0;
        QTest::newRow("timeout 250") << "timeout"
                                     << "250" << 250;
    }
    void choices()
    {
        QFETCH(QString, kind);
        QFETCH(QString, word);
        QFETCH(int, value);
        QString error;
        std::optional<int> parsed;
        if (kind == QLatin1String("direction"))
            parsed = parseLabDirection(word, &error);
        else if (kind == QLatin1String("protocol"))
            parsed = parseLabProtocol(word, &error);
        else
            parsed = parseLabTimeout(word, &error);
        const bool valid = value >= 0 || kind == QLatin1String("timeout");
        QCOMPARE(parsed.has_value(), valid);
        QCOMPARE(error.isEmpty(), valid);
        if (valid)
            QCOMPARE(*parsed, value);
    }

    void badTimeouts_data()
    {
        QTest::addColumn<QString>("word");
        QTest::newRow("minus two") << "-2";
        QTest::newRow("letters") << "soon";
        QTest::newRow("empty") << "";
        QTest::newRow("too large") << "99999999999";
    }
    void badTimeouts()
    {
        QFETCH(QString, word);
        QString error;
        QVERIFY(!parseLabTimeout(word, &error));
        QVERIFY(!error.isEmpty());
    }

    void messages_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("hex");
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("plain") << "ping" << false << QByteArray("ping");
        QTest::newRow("empty") << "" << false << QByteArray();
        QTest::newRow("trailing space is LF") << "ping " << false << QByteArray("ping\n");
        QTest::newRow("double space is CR LF")
            << "GET / HTTP/1.0  " << false << QByteArray("GET / HTTP/1.0\r\n");
        QTest::newRow("double space inside") << "a  b" << false << QByteArray("a\r\nb");
        QTest::newRow("three spaces pair from the end")
            << "a   b" << false << QByteArray("a \r\nb");
        QTest::newRow("four spaces at the end") << "x    " << false << QByteArray("x\r\n\r\n");
        QTest::newRow("single space inside stays") << "a b" << false << QByteArray("a b");
        QTest::newRow("one space alone") << " " << false << QByteArray("\n");
        QTest::newRow("utf8") << "café" << false << QByteArray("caf\xc3\xa9");
        QTest::newRow("count") << "#5" << false << QByteArray("*****");
        QTest::newRow("count zero") << "#0" << false << QByteArray();
        QTest::newRow("count with blank as sscanf") << "# 3" << false << QByteArray("***");
        QTest::newRow("count with plus as sscanf") << "#+2" << false << QByteArray("**");
        QTest::newRow("hash alone is text") << "#" << false << QByteArray("#");
        QTest::newRow("hash word is text") << "#tag " << false << QByteArray("#tag\n");
        QTest::newRow("hex") << "48656c6c6f" << true << QByteArray("Hello");
        QTest::newRow("hex upper with blanks") << "0D 0A\t41" << true << QByteArray("\r\nA");
        QTest::newRow("hex 0x") << "0x0001ff" << true << QByteArray("\x00\x01\xff", 3);
        QTest::newRow("hex 0x per byte") << "0x00 0X7f" << true << QByteArray("\x00\x7f", 2);
        QTest::newRow("hex empty") << "" << true << QByteArray();
        QTest::newRow("hex ignores message conventions") << " 20 20 " << true << QByteArray("  ");
    }
    void messages()
    {
        QFETCH(QString, text);
        QFETCH(bool, hex);
        QFETCH(QByteArray, bytes);
        QString error;
        const auto decoded =
            decodeLabMessage(text, hex ? LabPayload::Hex : LabPayload::Text, &error);
        QVERIFY2(decoded, qPrintable(error));
        QCOMPARE(*decoded, bytes);
        QVERIFY(error.isEmpty());
    }

    void badMessages_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("hex");
        QTest::newRow("negative count") << "#-1" << false;
        QTest::newRow("count with junk") << "#5abc" << false;
        QTest::newRow("count past limit")
            << QStringLiteral("#%1").arg(labMessageLimit + 1) << false;
        QTest::newRow("count overflow") << "#99999999999999999999999" << false;
        QTest::newRow("odd hex") << "abc" << true;
        QTest::newRow("hex split byte") << "4 1" << true;
        QTest::newRow("not hex") << "zz" << true;
        QTest::newRow("0x alone") << "0x" << true;
        QTest::newRow("hex past limit") << QString(2 * (labMessageLimit + 1), u'a') << true;
        QTest::newRow("text past limit") << QString(labMessageLimit + 1, u'a') << false;
    }
    void badMessages()
    {
        QFETCH(QString, text);
        QFETCH(bool, hex);
        QString error;
        QVERIFY(!decodeLabMessage(text, hex ? LabPayload::Hex : LabPayload::Text, &error));
        QVERIFY(!error.isEmpty());
    }

    void countAtLimit()
    {
        const auto decoded =
            decodeLabMessage(QStringLiteral("#%1").arg(labMessageLimit), LabPayload::Text, nullptr);
        QVERIFY(decoded);
        QCOMPARE(decoded->size(), labMessageLimit);
    }

    void prompts_data()
    {
        QTest::addColumn<LabArgument>("argument");
        QTest::addColumn<int>("current");
        QTest::addColumn<QString>("english");
        QTest::addColumn<QString>("french");
        QTest::newRow("protocol") << LabArgument::Protocol << -1 << "Protocol? [tcp/udp] : "
                                  << "Protocole ? [tcp/udp] : ";
        QTest::newRow("id with current") << LabArgument::Id << 3 << "Id. socket (3) ?: "
                                         << "Id. de la socket (3) ?: ";
        QTest::newRow("id without current") << LabArgument::Id << -1 << "Id socket ?: "
                                            << "Id de la socket ?: ";
        QTest::newRow("host") << LabArgument::Host << 3 << "Host? : "
                              << "Machine ? : ";
        QTest::newRow("port") << LabArgument::Port << 3 << "Port? : "
                              << "Port ? : ";
        QTest::newRow("backlog") << LabArgument::Backlog << 3 << "Nb of requests [5] : "
                                 << "Nb de demandes [5] : ";
        QTest::newRow("bytes") << LabArgument::ByteCount << 3 << "Nb of bytes to read [100] : "
                               << "Nb d'octets à lire [100] : ";
        QTest::newRow("messages") << LabArgument::MessageCount << 3
                                  << "Nb of messages to receive [1] : "
                                  << "Nb de messages à recevoir [1] : ";
        QTest::newRow("message") << LabArgument::Message << 3 << "Message? : "
                                 << "Message ? : ";
        QTest::newRow("group") << LabArgument::Group << 3 << "Group address? : "
                               << "Adresse du groupe ? : ";
        QTest::newRow("direction") << LabArgument::Direction << 3 << "Direction? [in/out/both] : "
                                   << "Sens ? [in/out/both] : ";
    }
    void prompts()
    {
        QFETCH(LabArgument, argument);
        QFETCH(int, current);
        QFETCH(QString, english);
        QFETCH(QString, french);
        QCOMPARE(labPrompt(argument, current), english);
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/socketscope_fr.qm")));
        QCoreApplication::installTranslator(&translator);
        const QString translated = labPrompt(argument, current);
        QCoreApplication::removeTranslator(&translator);
        QCOMPARE(translated, french);
    }

    void errorsInFrench()
    {
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/socketscope_fr.qm")));
        QCoreApplication::installTranslator(&translator);
        const auto parsed = parseLabLine(u"se", LabMode::Standard);
        const QString text = std::get<LabLineError>(parsed).text();
        QString error;
        parseLabPort(u"70000", &error);
        QCoreApplication::removeTranslator(&translator);
        QCOMPARE(text, QStringLiteral("*** commande ambiguë"));
        QVERIFY2(error.contains(QLatin1String("65535")) && error.contains(QLatin1String("Port")),
                 qPrintable(error));
        QVERIFY(!error.contains(QLatin1String("out of range")));
    }

    // Every argument has a prompt; those socklab never asks for are said so.
    void everyArgumentHasAPrompt()
    {
        for (const LabMode mode : allModes) {
            for (const LabCommandSpec& command : labCommands(mode)) {
                for (const LabArgument argument : command.arguments)
                    QVERIFY2(!labPrompt(argument, 1).isEmpty(), command.name);
            }
        }
        QVERIFY(!labArgumentPrompted(LabArgument::Interface));
        QVERIFY(!labArgumentPrompted(LabArgument::OptionNames));
        QVERIFY(labArgumentPrompted(LabArgument::Message));
    }

    void argumentsInSocklabsOrder()
    {
        using A = LabArgument;
        QCOMPARE(labCommand(LabMode::Standard, LabVerb::Bind)->arguments,
                 (QList<A>{A::Id, A::Host, A::Port}));
        QCOMPARE(labCommand(LabMode::Standard, LabVerb::SendTo)->arguments,
                 (QList<A>{A::Id, A::Host, A::Port, A::Message}));
        QCOMPARE(labCommand(LabMode::Standard, LabVerb::Listen)->arguments,
                 (QList<A>{A::Id, A::Backlog}));
        QCOMPARE(labCommand(LabMode::Standard, LabVerb::Shutdown)->arguments,
                 (QList<A>{A::Id, A::Direction}));
        QCOMPARE(labCommand(LabMode::Tcp, LabVerb::Connect)->arguments,
                 (QList<A>{A::Host, A::Port}));
        QCOMPARE(labCommand(LabMode::Udp, LabVerb::Mrecvfrom)->arguments,
                 (QList<A>{A::Id, A::MessageCount}));
        QCOMPARE(labCommand(LabMode::Udp, LabVerb::Msendto)->arguments,
                 (QList<A>{A::Id, A::Group, A::Port, A::Message}));
        QCOMPARE(labCommand(LabMode::Udp, LabVerb::Mbind)->arguments, (QList<A>{A::Id, A::Port}));
        QVERIFY(!labCommand(LabMode::Tcp, LabVerb::Socket));
        QVERIFY(!labCommand(LabMode::Udp, LabVerb::Connect));
    }

    void helpListsEveryCommand_data()
    {
        QTest::addColumn<LabMode>("mode");
        for (const LabMode mode : allModes)
            QTest::newRow(modeName(mode)) << mode;
    }
    void helpListsEveryCommand()
    {
        QFETCH(LabMode, mode);
        const QStringList lines = labHelp(mode, {});
        const QString all = lines.join(QLatin1Char('\n'));
        for (const LabCommandSpec& command : labCommands(mode)) {
            const QString name = QLatin1String(command.name);
            const bool listed = std::any_of(lines.cbegin(), lines.cend(), [&](const QString& l) {
                return l.split(QLatin1Char(' '), Qt::SkipEmptyParts).contains(name) &&
                       l.contains(QLatin1String(command.usage)) &&
                       (command.letter == 0 || l.trimmed().startsWith(QLatin1Char(command.letter)));
            });
            QVERIFY2(listed, command.name);
        }
        QVERIFY2(all.contains(QLatin1String("O_NONBLOCK")) &&
                     all.contains(QLatin1String("TCP_NODELAY")),
                 qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("IPv6 UDP")), qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("loop forever")), qPrintable(all));
    }

    void helpForCommands_data()
    {
        QTest::addColumn<LabMode>("mode");
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QStringList>("firstLines");
        QTest::newRow("name") << LabMode::Standard << strings({"bind"})
                              << strings({"usage: bind [id] [host] [port]"});
        QTest::newRow("letter and prefix")
            << LabMode::Standard << strings({"s", "acc"})
            << strings({"usage: socket [tcp|udp]", "usage: accept [id]"});
        QTest::newRow("no usage") << LabMode::Tcp << strings({"passive"})
                                  << strings({"usage: passive"});
        QTest::newRow("unknown") << LabMode::Standard << strings({"frob"})
                                 << strings({"*** frob: invalid command"});
        QTest::newRow("ambiguous")
            << LabMode::Standard << strings({"se"}) << strings({"*** se: ambiguous command"});
        QTest::newRow("extra flags") << LabMode::Standard << strings({"recv"})
                                     << strings({"usage: recv [id] [nb] [-oob] [-peek]",
                                                 "The lab also accepts: -waitall -dontwait"});
        QTest::newRow("nodelay note")
            << LabMode::Tcp << strings({"options"})
            << strings({"usage: options [id] [name]...", "The lab also accepts: -get",
                        "Note: socklab's option nodelay sets O_NONBLOCK (fcntl), not TCP_NODELAY. "
                        "The lab keeps nodelay as socklab's, so that its scripts work: nodelay "
                        "and nonblock are O_NONBLOCK, tcpnodelay is TCP_NODELAY."});
        QTest::newRow("lab command") << LabMode::Udp << strings({"select"})
                                     << strings({"usage: select [id]... [timeout-ms]"});
    }
    void helpForCommands()
    {
        QFETCH(LabMode, mode);
        QFETCH(QStringList, words);
        QFETCH(QStringList, firstLines);
        const QStringList lines = labHelp(mode, words);
        QVERIFY2(lines.size() >= firstLines.size(), qPrintable(lines.join(u'\n')));
        QCOMPARE(lines.first(firstLines.size()), firstLines);
    }

    void helpInFrench()
    {
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/socketscope_fr.qm")));
        QCoreApplication::installTranslator(&translator);
        const QString all = labHelp(LabMode::Standard, {}).join(QLatin1Char('\n'));
        const QStringList unknown = labHelp(LabMode::Standard, {QStringLiteral("frob")});
        QCoreApplication::removeTranslator(&translator);
        QVERIFY2(all.contains(QLatin1String("COMMANDES DISPONIBLES")), qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("TCP_NODELAY")) &&
                     all.contains(QLatin1String("en boucle")),
                 qPrintable(all));
        QCOMPARE(unknown, QStringList{QStringLiteral("*** frob : commande invalide")});
    }
};

QTEST_GUILESS_MAIN(TestLabParser)
#include "tst_labparser.moc"
