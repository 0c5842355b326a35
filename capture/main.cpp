// socketscope-capture: the only part of SocketScope that may hold CAP_NET_RAW.
//
// Captures the session's TCP and UDP packets with libpcap and writes them to stdout as a pcap
// stream (nanosecond timestamps), the way Wireshark's dumpcap serves Wireshark. It always
// captures on "lo", for the loopback addresses given with --host; with --interface NAME it
// captures on that interface too, for the addresses that interface holds (read from the
// system, never typed). A name is taken only if the system lists it (pcap_findalldevs) and its
// packets have loopback's link type, so that one pcap stream holds them all. It takes no
// filter text: the filter is built here from validated addresses and ports. Capabilities are
// dropped as soon as the captures are open.
//
// Only the session's ports are captured, so that a busy machine's traffic neither floods the
// capture nor mixes with the session's: the ports given with --port, and those the app learns
// as the session goes (a port the system chose at bind()), sent on stdin as "port N" lines.
// Each is acknowledged on stderr with the same line once the filter holds it, so that the app
// makes the next call only then. With no port yet, nothing is captured. It stops when its
// stdin reaches end of file (the app closed it or died), after writing what is already
// captured. Another interface needs another run: the capability is gone by then.
//
// Exit codes: 0 stopped normally, 2 bad arguments, 3 no permission to capture, 4 other error.

#include "captureargs.h"

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

using namespace SocketScope::Capture;

namespace {

constexpr int exitUsage = 2;
constexpr int exitPermission = 3;
constexpr int exitFailure = 4;

volatile sig_atomic_t stopRequested = 0;

[[noreturn]] void fail(int code, const std::string& message)
{
    std::fprintf(stderr, "socketscope-capture: %s\n", message.c_str());
    std::exit(code);
}

// The arguments, or the exit with status 2 that says what is wrong with them.
Options argumentsOrExit(int argc, char** argv)
{
    std::string error;
    const std::optional<Options> options = parseArguments({argv + 1, argv + argc}, &error);
    if (!options)
        fail(exitUsage, error);
    return *options;
}

std::string addressText(const sockaddr* address)
{
    char text[INET6_ADDRSTRLEN] = {};
    if (address && address->sa_family == AF_INET)
        inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(address)->sin_addr, text,
                  sizeof(text));
    else if (address && address->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr, text,
                  sizeof(text));
    return text;
}

// Every interface asked for must be one the system has; the addresses it holds join the
// hosts captured for, on every interface (a packet from one of them to another goes by "lo").
void addInterfaceAddresses(Options& options)
{
    char error[PCAP_ERRBUF_SIZE] = {};
    pcap_if_t* devices = nullptr;
    if (pcap_findalldevs(&devices, error) != 0)
        fail(exitFailure, std::string("cannot list the interfaces: ") + error);
    for (std::size_t i = 1; i < options.interfaces.size(); ++i) {
        const std::string& name = options.interfaces[i];
        const pcap_if_t* device = devices;
        while (device && name != device->name)
            device = device->next;
        if (!device) {
            pcap_freealldevs(devices);
            fail(exitUsage, "no such interface: " + name);
        }
        for (const pcap_addr_t* address = device->addresses; address; address = address->next) {
            const std::string text = addressText(address->addr);
            if (!text.empty() &&
                std::find(options.hosts.begin(), options.hosts.end(), text) == options.hosts.end())
                options.hosts.push_back(text);
        }
    }
    pcap_freealldevs(devices);
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
bool readCommands(const std::vector<pcap_t*>& captures, Options& options, std::string& pending)
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
        const std::optional<unsigned> command = parsePortCommand(line);
        if (!command)
            fail(exitUsage, "not a command (port N): " + line.substr(0, 40));
        const unsigned port = *command;
        const bool known =
            std::find(options.ports.begin(), options.ports.end(), port) != options.ports.end();
        if (!known && options.ports.size() >= maxPorts)
            fail(exitUsage, "more ports than a session has");
        if (!known) {
            options.ports.push_back(port);
            for (pcap_t* capture : captures)
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

// The app may run it again while its sockets are open (another interface to capture on), and
// a descriptor the helper inherited would keep a socket open after the app closed it (no FIN
// until the helper ends). It needs none but its stdin, stdout and stderr.
void closeInheritedDescriptors()
{
    if (close_range(3, ~0U, 0) == 0)
        return;
    const long highest = std::min(sysconf(_SC_OPEN_MAX), 65536L);
    for (int fd = 3; fd < highest; ++fd)
        close(fd);
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

// Open and activated, with the capability still held; its link type must be loopback's.
pcap_t* openCapture(const std::string& name, int linkType)
{
    char error[PCAP_ERRBUF_SIZE] = {};
    pcap_t* capture = pcap_create(name.c_str(), error);
    if (!capture)
        fail(exitFailure, error);
    pcap_set_snaplen(capture, 262144);
    pcap_set_immediate_mode(capture, 1);
    pcap_set_tstamp_precision(capture, PCAP_TSTAMP_PRECISION_NANO);
    // A handle that cannot serve is closed before saying why: nothing is left to the exit.
    const auto refuse = [capture](int code, const std::string& message) {
        pcap_close(capture);
        fail(code, message);
    };
    const int activated = pcap_activate(capture);
    if (activated == PCAP_ERROR_PERM_DENIED)
        refuse(exitPermission,
               "no permission to capture on " + name + " (needs root or CAP_NET_RAW)");
    if (activated < 0)
        refuse(exitFailure, name + ": " + pcap_geterr(capture));
    if (linkType >= 0 && pcap_datalink(capture) != linkType)
        refuse(exitUsage, "interface " + name + " carries " +
                              pcap_datalink_val_to_name(pcap_datalink(capture)) +
                              " frames, not loopback's " + pcap_datalink_val_to_name(linkType));
    return capture;
}

} // namespace

int main(int argc, char** argv)
{
    prctl(PR_SET_PDEATHSIG, SIGTERM); // never outlive the app
    closeInheritedDescriptors();
    std::signal(SIGPIPE, SIG_IGN);
    std::signal(SIGTERM, onStopSignal);
    std::signal(SIGINT, onStopSignal);
    Options options = argumentsOrExit(argc, argv);
    addInterfaceAddresses(options);

    std::vector<pcap_t*> captures;
    for (const std::string& name : options.interfaces)
        captures.push_back(openCapture(name, captures.empty() ? -1 : pcap_datalink(captures[0])));
    dropCapabilities();

    char error[PCAP_ERRBUF_SIZE] = {};
    for (pcap_t* capture : captures) {
        applyFilter(capture, options);
        if (pcap_setnonblock(capture, 1, error) != 0)
            fail(exitFailure, error);
    }

    // One stream for all: the interfaces share loopback's link type and snapshot length.
    pcap_dumper_t* dumper = pcap_dump_fopen(captures[0], stdout);
    if (!dumper)
        fail(exitFailure, pcap_geterr(captures[0]));
    pcap_dump_flush(dumper); // the header tells the app that the capture is running

    std::vector<pollfd> watched;
    for (pcap_t* capture : captures)
        watched.push_back({pcap_get_selectable_fd(capture), POLLIN, 0});
    watched.push_back({STDIN_FILENO, POLLIN, 0});
    std::string commands;
    while (!stopRequested) {
        if (poll(watched.data(), nfds_t(watched.size()), -1) < 0) {
            if (errno == EINTR)
                continue;
            fail(exitFailure, std::string("poll: ") + std::strerror(errno));
        }
        for (std::size_t i = 0; i < captures.size(); ++i) {
            if (watched[i].revents)
                writePackets(captures[i], dumper);
        }
        if (watched.back().revents && !readCommands(captures, options, commands))
            stopRequested = 1;
    }
    for (pcap_t* capture : captures) // what arrived before the stop
        writePackets(capture, dumper);
    pcap_dump_close(dumper);
    for (pcap_t* capture : captures)
        pcap_close(capture);
    return 0;
}
