#pragma once

#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTest>

#include <unistd.h>

// Another machine for the tests, made of a network namespace joined to this one by a veth
// pair: this side holds hostAddress on hostInterface, the namespace peerAddress. Made with
// ip(8) given argument lists (no shell); removed, with the pair, when it goes out of scope.
namespace SocketScope::TestPeerNamespace {

struct IpRun {
    bool ok = false;
    QString error;
};

inline IpRun ip(const QStringList& arguments)
{
    QProcess process;
    process.start(QStandardPaths::findExecutable(QStringLiteral("ip")), arguments);
    IpRun run;
    if (!process.waitForFinished(30'000)) {
        process.kill();
        process.waitForFinished();
        run.error = QStringLiteral("ip %1 did not end").arg(arguments.join(QLatin1Char(' ')));
        return run;
    }
    run.ok = process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    run.error = QString::fromLocal8Bit(process.readAllStandardError()).trimmed();
    return run;
}

class PeerNamespace {
public:
    PeerNamespace()
    {
        // Names of this test process only, so that two runs never share one.
        const QString id = QString::number(getpid() % 100000);
        name = QStringLiteral("socketscope-test-") + id;
        hostInterface = QStringLiteral("ssc") + id + QLatin1Char('a');
        m_peerInterface = QStringLiteral("ssc") + id + QLatin1Char('b');
        const QString net = QStringLiteral("10.231.%1.").arg(getpid() % 250);
        hostAddress = net + QLatin1Char('1');
        peerAddress = net + QLatin1Char('2');
    }
    ~PeerNamespace()
    {
        if (!m_made)
            return;
        ip({QStringLiteral("netns"), QStringLiteral("del"), name}); // takes its end of the pair
        ip({QStringLiteral("link"), QStringLiteral("del"), hostInterface});
    }
    PeerNamespace(const PeerNamespace&) = delete;
    PeerNamespace& operator=(const PeerNamespace&) = delete;

    // Empty when made; otherwise why not (no ip, no privilege).
    QString make()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("ip")).isEmpty())
            return QStringLiteral("ip (iproute2) is not installed");
        if (geteuid() != 0)
            return QStringLiteral("making a network namespace needs root");
        const QString inside = QStringLiteral("netns");
        const QList<QStringList> steps{
            {inside, QStringLiteral("add"), name},
            {QStringLiteral("link"), QStringLiteral("add"), hostInterface, QStringLiteral("type"),
             QStringLiteral("veth"), QStringLiteral("peer"), QStringLiteral("name"),
             m_peerInterface, inside, name},
            {QStringLiteral("addr"), QStringLiteral("add"), hostAddress + QStringLiteral("/30"),
             QStringLiteral("dev"), hostInterface},
            {QStringLiteral("link"), QStringLiteral("set"), hostInterface, QStringLiteral("up")},
            {inside, QStringLiteral("exec"), name, QStringLiteral("ip"), QStringLiteral("addr"),
             QStringLiteral("add"), peerAddress + QStringLiteral("/30"), QStringLiteral("dev"),
             m_peerInterface},
            {inside, QStringLiteral("exec"), name, QStringLiteral("ip"), QStringLiteral("link"),
             QStringLiteral("set"), m_peerInterface, QStringLiteral("up")},
        };
        for (const QStringList& step : steps) {
            const IpRun run = ip(step);
            m_made = true; // whatever part of it exists is removed
            if (!run.ok)
                return QStringLiteral("ip %1: %2").arg(step.join(QLatin1Char(' ')), run.error);
        }
        return {};
    }

    // A program run inside the namespace.
    QStringList inside(const QStringList& command) const
    {
        return QStringList{QStringLiteral("netns"), QStringLiteral("exec"), name} + command;
    }

    QString name;
    QString hostInterface;
    QString hostAddress;
    QString peerAddress;

private:
    QString m_peerInterface;
    bool m_made = false;
};

} // namespace SocketScope::TestPeerNamespace
