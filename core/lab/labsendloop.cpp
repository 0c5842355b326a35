// send -loop and sendto -loop: the same send again and again, as socklab does, until a call
// fails, Ctrl+C stops it, or the lab's bound on the log is reached.
#include "lab/labmessage.h"
#include "lab/labsession.h"

#include <memory>

namespace SocketScope {

// The last call planned (the send) is made again each time it returns with success. A send
// that would block waits in poll(): Ctrl+C wakes it, and the loop ends there. The log stays
// bounded by labLoopSendLimit.
void LabSession::loopLastCall()
{
    if (m_plan.isEmpty())
        return;
    m_loopStopped = false;
    const auto sends = std::make_shared<int>(0);
    const auto total = std::make_shared<qint64>(0);
    m_loopCall = m_plan.last();
    m_loopCall.report = [this, sends, total](const CallEvent& event) {
        if (event.failed())
            return false;
        ++*sends;
        *total += event.ret;
        print(tr("Sent %1 bytes (total %2)").arg(event.ret).arg(*total));
        if (m_loopStopped) {
            print(tr("-loop stopped by an interrupt after %1 sends").arg(*sends));
            return true;
        }
        if (*sends >= labLoopSendLimit) {
            print(tr("*** -loop stopped after %1 sends: the lab keeps every call in its log "
                     "(a longer message fills the buffers sooner)")
                      .arg(labLoopSendLimit),
                  Output::Error);
            return true;
        }
        m_plan.append(m_loopCall);
        return true;
    };
    m_plan.last() = m_loopCall;
}

} // namespace SocketScope
