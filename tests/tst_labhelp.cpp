// What the lab asks and explains: its prompts in socklab's words, in English and French, an
// argument order as socklab's, and its help for every command.
#include "lab/labcommand.h"
#include "lab/labmessage.h"
#include "testlabmodes.h"

#include <QTest>
#include <QTranslator>

#include <algorithm>

using namespace SocketScope;
using namespace SocketScope::TestLabModes;

class TestLabHelp : public QObject {
    Q_OBJECT
private Q_SLOTS:
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
        QTest::newRow("letter and prefix") << LabMode::Standard << strings({"k", "acc"})
                                           << strings({"usage: close [id]", "usage: accept [id]"});
        QTest::newRow("AF_UNIX: socket")
            << LabMode::Standard << strings({"s"})
            << strings({"usage: socket [tcp|udp]",
                        "The lab's addition: socket unix makes an AF_UNIX stream socket, socket "
                        "unixdgram an AF_UNIX datagram socket. For them bind, connect and sendto "
                        "take a path instead of a host and a port: bind . ./lab.sock, sendto . "
                        "./peer.sock hello. A relative path starts from the folder SocketScope "
                        "was started in, as a program's."});
        QTest::newRow("AF_UNIX: not in udp mode")
            << LabMode::Udp << strings({"s", "k"})
            << strings({"usage: socket", "usage: close [id]"});
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

QTEST_GUILESS_MAIN(TestLabHelp)
#include "tst_labhelp.moc"
