#pragma once

#include "scenarios/scenario.h"

#include <QHash>
#include <QJsonObject>

// Reading one step of a scenario file, for the scenario parser only.
namespace SocketScope::ScenarioSteps {

// Per-actor names known at each point of the scenario, to catch a typo before anything runs,
// each with the index of the step that gave it its value (what a narration's placeholder
// reads from the log).
struct NameScope {
    QHash<QString, int> fds;
    QHash<QString, int> addresses;
    bool forkChild = false; // its calls run in a child process
};

// Throws ScenarioFields::ParseFailure on the first field missing or wrong.
ScenarioStep readStep(const QJsonObject& object, const Scenario& scenario,
                      QHash<QString, NameScope>& scopes);
// A step of a recorded scenario: the actor, the call it made (any of the vocabulary), the
// descriptor by its number, and words without placeholders.
ScenarioStep readRecordedStep(const QJsonObject& object, const Scenario& scenario);

} // namespace SocketScope::ScenarioSteps
