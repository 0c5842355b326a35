#pragma once

#include <QObject>

namespace SocketScope {

class LogPresenter;

// What the step keys do, like a lecture's slides. Next shows the next recorded call while the
// cursor is in the past, and hands out the next real step at the live end. A press that comes
// while a call is being made waits its turn, so no press is lost however fast they come.
// Steps are counted as the narration counts them: "Step 3 of 13".
class StepController : public QObject {
    Q_OBJECT
    Q_PROPERTY(int pendingSteps READ pendingSteps NOTIFY pendingStepsChanged)
public:
    explicit StepController(LogPresenter* presenter, QObject* parent = nullptr);

    // Presses waiting for the calls in flight to return.
    int pendingSteps() const { return m_pending; }
    // The step the narration shows at the cursor (0 before the first).
    int shownStep() const;
    int stepCount() const;

public Q_SLOTS:
    void next();
    void back();
    // Before the first call, and the live end of what was recorded.
    void first();
    void last();
    // Shows step `step` (1-based): a recorded step at once; a later one by handing out the
    // steps up to it. False when the scenario has no such step.
    bool jumpToStep(int step);

Q_SIGNALS:
    void pendingStepsChanged(int pending);

private:
    void handOut();
    void forget();
    void setPending(int pending);
    int handedOut() const;
    int positionOfStep(int step) const;

    LogPresenter* m_presenter;
    int m_pending = 0;
    int m_awaitedNotes = 0; // the step handed out last has not shown up in the log yet
};

} // namespace SocketScope
