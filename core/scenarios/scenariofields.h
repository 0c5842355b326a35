#pragma once

#include "calls/constants.h"
#include "scenarios/scenario.h"

#include <QJsonObject>

// Reading a scenario file's fields, each checked on one line: a field missing or wrong throws
// a ParseFailure that the parser turns into a ScenarioError naming the step and the field.
// Shared by the parts of the scenario parser only.
namespace SocketScope::ScenarioFields {

// Thrown inside the parser only, caught in ScenarioParser::parse().
struct ParseFailure {
    QString field;
    QString message;
};

[[noreturn]] void fail(const QString& field, const QString& message);
QString requireString(const QJsonObject& object, const QString& field);
QString optionalString(const QJsonObject& object, const QString& field);
bool optionalBool(const QJsonObject& object, const QString& field, bool fallback);
int optionalInt(const QJsonObject& object, const QString& field, int fallback, int min, int max);
LocalizedText requireLocalized(const QJsonObject& object, const QString& field);
int requireConstant(const QJsonObject& object, const QString& field, ConstantKind kind);
int optionalFlags(const QJsonObject& object, const QString& field, ConstantKind kind);
QByteArray payloadOf(const QJsonObject& object, bool required);
Expectation expectationOf(const QJsonObject& step, const QString& key);

} // namespace SocketScope::ScenarioFields
