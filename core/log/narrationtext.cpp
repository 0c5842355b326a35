#include "log/narrationtext.h"

#include "calls/byteorder.h"

#include <algorithm>
#include <optional>

namespace SocketScope {

namespace {

using Kind = NarrationPiece::Kind;

// What the log says of the names one step's actor uses, up to the cursor.
class Facts {
public:
    Facts(const Scenario& scenario, const QList<CallEvent>& calls, int callCount,
          const QString& actor)
        : m_scenario(scenario)
        , m_calls(calls)
        , m_count(int(std::clamp<qsizetype>(callCount, 0, calls.size())))
        , m_actor(actor)
    {
    }

    std::optional<QString> value(const NarrationPiece& piece) const;

private:
    int indexOfStep(int step) const;
    std::optional<quint16> servicePort() const;
    std::optional<DescriptorState> socketState(int definedBy) const;
    bool counts(int index, const QString& definer, int started) const;

    const Scenario& m_scenario;
    const QList<CallEvent>& m_calls;
    int m_count;
    QString m_actor;
};

int Facts::indexOfStep(int step) const
{
    for (int i = 0; i < m_count; ++i) {
        if (m_calls[i].step == step)
            return i;
    }
    return -1;
}

// The port of the first "$port" step: as written, or chosen by the system at bind().
std::optional<quint16> Facts::servicePort() const
{
    for (int i = 0; i < m_count; ++i) {
        const CallEvent& event = m_calls[i];
        if (event.step < 0 || event.step >= m_scenario.steps.size())
            continue;
        const ScenarioStep& step = m_scenario.steps[event.step];
        if (!step.usesServicePort)
            continue;
        const quint16 written = event.arguments.address.port();
        if (step.portWithoutHtons)
            return ByteOrder::portWithoutHtons(written);
        if (written != 0)
            return written;
        if (event.call == Call::Bind && !event.failed() && event.after.local.port() != 0)
            return event.after.local.port();
    }
    return std::nullopt;
}

// A name's socket is followed in the descriptor table it lives in: the defining actor's,
// then, once an actor inherited it (fork, pthread_create), the inheriting one's.
bool Facts::counts(int index, const QString& definer, int started) const
{
    const QString& actor = m_calls[index].actor;
    if (actor == m_actor)
        return true;
    return actor == definer && (started < 0 || index < started);
}

std::optional<DescriptorState> Facts::socketState(int definedBy) const
{
    const int defined = indexOfStep(definedBy);
    if (defined < 0)
        return std::nullopt;
    const CallEvent& definition = m_calls[defined];
    const int fd = definition.resultFd();
    if (fd < 0)
        return std::nullopt;
    int started = -1; // the call that started this actor, if the name was inherited
    for (int i = defined + 1; i < m_count && definition.actor != m_actor; ++i) {
        if (Calls::has(m_calls[i].call, CallTrait::StartsActor) && m_calls[i].childActor == m_actor)
            started = i;
    }
    DescriptorState state = definition.after;
    for (int i = defined + 1; i < m_count; ++i) {
        const CallEvent& event = m_calls[i];
        if (event.resultFd() != fd || event.failed() || !counts(i, definition.actor, started))
            continue;
        if (Calls::has(event.call, CallTrait::ReleasesDescriptor))
            break; // the number may now belong to another socket
        if (event.after.local.isValid())
            state.local = event.after.local;
        if (event.after.peer.isValid())
            state.peer = event.after.peer;
    }
    return state;
}

std::optional<QString> portText(quint16 port)
{
    return port != 0 ? std::optional<QString>(QString::number(port)) : std::nullopt;
}

std::optional<QString> addressText(const SocketAddress& address)
{
    return address.isValid() ? std::optional<QString>(address.endpoint()) : std::nullopt;
}

std::optional<QString> Facts::value(const NarrationPiece& piece) const
{
    switch (piece.kind) {
    case Kind::Text:
        return piece.text;
    case Kind::Descriptor: {
        const int index = indexOfStep(piece.definedBy);
        if (index < 0)
            return std::nullopt;
        return QString::number(m_calls[index].resultFd());
    }
    case Kind::LocalPort:
    case Kind::PeerPort:
    case Kind::LocalAddress:
    case Kind::PeerAddress: {
        const auto state = socketState(piece.definedBy);
        if (!state)
            return std::nullopt;
        const bool local = piece.kind == Kind::LocalPort || piece.kind == Kind::LocalAddress;
        const SocketAddress& address = local ? state->local : state->peer;
        if (piece.kind == Kind::LocalPort || piece.kind == Kind::PeerPort)
            return address.isValid() ? portText(address.port()) : std::nullopt;
        return addressText(address);
    }
    case Kind::KeptAddress:
    case Kind::KeptPort: {
        const int index = indexOfStep(piece.definedBy);
        if (index < 0)
            return std::nullopt;
        const SocketAddress& kept = m_calls[index].results.returnedAddress;
        if (piece.kind == Kind::KeptAddress)
            return addressText(kept);
        return kept.isValid() ? portText(kept.port()) : std::nullopt;
    }
    case Kind::CallPort: {
        const int index = indexOfStep(piece.definedBy);
        return index >= 0 ? portText(m_calls[index].arguments.address.port()) : std::nullopt;
    }
    case Kind::ServicePort: {
        const auto port = servicePort();
        return port ? portText(*port) : std::nullopt;
    }
    case Kind::PortWithoutHtons: {
        const auto port = servicePort();
        return port ? portText(ByteOrder::portWithoutHtons(*port)) : std::nullopt;
    }
    }
    return std::nullopt;
}

} // namespace

FilledNarration fillNarration(const Scenario& scenario, int step, const QString& language,
                              const QList<CallEvent>& calls, int callCount)
{
    FilledNarration filled;
    if (step < 0 || step >= scenario.steps.size())
        return filled;
    const ScenarioStep& scenarioStep = scenario.steps[step];
    const Facts facts(scenario, calls, callCount, scenarioStep.actor);
    for (const NarrationPiece& piece : scenarioStep.narration.in(language)) {
        const auto value = facts.value(piece);
        if (!value)
            ++filled.unresolved;
        filled.text += value.value_or(QStringLiteral("…"));
    }
    return filled;
}

} // namespace SocketScope
