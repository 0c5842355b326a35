#pragma once

#include "calls/callevent.h"

#include <QByteArray>
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
    QString errnoName;              // the call must fail with this errno
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
    QString call;
    LocalizedText narration;
    QString fdName;    // the descriptor the call acts on, by the name "as" gave it
    QString asName;    // the name given to the new descriptor
    QString addressAs; // the name given to the address the call returns
    int domain = 0;    // AF_INET...; 0 keeps the descriptor's family
    int type = 0;
    int protocol = 0;
    QString address; // a numeric address, or "$name" of an address an earlier step kept
    bool usesServicePort = false;  // "port": "$port"
    bool portWithoutHtons = false; // "$port_without_htons": the port's bytes left in host order
    quint16 port = 0;
    QString path; // AF_UNIX
    int backlog = 5;
    QByteArray payload;
    int count = 256;
    int flags = 0;
    int how = 0;
    int level = 0;
    int option = 0;
    int value = 0;
    int lingerSeconds = 0;
    QString childActor;       // fork: the actor that goes on in the child process
    QString group;            // IP_ADD_MEMBERSHIP, IP_DROP_MEMBERSHIP: the multicast group
    QString interfaceAddress; // ... and the interface; IP_MULTICAST_IF
    QList<PollTarget> pollTargets;
    int timeoutMs = -1;
    QString host;
    QString service;
    Expectation expect;
    // "expect_privileged": what happens instead when this process may bind ports below 1024
    // (root, CAP_NET_BIND_SERVICE): the privileged-port scenario says why it succeeded.
    std::optional<Expectation> expectPrivileged;
};

struct ScenarioActor {
    QString id;
    LocalizedText name;
};

struct Scenario {
    QString id;
    QString fileName;
    LocalizedText title;
    LocalizedText summary;
    LocalizedText outcome;
    QString source; // which seed and section the scenario follows
    quint16 defaultPort = 0;
    QList<ScenarioActor> actors;
    QList<ScenarioStep> steps;

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
std::optional<Scenario> parseFile(const QString& path, ScenarioError* error);
} // namespace ScenarioParser

} // namespace SocketScope
