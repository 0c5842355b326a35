#pragma once

#include "log/sessionfile.h"
#include "sources/eventsource.h"

#include <QTimer>

namespace SocketScope {

// A saved session played again, without network or capture: Next hands out the next
// recorded step with what happened until the step after it (the calls that returned, the
// calls still waiting then), so that every view shows, step by step and at every cursor
// position, what it showed when the session was recorded.
class ReplaySource : public EventSource {
    Q_OBJECT
public:
    explicit ReplaySource(SavedSession session, QObject* parent = nullptr);

    const SavedSession& saved() const { return m_saved; }
    int nextStepIndex() const { return m_next; }

    bool canStep() const override;
    int stepsLeft() const override;
    qint64 nowNs() const override;
    void setIntervalMs(int intervalMs) override;

public Q_SLOTS:
    bool step() override;
    void run() override;
    void pause() override;
    void reset() override;

private:
    void handOut(int noteIndex);
    // The saved calls up to `count` into the log, each process's end in its place.
    void appendReturnedCalls(int count);
    void finish();

    SavedSession m_saved;
    int m_next = 0;     // the next step note to hand out
    int m_returned = 0; // how many of the saved calls are in the log
    int m_ended = 0;    // how many of the saved processes' ends
    QTimer m_runTimer;
};

} // namespace SocketScope
