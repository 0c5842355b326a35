#pragma once

#include "calls/callevent.h"

#include <QAbstractTableModel>
#include <QList>

namespace SocketScope {

class Session;

// The call list as strace would print it: one row per call of the session, in the order the
// calls started; a call still in progress shows that it is blocked and for how long.
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
    enum Role { FailedRole = Qt::UserRole + 1, InProgressRole, ExplanationRole };

    explicit CallLogModel(QObject* parent = nullptr);

    void setSession(Session* session);
    // Moves the clock used for "blocked for ..." on rows in progress.
    void refreshInProgress(qint64 nowNs);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Row {
        CallStart start;
        std::optional<CallEvent> event; // empty while the call is in progress
        bool blocked = false;
    };

    void clear();
    void onStarted(const CallStart& start);
    void onBlocked(qint64 seq);
    void onFinished(const CallEvent& event);
    int rowOf(qint64 seq) const;
    QString resultText(const Row& row) const;

    Session* m_session = nullptr;
    QList<Row> m_rows;
    qint64 m_nowNs = 0;
};

} // namespace SocketScope
