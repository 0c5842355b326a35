#pragma once

#include <QObject>
#include <QPointer>

namespace SocketScope {

class EventLog;

// The position every view shows: how many calls of the log (in the order they returned) are
// applied. It follows new calls while it is live; Back and Forward move it through what was
// recorded without re-running anything.
class LogCursor : public QObject {
    Q_OBJECT
    Q_PROPERTY(int position READ position WRITE setPosition NOTIFY positionChanged)
public:
    explicit LogCursor(QObject* parent = nullptr);

    void setLog(const EventLog* log);
    int position() const { return m_position; }
    int count() const;
    bool isLive() const { return m_position == count(); }
    // Whether the move being told (positionChanged) follows a call just added to the log,
    // rather than one the user asked for.
    bool isFollowingLog() const { return m_followingLog; }

public Q_SLOTS:
    void setPosition(int position);
    void back();
    void forward();
    void toLive();

Q_SIGNALS:
    void positionChanged(int position);
    void countChanged(int count);

private:
    QPointer<const EventLog> m_log;
    int m_position = 0;
    bool m_followingLog = false;
};

} // namespace SocketScope
