#include "threads/crossthread.h"

#include <QThread>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <unordered_map>

#if defined(__SANITIZE_THREAD__)
#define SOCKETSCOPE_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define SOCKETSCOPE_TSAN 1
#endif
#endif

#ifdef SOCKETSCOPE_TSAN
// ThreadSanitizer's own annotations (its runtime defines them).
extern "C" {
void __tsan_acquire(void* addr);
void __tsan_release(void* addr);
void AnnotateIgnoreWritesBegin(const char* file, int line);
void AnnotateIgnoreWritesEnd(const char* file, int line);
}
#endif

namespace SocketScope::CrossThread {

void release([[maybe_unused]] const void* key)
{
#ifdef SOCKETSCOPE_TSAN
    __tsan_release(const_cast<void*>(key));
#endif
}

void acquire([[maybe_unused]] const void* key)
{
#ifdef SOCKETSCOPE_TSAN
    __tsan_acquire(const_cast<void*>(key));
#endif
}

UnrecordedCopies::UnrecordedCopies()
{
#ifdef SOCKETSCOPE_TSAN
    AnnotateIgnoreWritesBegin(__FILE__, __LINE__);
#endif
}

UnrecordedCopies::~UnrecordedCopies()
{
#ifdef SOCKETSCOPE_TSAN
    AnnotateIgnoreWritesEnd(__FILE__, __LINE__);
#endif
}

namespace {

// A worker thread's two moments that a ThreadSanitizer-visible mutex hands to its owner.
struct Milestones {
    std::mutex mutex;
    std::condition_variable changed;
    bool started = false;
    bool exited = false;
    // Held while quit() wakes the thread's event dispatcher, and taken by the thread once its
    // loop has ended, before it closes that dispatcher's wake-up descriptor: the write and
    // the close, ordered by Qt's futex alone, are then ordered visibly.
    std::mutex quitting;
};

// Destroyed as its thread exits, after the last step of Qt's own (QThread wakes wait()
// before it is over).
struct ExitNotice {
    std::shared_ptr<Milestones> milestones;
    ~ExitNotice()
    {
        if (!milestones)
            return;
        const std::lock_guard lock(milestones->mutex);
        milestones->exited = true;
        milestones->changed.notify_all();
    }
};
thread_local ExitNotice exitNotice;

std::mutex threadsMutex;
std::unordered_map<const QThread*, std::shared_ptr<Milestones>> threads;

} // namespace

void startThread(QThread* thread)
{
    if (thread->isRunning())
        return; // its start was seen by the call that started it
    auto milestones = std::make_shared<Milestones>();
    {
        const std::lock_guard lock(threadsMutex);
        threads[thread] = milestones;
    }
    // Emitted in the new thread once its event dispatcher exists, before its event loop.
    QObject::connect(
        thread, &QThread::started, thread,
        [milestones] {
            exitNotice.milestones = milestones;
            const std::lock_guard lock(milestones->mutex);
            milestones->started = true;
            milestones->changed.notify_all();
        },
        Qt::DirectConnection);
    QObject::connect(
        thread, &QThread::finished, thread,
        [milestones] { const std::lock_guard quitDone(milestones->quitting); },
        Qt::DirectConnection);
    thread->start();
    if (!thread->isRunning())
        return; // not started (Qt said why): nothing to wait for
    std::unique_lock lock(milestones->mutex);
    milestones->changed.wait(lock, [&] { return milestones->started; });
}

void joinThread(QThread* thread)
{
    std::shared_ptr<Milestones> milestones;
    {
        const std::lock_guard lock(threadsMutex);
        milestones = threads[thread];
        threads.erase(thread);
    }
    {
        std::unique_lock<std::mutex> quitting;
        if (milestones)
            quitting = std::unique_lock(milestones->quitting);
        thread->quit();
    }
    thread->wait();
    if (!milestones)
        return;
    std::unique_lock lock(milestones->mutex);
    milestones->changed.wait(lock, [&] { return milestones->exited || !milestones->started; });
}

} // namespace SocketScope::CrossThread
