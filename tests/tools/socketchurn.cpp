// socketchurn: another program opening and closing loopback sockets, as a busy machine has
// (a browser, a second copy of the test suite). The tests run scenarios while it runs.
//
// Usage: socketchurn [--connections N]
// Keeps up to N (default 2000) loopback TCP connections open and replaces them without
// pause: each round opens a listener and a batch of connected pairs, closes the oldest batch
// (abortively, and one batch in a hundred with FIN so that some TIME_WAIT rows come and go too,
// without using up the ephemeral ports) and sends a datagram between two UDP sockets. Prints
// "ready" once the first N are open, and ends when its parent does or on SIGTERM.

#include <arpa/inet.h>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {

volatile std::sig_atomic_t stopping = 0;

void stop(int)
{
    stopping = 1;
}

int loopbackSocket(int type)
{
    const int fd = ::socket(AF_INET, type | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

sockaddr_in nameOf(int fd)
{
    sockaddr_in address{};
    socklen_t length = sizeof(address);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    return address;
}

// A batch of connected pairs through one listener; every descriptor of it.
std::vector<int> openBatch(int pairs)
{
    std::vector<int> batch;
    const int listener = loopbackSocket(SOCK_STREAM);
    if (listener < 0 || ::listen(listener, pairs) != 0) {
        if (listener >= 0)
            ::close(listener);
        return batch;
    }
    batch.push_back(listener);
    const sockaddr_in target = nameOf(listener);
    for (int i = 0; i < pairs; ++i) {
        const int client = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (client < 0)
            break;
        if (::connect(client, reinterpret_cast<const sockaddr*>(&target), sizeof(target)) != 0) {
            ::close(client);
            break;
        }
        batch.push_back(client);
        const int server = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (server >= 0)
            batch.push_back(server);
    }
    return batch;
}

void closeBatch(const std::vector<int>& batch, bool abortive)
{
    const linger reset{1, 0};
    for (const int fd : batch) {
        if (abortive)
            ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof(reset));
        ::close(fd);
    }
}

void exchangeDatagram()
{
    const int a = loopbackSocket(SOCK_DGRAM);
    const int b = loopbackSocket(SOCK_DGRAM);
    if (a >= 0 && b >= 0) {
        const sockaddr_in to = nameOf(b);
        ::sendto(a, "churn", 5, 0, reinterpret_cast<const sockaddr*>(&to), sizeof(to));
    }
    if (a >= 0)
        ::close(a);
    if (b >= 0)
        ::close(b);
}

} // namespace

int main(int argc, char** argv)
{
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    std::signal(SIGTERM, stop);
    std::signal(SIGINT, stop);
    std::signal(SIGPIPE, SIG_IGN);
    long connections = 2000;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--connections") == 0 && i + 1 < argc) {
            connections = std::strtol(argv[++i], nullptr, 10);
        } else {
            std::fprintf(stderr, "usage: socketchurn [--connections N]\n");
            return 2;
        }
    }
    if (connections < 2 || connections > 100000) {
        std::fprintf(stderr, "socketchurn: --connections takes 2 to 100000\n");
        return 2;
    }
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);

    constexpr int pairsPerBatch = 50;
    const long batches = std::max(1L, connections / pairsPerBatch);
    std::deque<std::vector<int>> open;
    bool announced = false;
    unsigned long round = 0;
    while (!stopping) {
        open.push_back(openBatch(pairsPerBatch));
        if (long(open.size()) > batches) {
            closeBatch(open.front(), round % 100 != 0);
            open.pop_front();
        }
        exchangeDatagram();
        if (!announced && long(open.size()) >= batches) {
            std::printf("ready\n");
            std::fflush(stdout);
            announced = true;
        }
        ++round;
    }
    for (const std::vector<int>& batch : open)
        closeBatch(batch, true);
    std::fprintf(stderr, "socketchurn: %lu rounds of %d connections\n", round, pairsPerBatch);
    return 0;
}
