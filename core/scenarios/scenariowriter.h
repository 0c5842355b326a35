#pragma once

#include "scenarios/scenario.h"

#include <QJsonObject>

namespace SocketScope::ScenarioWriter {

// One step as a scenario file writes it (docs/scenario-format.md), so that ScenarioParser
// reads back the same step: the steps the lab made become a scenario a saved session carries
// and the catalogue can load. Payloads are written in hex, whatever their bytes.
QJsonObject stepToJson(const ScenarioStep& step);

// The whole scenario, its header and steps; also kept as Scenario::definition.
QJsonObject scenarioToJson(const Scenario& scenario);

} // namespace SocketScope::ScenarioWriter
