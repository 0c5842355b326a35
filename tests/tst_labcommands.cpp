// The lab's command tables, mode by mode, against socklab's reference: names, letters,
// usages; how a typed line is cut into a command, its words and its flags; what is refused.
#include "lab/labcommand.h"
#include "testlabmodes.h"

#include <QSet>
#include <QTest>

using namespace SocketScope;
using namespace SocketScope::TestLabModes;

namespace {

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

} // namespace

class TestLabCommands : public QObject {
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
};

QTEST_GUILESS_MAIN(TestLabCommands)
#include "tst_labcommands.moc"
