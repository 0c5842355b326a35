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
// from the calls (and said so). Packets are numbered with the calls as they arrive; the
// session links them to its calls (linkPackets) whenever either changes.
class PacketFlow : public QObject {
    Q_OBJECT
public:
    enum class Status { Starting, Capturing, Inferred };
    Q_ENUM(Status)

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

    Status status() const { return m_status; }
    bool isReady() const { return m_status != Status::Starting; }
    // Why packets are inferred (no permission, helper missing), empty when captured or chosen.
    QString inferredReason() const { return m_reason; }
    // The command that lets this user capture, when a missing permission is the reason.
    QString enableCommand() const
    {
        return m_capture.permissionMissing() ? PacketCapture::enableCommand(helperPath())
                                             : QString();
    }
    int linkType() const { return m_capture.linkType(); }

    // The calls' effect: inferred packets when not capturing.
    void onCallFinished(const CallEvent& call);
    // Writes out what the helper still holds; drained() follows (at once when inferring).
    void drain();
    const QList<PacketEvent>& packets() const { return m_packets; }

Q_SIGNALS:
    void ready();
    void packetsArrived();
    void drained();

private:
    void append(QList<PacketEvent> packets);
    void becomeInferred(const QString& reason);

    PacketCapture m_capture;
    PacketInference m_inference;
    Status m_status = Status::Inferred;
    QString m_reason;
    std::shared_ptr<std::atomic<qint64>> m_sequence;
    QList<PacketEvent> m_packets;
    std::function<bool(quint16)> m_isSessionPort;
    bool m_draining = false;
};

} // namespace SocketScope
