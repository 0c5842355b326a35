#include "threads/crossthread.h"

#include <QThread>

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

void startThread(QThread* thread)
{
    // Emitted in the thread itself once its event loop is over: the last the thread does
    // that can matter to the one that joins it.
    QObject::connect(
        thread, &QThread::finished, thread, [thread] { release(thread); }, Qt::DirectConnection);
    thread->start();
}

void joinThread(QThread* thread)
{
    thread->quit();
    thread->wait();
    acquire(thread);
}

} // namespace SocketScope::CrossThread
