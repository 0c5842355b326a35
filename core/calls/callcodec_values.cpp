#include "calls/callcodec_values.h"

#include "calls/constants.h"

#include <QCoreApplication>

#include <limits>

namespace SocketScope::CallCodec {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(CallCodec)
};

} // namespace

int readConstant(JsonFields& fields, const char* key, ConstantKind kind)
{
    const QString name = fields.string(key, 64);
    if (name.isEmpty())
        return 0;
    if (const auto value = constantValue(kind, name))
        return *value;
    bool isNumber = false;
    const int number = name.toInt(&isNumber);
    if (isNumber)
        return number;
    fields.fail(
        key,
        Tr::tr("\"%1\" is not one of %2").arg(name, constantNames(kind).join(QLatin1String(", "))));
    return 0;
}

int readFd(JsonFields& fields, const char* key)
{
    return int(fields.integer(key, -1, -1, maxFd));
}

int readInt(JsonFields& fields, const char* key)
{
    return int(
        fields.integer(key, 0, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
}

QJsonObject optionToJson(const OptionValue& value)
{
    QJsonObject object;
    if (value.kind == OptionValue::Kind::None)
        return object;
    static const char* const kinds[] = {"none",      "integer", "linger", "multicast_request",
                                        "interface", "timeval", "bytes"};
    object[QLatin1String("kind")] = QLatin1String(kinds[int(value.kind)]);
    put(object, "integer", value.integer, 0);
    put(object, "linger", value.lingerSeconds, 0);
    put(object, "group", value.group, QString());
    put(object, "interface", value.interface, QString());
    put(object, "microseconds", value.microseconds, qint64(0));
    putHex(object, "bytes_hex", value.bytes);
    return object;
}

OptionValue optionFromJson(JsonFields fields)
{
    OptionValue value;
    const QString kind = fields.string("kind", 32);
    static const QStringList kinds{QStringLiteral("none"),      QStringLiteral("integer"),
                                   QStringLiteral("linger"),    QStringLiteral("multicast_request"),
                                   QStringLiteral("interface"), QStringLiteral("timeval"),
                                   QStringLiteral("bytes")};
    const qsizetype index = kind.isEmpty() ? 0 : kinds.indexOf(kind);
    if (index < 0) {
        fields.fail("kind",
                    Tr::tr("\"%1\" is not one of %2").arg(kind, kinds.join(QLatin1String(", "))));
        return value;
    }
    value.kind = OptionValue::Kind(index);
    value.integer = readInt(fields, "integer");
    value.lingerSeconds = readInt(fields, "linger");
    value.group = fields.string("group", 64);
    value.interface = fields.string("interface", 64);
    value.microseconds = fields.integer("microseconds", 0, 0, maxTime);
    value.bytes = fields.hex("bytes_hex", 4096);
    return value;
}

QJsonArray pollToJson(const QList<PollEntry>& entries)
{
    QJsonArray array;
    for (const PollEntry& entry : entries)
        array.append(QJsonArray{entry.fd, entry.events, entry.revents});
    return array;
}

QList<PollEntry> pollFromJson(JsonFields& fields, const char* key)
{
    QList<PollEntry> entries;
    for (const QJsonValue& item : fields.array(key, maxItems)) {
        const QJsonArray triple = item.toArray();
        const auto valid = [](const QJsonValue& v, int min, int max) {
            return v.isDouble() && v.toDouble() == double(v.toInt()) && v.toInt() >= min &&
                   v.toInt() <= max;
        };
        // poll() ignores a negative descriptor, whatever its value.
        if (triple.size() != 3 ||
            !valid(triple[0], std::numeric_limits<int>::min(), std::numeric_limits<int>::max()) ||
            !valid(triple[1], -32768, 32767) || !valid(triple[2], -32768, 32767)) {
            fields.fail(key, Tr::tr("must be a list of [fd, events, revents]"));
            return {};
        }
        entries.append({triple[0].toInt(), short(triple[1].toInt()), short(triple[2].toInt())});
    }
    return entries;
}

QJsonArray vectorToJson(const QList<IoBuffer>& buffers)
{
    QJsonArray array;
    for (const IoBuffer& buffer : buffers)
        array.append(QJsonObject{{QStringLiteral("len"), buffer.length},
                                 {QStringLiteral("bytes_hex"), hex(buffer.bytes)}});
    return array;
}

QList<IoBuffer> vectorFromJson(JsonFields& fields, const char* key)
{
    QList<IoBuffer> buffers;
    const QJsonArray items = fields.array(key, maxItems);
    for (qsizetype i = 0; i < items.size(); ++i) {
        JsonFields item =
            fields.nested(items[i].toObject(), fields.path(key) + QStringLiteral("[%1]").arg(i));
        buffers.append({item.integer("len", 0, 0, std::numeric_limits<qint64>::max()),
                        item.hex("bytes_hex", maxPayload)});
    }
    return buffers;
}

QJsonArray messagesToJson(const QList<MultiMessage>& messages)
{
    QJsonArray array;
    for (const MultiMessage& message : messages) {
        QJsonObject item{{QStringLiteral("vector"), vectorToJson(message.vector)},
                         {QStringLiteral("len"), message.length}};
        putAddress(item, "address", message.address);
        if (message.addressLength != 0)
            item[QLatin1String("address_length")] = qint64(message.addressLength);
        array.append(item);
    }
    return array;
}

QList<MultiMessage> messagesFromJson(JsonFields& fields, const char* key)
{
    QList<MultiMessage> messages;
    const QJsonArray items = fields.array(key, maxItems);
    for (qsizetype i = 0; i < items.size(); ++i) {
        JsonFields item =
            fields.nested(items[i].toObject(), fields.path(key) + QStringLiteral("[%1]").arg(i));
        MultiMessage message;
        message.address = readAddress(item, "address");
        message.addressLength =
            socklen_t(item.integer("address_length", 0, 0, std::numeric_limits<quint32>::max()));
        message.vector = vectorFromJson(item, "vector");
        message.length = item.integer("len", 0, 0, std::numeric_limits<quint32>::max());
        messages.append(message);
    }
    return messages;
}

QJsonObject epollToJson(const EpollEvent& event)
{
    return QJsonObject{{QStringLiteral("events"), qint64(event.events)},
                       {QStringLiteral("data"), QString::number(event.data)}};
}

EpollEvent epollFromJson(JsonFields fields)
{
    EpollEvent event;
    event.events = quint32(fields.integer("events", 0, 0, 0xffffffffLL));
    bool ok = true;
    const QString data = fields.string("data", 24);
    event.data = data.isEmpty() ? 0 : data.toULongLong(&ok);
    if (!ok)
        fields.fail("data", Tr::tr("must be a decimal number"));
    return event;
}

} // namespace SocketScope::CallCodec
