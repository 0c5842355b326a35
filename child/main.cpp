// socketscope-child: the child process of the concurrent-server scenario.
//
// A real server forks: the child inherits the parent's descriptors and goes on with its own
// calls. SocketScope is a threaded Qt program, where fork() is unsafe, so the session starts
// this small program instead (posix_spawn) with the parent's socket descriptors inherited at
// the same numbers, and hands it the child's calls one at a time: a request per line on
// stdin, the call as it happened per line on stdout ({"blocked": true} first when it has to
// wait). It keeps only the descriptors it is told to keep, and ends at end of file.

#include "calls/callcodec.h"
#include "engine/syscalllayer.h"
#include "kernel/descriptorstate.h"

#include <QJsonDocument>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <iostream>
#include <set>
#include <string>
#include <sys/prctl.h>
#include <unistd.h>

using namespace SocketScope;

namespace {

// The descriptors the parent had besides the scenario's (other actors' sockets, the
// window's) are not the child's business: close them, as a fork-and-exec would.
void keepOnly(const std::set<int>& kept)
{
    std::set<int> others;
    if (DIR* folder = opendir("/proc/self/fd")) {
        while (const dirent* entry = readdir(folder)) {
            const int fd = std::atoi(entry->d_name);
            if (entry->d_name[0] != '.' && fd > 2 && fd != dirfd(folder) && !kept.count(fd))
                others.insert(fd);
        }
        closedir(folder);
    }
    for (const int fd : others)
        close(fd);
}

void writeLine(const QJsonObject& object)
{
    const QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL); // never outlive the session
    std::signal(SIGPIPE, SIG_IGN);    // a write to a closed peer returns EPIPE
    std::set<int> kept;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--keep") != 0) {
            std::fprintf(stderr, "usage: socketscope-child [--keep FD]...\n");
            return 2;
        }
        kept.insert(std::atoi(argv[i + 1]));
    }
    keepOnly(kept);

    SyscallLayer calls;
    std::string line;
    while (std::getline(std::cin, line)) {
        const QJsonObject message =
            QJsonDocument::fromJson(QByteArray::fromStdString(line)).object();
        QString error;
        const auto request = CallCodec::requestFromJson(message, &error);
        if (!request) {
            std::fprintf(stderr, "socketscope-child: not a request (%s): %s\n", qPrintable(error),
                         line.c_str());
            return 2;
        }
        CallEvent event = calls.perform(*request, [] {
            writeLine(QJsonObject{{QStringLiteral("blocked"), true}});
        });
        event.pid = getpid();
        // Its own descriptor's state: the parent may have closed its copy.
        if (event.resultFd() >= 0 && event.call != Call::Close) {
            const bool created = event.call == Call::Socket;
            event.after = readDescriptorState(
                event.resultFd(), created ? request->arguments.domain : request->descriptorDomain,
                created ? request->arguments.type : request->descriptorType);
        }
        writeLine(CallCodec::eventToJson(event));
    }
    return 0;
}
