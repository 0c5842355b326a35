#pragma once

#include "scenarios/scenario.h"

#include <QList>
#include <QStringList>

#include <optional>

namespace SocketScope {

// A chapter of the course, with its scenarios in the order the course takes them.
struct CourseChapter {
    QString id;
    LocalizedText title;
    QStringList scenarioIds;
};

// resources/course/chapters.json, read once: the order the scenario picker follows.
namespace CourseChapters {
// The chapters SocketScope ships; empty with *error when the file is broken.
QList<CourseChapter> builtIn(QString* error = nullptr);
std::optional<QList<CourseChapter>> parse(const QByteArray& json, QString* error);
} // namespace CourseChapters

} // namespace SocketScope
