#include "calls/callcodec.h"

#include "calls/callcodec_values.h"
#include "calls/constants.h"
#include "calls/jsonfields.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <netinet/in.h>
#include <sys/un.h>

namespace SocketScope::CallCodec {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(CallCodec)
};

QJsonValue stringOrNull(const QString& text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonObject argumentsToJson(const CallArguments& a)
{
    QJsonObject o;
    put(o, "fd", a.fd, -1);
    if (a.domain != 0)
        o[QLatin1String("domain")] = familyName(a.domain);
    if (a.type != 0)
        o[QLatin1String("type")] = a.type;
    put(o, "protocol", a.protocol, 0);
    putAddress(o, "address", a.address);
    put(o, "address_capacity", qint64(a.addressCapacity), qint64(0));
    put(o, "backlog", a.backlog, 0);
    putHex(o, "payload_hex", a.payload);
    if (!a.vector.isEmpty())
        o[QLatin1String("vector")] = vectorToJson(a.vector);
    if (!a.messages.isEmpty())
        o[QLatin1String("messages")] = messagesToJson(a.messages);
    put(o, "count", a.count, qint64(0));
    put(o, "flags", a.flags, 0);
    put(o, "how", a.how, 0);
    put(o, "level", a.level, 0);
    put(o, "option", a.option, 0);
    if (a.value.kind != OptionValue::Kind::None)
        o[QLatin1String("value")] = optionToJson(a.value);
    if (!a.pollItems.isEmpty())
        o[QLatin1String("poll")] = pollToJson(a.pollItems);
    put(o, "timeout_ms", a.timeoutMs, -1);
    put(o, "host", a.host, QString());
    put(o, "service", a.service, QString());
    put(o, "command", a.command, 0);
    put(o, "command_argument", a.commandArgument, qint64(0));
    put(o, "target_fd", a.targetFd, -1);
    put(o, "operation", a.operation, 0);
    if (a.epollEvent != EpollEvent{})
        o[QLatin1String("epoll_event")] = epollToJson(a.epollEvent);
    put(o, "status", a.status, 0);
    put(o, "program", a.program, QString());
    if (!a.argv.isEmpty())
        o[QLatin1String("argv")] = QJsonArray::fromStringList(a.argv);
    if (a.buffer != 0)
        o[QLatin1String("buffer")] = QString::number(a.buffer);
    if (a.addressBuffer != 0)
        o[QLatin1String("address_buffer")] = QString::number(a.addressBuffer);
    if (a.signalMask != 0)
        o[QLatin1String("signal_mask")] = QString::number(a.signalMask);
    return o;
}

quint64 readPointer(JsonFields& fields, const char* key)
{
    const QString text = fields.string(key, 24);
    if (text.isEmpty())
        return 0;
    bool ok = false;
    const quint64 value = text.toULongLong(&ok);
    if (!ok)
        fields.fail(key, Tr::tr("must be a decimal number"));
    return value;
}

CallArguments argumentsFromJson(JsonFields f)
{
    CallArguments a;
    a.fd = readFd(f, "fd");
    a.domain = readConstant(f, "domain", ConstantKind::Family);
    a.type = readInt(f, "type");
    a.protocol = readInt(f, "protocol");
    a.address = readAddress(f, "address");
    a.addressCapacity = socklen_t(f.integer("address_capacity", 0, 0, sizeof(sockaddr_storage)));
    a.backlog = readInt(f, "backlog");
    a.payload = f.hex("payload_hex", maxPayload);
    a.vector = vectorFromJson(f, "vector");
    a.messages = messagesFromJson(f, "messages");
    // A traced program's sizes are the kernel's to judge: read(fd, buf, 1 << 30) is a call
    // like any other, and epoll_wait() with a negative maxevents fails with EINVAL.
    a.count =
        f.integer("count", 0, std::numeric_limits<int>::min(), std::numeric_limits<qint64>::max());
    a.flags = readInt(f, "flags");
    a.how = readInt(f, "how");
    a.status = readInt(f, "status");
    a.level = readInt(f, "level");
    a.option = readInt(f, "option");
    if (f.has("value"))
        a.value = optionFromJson(f.nested(f.object("value"), f.path("value")));
    a.pollItems = pollFromJson(f, "poll");
    a.timeoutMs = int(f.integer("timeout_ms", -1, std::numeric_limits<int>::min(),
                                std::numeric_limits<int>::max()));
    a.host = f.string("host", 1024);
    a.service = f.string("service", 256);
    a.command = readInt(f, "command");
    a.commandArgument = f.integer("command_argument", 0, -maxTime, maxTime);
    a.targetFd = int(f.integer("target_fd", -1, std::numeric_limits<int>::min(),
                               std::numeric_limits<int>::max()));
    a.operation = readInt(f, "operation");
    if (f.has("epoll_event"))
        a.epollEvent = epollFromJson(f.nested(f.object("epoll_event"), f.path("epoll_event")));
    a.program = f.string("program", 4096);
    a.argv = f.strings("argv", maxItems);
    a.buffer = readPointer(f, "buffer");
    a.addressBuffer = readPointer(f, "address_buffer");
    a.signalMask = readPointer(f, "signal_mask");
    return a;
}

QJsonObject resultsToJson(const CallResults& r)
{
    QJsonObject o;
    putHex(o, "data_hex", r.data);
    putAddress(o, "returned_address", r.returnedAddress);
    put(o, "returned_length", qint64(r.returnedLength), qint64(0));
    if (!r.ready.isEmpty())
        o[QLatin1String("ready")] = pollToJson(r.ready);
    if (!r.resolved.isEmpty()) {
        QJsonArray resolved;
        for (const SocketAddress& address : r.resolved)
            resolved.append(addressToHex(address));
        o[QLatin1String("resolved")] = resolved;
    }
    put(o, "resolved_host", r.resolvedHost, QString());
    put(o, "resolved_service", r.resolvedService, QString());
    if (r.value.kind != OptionValue::Kind::None)
        o[QLatin1String("value")] = optionToJson(r.value);
    put(o, "value_length", qint64(r.valueLength), qint64(0));
    if (!r.fds.isEmpty()) {
        QJsonArray fds;
        for (const int fd : r.fds)
            fds.append(fd);
        o[QLatin1String("fds")] = fds;
    }
    if (!r.epollReady.isEmpty()) {
        QJsonArray ready;
        for (const EpollEvent& event : r.epollReady)
            ready.append(epollToJson(event));
        o[QLatin1String("epoll_ready")] = ready;
    }
    put(o, "command_result", r.commandResult, qint64(0));
    return o;
}

CallResults resultsFromJson(JsonFields f)
{
    CallResults r;
    r.data = f.hex("data_hex", maxPayload);
    r.returnedAddress = readAddress(f, "returned_address");
    r.returnedLength = socklen_t(f.integer("returned_length", 0, 0, 1 << 16));
    r.ready = pollFromJson(f, "ready");
    const QJsonArray resolved = f.array("resolved", maxItems);
    for (qsizetype i = 0; i < resolved.size(); ++i) {
        const QJsonObject holder{{QStringLiteral("a"), resolved[i]}};
        JsonFields item = f.nested(holder, f.path("resolved") + QStringLiteral("[%1]").arg(i));
        r.resolved.append(readAddress(item, "a"));
    }
    r.resolvedHost = f.string("resolved_host", 1025);
    r.resolvedService = f.string("resolved_service", 32);
    if (f.has("value"))
        r.value = optionFromJson(f.nested(f.object("value"), f.path("value")));
    r.valueLength = socklen_t(f.integer("value_length", 0, 0, 1 << 16));
    for (const QJsonValue& fd : f.array("fds", 2)) {
        if (!fd.isDouble() || fd.toInt(-2) < 0)
            f.fail("fds", Tr::tr("must be a list of descriptors"));
        r.fds.append(fd.toInt());
    }
    const QJsonArray ready = f.array("epoll_ready", maxItems);
    for (qsizetype i = 0; i < ready.size(); ++i)
        r.epollReady.append(epollFromJson(
            f.nested(ready[i].toObject(), f.path("epoll_ready") + QStringLiteral("[%1]").arg(i))));
    r.commandResult = f.integer("command_result", 0, -maxTime, maxTime);
    return r;
}

QJsonObject fieldToJson(const TupleField& field)
{
    QJsonObject object;
    object[QLatin1String("value")] = stringOrNull(field.value);
    object[QLatin1String("source")] =
        field.source ? QJsonValue(Calls::name(*field.source)) : QJsonValue(QJsonValue::Null);
    object[QLatin1String("seq")] =
        field.seq > 0 ? QJsonValue(field.seq) : QJsonValue(QJsonValue::Null);
    object[QLatin1String("chosen_by_system")] = field.chosenBySystem;
    return object;
}

std::optional<Call> readCall(JsonFields& fields, const char* key, bool required)
{
    const QString name = required ? fields.requiredString(key, 32) : fields.string(key, 32);
    if (name.isEmpty())
        return std::nullopt;
    const auto call = Calls::fromName(name);
    if (!call)
        fields.fail(key, Tr::tr("\"%1\" is not a call SocketScope knows").arg(name));
    return call;
}

TupleField fieldFromJson(JsonFields f)
{
    TupleField field;
    field.value = f.string("value", 256);
    field.source = readCall(f, "source", false);
    field.seq = f.integer("seq", 0, 0, maxTime);
    field.chosenBySystem = f.boolean("chosen_by_system", false);
    return field;
}

QJsonObject tupleToJson(const SocketTuple& tuple)
{
    QJsonObject object;
    object[QLatin1String("protocol")] = fieldToJson(tuple.protocol);
    object[QLatin1String("local_address")] = fieldToJson(tuple.localAddress);
    object[QLatin1String("local_port")] = fieldToJson(tuple.localPort);
    object[QLatin1String("remote_address")] = fieldToJson(tuple.remoteAddress);
    object[QLatin1String("remote_port")] = fieldToJson(tuple.remotePort);
    object[QLatin1String("per_datagram")] = tuple.perDatagram;
    return object;
}

SocketTuple tupleFromJson(JsonFields f)
{
    const auto field = [&f](const char* key) {
        return fieldFromJson(f.nested(f.object(key), f.path(key)));
    };
    SocketTuple tuple;
    tuple.protocol = field("protocol");
    tuple.localAddress = field("local_address");
    tuple.localPort = field("local_port");
    tuple.remoteAddress = field("remote_address");
    tuple.remotePort = field("remote_port");
    tuple.perDatagram = f.boolean("per_datagram", false);
    return tuple;
}

QJsonObject afterToJson(const DescriptorState& state)
{
    QJsonObject object;
    putAddress(object, "local", state.local);
    putAddress(object, "peer", state.peer);
    if (state.tcpState)
        object[QLatin1String("tcp_state")] = kernelName(*state.tcpState);
    if (state.inode)
        object[QLatin1String("inode")] = qint64(state.inode);
    if (state.peerInode)
        object[QLatin1String("peer_inode")] = qint64(state.peerInode);
    if (state.peerPid)
        object[QLatin1String("peer_pid")] = state.peerPid;
    if (!state.peerCommand.isEmpty())
        object[QLatin1String("peer_command")] = state.peerCommand;
    return object;
}

DescriptorState afterFromJson(JsonFields f)
{
    DescriptorState state;
    state.local = readAddress(f, "local");
    state.peer = readAddress(f, "peer");
    const QString tcpState = f.string("tcp_state", 32);
    if (!tcpState.isEmpty()) {
        state.tcpState = tcpStateFromKernelName(tcpState);
        if (!state.tcpState)
            f.fail("tcp_state", Tr::tr("\"%1\" is not a TCP state").arg(tcpState));
    }
    state.inode = quint64(f.integer("inode", 0, 0, maxInode));
    state.peerInode = quint64(f.integer("peer_inode", 0, 0, maxInode));
    state.peerPid = f.integer("peer_pid", 0, 0, std::numeric_limits<qint32>::max());
    state.peerCommand = f.string("peer_command", 64);
    return state;
}

QString socketTypeName(int type)
{
    return type == 0 ? QString() : constantName(ConstantKind::SocketType, type);
}

} // namespace

void putAddress(QJsonObject& object, const char* key, const SocketAddress& address)
{
    if (address.isValid())
        object[QLatin1String(key)] = addressToHex(address);
}

SocketAddress readAddress(JsonFields& fields, const char* key)
{
    const QByteArray bytes = fields.hex(key, qsizetype(sizeof(sockaddr_storage)));
    if (bytes.isEmpty())
        return {};
    sockaddr_storage storage{};
    if (bytes.size() < qsizetype(sizeof(sa_family_t))) {
        fields.fail(key, Tr::tr("is too short for a sockaddr"));
        return {};
    }
    std::memcpy(&storage, bytes.constData(), size_t(bytes.size()));
    const qsizetype expected = storage.ss_family == AF_INET    ? qsizetype(sizeof(sockaddr_in))
                               : storage.ss_family == AF_INET6 ? qsizetype(sizeof(sockaddr_in6))
                                                               : -1;
    const bool unix =
        storage.ss_family == AF_UNIX && bytes.size() <= qsizetype(sizeof(sockaddr_un));
    if (!unix && bytes.size() != expected) {
        fields.fail(key, Tr::tr("is not a sockaddr_in, sockaddr_in6 or sockaddr_un"));
        return {};
    }
    return SocketAddress(reinterpret_cast<const sockaddr*>(&storage), socklen_t(bytes.size()));
}

QString addressToHex(const SocketAddress& address)
{
    return hex(QByteArray(reinterpret_cast<const char*>(address.data()), address.length()));
}

QJsonObject eventToJson(const CallEvent& e, Texts texts)
{
    QJsonObject o;
    o[QLatin1String("kind")] = QStringLiteral("call");
    o[QLatin1String("seq")] = e.seq;
    o[QLatin1String("step")] = e.step;
    o[QLatin1String("t_ns")] = e.tNs;
    o[QLatin1String("duration_ns")] = e.durationNs;
    o[QLatin1String("actor")] = e.actor;
    o[QLatin1String("call")] = Calls::name(e.call);
    o[QLatin1String("pid")] = e.pid;
    if (!e.childActor.isEmpty())
        o[QLatin1String("child_actor")] = e.childActor;
    o[QLatin1String("fd")] = e.fd() >= 0 ? QJsonValue(e.fd()) : QJsonValue(QJsonValue::Null);
    o[QLatin1String("result_fd")] =
        e.resultFd() >= 0 ? QJsonValue(e.resultFd()) : QJsonValue(QJsonValue::Null);
    o[QLatin1String("ret")] = e.returned() ? QJsonValue(e.ret) : QJsonValue(QJsonValue::Null);
    o[QLatin1String("error")] = e.error;
    if (texts == Texts::Written) {
        const ErrnoInfo error = e.errorInfo();
        o[QLatin1String("args")] = e.argumentsText();
        o[QLatin1String("errno")] = stringOrNull(error.name);
        o[QLatin1String("errno_message")] = stringOrNull(error.message);
        o[QLatin1String("errno_explanation")] = stringOrNull(error.explanation);
        o[QLatin1String("strace")] = e.straceLine();
    }
    o[QLatin1String("cancelled")] = e.cancelled;
    if (e.neverReturned)
        o[QLatin1String("never_returned")] = true;
    o[QLatin1String("blocked")] = e.blocked;
    o[QLatin1String("data_hex")] = stringOrNull(hex(e.transferred()));
    if (e.bytesNotKept > 0)
        o[QLatin1String("bytes_not_kept")] = e.bytesNotKept;
    o[QLatin1String("family")] =
        e.family ? QJsonValue(familyName(e.family)) : QJsonValue(QJsonValue::Null);
    o[QLatin1String("type")] =
        e.socketType ? QJsonValue(socketTypeName(e.socketType)) : QJsonValue(QJsonValue::Null);
    o[QLatin1String("local")] = stringOrNull(e.after.local.endpoint());
    o[QLatin1String("peer")] = stringOrNull(e.after.peer.endpoint());
    o[QLatin1String("tcp_state")] =
        e.after.tcpState ? QJsonValue(kernelName(*e.after.tcpState)) : QJsonValue(QJsonValue::Null);
    o[QLatin1String("arguments")] = argumentsToJson(e.arguments);
    o[QLatin1String("results")] = resultsToJson(e.results);
    o[QLatin1String("after")] = afterToJson(e.after);
    o[QLatin1String("tuple")] = tupleToJson(e.tuple);
    return o;
}

std::optional<CallEvent> eventFromJson(const QJsonObject& object, QString* error)
{
    JsonFields f(object, QString(), error);
    CallEvent e;
    e.seq = f.integer("seq", 0, 0, maxTime);
    e.step = int(f.integer("step", -1, -1, 1 << 20));
    e.tNs = f.requiredInteger("t_ns", 0, maxTime);
    e.durationNs = f.integer("duration_ns", 0, 0, maxTime);
    e.actor = f.string("actor", 256);
    e.pid = f.integer("pid", 0, 0, 1 << 30);
    e.childActor = f.string("child_actor", 256);
    if (const auto call = readCall(f, "call", true))
        e.call = *call;
    e.arguments = argumentsFromJson(f.nested(f.object("arguments"), QStringLiteral("arguments")));
    e.cancelled = f.boolean("cancelled", false);
    e.neverReturned = f.boolean("never_returned", false);
    e.ret = e.returned() ? f.integer("ret", 0, -maxTime, maxTime) : -1;
    e.error = readInt(f, "error");
    e.blocked = f.boolean("blocked", false);
    e.results = resultsFromJson(f.nested(f.object("results"), QStringLiteral("results")));
    e.bytesNotKept = f.integer("bytes_not_kept", 0, 0, maxTime);
    e.family = readConstant(f, "family", ConstantKind::Family);
    e.socketType = readConstant(f, "type", ConstantKind::SocketType);
    e.after = afterFromJson(f.nested(f.object("after"), QStringLiteral("after")));
    e.tuple = tupleFromJson(f.nested(f.object("tuple"), QStringLiteral("tuple")));
    if (!f.ok())
        return std::nullopt;
    return e;
}

QJsonObject requestToJson(const CallRequest& request)
{
    return QJsonObject{{QStringLiteral("call"), Calls::name(request.call)},
                       {QStringLiteral("arguments"), argumentsToJson(request.arguments)},
                       {QStringLiteral("descriptor_domain"), request.descriptorDomain},
                       {QStringLiteral("descriptor_type"), request.descriptorType}};
}

std::optional<CallRequest> requestFromJson(const QJsonObject& object, QString* error)
{
    JsonFields f(object, QString(), error);
    CallRequest request;
    if (const auto call = readCall(f, "call", true))
        request.call = *call;
    request.arguments =
        argumentsFromJson(f.nested(f.object("arguments"), QStringLiteral("arguments")));
    request.descriptorDomain = readInt(f, "descriptor_domain");
    request.descriptorType = readInt(f, "descriptor_type");
    if (!f.ok())
        return std::nullopt;
    return request;
}

} // namespace SocketScope::CallCodec
