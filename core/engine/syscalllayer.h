#pragma once

#include "calls/callevent.h"
#include "calls/callrequest.h"
#include "engine/kernelinterrupt.h"
#include "engine/kernelwaitwatch.h"

#include <QList>

#include <atomic>
#include <functional>
#include <mutex>
#include <poll.h>

namespace SocketScope {

// Performs the real POSIX calls, one CallRequest at a time, on the calling thread, and
// describes each one as a CallEvent (without seq, actor or descriptor state: the Actor adds
// them).
//
// Blocking calls can be cancelled from any thread within milliseconds: a call that would
// wait first waits in poll() on its descriptor plus an eventfd that cancel() signals; a call
// already inside the kernel (connect, a write on a full buffer) is woken by shutdown().
// cancel() is for good (the session ends). interrupt() wakes the call waiting now as Ctrl+C
// does in a terminal, and the next calls go on (the lab): one waiting in poll() through the
// eventfd, one inside the kernel with a signal (KernelInterrupt), whose answer (EINTR, or
// the bytes already written) is the call's own.
class SyscallLayer {
public:
    using BlockedCallback = std::function<void()>;

    SyscallLayer();
    ~SyscallLayer();
    SyscallLayer(const SyscallLayer&) = delete;
    SyscallLayer& operator=(const SyscallLayer&) = delete;

    CallEvent perform(const CallRequest& request, const BlockedCallback& onBlocked = {});

    void cancel();    // thread-safe
    void interrupt(); // thread-safe
    // The lab: a connect() or a write waiting inside the kernel is said blocked (onBlocked)
    // once the kernel shows the wait, as a call waiting in poll() is.
    void setWatchesKernelWaits(bool watches) { m_watchesKernelWaits = watches; }
    bool isCancelled() const { return m_cancelled.load(); }

private:
    enum class Wait { Ready, Cancelled, TimedOut };
    Wait waitFor(QList<pollfd> fds, int timeoutMs, const BlockedCallback& onBlocked);
    Wait waitReadable(const CallRequest& request, const BlockedCallback& onBlocked);
    void enterKernel(int fd);
    void leaveKernel();
    // Sets ret and, when it is negative, the errno of the call just made.
    static void setResult(CallEvent& event, qint64 ret, int error);

    void doSocket(const CallRequest& r, CallEvent& e);
    void doBind(const CallRequest& r, CallEvent& e);
    void doListen(const CallRequest& r, CallEvent& e);
    void doAccept(const CallRequest& r, CallEvent& e, const BlockedCallback& onBlocked);
    void doConnect(const CallRequest& r, CallEvent& e, const BlockedCallback& onBlocked);
    void doRead(const CallRequest& r, CallEvent& e, const BlockedCallback& onBlocked);
    void doWrite(const CallRequest& r, CallEvent& e, const BlockedCallback& onBlocked);
    void doRecv(const CallRequest& r, CallEvent& e, const BlockedCallback& onBlocked);
    void doSend(const CallRequest& r, CallEvent& e, const BlockedCallback& onBlocked);
    void doShutdown(const CallRequest& r, CallEvent& e);
    void doClose(const CallRequest& r, CallEvent& e);
    void doSockName(const CallRequest& r, CallEvent& e);
    void doGetSockOpt(const CallRequest& r, CallEvent& e);
    void doSetSockOpt(const CallRequest& r, CallEvent& e);
    void doFcntl(const CallRequest& r, CallEvent& e);
    void doPoll(const CallRequest& r, CallEvent& e, const BlockedCallback& onBlocked);
    void doSelect(const CallRequest& r, CallEvent& e, const BlockedCallback& onBlocked);
    void doGetAddrInfo(const CallRequest& r, CallEvent& e);
    void doGetNameInfo(const CallRequest& r, CallEvent& e);

    int m_cancelFd = -1;
    std::atomic<bool> m_cancelled{false};
    std::mutex m_kernelMutex;
    int m_inKernelFd = -1;      // guarded by m_kernelMutex
    bool m_waiting = false;     // ... a call waits in poll()
    bool m_interrupted = false; // ... interrupt() woke it
    KernelInterrupt m_kernelSection;
    bool m_watchesKernelWaits = false;
    KernelWaitWatch m_waitWatch;
};

} // namespace SocketScope
