#include "scenarios/scenario.h"

#include "calls/constants.h"
#include "calls/errnoinfo.h"
#include "engine/syscalllayer.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>

namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(Scenario)
};

// Thrown inside the parser only, caught in parse(): keeps each field check to one line.
struct ParseFailure {
    QString field;
    QString message;
};

[[noreturn]] void fail(const QString& field, const QString& message)
{
    throw ParseFailure{field, message};
}

QString requireString(const QJsonObject& object, const QString& field)
{
    const QJsonValue value = object.value(field);
    if (!value.isString() || value.toString().isEmpty())
        fail(field, Tr::tr("must be a non-empty string"));
    return value.toString();
}

QString optionalString(const QJsonObject& object, const QString& field)
{
    const QJsonValue value = object.value(field);
    if (value.isUndefined())
        return {};
    if (!value.isString())
        fail(field, Tr::tr("must be a string"));
    return value.toString();
}

int optionalInt(const QJsonObject& object, const QString& field, int fallback, int min, int max)
{
    const QJsonValue value = object.value(field);
    if (value.isUndefined())
        return fallback;
    const double number = value.toDouble(-1e300);
    if (!value.isDouble() || number != double(qint64(number)) || number < min || number > max)
        fail(field, Tr::tr("must be a whole number from %1 to %2").arg(min).arg(max));
    return int(number);
}

LocalizedText requireLocalized(const QJsonObject& object, const QString& field)
{
    const QJsonValue value = object.value(field);
    if (!value.isObject())
        fail(field, Tr::tr("must be an object with \"fr\" and \"en\" texts"));
    const QJsonObject texts = value.toObject();
    LocalizedText text;
    text.fr = texts.value(QLatin1String("fr")).toString();
    text.en = texts.value(QLatin1String("en")).toString();
    if (text.fr.isEmpty())
        fail(field + QLatin1String(".fr"), Tr::tr("the French text is missing"));
    if (text.en.isEmpty())
        fail(field + QLatin1String(".en"), Tr::tr("the English text is missing"));
    return text;
}

QStringList nameList(const QJsonValue& value, const QString& field)
{
    if (value.isString())
        return {value.toString()};
    if (!value.isArray())
        fail(field, Tr::tr("must be a name or a list of names"));
    QStringList names;
    for (const QJsonValue& item : value.toArray()) {
        if (!item.isString())
            fail(field, Tr::tr("must be a name or a list of names"));
        names << item.toString();
    }
    return names;
}

int requireConstant(const QJsonObject& object, const QString& field, ConstantKind kind)
{
    const QString name = requireString(object, field);
    const auto value = constantValue(kind, name);
    if (!value)
        fail(field, Tr::tr("\"%1\" is not one of %2")
                        .arg(name, constantNames(kind).join(QLatin1String(", "))));
    return *value;
}

int optionalFlags(const QJsonObject& object, const QString& field, ConstantKind kind)
{
    const QJsonValue value = object.value(field);
    if (value.isUndefined())
        return 0;
    QString bad;
    const auto flags = flagsValue(kind, nameList(value, field), &bad);
    if (!flags)
        fail(field, Tr::tr("\"%1\" is not one of %2")
                        .arg(bad, constantNames(kind).join(QLatin1String(", "))));
    return *flags;
}

QByteArray payloadOf(const QJsonObject& object, bool required)
{
    if (object.contains(QLatin1String("payload_hex"))) {
        const QString hex = requireString(object, QStringLiteral("payload_hex"));
        const auto decoded = QByteArray::fromHex(hex.toLatin1());
        if (hex.size() % 2 != 0 || decoded.toHex() != hex.toLower().toLatin1())
            fail(QStringLiteral("payload_hex"), Tr::tr("must be pairs of hexadecimal digits"));
        return decoded;
    }
    if (!object.contains(QLatin1String("payload"))) {
        if (required)
            fail(QStringLiteral("payload"), Tr::tr("is required for this call"));
        return {};
    }
    return requireString(object, QStringLiteral("payload")).toUtf8();
}

Expectation expectationOf(const QJsonObject& step, const QString& key)
{
    Expectation expect;
    const QJsonValue value = step.value(key);
    if (value.isUndefined())
        return expect;
    if (!value.isObject())
        fail(key, Tr::tr("must be an object"));
    const QJsonObject object = value.toObject();
    if (object.contains(QLatin1String("ret")))
        expect.ret = optionalInt(object, QStringLiteral("ret"), 0, -1, 1 << 30);
    if (object.contains(QLatin1String("errno"))) {
        expect.errnoName = requireString(object, QStringLiteral("errno"));
        if (errnoFromName(expect.errnoName) == 0 &&
            !expect.errnoName.startsWith(QLatin1String("EAI_")))
            fail(key + QStringLiteral(".errno"),
                 Tr::tr("\"%1\" is not an errno name").arg(expect.errnoName));
    }
    if (object.contains(QLatin1String("data")))
        expect.data = requireString(object, QStringLiteral("data")).toUtf8();
    expect.mayFail = object.value(QLatin1String("any")).toBool(false);
    return expect;
}

bool callNeedsFd(const QString& call)
{
    return call != QLatin1String("socket") && call != QLatin1String("getaddrinfo") &&
           call != QLatin1String("getnameinfo") && call != QLatin1String("poll") &&
           call != QLatin1String("select");
}

bool callTakesAddress(const QString& call)
{
    return call == QLatin1String("bind") || call == QLatin1String("connect") ||
           call == QLatin1String("sendto") || call == QLatin1String("getnameinfo");
}

// Per-actor names known at each point of the scenario, to catch a typo before anything runs.
struct NameScope {
    QSet<QString> fds;
    QSet<QString> addresses;
    bool forkChild = false; // its calls run in a child process
};

void readAddress(const QJsonObject& object, ScenarioStep& step, const NameScope& scope)
{
    if (object.contains(QLatin1String("path"))) {
        step.path = requireString(object, QStringLiteral("path"));
        // "$dir/name": a file in the session's own folder, new for each run.
        const QString name =
            step.path.startsWith(QLatin1String("$dir/")) ? step.path.mid(5) : QString();
        if (step.path.startsWith(QLatin1String("$dir/")) &&
            (name.isEmpty() || name.contains(QLatin1Char('/'))))
            fail(QStringLiteral("path"), Tr::tr("\"$dir/\" is followed by a file name"));
        QString error;
        const QString checked = name.isEmpty() ? step.path : QStringLiteral("/tmp/") + name;
        if (!SocketAddress::fromUnixPath(checked, &error))
            fail(QStringLiteral("path"), error);
        return;
    }
    step.address = requireString(object, QStringLiteral("address"));
    if (step.address.startsWith(QLatin1Char('$'))) {
        if (!scope.addresses.contains(step.address.mid(1)))
            fail(QStringLiteral("address"), Tr::tr("no earlier step of this actor keeps an address "
                                                   "named \"%1\"")
                                                .arg(step.address.mid(1)));
    } else {
        QString error;
        if (!SocketAddress::fromIp(step.address, 0, &error))
            fail(QStringLiteral("address"), error);
    }
    const QJsonValue port = object.value(QLatin1String("port"));
    if (port.isString() && port.toString() == QLatin1String("$port")) {
        step.usesServicePort = true;
    } else if (port.isString() && port.toString() == QLatin1String("$port_without_htons")) {
        step.usesServicePort = true;
        step.portWithoutHtons = true;
    } else if (!port.isUndefined() && !port.isString()) {
        step.port = quint16(optionalInt(object, QStringLiteral("port"), 0, 0, 65535));
    } else if (port.isString() || !step.address.startsWith(QLatin1Char('$'))) {
        fail(QStringLiteral("port"),
             Tr::tr("must be, with a numeric address, a number from 0 to "
                    "65535, \"$port\" for the scenario's port, or \"$port_without_htons\" "
                    "for it as a program that forgot htons() would write it"));
    }
}

// An IPv4 address of the struct ip_mreq or in_addr these options take.
QString requireIpv4(const QJsonObject& object, const QString& field, bool multicast)
{
    const QString text = requireString(object, field);
    in_addr address{};
    if (inet_pton(AF_INET, text.toLatin1().constData(), &address) != 1)
        fail(field, Tr::tr("\"%1\" is not a numeric IPv4 address").arg(text));
    if (multicast && !IN_MULTICAST(ntohl(address.s_addr)))
        fail(field,
             Tr::tr("\"%1\" is not a multicast group (224.0.0.0 to 239.255.255.255)").arg(text));
    return text;
}

void readMulticastOption(const QJsonObject& object, ScenarioStep& step)
{
    if (step.option != IP_MULTICAST_IF)
        step.group = requireIpv4(object, QStringLiteral("group"), true);
    step.interfaceAddress = requireIpv4(object, QStringLiteral("interface"), false);
}

void readPollTargets(const QJsonObject& object, ScenarioStep& step, const NameScope& scope)
{
    const QJsonValue value = object.value(QLatin1String("fds"));
    if (!value.isArray() || value.toArray().isEmpty())
        fail(QStringLiteral("fds"), Tr::tr("must be a list of {\"fd\": name, \"events\": [...]}"));
    for (const QJsonValue& item : value.toArray()) {
        const QJsonObject target = item.toObject();
        ScenarioStep::PollTarget poll;
        poll.fdName = requireString(target, QStringLiteral("fd"));
        if (!scope.fds.contains(poll.fdName))
            fail(QStringLiteral("fds"), Tr::tr("no earlier step of this actor creates a descriptor "
                                               "named \"%1\"")
                                            .arg(poll.fdName));
        poll.events =
            short(target.contains(QLatin1String("events"))
                      ? optionalFlags(target, QStringLiteral("events"), ConstantKind::PollEvent)
                      : POLLIN);
        step.pollTargets << poll;
    }
    step.timeoutMs = optionalInt(object, QStringLiteral("timeout_ms"), -1, -1, 3'600'000);
}

ScenarioStep readStep(const QJsonObject& object, const Scenario& scenario,
                      QHash<QString, NameScope>& scopes)
{
    ScenarioStep step;
    step.actor = requireString(object, QStringLiteral("actor"));
    if (!scenario.actor(step.actor))
        fail(QStringLiteral("actor"),
             Tr::tr("\"%1\" is not one of the scenario's actors").arg(step.actor));
    step.call = requireString(object, QStringLiteral("call"));
    // fork() and pthread_create() are the actor's own: another actor goes on with a copy of
    // its descriptors (a child process) or with the very same ones (a thread).
    const QStringList calls = SyscallLayer::supportedCalls()
                              << QStringLiteral("fork") << QStringLiteral("pthread_create");
    if (!calls.contains(step.call))
        fail(QStringLiteral("call"),
             Tr::tr("\"%1\" is not one of %2").arg(step.call, calls.join(QLatin1String(", "))));
    step.narration = requireLocalized(object, QStringLiteral("narration"));
    NameScope& scope = scopes[step.actor];
    const QString& call = step.call;
    if (call == QLatin1String("fork") || call == QLatin1String("pthread_create")) {
        if (scope.forkChild)
            fail(QStringLiteral("call"), Tr::tr("a child process cannot fork again here"));
        const QString field =
            call == QLatin1String("fork") ? QStringLiteral("child") : QStringLiteral("thread");
        step.childActor = requireString(object, field);
        if (!scenario.actor(step.childActor) || step.childActor == step.actor)
            fail(field, Tr::tr("\"%1\" is not another actor of the scenario").arg(step.childActor));
        if (scopes.contains(step.childActor))
            fail(field, Tr::tr("\"%1\" already made calls of its own: a child starts at the fork")
                            .arg(step.childActor));
        NameScope inherited = scope; // the child inherits the descriptors and variables
        inherited.forkChild = true;
        scopes.insert(step.childActor, inherited);
        return step;
    }

    if (callNeedsFd(call)) {
        step.fdName = requireString(object, QStringLiteral("fd"));
        if (!scope.fds.contains(step.fdName))
            fail(QStringLiteral("fd"), Tr::tr("no earlier step of this actor creates a descriptor "
                                              "named \"%1\"")
                                           .arg(step.fdName));
    }
    if (call == QLatin1String("socket")) {
        step.domain = requireConstant(object, QStringLiteral("domain"), ConstantKind::Family);
        const QJsonValue type = object.value(QLatin1String("type"));
        if (type.isUndefined())
            fail(QStringLiteral("type"), Tr::tr("is required: SOCK_STREAM or SOCK_DGRAM"));
        step.type = optionalFlags(object, QStringLiteral("type"), ConstantKind::SocketType);
        if (object.contains(QLatin1String("protocol")))
            step.protocol =
                requireConstant(object, QStringLiteral("protocol"), ConstantKind::Protocol);
    }
    if (callTakesAddress(call))
        readAddress(object, step, scope);
    if (call == QLatin1String("listen"))
        step.backlog = optionalInt(object, QStringLiteral("backlog"), 5, 0, 65535);
    if (call == QLatin1String("accept4"))
        step.flags = optionalFlags(object, QStringLiteral("flags"), ConstantKind::SocketType);
    if (call == QLatin1String("write") || call == QLatin1String("send") ||
        call == QLatin1String("sendto"))
        step.payload = payloadOf(object, true);
    if (call == QLatin1String("read") || call == QLatin1String("recv") ||
        call == QLatin1String("recvfrom"))
        step.count = optionalInt(object, QStringLiteral("count"), 256, 0, 1 << 20);
    if (call == QLatin1String("send") || call == QLatin1String("sendto") ||
        call == QLatin1String("recv") || call == QLatin1String("recvfrom"))
        step.flags = optionalFlags(object, QStringLiteral("flags"), ConstantKind::MessageFlag);
    if (call == QLatin1String("shutdown"))
        step.how = requireConstant(object, QStringLiteral("how"), ConstantKind::ShutdownHow);
    if (call == QLatin1String("getsockopt") || call == QLatin1String("setsockopt")) {
        const QString option = requireString(object, QStringLiteral("option"));
        const auto level = optionLevel(option);
        if (!level)
            fail(QStringLiteral("option"),
                 Tr::tr("\"%1\" is not one of %2")
                     .arg(option,
                          constantNames(ConstantKind::SocketOption).join(QLatin1String(", "))));
        step.level =
            object.contains(QLatin1String("level"))
                ? requireConstant(object, QStringLiteral("level"), ConstantKind::OptionLevel)
                : *level;
        step.option = *constantValue(ConstantKind::SocketOption, option);
        if (call == QLatin1String("setsockopt") && step.level == IPPROTO_IP &&
            (step.option == IP_ADD_MEMBERSHIP || step.option == IP_DROP_MEMBERSHIP ||
             step.option == IP_MULTICAST_IF)) {
            readMulticastOption(object, step);
        } else if (call == QLatin1String("setsockopt")) {
            step.value = optionalInt(object, QStringLiteral("value"), 0, -1, 1 << 30);
            if (!object.contains(QLatin1String("value")))
                fail(QStringLiteral("value"), Tr::tr("is required for setsockopt"));
            step.lingerSeconds = optionalInt(object, QStringLiteral("linger"), 0, 0, 3600);
        }
    }
    if (call == QLatin1String("poll") || call == QLatin1String("select"))
        readPollTargets(object, step, scope);
    if (call == QLatin1String("getaddrinfo")) {
        step.host = optionalString(object, QStringLiteral("host"));
        step.service = optionalString(object, QStringLiteral("service"));
        if (step.host.isEmpty() && step.service.isEmpty())
            fail(QStringLiteral("host"), Tr::tr("getaddrinfo needs a host, a service or both"));
        step.domain = object.contains(QLatin1String("domain"))
                          ? requireConstant(object, QStringLiteral("domain"), ConstantKind::Family)
                          : 0;
        step.type = optionalFlags(object, QStringLiteral("type"), ConstantKind::SocketType);
        step.flags = optionalFlags(object, QStringLiteral("flags"), ConstantKind::AddrInfoFlag);
    }
    if (call == QLatin1String("getnameinfo"))
        step.flags = optionalFlags(object, QStringLiteral("flags"), ConstantKind::NameInfoFlag);

    const bool makesFd = call == QLatin1String("socket") || call == QLatin1String("accept") ||
                         call == QLatin1String("accept4");
    if (makesFd) {
        step.asName = requireString(object, QStringLiteral("as"));
        scope.fds.insert(step.asName);
    } else if (object.contains(QLatin1String("as"))) {
        fail(QStringLiteral("as"), Tr::tr("only socket and accept create a descriptor; use "
                                          "\"address_as\" to keep an address"));
    }
    if (object.contains(QLatin1String("address_as"))) {
        const bool returnsAddress =
            call.startsWith(QLatin1String("accept")) || call == QLatin1String("recvfrom") ||
            call == QLatin1String("getsockname") || call == QLatin1String("getpeername") ||
            call == QLatin1String("getaddrinfo");
        if (!returnsAddress)
            fail(QStringLiteral("address_as"), Tr::tr("this call returns no address"));
        step.addressAs = requireString(object, QStringLiteral("address_as"));
        scope.addresses.insert(step.addressAs);
    }
    step.expect = expectationOf(object, QStringLiteral("expect"));
    if (object.contains(QLatin1String("expect_privileged")))
        step.expectPrivileged = expectationOf(object, QStringLiteral("expect_privileged"));
    return step;
}

} // namespace

QString Expectation::check(const CallEvent& event) const
{
    if (mayFail)
        return {};
    if (event.cancelled)
        return Tr::tr("the call was cancelled");
    if (!errnoName.isEmpty()) {
        if (event.errnoName != errnoName)
            return Tr::tr("expected %1, got %2")
                .arg(errnoName,
                     event.errnoName.isEmpty() ? QString::number(event.ret) : event.errnoName);
        return {};
    }
    if (event.errnoValue != 0)
        return Tr::tr("expected success, got %1 (%2)").arg(event.errnoName, event.errnoMessage);
    if (ret && event.ret != *ret)
        return Tr::tr("expected %1 to be returned, got %2").arg(*ret).arg(event.ret);
    if (data && event.data != *data)
        return Tr::tr("expected to receive \"%1\", got \"%2\"")
            .arg(QString::fromUtf8(*data), QString::fromUtf8(event.data));
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
    const QJsonObject root = document.object();
    Scenario scenario;
    scenario.fileName = fileName;
    try {
        scenario.id = requireString(root, QStringLiteral("id"));
        scenario.title = requireLocalized(root, QStringLiteral("title"));
        scenario.summary = requireLocalized(root, QStringLiteral("summary"));
        scenario.outcome = requireLocalized(root, QStringLiteral("outcome"));
        scenario.source = requireString(root, QStringLiteral("source"));
        scenario.defaultPort = quint16(optionalInt(root, QStringLiteral("port"), 0, 0, 65535));
        const QJsonValue actors = root.value(QLatin1String("actors"));
        if (!actors.isArray() || actors.toArray().isEmpty())
            fail(QStringLiteral("actors"), Tr::tr("must be a non-empty list"));
        for (const QJsonValue& value : actors.toArray()) {
            ScenarioActor actor;
            actor.id = requireString(value.toObject(), QStringLiteral("id"));
            actor.name = requireLocalized(value.toObject(), QStringLiteral("name"));
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
            scenario.steps << readStep(steps[i].toObject(), scenario, scopes);
        } catch (const ParseFailure& parseFailure) {
            failure.step = int(i);
            failure.field = parseFailure.field;
            failure.message = parseFailure.message;
            if (error)
                *error = failure;
            return std::nullopt;
        }
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
