// socketscope-tracer: runs a student's program under ptrace and tells SocketScope its socket
// calls, one JSON line each, on the channel the app hands it (docs/tracer-protocol.md).

#include "attach.h"
#include "channel.h"
#include "launch.h"
#include "tracer.h"

#include <QJsonObject>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/prctl.h>

using namespace SocketScope::Tracer;

namespace {

int usage()
{
    std::fprintf(stderr, "usage: socketscope-tracer [--step] [--hold-new-addresses] --channel FD "
                         "(-- PROGRAM [ARG...] | --attach PID)\n");
    return 2;
}

// A decimal number in [min, max], the whole word.
bool parseNumber(const char* word, long min, long max, long* value)
{
    char* end = nullptr;
    errno = 0;
    *value = std::strtol(word, &end, 10);
    return end != word && *end == '\0' && errno == 0 && *value >= min && *value <= max;
}

} // namespace

int main(int argc, char** argv)
{
    bool step = false;
    bool holdNewAddresses = false;
    int channelFd = -1;
    pid_t attach = 0;
    int i = 1;
    for (; i < argc; ++i) {
        if (std::strcmp(argv[i], "--step") == 0) {
            step = true;
        } else if (std::strcmp(argv[i], "--hold-new-addresses") == 0) {
            holdNewAddresses = true;
        } else if (std::strcmp(argv[i], "--channel") == 0 && i + 1 < argc) {
            long fd = 0;
            if (!parseNumber(argv[++i], 0, 1 << 20, &fd))
                return usage();
            channelFd = int(fd);
        } else if (std::strcmp(argv[i], "--attach") == 0 && i + 1 < argc) {
            long pid = 0;
            if (!parseNumber(argv[++i], 1, 1 << 22, &pid))
                return usage();
            attach = pid_t(pid);
        } else if (std::strcmp(argv[i], "--") == 0) {
            ++i;
            break;
        } else {
            return usage();
        }
    }
    if (channelFd < 0 || (attach != 0) == (i < argc) || fcntl(channelFd, F_SETFD, FD_CLOEXEC) != 0)
        return usage();
    std::signal(SIGPIPE, SIG_IGN);
    // The session ends: so does the tracer, and its tracees (an attached process goes on).
    prctl(PR_SET_PDEATHSIG, SIGKILL);

    Channel channel(channelFd);
    if (attach != 0) {
        const Attachment attached = attachTo(attach);
        if (attached.threads.empty()) {
            channel.sendNow({{QStringLiteral("kind"), QStringLiteral("refused")},
                             {QStringLiteral("what"), QLatin1String(refusalName(Refusal::Attach))},
                             {QStringLiteral("errno"), attached.error}});
            return 120;
        }
        return Tracer(channel, step, holdNewAddresses).runAttached(attached);
    }
    const Launch launch = launchTraced(argv + i);
    if (launch.pid < 0) {
        channel.sendNow({{QStringLiteral("kind"), QStringLiteral("refused")},
                         {QStringLiteral("what"), QLatin1String(refusalName(launch.refusal))},
                         {QStringLiteral("errno"), launch.error}});
        return 120;
    }
    Tracer tracer(channel, step, holdNewAddresses);
    const int status = tracer.run(launch.pid, launch.errorPipe);
    takeBackTerminal(launch);
    return status;
}
