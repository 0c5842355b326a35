#include "engine/syscalllayer.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <csignal>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <thread>
#include <unistd.h>

using namespace SocketScope;

namespace {

CallRequest request(const char* call, int fd = -1)
{
    CallRequest r;
    r.call = QLatin1String(call);
    r.fd = fd;
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
        CallRequest socket = request("socket");
        socket.domain = domain;
        fd = int(calls.perform(socket).ret);
        CallRequest bind = request("bind", fd);
        bind.address =
            domain == AF_INET6 ? *SocketAddress::fromIp(QStringLiteral("::1"), 0) : loopback();
        if (calls.perform(bind).ret != 0)
            return;
        CallRequest listen = request("listen", fd);
        listen.backlog = 5;
        calls.perform(listen);
        CallRequest name = request("getsockname", fd);
        port = calls.perform(name).returnedAddress.port();
    }
    ~Listener() { ::close(fd); }
};

int connectedClient(SyscallLayer& calls, const Listener& listener,
                    CallEvent* connectEvent = nullptr)
{
    const int fd = int(calls.perform(request("socket")).ret);
    CallRequest connect = request("connect", fd);
    connect.address = loopback(listener.port);
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
        QCOMPARE(connect.args, QStringLiteral("%1, {sa_family=AF_INET, sin_port=htons(%2), "
                                              "sin_addr=inet_addr(\"127.0.0.1\")}, 16")
                                   .arg(client)
                                   .arg(listener.port));

        CallRequest accept = request("accept", listener.fd);
        accept.addressCapacity = sizeof(sockaddr_in);
        const CallEvent accepted = calls.perform(accept);
        QVERIFY(accepted.ret >= 0);
        QCOMPARE(accepted.resultFd, int(accepted.ret));
        QCOMPARE(accepted.returnedAddress.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(accepted.args.endsWith(QLatin1String("}, [16]")));

        CallRequest write = request("write", client);
        write.payload = "Hello world !\n";
        const CallEvent written = calls.perform(write);
        QCOMPARE(written.ret, 14);
        QCOMPARE(written.straceLine(),
                 QStringLiteral("write(%1, \"Hello world !\\n\", 14) = 14").arg(client));

        CallRequest read = request("read", int(accepted.ret));
        read.count = 256;
        const CallEvent got = calls.perform(read);
        QCOMPARE(got.data, QByteArray("Hello world !\n"));
        QCOMPARE(got.args, QStringLiteral("%1, \"Hello world !\\n\", 256").arg(accepted.ret));
        QVERIFY(got.durationNs >= 0);
        QVERIFY(got.tNs > 0);

        QCOMPARE(calls.perform(request("close", client)).ret, 0);
        CallRequest readZero = request("read", int(accepted.ret));
        QCOMPARE(calls.perform(readZero).ret, 0); // the peer hung up: read returns 0
        QCOMPARE(calls.perform(request("close", int(accepted.ret))).ret, 0);
    }

    void connectRefusedExplained()
    {
        SyscallLayer calls;
        // A bound socket that does not listen: its port answers a SYN with RST.
        const int closedPort = int(calls.perform(request("socket")).ret);
        CallRequest bind = request("bind", closedPort);
        bind.address = loopback();
        calls.perform(bind);
        const quint16 port =
            calls.perform(request("getsockname", closedPort)).returnedAddress.port();

        const int client = int(calls.perform(request("socket")).ret);
        CallRequest connect = request("connect", client);
        connect.address = loopback(port);
        const CallEvent refused = calls.perform(connect);
        ::close(client);
        ::close(closedPort);
        QCOMPARE(refused.ret, -1);
        QCOMPARE(refused.errnoName, QStringLiteral("ECONNREFUSED"));
        QCOMPARE(refused.errnoMessage, QStringLiteral("Connection refused"));
        QVERIFY(refused.errnoExplanation.contains(QLatin1String("RST")));
        QVERIFY(refused.straceLine().endsWith(
            QLatin1String(" = -1 ECONNREFUSED (Connection refused)")));
        QVERIFY(refused.failed());
    }

    void closedDescriptorIsEbadf()
    {
        SyscallLayer calls;
        const int fd = int(calls.perform(request("socket")).ret);
        QCOMPARE(calls.perform(request("close", fd)).ret, 0);
        const CallEvent again = calls.perform(request("close", fd));
        QCOMPARE(again.errnoName, QStringLiteral("EBADF"));
    }

    void dontWaitOnEmptySocketIsEagain()
    {
        SyscallLayer calls;
        Listener listener(calls);
        const int client = connectedClient(calls, listener);
        CallRequest recv = request("recv", client);
        recv.flags = MSG_DONTWAIT;
        const CallEvent event = calls.perform(recv);
        ::close(client);
        QCOMPARE(event.errnoName, QStringLiteral("EAGAIN"));
        QVERIFY(event.args.contains(QLatin1String("MSG_DONTWAIT")));
    }

    void blockedAcceptCancelledWithin100ms()
    {
        SyscallLayer calls;
        Listener listener(calls);
        std::atomic<bool> blocked{false};
        CallEvent accepted;
        std::thread actor([&] {
            accepted = calls.perform(request("accept", listener.fd), [&] { blocked = true; });
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
        CallRequest socket = request("socket");
        socket.type = SOCK_DGRAM;
        const int fd = int(calls.perform(socket).ret);
        CallRequest bind = request("bind", fd);
        bind.address = loopback();
        calls.perform(bind);
        std::atomic<bool> blocked{false};
        CallEvent received;
        std::thread actor(
            [&] { received = calls.perform(request("recvfrom", fd), [&] { blocked = true; }); });
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
        CallRequest write = request("write", client);
        write.payload = QByteArray(64 * 1024 * 1024, 'x');
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
        QVERIFY(written.ret < write.payload.size());
    }

    void udpSenderAddressReturned()
    {
        SyscallLayer calls;
        CallRequest socket = request("socket");
        socket.type = SOCK_DGRAM;
        const int server = int(calls.perform(socket).ret);
        const int client = int(calls.perform(socket).ret);
        CallRequest bind = request("bind", server);
        bind.address = loopback();
        calls.perform(bind);
        const quint16 port = calls.perform(request("getsockname", server)).returnedAddress.port();

        CallRequest sendto = request("sendto", client);
        sendto.payload = "Hello world !\n";
        sendto.address = loopback(port);
        const CallEvent sent = calls.perform(sendto);
        QCOMPARE(sent.ret, 14);
        QVERIFY(sent.args.startsWith(
            QStringLiteral("%1, \"Hello world !\\n\", 14, 0, {sa_family=AF_INET").arg(client)));

        CallRequest recvfrom = request("recvfrom", server);
        recvfrom.addressCapacity = sizeof(sockaddr_in);
        const CallEvent received = calls.perform(recvfrom);
        const quint16 clientPort =
            calls.perform(request("getsockname", client)).returnedAddress.port();
        ::close(server);
        ::close(client);
        QCOMPARE(received.data, QByteArray("Hello world !\n"));
        QCOMPARE(received.returnedAddress.endpoint(),
                 QStringLiteral("127.0.0.1:%1").arg(clientPort));
        QVERIFY(received.args.endsWith(QLatin1String("}, [16]")));
    }

    void ipv6Loopback()
    {
        SyscallLayer calls;
        Listener listener(calls, AF_INET6);
        if (listener.port == 0)
            QSKIP("IPv6 loopback is not available on this machine");
        const int client = [&] {
            CallRequest socket = request("socket");
            socket.domain = AF_INET6;
            return int(calls.perform(socket).ret);
        }();
        CallRequest connect = request("connect", client);
        connect.address = *SocketAddress::fromIp(QStringLiteral("::1"), listener.port);
        const CallEvent connected = calls.perform(connect);
        const CallEvent accepted = calls.perform(request("accept", listener.fd));
        ::close(client);
        ::close(int(accepted.ret));
        QCOMPARE(connected.ret, 0);
        QVERIFY(connected.args.contains(QLatin1String("inet_pton(AF_INET6, \"::1\", &sin6_addr)")));
        QCOMPARE(accepted.returnedAddress.family(), AF_INET6);
    }

    void unixStreamSocket()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.sock"));
        SyscallLayer calls;
        CallRequest socket = request("socket");
        socket.domain = AF_UNIX;
        const int server = int(calls.perform(socket).ret);
        CallRequest bind = request("bind", server);
        bind.address = *SocketAddress::fromUnixPath(path);
        const CallEvent bound = calls.perform(bind);
        QCOMPARE(bound.ret, 0);
        QCOMPARE(bound.args, QStringLiteral("%1, {sa_family=AF_UNIX, sun_path=\"%2\"}, %3")
                                 .arg(server)
                                 .arg(path)
                                 .arg(bind.address.length()));
        QVERIFY(QFileInfo(path).exists());
        calls.perform(request("listen", server));
        const int client = int(calls.perform(socket).ret);
        CallRequest connect = request("connect", client);
        connect.address = bind.address;
        QCOMPARE(calls.perform(connect).ret, 0);
        const CallEvent accepted = calls.perform(request("accept", server));
        QVERIFY(accepted.ret >= 0);
        ::close(int(accepted.ret));
        ::close(client);
        ::close(server);
        QVERIFY(calls.perform(socket).args.startsWith(QLatin1String("AF_UNIX, SOCK_STREAM, 0")));
    }

    void pollAndSelectShowWhatIsReady()
    {
        SyscallLayer calls;
        Listener listener(calls);
        CallRequest poll = request("poll");
        poll.pollItems = {{listener.fd, POLLIN}};
        poll.timeoutMs = 0;
        const CallEvent idle = calls.perform(poll);
        QCOMPARE(idle.ret, 0);
        QCOMPARE(idle.retDetail, QStringLiteral("(Timeout)"));

        const int client = connectedClient(calls, listener);
        poll.timeoutMs = -1;
        const CallEvent ready = calls.perform(poll);
        QCOMPARE(ready.ret, 1);
        QCOMPARE(ready.args, QStringLiteral("[{fd=%1, events=POLLIN}], 1, -1").arg(listener.fd));
        QCOMPARE(ready.retDetail, QStringLiteral("([{fd=%1, revents=POLLIN}])").arg(listener.fd));

        CallRequest select = request("select");
        select.pollItems = {{listener.fd, POLLIN}};
        const CallEvent selected = calls.perform(select);
        ::close(client);
        QCOMPARE(selected.ret, 1);
        QCOMPARE(
            selected.args,
            QStringLiteral("%1, [%2], NULL, NULL, NULL").arg(listener.fd + 1).arg(listener.fd));
        QCOMPARE(selected.retDetail, QStringLiteral("(in [%1])").arg(listener.fd));
    }

    void socketOptions()
    {
        SyscallLayer calls;
        const int fd = int(calls.perform(request("socket")).ret);
        CallRequest set = request("setsockopt", fd);
        set.level = SOL_SOCKET;
        set.option = SO_REUSEADDR;
        set.optionValue = 1;
        const CallEvent reuse = calls.perform(set);
        QCOMPARE(reuse.args, QStringLiteral("%1, SOL_SOCKET, SO_REUSEADDR, [1], 4").arg(fd));
        CallRequest get = request("getsockopt", fd);
        get.level = SOL_SOCKET;
        get.option = SO_REUSEADDR;
        QCOMPARE(calls.perform(get).args,
                 QStringLiteral("%1, SOL_SOCKET, SO_REUSEADDR, [1], [4]").arg(fd));
        QCOMPARE(calls.lastOptionValue(), 1);

        set.option = SO_LINGER;
        set.optionValue = 1;
        set.lingerSeconds = 0;
        QCOMPARE(calls.perform(set).args,
                 QStringLiteral("%1, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=0}, 8").arg(fd));
        ::close(fd);
    }

    void nameResolution()
    {
        SyscallLayer calls;
        CallRequest lookup = request("getaddrinfo");
        lookup.host = QStringLiteral("127.0.0.1");
        lookup.service = QStringLiteral("5000");
        lookup.domain = AF_UNSPEC;
        lookup.type = SOCK_STREAM;
        const CallEvent found = calls.perform(lookup);
        QCOMPARE(found.ret, 0);
        QVERIFY(!calls.resolvedAddresses().isEmpty());
        QCOMPARE(calls.resolvedAddresses().first().endpoint(), QStringLiteral("127.0.0.1:5000"));
        QVERIFY(
            found.args.startsWith(QLatin1String("\"127.0.0.1\", \"5000\", {ai_flags=0, "
                                                "ai_family=AF_UNSPEC, ai_socktype=SOCK_STREAM}")));

        lookup.host = QStringLiteral("not-a-number");
        lookup.flags = AI_NUMERICHOST;
        const CallEvent missing = calls.perform(lookup);
        QCOMPARE(missing.errnoName, QStringLiteral("EAI_NONAME"));
        QVERIFY(!missing.errnoExplanation.isEmpty());

        CallRequest reverse = request("getnameinfo");
        reverse.address = loopback(5000);
        reverse.flags = NI_NUMERICHOST | NI_NUMERICSERV;
        const CallEvent named = calls.perform(reverse);
        QCOMPARE(named.ret, 0);
        QVERIFY(named.args.contains(
            QLatin1String("\"127.0.0.1\", 1025, \"5000\", 32, NI_NUMERICHOST|NI_NUMERICSERV")));
    }

    void halfCloseReadsZero()
    {
        SyscallLayer calls;
        Listener listener(calls);
        const int client = connectedClient(calls, listener);
        const int served = int(calls.perform(request("accept", listener.fd)).ret);
        CallRequest shutdown = request("shutdown", client);
        shutdown.how = SHUT_WR;
        QCOMPARE(calls.perform(shutdown).args, QStringLiteral("%1, SHUT_WR").arg(client));
        const CallEvent eof = calls.perform(request("read", served));
        QCOMPARE(eof.ret, 0);
        QCOMPARE(eof.args, QStringLiteral("%1, \"\", 256").arg(served));
        ::close(served);
        ::close(client);
    }
};

QTEST_GUILESS_MAIN(TestSyscallLayer)
#include "tst_syscalllayer.moc"
