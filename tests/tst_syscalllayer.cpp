#include "engine/syscalllayer.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <csignal>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <thread>
#include <unistd.h>

using namespace SocketScope;

namespace {

// With the defaults a C program would pass: AF_INET, SOCK_STREAM, a 256-byte buffer.
CallRequest request(Call call, int fd = -1)
{
    CallRequest r;
    r.call = call;
    r.arguments.fd = fd;
    r.arguments.domain = AF_INET;
    r.arguments.type = SOCK_STREAM;
    r.arguments.count = 256;
    r.arguments.backlog = 5;
    return r;
}

SocketAddress loopback(quint16 port = 0)
{
    return *SocketAddress::fromIp(QStringLiteral("127.0.0.1"), port);
}

// A listening TCP socket on 127.0.0.1 port 0, and the port the system gave it.
struct Listener {
    SyscallLayer& calls;
    int fd = -1;
    quint16 port = 0;

    explicit Listener(SyscallLayer& layer, int domain = AF_INET)
        : calls(layer)
    {
        CallRequest socket = request(Call::Socket);
        socket.arguments.domain = domain;
        fd = int(calls.perform(socket).ret);
        CallRequest bind = request(Call::Bind, fd);
        bind.arguments.address =
            domain == AF_INET6 ? *SocketAddress::fromIp(QStringLiteral("::1"), 0) : loopback();
        if (calls.perform(bind).ret != 0)
            return;
        CallRequest listen = request(Call::Listen, fd);
        listen.arguments.backlog = 5;
        calls.perform(listen);
        CallRequest name = request(Call::GetSockName, fd);
        port = calls.perform(name).results.returnedAddress.port();
    }
    ~Listener() { ::close(fd); }
};

int connectedClient(SyscallLayer& calls, const Listener& listener,
                    CallEvent* connectEvent = nullptr)
{
    const int fd = int(calls.perform(request(Call::Socket)).ret);
    CallRequest connect = request(Call::Connect, fd);
    connect.arguments.address = loopback(listener.port);
    const CallEvent event = calls.perform(connect);
    if (connectEvent)
        *connectEvent = event;
    return fd;
}

} // namespace

class TestSyscallLayer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // A write cut short by shutdown() would otherwise kill the test with SIGPIPE.
        std::signal(SIGPIPE, SIG_IGN);
    }

    void tcpExchangeRenderedLikeStrace()
    {
        SyscallLayer calls;
        Listener listener(calls);
        QVERIFY(listener.port != 0);
        CallEvent connect;
        const int client = connectedClient(calls, listener, &connect);
        QCOMPARE(connect.ret, 0);
        QCOMPARE(connect.argumentsText(),
                 QStringLiteral("%1, {sa_family=AF_INET, sin_port=htons(%2), "
                                "sin_addr=inet_addr(\"127.0.0.1\")}, 16")
                     .arg(client)
                     .arg(listener.port));

        CallRequest accept = request(Call::Accept, listener.fd);
        accept.arguments.addressCapacity = sizeof(sockaddr_in);
        const CallEvent accepted = calls.perform(accept);
        QVERIFY(accepted.ret >= 0);
        QCOMPARE(accepted.resultFd(), int(accepted.ret));
        QCOMPARE(accepted.results.returnedAddress.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(accepted.argumentsText().endsWith(QLatin1String("}, [16]")));

        CallRequest write = request(Call::Write, client);
        write.arguments.payload = "Hello world !\n";
        const CallEvent written = calls.perform(write);
        QCOMPARE(written.ret, 14);
        QCOMPARE(written.straceLine(),
                 QStringLiteral("write(%1, \"Hello world !\\n\", 14) = 14").arg(client));

        CallRequest read = request(Call::Read, int(accepted.ret));
        read.arguments.count = 256;
        const CallEvent got = calls.perform(read);
        QCOMPARE(got.results.data, QByteArray("Hello world !\n"));
        QCOMPARE(got.argumentsText(),
                 QStringLiteral("%1, \"Hello world !\\n\", 256").arg(accepted.ret));
        QVERIFY(got.durationNs >= 0);
        QVERIFY(got.tNs > 0);

        QCOMPARE(calls.perform(request(Call::Close, client)).ret, 0);
        CallRequest readZero = request(Call::Read, int(accepted.ret));
        QCOMPARE(calls.perform(readZero).ret, 0); // the peer hung up: read returns 0
        QCOMPARE(calls.perform(request(Call::Close, int(accepted.ret))).ret, 0);
    }

    void connectRefusedExplained()
    {
        SyscallLayer calls;
        // A bound socket that does not listen: its port answers a SYN with RST.
        const int closedPort = int(calls.perform(request(Call::Socket)).ret);
        CallRequest bind = request(Call::Bind, closedPort);
        bind.arguments.address = loopback();
        calls.perform(bind);
        const quint16 port =
            calls.perform(request(Call::GetSockName, closedPort)).results.returnedAddress.port();

        const int client = int(calls.perform(request(Call::Socket)).ret);
        CallRequest connect = request(Call::Connect, client);
        connect.arguments.address = loopback(port);
        const CallEvent refused = calls.perform(connect);
        ::close(client);
        ::close(closedPort);
        QCOMPARE(refused.ret, -1);
        QCOMPARE(refused.errorInfo().name, QStringLiteral("ECONNREFUSED"));
        QCOMPARE(refused.errorInfo().message, QStringLiteral("Connection refused"));
        QVERIFY(refused.errorInfo().explanation.contains(QLatin1String("RST")));
        QVERIFY(refused.straceLine().endsWith(
            QLatin1String(" = -1 ECONNREFUSED (Connection refused)")));
        QVERIFY(refused.failed());
    }

    void closedDescriptorIsEbadf()
    {
        SyscallLayer calls;
        const int fd = int(calls.perform(request(Call::Socket)).ret);
        QCOMPARE(calls.perform(request(Call::Close, fd)).ret, 0);
        const CallEvent again = calls.perform(request(Call::Close, fd));
        QCOMPARE(again.errorInfo().name, QStringLiteral("EBADF"));
    }

    void dontWaitOnEmptySocketIsEagain()
    {
        SyscallLayer calls;
        Listener listener(calls);
        const int client = connectedClient(calls, listener);
        CallRequest recv = request(Call::Recv, client);
        recv.arguments.flags = MSG_DONTWAIT;
        const CallEvent event = calls.perform(recv);
        ::close(client);
        QCOMPARE(event.errorInfo().name, QStringLiteral("EAGAIN"));
        QVERIFY(event.argumentsText().contains(QLatin1String("MSG_DONTWAIT")));
    }

    // fcntl F_GETFL then F_SETFL with O_NONBLOCK, as a C program makes a socket
    // non-blocking: the kernel says so after, the calls read like strace, and a read on it
    // with nothing to read fails at once with EAGAIN, without waiting.
    void fcntlMakesTheSocketNonBlocking()
    {
        SyscallLayer calls;
        Listener listener(calls);
        const int client = connectedClient(calls, listener);
        CallRequest get = request(Call::Fcntl, client);
        get.arguments.command = F_GETFL;
        const CallEvent flags = calls.perform(get);
        QVERIFY(flags.ret >= 0);
        QCOMPARE(flags.ret & O_NONBLOCK, 0);
        CallRequest set = request(Call::Fcntl, client);
        set.arguments.command = F_SETFL;
        set.arguments.commandArgument = flags.ret | O_NONBLOCK;
        const CallEvent made = calls.perform(set);
        QCOMPARE(made.ret, 0);
        QVERIFY((::fcntl(client, F_GETFL) & O_NONBLOCK) != 0);
        QCOMPARE(made.straceLine(),
                 QStringLiteral("fcntl(%1, F_SETFL, O_RDWR|O_NONBLOCK) = 0").arg(client));
        QCOMPARE(calls.perform(get).straceLine(),
                 QStringLiteral("fcntl(%1, F_GETFL) = 0x%2 (flags O_RDWR|O_NONBLOCK)")
                     .arg(client)
                     .arg(O_RDWR | O_NONBLOCK, 0, 16));
        CallRequest read = request(Call::Read, client);
        read.descriptorType = SOCK_STREAM | SOCK_NONBLOCK;
        bool waited = false;
        const CallEvent event = calls.perform(read, [&] { waited = true; });
        ::close(client);
        QCOMPARE(event.errorInfo().name, QStringLiteral("EAGAIN"));
        QVERIFY(!waited);
        QVERIFY(!event.blocked);
    }

    void blockedAcceptCancelledWithin100ms()
    {
        SyscallLayer calls;
        Listener listener(calls);
        std::atomic<bool> blocked{false};
        CallEvent accepted;
        std::thread actor([&] {
            accepted = calls.perform(request(Call::Accept, listener.fd), [&] { blocked = true; });
        });
        QTRY_VERIFY(blocked.load());
        QElapsedTimer timer;
        timer.start();
        calls.cancel();
        actor.join();
        const qint64 elapsedMs = timer.elapsed();
        QVERIFY2(elapsedMs < 100, qPrintable(QStringLiteral("%1 ms").arg(elapsedMs)));
        QVERIFY(accepted.cancelled);
        QVERIFY(accepted.straceLine().endsWith(QLatin1String("<cancelled>")));
    }

    void blockedRecvfromCancelled()
    {
        SyscallLayer calls;
        CallRequest socket = request(Call::Socket);
        socket.arguments.type = SOCK_DGRAM;
        const int fd = int(calls.perform(socket).ret);
        CallRequest bind = request(Call::Bind, fd);
        bind.arguments.address = loopback();
        calls.perform(bind);
        std::atomic<bool> blocked{false};
        CallEvent received;
        std::thread actor([&] {
            received = calls.perform(request(Call::RecvFrom, fd), [&] { blocked = true; });
        });
        QTRY_VERIFY(blocked.load());
        calls.cancel();
        actor.join();
        ::close(fd);
        QVERIFY(received.cancelled);
    }

    void writeBlockedInKernelIsWokenByCancel()
    {
        SyscallLayer calls;
        Listener listener(calls);
        const int client = connectedClient(calls, listener);
        // Nobody reads: a large write fills both buffers and then waits inside the kernel.
        CallRequest write = request(Call::Write, client);
        write.arguments.payload = QByteArray(64 * 1024 * 1024, 'x');
        CallEvent written;
        std::thread actor([&] { written = calls.perform(write); });
        // Data is queued in the kernel: the write is in progress there, not in the poll().
        const auto queued = [client] {
            int bytes = 0;
            return ::ioctl(client, TIOCOUTQ, &bytes) == 0 && bytes > 0;
        };
        QTRY_VERIFY(queued());
        calls.cancel();
        actor.join();
        ::close(client);
        QVERIFY(!written.cancelled); // it was made: shutdown() cut it short
        QVERIFY(written.ret < write.arguments.payload.size());
    }

    void udpSenderAddressReturned()
    {
        SyscallLayer calls;
        CallRequest socket = request(Call::Socket);
        socket.arguments.type = SOCK_DGRAM;
        const int server = int(calls.perform(socket).ret);
        const int client = int(calls.perform(socket).ret);
        CallRequest bind = request(Call::Bind, server);
        bind.arguments.address = loopback();
        calls.perform(bind);
        const quint16 port =
            calls.perform(request(Call::GetSockName, server)).results.returnedAddress.port();

        CallRequest sendto = request(Call::SendTo, client);
        sendto.arguments.payload = "Hello world !\n";
        sendto.arguments.address = loopback(port);
        const CallEvent sent = calls.perform(sendto);
        QCOMPARE(sent.ret, 14);
        QVERIFY(sent.argumentsText().startsWith(
            QStringLiteral("%1, \"Hello world !\\n\", 14, 0, {sa_family=AF_INET").arg(client)));

        CallRequest recvfrom = request(Call::RecvFrom, server);
        recvfrom.arguments.addressCapacity = sizeof(sockaddr_in);
        const CallEvent received = calls.perform(recvfrom);
        const quint16 clientPort =
            calls.perform(request(Call::GetSockName, client)).results.returnedAddress.port();
        ::close(server);
        ::close(client);
        QCOMPARE(received.results.data, QByteArray("Hello world !\n"));
        QCOMPARE(received.results.returnedAddress.endpoint(),
                 QStringLiteral("127.0.0.1:%1").arg(clientPort));
        QVERIFY(received.argumentsText().endsWith(QLatin1String("}, [16]")));
    }

    void ipv6Loopback()
    {
        SyscallLayer calls;
        Listener listener(calls, AF_INET6);
        if (listener.port == 0)
            QSKIP("IPv6 loopback is not available on this machine");
        const int client = [&] {
            CallRequest socket = request(Call::Socket);
            socket.arguments.domain = AF_INET6;
            return int(calls.perform(socket).ret);
        }();
        CallRequest connect = request(Call::Connect, client);
        connect.arguments.address = *SocketAddress::fromIp(QStringLiteral("::1"), listener.port);
        const CallEvent connected = calls.perform(connect);
        const CallEvent accepted = calls.perform(request(Call::Accept, listener.fd));
        ::close(client);
        ::close(int(accepted.ret));
        QCOMPARE(connected.ret, 0);
        QVERIFY(connected.argumentsText().contains(
            QLatin1String("inet_pton(AF_INET6, \"::1\", &sin6_addr)")));
        QCOMPARE(accepted.results.returnedAddress.family(), AF_INET6);
    }

    void unixStreamSocket()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.sock"));
        SyscallLayer calls;
        CallRequest socket = request(Call::Socket);
        socket.arguments.domain = AF_UNIX;
        const int server = int(calls.perform(socket).ret);
        CallRequest bind = request(Call::Bind, server);
        bind.arguments.address = *SocketAddress::fromUnixPath(path);
        const CallEvent bound = calls.perform(bind);
        QCOMPARE(bound.ret, 0);
        QCOMPARE(bound.argumentsText(),
                 QStringLiteral("%1, {sa_family=AF_UNIX, sun_path=\"%2\"}, %3")
                     .arg(server)
                     .arg(path)
                     .arg(bind.arguments.address.length()));
        QVERIFY(QFileInfo(path).exists());
        calls.perform(request(Call::Listen, server));
        const int client = int(calls.perform(socket).ret);
        CallRequest connect = request(Call::Connect, client);
        connect.arguments.address = bind.arguments.address;
        QCOMPARE(calls.perform(connect).ret, 0);
        const CallEvent accepted = calls.perform(request(Call::Accept, server));
        QVERIFY(accepted.ret >= 0);
        ::close(int(accepted.ret));
        ::close(client);
        ::close(server);
        QVERIFY(calls.perform(socket).argumentsText().startsWith(
            QLatin1String("AF_UNIX, SOCK_STREAM, 0")));
    }

    void pollAndSelectShowWhatIsReady()
    {
        SyscallLayer calls;
        Listener listener(calls);
        CallRequest poll = request(Call::Poll);
        poll.arguments.pollItems = {{listener.fd, POLLIN, 0}};
        poll.arguments.timeoutMs = 0;
        const CallEvent idle = calls.perform(poll);
        QCOMPARE(idle.ret, 0);
        QCOMPARE(idle.resultText(), QStringLiteral("0 (Timeout)"));

        const int client = connectedClient(calls, listener);
        poll.arguments.timeoutMs = -1;
        const CallEvent ready = calls.perform(poll);
        QCOMPARE(ready.ret, 1);
        QCOMPARE(ready.argumentsText(),
                 QStringLiteral("[{fd=%1, events=POLLIN}], 1, -1").arg(listener.fd));
        QCOMPARE(ready.resultText(),
                 QStringLiteral("1 ([{fd=%1, revents=POLLIN}])").arg(listener.fd));

        CallRequest select = request(Call::Select);
        select.arguments.pollItems = {{listener.fd, POLLIN, 0}};
        const CallEvent selected = calls.perform(select);
        ::close(client);
        QCOMPARE(selected.ret, 1);
        QCOMPARE(
            selected.argumentsText(),
            QStringLiteral("%1, [%2], NULL, NULL, NULL").arg(listener.fd + 1).arg(listener.fd));
        QCOMPARE(selected.resultText(), QStringLiteral("1 (in [%1])").arg(listener.fd));
    }

    void socketOptions()
    {
        SyscallLayer calls;
        const int fd = int(calls.perform(request(Call::Socket)).ret);
        CallRequest set = request(Call::SetSockOpt, fd);
        set.arguments.level = SOL_SOCKET;
        set.arguments.option = SO_REUSEADDR;
        set.arguments.value = {OptionValue::Kind::Integer, 1, 0, {}, {}, 0, {}};
        const CallEvent reuse = calls.perform(set);
        QCOMPARE(reuse.argumentsText(),
                 QStringLiteral("%1, SOL_SOCKET, SO_REUSEADDR, [1], 4").arg(fd));
        CallRequest get = request(Call::GetSockOpt, fd);
        get.arguments.level = SOL_SOCKET;
        get.arguments.option = SO_REUSEADDR;
        const CallEvent read = calls.perform(get);
        QCOMPARE(read.argumentsText(),
                 QStringLiteral("%1, SOL_SOCKET, SO_REUSEADDR, [1], [4]").arg(fd));
        QCOMPARE(read.results.value.integer, 1);

        set.arguments.option = SO_LINGER;
        set.arguments.value = {OptionValue::Kind::Linger, 1, 0, {}, {}, 0, {}};
        QCOMPARE(calls.perform(set).argumentsText(),
                 QStringLiteral("%1, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=0}, 8").arg(fd));
        ::close(fd);
    }

    void nameResolution()
    {
        SyscallLayer calls;
        CallRequest lookup = request(Call::GetAddrInfo);
        lookup.arguments.host = QStringLiteral("127.0.0.1");
        lookup.arguments.service = QStringLiteral("5000");
        lookup.arguments.domain = AF_UNSPEC;
        lookup.arguments.type = SOCK_STREAM;
        const CallEvent found = calls.perform(lookup);
        QCOMPARE(found.ret, 0);
        QVERIFY(!found.results.resolved.isEmpty());
        QCOMPARE(found.results.resolved.first().endpoint(), QStringLiteral("127.0.0.1:5000"));
        QVERIFY(found.argumentsText().startsWith(
            QLatin1String("\"127.0.0.1\", \"5000\", {ai_flags=0, "
                          "ai_family=AF_UNSPEC, ai_socktype=SOCK_STREAM}")));

        lookup.arguments.host = QStringLiteral("not-a-number");
        lookup.arguments.flags = AI_NUMERICHOST;
        const CallEvent missing = calls.perform(lookup);
        QCOMPARE(missing.errorInfo().name, QStringLiteral("EAI_NONAME"));
        QVERIFY(!missing.errorInfo().explanation.isEmpty());

        CallRequest reverse = request(Call::GetNameInfo);
        reverse.arguments.address = loopback(5000);
        reverse.arguments.flags = NI_NUMERICHOST | NI_NUMERICSERV;
        const CallEvent named = calls.perform(reverse);
        QCOMPARE(named.ret, 0);
        QVERIFY(named.argumentsText().contains(
            QLatin1String("\"127.0.0.1\", 1025, \"5000\", 32, NI_NUMERICHOST|NI_NUMERICSERV")));
    }

    void halfCloseReadsZero()
    {
        SyscallLayer calls;
        Listener listener(calls);
        const int client = connectedClient(calls, listener);
        const int served = int(calls.perform(request(Call::Accept, listener.fd)).ret);
        CallRequest shutdown = request(Call::Shutdown, client);
        shutdown.arguments.how = SHUT_WR;
        QCOMPARE(calls.perform(shutdown).argumentsText(),
                 QStringLiteral("%1, SHUT_WR").arg(client));
        const CallEvent eof = calls.perform(request(Call::Read, served));
        QCOMPARE(eof.ret, 0);
        QCOMPARE(eof.argumentsText(), QStringLiteral("%1, \"\", 256").arg(served));
        ::close(served);
        ::close(client);
    }
};

QTEST_GUILESS_MAIN(TestSyscallLayer)
#include "tst_syscalllayer.moc"
