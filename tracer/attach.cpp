#include "attach.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <dirent.h>
#include <string>
#include <sys/ptrace.h>

namespace SocketScope::Tracer {

namespace {

std::vector<pid_t> threadsOf(pid_t pid)
{
    std::vector<pid_t> threads;
    const std::string folder = "/proc/" + std::to_string(pid) + "/task";
    DIR* tasks = opendir(folder.c_str());
    if (!tasks)
        return threads;
    while (const dirent* entry = readdir(tasks)) {
        char* end = nullptr;
        const long tid = std::strtol(entry->d_name, &end, 10);
        if (end != entry->d_name && *end == '\0' && tid > 0)
            threads.push_back(pid_t(tid));
    }
    closedir(tasks);
    return threads;
}

} // namespace

Attachment attachTo(pid_t pid)
{
    // TRACESYSGOOD: a system call stop's code (SIGTRAP | 0x80) is no signal, so none reaches
    // the process when the kernel lets it go at the tracer's end.
    const long options = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |
                         PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC;
    Attachment attachment;
    if (ptrace(PTRACE_SEIZE, pid, nullptr, reinterpret_cast<void*>(options)) != 0) {
        attachment.error = errno;
        return attachment;
    }
    attachment.threads.push_back(pid);
    // Threads made meanwhile by threads not seized yet are not reported to the tracer: list
    // the threads again until a pass finds none new.
    for (bool found = true; found;) {
        found = false;
        for (const pid_t tid : threadsOf(pid)) {
            if (std::find(attachment.threads.begin(), attachment.threads.end(), tid) !=
                attachment.threads.end())
                continue;
            if (ptrace(PTRACE_SEIZE, tid, nullptr, reinterpret_cast<void*>(options)) == 0) {
                attachment.threads.push_back(tid);
                found = true;
            }
        }
    }
    for (const pid_t tid : attachment.threads)
        ptrace(PTRACE_INTERRUPT, tid, nullptr, nullptr);
    return attachment;
}

} // namespace SocketScope::Tracer
