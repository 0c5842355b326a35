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
    QString error;
    catalog.m_course = CourseChapters::builtIn(&error);
    if (!error.isEmpty())
        catalog.m_errors << ScenarioError{QStringLiteral("chapters.json"), -1, QString(), error};
    return catalog;
}

QList<CourseChapter> ScenarioCatalog::chapters() const
{
    QList<CourseChapter> chapters;
    QStringList placed;
    for (const CourseChapter& chapter : m_course) {
        CourseChapter present = chapter;
        present.scenarioIds.removeIf([this](const QString& id) { return !find(id); });
        placed << present.scenarioIds;
        if (!present.scenarioIds.isEmpty())
            chapters << present;
    }
    CourseChapter others{QStringLiteral("other"),
                         {QStringLiteral("Autres scénarios"), QStringLiteral("Other scenarios")},
                         {}};
    for (const Scenario& scenario : m_scenarios) {
        if (!placed.contains(scenario.id))
            others.scenarioIds << scenario.id;
    }
    if (!others.scenarioIds.isEmpty())
        chapters << others;
    return chapters;
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
        // A traced program's calls are a record, with no script a run could follow.
        if (scenario->recorded) {
            m_errors << ScenarioError{
                file, -1, QStringLiteral("recorded"),
                QCoreApplication::translate("Scenario", "the calls a program made are replayed "
                                                        "from its saved session, not run as a "
                                                        "scenario")};
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
