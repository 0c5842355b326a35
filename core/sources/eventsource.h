#pragma once

#include "log/eventlog.h"

#include <QObject>

namespace SocketScope {

// What fills an event log, behind one interface that the views never see past: a scenario
// run with real sockets (Session), a saved session replayed (ReplaySource), and later the
// lab and traced programs. It is stepped like a lecture's slides: Next hands out the next
// step, Run goes on at the chosen pace, Reset starts over.
class EventSource : public QObject {
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
public:
    // Preparing: the packet capture is starting; steps asked for meanwhile wait for it.
    enum class State { Empty, Preparing, Stepping, Running, Closing, Finished };
    Q_ENUM(State)

    explicit EventSource(QObject* parent = nullptr);

    const EventLog& log() const { return m_log; }
    State state() const { return m_state; }
    // Whether Next can hand out a step now.
    virtual bool canStep() const = 0;
    // How many steps Next has still to hand out, now or once the calls in flight return.
    virtual int stepsLeft() const = 0;
    // The moment the live end of the log shows: now for a live source, the recorded moment
    // for a replayed one.
    virtual qint64 nowNs() const = 0;
    // Pause between two steps when running continuously.
    virtual void setIntervalMs(int intervalMs) = 0;

public Q_SLOTS:
    virtual bool step() = 0;
    virtual void run() = 0;
    virtual void pause() = 0;
    virtual void reset() = 0;

Q_SIGNALS:
    void stateChanged(SocketScope::EventSource::State state);
    // canStep() may say otherwise now, with no other change to tell it.
    void canStepChanged();
    void finished(const SocketScope::Outcome& outcome);

protected:
    EventLog& writableLog() { return m_log; }
    void setState(State state);

private:
    EventLog m_log;
    State m_state = State::Empty;
};

} // namespace SocketScope
