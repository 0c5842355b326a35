#include "scenarios/scenario.h"

#include "scenarios/scenariofields.h"
#include "scenarios/scenariosteps.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(Scenario)
};

using namespace ScenarioFields;
using ScenarioSteps::NameScope;
using ScenarioSteps::readRecordedStep;
using ScenarioSteps::readStep;

// ${port} is the port of this run's "$port": a scenario without one has nothing to show.
bool checkServicePort(const Scenario& scenario, ScenarioError* failure)
{
    const bool hasPort = std::any_of(scenario.steps.cbegin(), scenario.steps.cend(),
                                     [](const ScenarioStep& step) { return step.usesServicePort; });
    for (qsizetype i = 0; i < scenario.steps.size() && !hasPort; ++i) {
        const LocalizedNarration& narration = scenario.steps[i].narration;
        if (Narrations::usesServicePort(narration.fr) ||
            Narrations::usesServicePort(narration.en)) {
            failure->step = int(i);
            failure->field = QStringLiteral("narration");
            failure->message = Tr::tr("${port} names the port of a step that uses \"$port\", "
                                      "and no step of this scenario does");
            return false;
        }
    }
    return true;
}

} // namespace

QString Expectation::check(const CallEvent& event) const
{
    if (mayFail)
        return {};
    if (event.cancelled)
        return Tr::tr("the call was cancelled");
    const ErrnoInfo got = event.errorInfo();
    if (error != 0) {
        if (event.error != error) {
            CallEvent expected = event;
            expected.error = error;
            return Tr::tr("expected %1, got %2")
                .arg(expected.errorInfo().name,
                     event.error == 0 ? QString::number(event.ret) : got.name);
        }
        return {};
    }
    if (event.error != 0)
        return Tr::tr("expected success, got %1 (%2)").arg(got.name, got.message);
    if (ret && event.ret != *ret)
        return Tr::tr("expected %1 to be returned, got %2").arg(*ret).arg(event.ret);
    if (data && event.results.data != *data)
        return Tr::tr("expected to receive \"%1\", got \"%2\"")
            .arg(QString::fromUtf8(*data), QString::fromUtf8(event.results.data));
    return {};
}

const ScenarioActor* Scenario::actor(const QString& actorId) const
{
    for (const auto& candidate : actors) {
        if (candidate.id == actorId)
            return &candidate;
    }
    return nullptr;
}

QString ScenarioError::text() const
{
    if (step < 0 && field.isEmpty())
        return QStringLiteral("%1: %2").arg(fileName, message);
    if (step < 0)
        return Tr::tr("%1: field \"%2\": %3").arg(fileName, field, message);
    return Tr::tr("%1: step %2: field \"%3\": %4").arg(fileName).arg(step + 1).arg(field, message);
}

std::optional<Scenario> ScenarioParser::parse(const QByteArray& json, const QString& fileName,
                                              ScenarioError* error)
{
    ScenarioError failure;
    failure.fileName = fileName;
    QJsonParseError jsonError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &jsonError);
    if (jsonError.error != QJsonParseError::NoError || !document.isObject()) {
        failure.message = jsonError.error != QJsonParseError::NoError
                              ? Tr::tr("not valid JSON at byte %1: %2")
                                    .arg(jsonError.offset)
                                    .arg(jsonError.errorString())
                              : Tr::tr("a scenario is a JSON object");
        if (error)
            *error = failure;
        return std::nullopt;
    }
    return parse(document.object(), fileName, error);
}

std::optional<Scenario> ScenarioParser::parse(const QJsonObject& root, const QString& fileName,
                                              ScenarioError* error)
{
    ScenarioError failure;
    failure.fileName = fileName;
    Scenario scenario;
    scenario.fileName = fileName;
    scenario.definition = root;
    try {
        scenario.id = requireString(root, QStringLiteral("id"));
        scenario.title = requireLocalized(root, QStringLiteral("title"));
        scenario.summary = requireLocalized(root, QStringLiteral("summary"));
        scenario.outcome = requireLocalized(root, QStringLiteral("outcome"));
        scenario.source = requireString(root, QStringLiteral("source"));
        scenario.defaultPort = quint16(optionalInt(root, QStringLiteral("port"), 0, 0, 65535));
        scenario.recorded = optionalBool(root, QStringLiteral("recorded"), false);
        const QJsonValue actors = root.value(QLatin1String("actors"));
        if (!actors.isArray() || actors.toArray().isEmpty())
            fail(QStringLiteral("actors"), Tr::tr("must be a non-empty list"));
        for (const QJsonValue& value : actors.toArray()) {
            ScenarioActor actor;
            actor.id = requireString(value.toObject(), QStringLiteral("id"));
            actor.name = requireLocalized(value.toObject(), QStringLiteral("name"));
            actor.onDemand = optionalBool(value.toObject(), QStringLiteral("on_demand"), false);
            if (scenario.actor(actor.id))
                fail(QStringLiteral("actors"), Tr::tr("\"%1\" appears twice").arg(actor.id));
            scenario.actors << actor;
        }
        const QJsonValue steps = root.value(QLatin1String("steps"));
        if (!steps.isArray() || steps.toArray().isEmpty())
            fail(QStringLiteral("steps"), Tr::tr("must be a non-empty list"));
    } catch (const ParseFailure& parseFailure) {
        failure.field = parseFailure.field;
        failure.message = parseFailure.message;
        if (error)
            *error = failure;
        return std::nullopt;
    }
    QHash<QString, NameScope> scopes;
    const QJsonArray steps = root.value(QLatin1String("steps")).toArray();
    for (qsizetype i = 0; i < steps.size(); ++i) {
        try {
            if (!steps[i].isObject())
                fail(QString(), Tr::tr("a step is a JSON object"));
            scenario.steps << (scenario.recorded ? readRecordedStep(steps[i].toObject(), scenario)
                                                 : readStep(steps[i].toObject(), scenario, scopes));
        } catch (const ParseFailure& parseFailure) {
            failure.step = int(i);
            failure.field = parseFailure.field;
            failure.message = parseFailure.message;
            if (error)
                *error = failure;
            return std::nullopt;
        }
    }
    if (!checkServicePort(scenario, &failure)) {
        if (error)
            *error = failure;
        return std::nullopt;
    }
    return scenario;
}

std::optional<Scenario> ScenarioParser::parseFile(const QString& path, ScenarioError* error)
{
    QFile file(path);
    const QString name = QFileInfo(path).fileName();
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = ScenarioError{name, -1, QString(), file.errorString()};
        return std::nullopt;
    }
    return parse(file.readAll(), name, error);
}

} // namespace SocketScope
