#include "sources/tracecapturefollower.h"

#include "kernel/networkinterfaces.h"

namespace SocketScope {

TraceCaptureFollower::TraceCaptureFollower(PacketFlow& flow, Release release)
    : m_flow(flow)
    , m_release(std::move(release))
{
    // Other programs' loopback packets on the same ports' neighbours are not the session's.
    m_flow.setSessionPortTest([this](quint16 port) { return m_ports.contains(port); });
}

void TraceCaptureFollower::follow(const SocketAddress& address, bool bound)
{
    const quint16 port = address.port();
    if (!m_ports.contains(port)) {
        m_ports.insert(port);
        m_flow.followPort(port);
    }
    const QStringList interfaces =
        bound ? NetworkInterfaces::forLocal(address) : NetworkInterfaces::towards(address);
    if (!interfaces.isEmpty())
        m_flow.followInterfaces(interfaces);
}

void TraceCaptureFollower::hold(int tracer, qint64 id)
{
    m_holds.append({tracer, id});
    releaseHolds();
}

void TraceCaptureFollower::releaseHolds()
{
    if (m_flow.status().kind == CaptureStatus::Kind::Captured && m_flow.isFollowingPorts())
        return;
    for (const auto& [tracer, id] : std::exchange(m_holds, {}))
        m_release(tracer, id);
}

void TraceCaptureFollower::reset()
{
    m_ports.clear();
    m_holds.clear();
}

bool TraceCaptureFollower::capturesPort(quint16 port) const
{
    return m_ports.contains(port) && m_flow.status().kind == CaptureStatus::Kind::Captured &&
           !m_flow.isFollowingPorts();
}

} // namespace SocketScope
