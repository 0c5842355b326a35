#include "calls/sockettuple.h"

#include <QJsonValue>

namespace SocketScope {

QJsonObject TupleField::toJson() const
{
    QJsonObject object;
    object[QLatin1String("value")] =
        value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
    object[QLatin1String("source")] =
        source.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(source);
    object[QLatin1String("seq")] = seq > 0 ? QJsonValue(seq) : QJsonValue(QJsonValue::Null);
    object[QLatin1String("chosen_by_system")] = chosenBySystem;
    return object;
}

QJsonObject SocketTuple::toJson() const
{
    QJsonObject object;
    object[QLatin1String("protocol")] = protocol.toJson();
    object[QLatin1String("local_address")] = localAddress.toJson();
    object[QLatin1String("local_port")] = localPort.toJson();
    object[QLatin1String("remote_address")] = remoteAddress.toJson();
    object[QLatin1String("remote_port")] = remotePort.toJson();
    object[QLatin1String("per_datagram")] = perDatagram;
    return object;
}

} // namespace SocketScope
