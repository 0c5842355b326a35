// socketscope-capture: the only part of SocketScope that may hold CAP_NET_RAW.
//
// Captures the session's TCP and UDP packets on the loopback interface with libpcap and
// writes them to stdout as a pcap stream (nanosecond timestamps), the way Wireshark's dumpcap
// serves Wireshark. Whoever may run it sees loopback traffic only: it captures nothing but
// "lo", for loopback addresses, and takes no filter text (the filter is built here from
// validated addresses and ports). Capabilities are dropped as soon as the capture is open.
//
// Only the session's ports are captured, so that a busy machine's loopback traffic neither
// floods the capture nor mixes with the session's: the ports given with --port, and those
// the app learns as the session goes (a port the system chose at bind()), sent on stdin as
// "port N" lines. Each is acknowledged on stderr with the same line once the filter holds
// it, so that the app makes the next call only then. With no port yet, nothing is captured.
// It stops when its stdin reaches end of file (the app closed it or died), after writing
// what is already captured.
//
// Exit codes: 0 stopped normally, 2 bad arguments, 3 no permission to capture, 4 other error.

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <linux/capability.h>
#include <pcap/pcap.h>
#include <poll.h>
#include <string>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

namespace {

constexpr int exitUsage = 2;
constexpr int exitPermission = 3;
constexpr int exitFailure = 4;
constexpr std::size_t maxPorts = 1024;

volatile sig_atomic_t stopRequested = 0;

const char* const interfaceName = "lo";

struct Options {
    std::vector<std::string> hosts;
    std::vector<unsigned> ports;
};

[[noreturn]] void fail(int code, const std::string& message)
{
    std::fprintf(stderr, "socketscope-capture: %s\n", message.c_str());
    std::exit(code);
}

// 127.0.0.0/8 or ::1: the only addresses this helper captures for.
bool validLoopbackHost(const std::string& host)
{
    in_addr v4{};
    if (inet_pton(AF_INET, host.c_str(), &v4) == 1)
        return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    return inet_pton(AF_INET6, host.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

bool parsePort(const std::string& text, unsigned* port)
{
    if (text.empty() || text.size() > 5 ||
        text.find_first_not_of("0123456789") != std::string::npos)
        return false;
    *port = unsigned(std::stoul(text));
    return *port >= 1 && *port <= 65535;
}

Options parseArguments(int argc, char** argv)
{
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string name = argv[i];
        if (i + 1 >= argc)
            fail(exitUsage, "missing value after " + name);
        const std::string value = argv[++i];
        if (name == "--host") {
            if (!validLoopbackHost(value))
                fail(exitUsage, "not a loopback address (127.0.0.0/8 or ::1): " + value);
            options.hosts.push_back(value);
        } else if (name == "--port") {
            unsigned port = 0;
            if (!parsePort(value, &port))
                fail(exitUsage, "not a port between 1 and 65535: " + value);
            options.ports.push_back(port);
        } else {
            fail(exitUsage, "unknown option " + name +
                                " (usage: socketscope-capture --host LOOPBACK-ADDRESS... "
                                "[--port N]...)");
        }
    }
    if (options.hosts.empty())
        fail(exitUsage, "at least one --host is needed");
    return options;
}

std::string joinAlternatives(const std::string& keyword, const std::vector<std::string>& values)
{
    std::string filter;
    for (const std::string& value : values)
        filter += (filter.empty() ? "" : " or ") + keyword + " " + value;
    return "(" + filter + ")";
}

std::string filterFor(const Options& options)
{
    std::vector<std::string> ports;
    for (const unsigned port : options.ports)
        ports.push_back(std::to_string(port));
    return "(tcp or udp) and " + joinAlternatives("host", options.hosts) + " and " +
           joinAlternatives("port", ports);
}

// The session's ports so far; before the first one, a filter that takes no packet.
void applyFilter(pcap_t* capture, const Options& options)
{
    if (options.ports.empty()) {
        bpf_insn rejectAll = BPF_STMT(BPF_RET | BPF_K, 0);
        bpf_program nothing{1, &rejectAll};
        if (pcap_setfilter(capture, &nothing) != 0)
            fail(exitFailure, std::string("filter: ") + pcap_geterr(capture));
        return;
    }
    bpf_program program{};
    const std::string filter = filterFor(options);
    if (pcap_compile(capture, &program, filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0 ||
        pcap_setfilter(capture, &program) != 0)
        fail(exitFailure, "filter \"" + filter + "\": " + pcap_geterr(capture));
    pcap_freecode(&program);
}

// "port N" lines from the app: each port is added to the filter, then acknowledged.
// Returns false at end of file.
bool readCommands(pcap_t* capture, Options& options, std::string& pending)
{
    char chunk[256];
    const ssize_t count = read(STDIN_FILENO, chunk, sizeof(chunk));
    if (count < 0)
        return errno == EINTR || errno == EAGAIN;
    if (count == 0)
        return false;
    pending.append(chunk, size_t(count));
    std::size_t end = 0;
    while ((end = pending.find('\n')) != std::string::npos) {
        const std::string line = pending.substr(0, end);
        pending.erase(0, end + 1);
        unsigned port = 0;
        if (line.rfind("port ", 0) != 0 || !parsePort(line.substr(5), &port))
            fail(exitUsage, "not a command (port N): " + line.substr(0, 40));
        const bool known =
            std::find(options.ports.begin(), options.ports.end(), port) != options.ports.end();
        if (!known && options.ports.size() >= maxPorts)
            fail(exitUsage, "more ports than a session has");
        if (!known) {
            options.ports.push_back(port);
            applyFilter(capture, options);
        }
        std::fprintf(stderr, "port %u\n", port);
        std::fflush(stderr);
    }
    if (pending.size() > 64)
        fail(exitUsage, "a command line too long");
    return true;
}

// Once the capture is open the capability is of no more use: give up every one of them.
void dropCapabilities()
{
    __user_cap_header_struct header{};
    header.version = _LINUX_CAPABILITY_VERSION_3;
    __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3]{};
    if (syscall(SYS_capset, &header, data) != 0)
        fail(exitFailure, std::string("cannot drop capabilities: ") + std::strerror(errno));
    if (syscall(SYS_capget, &header, data) != 0 || data[0].permitted != 0 ||
        data[0].effective != 0 || data[1].permitted != 0 || data[1].effective != 0)
        fail(exitFailure, "capabilities still held after dropping them");
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        fail(exitFailure, std::string("PR_SET_NO_NEW_PRIVS: ") + std::strerror(errno));
}

void onStopSignal(int)
{
    stopRequested = 1;
}

void writePackets(pcap_t* capture, pcap_dumper_t* dumper)
{
    int dispatched = 0;
    while ((dispatched = pcap_dispatch(capture, -1, pcap_dump, reinterpret_cast<u_char*>(dumper))) >
           0) {
    }
    if (dispatched < 0) // the interface went away, or the capture broke
        fail(exitFailure, pcap_geterr(capture));
    if (pcap_dump_flush(dumper) != 0)
        stopRequested = 1; // the app is gone
}

} // namespace

int main(int argc, char** argv)
{
    prctl(PR_SET_PDEATHSIG, SIGTERM); // never outlive the app
    std::signal(SIGPIPE, SIG_IGN);
    std::signal(SIGTERM, onStopSignal);
    std::signal(SIGINT, onStopSignal);
    Options options = parseArguments(argc, argv);

    char error[PCAP_ERRBUF_SIZE] = {};
    pcap_t* capture = pcap_create(interfaceName, error);
    if (!capture)
        fail(exitFailure, error);
    pcap_set_snaplen(capture, 262144);
    pcap_set_immediate_mode(capture, 1);
    pcap_set_tstamp_precision(capture, PCAP_TSTAMP_PRECISION_NANO);
    const int activated = pcap_activate(capture);
    if (activated == PCAP_ERROR_PERM_DENIED)
        fail(exitPermission, std::string("no permission to capture on ") + interfaceName +
                                 " (needs root or CAP_NET_RAW)");
    if (activated < 0)
        fail(exitFailure, pcap_geterr(capture));
    dropCapabilities();

    applyFilter(capture, options);
    if (pcap_setnonblock(capture, 1, error) != 0)
        fail(exitFailure, error);

    pcap_dumper_t* dumper = pcap_dump_fopen(capture, stdout);
    if (!dumper)
        fail(exitFailure, pcap_geterr(capture));
    pcap_dump_flush(dumper); // the header tells the app that the capture is running

    pollfd watched[2] = {{pcap_get_selectable_fd(capture), POLLIN, 0}, {STDIN_FILENO, POLLIN, 0}};
    std::string commands;
    while (!stopRequested) {
        if (poll(watched, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            fail(exitFailure, std::string("poll: ") + std::strerror(errno));
        }
        if (watched[0].revents)
            writePackets(capture, dumper);
        if (watched[1].revents && !readCommands(capture, options, commands))
            stopRequested = 1;
    }
    writePackets(capture, dumper); // what arrived before the stop
    pcap_dump_close(dumper);
    pcap_close(capture);
    return 0;
}
