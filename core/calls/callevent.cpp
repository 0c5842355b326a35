#include "calls/callevent.h"

#include <QJsonValue>

#include <ctime>

namespace SocketScope {

namespace {

QJsonValue stringOrNull(const QString& text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace

qint64 monotonicNowNs()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

QString CallEvent::straceLine() const
{
    const QString head = call + QLatin1Char('(') + args + QLatin1Char(')');
    if (cancelled)
        return head + QStringLiteral(" = ? <cancelled>");
    if (errnoValue != 0) {
        return head + QStringLiteral(" = %1 %2 (%3)").arg(ret).arg(errnoName, errnoMessage);
    }
    QString line = head + QStringLiteral(" = ") + QString::number(ret);
    if (!retDetail.isEmpty())
        line += QLatin1Char(' ') + retDetail;
    return line;
}

QJsonObject CallEvent::toJson() const
{
    QJsonObject object;
    object[QLatin1String("kind")] = QStringLiteral("call");
    object[QLatin1String("seq")] = seq;
    object[QLatin1String("step")] = step;
    object[QLatin1String("t_ns")] = tNs;
    object[QLatin1String("duration_ns")] = durationNs;
    object[QLatin1String("actor")] = actor;
    object[QLatin1String("call")] = call;
    object[QLatin1String("pid")] = pid;
    if (!childActor.isEmpty())
        object[QLatin1String("child_actor")] = childActor;
    object[QLatin1String("fd")] = fd >= 0 ? QJsonValue(fd) : QJsonValue(QJsonValue::Null);
    object[QLatin1String("result_fd")] =
        resultFd >= 0 ? QJsonValue(resultFd) : QJsonValue(QJsonValue::Null);
    object[QLatin1String("args")] = args;
    object[QLatin1String("ret")] = cancelled ? QJsonValue(QJsonValue::Null) : QJsonValue(ret);
    object[QLatin1String("errno")] = stringOrNull(errnoName);
    object[QLatin1String("errno_message")] = stringOrNull(errnoMessage);
    object[QLatin1String("errno_explanation")] = stringOrNull(errnoExplanation);
    object[QLatin1String("cancelled")] = cancelled;
    object[QLatin1String("data_hex")] = stringOrNull(QString::fromLatin1(data.toHex()));
    object[QLatin1String("family")] =
        family ? QJsonValue(familyName(family)) : QJsonValue(QJsonValue::Null);
    object[QLatin1String("type")] =
        socketType == SOCK_STREAM  ? QJsonValue(QStringLiteral("SOCK_STREAM"))
        : socketType == SOCK_DGRAM ? QJsonValue(QStringLiteral("SOCK_DGRAM"))
                                   : QJsonValue(QJsonValue::Null);
    object[QLatin1String("local")] = stringOrNull(local);
    object[QLatin1String("peer")] = stringOrNull(peer);
    object[QLatin1String("tcp_state")] = stringOrNull(tcpState);
    object[QLatin1String("tuple")] = tuple.toJson();
    object[QLatin1String("strace")] = straceLine();
    return object;
}

} // namespace SocketScope
