#include "packets/packetcapture.h"

#include "engine/siblingprogram.h"
#include "logging.h"
#include "packets/packetdecoder.h"

#include <QFileInfo>

#include <ctime>
#include <limits>

namespace SocketScope {

namespace {

// Exit codes of socketscope-capture (capture/main.cpp).
constexpr int helperBadArguments = 2;
constexpr int helperNoPermission = 3;
constexpr int stopTimeoutMs = 2000;
constexpr int startTimeoutMs = 5000;
constexpr int portTimeoutMs = 3000;

qint64 nowNs(clockid_t clock)
{
    timespec now{};
    clock_gettime(clock, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

// pcap timestamps are wall-clock time; the calls' are CLOCK_MONOTONIC. The offset is read
// between two monotonic readings; the closest pair of a few tries bounds its error.
qint64 realtimeMinusMonotonicNs()
{
    qint64 best = 0;
    qint64 bestGap = std::numeric_limits<qint64>::max();
    for (int i = 0; i < 5; ++i) {
        const qint64 before = nowNs(CLOCK_MONOTONIC);
        const qint64 real = nowNs(CLOCK_REALTIME);
        const qint64 after = nowNs(CLOCK_MONOTONIC);
        if (after - before < bestGap) {
            bestGap = after - before;
            best = real - (before + (after - before) / 2);
        }
    }
    return best;
}

} // namespace

PacketCapture::PacketCapture(QObject* parent)
    : QObject(parent)
    , m_helperPath(defaultHelperPath())
{
    qRegisterMetaType<PacketEvent>();
    m_startTimeout.setSingleShot(true);
    connect(&m_startTimeout, &QTimer::timeout, this, [this] {
        abandon();
        setUnavailable(tr("The capture helper did not start capturing within %1 s.")
                           .arg(startTimeoutMs / 1000));
    });
    m_portTimeout.setSingleShot(true);
    connect(&m_portTimeout, &QTimer::timeout, this, [this] {
        const bool restarting = m_restart != Restart::None;
        abandon();
        setUnavailable(
            restarting
                ? tr("The capture helper did not start again on the new interface within %1 s.")
                      .arg(portTimeoutMs / 1000)
                : tr("The capture helper did not take the session's new port within %1 s.")
                      .arg(portTimeoutMs / 1000));
    });
    m_stopTimeout.setSingleShot(true);
    connect(&m_stopTimeout, &QTimer::timeout, this, [this] {
        abandon(); // it did not end in time: what it still holds is lost
        m_status = Status::Stopped;
        Q_EMIT stopped();
    });
}

PacketCapture::~PacketCapture()
{
    abandon();
}

QString PacketCapture::defaultHelperPath()
{
    return siblingProgram("SOCKETSCOPE_CAPTURE_HELPER", QStringLiteral("socketscope-capture"));
}

QString PacketCapture::enableCommand(const QString& helperPath)
{
    // Quoted for the shell the user pastes it in: a path may hold spaces.
    QString path = QFileInfo(helperPath).absoluteFilePath();
    path.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QStringLiteral("sudo setcap cap_net_raw+ep '%1'").arg(path);
}

void PacketCapture::start(const Request& request)
{
    abandon();
    m_reason.clear();
    m_permissionMissing = false;
    m_pendingPorts.clear();
    m_ports = QSet<quint16>(request.ports.cbegin(), request.ports.cend());
    m_hosts = request.hosts;
    m_interfaces = request.interfaces;
    m_refused.clear();
    m_status = Status::Starting;
    launch();
    m_startTimeout.start(startTimeoutMs);
}

// The helper with the hosts, interfaces and ports known now.
void PacketCapture::launch()
{
    m_reader = PcapReader();
    m_stderr.clear();
    m_messages.clear();
    m_realtimeMinusMonotonicNs = realtimeMinusMonotonicNs();
    QStringList arguments;
    for (const QString& host : std::as_const(m_hosts))
        arguments << QStringLiteral("--host") << host;
    for (const QString& name : std::as_const(m_interfaces))
        arguments << QStringLiteral("--interface") << name;
    for (const quint16 port : std::as_const(m_ports))
        arguments << QStringLiteral("--port") << QString::number(port);
    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &PacketCapture::readStream);
    connect(m_process, &QProcess::readyReadStandardError, this, &PacketCapture::readMessages);
    connect(m_process, &QProcess::finished, this, &PacketCapture::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, &PacketCapture::onErrorOccurred);
    // Arguments go to the program directly: no shell ever sees them.
    qCDebug(lcCapture) << "starting" << m_helperPath << arguments;
    m_process->start(m_helperPath, arguments);
}

void PacketCapture::addInterfaces(const QStringList& names)
{
    QStringList added;
    for (const QString& name : names) {
        if (!m_interfaces.contains(name) && !m_waiting.contains(name) && !added.contains(name))
            added << name;
    }
    if (!m_process || added.isEmpty())
        return;
    if (m_restart == Restart::StoppingOld) { // the next helper takes them too
        m_interfaces << added;
        m_added << added;
        return;
    }
    if (m_restart != Restart::None) {
        m_waiting << added;
        return;
    }
    m_interfaces << added;
    m_added = added;
    m_restart = Restart::StoppingOld;
    m_portTimeout.start(portTimeoutMs);
    qCDebug(lcCapture) << "capturing on" << added << "too: running the helper again";
    Q_EMIT interfacesChanged();
    m_process->closeWriteChannel(); // it writes what it has and ends: onFinished() goes on
}

// One helper of a restart ended: the old one (start the new), or a new one that would not
// capture (go back to the interfaces before).
void PacketCapture::continueRestart(int exitCode, QProcess::ExitStatus exitStatus)
{
    const QString message = QString::fromLocal8Bit(m_messages + m_stderr).trimmed();
    QProcess* ended = std::exchange(m_process, nullptr);
    ended->disconnect(this);
    ended->deleteLater(); // this runs inside its finished() signal
    if (m_restart == Restart::StoppingOld) {
        m_restart = Restart::StartingNew;
        launch();
        return;
    }
    const bool refused = exitStatus == QProcess::NormalExit && exitCode == helperBadArguments;
    if (m_restart == Restart::StartingNew && refused) {
        for (const QString& name : std::as_const(m_added))
            m_interfaces.removeAll(name);
        m_refused = QStringLiteral("%1 (%2)").arg(m_added.join(QLatin1String(", ")), message);
        m_restart = Restart::StartingPrevious;
        Q_EMIT interfacesChanged();
        launch();
        return;
    }
    m_restart = Restart::None;
    m_pendingPorts.clear();
    m_portTimeout.stop();
    setUnavailable(tr("The capture helper stopped when run again (%1).")
                       .arg(message.isEmpty() ? tr("exit code %1").arg(exitCode) : message));
}

// The new helper captures: the step that waited for it goes.
void PacketCapture::finishRestart()
{
    m_restart = Restart::None;
    m_pendingPorts.clear(); // the new helper was given every port as an argument
    m_portTimeout.stop();
    // Those asked for meanwhile: one more restart, and the step still waits.
    addInterfaces(std::exchange(m_waiting, {}));
    if (m_restart != Restart::None)
        return;
    Q_EMIT interfacesChanged();
    Q_EMIT portsApplied();
}

void PacketCapture::addPort(quint16 port)
{
    if (!m_process || port == 0 || m_ports.contains(port))
        return;
    m_ports.insert(port);
    if (m_restart == Restart::StoppingOld)
        return; // the next helper gets it as an argument
    if (m_pendingPorts.isEmpty())
        m_portTimeout.start(portTimeoutMs);
    m_pendingPorts.insert(port);
    qCDebug(lcCapture) << "asking the helper for port" << port;
    m_process->write("port " + QByteArray::number(port) + '\n');
}

// The helper's stderr: "port N" acknowledgements, and anything else it says (kept for the
// message when it stops).
void PacketCapture::readMessages()
{
    if (!m_process)
        return;
    m_stderr += m_process->readAllStandardError();
    qsizetype end = 0;
    bool applied = false;
    while ((end = m_stderr.indexOf('\n')) >= 0) {
        const QByteArray line = m_stderr.left(end);
        m_stderr.remove(0, end + 1);
        bool number = false;
        const uint port = line.startsWith("port ") ? line.mid(5).toUInt(&number) : 0;
        if (number && port <= 0xffff && m_pendingPorts.remove(quint16(port)))
            applied = true;
        else
            m_messages += line + '\n';
    }
    if (applied && m_pendingPorts.isEmpty()) {
        m_portTimeout.stop();
        Q_EMIT portsApplied();
    }
}

void PacketCapture::stop()
{
    if (!m_process)
        return;
    m_process->closeWriteChannel(); // end of file on its stdin: it drains and exits
    m_stopTimeout.start(stopTimeoutMs);
}

void PacketCapture::abandon()
{
    m_startTimeout.stop();
    m_stopTimeout.stop();
    m_portTimeout.stop();
    m_restart = Restart::None;
    m_waiting.clear();
    if (!m_process)
        return;
    QProcess* process = m_process;
    m_process = nullptr;
    process->disconnect(this);
    process->kill();
    process->waitForFinished(stopTimeoutMs);
    process->deleteLater(); // this may run inside one of its signals
    if (m_status == Status::Starting || m_status == Status::Capturing)
        m_status = Status::Stopped;
    m_pendingPorts.clear();
}

void PacketCapture::readStream()
{
    if (!m_process)
        return;
    m_reader.feed(m_process->readAllStandardOutput());
    if (!m_reader.error().isEmpty()) {
        const QString reason = tr("The capture helper sent a stream SocketScope cannot read: %1")
                                   .arg(m_reader.error());
        abandon();
        setUnavailable(reason);
        return;
    }
    if (m_status == Status::Starting && m_reader.hasHeader()) {
        m_startTimeout.stop();
        m_status = Status::Capturing;
        qCDebug(lcCapture) << "capturing, link type" << m_reader.linkType();
        Q_EMIT capturing();
    }
    if (m_restart != Restart::None && m_restart != Restart::StoppingOld && m_reader.hasHeader())
        finishRestart();
    // Measured again each time: a suspend or a clock step moves one clock and not the other.
    m_realtimeMinusMonotonicNs = realtimeMinusMonotonicNs();
    QList<PacketEvent> packets;
    for (const PcapRecord& record : m_reader.takeRecords()) {
        PacketEvent packet;
        packet.captureTimeNs = record.timeNs;
        packet.tNs = record.timeNs - m_realtimeMinusMonotonicNs;
        packet.linkType = m_reader.linkType();
        packet.frame = record.data;
        packet.originalLength = record.originalLength;
        packet.decoded = decodeFrame(packet.linkType, record.data);
        packets.append(packet);
    }
    if (!packets.isEmpty())
        Q_EMIT packetsCaptured(packets);
}

void PacketCapture::onFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    readStream();
    readMessages();
    // A helper that never captured says why as at any start (no permission...).
    if (m_restart != Restart::None && m_status != Status::Starting) {
        continueRestart(exitCode, exitStatus);
        return;
    }
    const QString message = QString::fromLocal8Bit(m_messages + m_stderr).trimmed();
    const Status before = m_status;
    abandon();
    if (before == Status::Starting) {
        m_permissionMissing = exitStatus == QProcess::NormalExit && exitCode == helperNoPermission;
        if (m_permissionMissing)
            setUnavailable(tr("SocketScope may not capture packets here: the capture helper "
                              "needs to run as root or to have the CAP_NET_RAW capability."));
        else if (exitStatus == QProcess::NormalExit && exitCode == helperBadArguments)
            setUnavailable(
                tr("The capture helper refused what SocketScope asked for (%1).").arg(message));
        else
            setUnavailable(
                tr("The capture helper stopped before capturing (%1).")
                    .arg(message.isEmpty() ? tr("exit code %1").arg(exitCode) : message));
        return;
    }
    m_status = Status::Stopped;
    Q_EMIT stopped();
}

void PacketCapture::onErrorOccurred(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart || !m_process)
        return;
    const QString reason = tr("The capture helper %1 could not be started: %2")
                               .arg(m_helperPath, m_process->errorString());
    abandon();
    setUnavailable(reason);
}

void PacketCapture::setUnavailable(const QString& reason)
{
    // A helper that cannot capture holds no port back.
    m_pendingPorts.clear();
    m_portTimeout.stop();
    qCDebug(lcCapture) << "no capture:" << reason;
    m_status = Status::Unavailable;
    m_reason = reason;
    Q_EMIT unavailable(reason);
}

} // namespace SocketScope
