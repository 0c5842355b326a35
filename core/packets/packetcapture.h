#pragma once

#include "packets/packetevent.h"
#include "packets/pcapformat.h"

#include <QObject>
#include <QProcess>
#include <QSet>
#include <QStringList>
#include <QTimer>

namespace SocketScope {

// Runs the capture helper (socketscope-capture, the only program that may hold CAP_NET_RAW)
// and turns its pcap stream into decoded packets with CLOCK_MONOTONIC times, comparable
// with the calls'. The app itself never needs a privilege.
class PacketCapture : public QObject {
    Q_OBJECT
public:
    enum class Status { Idle, Starting, Capturing, Unavailable, Stopped };
    Q_ENUM(Status)

    // The helper captures on loopback, and on the interfaces named (for the addresses they
    // hold), the session's ports only.
    struct Request {
        QStringList hosts;      // loopback addresses; the helper validates them again
        QList<quint16> ports;   // known at the start; more are added as the session learns them
        QStringList interfaces; // beyond loopback; the helper checks the system has them
    };

    explicit PacketCapture(QObject* parent = nullptr);
    ~PacketCapture() override;

    // Next to the running program; SOCKETSCOPE_CAPTURE_HELPER names another one.
    static QString defaultHelperPath();
    // The one command that lets this user capture without running SocketScope as root.
    static QString enableCommand(const QString& helperPath);

    void setHelperPath(const QString& path) { m_helperPath = path; }
    QString helperPath() const { return m_helperPath; }
    Status status() const { return m_status; }
    QString unavailableReason() const { return m_reason; }
    // The helper is there but may not capture: enableCommand() is the remedy.
    bool permissionMissing() const { return m_permissionMissing; }
    int linkType() const { return m_reader.linkType(); }

    void start(const Request& request);
    // Adds a port to the filter; portsApplied() follows once the helper holds every port
    // asked for.
    void addPort(quint16 port);
    // Captures on more interfaces from now on: the helper is run again with them (it gave
    // up the capability it would need), and portsApplied() follows once it captures. An
    // interface it refuses is left out, and said by refusedInterfaces().
    void addInterfaces(const QStringList& names);
    bool hasPendingPorts() const { return !m_pendingPorts.isEmpty() || m_restart != Restart::None; }
    // Beyond loopback, the interfaces captured (or being added).
    QStringList interfaces() const { return m_interfaces; }
    QString refusedInterfaces() const { return m_refused; }
    // Asks the helper to write what it has and end; stopped() follows.
    void stop();
    // Ends the helper at once, dropping what it has not sent yet.
    void abandon();

Q_SIGNALS:
    void capturing();
    void unavailable(const QString& reason);
    void packetsCaptured(QList<SocketScope::PacketEvent> packets);
    void portsApplied();
    void interfacesChanged();
    void stopped();

private:
    // Running the helper again with another interface: the old one ends first (no packet
    // twice), then the new one starts; when it refuses, the previous interfaces come back.
    enum class Restart { None, StoppingOld, StartingNew, StartingPrevious };

    void launch();
    void continueRestart(int exitCode, QProcess::ExitStatus exitStatus);
    void finishRestart();
    void readStream();
    void readMessages();
    void onFinished(int exitCode, QProcess::ExitStatus exitStatus);
    void onErrorOccurred(QProcess::ProcessError error);
    void setUnavailable(const QString& reason);

    QString m_helperPath;
    QProcess* m_process = nullptr;
    PcapReader m_reader;
    Status m_status = Status::Idle;
    QString m_reason;
    bool m_permissionMissing = false;
    qint64 m_realtimeMinusMonotonicNs = 0;
    QTimer m_startTimeout;
    QTimer m_stopTimeout;
    QTimer m_portTimeout;         // a port asked for and not taken in time: the helper is stuck
    QSet<quint16> m_ports;        // asked for, acknowledged or not
    QSet<quint16> m_pendingPorts; // asked for, not acknowledged yet
    QByteArray m_stderr;          // the helper's stderr not read as lines yet
    QByteArray m_messages;        // what it said there besides acknowledgements
    QStringList m_hosts;
    QStringList m_interfaces;
    QStringList m_added;   // those the restart under way adds
    QStringList m_waiting; // asked for while a new helper starts: the next restart adds them
    QString m_refused;     // interfaces the helper would not capture on, and why
    Restart m_restart = Restart::None;
};

} // namespace SocketScope
