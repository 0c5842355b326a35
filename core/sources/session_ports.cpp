#include "calls/byteorder.h"
#include "kernel/networkinterfaces.h"
#include "kernel/portprobe.h"
#include "kernel/privileges.h"
#include "logging.h"
#include "sources/session.h"

#include <algorithm>
#include <utility>

// The session's ports: the one "$port" stands for, a written port another program holds, and
// the ports (and interfaces beyond loopback) the capture must take before the next call.
namespace SocketScope {

// The course's port may still be held (TIME_WAIT of the last run, another program): then the
// run uses another one rather than failing with EADDRINUSE. A port the user asked for is used
// as asked. What to tell the user, or nothing.
QString Session::chooseServicePort()
{
    m_servicePort = m_options.port.value_or(m_scenario.defaultPort);
    m_busyDefaultPort = 0;
    m_swappedPortHold = {};
    if (m_options.port)
        return {};
    if (m_dialsPortWithoutHtons)
        return choosePortPairWithoutHtons();
    if (m_servicePort == 0 || loopbackPortIsFree(m_servicePort))
        return {};
    m_busyDefaultPort = std::exchange(m_servicePort, 0);
    return tr("Port %1 is still busy (a previous run keeps it in TIME_WAIT for about a minute): "
              "this run lets the system choose a free port.")
        .arg(m_busyDefaultPort);
}

// A client that forgot htons() must find nobody on the byte-swapped port, whatever else runs
// on the machine: the server's port is one whose swapped twin is free too, which the system
// cannot be asked to choose, and the twin is held for the run so that nobody listens there
// meanwhile (a server bound to port 0 elsewhere may land on it).
QString Session::choosePortPairWithoutHtons()
{
    const quint16 wanted = m_servicePort;
    for (quint32 from = wanted; from < 65536; from = quint32(m_servicePort) + 1) {
        m_servicePort = freePortWithFreeSwappedTwin(quint16(from));
        if (m_servicePort == 0)
            break;
        m_swappedPortHold = LoopbackPortHold(ByteOrder::portWithoutHtons(m_servicePort));
        if (m_swappedPortHold.isHeld())
            break;
    }
    if (wanted == 0 || m_servicePort == wanted || m_servicePort == 0)
        return {};
    m_busyDefaultPort = wanted;
    return tr("Port %1, or port %2 that a client without htons() dials, is held by another "
              "program: this run uses port %3, dialled without htons() as %4.")
        .arg(wanted)
        .arg(ByteOrder::portWithoutHtons(wanted))
        .arg(m_servicePort)
        .arg(ByteOrder::portWithoutHtons(m_servicePort));
}

// A port the scenario writes (not "$port") that another program holds, while this process
// may bind it: the run uses a free one of the same kind instead, and says so. (Without the
// privilege, a port below 1024 fails with EACCES whoever holds it: that is the lesson.)
QString Session::remapBusyPorts()
{
    m_portRemap.clear();
    QStringList said;
    for (const ScenarioStep& step : m_scenario.steps) {
        if (!step.usesServicePort && step.port != 0 && !m_portRemap.contains(step.port))
            said << remapIfBusy(step.port);
    }
    said.removeAll(QString());
    return said.join(QLatin1Char(' '));
}

// Moves the scenario's `port` to a free port of the same kind when the one it stands for now
// is taken; what to tell the user, or nothing.
QString Session::remapIfBusy(quint16 port)
{
    const quint16 now = m_portRemap.value(port, port);
    if (!mayBindPort(now) || loopbackPortIsFree(now))
        return {};
    const quint16 low = port < 1024 ? 512 : 1024;
    const quint16 high = port < 1024 ? 1023 : 65535;
    for (quint32 candidate = high; candidate >= low; --candidate) {
        if (candidate != port && candidate != now && loopbackPortIsFree(quint16(candidate))) {
            m_portRemap.insert(port, quint16(candidate));
            return tr("Port %1 is held by another program: this run uses port %2 instead.")
                .arg(now)
                .arg(candidate);
        }
    }
    return {};
}

// Just before a bind() to a port the scenario writes, since another program may have taken
// it since the run began (a second copy of the same lesson): false when the step must wait
// for the capture to take the port used instead.
bool Session::bindPortStillFree(int index)
{
    const ScenarioStep& step = m_scenario.steps.at(index);
    // The lab binds the port the user typed: a busy one is the lesson (EADDRINUSE).
    if (m_options.openEnded || step.call != Call::Bind || step.usesServicePort || step.port == 0)
        return true;
    // Held by a socket of this run: the lesson may be that bind() fails.
    const quint16 now = runStep(index).port;
    const QList<CallEvent>& calls = log().calls();
    if (std::any_of(calls.cbegin(), calls.cend(), [now](const CallEvent& call) {
            return call.call == Call::Bind && !call.failed() && call.after.local.port() == now;
        }))
        return true;
    const QString said = remapIfBusy(step.port);
    if (said.isEmpty())
        return true;
    writableLog().setNotice(QStringList{log().notice(), said}.join(QLatin1Char(' ')).trimmed());
    followPort(runStep(index).port);
    return !m_flow.isFollowingPorts();
}

// The step as this run makes it: with the port it uses instead of a busy one.
ScenarioStep Session::runStep(int index) const
{
    ScenarioStep step = m_scenario.steps.at(index);
    step.port = m_portRemap.value(step.port, step.port);
    return step;
}

void Session::learnServicePort(const CallEvent& event)
{
    // With port 0 the system chose the server's port at bind(): "$port" now means that one.
    if (m_servicePort != 0 || m_portSource.first != event.actor ||
        m_portSource.second != event.resultFd())
        return;
    m_servicePort = event.after.local.port();
    for (const quint16 port : servicePorts())
        followPort(port);
}

// "$port", and what a program that forgot htons() dials instead.
QList<quint16> Session::servicePorts() const
{
    if (m_servicePort == 0)
        return {};
    if (m_dialsPortWithoutHtons)
        return {m_servicePort, ByteOrder::portWithoutHtons(m_servicePort)};
    return {m_servicePort};
}

// A port of the session's sockets: the capture takes it before the next call is made.
void Session::followPort(quint16 port)
{
    if (port == 0 || m_sessionPorts.contains(port))
        return;
    m_sessionPorts.insert(port);
    qCDebug(lcSession) << "following port" << port;
    m_flow.followPort(port);
}

// A step's socket bound beyond loopback, or dialing or sending to another machine: the
// capture takes the interface its packets go through before the call is made.
void Session::followInterfacesOf(const ScenarioStep& step)
{
    if (m_options.capture == CaptureMode::InferOnly || !step.address.isValid())
        return;
    const QStringList names = step.call == Call::Bind ? NetworkInterfaces::forLocal(step.address)
                                                      : NetworkInterfaces::towards(step.address);
    if (names.isEmpty())
        return;
    qCDebug(lcSession) << "following interfaces" << names;
    m_flow.followInterfaces(names);
}

} // namespace SocketScope
