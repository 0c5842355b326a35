#include "stepcontroller.h"

#include "logcursor.h"
#include "logpresenter.h"

namespace SocketScope {

StepController::StepController(LogPresenter* presenter, QObject* parent)
    : QObject(parent)
    , m_presenter(presenter)
{
    connect(m_presenter, &LogPresenter::controlsChanged, this, &StepController::handOut);
    connect(m_presenter, &LogPresenter::sourceChanged, this, [this] {
        forget();
        if (const EventLog* log = m_presenter->log())
            connect(log, &EventLog::wasReset, this, &StepController::forget, Qt::UniqueConnection);
    });
}

int StepController::handedOut() const
{
    const EventLog* log = m_presenter->log();
    return log ? int(log->notes().size()) : 0;
}

int StepController::stepCount() const
{
    const EventLog* log = m_presenter->log();
    return log ? int(log->scenario().steps.size()) : 0;
}

int StepController::shownStep() const
{
    const EventLog* log = m_presenter->log();
    const StepNote* note = log ? log->noteAt(m_presenter->cursor()->position()) : nullptr;
    return note ? note->step + 1 : 0;
}

void StepController::next()
{
    LogCursor* cursor = m_presenter->cursor();
    if (!cursor->isLive()) {
        cursor->forward();
        return;
    }
    EventSource* source = m_presenter->source();
    if (!source || m_pending >= source->stepsLeft())
        return;
    setPending(m_pending + 1);
    handOut();
}

void StepController::back()
{
    m_presenter->cursor()->back();
}

void StepController::first()
{
    m_presenter->cursor()->setPosition(0);
}

void StepController::last()
{
    m_presenter->cursor()->toLive();
}

// The first cursor position whose narration is that step's.
int StepController::positionOfStep(int step) const
{
    const EventLog* log = m_presenter->log();
    const int count = m_presenter->cursor()->count();
    for (int position = 0; position <= count; ++position) {
        const StepNote* note = log->noteAt(position);
        if (note && note->step + 1 == step)
            return position;
    }
    return -1;
}

bool StepController::jumpToStep(int step)
{
    EventSource* source = m_presenter->source();
    if (!source || step < 1 || step > stepCount())
        return false;
    const int position = positionOfStep(step);
    if (position >= 0) {
        m_presenter->cursor()->setPosition(position);
        return true;
    }
    // Handed out, its call still running (an accept() waiting): the live end shows it.
    const int started = qMax(handedOut(), m_awaitedNotes);
    if (step <= started) {
        m_presenter->cursor()->toLive();
        return true;
    }
    // Not reached yet: hand out the steps up to it, no more; the cursor follows the live end.
    const int missing = step - started;
    if (missing > source->stepsLeft())
        return false;
    m_presenter->cursor()->toLive();
    setPending(missing);
    handOut();
    return true;
}

// One step at a time, each once the previous one is in the log: a source may accept a step
// and make it later (the capture taking a new port first).
void StepController::handOut()
{
    EventSource* source = m_presenter->source();
    if (!source) {
        setPending(0);
        return;
    }
    if (m_pending > source->stepsLeft())
        setPending(source->stepsLeft());
    if (m_pending == 0 || handedOut() < m_awaitedNotes || !source->canStep())
        return;
    m_awaitedNotes = handedOut() + 1;
    setPending(m_pending - 1); // before step(): it may report back before it returns
    if (!source->step())
        m_awaitedNotes = 0;
}

void StepController::forget()
{
    m_awaitedNotes = 0;
    setPending(0);
}

void StepController::setPending(int pending)
{
    if (m_pending == pending)
        return;
    m_pending = pending;
    Q_EMIT pendingStepsChanged(m_pending);
}

} // namespace SocketScope
