#pragma once

#include "packets/packetevent.h"
#include "packets/pcapformat.h"

#include <QObject>
#include <QProcess>
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

    // The helper captures on loopback only.
    struct Request {
        QStringList hosts;    // loopback addresses; the helper validates them again
        QList<quint16> ports; // empty: any port (the session's are not known yet)
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
    // Asks the helper to write what it has and end; stopped() follows.
    void stop();
    // Ends the helper at once, dropping what it has not sent yet.
    void abandon();

Q_SIGNALS:
    void capturing();
    void unavailable(const QString& reason);
    void packetsCaptured(QList<SocketScope::PacketEvent> packets);
    void stopped();

private:
    void readStream();
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
};

} // namespace SocketScope
