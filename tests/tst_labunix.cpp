// AF_UNIX sockets in the lab, beyond socklab: `socket unix` and `socket unixdgram`, a path
// where bind, connect and sendto take a host and a port, in the console and in the forms.
#include "lab/labsession.h"
#include "labcallform.h"
#include "testlabconsole.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/un.h>

using namespace SocketScope;
using namespace SocketScope::TestLabConsole;

namespace {

// The status row of a socket, as the kernel says it now.
LabStatusRow rowOf(LabSession& lab, int id)
{
    for (const LabStatusRow& row : lab.statusRows()) {
        if (row.id == id)
            return row;
    }
    return {};
}

// The last call of a kind the lab made, as the log has it.
CallEvent lastCall(LabSession& lab, Call call)
{
    CallEvent found;
    for (const CallEvent& event : lab.session().log().calls()) {
        if (event.call == call)
            found = event;
    }
    return found;
}

// Whether a socket listens at `path`, as /proc/net/unix says: __SO_ACCEPTCON in its flags.
bool listensAt(const QString& path)
{
    QFile table(QStringLiteral("/proc/net/unix"));
    if (!table.open(QIODevice::ReadOnly))
        return false;
    const QByteArray wanted = QFile::encodeName(path);
    for (const QByteArray& line : table.readAll().split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() >= 8 && fields.at(7) == wanted && fields.at(3) == "00010000")
            return true;
    }
    return false;
}

} // namespace

class TestLabUnix : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Lab 1 serves on a path, Lab 2 connects to it: bytes each way, and each terminal's
    // status shows the path where the kernel has it.
    void streamBetweenTerminals()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("lab.sock"));
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("socket unix")));
        const int server = lab.currentId();
        QCOMPARE(console.results.last(),
                 QStringLiteral("The AF_UNIX socket identifier is %1").arg(server));
        QCOMPARE(lab.sockets().value(server).domain, AF_UNIX);
        QVERIFY(console.type(QStringLiteral("bind . %1").arg(path)));
        QVERIFY(QFileInfo(path).exists());
        QCOMPARE(lastCall(lab, Call::Bind).arguments.address.host(), path);
        QVERIFY(console.type(QStringLiteral("listen . 5")));

        QVERIFY(console.type(QStringLiteral("terminal 2")));
        QVERIFY(console.type(QStringLiteral("socket unix")));
        const int client = lab.currentId();
        QVERIFY(console.type(QStringLiteral("connect . %1").arg(path)));
        QCOMPARE(console.results.last(), QStringLiteral("Connection established."));
        QCOMPARE(rowOf(lab, client).peer.host(), path);
        QVERIFY(console.type(QStringLiteral("status")));
        QVERIFY(console.results.last().contains(path));
        QVERIFY(console.results.last().contains(QStringLiteral("STREAM")));

        QVERIFY(console.type(QStringLiteral("terminal 1")));
        QVERIFY(console.type(QStringLiteral("accept .")));
        const int accepted = lab.currentId();
        QVERIFY(accepted != server);
        QVERIFY(console.results.contains(
            QStringLiteral("A connection from an unnamed AF_UNIX socket (no path) was received.")));
        const LabStatusRow row = rowOf(lab, accepted);
        QCOMPARE(row.domain, AF_UNIX);
        QCOMPARE(row.local.host(), path);
        QVERIFY(console.type(QStringLiteral("write . hello")));
        QCOMPARE(console.results.last(), QStringLiteral("Sent 5 bytes"));

        QVERIFY(console.type(QStringLiteral("terminal 2")));
        QVERIFY(console.type(QStringLiteral("read . 100")));
        QVERIFY(console.results.last().startsWith(QStringLiteral("Read 5 bytes")));
        QVERIFY(console.results.last().contains(QStringLiteral("hello")));
        QVERIFY(console.type(QStringLiteral("write . world")));
        QVERIFY(console.type(QStringLiteral("terminal 1")));
        QVERIFY(console.type(QStringLiteral("read . 100")));
        QVERIFY(console.results.last().contains(QStringLiteral("world")));
        QVERIFY(console.type(QStringLiteral("=")));
        const QString status = console.results.mid(console.results.size() - 4).join(u'\n');
        QVERIFY2(status.contains(QStringLiteral("(no path)")), qPrintable(status));
        QVERIFY(status.contains(QStringLiteral("unix")));
        QVERIFY2(console.errors.isEmpty(), qPrintable(console.errors.join(u'\n')));
    }

    // Two AF_UNIX datagram sockets: sendto a path, recvfrom says whose path sent it.
    void datagramsBetweenPaths()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString first = dir.filePath(QStringLiteral("a.sock"));
        const QString second = dir.filePath(QStringLiteral("b.sock"));
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("socket unixdgram")));
        const int receiver = lab.currentId();
        QCOMPARE(lab.sockets().value(receiver).type, SOCK_DGRAM);
        QVERIFY(console.type(QStringLiteral("bind . %1").arg(first)));
        QVERIFY(console.type(QStringLiteral("socket unixd")));
        QVERIFY(console.type(QStringLiteral("bind . %1").arg(second)));
        QVERIFY(console.type(QStringLiteral("sendto . %1 \"a letter\"").arg(first)));
        QCOMPARE(console.results.last(), QStringLiteral("Sent 8 bytes"));
        QCOMPARE(lastCall(lab, Call::SendTo).arguments.address.host(), first);
        QVERIFY(console.type(QStringLiteral("recvfrom %1 100").arg(receiver)));
        QVERIFY(console.results.contains(
            QStringLiteral("A message of length 8 bytes was received from %1.").arg(second)));
        QVERIFY(console.results.last().contains(QStringLiteral("a letter")));
        QCOMPARE(lastCall(lab, Call::RecvFrom).results.returnedAddress.host(), second);
        QCOMPARE(rowOf(lab, receiver).local.host(), first);
        QVERIFY(console.type(QStringLiteral("status")));
        QVERIFY(console.results.join(u'\n').contains(QStringLiteral("DGRAM")));
        QVERIFY2(console.errors.isEmpty(), qPrintable(console.errors.join(u'\n')));
        // Saved, the session reads back with its paths and replays to its end.
        QVERIFY(replayOf(lab));
    }

    // Asked for, the address of an AF_UNIX socket is a path and no port; a relative one is
    // the working directory's, as a program's.
    void promptedPathIsRelativeToTheWorkingDirectory()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString before = QDir::currentPath();
        QVERIFY(QDir::setCurrent(dir.path()));
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("socket unix")));
        QVERIFY(console.type(QStringLiteral("bind")));
        QVERIFY(console.type(QStringLiteral(".")));
        QCOMPARE(console.prompts.last(), QStringLiteral("Path? : "));
        QVERIFY(console.type(QStringLiteral("./rel.sock")));
        const bool made = QFileInfo::exists(dir.filePath(QStringLiteral("rel.sock")));
        QVERIFY(QDir::setCurrent(before));
        QVERIFY(made);
        QVERIFY(!console.prompts.contains(QStringLiteral("Port? : ")));
        QCOMPARE(lastCall(lab, Call::Bind).arguments.address.host(), QStringLiteral("./rel.sock"));
        QVERIFY2(console.errors.isEmpty(), qPrintable(console.errors.join(u'\n')));
    }

    // A path that sun_path cannot hold, or none, is refused before any call.
    void badPathsAreRefused_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("error");
        const QString tooLong = QStringLiteral("/") + QString(107, u'x');
        QTest::newRow("bind: empty")
            << QStringLiteral("bind . \"\"") << QStringLiteral("*** a path is needed");
        QTest::newRow("bind: 108 bytes")
            << QStringLiteral("bind . %1").arg(tooLong) << QStringLiteral("has 108 bytes");
        QTest::newRow("connect: 108 bytes")
            << QStringLiteral("connect . %1").arg(tooLong) << QStringLiteral("has 108 bytes");
        QTest::newRow("sendto: empty")
            << QStringLiteral("sendto . \"\" hi") << QStringLiteral("*** a path is needed");
    }

    void badPathsAreRefused()
    {
        QFETCH(QString, line);
        QFETCH(QString, error);
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("socket unixdgram")));
        const qsizetype calls = lab.session().log().calls().size();
        QVERIFY(console.type(line));
        QCOMPARE(lab.session().log().calls().size(), calls);
        QVERIFY(!console.errors.isEmpty());
        QVERIFY2(console.errors.last().contains(error), qPrintable(console.errors.last()));
    }

    // 107 bytes and the NUL fill sun_path: the call is made (the folder does not exist).
    void longestPathIsTried()
    {
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("socket unix")));
        const QString path = QStringLiteral("/nonexistent-socketscope/") + QString(82, u'x');
        QCOMPARE(path.size(), qsizetype(sizeof(sockaddr_un::sun_path) - 1));
        QVERIFY(console.type(QStringLiteral("bind . %1").arg(path)));
        QCOMPARE(countCalls(lab, Call::Bind), 1);
        QCOMPARE(lastCall(lab, Call::Bind).error, ENOENT);
    }

    // A file left by an earlier bind: EADDRINUSE, and the lab says how to remove it.
    void staleFileIsExplained()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("stale.sock"));
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("socket unix")));
        QVERIFY(console.type(QStringLiteral("bind . %1").arg(path)));
        QVERIFY(console.type(QStringLiteral("close .")));
        QVERIFY(QFileInfo::exists(path));
        QVERIFY(console.type(QStringLiteral("socket unix")));
        QVERIFY(console.type(QStringLiteral("bind . %1").arg(path)));
        QCOMPARE(lastCall(lab, Call::Bind).error, EADDRINUSE);
        QVERIFY(console.errors.last().contains(QStringLiteral("rm %1").arg(path)));
    }

    // socat, a program outside SocketScope, at the other end of a path: the lab dials the path
    // socat listens on, or serves one socat dials; a line each way, each as the other sent it.
    void socatAtTheOtherEnd_data()
    {
        QTest::addColumn<bool>("labServes");
        QTest::addRow("socat UNIX-LISTEN, the lab connects") << false;
        QTest::addRow("the lab listens, socat UNIX-CONNECT") << true;
    }
    void socatAtTheOtherEnd()
    {
        QFETCH(bool, labServes);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("peer.sock"));
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QProcess socat;
        const auto startSocat = [&](const QString& address) {
            socat.start(QStringLiteral("socat"), {QStringLiteral("-"), address});
            return socat.waitForStarted(60'000);
        };
        QVERIFY(console.type(QStringLiteral("socket unix")));
        const int listening = lab.currentId();
        if (labServes) {
            QVERIFY(console.type(QStringLiteral("bind . %1").arg(path)));
            QVERIFY(console.type(QStringLiteral("listen . 5")));
            QVERIFY(startSocat(QStringLiteral("UNIX-CONNECT:") + path));
            QVERIFY(console.type(QStringLiteral("accept .")));
            QVERIFY(lab.currentId() != listening);
        } else {
            QVERIFY(startSocat(QStringLiteral("UNIX-LISTEN:") + path));
            // socat has bound its path once the kernel lists a listening socket there.
            QVERIFY(QTest::qWaitFor([&] { return listensAt(path); }, 60'000));
            QVERIFY(console.type(QStringLiteral("connect . %1").arg(path)));
            QCOMPARE(console.results.last(), QStringLiteral("Connection established."));
            QCOMPARE(lastCall(lab, Call::Connect).arguments.address.host(), path);
        }
        QVERIFY(console.type(QStringLiteral("write . \"hello \"")));
        QCOMPARE(console.results.last(), QStringLiteral("Sent 6 bytes"));
        QByteArray heard;
        QVERIFY(QTest::qWaitFor(
            [&] {
                heard += socat.readAllStandardOutput();
                return heard.size() >= 6;
            },
            60'000));
        QCOMPARE(heard, QByteArray("hello\n"));
        socat.write("pong\n");
        QVERIFY(console.type(QStringLiteral("read . 100")));
        QVERIFY2(console.results.last().startsWith(QStringLiteral("Read 5 bytes")),
                 qPrintable(console.results.last()));
        const CallEvent read = lastCall(lab, Call::Read);
        QCOMPARE(read.results.data, QByteArray("pong\n"));
        QVERIFY(console.type(QStringLiteral("close .")));
        socat.closeWriteChannel();
        QVERIFY(socat.waitForFinished(60'000));
        QCOMPARE(socat.exitCode(), 0);
        QVERIFY2(console.errors.isEmpty(), qPrintable(console.errors.join(u'\n')));
    }

    void socket6IsNoUnixSocket()
    {
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        QVERIFY(console.type(QStringLiteral("socket6 unix")));
        QCOMPARE(countCalls(lab, Call::Socket), 0);
        QVERIFY(console.errors.last().contains(QStringLiteral("socket unix")));
    }

    // The forms: the socket form makes AF_UNIX sockets; bind asks a path, no port.
    void formsTakeAPath()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("form.sock"));
        LabSession lab(LabMode::Standard, labOptions());
        Console console(lab);
        LabCallForm form;
        QStringList echoed;
        QObject::connect(&form, &LabCallForm::lineMade, &lab,
                         [&lab](const LabLine& line) { lab.runLine(line); });
        QObject::connect(&lab, &LabSession::echoed,
                         [&echoed](const QString& line) { echoed << line; });
        form.setLab(&lab);
        form.show();
        const auto click = [&] {
            QSignalSpy ready(&lab, &LabSession::readyForInput);
            QTest::mouseClick(form.findChild<QPushButton*>(QStringLiteral("make")), Qt::LeftButton);
            const bool done = ready.wait(10'000) || !ready.isEmpty();
            form.refresh();
            return done;
        };
        form.setForm(LabCallForm::Form::Socket);
        form.findChild<QComboBox*>(QStringLiteral("family"))->setCurrentIndex(3);
        form.findChild<QComboBox*>(QStringLiteral("protocol"))->setCurrentIndex(1);
        QVERIFY(click());
        QCOMPARE(echoed.last(), QStringLiteral("socklab> socket unixdgram"));
        const int socket = lab.currentId();
        QCOMPARE(lab.sockets().value(socket).domain, AF_UNIX);
        QCOMPARE(lab.sockets().value(socket).type, SOCK_DGRAM);

        form.setForm(LabCallForm::Form::Bind);
        auto* host = form.findChild<QLineEdit*>(QStringLiteral("host"));
        QVERIFY(host->isVisibleTo(&form));
        QVERIFY(!form.findChild<QLineEdit*>(QStringLiteral("port"))->isVisibleTo(&form));
        host->setText(QString(120, u'x'));
        QVERIFY(!form.line());
        QVERIFY(form.errors().join(u' ').contains(QStringLiteral("has 120 bytes")));
        QCOMPARE(countCalls(lab, Call::Bind), 0);
        host->clear();
        QTest::keyClicks(host, path);
        QVERIFY2(form.errors().isEmpty(), qPrintable(form.errors().join(u' ')));
        QVERIFY(click());
        QCOMPARE(echoed.last(), QStringLiteral("socklab> bind %1 %2").arg(socket).arg(path));
        QVERIFY(QFileInfo::exists(path));
        QCOMPARE(rowOf(lab, socket).local.host(), path);
        QVERIFY2(console.errors.isEmpty(), qPrintable(console.errors.join(u'\n')));
    }
};

QTEST_MAIN(TestLabUnix)
#include "tst_labunix.moc"
