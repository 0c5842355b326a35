// socketscope-tracer: runs a student's program under ptrace and tells SocketScope its socket
// calls, one JSON line each, on the channel the app hands it (docs/tracer-protocol.md).

#include "channel.h"
#include "launch.h"
#include "tracer.h"

#include <QJsonObject>

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
    std::fprintf(
        stderr, "usage: socketscope-tracer [--step] [--hold-new-addresses] --channel FD -- PROGRAM "
                "[ARG...]\n");
    return 2;
}

} // namespace

int main(int argc, char** argv)
{
    bool step = false;
    bool holdNewAddresses = false;
    int channelFd = -1;
    int i = 1;
    for (; i < argc; ++i) {
        if (std::strcmp(argv[i], "--step") == 0) {
            step = true;
        } else if (std::strcmp(argv[i], "--hold-new-addresses") == 0) {
            holdNewAddresses = true;
        } else if (std::strcmp(argv[i], "--channel") == 0 && i + 1 < argc) {
            char* end = nullptr;
            const long fd = std::strtol(argv[++i], &end, 10);
            if (*end != '\0' || fd < 0 || fd > 1 << 20)
                return usage();
            channelFd = int(fd);
        } else if (std::strcmp(argv[i], "--") == 0) {
            ++i;
            break;
        } else {
            return usage();
        }
    }
    if (channelFd < 0 || i >= argc || fcntl(channelFd, F_SETFD, FD_CLOEXEC) != 0)
        return usage();
    std::signal(SIGPIPE, SIG_IGN);
    prctl(PR_SET_PDEATHSIG, SIGKILL); // the session ends: so does the tracer, and its tracees

    Channel channel(channelFd);
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
