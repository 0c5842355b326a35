#pragma once

#include "log/eventlog.h"
#include "theme.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

namespace SocketScope {

// The call list as strace would print it: one row per call of the log, in the order the calls
// started; a call still in progress shows that it is blocked and for how long. A traced
// process's end (or exec) has a row where it happened, as strace's "+++ exited with 0 +++".
// Rows hold only the seq: the call or the end itself is read from the log.
class CallLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        SeqColumn,
        ActorColumn,
        CallColumn,
        ResultColumn,
        DurationColumn,
        ExplanationColumn,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role { FailedRole = Qt::UserRole + 1, InProgressRole, ExplanationRole, SeqRole };

    explicit CallLogModel(QObject* parent = nullptr);

    void setLog(const EventLog* log);
    // Moves the clock used for "blocked for ..." on rows in progress.
    void refreshInProgress(qint64 nowNs);
    // The row of the call with this seq, -1 when it has none.
    int rowOf(qint64 seq) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // "Serveur" rather than the scenario's id "server"; an actor not named shows its id.
    void setActorNames(const QHash<QString, QString>& names);
    // The colour of failed results; what they say does not depend on it (a cross and the
    // errno's name).
    void setTheme(const Theme& theme);

private:
    void rebuild();
    void onStarted(qint64 seq);
    void onChanged(qint64 seq);
    QString resultText(qint64 seq) const;
    QVariant endData(const ProcessEnd& end, int column, int role) const;

    QPointer<const EventLog> m_log;
    QList<qint64> m_rows; // seqs, in start order
    qint64 m_nowNs = 0;
    QHash<QString, QString> m_actorNames;
    Theme m_theme = Theme::current();
};

} // namespace SocketScope
