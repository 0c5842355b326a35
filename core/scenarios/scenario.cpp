#include "scenarios/scenario.h"

#include "calls/constants.h"
#include "calls/errnoinfo.h"

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
        const QString name = requireString(object, QStringLiteral("errno"));
        expect.error = errnoFromName(name);
        if (expect.error == 0)
            expect.error = addrInfoErrorFromName(name);
        if (expect.error == 0)
            fail(key + QStringLiteral(".errno"), Tr::tr("\"%1\" is not an errno name").arg(name));
    }
    if (object.contains(QLatin1String("data")))
        expect.data = requireString(object, QStringLiteral("data")).toUtf8();
    expect.mayFail = object.value(QLatin1String("any")).toBool(false);
    return expect;
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
    const QString address = requireString(object, QStringLiteral("address"));
    if (address.startsWith(QLatin1Char('$'))) {
        step.addressName = address.mid(1);
        if (!scope.addresses.contains(step.addressName))
            fail(QStringLiteral("address"), Tr::tr("no earlier step of this actor keeps an address "
                                                   "named \"%1\"")
                                                .arg(step.addressName));
    } else {
        QString error;
        const auto numeric = SocketAddress::fromIp(address, 0, &error);
        if (!numeric)
            fail(QStringLiteral("address"), error);
        step.address = *numeric;
    }
    const QJsonValue port = object.value(QLatin1String("port"));
    if (port.isString() && port.toString() == QLatin1String("$port")) {
        step.usesServicePort = true;
    } else if (port.isString() && port.toString() == QLatin1String("$port_without_htons")) {
        step.usesServicePort = true;
        step.portWithoutHtons = true;
    } else if (!port.isUndefined() && !port.isString()) {
        step.port = quint16(optionalInt(object, QStringLiteral("port"), 0, 0, 65535));
    } else if (port.isString() || step.addressName.isEmpty()) {
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

void readMulticastOption(const QJsonObject& object, OptionValue& value)
{
    if (value.kind == OptionValue::Kind::MulticastRequest)
        value.group = requireIpv4(object, QStringLiteral("group"), true);
    value.interface = requireIpv4(object, QStringLiteral("interface"), false);
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
    step.arguments.timeoutMs = optionalInt(object, QStringLiteral("timeout_ms"), -1, -1, 3'600'000);
}

void readOption(const QJsonObject& object, ScenarioStep& step)
{
    CallArguments& a = step.arguments;
    const QString option = requireString(object, QStringLiteral("option"));
    const auto level = optionLevel(option);
    if (!level)
        fail(QStringLiteral("option"),
             Tr::tr("\"%1\" is not one of %2")
                 .arg(option, constantNames(ConstantKind::SocketOption).join(QLatin1String(", "))));
    a.level = object.contains(QLatin1String("level"))
                  ? requireConstant(object, QStringLiteral("level"), ConstantKind::OptionLevel)
                  : *level;
    a.option = *constantValue(ConstantKind::SocketOption, option);
    if (step.call != Call::SetSockOpt)
        return;
    a.value.kind = optionValueKind(a.level, a.option);
    switch (a.value.kind) {
    case OptionValue::Kind::MulticastRequest:
    case OptionValue::Kind::InterfaceAddress:
        readMulticastOption(object, a.value);
        return;
    case OptionValue::Kind::Linger:
        a.value.lingerSeconds = optionalInt(object, QStringLiteral("linger"), 0, 0, 3600);
        break;
    case OptionValue::Kind::Timeval:
    case OptionValue::Kind::Bytes:
        fail(QStringLiteral("option"),
             Tr::tr("\"%1\" takes a value that scenarios cannot give yet").arg(option));
    case OptionValue::Kind::None:
    case OptionValue::Kind::Integer:
        break;
    }
    if (!object.contains(QLatin1String("value")))
        fail(QStringLiteral("value"), Tr::tr("is required for setsockopt"));
    a.value.integer = optionalInt(object, QStringLiteral("value"), 0, -1, 1 << 30);
}

void readAddrInfo(const QJsonObject& object, ScenarioStep& step)
{
    CallArguments& a = step.arguments;
    a.host = optionalString(object, QStringLiteral("host"));
    a.service = optionalString(object, QStringLiteral("service"));
    if (a.host.isEmpty() && a.service.isEmpty())
        fail(QStringLiteral("host"), Tr::tr("getaddrinfo needs a host, a service or both"));
    a.domain = object.contains(QLatin1String("domain"))
                   ? requireConstant(object, QStringLiteral("domain"), ConstantKind::Family)
                   : 0;
    a.type = optionalFlags(object, QStringLiteral("type"), ConstantKind::SocketType);
    a.flags = optionalFlags(object, QStringLiteral("flags"), ConstantKind::AddrInfoFlag);
}

void readSocket(const QJsonObject& object, ScenarioStep& step)
{
    CallArguments& a = step.arguments;
    a.domain = requireConstant(object, QStringLiteral("domain"), ConstantKind::Family);
    if (object.value(QLatin1String("type")).isUndefined())
        fail(QStringLiteral("type"), Tr::tr("is required: SOCK_STREAM or SOCK_DGRAM"));
    a.type = optionalFlags(object, QStringLiteral("type"), ConstantKind::SocketType);
    if (object.contains(QLatin1String("protocol")))
        a.protocol = requireConstant(object, QStringLiteral("protocol"), ConstantKind::Protocol);
}

// fork() and pthread_create() are the actor's own: another actor goes on with a copy of
// its descriptors (a child process) or with the very same ones (a thread).
void readActorStart(const QJsonObject& object, ScenarioStep& step, const Scenario& scenario,
                    QHash<QString, NameScope>& scopes)
{
    NameScope& scope = scopes[step.actor];
    if (scope.forkChild)
        fail(QStringLiteral("call"), Tr::tr("a child process cannot fork again here"));
    const QString field =
        step.call == Call::Fork ? QStringLiteral("child") : QStringLiteral("thread");
    step.childActor = requireString(object, field);
    if (!scenario.actor(step.childActor) || step.childActor == step.actor)
        fail(field, Tr::tr("\"%1\" is not another actor of the scenario").arg(step.childActor));
    if (scopes.contains(step.childActor))
        fail(field, Tr::tr("\"%1\" already made calls of its own: a child starts at the fork")
                        .arg(step.childActor));
    NameScope inherited = scope; // the child inherits the descriptors and variables
    inherited.forkChild = true;
    scopes.insert(step.childActor, inherited);
}

// The fields of each call, by what the call takes.
void readArguments(const QJsonObject& object, ScenarioStep& step, const NameScope& scope)
{
    CallArguments& a = step.arguments;
    switch (step.call) {
    case Call::Socket:
        readSocket(object, step);
        break;
    case Call::Listen:
        a.backlog = optionalInt(object, QStringLiteral("backlog"), 5, 0, 65535);
        break;
    case Call::Accept4:
        a.flags = optionalFlags(object, QStringLiteral("flags"), ConstantKind::SocketType);
        break;
    case Call::Write:
        a.payload = payloadOf(object, true);
        break;
    case Call::Send:
    case Call::SendTo:
        a.payload = payloadOf(object, true);
        a.flags = optionalFlags(object, QStringLiteral("flags"), ConstantKind::MessageFlag);
        break;
    case Call::Read:
        a.count = optionalInt(object, QStringLiteral("count"), 256, 0, 1 << 20);
        break;
    case Call::Recv:
    case Call::RecvFrom:
        a.count = optionalInt(object, QStringLiteral("count"), 256, 0, 1 << 20);
        a.flags = optionalFlags(object, QStringLiteral("flags"), ConstantKind::MessageFlag);
        break;
    case Call::Shutdown:
        a.how = requireConstant(object, QStringLiteral("how"), ConstantKind::ShutdownHow);
        break;
    case Call::GetSockOpt:
    case Call::SetSockOpt:
        readOption(object, step);
        break;
    case Call::Poll:
    case Call::Select:
        readPollTargets(object, step, scope);
        break;
    case Call::GetAddrInfo:
        readAddrInfo(object, step);
        break;
    case Call::GetNameInfo:
        a.flags = optionalFlags(object, QStringLiteral("flags"), ConstantKind::NameInfoFlag);
        break;
    case Call::Bind:
    case Call::Accept:
    case Call::Connect:
    case Call::Close:
    case Call::GetSockName:
    case Call::GetPeerName:
        break;
    // Not performable: the parser refused them already.
    case Call::Socketpair:
    case Call::Dup:
    case Call::Dup2:
    case Call::Dup3:
    case Call::Fcntl:
    case Call::Ioctl:
    case Call::Readv:
    case Call::Writev:
    case Call::SendMsg:
    case Call::RecvMsg:
    case Call::SendMmsg:
    case Call::RecvMmsg:
    case Call::PSelect6:
    case Call::PPoll:
    case Call::EpollCreate1:
    case Call::EpollCtl:
    case Call::EpollWait:
    case Call::Fork:
    case Call::Vfork:
    case Call::Clone:
    case Call::Execve:
    case Call::PthreadCreate:
        break;
    }
}

ScenarioStep readStep(const QJsonObject& object, const Scenario& scenario,
                      QHash<QString, NameScope>& scopes)
{
    ScenarioStep step;
    step.actor = requireString(object, QStringLiteral("actor"));
    if (!scenario.actor(step.actor))
        fail(QStringLiteral("actor"),
             Tr::tr("\"%1\" is not one of the scenario's actors").arg(step.actor));
    const QString name = requireString(object, QStringLiteral("call"));
    const QList<Call> performable = Calls::performable();
    const auto call = Calls::fromName(name);
    if (!call || !performable.contains(*call)) {
        QStringList names;
        for (const Call candidate : performable)
            names << Calls::name(candidate);
        fail(QStringLiteral("call"),
             Tr::tr("\"%1\" is not one of %2").arg(name, names.join(QLatin1String(", "))));
    }
    step.call = *call;
    step.narration = requireLocalized(object, QStringLiteral("narration"));
    if (Calls::has(step.call, CallTrait::StartsActor)) {
        readActorStart(object, step, scenario, scopes);
        return step;
    }
    NameScope& scope = scopes[step.actor];
    if (Calls::has(step.call, CallTrait::TakesDescriptor)) {
        step.fdName = requireString(object, QStringLiteral("fd"));
        if (!scope.fds.contains(step.fdName))
            fail(QStringLiteral("fd"), Tr::tr("no earlier step of this actor creates a descriptor "
                                              "named \"%1\"")
                                           .arg(step.fdName));
    }
    if (Calls::has(step.call, CallTrait::TakesAddress))
        readAddress(object, step, scope);
    readArguments(object, step, scope);

    if (Calls::has(step.call, CallTrait::MakesDescriptor)) {
        step.asName = requireString(object, QStringLiteral("as"));
        scope.fds.insert(step.asName);
    } else if (object.contains(QLatin1String("as"))) {
        fail(QStringLiteral("as"), Tr::tr("only socket and accept create a descriptor; use "
                                          "\"address_as\" to keep an address"));
    }
    if (object.contains(QLatin1String("address_as"))) {
        if (!Calls::has(step.call, CallTrait::ReturnsAddress))
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
