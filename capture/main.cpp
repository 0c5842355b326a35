// socketscope-capture: the only part of SocketScope that may hold CAP_NET_RAW.
//
// Captures the session's TCP and UDP packets on the loopback interface with libpcap and
// writes them to stdout as a pcap stream (nanosecond timestamps), the way Wireshark's dumpcap
// serves Wireshark. Whoever may run it sees loopback traffic only: it captures nothing but
// "lo", for loopback addresses, and takes no filter text (the filter is built here from
// validated addresses and ports). Capabilities are dropped as soon as the capture is open.
// It stops when its stdin reaches end of file (the app closed it or died), after writing
// what is already captured.
//
// Exit codes: 0 stopped normally, 2 bad arguments, 3 no permission to capture, 4 other error.

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
    std::string filter = "(tcp or udp) and " + joinAlternatives("host", options.hosts);
    if (!options.ports.empty()) {
        std::vector<std::string> ports;
        for (const unsigned port : options.ports)
            ports.push_back(std::to_string(port));
        filter += " and " + joinAlternatives("port", ports);
    }
    return filter;
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
    const Options options = parseArguments(argc, argv);

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

    bpf_program program{};
    const std::string filter = filterFor(options);
    if (pcap_compile(capture, &program, filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0 ||
        pcap_setfilter(capture, &program) != 0)
        fail(exitFailure, "filter \"" + filter + "\": " + pcap_geterr(capture));
    pcap_freecode(&program);
    if (pcap_setnonblock(capture, 1, error) != 0)
        fail(exitFailure, error);

    pcap_dumper_t* dumper = pcap_dump_fopen(capture, stdout);
    if (!dumper)
        fail(exitFailure, pcap_geterr(capture));
    pcap_dump_flush(dumper); // the header tells the app that the capture is running

    pollfd watched[2] = {{pcap_get_selectable_fd(capture), POLLIN, 0}, {STDIN_FILENO, POLLIN, 0}};
    while (!stopRequested) {
        if (poll(watched, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            fail(exitFailure, std::string("poll: ") + std::strerror(errno));
        }
        if (watched[0].revents)
            writePackets(capture, dumper);
        if (watched[1].revents) {
            char discard[256];
            if (read(STDIN_FILENO, discard, sizeof(discard)) <= 0)
                stopRequested = 1;
        }
    }
    writePackets(capture, dumper); // what arrived before the stop
    pcap_dump_close(dumper);
    pcap_close(capture);
    return 0;
}
