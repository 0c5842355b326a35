#include "trace/tracemessage.h"

#include "calls/callcodec.h"
#include "calls/jsonfields.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(TraceMessage)
};

constexpr qint64 maxPid = 1 << 30; // beyond the kernel's PID_MAX_LIMIT (4194304)
constexpr qint64 maxId = qint64(1) << 52;
constexpr qint64 maxTime = qint64(1) << 61;
constexpr int maxArguments = 4096;

struct KindName {
    const char* name;
    TraceMessage::Kind kind;
};
constexpr KindName kinds[] = {
    {"refused", TraceMessage::Kind::Refused},     {"process", TraceMessage::Kind::Process},
    {"exec", TraceMessage::Kind::Exec},           {"start", TraceMessage::Kind::Start},
    {"blocked", TraceMessage::Kind::Blocked},     {"paused", TraceMessage::Kind::Paused},
    {"call", TraceMessage::Kind::Call},           {"exit", TraceMessage::Kind::Exit},
    {"killed", TraceMessage::Kind::Killed},       {"stopped", TraceMessage::Kind::Stopped},
    {"continued", TraceMessage::Kind::Continued}, {"reach", TraceMessage::Kind::Reach},
    {"hold", TraceMessage::Kind::Hold},           {"detached", TraceMessage::Kind::Detached},
};

struct RefusalName {
    const char* name;
    TraceMessage::Refusal refusal;
};
constexpr RefusalName refusals[] = {
    {"exec", TraceMessage::Refusal::Exec},
    {"ptrace", TraceMessage::Refusal::Ptrace},
    {"seccomp", TraceMessage::Refusal::Seccomp},
    {"attach", TraceMessage::Refusal::Attach},
};

void readProgram(JsonFields& f, TraceMessage& message)
{
    message.program = f.requiredString("program", 4096);
    message.argv = f.strings("argv", maxArguments);
}

} // namespace

std::optional<TraceMessage> parseTraceMessage(const QByteArray& line, QString* error)
{
    const auto fail = [error](const QString& text) {
        if (error)
            *error = text;
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return fail(Tr::tr("not a JSON object: %1").arg(parseError.errorString()));

    QString fieldError;
    JsonFields f(document.object(), QString(), &fieldError);
    TraceMessage message;
    const QString kind = f.requiredString("kind", 16);
    if (!f.ok())
        return fail(fieldError);
    bool known = false;
    for (const KindName& entry : kinds) {
        if (kind == QLatin1StringView(entry.name)) {
            message.kind = entry.kind;
            known = true;
        }
    }
    if (!known)
        return fail(Tr::tr("kind: \"%1\" is not a message of the tracer").arg(kind));

    using K = TraceMessage::Kind;
    switch (message.kind) {
    case K::Refused: {
        const QString what = f.requiredString("what", 16);
        bool found = false;
        for (const RefusalName& entry : refusals) {
            if (what == QLatin1StringView(entry.name)) {
                message.refusal = entry.refusal;
                found = true;
            }
        }
        if (f.ok() && !found)
            f.fail("what", Tr::tr("must be exec, ptrace or seccomp"));
        message.error = int(f.requiredInteger("errno", 0, 4095));
        break;
    }
    case K::Process:
        message.pid = f.requiredInteger("pid", 1, maxPid);
        message.parent = f.integer("parent", 0, 0, maxPid);
        message.thread = f.boolean("thread", false);
        readProgram(f, message);
        break;
    case K::Exec: {
        message.pid = f.requiredInteger("pid", 1, maxPid);
        readProgram(f, message);
        message.tNs = f.integer("tNs", 0, 0, maxTime);
        message.closed = f.descriptors("closed", CallCodec::maxListItems);
        break;
    }
    case K::Start: {
        message.id = f.requiredInteger("id", 0, maxId);
        message.pid = f.requiredInteger("pid", 1, maxPid);
        const QString name = f.requiredString("call", 32);
        if (const auto call = Calls::fromName(name))
            message.call = *call;
        else if (f.ok())
            f.fail("call", Tr::tr("\"%1\" is not a call SocketScope knows").arg(name));
        message.fd = int(f.integer("fd", -1, -1, (1 << 20) - 1));
        message.tNs = f.requiredInteger("tNs", 0, maxTime);
        break;
    }
    case K::Reach:
        message.address = CallCodec::readAddress(f, "address");
        if (f.ok() && message.address.port() == 0)
            f.fail("address", Tr::tr("must be an IPv4 or IPv6 address with a port"));
        message.bound = f.boolean("bound", false);
        break;
    case K::Blocked:
    case K::Paused:
        message.id = f.requiredInteger("id", 0, maxId);
        break;
    case K::Hold:
        message.id = f.requiredInteger("id", 0, maxId);
        message.pid = f.requiredInteger("pid", 1, maxPid);
        break;
    case K::Call: {
        message.id = f.requiredInteger("id", 0, maxId);
        const QJsonObject event = f.object("event");
        if (!f.ok())
            break;
        QString eventError;
        const std::optional<CallEvent> read = CallCodec::eventFromJson(event, &eventError);
        if (!read)
            f.fail("event", eventError);
        else
            message.event = *read;
        message.pid = message.event.pid;
        if (f.ok() && message.pid <= 0)
            f.fail("event", Tr::tr("pid: the call's process is missing"));
        break;
    }
    case K::Exit:
        message.pid = f.requiredInteger("pid", 1, maxPid);
        message.status = int(f.requiredInteger("status", 0, 255));
        message.tNs = f.requiredInteger("tNs", 0, maxTime);
        break;
    case K::Killed:
    case K::Stopped:
        message.pid = f.requiredInteger("pid", 1, maxPid);
        message.signal = int(f.requiredInteger("signal", 1, 64));
        message.tNs = f.requiredInteger("tNs", 0, maxTime);
        break;
    case K::Continued:
    case K::Detached:
        message.pid = f.requiredInteger("pid", 1, maxPid);
        message.tNs = f.requiredInteger("tNs", 0, maxTime);
        break;
    }
    if (!f.ok())
        return fail(fieldError);
    return message;
}

} // namespace SocketScope
