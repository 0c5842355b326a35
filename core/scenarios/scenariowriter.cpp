#include "scenarios/scenariowriter.h"

#include "calls/constants.h"

#include <QJsonArray>

#include <fcntl.h>

namespace SocketScope::ScenarioWriter {

namespace {

QJsonObject localized(const QString& fr, const QString& en)
{
    return {{QStringLiteral("fr"), fr}, {QStringLiteral("en"), en}};
}

// Words only (the lab's): "${" would read back as a placeholder, so it is written "$ {".
QString narrationText(const Narration& narration)
{
    QString text;
    for (const NarrationPiece& piece : narration)
        text += piece.text;
    return text.replace(QLatin1String("${"), QLatin1String("$ {"));
}

QJsonArray flagNames(ConstantKind kind, int flags)
{
    QJsonArray names;
    for (const QString& name : flagsText(kind, flags).split(QLatin1Char('|'))) {
        if (name != QLatin1String("0"))
            names.append(name);
    }
    return names;
}

} // namespace

QJsonObject stepToJson(const ScenarioStep& step)
{
    const CallArguments& a = step.arguments;
    QJsonObject o{{QStringLiteral("actor"), step.actor},
                  {QStringLiteral("call"), QString(Calls::name(step.call))},
                  {QStringLiteral("narration"),
                   localized(narrationText(step.narration.fr), narrationText(step.narration.en))}};
    if (step.expect.mayFail)
        o[QStringLiteral("expect")] = QJsonObject{{QStringLiteral("any"), true}};
    if (!step.fdName.isEmpty())
        o[QStringLiteral("fd")] = step.fdName;
    else if (Calls::has(step.call, CallTrait::TakesDescriptor) && a.fd >= 0)
        o[QStringLiteral("fd")] = a.fd; // a recorded step's descriptor, by its number
    if (!step.asName.isEmpty())
        o[QStringLiteral("as")] = step.asName;
    if (!step.addressAs.isEmpty())
        o[QStringLiteral("address_as")] = step.addressAs;
    if (!step.path.isEmpty()) {
        o[QStringLiteral("path")] = step.path;
    } else if (step.address.isValid()) {
        o[QStringLiteral("address")] = step.address.host();
        // "$port": the scenario's port, which a rerun moves when it is taken.
        if (step.usesServicePort)
            o[QStringLiteral("port")] = step.portWithoutHtons
                                            ? QStringLiteral("$port_without_htons")
                                            : QStringLiteral("$port");
        else
            o[QStringLiteral("port")] = step.port;
    }
    switch (step.call) {
    case Call::Socket:
        o[QStringLiteral("domain")] = constantName(ConstantKind::Family, a.domain);
        o[QStringLiteral("type")] = flagsText(ConstantKind::SocketType, a.type);
        break;
    case Call::Listen:
        o[QStringLiteral("backlog")] = a.backlog;
        break;
    case Call::Read:
    case Call::Recv:
    case Call::RecvFrom:
        o[QStringLiteral("count")] = qint64(a.count);
        if (a.flags)
            o[QStringLiteral("flags")] = flagNames(ConstantKind::MessageFlag, a.flags);
        break;
    case Call::Write:
    case Call::Send:
    case Call::SendTo:
        o[QStringLiteral("payload_hex")] = QString::fromLatin1(a.payload.toHex());
        if (a.flags)
            o[QStringLiteral("flags")] = flagNames(ConstantKind::MessageFlag, a.flags);
        break;
    case Call::Shutdown:
        o[QStringLiteral("how")] = constantName(ConstantKind::ShutdownHow, a.how);
        break;
    case Call::SetSockOpt:
        o[QStringLiteral("option")] = socketOptionName(a.level, a.option);
        if (a.value.kind == OptionValue::Kind::Timeval)
            o[QStringLiteral("timeout_ms")] = a.value.microseconds / 1000;
        else
            o[QStringLiteral("value")] = a.value.integer;
        if (a.value.kind == OptionValue::Kind::Linger)
            o[QStringLiteral("linger")] = a.value.lingerSeconds;
        break;
    case Call::Fcntl:
        o[QStringLiteral("command")] = constantName(ConstantKind::FcntlCommand, a.command);
        if (a.command == F_SETFL)
            o[QStringLiteral("flags")] = flagNames(ConstantKind::FileFlag, int(a.commandArgument));
        break;
    case Call::GetSockOpt:
        o[QStringLiteral("option")] = socketOptionName(a.level, a.option);
        break;
    case Call::Poll:
    case Call::Select: {
        QJsonArray fds;
        for (const ScenarioStep::PollTarget& target : step.pollTargets)
            fds.append(QJsonObject{
                {QStringLiteral("fd"), target.fdName},
                {QStringLiteral("events"), flagNames(ConstantKind::PollEvent, target.events)}});
        o[QStringLiteral("fds")] = fds;
        o[QStringLiteral("timeout_ms")] = a.timeoutMs;
        break;
    }
    case Call::Socketpair:
    case Call::Bind:
    case Call::Accept:
    case Call::Accept4:
    case Call::Connect:
    case Call::Close:
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
    case Call::GetSockName:
    case Call::GetPeerName:
    case Call::PSelect6:
    case Call::PPoll:
    case Call::EpollCreate:
    case Call::EpollCreate1:
    case Call::EpollCtl:
    case Call::EpollWait:
    case Call::EpollPwait:
    case Call::GetAddrInfo:
    case Call::GetNameInfo:
    case Call::Fork:
    case Call::Vfork:
    case Call::Clone:
    case Call::Clone3:
    case Call::Execve:
    case Call::ExitGroup:
    case Call::PthreadCreate:
        break; // what they take is written above, or the lab does not make them
    }
    return o;
}

QJsonObject scenarioToJson(const Scenario& scenario)
{
    QJsonArray actors;
    for (const ScenarioActor& actor : scenario.actors) {
        QJsonObject written{{QStringLiteral("id"), actor.id},
                            {QStringLiteral("name"), localized(actor.name.fr, actor.name.en)}};
        if (actor.onDemand)
            written.insert(QStringLiteral("on_demand"), true);
        actors.append(written);
    }
    QJsonArray steps;
    for (const ScenarioStep& step : scenario.steps)
        steps.append(stepToJson(step));
    QJsonObject o{{QStringLiteral("id"), scenario.id},
                  {QStringLiteral("title"), localized(scenario.title.fr, scenario.title.en)},
                  {QStringLiteral("summary"), localized(scenario.summary.fr, scenario.summary.en)},
                  {QStringLiteral("outcome"), localized(scenario.outcome.fr, scenario.outcome.en)},
                  {QStringLiteral("source"), scenario.source},
                  {QStringLiteral("actors"), actors},
                  {QStringLiteral("steps"), steps}};
    if (scenario.defaultPort != 0)
        o[QStringLiteral("port")] = scenario.defaultPort;
    if (scenario.recorded)
        o[QStringLiteral("recorded")] = true;
    return o;
}

} // namespace SocketScope::ScenarioWriter
