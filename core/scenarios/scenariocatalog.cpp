#include "scenarios/scenariocatalog.h"

#include <QCoreApplication>
#include <QDir>

static void initScenarioResources()
{
    Q_INIT_RESOURCE(scenarios);
}

namespace SocketScope {

ScenarioCatalog ScenarioCatalog::builtIn()
{
    initScenarioResources();
    ScenarioCatalog catalog;
    catalog.loadFolder(builtInFolder());
    return catalog;
}

void ScenarioCatalog::loadFolder(const QString& folder)
{
    const QDir dir(folder);
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString& file : files) {
        ScenarioError error;
        auto scenario = ScenarioParser::parseFile(dir.filePath(file), &error);
        if (!scenario) {
            m_errors << error;
            continue;
        }
        if (find(scenario->id)) {
            m_errors << ScenarioError{file, -1, QStringLiteral("id"),
                                      QCoreApplication::translate(
                                          "Scenario", "another scenario already has the id \"%1\"")
                                          .arg(scenario->id)};
            continue;
        }
        m_scenarios << *scenario;
    }
}

const Scenario* ScenarioCatalog::find(const QString& id) const
{
    for (const Scenario& scenario : m_scenarios) {
        if (scenario.id == id)
            return &scenario;
    }
    return nullptr;
}

} // namespace SocketScope
