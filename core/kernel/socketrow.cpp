#include "kernel/socketrow.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocale>

namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(SocketRow)
};

} // namespace

QString socketTimerName(SocketTimer timer)
{
    switch (timer) {
    case SocketTimer::None:
        return {};
    case SocketTimer::Retransmit:
        return QStringLiteral("on");
    case SocketTimer::Keepalive:
        return QStringLiteral("keepalive");
    case SocketTimer::TimeWait:
        return QStringLiteral("timewait");
    case SocketTimer::ZeroWindowProbe:
        return QStringLiteral("persist");
    }
    return {};
}

QString SocketRow::timerText() const
{
    QString name;
    switch (timer) {
    case SocketTimer::None:
        return {};
    case SocketTimer::Retransmit:
        name = Tr::tr("retransmission");
        break;
    case SocketTimer::Keepalive:
        name = Tr::tr("keepalive");
        break;
    case SocketTimer::TimeWait:
        name = Tr::tr("TIME_WAIT");
        break;
    case SocketTimer::ZeroWindowProbe:
        name = Tr::tr("zero-window probe");
        break;
    }
    const QString left =
        Tr::tr("%1 (%2 s left)")
            .arg(name, QLocale().toString(double(timerExpiresMs) / 1000.0, 'f', 1));
    return timerRetransmits
               ? Tr::tr("%1, %n retransmission(s)", nullptr, int(timerRetransmits)).arg(left)
               : left;
}

QString SocketRow::ownersText() const
{
    // Concatenated, not arg(): the command line formats ten thousand of these.
    QString text;
    for (const SocketOwner& owner : owners) {
        if (!text.isEmpty())
            text += QStringLiteral(", ");
        text += owner.command + QStringLiteral(" (") + QString::number(owner.pid) +
                QStringLiteral(") fd ") + QString::number(owner.fd);
    }
    return text;
}

QJsonObject TcpInfo::toJson() const
{
    return QJsonObject{
        {QStringLiteral("rtt_us"), qint64(rttUs)},
        {QStringLiteral("rttvar_us"), qint64(rttVarUs)},
        {QStringLiteral("rto_us"), qint64(rtoUs)},
        {QStringLiteral("cwnd"), qint64(congestionWindow)},
        {QStringLiteral("ssthresh"),
         slowStartThresholdIsInfinite() ? QJsonValue() : QJsonValue(qint64(slowStartThreshold))},
        {QStringLiteral("snd_mss"), qint64(sendMss)},
        {QStringLiteral("rcv_mss"), qint64(receiveMss)},
        {QStringLiteral("wscale"),
         windowScaling
             ? QJsonValue(QStringLiteral("%1,%2").arg(sendWindowScale).arg(receiveWindowScale))
             : QJsonValue()},
        {QStringLiteral("retransmits"), qint64(retransmits)},
        {QStringLiteral("total_retransmits"), qint64(totalRetransmits)},
        {QStringLiteral("unacked"), qint64(unacked)},
        {QStringLiteral("bytes_acked"), qint64(bytesAcked)},
        {QStringLiteral("bytes_received"), qint64(bytesReceived)},
        {QStringLiteral("segs_out"), qint64(segmentsOut)},
        {QStringLiteral("segs_in"), qint64(segmentsIn)},
        {QStringLiteral("last_data_sent_ms"), qint64(lastDataSentMs)},
        {QStringLiteral("last_data_recv_ms"), qint64(lastDataReceivedMs)},
    };
}

QJsonObject SocketRow::toJson() const
{
    QJsonObject object{
        {QStringLiteral("protocol"), protocol},
        {QStringLiteral("type"), socketType.isEmpty() ? QJsonValue() : QJsonValue(socketType)},
        {QStringLiteral("state"), state},
        {QStringLiteral("local"), local},
        {QStringLiteral("peer"), peer},
        {QStringLiteral("recv_q"), qint64(recvQ)},
        {QStringLiteral("send_q"), qint64(sendQ)},
        {QStringLiteral("uid"), qint64(uid)},
        {QStringLiteral("inode"), qint64(inode)},
        {QStringLiteral("pid"), owners.isEmpty() ? QJsonValue() : QJsonValue(owners.first().pid)},
        {QStringLiteral("process"),
         owners.isEmpty() ? QJsonValue() : QJsonValue(owners.first().command)},
        {QStringLiteral("timer"),
         timer == SocketTimer::None ? QJsonValue() : QJsonValue(socketTimerName(timer))},
        {QStringLiteral("timer_expires_ms"),
         timer == SocketTimer::None ? QJsonValue() : QJsonValue(qint64(timerExpiresMs))},
    };
    if (owners.size() > 1) {
        QJsonArray all;
        for (const SocketOwner& owner : owners)
            all.append(QJsonObject{{QStringLiteral("pid"), owner.pid},
                                   {QStringLiteral("fd"), owner.fd},
                                   {QStringLiteral("process"), owner.command}});
        object[QStringLiteral("owners")] = all;
    }
    if (tcpInfo)
        object[QStringLiteral("tcp_info")] = tcpInfo->toJson();
    return object;
}

} // namespace SocketScope
