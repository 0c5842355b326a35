#pragma once

#include "scenarios/coursechapters.h"
#include "scenarios/scenario.h"

#include <QList>
#include <QStringList>

namespace SocketScope {

// The scenarios SocketScope ships (resources/scenarios, compiled in) and any folder of
// scenario files the user adds. A broken file is reported, never fatal.
class ScenarioCatalog {
public:
    static QString builtInFolder() { return QStringLiteral(":/scenarios"); }

    void loadFolder(const QString& folder);
    const QList<Scenario>& scenarios() const { return m_scenarios; }
    const QList<ScenarioError>& errors() const { return m_errors; }
    const Scenario* find(const QString& id) const;
    // The scenarios in the course's order, by chapter; the ones the course does not place
    // (a folder the user added) last, in a chapter of their own.
    QList<CourseChapter> chapters() const;

    static ScenarioCatalog builtIn();

private:
    QList<Scenario> m_scenarios;
    QList<ScenarioError> m_errors;
    QList<CourseChapter> m_course;
};

} // namespace SocketScope
