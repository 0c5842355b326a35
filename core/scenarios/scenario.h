#pragma once

#include "calls/callevent.h"
#include "scenarios/narration.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace SocketScope {

// Text written in both languages of the course.
struct LocalizedText {
    QString fr;
    QString en;
    QString text(const QString& language) const
    {
        return language == QLatin1String("fr") ? fr : en;
    }
};

// What a step must produce for the scenario to have its expected outcome. Without any
// field, the call must succeed.
struct Expectation {
    std::optional<qint64> ret;
    int error = 0;                  // the call must fail with this errno (or EAI_* code)
    std::optional<QByteArray> data; // bytes the call must have received
    bool mayFail = false;           // "expect": {"any": true}: the result is shown, not checked

    // Empty when the event meets the expectation, else what differs, for the user.
    QString check(const CallEvent& event) const;
};

struct ScenarioStep {
    struct PollTarget {
        QString fdName;
        short events = 0;
    };

    QString actor;
    Call call = Call::Socket;
    LocalizedNarration narration; // words and placeholders, parsed when the file is read
    // What the scenario writes as it is: the family and type, backlog, payload, size, flags,
    // shutdown's direction, the option and its value, timeouts, host and service. The
    // descriptor, the address and the poll set are named and resolved by the actor.
    CallArguments arguments;
    QString fdName;                // the descriptor the call acts on, by the name "as" gave it
    QString asName;                // the name given to the new descriptor
    QString addressAs;             // the name given to the address the call returns
    SocketAddress address;         // a numeric address (its port set when the step is made)
    QString addressName;           // or ("$name") the address an earlier step kept
    bool usesServicePort = false;  // "port": "$port"
    bool portWithoutHtons = false; // "$port_without_htons": the port's bytes left in host order
    quint16 port = 0;
    QString path;       // AF_UNIX
    QString childActor; // fork, pthread_create: the actor that goes on
    QList<PollTarget> pollTargets;
    Expectation expect;
    // "expect_privileged": what happens instead when this process may bind ports below 1024
    // (root, CAP_NET_BIND_SERVICE): the privileged-port scenario says why it succeeded.
    std::optional<Expectation> expectPrivileged;
};

struct ScenarioActor {
    QString id;
    LocalizedText name;
    // "on_demand": drawn only once it has been used (the lab's second terminal).
    bool onDemand = false;
};

struct Scenario {
    QString id;
    QString fileName;
    LocalizedText title;
    LocalizedText summary;
    LocalizedText outcome;
    QString source; // the course document, by its title, and the section the scenario follows
    quint16 defaultPort = 0;
    QList<ScenarioActor> actors;
    QList<ScenarioStep> steps;
    // "recorded": the calls a traced program made, each on a descriptor by its number (in
    // arguments.fd), kept to be replayed and never run.
    bool recorded = false;
    // The scenario as it was read, so that a saved session carries it whole.
    QJsonObject definition;

    const ScenarioActor* actor(const QString& id) const;
};

// A broken scenario file, named precisely: file, step (-1 for the header) and field.
struct ScenarioError {
    QString fileName;
    int step = -1;
    QString field;
    QString message;
    QString text() const;
};

namespace ScenarioParser {
std::optional<Scenario> parse(const QByteArray& json, const QString& fileName,
                              ScenarioError* error);
std::optional<Scenario> parse(const QJsonObject& root, const QString& fileName,
                              ScenarioError* error);
std::optional<Scenario> parseFile(const QString& path, ScenarioError* error);
} // namespace ScenarioParser

} // namespace SocketScope
