#include "calllogmodel.h"

#include "sources/session.h"

#include <QBrush>
#include <QColor>

namespace SocketScope {

CallLogModel::CallLogModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void CallLogModel::setSession(Session* session)
{
    if (m_session == session)
        return;
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    clear();
    if (!m_session)
        return;
    connect(m_session, &Session::callStarted, this, &CallLogModel::onStarted);
    connect(m_session, &Session::callBlocked, this, &CallLogModel::onBlocked);
    connect(m_session, &Session::eventAppended, this, &CallLogModel::onFinished);
    connect(m_session, &Session::wasReset, this, &CallLogModel::clear);
    for (const CallEvent& event : m_session->log().calls())
        onFinished(event);
}

void CallLogModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int CallLogModel::rowOf(qint64 seq) const
{
    for (qsizetype i = m_rows.size() - 1; i >= 0; --i) {
        if (m_rows[i].start.seq == seq)
            return int(i);
    }
    return -1;
}

void CallLogModel::onStarted(const CallStart& start)
{
    if (rowOf(start.seq) >= 0)
        return;
    // Rows stay in start order: a call that started earlier may finish later.
    qsizetype position = m_rows.size();
    while (position > 0 && m_rows[position - 1].start.seq > start.seq)
        --position;
    beginInsertRows({}, int(position), int(position));
    m_rows.insert(position, Row{start, std::nullopt, false});
    endInsertRows();
}

void CallLogModel::onBlocked(qint64 seq)
{
    const int row = rowOf(seq);
    if (row < 0)
        return;
    m_rows[row].blocked = true;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void CallLogModel::onFinished(const CallEvent& event)
{
    int row = rowOf(event.seq);
    if (row < 0) {
        CallStart start;
        start.seq = event.seq;
        start.step = event.step;
        start.tNs = event.tNs;
        start.actor = event.actor;
        start.call = event.call;
        start.fd = event.fd;
        onStarted(start);
        row = rowOf(event.seq);
    }
    m_rows[row].event = event;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void CallLogModel::refreshInProgress(qint64 nowNs)
{
    m_nowNs = nowNs;
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        if (!m_rows[row].event)
            Q_EMIT dataChanged(index(int(row), ResultColumn), index(int(row), DurationColumn));
    }
}

int CallLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CallLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString CallLogModel::resultText(const Row& row) const
{
    if (!row.event) {
        const double seconds = double(qMax<qint64>(0, m_nowNs - row.start.tNs)) / 1e9;
        return row.blocked ? tr("blocked for %1 s").arg(seconds, 0, 'f', 1) : tr("in progress");
    }
    const CallEvent& event = *row.event;
    if (event.cancelled)
        return tr("cancelled");
    if (event.errnoValue != 0)
        return QStringLiteral("%1 %2 (%3)").arg(event.ret).arg(event.errnoName, event.errnoMessage);
    return event.retDetail.isEmpty()
               ? QString::number(event.ret)
               : QString::number(event.ret) + QLatin1Char(' ') + event.retDetail;
}

QVariant CallLogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows.at(index.row());
    const bool failed = row.event && row.event->failed();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeqColumn:
            return row.start.seq;
        case ActorColumn:
            return row.start.actor;
        case CallColumn:
            if (row.event)
                return row.event->call + QLatin1Char('(') + row.event->args + QLatin1Char(')');
            return QStringLiteral("%1(%2, ...)").arg(row.start.call).arg(row.start.fd);
        case ResultColumn:
            return resultText(row);
        case ExplanationColumn:
            return row.event && row.event->errnoValue != 0 ? row.event->errnoExplanation
                                                           : QString();
        case DurationColumn: {
            const qint64 ns = row.event ? row.event->durationNs : m_nowNs - row.start.tNs;
            return QStringLiteral("%1 ms").arg(double(qMax<qint64>(0, ns)) / 1e6, 0, 'f', 3);
        }
        }
        return {};
    case Qt::ToolTipRole:
    case ExplanationRole:
        if (row.event && row.event->errnoValue != 0)
            return row.event->errnoExplanation;
        return {};
    case Qt::ForegroundRole:
        if (failed && (index.column() == ResultColumn || index.column() == ExplanationColumn))
            return QBrush(QColor(0xb0, 0x00, 0x20));
        return {};
    case FailedRole:
        return failed;
    case InProgressRole:
        return !row.event.has_value();
    }
    return {};
}

QVariant CallLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeqColumn:
        return tr("#");
    case ActorColumn:
        return tr("Actor");
    case CallColumn:
        return tr("Call");
    case ResultColumn:
        return tr("Result");
    case DurationColumn:
        return tr("Duration");
    case ExplanationColumn:
        return tr("Explanation");
    }
    return {};
}

} // namespace SocketScope
