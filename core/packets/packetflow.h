#pragma once

#include "packets/packetcapture.h"
#include "packets/packetinference.h"

#include <QObject>

#include <atomic>
#include <functional>
#include <memory>

namespace SocketScope {

enum class CaptureMode {
    InferOnly,          // never start the helper: every packet is inferred from the calls
    CaptureIfPermitted, // capture real packets; infer them when capture is not permitted
};

// The packets of one session: captured by the helper when permitted, otherwise inferred
// from the calls (and said so). Packets are numbered with the calls as they arrive and handed
// on (packetsArrived); the event log keeps them and links them to its calls.
class PacketFlow : public QObject {
    Q_OBJECT
public:
    explicit PacketFlow(QObject* parent = nullptr);

    void setHelperPath(const QString& path) { m_capture.setHelperPath(path); }
    QString helperPath() const { return m_capture.helperPath(); }

    // Starts over for a new run; ready() follows once packets can be seen (at once when
    // inferring).
    void restart(CaptureMode mode, const PacketCapture::Request& request,
                 std::shared_ptr<std::atomic<qint64>> sequence);
    // Which captured packets are the session's (by port): the others are dropped as they
    // arrive, so that other programs' loopback traffic is neither kept nor numbered.
    void setSessionPortTest(std::function<bool(quint16)> isSessionPort)
    {
        m_isSessionPort = std::move(isSessionPort);
    }
    void stop();
    // A port the session uses, learned as it goes (the one the system chose at bind()):
    // the capture takes it from now on. portsFollowed() says when the helper holds them all.
    void followPort(quint16 port);
    bool isFollowingPorts() const { return m_capture.hasPendingPorts(); }
    // Interfaces beyond loopback a session's socket uses: captured from now on, once
    // portsFollowed() says so.
    void followInterfaces(const QStringList& names);

    // Captured or inferred, why, and the one command that lets this user capture when a
    // missing permission is the reason.
    CaptureStatus status() const;
    bool isReady() const { return m_status != CaptureStatus::Kind::Starting; }

    // The calls' effect: inferred packets when not capturing.
    void onCallFinished(const CallEvent& call);
    void onProcessEnd(const ProcessEnd& end);
    // Writes out what the helper still holds; drained() follows (at once when inferring).
    void drain();

Q_SIGNALS:
    void ready();
    void statusChanged();
    void packetsArrived(const QList<SocketScope::PacketEvent>& packets);
    void portsFollowed();
    void drained();

private:
    void append(QList<PacketEvent> packets);
    void becomeInferred(const QString& reason);

    PacketCapture m_capture;
    PacketInference m_inference;
    CaptureStatus::Kind m_status = CaptureStatus::Kind::Inferred;
    QString m_reason;
    std::shared_ptr<std::atomic<qint64>> m_sequence;
    std::function<bool(quint16)> m_isSessionPort;
    bool m_draining = false;
};

} // namespace SocketScope
