#include "calllogmodel.h"

#include "sources/tracesource.h"

#include <QBrush>
#include <QColor>

#include <algorithm>

namespace SocketScope {

CallLogModel::CallLogModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void CallLogModel::setLog(const EventLog* log)
{
    if (m_log == log)
        return;
    if (m_log)
        disconnect(m_log, nullptr, this, nullptr);
    m_log = log;
    if (m_log) {
        connect(m_log, &EventLog::callStarted, this,
                [this](const CallStart& start) { onStarted(start.seq); });
        connect(m_log, &EventLog::callBlocked, this, &CallLogModel::onChanged);
        connect(m_log, &EventLog::callAppended, this, [this](const CallEvent& event) {
            if (rowOf(event.seq) < 0)
                onStarted(event.seq);
            else
                onChanged(event.seq);
        });
        connect(m_log, &EventLog::processEndAppended, this,
                [this](const ProcessEnd& end) { onStarted(end.seq); });
        connect(m_log, &EventLog::wasReset, this, &CallLogModel::rebuild);
    }
    rebuild();
}

void CallLogModel::rebuild()
{
    beginResetModel();
    m_rows.clear();
    if (m_log) {
        for (const CallEvent& event : m_log->calls())
            m_rows.append(event.seq);
        for (const CallStart& start : m_log->callsInProgress())
            m_rows.append(start.seq);
        for (const ProcessEnd& end : m_log->processEnds())
            m_rows.append(end.seq);
        std::sort(m_rows.begin(), m_rows.end());
    }
    endResetModel();
}

int CallLogModel::rowOf(qint64 seq) const
{
    const auto found = std::lower_bound(m_rows.cbegin(), m_rows.cend(), seq);
    return found != m_rows.cend() && *found == seq ? int(found - m_rows.cbegin()) : -1;
}

void CallLogModel::onStarted(qint64 seq)
{
    if (rowOf(seq) >= 0)
        return;
    // Rows stay in start order: a call that started earlier may finish later.
    const int position =
        int(std::lower_bound(m_rows.cbegin(), m_rows.cend(), seq) - m_rows.cbegin());
    beginInsertRows({}, position, position);
    m_rows.insert(position, seq);
    endInsertRows();
}

void CallLogModel::onChanged(qint64 seq)
{
    const int row = rowOf(seq);
    if (row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void CallLogModel::refreshInProgress(qint64 nowNs)
{
    m_nowNs = nowNs;
    if (!m_log)
        return;
    for (const CallStart& start : m_log->callsInProgress()) {
        const int row = rowOf(start.seq);
        if (row >= 0)
            Q_EMIT dataChanged(index(row, ResultColumn), index(row, DurationColumn));
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

QString CallLogModel::resultText(qint64 seq) const
{
    if (const CallEvent* event = m_log->call(seq)) {
        if (event->cancelled)
            return tr("cancelled");
        if (event->neverReturned && Calls::has(event->call, CallTrait::EndsProcess))
            return tr("the process ends");
        if (event->neverReturned)
            return tr("never returned: the process ended");
        // Not in red alone: a cross says it failed to those who do not see the red.
        return event->failed() ? QStringLiteral("\u2717 ") + event->resultText()
                               : event->resultText();
    }
    const CallStart* start = m_log->callInProgress(seq);
    const double seconds = double(qMax<qint64>(0, m_nowNs - (start ? start->tNs : 0))) / 1e9;
    return start && start->blocked ? tr("blocked for %1 s").arg(seconds, 0, 'f', 1)
                                   : tr("in progress");
}

QVariant CallLogModel::data(const QModelIndex& index, int role) const
{
    if (!m_log ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const qint64 seq = m_rows.at(index.row());
    const CallEvent* event = m_log->call(seq);
    const CallStart* start = event ? nullptr : m_log->callInProgress(seq);
    if (!event && !start) {
        const ProcessEnd* end = m_log->processEnd(seq);
        return end ? endData(*end, index.column(), role) : QVariant();
    }
    const bool failed = event && event->failed();
    const QString explanation =
        event && event->error != 0 ? event->errorInfo().explanation : QString();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeqColumn:
            return seq;
        case ActorColumn: {
            const QString& actor = event ? event->actor : start->actor;
            return m_actorNames.value(actor, actor);
        }
        case CallColumn:
            if (event)
                return Calls::name(event->call) + QLatin1Char('(') +
                       event->argumentsText(BytesText::Display) + QLatin1Char(')');
            // Its arguments are known once it returns; the descriptor it waits on, now.
            if (Calls::has(start->call, CallTrait::TakesDescriptor))
                return QStringLiteral("%1(%2, ...)").arg(Calls::name(start->call)).arg(start->fd);
            return Calls::name(start->call) + QStringLiteral("(...)");
        case ResultColumn:
            return resultText(seq);
        case ExplanationColumn:
            return explanation;
        case DurationColumn: {
            const qint64 ns = event ? event->durationNs : m_nowNs - start->tNs;
            return QStringLiteral("%1 ms").arg(double(qMax<qint64>(0, ns)) / 1e6, 0, 'f', 3);
        }
        }
        return {};
    case Qt::ToolTipRole:
        // The call may be cut at the column's edge: the whole of it, port and all.
        if (index.column() == CallColumn)
            return event ? event->straceLine() : data(index, Qt::DisplayRole);
        return explanation.isEmpty() ? QVariant() : QVariant(explanation);
    case ExplanationRole:
        return explanation.isEmpty() ? QVariant() : QVariant(explanation);
    case Qt::ForegroundRole:
        if (failed && (index.column() == ResultColumn || index.column() == ExplanationColumn))
            return QBrush(m_theme.error);
        return {};
    case FailedRole:
        return failed;
    case InProgressRole:
        return event == nullptr;
    case SeqRole:
        return seq;
    }
    return {};
}

QVariant CallLogModel::endData(const ProcessEnd& end, int column, int role) const
{
    QStringList closed;
    for (const int fd : end.closed)
        closed << QString::number(fd);
    const QString explanation =
        end.exec ? tr("The process runs another program: the kernel closed its close-on-exec "
                      "sockets, the others live on in the new program.")
                 : tr("The process ended: the kernel closed every descriptor it still held.");
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case SeqColumn:
            return end.seq;
        case ActorColumn:
            return m_actorNames.value(end.actor, end.actor);
        case CallColumn:
            if (end.exec)
                return tr("exec: the kernel closed %1 (close-on-exec)")
                    .arg(closed.join(QStringLiteral(", ")));
            return end.signal != 0
                       ? tr("+++ killed by %1 +++").arg(TraceSource::signalName(end.signal))
                       : tr("+++ exited with %1 +++").arg(end.status);
        case ExplanationColumn:
            return explanation;
        default:
            return {};
        }
    case Qt::ToolTipRole:
    case ExplanationRole:
        return explanation;
    case FailedRole:
    case InProgressRole:
        return false;
    case SeqRole:
        return end.seq;
    default:
        return {};
    }
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

void CallLogModel::setActorNames(const QHash<QString, QString>& names)
{
    if (m_actorNames == names)
        return;
    m_actorNames = names;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, ActorColumn), index(rowCount() - 1, ActorColumn));
}

void CallLogModel::setTheme(const Theme& theme)
{
    if (m_theme == theme)
        return;
    m_theme = theme;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
                           {Qt::ForegroundRole});
}

} // namespace SocketScope
