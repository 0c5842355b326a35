#include "calls/callcodec.h"

#include <QJsonArray>

namespace SocketScope::CallCodec {

namespace {

QString hex(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

QByteArray unhex(const QJsonValue& value)
{
    return QByteArray::fromHex(value.toString().toLatin1());
}

QString addressHex(const SocketAddress& address)
{
    return hex(QByteArray(reinterpret_cast<const char*>(address.data()), address.length()));
}

SocketAddress addressFrom(const QJsonValue& value)
{
    const QByteArray bytes = unhex(value);
    if (bytes.isEmpty() || bytes.size() > qsizetype(sizeof(sockaddr_storage)))
        return {};
    return SocketAddress(reinterpret_cast<const sockaddr*>(bytes.constData()),
                         socklen_t(bytes.size()));
}

} // namespace

QJsonObject requestToJson(const CallRequest& r, int domain, int type)
{
    QJsonArray poll;
    for (const CallRequest::PollItem& item : r.pollItems)
        poll.append(QJsonArray{item.fd, item.events});
    return QJsonObject{
        {QStringLiteral("call"), r.call},
        {QStringLiteral("fd"), r.fd},
        {QStringLiteral("domain"), r.domain},
        {QStringLiteral("type"), r.type},
        {QStringLiteral("protocol"), r.protocol},
        {QStringLiteral("address"), addressHex(r.address)},
        {QStringLiteral("address_capacity"), int(r.addressCapacity)},
        {QStringLiteral("backlog"), r.backlog},
        {QStringLiteral("payload"), hex(r.payload)},
        {QStringLiteral("count"), r.count},
        {QStringLiteral("flags"), r.flags},
        {QStringLiteral("how"), r.how},
        {QStringLiteral("level"), r.level},
        {QStringLiteral("option"), r.option},
        {QStringLiteral("option_value"), r.optionValue},
        {QStringLiteral("linger"), r.lingerSeconds},
        {QStringLiteral("group"), r.group},
        {QStringLiteral("interface"), r.interfaceAddress},
        {QStringLiteral("poll"), poll},
        {QStringLiteral("timeout_ms"), r.timeoutMs},
        {QStringLiteral("host"), r.host},
        {QStringLiteral("service"), r.service},
        {QStringLiteral("non_blocking"), r.descriptorIsNonBlocking},
        {QStringLiteral("fd_domain"), domain},
        {QStringLiteral("fd_type"), type},
    };
}

std::optional<CallRequest> requestFromJson(const QJsonObject& o, int* domain, int* type)
{
    if (!o.value(QLatin1String("call")).isString())
        return std::nullopt;
    CallRequest r;
    const auto integer = [&o](const char* key) {
        return o.value(QLatin1String(key)).toInt();
    };
    r.call = o.value(QLatin1String("call")).toString();
    r.fd = integer("fd");
    r.domain = integer("domain");
    r.type = integer("type");
    r.protocol = integer("protocol");
    r.address = addressFrom(o.value(QLatin1String("address")));
    r.addressCapacity =
        socklen_t(qBound(0, integer("address_capacity"), int(sizeof(sockaddr_storage))));
    r.backlog = integer("backlog");
    r.payload = unhex(o.value(QLatin1String("payload")));
    r.count = qBound(0, integer("count"), 1 << 20);
    r.flags = integer("flags");
    r.how = integer("how");
    r.level = integer("level");
    r.option = integer("option");
    r.optionValue = integer("option_value");
    r.lingerSeconds = integer("linger");
    r.group = o.value(QLatin1String("group")).toString();
    r.interfaceAddress = o.value(QLatin1String("interface")).toString();
    for (const QJsonValue& item : o.value(QLatin1String("poll")).toArray()) {
        const QJsonArray pair = item.toArray();
        r.pollItems.append({pair.at(0).toInt(-1), short(pair.at(1).toInt())});
    }
    r.timeoutMs = o.value(QLatin1String("timeout_ms")).toInt(-1);
    r.host = o.value(QLatin1String("host")).toString();
    r.service = o.value(QLatin1String("service")).toString();
    r.descriptorIsNonBlocking = o.value(QLatin1String("non_blocking")).toBool();
    *domain = integer("fd_domain");
    *type = integer("fd_type");
    return r;
}

QJsonObject resultToJson(const CallEvent& e, qint64 pid)
{
    return QJsonObject{
        {QStringLiteral("pid"), pid},
        {QStringLiteral("t_ns"), e.tNs},
        {QStringLiteral("duration_ns"), e.durationNs},
        {QStringLiteral("call"), e.call},
        {QStringLiteral("fd"), e.fd},
        {QStringLiteral("result_fd"), e.resultFd},
        {QStringLiteral("args"), e.args},
        {QStringLiteral("ret"), e.ret},
        {QStringLiteral("ret_detail"), e.retDetail},
        {QStringLiteral("errno"), e.errnoValue},
        {QStringLiteral("errno_name"), e.errnoName},
        {QStringLiteral("errno_message"), e.errnoMessage},
        {QStringLiteral("errno_explanation"), e.errnoExplanation},
        {QStringLiteral("cancelled"), e.cancelled},
        {QStringLiteral("data"), hex(e.data)},
        {QStringLiteral("address"), addressHex(e.address)},
        {QStringLiteral("returned_address"), addressHex(e.returnedAddress)},
        {QStringLiteral("local"), e.local},
        {QStringLiteral("peer"), e.peer},
        {QStringLiteral("tcp_state"), e.tcpState},
    };
}

CallEvent resultFromJson(const QJsonObject& o, qint64* pid)
{
    CallEvent e;
    const auto text = [&o](const char* key) {
        return o.value(QLatin1String(key)).toString();
    };
    *pid = o.value(QLatin1String("pid")).toInteger();
    e.tNs = o.value(QLatin1String("t_ns")).toInteger();
    e.durationNs = o.value(QLatin1String("duration_ns")).toInteger();
    e.call = text("call");
    e.fd = o.value(QLatin1String("fd")).toInt(-1);
    e.resultFd = o.value(QLatin1String("result_fd")).toInt(-1);
    e.args = text("args");
    e.ret = o.value(QLatin1String("ret")).toInteger();
    e.retDetail = text("ret_detail");
    e.errnoValue = o.value(QLatin1String("errno")).toInt();
    e.errnoName = text("errno_name");
    e.errnoMessage = text("errno_message");
    e.errnoExplanation = text("errno_explanation");
    e.cancelled = o.value(QLatin1String("cancelled")).toBool();
    e.data = unhex(o.value(QLatin1String("data")));
    e.address = addressFrom(o.value(QLatin1String("address")));
    e.returnedAddress = addressFrom(o.value(QLatin1String("returned_address")));
    e.local = text("local");
    e.peer = text("peer");
    e.tcpState = text("tcp_state");
    return e;
}

} // namespace SocketScope::CallCodec
