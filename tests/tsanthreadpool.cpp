// Linked into the threaded tests under ThreadSanitizer only (tests/CMakeLists.txt).
//
// Qt Gui's raster engine hands large fills and image conversions to Qt's global QThreadPool,
// whose threads keep the pool's own lists (allocated in one pool thread, moved in another)
// ordered by QMutex's futex, which Debian's Qt hides from the runtime: two pool threads then
// look raced inside libQt6Core, with no frame of the project. Sample, tst_inspector:
//   Write by thread T23 'Thread (pooled)':           #0 memmove  #2 <null> (libQt6Core.so.6)
//   Previous write by thread T6 'Thread (pooled)':   #0 memmove  #2 <null> (libQt6Core.so.6)
//   Heap block of size 34 allocated by thread T6:    #1 QArrayData::allocate
// No suppression names that code without also silencing Qt's copies of the project's data,
// so the pool keeps one thread for the whole test: its work stays in that thread, in order,
// and the GUI thread's hand-offs to it remain checked (tests/tsan.supp says which are Qt's).

#include <QCoreApplication>
#include <QThreadPool>

namespace {

void keepQtPoolToOneThread()
{
    QThreadPool* pool = QThreadPool::globalInstance();
    pool->setMaxThreadCount(1);
    pool->setExpiryTimeout(-1);
}

} // namespace

Q_COREAPP_STARTUP_FUNCTION(keepQtPoolToOneThread)
