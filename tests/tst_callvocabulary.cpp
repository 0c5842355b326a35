#include "calls/callcodec.h"
#include "calls/tupletracker.h"
#include "engine/syscalllayer.h"
#include "log/sessionfile.h"
#include "packets/packetinference.h"
#include "stagestate.h"

#include <QBuffer>
#include <QSet>
#include <QTest>

#include <cerrno>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sched.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>

using namespace SocketScope;

namespace {

SocketAddress loopback(quint16 port)
{
    return *SocketAddress::fromIp(QStringLiteral("127.0.0.1"), port);
}

// One call of every kind, as a program could make it, and how strace shows it. A call added
// to the vocabulary without a sample here fails the test: its rendering, its saved form and
// every projection must be thought of.
struct Sample {
    CallEvent event;
    QString strace;
};

CallEvent made(Call call, qint64 ret)
{
    CallEvent event;
    event.seq = 7;
    event.step = 2;
    event.tNs = 1'000'000;
    event.durationNs = 2000;
    event.actor = QStringLiteral("server");
    event.pid = 4242;
    event.call = call;
    event.ret = ret;
    event.family = AF_INET;
    event.socketType = SOCK_STREAM;
    return event;
}

QList<Sample> samples()
{
    QList<Sample> list;
    const auto add = [&list](const CallEvent& event, const char* strace) {
        list.append({event, QString::fromUtf8(strace)});
    };
    CallEvent e = made(Call::Socket, 3);
    e.arguments.domain = AF_INET;
    e.arguments.type = SOCK_STREAM | SOCK_CLOEXEC;
    add(e, "socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP) = 3");

    e = made(Call::Socketpair, 0);
    e.arguments.domain = AF_UNIX;
    e.arguments.type = SOCK_STREAM;
    e.results.fds = {3, 4};
    add(e, "socketpair(AF_UNIX, SOCK_STREAM, 0, [3, 4]) = 0");

    e = made(Call::Bind, 0);
    e.arguments.fd = 3;
    e.arguments.address = loopback(5000);
    add(e, "bind(3, {sa_family=AF_INET, sin_port=htons(5000), "
           "sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0");

    e = made(Call::Listen, 0);
    e.arguments.fd = 3;
    e.arguments.backlog = 5;
    add(e, "listen(3, 5) = 0");

    e = made(Call::Accept, 4);
    e.arguments.fd = 3;
    e.arguments.addressCapacity = 16;
    e.results.returnedAddress = loopback(40000);
    e.results.returnedLength = 16;
    add(e, "accept(3, {sa_family=AF_INET, sin_port=htons(40000), "
           "sin_addr=inet_addr(\"127.0.0.1\")}, [16]) = 4");

    e = made(Call::Accept4, -1);
    e.error = EAGAIN;
    e.arguments.fd = 3;
    e.arguments.addressCapacity = 128;
    e.arguments.addressBuffer = 0x7ffd0000;
    e.arguments.flags = SOCK_NONBLOCK;
    add(e, "accept4(3, 0x7ffd0000, [128], SOCK_NONBLOCK) = -1 EAGAIN (Resource temporarily "
           "unavailable)");

    e = made(Call::Connect, -1);
    e.error = ECONNREFUSED;
    e.arguments.fd = 5;
    e.arguments.address = loopback(5000);
    add(e, "connect(5, {sa_family=AF_INET, sin_port=htons(5000), "
           "sin_addr=inet_addr(\"127.0.0.1\")}, 16) = -1 ECONNREFUSED (Connection refused)");

    e = made(Call::Shutdown, 0);
    e.arguments.fd = 4;
    e.arguments.how = SHUT_WR;
    add(e, "shutdown(4, SHUT_WR) = 0");

    e = made(Call::Close, 0);
    e.arguments.fd = 4;
    add(e, "close(4) = 0");

    e = made(Call::Dup, 6);
    e.arguments.fd = 4;
    add(e, "dup(4) = 6");

    e = made(Call::Dup2, 10);
    e.arguments.fd = 4;
    e.arguments.targetFd = 10;
    add(e, "dup2(4, 10) = 10");

    e = made(Call::Dup3, 10);
    e.arguments.fd = 4;
    e.arguments.targetFd = 10;
    e.arguments.flags = O_CLOEXEC;
    add(e, "dup3(4, 10, O_CLOEXEC) = 10");

    e = made(Call::Fcntl, O_RDWR | O_NONBLOCK);
    e.arguments.fd = 4;
    e.arguments.command = F_GETFL;
    add(e, "fcntl(4, F_GETFL) = 0x802 (flags O_RDWR|O_NONBLOCK)");

    e = made(Call::Ioctl, 0);
    e.arguments.fd = 4;
    e.arguments.command = FIONREAD;
    e.results.commandResult = 14;
    add(e, "ioctl(4, FIONREAD, [14]) = 0");

    e = made(Call::Read, 14);
    e.arguments.fd = 4;
    e.arguments.count = 256;
    e.results.data = "Hello world !\n";
    add(e, "read(4, \"Hello world !\\n\", 256) = 14");

    e = made(Call::Write, 3);
    e.arguments.fd = 4;
    e.arguments.payload = "ok\n";
    add(e, "write(4, \"ok\\n\", 3) = 3");

    e = made(Call::Readv, 5);
    e.arguments.fd = 4;
    e.arguments.vector = {{3, "abc"}, {8, "de"}};
    add(e, "readv(4, [{iov_base=\"abc\", iov_len=3}, {iov_base=\"de\", iov_len=8}], 2) = 5");

    e = made(Call::Writev, 5);
    e.arguments.fd = 4;
    e.arguments.vector = {{2, "ab"}, {3, "cde"}};
    add(e, "writev(4, [{iov_base=\"ab\", iov_len=2}, {iov_base=\"cde\", iov_len=3}], 2) = 5");

    e = made(Call::Send, 2);
    e.arguments.fd = 4;
    e.arguments.payload = "hi";
    e.arguments.flags = MSG_NOSIGNAL;
    add(e, "send(4, \"hi\", 2, MSG_NOSIGNAL) = 2");

    e = made(Call::Recv, 2);
    e.arguments.fd = 4;
    e.arguments.count = 10;
    e.arguments.flags = MSG_PEEK;
    e.results.data = "hi";
    add(e, "recv(4, \"hi\", 10, MSG_PEEK) = 2");

    e = made(Call::SendTo, 2);
    e.socketType = SOCK_DGRAM;
    e.arguments.fd = 4;
    e.arguments.payload = "hi";
    e.arguments.address = loopback(5000);
    add(e, "sendto(4, \"hi\", 2, 0, {sa_family=AF_INET, sin_port=htons(5000), "
           "sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 2");

    e = made(Call::RecvFrom, 2);
    e.socketType = SOCK_DGRAM;
    e.arguments.fd = 4;
    e.arguments.count = 256;
    e.arguments.addressCapacity = 16;
    e.results.data = "hi";
    e.results.returnedAddress = loopback(40000);
    e.results.returnedLength = 16;
    add(e, "recvfrom(4, \"hi\", 256, 0, {sa_family=AF_INET, sin_port=htons(40000), "
           "sin_addr=inet_addr(\"127.0.0.1\")}, [16]) = 2");

    e = made(Call::SendMsg, 2);
    e.socketType = SOCK_DGRAM;
    e.arguments.fd = 4;
    e.arguments.address = loopback(5000);
    e.arguments.vector = {{2, "hi"}};
    add(e, "sendmsg(4, {msg_name={sa_family=AF_INET, sin_port=htons(5000), "
           "sin_addr=inet_addr(\"127.0.0.1\")}, msg_namelen=16, msg_iov=[{iov_base=\"hi\", "
           "iov_len=2}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = 2");

    e = made(Call::RecvMsg, 2);
    e.socketType = SOCK_DGRAM;
    e.arguments.fd = 4;
    e.arguments.vector = {{16, "hi"}};
    e.results.returnedAddress = loopback(40000);
    e.results.returnedLength = 16;
    e.results.data = "hi";
    add(e, "recvmsg(4, {msg_name={sa_family=AF_INET, sin_port=htons(40000), "
           "sin_addr=inet_addr(\"127.0.0.1\")}, msg_namelen=16, msg_iov=[{iov_base=\"hi\", "
           "iov_len=16}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = 2");

    e = made(Call::SendMmsg, 1);
    e.socketType = SOCK_DGRAM;
    e.arguments.fd = 4;
    e.arguments.count = 1;
    e.arguments.messages = {{{}, 0, {{2, "hi"}}, 2}};
    add(e, "sendmmsg(4, [{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"hi\", "
           "iov_len=2}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, msg_len=2}], 1, 0) = 1");

    e = made(Call::RecvMmsg, 1);
    e.socketType = SOCK_DGRAM;
    e.arguments.fd = 4;
    e.arguments.count = 1;
    e.arguments.messages = {{{}, 0, {{16, "hi"}}, 2}};
    add(e, "recvmmsg(4, [{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"hi\", "
           "iov_len=16}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, msg_len=2}], 1, 0, NULL) "
           "= 1");

    e = made(Call::GetSockName, 0);
    e.arguments.fd = 3;
    e.arguments.addressCapacity = 16;
    e.results.returnedAddress = loopback(5000);
    e.results.returnedLength = 16;
    add(e, "getsockname(3, {sa_family=AF_INET, sin_port=htons(5000), "
           "sin_addr=inet_addr(\"127.0.0.1\")}, [16]) = 0");

    e = made(Call::GetPeerName, -1);
    e.error = ENOTCONN;
    e.arguments.fd = 3;
    e.arguments.addressCapacity = 16;
    e.arguments.addressBuffer = 0x7ffd0010;
    add(e, "getpeername(3, 0x7ffd0010, [16]) = -1 ENOTCONN (Transport endpoint is not "
           "connected)");

    e = made(Call::GetSockOpt, 0);
    e.arguments.fd = 3;
    e.arguments.level = SOL_SOCKET;
    e.arguments.option = SO_RCVBUF;
    e.results.value = {OptionValue::Kind::Integer, 131072, 0, {}, {}, 0, {}};
    e.results.valueLength = 4;
    add(e, "getsockopt(3, SOL_SOCKET, SO_RCVBUF, [131072], [4]) = 0");

    e = made(Call::SetSockOpt, 0);
    e.arguments.fd = 3;
    e.arguments.level = SOL_SOCKET;
    e.arguments.option = SO_LINGER;
    e.arguments.value = {OptionValue::Kind::Linger, 1, 0, {}, {}, 0, {}};
    add(e, "setsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=0}, 8) = 0");

    e = made(Call::Select, 1);
    e.arguments.pollItems = {{0, POLLIN, 0}, {3, POLLIN, 0}};
    e.arguments.timeoutMs = 1500;
    e.results.ready = {{3, POLLIN, POLLIN}};
    add(e, "select(4, [0 3], NULL, NULL, {tv_sec=1, tv_usec=500000}) = 1 (in [3])");

    e = made(Call::PSelect6, 0);
    e.arguments.pollItems = {{3, POLLIN, 0}};
    e.arguments.timeoutMs = 0;
    add(e, "pselect6(4, [3], NULL, NULL, {tv_sec=0, tv_nsec=0}, NULL) = 0 (Timeout)");

    e = made(Call::Poll, 1);
    e.arguments.pollItems = {{3, POLLIN, 0}};
    e.arguments.timeoutMs = -1;
    e.results.ready = {{3, POLLIN, POLLIN | POLLHUP}};
    add(e, "poll([{fd=3, events=POLLIN}], 1, -1) = 1 ([{fd=3, revents=POLLIN|POLLHUP}])");

    e = made(Call::PPoll, 0);
    e.arguments.pollItems = {{3, POLLOUT, 0}};
    e.arguments.timeoutMs = 250;
    add(e, "ppoll([{fd=3, events=POLLOUT}], 1, {tv_sec=0, tv_nsec=250000000}, NULL, 8) = 0 "
           "(Timeout)");

    // With a signal mask: shown where it is (strace shows the signals in it).
    e = made(Call::PPoll, 1);
    e.arguments.pollItems = {{3, POLLIN, 0}};
    e.arguments.timeoutMs = -1;
    e.arguments.signalMask = 0x7ffc0010;
    e.results.ready = {{3, POLLIN, POLLIN}};
    add(e, "ppoll([{fd=3, events=POLLIN}], 1, NULL, 0x7ffc0010, 8) = 1 ([{fd=3, revents=POLLIN}])");

    e = made(Call::EpollCreate, 6);
    e.arguments.count = 1;
    add(e, "epoll_create(1) = 6");

    e = made(Call::EpollCreate1, 5);
    e.arguments.flags = EPOLL_CLOEXEC;
    add(e, "epoll_create1(EPOLL_CLOEXEC) = 5");

    e = made(Call::EpollCtl, 0);
    e.arguments.fd = 5;
    e.arguments.operation = EPOLL_CTL_ADD;
    e.arguments.targetFd = 3;
    e.arguments.epollEvent = {EPOLLIN, 3};
    add(e, "epoll_ctl(5, EPOLL_CTL_ADD, 3, {events=EPOLLIN, data={u32=3, u64=3}}) = 0");

    e = made(Call::EpollWait, 1);
    e.arguments.fd = 5;
    e.arguments.count = 10;
    e.arguments.timeoutMs = -1;
    e.results.epollReady = {{EPOLLIN, 3}};
    add(e, "epoll_wait(5, [{events=EPOLLIN, data={u32=3, u64=3}}], 10, -1) = 1");

    e = made(Call::EpollPwait, 0);
    e.arguments.fd = 5;
    e.arguments.count = 10;
    e.arguments.timeoutMs = 100;
    e.arguments.buffer = 0x7ffc0020;
    add(e, "epoll_pwait(5, 0x7ffc0020, 10, 100, NULL, 8) = 0 (Timeout)");

    e = made(Call::GetAddrInfo, 0);
    e.arguments.host = QStringLiteral("localhost");
    e.arguments.service = QStringLiteral("5000");
    e.arguments.type = SOCK_STREAM;
    e.results.resolved = {loopback(5000)};
    add(e, "getaddrinfo(\"localhost\", \"5000\", {ai_flags=0, ai_family=AF_UNSPEC, "
           "ai_socktype=SOCK_STREAM}, [{sa_family=AF_INET, sin_port=htons(5000), "
           "sin_addr=inet_addr(\"127.0.0.1\")}]) = 0");

    e = made(Call::GetNameInfo, EAI_NONAME);
    e.error = EAI_NONAME;
    e.arguments.address = loopback(5000);
    e.arguments.flags = NI_NAMEREQD;
    e.arguments.buffer = 0x1000;
    e.arguments.addressBuffer = 0x2000;
    add(e, "getnameinfo({sa_family=AF_INET, sin_port=htons(5000), "
           "sin_addr=inet_addr(\"127.0.0.1\")}, 16, 0x1000, 1025, 0x2000, 32, NI_NAMEREQD) = -2 "
           "EAI_NONAME (Name or service not known)");

    e = made(Call::Fork, 4243);
    e.childActor = QStringLiteral("child");
    add(e, "fork() = 4243");

    e = made(Call::Vfork, 4244);
    e.childActor = QStringLiteral("child");
    add(e, "vfork() = 4244");

    e = made(Call::Clone, 4245);
    e.childActor = QStringLiteral("child");
    e.arguments.flags = CLONE_VM | CLONE_FILES;
    add(e, "clone(child_stack=NULL, flags=CLONE_VM|CLONE_FILES) = 4245");

    e = made(Call::Clone3, 4246);
    e.childActor = QStringLiteral("thread");
    e.arguments.flags = CLONE_VM | CLONE_FILES | CLONE_THREAD;
    e.arguments.count = 88;
    add(e, "clone3({flags=CLONE_VM|CLONE_FILES|CLONE_THREAD, ...}, 88) = 4246");

    e = made(Call::ExitGroup, -1);
    e.arguments.status = 3;
    e.neverReturned = true;
    add(e, "exit_group(3) = ?");

    e = made(Call::Execve, 0);
    e.arguments.program = QStringLiteral("/usr/bin/nc");
    e.arguments.argv = {QStringLiteral("nc"), QStringLiteral("-l")};
    e.arguments.buffer = 0x3000;
    add(e, "execve(\"/usr/bin/nc\", [\"nc\", \"-l\"], 0x3000) = 0");

    e = made(Call::PthreadCreate, 0);
    e.childActor = QStringLiteral("thread1");
    add(e, "pthread_create() = 0");
    return list;
}

} // namespace

// The vocabulary: every call has a name, a rendering, a saved form and a place in every
// projection.
class TestCallVocabulary : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyCallHasASample()
    {
        QSet<Call> sampled;
        for (const Sample& sample : samples())
            sampled.insert(sample.event.call);
        for (const Call call : Calls::all())
            QVERIFY2(sampled.contains(call),
                     qPrintable(QStringLiteral("no sample for %1()").arg(Calls::name(call))));
    }

    void namesAreUniqueAndFoundAgain()
    {
        QSet<QString> names;
        for (const Call call : Calls::all()) {
            const QString name = Calls::name(call);
            QVERIFY(!name.isEmpty());
            QVERIFY2(!names.contains(name), qPrintable(name));
            names.insert(name);
            QCOMPARE(Calls::fromName(name), std::optional<Call>(call));
        }
        QCOMPARE(Calls::fromName(u"not_a_call"), std::nullopt);
        QCOMPARE(names.size(), knownCallCount);
    }

    void rendersAsStraceDoes_data()
    {
        QTest::addColumn<int>("index");
        const QList<Sample> all = samples();
        for (int i = 0; i < all.size(); ++i)
            QTest::addRow("%s", Calls::info(all[i].event.call).name) << i;
    }
    void rendersAsStraceDoes()
    {
        QFETCH(int, index);
        const Sample sample = samples().at(index);
        QCOMPARE(sample.event.straceLine(), sample.strace);
    }

    // The saved form holds every typed value: read back, the event is the same.
    void roundTripsThroughTheSavedForm_data() { rendersAsStraceDoes_data(); }
    void roundTripsThroughTheSavedForm()
    {
        QFETCH(int, index);
        const CallEvent event = samples().at(index).event;
        QString error;
        const auto back = CallCodec::eventFromJson(CallCodec::eventToJson(event), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->straceLine(), event.straceLine());
        QVERIFY(*back == event);
    }

    // A call its process never returned from (it was killed inside): strace's "= ?", no
    // result, and the same after the saved form; a file from before the field reads as a
    // call that returned.
    void neverReturnedCallRoundTrips()
    {
        CallEvent event;
        event.seq = 7;
        event.tNs = 1000;
        event.actor = QStringLiteral("server 4242");
        event.pid = 4242;
        event.call = Call::Accept;
        event.arguments.fd = 3;
        event.ret = -1;
        event.neverReturned = true;
        event.blocked = true;
        QVERIFY(event.failed());
        QVERIFY(!event.returned());
        QVERIFY2(event.straceLine().endsWith(QStringLiteral("= ? <unfinished ...>")),
                 qPrintable(event.straceLine()));
        QJsonObject saved = CallCodec::eventToJson(event);
        QVERIFY(saved.value(QLatin1String("ret")).isNull());
        QCOMPARE(saved.value(QLatin1String("never_returned")).toBool(), true);
        QString error;
        const auto back = CallCodec::eventFromJson(saved, &error);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(*back == event);

        saved.remove(QStringLiteral("never_returned"));
        saved.insert(QStringLiteral("ret"), 0);
        const auto older = CallCodec::eventFromJson(saved, &error);
        QVERIFY2(older, qPrintable(error));
        QVERIFY(older->returned());
        QCOMPARE(older->ret, 0);
    }

    // Every projection takes every call without a complaint: the tuple, the stage, the
    // inferred packets; the engine answers those it does not make with ENOSYS.
    void everyProjectionTakesEveryCall()
    {
        const QList<Sample> all = samples();
        QList<CallEvent> calls;
        PacketInference inference;
        SyscallLayer engine;
        for (const Sample& sample : all) {
            SocketTuple tuple;
            TupleTracker::apply(tuple, sample.event);
            inference.packetsFor(sample.event);
            calls.append(sample.event);
            if (!Calls::has(sample.event.call, CallTrait::Performable) &&
                !Calls::has(sample.event.call, CallTrait::StartsActor)) {
                CallRequest request{sample.event.call, {}, 0, 0};
                QCOMPARE(engine.perform(request).error, ENOSYS);
            }
        }
        for (int cursor = 0; cursor <= calls.size(); ++cursor)
            QCOMPARE(projectStage(calls, cursor).cursor, cursor);
    }

    // The program's bytes and paths are shown as they are, even when they look like Qt's
    // placeholders.
    void placeholdersInTheProgramsTextStayText()
    {
        CallEvent bind = made(Call::Bind, 0);
        bind.arguments.fd = 3;
        bind.arguments.address = *SocketAddress::fromUnixPath(QStringLiteral("/tmp/%1%2"));
        QCOMPARE(bind.straceLine(),
                 QStringLiteral("bind(3, {sa_family=AF_UNIX, sun_path=\"/tmp/%1%2\"}, ") +
                     QString::number(bind.arguments.address.length()) + QStringLiteral(") = 0"));
        CallEvent writev = made(Call::Writev, 4);
        writev.arguments.fd = 4;
        writev.arguments.vector = {{4, "%1%2"}};
        QCOMPARE(writev.straceLine(),
                 QStringLiteral("writev(4, [{iov_base=\"%1%2\", iov_len=4}], 1) = 4"));
        CallEvent sendto = made(Call::SendTo, 2);
        sendto.arguments.fd = 4;
        sendto.arguments.payload = "%1";
        sendto.arguments.address = bind.arguments.address;
        QVERIFY(sendto.straceLine().contains(QLatin1String("sun_path=\"/tmp/%1%2\"}")));
    }

    void traitsAreConsistent()
    {
        for (const Call call : Calls::all()) {
            const QString name = Calls::name(call);
            // A call that sends or receives bytes does so on a descriptor.
            if (Calls::has(call, CallTrait::SendsData) || Calls::has(call, CallTrait::ReceivesData))
                QVERIFY2(Calls::has(call, CallTrait::TakesDescriptor), qPrintable(name));
            QVERIFY2(!(Calls::has(call, CallTrait::SendsData) &&
                       Calls::has(call, CallTrait::ReceivesData)),
                     qPrintable(name));
        }
        QVERIFY(Calls::performable().contains(Call::Accept));
        QVERIFY(!Calls::performable().contains(Call::EpollWait));
    }
};

QTEST_GUILESS_MAIN(TestCallVocabulary)
#include "tst_callvocabulary.moc"
