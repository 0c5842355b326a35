#include "export/labscenario.h"

#include "scenarios/scenariowriter.h"

namespace SocketScope::LabScenario {

namespace {

// The port of the lab's first successful bind to an IP address, as the kernel gave it; else
// the first port the lab dialled or wrote to; 0 when it used none.
quint16 servicePortOf(const Scenario& lab, const QList<CallEvent>& calls)
{
    for (const CallEvent& call : calls) {
        if (call.call == Call::Bind && !call.failed() && call.after.local.port() != 0)
            return call.after.local.port();
    }
    for (const ScenarioStep& step : lab.steps) {
        if ((step.call == Call::Connect || step.call == Call::SendTo) && step.port != 0 &&
            step.path.isEmpty())
            return step.port;
    }
    return 0;
}

} // namespace

Scenario withServicePort(const Scenario& session, const QList<CallEvent>& calls)
{
    Scenario scenario = session;
    const bool named = std::any_of(scenario.steps.cbegin(), scenario.steps.cend(),
                                   [](const ScenarioStep& step) { return step.usesServicePort; });
    const quint16 port = named ? 0 : servicePortOf(session, calls);
    if (port == 0)
        return scenario;
    scenario.defaultPort = port;
    QHash<int, quint16> bound; // step -> the port the kernel gave its bind
    for (const CallEvent& call : calls) {
        if (call.call == Call::Bind && !call.failed())
            bound.insert(call.step, call.after.local.port());
    }
    for (int i = 0; i < scenario.steps.size(); ++i) {
        ScenarioStep& step = scenario.steps[i];
        if (!step.address.isValid() || !step.path.isEmpty())
            continue;
        const quint16 used = step.call == Call::Bind ? bound.value(i, step.port) : step.port;
        if (used == port) {
            step.usesServicePort = true;
            step.port = 0;
        }
    }
    return scenario;
}

Scenario fromLab(const Scenario& lab, const QList<CallEvent>& calls, const QString& id)
{
    Scenario scenario = withServicePort(lab, calls);
    scenario.id = id;
    scenario.fileName.clear();
    // Both languages of the course, as a scenario file has them, for the teacher to rewrite.
    scenario.title = {QStringLiteral("Séance de laboratoire [à écrire]"),
                      QStringLiteral("Lab session [to be written]")};
    scenario.summary = {QStringLiteral("Les appels faits dans le laboratoire [à écrire]."),
                        QStringLiteral("The calls made in the lab [to be written].")};
    scenario.outcome = scenario.summary;
    scenario.source = QStringLiteral("socklab");
    scenario.definition = ScenarioWriter::scenarioToJson(scenario);
    return scenario;
}

} // namespace SocketScope::LabScenario
