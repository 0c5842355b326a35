#pragma once

#include "calls/socketaddress.h"
#include "packets/packetflow.h"

#include <QList>
#include <QSet>

#include <functional>
#include <utility>

namespace SocketScope {

// The capture follows the traced programs: it takes the ports of the addresses they reach or
// bind (the tracer's reach messages), and the calls the tracers hold meanwhile go on once it
// does, or once it has stopped.
class TraceCaptureFollower {
public:
    // Lets tracer `tracer`'s held call `id` go on.
    using Release = std::function<void(int tracer, qint64 id)>;

    // Tells `flow` which ports are the session's (those followed).
    TraceCaptureFollower(PacketFlow& flow, Release release);
    TraceCaptureFollower(const TraceCaptureFollower&) = delete;
    TraceCaptureFollower& operator=(const TraceCaptureFollower&) = delete;

    void follow(const SocketAddress& address, bool bound);
    // The tracer holds the call until the capture takes its port.
    void hold(int tracer, qint64 id);
    // The held calls go on, unless the capture is still taking a port followed (one that has
    // stopped holds none back).
    void releaseHolds();
    // Once every helper has ended: no call is left to let go.
    void forgetHolds() { m_holds.clear(); }
    // A new run: no port known yet.
    void reset();
    // The capture takes packets to and from `port` now.
    bool capturesPort(quint16 port) const;

private:
    PacketFlow& m_flow;
    Release m_release;
    QSet<quint16> m_ports;                 // those the programs reached or bound
    QList<std::pair<int, qint64>> m_holds; // tracer and call id
};

} // namespace SocketScope
