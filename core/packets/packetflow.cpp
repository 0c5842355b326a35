#include "packets/packetflow.h"

namespace SocketScope {

PacketFlow::PacketFlow(QObject* parent)
    : QObject(parent)
{
    connect(&m_capture, &PacketCapture::capturing, this, [this] {
        m_status = CaptureStatus::Kind::Captured;
        Q_EMIT statusChanged();
        Q_EMIT ready();
    });
    connect(&m_capture, &PacketCapture::unavailable, this, &PacketFlow::becomeInferred);
    connect(&m_capture, &PacketCapture::packetsCaptured, this, &PacketFlow::append);
    connect(&m_capture, &PacketCapture::portsApplied, this, &PacketFlow::portsFollowed);
    connect(&m_capture, &PacketCapture::interfacesChanged, this, &PacketFlow::statusChanged);
    connect(&m_capture, &PacketCapture::stopped, this, [this] {
        if (std::exchange(m_draining, false))
            Q_EMIT drained();
        else
            becomeInferred(tr("The capture helper ended during the session."));
    });
}

void PacketFlow::restart(CaptureMode mode, const PacketCapture::Request& request,
                         std::shared_ptr<std::atomic<qint64>> sequence)
{
    m_capture.abandon();
    m_inference = PacketInference();
    m_reason.clear();
    m_draining = false;
    m_sequence = std::move(sequence);
    if (mode == CaptureMode::InferOnly) {
        m_status = CaptureStatus::Kind::Inferred;
        Q_EMIT statusChanged();
        return;
    }
    m_status = CaptureStatus::Kind::Starting;
    Q_EMIT statusChanged();
    m_capture.start(request);
}

void PacketFlow::stop()
{
    m_capture.abandon();
    m_draining = false;
}

void PacketFlow::followPort(quint16 port)
{
    if (m_status != CaptureStatus::Kind::Inferred)
        m_capture.addPort(port);
}

void PacketFlow::followInterfaces(const QStringList& names)
{
    if (m_status != CaptureStatus::Kind::Inferred)
        m_capture.addInterfaces(names);
}

void PacketFlow::becomeInferred(const QString& reason)
{
    const bool wasStarting = m_status == CaptureStatus::Kind::Starting;
    m_status = CaptureStatus::Kind::Inferred;
    m_reason = reason;
    Q_EMIT statusChanged();
    if (wasStarting)
        Q_EMIT ready();
    if (std::exchange(m_draining, false))
        Q_EMIT drained();
}

void PacketFlow::onCallFinished(const CallEvent& call)
{
    // Inference follows every call, so that it can take over if the helper dies.
    QList<PacketEvent> inferred = m_inference.packetsFor(call);
    if (m_status == CaptureStatus::Kind::Inferred)
        append(std::move(inferred));
}

void PacketFlow::onProcessEnd(const ProcessEnd& end)
{
    QList<PacketEvent> inferred = m_inference.packetsFor(end);
    if (m_status == CaptureStatus::Kind::Inferred)
        append(std::move(inferred));
}

void PacketFlow::drain()
{
    if (m_status != CaptureStatus::Kind::Captured) {
        Q_EMIT drained();
        return;
    }
    m_draining = true;
    m_capture.stop();
}

CaptureStatus PacketFlow::status() const
{
    const bool permission = m_capture.permissionMissing();
    const bool captured = m_status == CaptureStatus::Kind::Captured;
    return CaptureStatus{m_status, m_reason,
                         permission ? PacketCapture::enableCommand(helperPath()) : QString(),
                         captured ? m_capture.interfaces() : QStringList(),
                         captured ? m_capture.refusedInterfaces() : QString()};
}

void PacketFlow::append(QList<PacketEvent> packets)
{
    if (packets.isEmpty() || !m_sequence)
        return;
    QList<PacketEvent> kept;
    for (PacketEvent& packet : packets) {
        if (!packet.inferred && m_isSessionPort && !m_isSessionPort(packet.decoded.source.port()) &&
            !m_isSessionPort(packet.decoded.destination.port()))
            continue;
        packet.seq = m_sequence->fetch_add(1);
        kept.append(packet);
    }
    if (!kept.isEmpty())
        Q_EMIT packetsArrived(kept);
}

} // namespace SocketScope
