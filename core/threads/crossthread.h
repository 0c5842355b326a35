#pragma once

#include <QMetaObject>
#include <QObject>

#include <memory>
#include <utility>

class QThread;

// Every hand-off between the project's threads goes through here, so that ThreadSanitizer
// sees it.
//
// Debian's Qt is not built for ThreadSanitizer: the mutex and atomics of its event queue
// are invisible to it, and a value queued to another thread would look raced although Qt
// orders it. So the sender releases the receiver's key before the call is queued, the
// receiver acquires it before it reads what was handed over (or drops it undelivered), and
// the copies Qt makes inside its queue, of the call and of its own event, are not recorded.
// Without ThreadSanitizer, post() queues the boxed call and the rest compiles to nothing.
namespace SocketScope::CrossThread {

// What this thread did so far happens before whatever follows an acquire() of the same key.
void release(const void* key);
void acquire(const void* key);

// The memory this thread writes while one is alive is not recorded: for copies made inside
// Qt's queue only, never around the project's own state.
class UnrecordedCopies {
public:
    UnrecordedCopies();
    ~UnrecordedCopies();
    UnrecordedCopies(const UnrecordedCopies&) = delete;
    UnrecordedCopies& operator=(const UnrecordedCopies&) = delete;
};

namespace Detail {

// The queued call, boxed: acquires its receiver's key before it runs, and before what it
// carries is destroyed if it is dropped (its receiver deleted first). Inside Qt's queue only
// the box's pointer moves.
template <typename Call> class Delivery {
public:
    Delivery(const QObject* receiver, Call call)
        : m_receiver(receiver)
        , m_call(std::make_unique<Call>(std::move(call)))
    {
    }
    // A copy moved from carries nothing: it acquires nothing either, in the sender's
    // thread, where an acquire would order the sender after other senders to that receiver.
    Delivery(Delivery&& other) noexcept
        : m_receiver(std::exchange(other.m_receiver, nullptr))
        , m_call(std::move(other.m_call))
    {
    }
    ~Delivery()
    {
        if (m_receiver)
            acquire(m_receiver);
    }

    void operator()()
    {
        acquire(m_receiver);
        (*m_call)();
    }

private:
    const QObject* m_receiver;
    std::unique_ptr<Call> m_call;
};

} // namespace Detail

// Runs `call` on `receiver`'s thread through its event queue, after the events already
// queued to it.
template <typename Call> void post(QObject* receiver, Call call)
{
    // Boxed before the release: the call's captures are moved where they are recorded.
    Detail::Delivery<Call> delivery(receiver, std::move(call));
    release(receiver);
    const UnrecordedCopies insideQt;
    QMetaObject::invokeMethod(receiver, std::move(delivery), Qt::QueuedConnection);
}

// Starts a worker thread and returns once its event loop can take calls: what it set up for
// them (its event dispatcher) happens before anything is posted to it.
void startThread(QThread* thread);
// Ends the event loop of a thread started by startThread() and returns once the thread has
// exited: everything it did, Qt's own last steps too, happens before what follows.
void joinThread(QThread* thread);

} // namespace SocketScope::CrossThread
