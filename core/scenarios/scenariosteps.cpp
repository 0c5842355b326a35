#include "scenarios/scenariosteps.h"

#include "calls/constants.h"
#include "scenarios/scenariofields.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <arpa/inet.h>
#include <fcntl.h>
#include <limits>
#include <netinet/in.h>
#include <poll.h>

namespace SocketScope::ScenarioSteps {

using namespace ScenarioFields;

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(Scenario)
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
        // SO_RCVTIMEO, SO_SNDTIMEO: a struct timeval, given in milliseconds.
        a.value.microseconds =
            qint64(optionalInt(object, QStringLiteral("timeout_ms"), 0, 0, 3'600'000)) * 1000;
        return;
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

// fcntl: F_GETFL, or F_SETFL with the file's flags (O_NONBLOCK).
void readFcntl(const QJsonObject& object, ScenarioStep& step)
{
    CallArguments& a = step.arguments;
    a.command = requireConstant(object, QStringLiteral("command"), ConstantKind::FcntlCommand);
    if (a.command != F_GETFL && a.command != F_SETFL)
        fail(QStringLiteral("command"), Tr::tr("must be F_GETFL or F_SETFL"));
    if (a.command == F_SETFL)
        a.commandArgument = optionalFlags(object, QStringLiteral("flags"), ConstantKind::FileFlag);
    else if (object.contains(QLatin1String("flags")))
        fail(QStringLiteral("flags"), Tr::tr("only F_SETFL takes flags"));
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
    case Call::Fcntl:
        readFcntl(object, step);
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
    case Call::Ioctl:
    case Call::Readv:
    case Call::Writev:
    case Call::SendMsg:
    case Call::RecvMsg:
    case Call::SendMmsg:
    case Call::RecvMmsg:
    case Call::PSelect6:
    case Call::PPoll:
    case Call::EpollCreate:
    case Call::EpollCreate1:
    case Call::EpollCtl:
    case Call::EpollWait:
    case Call::EpollPwait:
    case Call::Fork:
    case Call::Vfork:
    case Call::Clone:
    case Call::Clone3:
    case Call::Execve:
    case Call::ExitGroup:
    case Call::PthreadCreate:
        break;
    }
}

LocalizedNarration readNarration(const LocalizedText& text, const NameScope& scope, int index,
                                 Call call)
{
    const Narrations::Names names{&scope.fds, &scope.addresses, index,
                                  Calls::has(call, CallTrait::TakesAddress)};
    LocalizedNarration narration;
    QString error;
    narration.fr = Narrations::parse(text.fr, names, &error);
    if (!error.isEmpty())
        fail(QStringLiteral("narration.fr"), error);
    narration.en = Narrations::parse(text.en, names, &error);
    if (!error.isEmpty())
        fail(QStringLiteral("narration.en"), error);
    return narration;
}

// The step's actor, one the scenario names.
QString readActor(const QJsonObject& object, const Scenario& scenario)
{
    const QString actor = requireString(object, QStringLiteral("actor"));
    if (!scenario.actor(actor))
        fail(QStringLiteral("actor"),
             Tr::tr("\"%1\" is not one of the scenario's actors").arg(actor));
    return actor;
}

} // namespace

ScenarioStep readStep(const QJsonObject& object, const Scenario& scenario,
                      QHash<QString, NameScope>& scopes)
{
    const int index = int(scenario.steps.size());
    ScenarioStep step;
    step.actor = readActor(object, scenario);
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
    const LocalizedText narration = requireLocalized(object, QStringLiteral("narration"));
    if (Calls::has(step.call, CallTrait::StartsActor)) {
        readActorStart(object, step, scenario, scopes);
        step.narration = readNarration(narration, scopes[step.actor], index, step.call);
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
        scope.fds.insert(step.asName, index);
    } else if (object.contains(QLatin1String("as"))) {
        fail(QStringLiteral("as"), Tr::tr("only socket and accept create a descriptor; use "
                                          "\"address_as\" to keep an address"));
    }
    if (object.contains(QLatin1String("address_as"))) {
        if (!Calls::has(step.call, CallTrait::ReturnsAddress))
            fail(QStringLiteral("address_as"), Tr::tr("this call returns no address"));
        step.addressAs = requireString(object, QStringLiteral("address_as"));
        scope.addresses.insert(step.addressAs, index);
    }
    // After "as" and "address_as": the narration may name what this very step creates.
    step.narration = readNarration(narration, scope, index, step.call);
    step.expect = expectationOf(object, QStringLiteral("expect"));
    if (object.contains(QLatin1String("expect_privileged")))
        step.expectPrivileged = expectationOf(object, QStringLiteral("expect_privileged"));
    return step;
}

ScenarioStep readRecordedStep(const QJsonObject& object, const Scenario& scenario)
{
    ScenarioStep step;
    step.actor = readActor(object, scenario);
    const QString name = requireString(object, QStringLiteral("call"));
    const auto call = Calls::fromName(name);
    if (!call)
        fail(QStringLiteral("call"), Tr::tr("\"%1\" is not a call SocketScope knows").arg(name));
    step.call = *call;
    step.arguments.fd =
        optionalInt(object, QStringLiteral("fd"), -1, 0, std::numeric_limits<int>::max());
    const LocalizedText narration = requireLocalized(object, QStringLiteral("narration"));
    step.narration = {Narrations::words(narration.fr), Narrations::words(narration.en)};
    step.expect.mayFail = true; // shown as it happened, never checked
    return step;
}

} // namespace SocketScope::ScenarioSteps
